"""Small geometric helpers shared by the criteria (pure functions, cached per plan).

Plan hashes by identity, so ``lru_cache`` on a plan is a per-plan cache.
"""

from __future__ import annotations

import math
import weakref
from functools import lru_cache

import numpy as np
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
    "points_fit",
    "convex_outlines",
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
    return points_fit([floor], None, radius)[0]


def points_fit(floors: list[BaseGeometry], points: list[tuple[float, float]] | None, radius: float) -> list[bool]:
    """:func:`centroid_fits` of many floors, one call of each test for all: per floor, whether the point
    (``points``; None: the centroid of the floor's largest part) lies on that part farther than ``radius + SURE_FITS``
    from its outline."""
    polys = np.array([largest_polygon(f) for f in floors], dtype=object)
    at = shapely.centroid(polys) if points is None else shapely.points(np.asarray(points, dtype=float).reshape(-1, 2))
    on = ~shapely.is_empty(polys)
    on[on] = shapely.contains(polys[on], at[on])
    on[on] = shapely.distance(shapely.boundary(polys[on]), at[on]) > radius + SURE_FITS
    return on.tolist()


def clearance_circle(geom: BaseGeometry, tolerance: float = 0.02) -> tuple[tuple[float, float], float]:
    """Centre and radius of the largest circle that fits in the geometry (largest part), to ``tolerance`` m."""
    poly = largest_polygon(geom)
    if poly.is_empty:
        return (math.nan, math.nan), 0.0
    line = shapely.maximum_inscribed_circle(poly, tolerance)
    (cx, cy), (ex, ey) = line.coords[0], line.coords[-1]
    return (cx, cy), math.hypot(ex - cx, ey - cy)


@lru_cache(maxsize=256)
def convex_outlines(plan: Plan) -> tuple[bool, ...]:
    """Per room (in plan order): whether its outline is convex (fills its hull, to 1e-6 m2) and has no holes.

    Asked of every room by the room centres and by the walking paths (of the rooms without furniture):
    worked out once, in one call over all the rooms.
    """
    outlines = np.array([room.geometry for room in plan.rooms], dtype=object)
    hull = shapely.area(shapely.convex_hull(outlines)) - shapely.area(outlines)
    return tuple(((shapely.get_num_interior_rings(outlines) == 0) & (hull < 1e-6)).tolist())


@lru_cache(maxsize=256)
def _centres(plan: Plan) -> dict[str, tuple[float, float]]:
    """Every room's centre (:func:`room_centre`), by room id, worked out for all the rooms at once.

    A full score asks for every room's centre (the walking routes join them all). Asked room by room,
    the shapely calls cost more in their wrapping than GEOS does for most rooms; here each is one call
    over all the rooms: the same GEOS functions on the same geometries, so the same answers.
    """
    rooms = plan.rooms
    if not rooms:
        return {}
    floors = [free_space(plan, room) for room in rooms]
    outlines = np.array([room.geometry for room in rooms], dtype=object)
    # a convex, empty room: its centroid is the point farthest from the walls' average
    convex = [floor is room.geometry and c for floor, room, c in zip(floors, rooms, convex_outlines(plan), strict=True)]
    centre: list[tuple[float, float] | None] = [None] * len(rooms)
    at = [k for k, c in enumerate(convex) if c]
    middles = shapely.centroid(outlines[at])
    for k, x, y in zip(at, shapely.get_x(middles).tolist(), shapely.get_y(middles).tolist(), strict=True):
        centre[k] = (x, y)
    polys = [(k, largest_polygon(floors[k])) for k, c in enumerate(convex) if not c]
    polys = [(k, poly) for k, poly in polys if not poly.is_empty]
    circles = shapely.maximum_inscribed_circle(np.array([poly for _, poly in polys], dtype=object), 0.1)
    ends = shapely.get_coordinates(circles).tolist()
    if shapely.get_num_coordinates(circles).tolist() != [2] * len(polys):  # never seen: a line of centre and radius point
        ends = [xy for line in circles for xy in (line.coords[0], line.coords[-1])]
    for j, (k, _) in enumerate(polys):
        (cx, cy), (ex, ey) = ends[2 * j], ends[2 * j + 1]
        if math.hypot(ex - cx, ey - cy) > 0:  # as clearance_circle(floor, tolerance=0.1)
            centre[k] = (cx, cy)
    for k, room in enumerate(rooms):
        if centre[k] is None:
            p = room.geometry.representative_point()
            centre[k] = (p.x, p.y)
    return {room.id: c for room, c in zip(rooms, centre, strict=True) if c is not None}  # as plan.room: the last of an id


def room_centre(plan: Plan, room: Room) -> tuple[float, float]:
    """The point of the room farthest from walls and furniture: where the room 'is' for routes."""
    return _centres(plan)[room.id]


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
