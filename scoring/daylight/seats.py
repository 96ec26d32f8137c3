"""What each seat sees out of the windows: the horizontal angle of glass at eye height, and of glass onto green.

Shared by the view-out and green criteria so each seat's isovist is cut
against the windows once. The isovists come from the caller (the criteria's
per-plan cache), so this module stays free of the criteria package.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import shapely

from floorplans.model import Plan, Room, View

from ..geometry import room_centre, room_seats
from .view import angle_of, at_eye_height, reach, visible_parts

__all__ = ["SeatView", "view_points", "seat_views"]

XY = tuple[float, float]
#: At most this many seats per room are looked from (spread over the room's seats).
SEATS_PER_ROOM = 6


@dataclass(frozen=True)
class SeatView:
    """One seat (or a seatless room's centre) and the degrees of window it sees horizontally."""

    room_id: str
    xy: XY
    seat: bool  # a drawn seat; False: the room's centre
    window_angle: float  # glass at seated eye height, looking out on something
    green_angle: float  # the part of it onto green


def view_points(plan: Plan, room: Room, limit: int = SEATS_PER_ROOM) -> tuple[list[XY], bool]:
    """Where people sit in the room (up to ``limit`` seats, spread out), else its centre; and whether they are seats."""
    seats = room_seats(plan, room)
    if not seats:
        return [room_centre(plan, room)], False
    if len(seats) <= limit:
        return [(x, y) for _, x, y in seats], True
    step = len(seats) / limit
    return [(seats[int(i * step)][1], seats[int(i * step)][2]) for i in range(limit)], True


def seat_views(plan: Plan, rooms: Sequence[Room], isovists: Callable[[Plan, list[XY]], list]) -> list[SeatView]:
    """Every seat's view out in these rooms (its isovist cut against the windows at eye height)."""
    return list(_seat_views(plan, tuple(r.id for r in rooms), isovists))


@lru_cache(maxsize=64)
def _seat_views(plan: Plan, room_ids: tuple[str, ...], isovists: Callable) -> tuple[SeatView, ...]:
    windows = [w for w in plan.windows if at_eye_height(w)]
    points: list[tuple[str, XY, bool]] = []
    for rid in room_ids:
        xys, seated = view_points(plan, plan.room(rid))
        points += [(rid, xy, seated) for xy in xys]
    if not points:
        return ()
    if not windows:
        return tuple(SeatView(rid, xy, seated, 0.0, 0.0) for rid, xy, seated in points)
    isos = isovists(plan, [xy for _, xy, _ in points])
    lines = shapely.STRtree([w.geometry for w in windows])
    out = []
    for (rid, xy, seated), iso in zip(points, isos, strict=True):
        grown = reach(iso.polygon)
        shapely.prepare(grown)
        near = [windows[i] for i in sorted(lines.query(grown, predicate="intersects"))]
        parts = [(w, visible_parts(w, iso.polygon, grown)) for w in near]
        eye = iso.origin  # the seat, or just off it where the seat sits on a wall
        out.append(SeatView(rid, xy, seated, angle_of(eye, [p for _, ps in parts for p in ps]),
                            angle_of(eye, [p for w, ps in parts if w.view == View.green for p in ps])))
    return tuple(out)
