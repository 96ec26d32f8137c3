"""Step 5: door models from placed doors: duplicates dropped, widths checked, one public entrance guessed."""

from __future__ import annotations

from collections import defaultdict

from ...model import Door, Plan, Room, RoomKind
from ...topology import ON_WALL_TOLERANCE, rooms_on_segment
from ..physical import door_physical
from ..report import ImportOptions, LevelReport
from .placement import Placed
from .shapes import model_points

__all__ = ["WIDTH_ESTIMATED", "door_models"]

#: The door property (plan-format.md, door ``width_estimated``): the file gave no clear width; it was measured from the drawing.
WIDTH_ESTIMATED = "width_estimated"

_KIND_PRIORITY_FOR_ENTRANCE = {
    RoomKind.entrance: 0,
    RoomKind.reception: 1,
    RoomKind.waiting: 1,
    RoomKind.corridor: 2,
}
_UNLIKELY_ENTRANCE_KINDS = (RoomKind.wc, RoomKind.wc_accessible, RoomKind.stairs, RoomKind.lift)

#: A placed door and the clear width to keep (None: the drawn width is used).
Sized = tuple[Placed, float | None]


def door_models(placed: list[Placed], rooms: list[Room], options: ImportOptions, report: LevelReport) -> list[Door]:
    """Door models; widths checked against the drawn opening; one entrance guessed if none is given."""
    doors = _distinct(placed, report)
    _judge_rooms(doors, rooms)
    chosen = _entrances(doors, rooms, options, report)
    result = [
        Door(
            id=f"d{k + 1}",
            points=model_points(p.segment),
            clear_width=round(width, 3) if width else None,
            entrance=k in chosen,
            automatic=p.source.automatic,
            extra={WIDTH_ESTIMATED: True} if width is None or p.source.width_estimated else {},
            **door_physical(p.source.physical, p.source.source, report),
        )
        for k, (p, width) in enumerate(doors)
    ]
    estimated = [d.id for d in result if d.extra.get(WIDTH_ESTIMATED)]
    report.counts["doors_width_estimated"] = len(estimated)
    if estimated:
        report.defaults.append(
            f"door width: {len(estimated)} of {len(result)} doors have no clear width in the file; the width drawn is used "
            f"(marked estimated, check them: {', '.join(estimated[:12])}{' ...' if len(estimated) > 12 else ''})"
        )
    return result


def _distinct(placed: list[Placed], report: LevelReport) -> list[Sized]:
    """One door per place (later ones there are dropped), with a stated width only where it fits the wall."""
    doors: list[Sized] = []
    seen: dict[tuple[tuple[float, float], ...], int] = defaultdict(int)
    for p in placed:
        key = tuple(sorted(model_points(p.segment)))
        seen[key] += 1
        if seen[key] > 1:
            report.drop(p.source.source or "a door", "another door already sits in the same place")
            continue
        width = p.source.clear_width
        if width is not None and width > p.segment.length + ON_WALL_TOLERANCE:
            report.warnings.append(
                f"{p.source.source}: clear width {width:.2f} m is more than the {p.segment.length:.2f} m found in the wall; the drawn width is used"
            )
            width = None
        doors.append((p, width))
    return doors


def _judge_rooms(doors: list[Sized], rooms: list[Room]) -> None:
    """Set each door's rooms the way validation and scoring will judge them (topology.rooms_on_segment)."""
    rooms_only = Plan(rooms=tuple(rooms))
    index = {r.id: n for n, r in enumerate(rooms)}
    for p, _ in doors:
        p.rooms = tuple(index[r.id] for r in rooms_on_segment(rooms_only, p.segment))


def _entrances(doors: list[Sized], rooms: list[Room], options: ImportOptions, report: LevelReport) -> set[int]:
    """The doors (positions) that are public entrances: those the file marks, else one guessed exterior door."""
    exterior = [(k, p) for k, (p, _) in enumerate(doors) if len(p.rooms) == 1]
    chosen: set[int] = {k for k, (p, _) in enumerate(doors) if p.source.entrance and len(p.rooms) == 1}
    if not chosen and options.guess_entrance and exterior:
        k, p = min(exterior, key=lambda item: _entrance_rank(rooms[item[1].rooms[0]]))
        chosen = {k}
        room = rooms[p.rooms[0]]
        report.guessed.append(
            f"d{k + 1} is taken as the public entrance: an exterior door into {room.label or room.id!r} ({room.kind.value})"
        )
    elif not exterior:
        report.warnings.append("no door lies on the building's outside wall, so no entrance could be marked")
    return chosen


def _entrance_rank(room: Room) -> tuple[int, float]:
    """Lower is likelier: entrance rooms first, then reception and waiting, corridors; toilets and private rooms last; larger first."""
    unlikely = room.kind in _UNLIKELY_ENTRANCE_KINDS or not room.is_public
    priority = _KIND_PRIORITY_FOR_ENTRANCE.get(room.kind, 4 if unlikely else 3)
    return priority, -room.geometry.area
