"""Topology inferred from geometry: what connects to what, and where walls are.

The exchange format does not say which rooms a door joins; it follows from
where the door is drawn. These helpers work it out once so that validation,
scoring and drawing agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from .model import Door, Opening, Plan, Room, RoomKind, Window

if TYPE_CHECKING:  # networkx costs a third of a second to import: only the functions that build graphs load it
    import networkx as nx

__all__ = [
    "ON_WALL_TOLERANCE",
    "arrival_rooms",
    "Passage",
    "building_footprint",
    "rooms_on_segment",
    "rooms_on_segments",
    "passages",
    "adjacency_graph",
    "touching_rooms",
    "exterior_wall",
    "exterior_walls",
    "walkable_footprint",
    "door_positions",
    "room_at",
    "room_index",
]

#: A door "lies on" a wall when both its end points are within 5 cm of it.
ON_WALL_TOLERANCE = 0.05


@dataclass(frozen=True)
class Passage:
    """A door or opening and the rooms it joins (one room: an exterior door)."""

    feature: Door | Opening
    rooms: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.feature.id

    @property
    def is_exterior(self) -> bool:
        return len(self.rooms) == 1


def rooms_on_segment(plan: Plan, segment: LineString, tol: float = ON_WALL_TOLERANCE) -> list[Room]:
    """The rooms whose boundary the segment lies on (end points and middle within ``tol``)."""
    return rooms_on_segments(plan, [segment], tol)[0]


def rooms_on_segments(plan: Plan, segments: Sequence[LineString], tol: float = ON_WALL_TOLERANCE) -> list[list[Room]]:
    """:func:`rooms_on_segment` for many segments at once (one index query and one distance call for all)."""
    out: list[list[Room]] = [[] for _ in segments]
    if not plan.rooms or not segments:
        return out
    lines = np.array(segments, dtype=object)
    seg_i, room_i = _room_index(plan).query(lines, predicate="dwithin", distance=tol)
    if not len(seg_i):
        return out
    order = np.lexsort((room_i, seg_i))  # per segment, its rooms in plan order
    seg_i, room_i = seg_i[order], room_i[order]
    starts, ends = shapely.get_point(lines, 0), shapely.get_point(lines, -1)
    middles = shapely.line_interpolate_point(lines, 0.5, normalized=True)
    probes = np.column_stack([starts, ends, middles])[seg_i]
    # distances from each candidate room's outline (cached per plan) to the segment's ends and middle
    on = (shapely.distance(_room_boundaries(plan)[room_i][:, None], probes) <= tol).all(axis=1)
    for s, r in zip(seg_i[on].tolist(), room_i[on].tolist(), strict=True):
        out[s].append(plan.rooms[r])
    return out


@lru_cache(maxsize=64)
def _room_boundaries(plan: Plan) -> np.ndarray:
    return shapely.boundary(np.array([r.geometry for r in plan.rooms], dtype=object))


@lru_cache(maxsize=64)
def _room_index(plan: Plan) -> shapely.STRtree:
    return shapely.STRtree([r.geometry for r in plan.rooms])


def room_index(plan: Plan) -> shapely.STRtree:
    """The rooms' polygons in a spatial index, in plan order (cached per plan)."""
    return _room_index(plan)


def passages(plan: Plan) -> list[Passage]:
    """Every door and opening with the rooms it joins, inferred from geometry."""
    return list(_passages(plan))


@lru_cache(maxsize=64)
def _passages(plan: Plan) -> tuple[Passage, ...]:
    passable: tuple[Door | Opening, ...] = (*plan.doors, *plan.openings)
    found = rooms_on_segments(plan, [f.geometry for f in passable])
    return tuple(Passage(feature=f, rooms=tuple(r.id for r in rooms)) for f, rooms in zip(passable, found, strict=True))


def adjacency_graph(plan: Plan) -> nx.MultiGraph:
    """Rooms as nodes, doors and openings as edges (a MultiGraph: two doors can join the same rooms).

    Node attributes: ``room`` (the Room). Edge attributes: ``key`` is the
    passage id, ``passage`` the Passage, ``width`` its clear width (m),
    ``threshold_mm``, ``is_door``. Exterior doors are edges to the node
    ``"outside"``.
    """
    import networkx as nx

    graph = nx.MultiGraph()
    for room in plan.rooms:
        graph.add_node(room.id, room=room)
    for passage in _passages(plan):
        if len(passage.rooms) == 2:
            a, b = passage.rooms
        elif len(passage.rooms) == 1 and isinstance(passage.feature, Door):
            a, b = passage.rooms[0], "outside"
        else:
            continue
        feature = passage.feature
        is_door = isinstance(feature, Door)
        graph.add_edge(
            a,
            b,
            key=feature.id,
            passage=passage,
            width=feature.width if isinstance(feature, Door) else feature.length,
            threshold_mm=feature.threshold_mm if isinstance(feature, Door) else 0.0,
            is_door=is_door,
        )
    return graph


def touching_rooms(plan: Plan, min_shared: float = 0.1) -> nx.Graph:
    """Rooms that share a wall of at least ``min_shared`` metres (whether or not a door joins them)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(r.id for r in plan.rooms)
    if not plan.rooms:
        return graph
    index = _room_index(plan)
    for i, room in enumerate(plan.rooms):
        for j in index.query(room.geometry, predicate="dwithin", distance=ON_WALL_TOLERANCE):
            if j <= i:
                continue
            other = plan.rooms[j]
            shared = room.geometry.boundary.intersection(other.geometry.buffer(ON_WALL_TOLERANCE)).length
            if shared >= min_shared:
                graph.add_edge(room.id, other.id, shared=shared)
    return graph


@lru_cache(maxsize=64)
def building_footprint(plan: Plan) -> Polygon | BaseGeometry:
    """The union of the rooms (the building, per plan-format.md)."""
    return unary_union([r.geometry for r in plan.rooms]) if plan.rooms else Polygon()


@lru_cache(maxsize=64)
def _outline(plan: Plan) -> BaseGeometry:
    return building_footprint(plan).boundary


def _on_outline(boundary: BaseGeometry, outline: BaseGeometry) -> BaseGeometry:
    # Exact overlay on the 1 mm grid the coordinates are snapped to: a buffer
    # would also catch the ends of inside walls that meet the outline.
    part = shapely.intersection(boundary, outline, grid_size=1e-3)
    if not isinstance(part, (LineString, MultiLineString)):
        part = shapely.line_merge(shapely.union_all([g for g in getattr(part, "geoms", [part]) if g.length > 0]))
    return shapely.line_merge(part) if isinstance(part, MultiLineString) else part


#: Rooms this close (m) to a room take part in its piece of the outline: farther ones cannot reach its
#: boundary, even snapped to the millimetre grid.
_NEIGHBOURS = 0.01


@lru_cache(maxsize=1024)
def _exterior_wall(plan: Plan, index: int) -> BaseGeometry:
    room = plan.rooms[index]
    near = sorted({index, *_room_index(plan).query(room.geometry, predicate="dwithin", distance=_NEIGHBOURS).tolist()})
    return _on_outline(room.geometry.boundary, unary_union([plan.rooms[i].geometry for i in near]).boundary)


def exterior_wall(plan: Plan, room_id: str) -> BaseGeometry | None:
    """The part of one room's boundary on the building's outline (cached per plan; None: no such room).

    Worked out for that room alone, against the outline of the union of the rooms within 1 cm of it
    (near the room it is the building's outline): scoring asks it of a few rooms, and the union of all
    rooms alone costs 10-25 ms on a real level. A duplicated id gives the last such room, as
    :func:`exterior_walls` does.
    """
    last = max((i for i, r in enumerate(plan.rooms) if r.id == room_id), default=None)
    return None if last is None else _exterior_wall(plan, last)


def exterior_walls(plan: Plan) -> dict[str, BaseGeometry]:
    """Per room, the part of its boundary on the building's outline (empty if none)."""
    outline = _outline(plan)
    return {room.id: _on_outline(room.geometry.boundary, outline) for room in plan.rooms}


def walkable_footprint(plan: Plan) -> BaseGeometry:
    """Where one can walk: the building minus furniture drawn as polygons."""
    obstacles = [f.geometry for f in plan.furniture if f.is_obstacle]
    footprint = building_footprint(plan)
    return footprint.difference(unary_union(obstacles)) if obstacles else footprint


def door_positions(plan: Plan) -> dict[str, tuple[float, float]]:
    """The mid point of every door, by door id."""
    return {d.id: (d.midpoint.x, d.midpoint.y) for d in plan.doors}


def room_at(plan: Plan, x: float, y: float) -> Room | None:
    """The room containing the point, if any."""
    point = Point(x, y)
    if not plan.rooms:
        return None
    for i in _room_index(plan).query(point, predicate="intersects"):
        return plan.rooms[int(i)]
    return None


def window_rooms(plan: Plan, window: Window) -> list[Room]:
    """The rooms a window's segment lies on."""
    return rooms_on_segment(plan, window.geometry)


def arrival_rooms(plan: Plan) -> list[Room]:
    """Where visitors arrive on a storey that has no entrance door (an upper floor): its lifts and stairs.

    Empty when the plan has a public entrance door: then that door is the way in.
    Routes and views start from these rooms instead; only a lift is a step-free way in.
    """
    if plan.entrances:
        return []
    return plan.rooms_of_kind(RoomKind.lift, RoomKind.stairs)
