"""Walls: where a door or window may sit, and what sits on a room's walls.

A wall here is a straight stretch of one room's edge that faces the same
room(s) all along, found from the plan's rooms (plans have no wall features).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shapely.geometry import LineString, Point

from ..model import Door, Feature, Opening, Plan, Room, Window
from ..problems import Problem
from ..topology import ON_WALL_TOLERANCE, rooms_on_segment
from .grid import snap_point
from .result import problem

__all__ = ["Wall", "attached_features", "covered_windows", "segment_on_wall", "wall_at"]

#: Keep a door this far from the corners of its wall.
CORNER_MARGIN = 0.1
#: Positions along an edge closer than this count as the same.
_EPS = 1e-6

Segment = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Wall:
    """A straight stretch of wall with the same room(s) on it: where a door or window may sit."""

    start: tuple[float, float]
    end: tuple[float, float]
    rooms: tuple[str, ...]

    @property
    def line(self) -> LineString:
        return LineString([self.start, self.end])

    @property
    def is_exterior(self) -> bool:
        return len(self.rooms) == 1


def wall_at(plan: Plan, x: float, y: float, *, exterior_only: bool = False, max_distance: float = 2.0) -> Wall | None:
    """The wall nearest the point: the stretch of one room edge that has the same neighbour all along.

    A room edge can face several rooms (a corridor wall) or partly the
    outside; the stretch returned is the part around the point's projection
    that faces the same room(s) as the projection itself, so a door placed
    within it joins exactly those rooms.
    """
    point = Point(x, y)
    nearest = _nearest_edge(plan, point, max_distance)
    if nearest is None:
        return None
    owner, edge = nearest
    t = edge.project(point)
    lo, hi = 0.0, edge.length
    neighbours: list[str] = []
    for other in plan.rooms:
        if other.id == owner.id or not other.geometry.is_valid or other.geometry.distance(edge) > ON_WALL_TOLERANCE:
            continue
        for a, b in _shared_stretches(edge, other):
            if a - _EPS <= t <= b + _EPS:
                neighbours.append(other.id)
                lo, hi = max(lo, a), min(hi, b)
            elif b < t:
                lo = max(lo, b)
            else:
                hi = min(hi, a)
    if exterior_only and neighbours:
        return None
    start, end = edge.interpolate(lo), edge.interpolate(hi)
    return Wall(start=(start.x, start.y), end=(end.x, end.y), rooms=(owner.id, *neighbours))


def _edges(room: Room) -> list[LineString]:
    ring = room.rings[0]
    return [LineString([ring[i], ring[i + 1]]) for i in range(len(ring) - 1) if ring[i] != ring[i + 1]]


def _nearest_edge(plan: Plan, point: Point, max_distance: float) -> tuple[Room, LineString] | None:
    """The room edge nearest the point within ``max_distance`` (the first of equals), with its room."""
    best: tuple[float, Room, LineString] | None = None
    for room in plan.rooms:
        if not room.geometry.is_valid:
            continue
        for edge in _edges(room):
            d = edge.distance(point)
            if d <= max_distance and (best is None or d < best[0] - 1e-9):
                best = (d, room, edge)
    return None if best is None else (best[1], best[2])


def _shared_stretches(edge: LineString, other: Room) -> Iterator[tuple[float, float]]:
    """The stretches (from, to along the edge) where the edge runs along the other room's boundary."""
    shared = edge.intersection(other.geometry.boundary.buffer(ON_WALL_TOLERANCE))
    for piece in getattr(shared, "geoms", [shared]):
        if piece.is_empty or piece.length < ON_WALL_TOLERANCE:
            continue
        a, b = sorted(edge.project(Point(c)) for c in (piece.coords[0], piece.coords[-1]))
        # the buffer reaches round a neighbour's corner: trim it back so touching
        # corners do not count as a shared wall
        if a > _EPS:
            a += ON_WALL_TOLERANCE
        if b < edge.length - _EPS:
            b -= ON_WALL_TOLERANCE
        if b - a >= ON_WALL_TOLERANCE:
            yield a, b


def segment_on_wall(wall: Wall, x: float, y: float, width: float, grid: float | None) -> Segment | Problem:
    """An opening of ``width`` on the wall, centred at the point's projection but clear of the corners."""
    line = wall.line
    length = line.length
    usable = length - 2 * CORNER_MARGIN
    if usable < 0.3:
        return problem("wall-too-short", f"that wall is only {length:.2f} m long: too short for an opening")
    width = min(width, usable)
    sx, sy = snap_point((x, y), grid)
    t = line.project(Point(sx, sy))
    t = min(max(t, CORNER_MARGIN + width / 2), length - CORNER_MARGIN - width / 2)
    a, b = line.interpolate(t - width / 2), line.interpolate(t + width / 2)
    return (round(a.x, 3), round(a.y, 3)), (round(b.x, 3), round(b.y, 3))


def covered_windows(plan: Plan, room: Room) -> list[str]:
    """Windows of the plan that a new room built against the outside wall would cover."""
    if not room.geometry.is_valid:
        return []
    near = room.geometry.buffer(ON_WALL_TOLERANCE)
    return [w.id for w in plan.windows if w.geometry.intersection(near).length > ON_WALL_TOLERANCE]


def attached_features(plan: Plan, room: Room) -> list[Feature]:
    """Doors, openings and windows on the room's walls, and furniture inside it."""
    attached: list[Feature] = []
    on_walls: tuple[Door | Opening | Window, ...] = (*plan.doors, *plan.openings, *plan.windows)
    for f in on_walls:
        if any(r.id == room.id for r in rooms_on_segment(plan, f.geometry)):
            attached.append(f)
    inside = room.geometry.buffer(ON_WALL_TOLERANCE)
    attached += [f for f in plan.furniture if inside.covers(f.geometry)]
    return attached
