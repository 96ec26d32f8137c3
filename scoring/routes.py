"""Routes through the plan: real walking paths through doors, and wheelchair reach.

Two analyses, both cached per plan:

* ``walk_graph(plan)``: a graph whose nodes are door/opening mid points and
  room centres; inside each room, nodes are joined by the shortest path that
  stays on the room's free floor (straight when it can, else around walls and
  furniture via the room's reflex corners; see :mod:`.floor_paths`). Path
  lengths are therefore real walking distances through doors, not straight
  lines across walls.
* ``wheelchair_reach(plan, profile)``: each room's free floor eroded by half
  the wheelchair width (the places a wheelchair's centre can be), joined
  through doors at least as wide as the profile's door width and with
  thresholds within its limit, flooded from the public entrances.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from weakref import WeakKeyDictionary

import networkx as nx
import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from floorplans.model import Door, Opening, Plan, Room, RoomKind
from floorplans.topology import Passage, arrival_rooms, passages

from .criteria.shared import fmt_len
from .floor_paths import ON_FLOOR, around_corners, in_plain_sight, in_room_paths, straight_rows
from .geometry import SURE_FITS, centroid_fits, convex_outlines, free_space, points_fit, room_centre
from .profiles import RuleProfile

__all__ = [
    "room_node",
    "passage_node",
    "walk_graph",
    "Route",
    "routes_from_entrances",
    "route_between",
    "nearest_route",
    "Reach",
    "Blocker",
    "wheelchair_reach",
    "passage_ok",
    "passages_by_room",
    "polyline",
    "eroded",
]


def room_node(room_id: str) -> str:
    return f"room:{room_id}"


def passage_node(passage_id: str) -> str:
    return f"passage:{passage_id}"


@lru_cache(maxsize=64)
def passages_by_room(plan: Plan) -> dict[str, list[Passage]]:
    out: dict[str, list[Passage]] = {r.id: [] for r in plan.rooms}
    for p in passages(plan):
        for rid in p.rooms:
            out.setdefault(rid, []).append(p)
    return out


def _mid(feature: Door | Opening) -> tuple[float, float]:
    (x1, y1), (x2, y2) = feature.points
    return ((x1 + x2) / 2, (y1 + y2) / 2)


@lru_cache(maxsize=64)
def walk_graph(plan: Plan) -> nx.Graph:
    """The walking network: passage mid points and room centres, joined by in-room shortest paths.

    Node attributes: ``xy``, ``kind`` ("room" | "passage"), ``ref`` (the id),
    and for passages ``is_door``, ``width``, ``threshold_mm``, ``entrance``,
    ``rooms``. Edge attributes: ``weight`` (m), ``room`` (the room crossed),
    ``path`` (polyline from the lower- to the higher-sorted node).
    """
    g = nx.Graph()
    for p in passages(plan):
        f = p.feature
        is_door = isinstance(f, Door)
        g.add_node(
            passage_node(f.id),
            xy=_mid(f),
            kind="passage",
            ref=f.id,
            is_door=is_door,
            width=f.width if isinstance(f, Door) else f.length,
            threshold_mm=f.threshold_mm if isinstance(f, Door) else 0.0,
            entrance=bool(isinstance(f, Door) and f.entrance and len(p.rooms) == 1),
            rooms=p.rooms,
        )
    by_room = passages_by_room(plan)
    arriving = {r.id for r in arrival_rooms(plan)}
    centres = [room_centre(plan, room) for room in plan.rooms]
    points = [[centre] + [_mid(p.feature) for p in by_room.get(room.id, [])] for room, centre in zip(plan.rooms, centres, strict=True)]
    joined = [k for k, pts in enumerate(points) if len(pts) >= 2]
    floors = {k: free_space(plan, plan.rooms[k]) for k in joined}
    convex = convex_outlines(plan)  # the floor of a room without furniture is its outline
    plain = dict(zip(joined, in_plain_sight([floors[k] for k in joined], [points[k] for k in joined],
                                            [convex[k] if floors[k] is plan.rooms[k].geometry else None for k in joined]), strict=True))
    in_sight = [k for k in joined if plain[k]]
    straight = dict(zip(in_sight, straight_rows([points[k] for k in in_sight]), strict=True))  # in one go: hundreds of rooms
    edges: dict[tuple[str, str], tuple[str, str, dict]] = {}
    for k, (room, centre) in enumerate(zip(plan.rooms, centres, strict=True)):
        rn = room_node(room.id)
        g.add_node(rn, xy=centre, kind="room", ref=room.id, arrival=room.id in arriving)
        names = [rn] + [passage_node(p.id) for p in by_room.get(room.id, [])]
        pts = points[k]
        if len(pts) < 2:
            continue
        if plain[k]:  # in plain sight: the straight lines (in_room_paths' answer, without its lists of paths)
            _add_room_edges(edges, room.id, names, straight[k], None, pts)
            continue
        floor = floors[k]
        dist, paths, nodes = around_corners(floor, pts)
        if not math.isfinite(dist[0, 1:].max()) and floor is not room.geometry:
            # furniture or the outline cuts a door off from the centre: fall back to the bare room outline
            # (without furniture the floor is the outline, and the same answer comes twice)
            dist, paths, nodes = in_room_paths(room.geometry, pts)
        _add_room_edges(edges, room.id, names, dist.tolist(), paths, nodes)
    g.add_edges_from(edges.values())  # in the order first joined, as edge by edge: the same graph, in one call
    return g


def _add_room_edges(edges: dict[tuple[str, str], tuple[str, str, dict]], room_id: str, names: list[str],
                    dist: list[list[float]], paths: list[list[list[int]]] | None, nodes: list[tuple[float, float]]) -> None:
    """Join every two of the room's nodes a path joins, unless an edge as short joins them already.

    ``edges``: the graph's edges so far, by their two nodes in sorted order (a shorter path replaces an
    edge's attributes, where it was first joined). ``dist`` as Python lists: a room of 50 doors has
    1 225 pairs, and numpy's scalar indexing costs more than the rest. ``paths`` None: straight lines.
    """
    for i, a in enumerate(names):
        row, ways = dist[i], (None if paths is None else paths[i])
        for j in range(i + 1, len(names)):
            d = row[j]
            if not math.isfinite(d):
                continue
            b = names[j]
            key = (a, b) if a <= b else (b, a)
            edge = edges.get(key)
            if edge is not None and edge[2]["weight"] <= d:
                continue
            path = [nodes[i], nodes[j]] if ways is None else [nodes[k] for k in ways[j]]
            attrs = {"weight": d, "room": room_id, "path": path, "ends": (a, b)}
            edges[key] = (a, b, attrs) if edge is None else (edge[0], edge[1], attrs)


@dataclass(frozen=True)
class Route:
    """A walking route: its length, the nodes it passes and the polyline to draw."""

    target: str
    length: float
    nodes: tuple[str, ...]
    line: tuple[tuple[float, float], ...]

    def passages(self, graph: nx.Graph) -> list[str]:
        return [graph.nodes[n]["ref"] for n in self.nodes if graph.nodes[n]["kind"] == "passage"]

    def doors(self, graph: nx.Graph) -> list[str]:
        return [graph.nodes[n]["ref"] for n in self.nodes if graph.nodes[n]["kind"] == "passage" and graph.nodes[n]["is_door"]]

    def rooms(self, graph: nx.Graph) -> list[str]:
        """Rooms the route walks through, in order (from the edges)."""
        out: list[str] = []
        for a, b in zip(self.nodes, self.nodes[1:], strict=False):
            rid = graph.edges[a, b]["room"]
            if not out or out[-1] != rid:
                out.append(rid)
        return out


def polyline(graph: nx.Graph, nodes: list[str]) -> tuple[tuple[float, float], ...]:
    """The route through the nodes as a line: the edges' paths, to the mm, without a point twice in a row.

    The routes from the entrances share most of their edges: each edge's path is rounded once per graph
    (:func:`_leg`), and a leg's first point is dropped where the line already ends there (the legs have
    no point twice in a row of their own): the same line as rounding point by point.
    """
    legs = _LEGS.get(graph)
    if legs is None:
        legs = _LEGS[graph] = {}
    line: list[tuple[float, float]] = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        leg = legs.get((a, b))
        if leg is None:
            leg = legs[a, b] = _leg(graph, a, b)
        if leg and line and line[-1] == leg[0]:
            line.extend(leg[1:])
        else:
            line.extend(leg)
    if not line and nodes:
        x, y = graph.nodes[nodes[0]]["xy"]
        line.append((round(x, 3), round(y, 3)))
    return tuple(line)


#: Per walking graph (read-only once drawn), each edge's path from one end to the other, as :func:`_leg` gives it.
_LEGS: WeakKeyDictionary[nx.Graph, dict[tuple[str, str], list[tuple[float, float]]]] = WeakKeyDictionary()


def _leg(graph: nx.Graph, a: str, b: str) -> list[tuple[float, float]]:
    """The path of the edge from ``a`` to ``b``, to the mm, without a point twice in a row."""
    e = graph.edges[a, b]
    path = list(e["path"])
    if e["ends"][0] != a:
        path.reverse()
    leg: list[tuple[float, float]] = []
    for pt in path:
        pt = (round(pt[0], 3), round(pt[1], 3))
        if not leg or leg[-1] != pt:
            leg.append(pt)
    return leg


def entrance_nodes(graph: nx.Graph) -> list[str]:
    """Where routes start: the public entrance doors, else (an upper floor) its lift and stair rooms."""
    doors = [n for n, d in graph.nodes(data=True) if d.get("entrance")]
    return doors or [n for n, d in graph.nodes(data=True) if d.get("arrival")]


@lru_cache(maxsize=64)
def _from_entrances(plan: Plan, allowed: frozenset[str] | None) -> tuple[dict[str, float], dict[str, list[str]]]:
    g = walk_graph(plan)
    if allowed is not None:
        g = g.subgraph([n for n in g.nodes if g.nodes[n]["kind"] == "room" or g.nodes[n]["ref"] in allowed])
    sources = [n for n in entrance_nodes(g)]
    if not sources:
        return {}, {}
    dist, paths = nx.multi_source_dijkstra(g, sources, weight="weight")
    return dist, paths


def routes_from_entrances(plan: Plan, allowed_passages: frozenset[str] | None = None) -> Mapping[str, Route]:
    """Shortest walking route from the nearest public entrance to every reachable room, by room id.

    ``allowed_passages`` limits the route to those doors/openings (e.g. the
    ones a wheelchair passes). Several criteria ask for the same routes:
    they are drawn once per plan and handed out read-only.
    """
    return _routes_from_entrances(plan, allowed_passages)


@lru_cache(maxsize=64)
def _routes_from_entrances(plan: Plan, allowed_passages: frozenset[str] | None) -> Mapping[str, Route]:
    g = walk_graph(plan)
    dist, paths = _from_entrances(plan, allowed_passages)
    out: dict[str, Route] = {}
    for room in plan.rooms:
        n = room_node(room.id)
        if n in dist:
            nodes = paths[n]
            out[room.id] = Route(target=room.id, length=float(dist[n]), nodes=tuple(nodes), line=polyline(g, nodes))
    return MappingProxyType(out)


def route_between(plan: Plan, source_room: str, target_room: str) -> Route | None:
    """The shortest walking route between two room centres (None if not connected)."""
    g = walk_graph(plan)
    try:
        length, nodes = nx.single_source_dijkstra(g, room_node(source_room), room_node(target_room), weight="weight")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    return Route(target=target_room, length=float(length), nodes=tuple(nodes), line=polyline(g, nodes))


def nearest_route(plan: Plan, source_room: str, target_rooms: list[str]) -> Route | None:
    """The shortest walking route from a room centre to the nearest of the target rooms' centres."""
    g = walk_graph(plan)
    targets = {room_node(t) for t in target_rooms if t != source_room}
    if not targets:
        return None
    dist, paths = _dijkstra_from(plan, source_room)
    best = min((t for t in targets if t in dist), key=lambda t: dist[t], default=None)
    if best is None:
        return None
    nodes = paths[best]
    return Route(target=g.nodes[best]["ref"], length=float(dist[best]), nodes=tuple(nodes), line=polyline(g, nodes))


@lru_cache(maxsize=512)
def _dijkstra_from(plan: Plan, source_room: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    return nx.single_source_dijkstra(walk_graph(plan), room_node(source_room), weight="weight")


# --------------------------------------------------------------------------- wheelchair reach


def passage_ok(feature: Door | Opening, profile: RuleProfile) -> tuple[bool, str]:
    """Whether a wheelchair passes this door/opening under the profile, and if not, why."""
    if isinstance(feature, Door):
        if feature.width + 1e-9 < profile.door_clear_width.value:
            return False, f"door {feature.id} is only {feature.width:.2f} m clear (needs {fmt_len(profile.door_clear_width.value)} m)"
        if feature.threshold_mm > profile.max_threshold_mm.value + 1e-9:
            return False, f"door {feature.id} has a {feature.threshold_mm:.0f} mm threshold (max {profile.max_threshold_mm.value:.0f} mm)"
        return True, ""
    if feature.length + 1e-9 < profile.wheelchair_width.value:
        return False, f"opening {feature.id} is only {feature.length:.2f} m wide (a wheelchair needs {fmt_len(profile.wheelchair_width.value)} m)"
    return True, ""


@dataclass(frozen=True)
class Blocker:
    """What stops a wheelchair: a passage that is too narrow or has a step, or a narrow/blocked room."""

    feature_id: str
    reason: str
    xy: tuple[float, float]


@dataclass
class Reach:
    """Which rooms a wheelchair reaches from the public entrances, and what blocks the rest."""

    reachable: set[str] = field(default_factory=set)
    unreachable: set[str] = field(default_factory=set)
    blockers: list[Blocker] = field(default_factory=list)
    passable: frozenset[str] = frozenset()


#: A piece of a room's wheelchair floor: (room id, index of the piece).
Part = tuple[str, int]


#: From this many holes on, a floor is eroded hole by hole (:func:`eroded`).
_MANY_HOLES = 8


def eroded(floor: BaseGeometry, distance: float) -> BaseGeometry:
    """``floor.buffer(-distance, quad_segs=4)``: the places a disc of that radius fits.

    A floor with many small holes (an imported stair drawn as dozens of
    slivers) is slow to erode in one go: GEOS nodes every hole's grown
    outline against every other. Its outline eroded minus the holes grown
    (each ring offset as the one-go buffer offsets it) is the same region,
    to rounding (1e-14 m on the real plans), three times faster.
    """
    if not isinstance(floor, Polygon) or len(floor.interiors) < _MANY_HOLES:
        return floor.buffer(-distance, quad_segs=4)
    shell = Polygon(floor.exterior).buffer(-distance, quad_segs=4)
    holes = shapely.union_all(shapely.buffer(shapely.polygons(list(floor.interiors)), distance, quad_segs=4))
    return shell.difference(holes)


class _Floor:
    """Each room's free floor eroded by the wheelchair's half width, in pieces, eroded when first asked for.

    The flood asks only for the rooms it reaches and their neighbours through
    passable doors: a room behind a refused door is never eroded (a storage
    room of 700 corners on the IFC level: 6 ms). None on stairs: never step-free.
    """

    def __init__(self, plan: Plan, radius: float) -> None:
        self.plan, self.radius = plan, radius
        self.parts: dict[str, list[Polygon]] = {}
        self.shown: set[str] = set()  # rooms shown to have a piece without eroding (see show)

    def __getitem__(self, room_id: str) -> list[Polygon]:
        parts = self.parts.get(room_id)
        if parts is None:
            room = self.plan.room(room_id)
            shrunk = eroded(free_space(self.plan, room), self.radius) if room.kind != RoomKind.stairs else Polygon()
            parts = [g for g in getattr(shrunk, "geoms", [shrunk]) if isinstance(g, Polygon) and not g.is_empty and g.area > 1e-4]
            self.parts[room_id] = parts
        return parts

    def one_piece(self, room: Room, features: list[Door | Opening], touch: float) -> bool:
        """Whether one piece lies within ``touch`` of every door, shown by points clear of the walls (False: not shown).

        In front of each door's middle, ``touch`` less 2 cm into the room, a point on the floor farther than the
        half width plus ``SURE_FITS`` from its outline lies in a piece of the eroded floor (as in :meth:`any`),
        within ``touch`` of the door. Points joined by segments that stay that far from the outline (directly
        or through the floor's centroid, when it is such a point too) lie in the same piece.
        """
        if room.kind == RoomKind.stairs:
            return False
        floor = free_space(self.plan, room)
        edge = floor.boundary
        clear = self.radius + SURE_FITS
        intricate = shapely.get_num_coordinates(floor) > _INTRICATE
        points = []
        for f in features:
            point = _in_front(floor, edge, f, touch, clear)
            if point is None and intricate:
                point = _beside(floor, edge, f, touch, clear)
            if point is None:
                return False
            points.append(point)
        if len(points) == 1:
            return True
        centre = floor.centroid
        hub = [(centre.x, centre.y)] if shapely.contains_xy(floor, centre.x, centre.y) and edge.distance(centre) > clear else []
        return _joined(points, hub, edge, clear) or (intricate and _joined_on_grid(floor, edge, points, clear))

    def any(self, room: Room) -> bool:
        """Whether the room has a piece, shown by a point clear of the walls where there is one (no erosion)."""
        if room.id in self.shown:
            return True
        if room.id not in self.parts and room.kind != RoomKind.stairs and centroid_fits(free_space(self.plan, room), self.radius):
            return True
        return bool(self[room.id])

    def show(self, rooms: list[Room]) -> None:
        """Show that these rooms have a piece (:meth:`any`) by points clear of the walls, all rooms in one go.

        The point: the floor's centroid, else the room's centre (the middle of its widest circle, drawn
        for the walking routes), which shows it in most rooms whose centroid lies near a wall or off the
        floor (on the FloorspaceJS ground floor, all of them: no room eroded).
        """
        rooms = [r for r in rooms if r.kind != RoomKind.stairs and r.id not in self.parts and r.id not in self.shown]
        floors = [free_space(self.plan, r) for r in rooms]
        fits = points_fit(floors, None, self.radius)
        rest = [k for k, ok in enumerate(fits) if not ok]
        if rest:
            centres = [room_centre(self.plan, rooms[k]) for k in rest]
            for k, ok in zip(rest, points_fit([floors[k] for k in rest], centres, self.radius), strict=True):
                fits[k] = ok
        self.shown.update(r.id for r, ok in zip(rooms, fits, strict=True) if ok)


def _in_front(floor: BaseGeometry, edge: BaseGeometry, feature: Door | Opening, touch: float,
              clear: float) -> tuple[float, float] | None:
    """The point ``touch`` less 2 cm in front of the door's middle, on the floor, farther than ``clear`` from its
    outline and within ``touch`` of the door (None if there is no such point there)."""
    (x1, y1), (x2, y2) = feature.points
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return None
    step = touch - 0.02
    for side in (1.0, -1.0):
        x = (x1 + x2) / 2 - side * (y2 - y1) / length * step
        y = (y1 + y2) / 2 + side * (x2 - x1) / length * step
        if shapely.contains_xy(floor, x, y):
            point = Point(x, y)
            ok = edge.distance(point) > clear and feature.geometry.distance(point) <= touch
            return (x, y) if ok else None
    return None


#: A floor of more than this many corners (an import drawing curved walls as hundreds of short edges) costs tens
#: of milliseconds to erode: :meth:`_Floor.one_piece` tries harder there (:func:`_beside`, :func:`_joined_on_grid`).
_INTRICATE = 400
#: The spacing (m) of :func:`_joined_on_grid`'s points; and the shares of a door's length and the depths in front
#: (less than the touch, m) :func:`_beside` tries.
_GRID = 0.5
_ALONG = np.linspace(0.0, 1.0, 9)
_DEPTHS = (0.035, 0.025, 0.015, 0.005)


def _beside(floor: BaseGeometry, edge: BaseGeometry, feature: Door | Opening, touch: float,
            clear: float) -> tuple[float, float] | None:
    """A point on the floor farther than ``clear`` from its outline and within ``touch`` of the door, in front of
    a point along it (where :func:`_in_front` finds none in front of its middle: a door beside a wall's corner)."""
    (x1, y1), (x2, y2) = feature.points
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return None
    nx_, ny_ = -(y2 - y1) / length, (x2 - x1) / length
    at = np.column_stack([x1 + _ALONG * (x2 - x1), y1 + _ALONG * (y2 - y1)])
    cand = np.array([a + side * (touch - back) * np.array([nx_, ny_]) for back in _DEPTHS for side in (1.0, -1.0) for a in at])
    ok = shapely.contains_xy(floor, cand[:, 0], cand[:, 1])
    points = shapely.points(cand[ok])
    good = ~shapely.dwithin(edge, points, clear) & (shapely.distance(feature.geometry, points) <= touch)
    hits = cand[ok][good]
    return (float(hits[0, 0]), float(hits[0, 1])) if len(hits) else None


def _joined_on_grid(floor: BaseGeometry, edge: BaseGeometry, points: list[tuple[float, float]], clear: float) -> bool:
    """Whether the points are joined through a grid of points on the floor farther than ``clear`` from its outline,
    each to its neighbours (and each point to the grid points near it) by segments that stay that far: all of them
    then lie in one piece of the floor eroded by less than ``clear`` (as in :func:`_joined`)."""
    x0, y0, x1, y1 = floor.bounds
    xs, ys = np.arange(x0, x1 + _GRID, _GRID), np.arange(y0, y1 + _GRID, _GRID)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    keep = shapely.contains_xy(floor, grid[:, 0], grid[:, 1])
    keep[keep] = ~shapely.dwithin(edge, shapely.points(grid[keep]), clear)
    index = np.full(len(grid), -1)
    index[keep] = np.arange(int(keep.sum()))
    nodes = np.vstack([grid[keep], np.asarray(points, dtype=float)])
    cols = len(xs)
    pairs = []
    for di, dj in ((0, 1), (1, 0), (1, 1), (1, -1)):  # right, up and the diagonals of each grid point
        r, c = np.divmod(np.flatnonzero(keep), cols)
        r2, c2 = r + di, c + dj
        inside = (r2 < len(ys)) & (c2 >= 0) & (c2 < cols)
        a, b = index[(r * cols + c)[inside]], index[(r2 * cols + c2)[inside]]
        pairs.append(np.column_stack([a, b])[b >= 0])
    first = int(keep.sum())
    for k, (px, py) in enumerate(points):  # each point to the grid points within two steps
        near = np.flatnonzero(np.hypot(nodes[:first, 0] - px, nodes[:first, 1] - py) <= 2 * _GRID)
        pairs.append(np.column_stack([near, np.full(len(near), first + k)]))
    edges = np.vstack(pairs) if pairs else np.empty((0, 2), dtype=int)
    if not len(edges):
        return False
    ends = np.stack([nodes[edges[:, 0]], nodes[edges[:, 1]]], axis=1)
    free = ~shapely.dwithin(edge, shapely.linestrings(ends), clear)
    edges = edges[free]
    graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(len(nodes), len(nodes)))
    labels = connected_components(graph, directed=False)[1]
    return len(set(labels[first:].tolist())) == 1


def _joined(points: list[tuple[float, float]], hubs: list[tuple[float, float]], edge: BaseGeometry, clear: float) -> bool:
    """Whether segments farther than ``clear`` from ``edge`` join all the points (through the hubs if need be)."""
    nodes = points + hubs
    shapely.prepare(edge)
    joined, todo = {0}, [0]
    while todo and not all(k in joined for k in range(len(points))):
        i = todo.pop()
        rest = [k for k in range(len(nodes)) if k not in joined]
        ends = np.array([[nodes[i], nodes[k]] for k in rest], dtype=float)
        free = ~shapely.dwithin(edge, shapely.linestrings(ends), clear) | (ends[:, 0] == ends[:, 1]).all(axis=1)
        for k, ok in zip(rest, free.tolist(), strict=True):
            if ok:
                joined.add(k)
                todo.append(k)
    return all(k in joined for k in range(len(points)))


@lru_cache(maxsize=64)
def wheelchair_reach(plan: Plan, profile: RuleProfile) -> Reach:
    """Flood the eroded free space from the entrances through passable doors and openings."""
    radius = profile.wheelchair_width.value / 2
    floor = _Floor(plan, radius)
    crossings = _Crossings(floor, touch=radius + 0.06)
    for p in passages(plan):
        ok, why = _crossing_ok(plan, p, profile)
        if ok:
            crossings.passable.add(p.feature.id)
        else:
            crossings.refused[p.feature.id] = why
    arriving = {r.id for r in arrival_rooms(plan)}
    crossings.whole = {rid: ps for rid, ps in passages_by_room(plan).items() if ps and rid not in arriving}
    for p in passages(plan):
        if p.feature.id in crossings.passable and _is_public_entrance(p):
            crossings.starts += crossings.sides(p)
    starts = crossings.starts or _arrival_parts(plan, floor)
    reached = _flood(plan, crossings, starts)
    reach = _reached_rooms(plan, reached, crossings.passable)
    reach.blockers += _passage_blockers(plan, crossings, reached, reach)
    reach.blockers += _room_blockers(plan, profile, floor, crossings.passable, reach)
    return reach


def _crossing_ok(plan: Plan, passage: Passage, profile: RuleProfile) -> tuple[bool, str]:
    """passage_ok, and no step between floors at different levels beyond the profile's threshold."""
    f = passage.feature
    ok, why = passage_ok(f, profile)
    levels = [plan.room(rid).level for rid in passage.rooms]
    step = (max(levels) - min(levels)) if len(levels) == 2 else 0.0
    if ok and step * 1000 > profile.max_threshold_mm.value + 1e-9:
        return False, f"{f.feature} {f.id} joins floors {step:.2f} m apart with no ramp or lift"
    return ok, why


def _is_public_entrance(passage: Passage) -> bool:
    return isinstance(passage.feature, Door) and passage.feature.entrance and len(passage.rooms) == 1


@dataclass
class _Crossings:
    """How a wheelchair crosses each door and opening: whether it passes, why not, the floor pieces it joins."""

    floor: _Floor
    touch: float  # a passage joins the pieces within this distance of it
    #: rooms with passages (not arrival rooms): they may stand as one piece
    whole: dict[str, list[Passage]] = field(default_factory=dict)
    _one: dict[str, bool] = field(default_factory=dict)
    passable: set[str] = field(default_factory=set)
    refused: dict[str, str] = field(default_factory=dict)  # passage id -> why a wheelchair does not pass
    starts: list[Part] = field(default_factory=list)  # pieces at a passable public entrance
    _sides: dict[str, list[Part]] = field(default_factory=dict)

    def sides(self, passage: Passage) -> list[Part]:
        """The pieces the passage touches, in its rooms' order (its rooms eroded if not yet).

        A room shown to have one piece at all of its doors and openings, passable or not
        (:meth:`_Floor.one_piece`), is not eroded: it stands as that one piece, ``(room id, -1)``. Every
        other piece it has at a door joins the pieces beyond that door, which that piece joins too, so the
        flood reaches the same rooms; a refused passage asking which of its pieces were reached is
        answered by that piece (:meth:`touched`).
        """
        out = self._sides.get(passage.feature.id)
        if out is None:
            out = []
            for rid in passage.rooms:
                if self._stands_whole(rid):
                    out.append((rid, -1))
                else:
                    g = passage.feature.geometry
                    out += [(rid, k) for k, part in enumerate(self.floor[rid]) if part.distance(g) <= self.touch]
            self._sides[passage.feature.id] = out
        return out

    def _stands_whole(self, room_id: str) -> bool:
        one = self._one.get(room_id)
        if one is None:
            ps = self.whole.get(room_id, [])
            one = bool(ps) and room_id not in self.floor.parts and self.floor.one_piece(
                self.floor.plan.room(room_id), [p.feature for p in ps], self.touch)
            self._one[room_id] = one
        return one

    def touched(self, passage: Passage, reached: set[Part]) -> bool:
        """Whether the passage touches a reached piece (a room never eroded nor standing whole has none).

        A room standing whole touches it with its one piece, shown at all of its passages, refused or not
        (:meth:`_stands_whole`): reached when the room is (every other piece of the room is reached only
        through a passable passage or an entrance, which that piece touches too).
        """
        g = passage.feature.geometry
        return any(((rid, -1) in reached) if self._one.get(rid) else
                   any((rid, k) in reached and part.distance(g) <= self.touch for k, part in enumerate(self.floor.parts.get(rid, [])))
                   for rid in passage.rooms)


def _arrival_parts(plan: Plan, floor: _Floor) -> list[Part]:
    """Where a wheelchair arrives on an upper floor with no way in: its lifts (stairs have no step-free pieces)."""
    return [(room.id, k) for room in arrival_rooms(plan) for k in range(len(floor[room.id]))]


def _flood(plan: Plan, crossings: _Crossings, starts: list[Part]) -> set[Part]:
    """The pieces joined to a start: two pieces of different rooms are joined when a passable passage touches both."""
    by_room = passages_by_room(plan)
    reached = set(starts)
    todo = list(reached)
    while todo:
        piece = todo.pop()
        for p in by_room.get(piece[0], []):
            if p.feature.id not in crossings.passable or len(p.rooms) < 2:
                continue
            sides = crossings.sides(p)
            if piece not in sides:
                continue
            for other in sides:
                if other[0] != piece[0] and other not in reached:
                    reached.add(other)
                    todo.append(other)
    return reached


def _reached_rooms(plan: Plan, reached: set[Part], passable: set[str]) -> Reach:
    """Rooms with a reached piece, the others unreachable."""
    reach = Reach(passable=frozenset(passable))
    rooms = {rid for rid, _ in reached}
    for room in plan.rooms:
        if room.id in rooms:
            reach.reachable.add(room.id)
        else:
            reach.unreachable.add(room.id)
    return reach


def _passage_blockers(plan: Plan, crossings: _Crossings, reached: set[Part], reach: Reach) -> list[Blocker]:
    """Refused doors and openings between where a wheelchair gets and a room it does not."""
    out = []
    for p in passages(plan):
        f = p.feature
        if f.id not in crossings.refused:
            continue
        reached_side = _is_public_entrance(p) or crossings.touched(p, reached)
        other_unreached = any(rid in reach.unreachable for rid in p.rooms) or (isinstance(f, Door) and f.entrance)
        if reached_side and other_unreached:
            out.append(Blocker(f.id, crossings.refused[f.id], _mid(f)))
    return out


def _room_blockers(plan: Plan, profile: RuleProfile, floor: _Floor, passable: set[str],
                   reach: Reach) -> list[Blocker]:
    """Unreached rooms that are themselves the obstacle: stairs, too narrow, or furniture in the way in."""
    blocked_at = {b.feature_id for b in reach.blockers}
    by_room = passages_by_room(plan)  # each room's passages in plan order (not a scan of all passages per room)
    floor.show([room for room in plan.rooms if room.id in reach.unreachable])
    out = []
    for room in plan.rooms:
        if room.id not in reach.unreachable:
            continue
        beside = by_room.get(room.id, [])
        if room.kind == RoomKind.stairs:
            if any(r in reach.reachable for p in beside for r in p.rooms):
                c = room.geometry.representative_point()
                out.append(Blocker(room.id, f"{room.label!r} is stairs: no step-free way through", (c.x, c.y)))
            continue
        if not floor.any(room):
            c = room.geometry.representative_point()
            out.append(Blocker(room.id, f"room {room.label!r} is narrower than a wheelchair ({fmt_len(profile.wheelchair_width.value)} m) once furniture is counted", (c.x, c.y)))
            continue
        # a passable doorway from a reached room, yet the room is not reached: furniture or a pinch point in the way
        frontier = [p for p in beside if p.feature.id not in blocked_at and p.feature.id in passable
                    and any(r in reach.reachable for r in p.rooms if r != room.id)]
        if frontier:
            f = frontier[0].feature
            out.append(Blocker(room.id, f"furniture or a pinch point too narrow for a wheelchair blocks the way through {f.id} into {room.label!r}", _mid(f)))
    return out


def point_on_floor(plan: Plan, room: Room, xy: tuple[float, float]) -> bool:
    return free_space(plan, room).buffer(ON_FLOOR).covers(Point(xy))


__all__ += ["entrance_nodes", "point_on_floor"]
