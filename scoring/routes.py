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
from dataclasses import dataclass, field
from functools import lru_cache

import networkx as nx
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from floorplans.model import Door, Opening, Plan, Room, RoomKind
from floorplans.topology import Passage, arrival_rooms, passages

from .criteria.shared import fmt_len
from .floor_paths import ON_FLOOR, in_room_paths
from .geometry import free_space, room_centre
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
            width=f.width if is_door else f.length,
            threshold_mm=f.threshold_mm if is_door else 0.0,
            entrance=bool(is_door and f.entrance and len(p.rooms) == 1),
            rooms=p.rooms,
        )
    by_room = passages_by_room(plan)
    arriving = {r.id for r in arrival_rooms(plan)}
    for room in plan.rooms:
        centre = room_centre(plan, room)
        rn = room_node(room.id)
        g.add_node(rn, xy=centre, kind="room", ref=room.id, arrival=room.id in arriving)
        names = [rn] + [passage_node(p.id) for p in by_room.get(room.id, [])]
        pts = [centre] + [_mid(p.feature) for p in by_room.get(room.id, [])]
        if len(pts) < 2:
            continue
        floor = free_space(plan, room)
        dist, paths, nodes = in_room_paths(floor, pts)
        if not math.isfinite(dist[0, 1:].max()) and floor is not room.geometry:
            # furniture or the outline cuts a door off from the centre: fall back to the bare room outline
            # (without furniture the floor is the outline, and the same answer comes twice)
            dist, paths, nodes = in_room_paths(room.geometry, pts)
        for i in range(len(pts)):
            for j in range(i + 1, len(pts)):
                d = float(dist[i, j])
                if not math.isfinite(d):
                    continue
                a, b = names[i], names[j]
                path = [nodes[k] for k in paths[i][j]]
                if g.has_edge(a, b) and g.edges[a, b]["weight"] <= d:
                    continue
                g.add_edge(a, b, weight=d, room=room.id, path=path, ends=(a, b))
    return g


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
    line: list[tuple[float, float]] = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        e = graph.edges[a, b]
        path = list(e["path"])
        if e["ends"][0] != a:
            path.reverse()
        for pt in path:
            pt = (round(pt[0], 3), round(pt[1], 3))
            if not line or line[-1] != pt:
                line.append(pt)
    if not line and nodes:
        x, y = graph.nodes[nodes[0]]["xy"]
        line.append((round(x, 3), round(y, 3)))
    return tuple(line)


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


def routes_from_entrances(plan: Plan, allowed_passages: frozenset[str] | None = None) -> dict[str, Route]:
    """Shortest walking route from the nearest public entrance to every reachable room, by room id.

    ``allowed_passages`` limits the route to those doors/openings (e.g. the
    ones a wheelchair passes).
    """
    g = walk_graph(plan)
    dist, paths = _from_entrances(plan, allowed_passages)
    out: dict[str, Route] = {}
    for room in plan.rooms:
        n = room_node(room.id)
        if n in dist:
            nodes = paths[n]
            out[room.id] = Route(target=room.id, length=float(dist[n]), nodes=tuple(nodes), line=polyline(g, nodes))
    return out


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
    room_regions: dict[str, BaseGeometry] = field(default_factory=dict)


@lru_cache(maxsize=64)
def wheelchair_reach(plan: Plan, profile: RuleProfile) -> Reach:
    """Flood the eroded free space from the entrances through passable doors and openings."""
    r = profile.wheelchair_width.value / 2
    touch = r + 0.06
    comps: dict[str, list[BaseGeometry]] = {}
    for room in plan.rooms:
        eroded = free_space(plan, room).buffer(-r, quad_segs=4)
        parts = [g for g in getattr(eroded, "geoms", [eroded]) if isinstance(g, Polygon) and not g.is_empty and g.area > 1e-4]
        comps[room.id] = [] if room.kind == RoomKind.stairs else parts  # stairs are never a step-free way
    g = nx.Graph()
    for rid, parts in comps.items():
        for k in range(len(parts)):
            g.add_node((rid, k))
    ok_passages: set[str] = set()
    bad: dict[str, str] = {}
    touches: dict[str, list[tuple[str, int]]] = {}
    entrances: list[tuple[str, tuple[str, int]]] = []
    for p in passages(plan):
        f = p.feature
        ok, why = passage_ok(f, profile)
        levels = [plan.room(rid).level for rid in p.rooms]
        step = (max(levels) - min(levels)) if len(levels) == 2 else 0.0
        if ok and step * 1000 > profile.max_threshold_mm.value + 1e-9:
            ok, why = False, f"{f.feature} {f.id} joins floors {step:.2f} m apart with no ramp or lift"
        seg = f.geometry
        sides: list[tuple[str, int]] = []
        for rid in p.rooms:
            for k, part in enumerate(comps.get(rid, [])):
                if part.distance(seg) <= touch:
                    sides.append((rid, k))
        touches[f.id] = sides
        if not ok:
            bad[f.id] = why
            continue
        ok_passages.add(f.id)
        for a in sides:
            for b in sides:
                if a < b and a[0] != b[0]:
                    g.add_edge(a, b, passage=f.id)
        if isinstance(f, Door) and f.entrance and len(p.rooms) == 1:
            entrances += [(f.id, s) for s in sides]
    if not entrances:  # an upper floor: a wheelchair arrives by lift (stairs have no step-free parts)
        entrances = [(room.id, (room.id, k)) for room in arrival_rooms(plan) for k in range(len(comps[room.id]))]
    reached_nodes: set[tuple[str, int]] = set()
    for _, start in entrances:
        if start not in reached_nodes:
            reached_nodes |= nx.node_connected_component(g, start)
    reach = Reach(passable=frozenset(ok_passages))
    for room in plan.rooms:
        mine = [k for k in range(len(comps[room.id])) if (room.id, k) in reached_nodes]
        if mine:
            reach.reachable.add(room.id)
            reach.room_regions[room.id] = shapely.union_all([comps[room.id][k] for k in mine])
        else:
            reach.unreachable.add(room.id)
    # Blockers: failing passages with a reached side, and rooms too narrow for the wheelchair.
    for p in passages(plan):
        f = p.feature
        if f.id in bad:
            reached_side = any(s in reached_nodes for s in touches[f.id]) or (
                isinstance(f, Door) and f.entrance and len(p.rooms) == 1
            )
            other_unreached = any(rid in reach.unreachable for rid in p.rooms) or (isinstance(f, Door) and f.entrance)
            if reached_side and other_unreached:
                reach.blockers.append(Blocker(f.id, bad[f.id], _mid(f)))
    blocked_at = {b.feature_id for b in reach.blockers}
    for room in plan.rooms:
        if room.id not in reach.unreachable:
            continue
        c = room.geometry.representative_point()
        if room.kind == RoomKind.stairs:
            if any(r in reach.reachable for p in passages(plan) if room.id in p.rooms for r in p.rooms):
                reach.blockers.append(Blocker(room.id, f"{room.label!r} is stairs: no step-free way through", (c.x, c.y)))
            continue
        if not comps[room.id]:
            reach.blockers.append(Blocker(room.id, f"room {room.label!r} is narrower than a wheelchair ({fmt_len(profile.wheelchair_width.value)} m) once furniture is counted", (c.x, c.y)))
            continue
        # a passable doorway from a reached room, yet the room is not reached: furniture or a pinch point in the way
        frontier = [
            p for p in passages(plan)
            if room.id in p.rooms and p.feature.id not in blocked_at and p.feature.id in ok_passages
            and any(r in reach.reachable for r in p.rooms if r != room.id)
        ]
        if frontier:
            f = frontier[0].feature
            reach.blockers.append(Blocker(room.id, f"furniture or a pinch point too narrow for a wheelchair blocks the way through {f.id} into {room.label!r}", _mid(f)))
    return reach


def point_on_floor(plan: Plan, room: Room, xy: tuple[float, float]) -> bool:
    return free_space(plan, room).buffer(ON_FLOOR).covers(Point(xy))


__all__ += ["entrance_nodes", "point_on_floor"]
