"""Step 6: spaces with no wall between them joined by openings; an entrance into an isolated room reported.

Two rooms whose outlines in the file touch (no wall thickness between them,
e.g. an IFC virtual boundary between two corridor spaces, a meeting area
carved out of an open floor) are one walkable space: the plan gets an
opening along the boundary they share. Where touching says nothing (IMDF
units and FloorspaceJS faces always touch, walls are implied), only
circulation spaces (corridors, entrances, waiting and reception areas) that
adjoin are joined. A closed room (a conversation room, a WC, a store) is never
opened up this way: there the file has left a wall out.
"""

from __future__ import annotations

from typing import Literal

import networkx as nx
import shapely
from shapely.geometry import LineString, Polygon

from ...model import Door, Opening, Plan, Room, RoomKind
from ...topology import adjacency_graph, rooms_on_segment
from ..report import LevelReport
from .doors import WIDTH_ESTIMATED
from .placement import segment_on
from .shapes import long_side, model_points

__all__ = ["CIRCULATION", "ENCLOSED", "JoinRule", "guessed_doors", "isolated_entrances", "open_joins", "touching_pairs"]

#: Shared boundaries shorter than this (m) are no passage (a corner, a pillar's side).
MIN_OPENING = 0.8
#: Outlines closer than this (m) have no wall between them.
NO_WALL_GAP = 0.05
#: Kinds that are open circulation: adjoining ones are one space.
CIRCULATION = frozenset({RoomKind.corridor, RoomKind.entrance, RoomKind.waiting, RoomKind.reception})
#: Kinds that are closed rooms: touching outlines there mean a wall the file left out, not an open plan.
ENCLOSED = frozenset({RoomKind.meeting_room, RoomKind.quiet_nook, RoomKind.wc, RoomKind.wc_accessible, RoomKind.storage,
                      RoomKind.group_room})
#: An entrance whose rooms reach less than this share of the floor is worth a warning.
_ISOLATED_SHARE = 0.2

#: Which touching rooms are joined: all ("touching"), circulation only, or none.
JoinRule = Literal["touching", "circulation", "none"]


def touching_pairs(polygons: list[Polygon], gap: float = NO_WALL_GAP, min_length: float = MIN_OPENING) -> set[tuple[int, int]]:
    """Index pairs (i < j) of polygons with no wall between them along at least ``min_length``."""
    if len(polygons) < 2:
        return set()
    arr = shapely.make_valid(list(polygons))
    left, right = shapely.STRtree(arr).query(arr, predicate="dwithin", distance=gap)
    pairs = set()
    half = gap / 2 + 1e-3
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        zone = arr[i].buffer(half, join_style="mitre").intersection(arr[j].buffer(half, join_style="mitre"))
        if not zone.is_empty and zone.area > 0 and long_side(zone) >= min_length:
            pairs.add((i, j))
    return pairs


def open_joins(rooms: list[Room], pairs: set[tuple[int, int]], doors: list[Door], rule: JoinRule,
               report: LevelReport) -> list[Opening]:
    """Openings along the boundaries of the pairs the rule joins and no door already joins."""
    if rule == "none" or not pairs:
        return []
    plan = Plan(rooms=tuple(rooms))
    index = {r.id: n for n, r in enumerate(rooms)}
    by_door = {tuple(sorted(index[r.id] for r in rooms_on_segment(plan, d.geometry))) for d in doors}
    openings: list[Opening] = []
    closed = 0
    for i, j in sorted(pairs):
        a, b = rooms[i], rooms[j]
        if (i, j) in by_door or (rule == "circulation" and not (a.kind in CIRCULATION and b.kind in CIRCULATION)):
            continue
        if a.kind in ENCLOSED or b.kind in ENCLOSED:
            closed += 1
            continue
        shared = a.geometry.boundary.intersection(b.geometry.buffer(0.03, join_style="mitre"))
        segment = segment_on(shared, MIN_OPENING)
        if segment is None:
            continue
        points = model_points(segment)
        candidate = Opening(id=f"o{len(openings) + 1}", points=points)
        if {r.id for r in rooms_on_segment(plan, candidate.geometry)} != {a.id, b.id}:
            continue
        openings.append(candidate)
    if openings:
        report.guessed.append(
            f"{len(openings)} opening(s) join rooms with no wall between them in the file "
            + ("(their outlines touch)" if rule == "touching" else "(adjoining corridors, halls and waiting areas)")
        )
    if closed:
        report.guessed.append(f"{closed} pair(s) of rooms touch with no wall between them in the file, but one is a closed room "
                              "(a conversation room, WC, store ...): no opening was made; check the walls there")
    report.counts["openings_between_touching_rooms"] = len(openings)
    return openings


#: Width (m) of a door the import places itself (the file has none).
GUESSED_DOOR_WIDTH = 0.9


def guessed_doors(rooms: list[Room], report: LevelReport) -> list[Door]:
    """For a file without doors: each room that is no corridor gets one door, to the corridor it shares most wall with
    (a hall, entrance or waiting area only where no corridor adjoins it).

    Marked ``guessed`` and ``width_estimated`` on the plan and counted in the
    report, so the designer knows to check them.
    """
    circulation = [r for r in rooms if r.kind in CIRCULATION]
    if not circulation:
        return []
    tree = shapely.STRtree([r.geometry for r in circulation])
    plan = Plan(rooms=tuple(rooms))
    doors: list[Door] = []
    for room in rooms:
        if room.kind in CIRCULATION:
            continue
        best = None
        for k in tree.query(room.geometry, predicate="dwithin", distance=0.03).tolist():
            hall = circulation[k]
            shared = room.geometry.boundary.intersection(hall.geometry.buffer(0.03, join_style="mitre"))
            segment = segment_on(shared, MIN_OPENING)
            # A corridor before a hall or waiting area (a conversation room's door opens onto the corridor), then the longest wall.
            if segment is not None and (best is None or _door_rank(segment, hall) > _door_rank(*best)):
                best = (segment, hall)
        if best is None:
            continue
        segment, hall = best
        mid, half = segment.interpolate(0.5, normalized=True), min(GUESSED_DOOR_WIDTH, segment.length) / 2
        (ax, ay), (bx, by) = segment.coords[0][:2], segment.coords[-1][:2]
        ux, uy = (bx - ax) / segment.length, (by - ay) / segment.length
        door = Door(id=f"d{len(doors) + 1}", points=[(mid.x - ux * half, mid.y - uy * half), (mid.x + ux * half, mid.y + uy * half)],
                    extra={WIDTH_ESTIMATED: True, "guessed": True})
        if {r.id for r in rooms_on_segment(plan, door.geometry)} == {room.id, hall.id}:
            doors.append(door)
    report.counts["doors_width_estimated"] = len(doors)
    if doors:
        report.guessed.append(f"the file has no doors: {len(doors)} door(s) of {GUESSED_DOOR_WIDTH:g} m were placed, one from each room "
                              "to a corridor beside it (else a hall or waiting area), marked guessed: check them")
    return doors


def _door_rank(segment: LineString, hall: Room) -> tuple[bool, float]:
    return hall.kind is RoomKind.corridor, segment.length


def isolated_entrances(plan: Plan, report: LevelReport) -> None:
    """Warn, naming the room, where a public entrance opens into a room that reaches little or nothing of the floor."""
    if not plan.entrances or len(plan.rooms) < 2:
        return
    graph = adjacency_graph(plan)
    if "outside" in graph:
        graph.remove_node("outside")
    floor = plan.floor_area
    for door in plan.entrances:
        inside = [r for r in rooms_on_segment(plan, door.geometry)]
        if len(inside) != 1:
            continue
        room = inside[0]
        reached = nx.node_connected_component(graph, room.id)
        area = sum(plan.room(rid).geometry.area for rid in reached)
        if len(reached) == 1 or area < _ISOLATED_SHARE * floor:
            others = "no other room" if len(reached) == 1 else f"only {len(reached) - 1} other room(s), {area:,.0f} of {floor:,.0f} m²"
            report.warnings.append(
                f"the entrance {door.id} opens into {room.label!r} ({room.geometry.area:,.0f} m²), from which doors and openings "
                f"reach {others}: check the doors around it"
            )
