"""What each seat sees out of the windows: the horizontal angle of glass at eye height, and of glass onto green.

Shared by the view-out and green criteria so each seat's isovist is cut
against the windows once. The isovists come from the caller (the criteria's
per-plan cache), so this module stays free of the criteria package.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from floorplans.model import Plan, Room, View

from ..geometry import free_space, room_centre, room_seats
from .view import angle_of, at_eye_height, reach, visible_parts

__all__ = ["SeatView", "floor_points", "view_points", "seat_views"]

XY = tuple[float, float]
#: At most this many seats per room are looked from (spread over the room's seats).
SEATS_PER_ROOM = 6
#: A room with no seats drawn is judged from a grid of this spacing over its floor (m), this far from its walls (m),
#: with at most FLOOR_POINTS points (the spacing grows in a large room).
FLOOR_GRID, FLOOR_INSET, FLOOR_POINTS = 1.2, 0.5, 12


@dataclass(frozen=True)
class SeatView:
    """One seat (or a seatless room's centre) and the degrees of window it sees horizontally."""

    room_id: str
    xy: XY
    seat: bool  # a drawn seat; False: a point on a seatless room's floor (or its centre)
    window_angle: float  # glass at seated eye height, looking out on something
    green_angle: float  # the part of it onto green


def _grid(floor: shapely.Geometry, spacing: float) -> list[XY]:
    """Points of a grid of this spacing, centred on the floor's bounds, that lie on the floor (row by row)."""
    minx, miny, maxx, maxy = floor.bounds
    nx, ny = int((maxx - minx) // spacing) + 1, int((maxy - miny) // spacing) + 1
    x0, y0 = (minx + maxx - (nx - 1) * spacing) / 2, (miny + maxy - (ny - 1) * spacing) / 2
    xs, ys = np.meshgrid(x0 + spacing * np.arange(nx), y0 + spacing * np.arange(ny))
    xs, ys = np.round(xs.ravel(), 3), np.round(ys.ravel(), 3)
    inside = shapely.contains_xy(floor, xs, ys)
    return [(float(x), float(y)) for x, y in zip(xs[inside], ys[inside], strict=True)]


@lru_cache(maxsize=1024)
def _floor_points(plan: Plan, room_id: str, spacing: float, inset: float, limit: int) -> tuple[XY, ...]:
    room = plan.room(room_id)
    floor = free_space(plan, room).buffer(-inset, join_style="mitre")
    if floor.is_empty:
        return (room_centre(plan, room),)
    shapely.prepare(floor)
    points = _grid(floor, spacing)
    while len(points) > limit:  # a large room: spread the same number of points wider
        spacing *= max(1.05, math.sqrt(len(points) / limit))
        points = _grid(floor, spacing)
    return tuple(points) or (room_centre(plan, room),)


def floor_points(plan: Plan, room: Room, spacing: float = FLOOR_GRID, inset: float = FLOOR_INSET,
                 limit: int = FLOOR_POINTS) -> list[XY]:
    """Sample points over the room's free floor: a ``spacing`` m grid ``inset`` m from the walls and furniture.

    At most ``limit`` points (a wider grid in a large room); a room too small
    for any grid point gives its centre. A seatless room where people stay is
    judged where people may stand or sit anywhere on its floor, not from one point.
    """
    return list(_floor_points(plan, room.id, spacing, inset, limit))


def view_points(plan: Plan, room: Room, limit: int = SEATS_PER_ROOM, floor: bool = False) -> tuple[list[XY], bool]:
    """Where people sit in the room (up to ``limit`` seats, spread out), and whether they are seats.

    A room without seats: its centre, or with ``floor`` sample points over its floor (``floor_points``).
    """
    seats = room_seats(plan, room)
    if not seats:
        return (floor_points(plan, room) if floor else [room_centre(plan, room)]), False
    if len(seats) <= limit:
        return [(x, y) for _, x, y in seats], True
    step = len(seats) / limit
    return [(seats[int(i * step)][1], seats[int(i * step)][2]) for i in range(limit)], True


def seat_views(plan: Plan, rooms: Sequence[Room], isovists: Callable[[Plan, list[XY]], list],
               floor: bool = False) -> list[SeatView]:
    """Every seat's view out in these rooms (its isovist cut against the windows at eye height).

    ``floor``: a seatless room is looked from sample points over its floor rather than its centre.
    """
    return list(_seat_views(plan, tuple(r.id for r in rooms), isovists, floor))


@lru_cache(maxsize=64)
def _seat_views(plan: Plan, room_ids: tuple[str, ...], isovists: Callable, floor: bool = False) -> tuple[SeatView, ...]:
    windows = [w for w in plan.windows if at_eye_height(w)]
    points: list[tuple[str, XY, bool]] = []
    for rid in room_ids:
        xys, seated = view_points(plan, plan.room(rid), floor=floor)
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
