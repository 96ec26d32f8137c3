"""Drawing rooms and changing their kind, name, capacity or public flag."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import ValidationError
from shapely.geometry import Polygon

from ..kinds import KIND_LABELS, kind_noun, with_article
from ..model import AcousticFinish, Plan, Room, RoomKind, evolve
from .grid import DEFAULT_GRID, closed_ring, new_id, snap_point
from .result import EditResult, check_edit, problem
from .walls import covered_windows

__all__ = ["add_polygon_room", "add_rect_room", "room_sentence", "set_room"]


def add_polygon_room(
    plan: Plan,
    points: Sequence[Sequence[float]],
    kind: RoomKind | str = RoomKind.meeting_room,
    name: str = "",
    *,
    grid: float | None = DEFAULT_GRID,
    room_id: str | None = None,
    capacity: int | None = None,
) -> EditResult:
    """Add a room drawn as a polygon (its corners in order; closing is automatic)."""
    try:
        ring = closed_ring(points, grid)
    except (TypeError, ValueError, IndexError) as exc:
        return EditResult.refused(plan, problem("invalid-polygon", f"the new room's corners are not numbers: {exc}"))
    rid = room_id or new_id(plan, "room")
    if len(ring) < 4:
        return EditResult.refused(plan, problem("invalid-polygon", f"room {rid!r} needs at least 3 distinct corners on the {grid or 0:g} m grid, got {max(len(ring) - 1, 0)}", rid))
    if rid in plan.by_id:
        return EditResult.refused(plan, problem("duplicate-id", f"the id {rid!r} is already used", rid))
    try:
        kind = RoomKind(kind)
    except ValueError:
        return EditResult.refused(plan, problem("unknown-kind", f"“{kind}” is not a room kind (one of {', '.join(KIND_LABELS.values())})", rid))
    polygon = Polygon(ring)
    if polygon.is_valid and polygon.exterior.is_ccw is False:
        ring = list(reversed(ring))  # GeoJSON right-hand rule: exterior counter-clockwise
    try:
        room = Room(id=rid, kind=kind, name=name, rings=[ring], capacity=capacity)
    except ValidationError as exc:
        return EditResult.refused(plan, problem("invalid-polygon", f"room {rid!r}: {exc.errors()[0]['msg']}", rid))
    area = room.geometry.area if room.geometry.is_valid else 0.0
    new_plan = plan.with_feature(room)
    covered = covered_windows(plan, room)
    for wid in covered:
        new_plan = new_plan.without(wid)
    extra = (f" It covered window{'s' if len(covered) > 1 else ''} {', '.join(covered)}, now removed." if covered else "")
    named = f"{name} ({rid})" if name else rid
    return check_edit(plan, new_plan, f"Added {with_article(kind_noun(kind))}, {named}, of {area:.1f} m².{extra}", rid)


def add_rect_room(
    plan: Plan,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    kind: RoomKind | str = RoomKind.meeting_room,
    name: str = "",
    *,
    grid: float | None = DEFAULT_GRID,
    room_id: str | None = None,
    capacity: int | None = None,
) -> EditResult:
    """Add a rectangular room between two opposite corners."""
    (ax, ay), (bx, by) = snap_point((x0, y0), grid), snap_point((x1, y1), grid)
    lo_x, hi_x, lo_y, hi_y = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
    if hi_x - lo_x <= 0 or hi_y - lo_y <= 0:
        rid = room_id or new_id(plan, "room")
        return EditResult.refused(plan, problem("invalid-polygon", f"room {rid!r} would have no area: drag out a rectangle at least one grid step ({grid or 0.001:g} m) wide and deep", rid))
    corners = [(lo_x, lo_y), (hi_x, lo_y), (hi_x, hi_y), (lo_x, hi_y)]
    return add_polygon_room(plan, corners, kind, name, grid=None, room_id=room_id, capacity=capacity)


def set_room(
    plan: Plan,
    room_id: str,
    *,
    kind: RoomKind | str | None = None,
    name: str | None = None,
    capacity: int | None | Literal["keep"] = "keep",
    public: bool | None | Literal["keep"] = "keep",
    height: float | None = None,
    acoustic_finish: AcousticFinish | str | None = None,
    wall_sound_rating: float | None = None,
) -> EditResult:
    """Change a room's kind, name, capacity, public flag, ceiling height, acoustic finish or wall sound rating."""
    room = plan.get(room_id)
    if not isinstance(room, Room):
        return EditResult.refused(plan, problem("unknown-feature", f"there is no room with id {room_id!r}", room_id))
    changes: dict[str, Any] = {}
    if kind is not None:
        try:
            changes["kind"] = RoomKind(kind)
        except ValueError:
            return EditResult.refused(plan, problem("unknown-kind", f"“{kind}” is not a room kind", room_id))
    if name is not None:
        changes["name"] = name
    if capacity != "keep":
        changes["capacity"] = capacity
    if public != "keep":
        changes["public"] = public
    physical = {"height": height, "acoustic_finish": acoustic_finish, "wall_sound_rating": wall_sound_rating}
    changes.update({k: v for k, v in physical.items() if v is not None})
    changes = {k: v for k, v in changes.items() if getattr(room, k) != v}
    if not changes:
        return EditResult.unchanged(plan)
    try:
        updated = evolve(room, **changes)
    except ValidationError as exc:
        return EditResult.refused(plan, problem("invalid-value", f"room {room_id!r}: {exc.errors()[0]['msg']}", room_id))
    return check_edit(plan, plan.with_feature(updated), room_sentence(room, updated, list(changes)), room_id)


#: How an acoustic finish reads in a sentence.
_FINISH_WORDS = {AcousticFinish.hard: "hard surfaces", AcousticFinish.standard: "a standard finish",
                 AcousticFinish.absorbent: "an absorbent finish"}


def room_sentence(before: Room, after: Room, changed: Sequence[str]) -> str:
    """What a room edit did, as a plain sentence: "Room Stille krog (sr1) is now a quiet nook, open to citizens."

    The clauses are grouped by their verb (is / has / seats), in the order a reader looks for them.
    """
    groups: dict[str, list[str]] = {"is": [], "seats": [], "has": []}
    if "kind" in changed:
        groups["is"].append(f"now {with_article(kind_noun(after.kind))}")
    renamed = f"renamed from “{before.name}”" if before.name else "named"
    if "name" in changed and len(changed) == 1:
        groups["is"].append(renamed)
    if "public" in changed:
        groups["is"].append({True: "open to citizens", False: "for staff only", None: "public or not as its kind has it"}[after.public])
    if "capacity" in changed:
        if after.capacity:
            groups["seats"].append(f"{after.capacity} {'person' if after.capacity == 1 else 'people'}")
        else:
            groups["has"].append("no seat count")
    if "height" in changed:
        groups["has"].append(f"a {after.height:g} m ceiling")
    if "acoustic_finish" in changed:
        groups["has"].append(_FINISH_WORDS.get(after.acoustic_finish, f"a {after.acoustic_finish.value} finish"))
    if "wall_sound_rating" in changed:
        groups["has"].append(f"walls of R'w {after.wall_sound_rating:g} dB")
    # "is now a quiet nook, open to citizens": the states of one "is" read as one phrase
    parts = [f"{verb} {', '.join(words) if verb == 'is' else _listed(words)}" for verb, words in groups.items() if words]
    who = f"Room {after.name} ({after.id})" if after.name else f"Room {after.id}"
    if "name" in changed and len(changed) > 1:
        who += f", {renamed},"
    return f"{who} {_listed(parts)}."


def _listed(words: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
