"""Small geometric helpers shared by the criteria (pure functions, cached per plan).

Plan hashes by identity, so ``lru_cache`` on a plan is a per-plan cache.
"""

from __future__ import annotations

import math
import weakref
from functools import lru_cache

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from floorplans.model import Furniture, Plan, Room, RoomKind

__all__ = [
    "SEAT_TYPES",
    "free_space",
    "largest_polygon",
    "room_centre",
    "seat_points",
    "room_seats",
    "room_points",
    "ring_coords",
    "clear_ring_memo",
    "polygons_of",
    "clearance_circle",
    "SURE_FITS",
    "centroid_fits",
    "NOISY_KINDS",
    "QUIET_KINDS",
    "CONVERSATION_KINDS",
]

#: Furniture types that are somewhere to sit.
SEAT_TYPES = frozenset({"seat", "chair", "sofa", "bench", "armchair", "stool"})
#: Sources of noise and bustle (plan research §3.3 WELL S01 loud zones).
NOISY_KINDS = (RoomKind.entrance, RoomKind.reception, RoomKind.waiting, RoomKind.play_area, RoomKind.open_office)
#: Rooms meant to be quiet.
QUIET_KINDS = (RoomKind.quiet_nook, RoomKind.green_area)
#: Rooms where a citizen talks with a caseworker.
CONVERSATION_KINDS = (RoomKind.meeting_room,)


@lru_cache(maxsize=256)
def _obstacles(plan: Plan) -> tuple[tuple[Furniture, ...], shapely.STRtree | None]:
    items = tuple(f for f in plan.furniture if f.is_obstacle and f.geometry.is_valid)
    return items, (shapely.STRtree([f.geometry for f in items]) if items else None)


@lru_cache(maxsize=1024)
def _free_space_cached(plan: Plan, room_id: str) -> BaseGeometry:
    room = plan.room(room_id)
    geom = room.geometry
    items, tree = _obstacles(plan)
    if tree is None:
        return geom
    hits = tree.query(geom, predicate="intersects")
    if len(hits) == 0:
        return geom
    return geom.difference(shapely.union_all([items[i].geometry for i in hits]))


def free_space(plan: Plan, room: Room) -> BaseGeometry:
    """The room's floor minus furniture drawn as polygons (where one can stand)."""
    return _free_space_cached(plan, room.id)


def largest_polygon(geom: BaseGeometry) -> Polygon:
    """The largest polygon part of a geometry (empty Polygon if none)."""
    if isinstance(geom, Polygon):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]
    if not parts:
        return Polygon()
    return max(parts, key=lambda g: g.area)


#: A point on a floor farther than a radius plus this (m) from its outline lies in the floor eroded by that
#: radius: more than the 1 % of the radius by which GEOS may simplify the outline before eroding (polygonised
#: arcs only enlarge the erosion), with room left for a piece larger than a 1 cm2 crumb.
SURE_FITS = 0.02


def centroid_fits(floor: BaseGeometry, radius: float) -> bool:
    """Whether the centroid of the floor's largest part lies on it farther than ``radius + SURE_FITS`` from its
    outline: then ``floor.buffer(-radius)`` is not empty (a proof cheaper than eroding, even a rectangle)."""
    poly = largest_polygon(floor)
    if poly.is_empty:
        return False
    centre = poly.centroid
    return bool(poly.contains(centre)) and poly.boundary.distance(centre) > radius + SURE_FITS


def clearance_circle(geom: BaseGeometry, tolerance: float = 0.02) -> tuple[tuple[float, float], float]:
    """Centre and radius of the largest circle that fits in the geometry (largest part), to ``tolerance`` m."""
    poly = largest_polygon(geom)
    if poly.is_empty:
        return (math.nan, math.nan), 0.0
    line = shapely.maximum_inscribed_circle(poly, tolerance)
    (cx, cy), (ex, ey) = line.coords[0], line.coords[-1]
    return (cx, cy), math.hypot(ex - cx, ey - cy)


@lru_cache(maxsize=1024)
def _centre_cached(plan: Plan, room_id: str) -> tuple[float, float]:
    room = plan.room(room_id)
    floor = free_space(plan, room)
    if floor is room.geometry and not room.geometry.interiors and room.geometry.convex_hull.area - room.geometry.area < 1e-6:
        c = room.geometry.centroid  # a convex, empty room: its centroid is the point farthest from the walls' average
        return (c.x, c.y)
    (cx, cy), r = clearance_circle(floor, tolerance=0.1)
    if r > 0:
        return (cx, cy)
    p = room.geometry.representative_point()
    return (p.x, p.y)


def room_centre(plan: Plan, room: Room) -> tuple[float, float]:
    """The point of the room farthest from walls and furniture: where the room 'is' for routes."""
    return _centre_cached(plan, room.id)


def _furniture_point(f: Furniture) -> tuple[float, float]:
    if f.point is not None:
        return (f.point[0], f.point[1])
    c = f.geometry.centroid
    return (c.x, c.y)


@lru_cache(maxsize=256)
def _seats(plan: Plan) -> tuple[tuple[str, float, float, str | None], ...]:
    from floorplans.topology import room_at

    out = []
    for f in plan.furniture:
        if f.type.lower() in SEAT_TYPES:
            x, y = _furniture_point(f)
            room = room_at(plan, x, y)
            out.append((f.id, x, y, room.id if room else None))
    return tuple(out)


def seat_points(plan: Plan) -> list[tuple[str, float, float, str | None]]:
    """Every seat: (id, x, y, room id or None)."""
    return list(_seats(plan))


def room_seats(plan: Plan, room: Room) -> list[tuple[str, float, float]]:
    return [(sid, x, y) for sid, x, y, rid in _seats(plan) if rid == room.id]


def room_points(plan: Plan, room: Room, limit: int = 3) -> list[tuple[float, float]]:
    """Where people sit in the room (up to ``limit`` seats, spread out), else its centre."""
    seats = room_seats(plan, room)
    if not seats:
        return [room_centre(plan, room)]
    if len(seats) <= limit:
        return [(x, y) for _, x, y in seats]
    step = len(seats) / limit
    return [(seats[int(i * step)][1], seats[int(i * step)][2]) for i in range(limit)]


_RINGS: dict[int, tuple[weakref.ref[BaseGeometry], tuple[tuple[float, float], ...]]] = {}


def clear_ring_memo() -> None:
    """Forget every rounded ring (benchmarks: a cold score rounds each outline afresh)."""
    _RINGS.clear()


def ring_coords(geom: BaseGeometry) -> list[tuple[float, float]]:
    """The exterior ring of the largest polygon, rounded to the millimetre (read as one array, not point by point).

    Several criteria draw the same rooms, and rounding is a Python call per
    figure; geometries are immutable, so each one's ring is rounded once
    (kept while the geometry lives: the weak reference proves the id is still it).
    """
    hit = _RINGS.get(id(geom))
    if hit is not None and hit[0]() is geom:
        return list(hit[1])
    poly = largest_polygon(geom)
    ring = () if poly.is_empty else tuple([(round(x, 3), round(y, 3)) for x, y in shapely.get_coordinates(poly.exterior).tolist()])
    if len(_RINGS) >= 4096:
        _RINGS.clear()
    _RINGS[id(geom)] = (weakref.ref(geom), ring)
    return list(ring)


def polygons_of(rooms: list[Room]) -> list[list[tuple[float, float]]]:
    return [ring_coords(r.geometry) for r in rooms]


def point_in(geom: BaseGeometry, x: float, y: float) -> bool:
    return geom.covers(Point(x, y))


__all__ += ["point_in"]
