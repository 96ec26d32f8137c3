"""Topology inferred from geometry, on hand-made plans and on the samples."""

import pytest
from shapely.geometry import Point

from floorplans import plan_from_geojson
from floorplans.samples import load_sample, sample_names
from floorplans.topology import (
    adjacency_graph,
    door_positions,
    exterior_wall,
    exterior_walls,
    passages,
    room_at,
    rooms_on_segments,
    touching_rooms,
    walkable_footprint,
)
from tests.factory import collection, door, room, segment, two_rooms


def test_doors_connect_the_rooms_they_are_drawn_between():
    plan = plan_from_geojson(two_rooms())
    joined = {p.id: p.rooms for p in passages(plan)}
    assert joined == {"d-in": ("hall",), "d-mid": ("hall", "wait")}
    graph = adjacency_graph(plan)
    assert set(graph.edges(keys=True)) == {("hall", "outside", "d-in"), ("hall", "wait", "d-mid")}
    assert graph.edges["hall", "wait", "d-mid"]["width"] == pytest.approx(1.0)


def test_openings_are_edges_and_walls_without_doors_are_not():
    plan = plan_from_geojson(collection(
        room("a", "waiting", (0, 0, 4, 4)), room("b", "job_search", (4, 0, 8, 4)), room("c", "meeting_room", (0, 4, 8, 6)),
        segment("o", "opening", (4, 1), (4, 3)), door("in", (1, 0), (2, 0), entrance=True),
    ))
    graph = adjacency_graph(plan)
    assert graph.has_edge("a", "b") and not graph.has_edge("a", "c")
    assert not graph.edges["a", "b", "o"]["is_door"]
    assert set(touching_rooms(plan).edges) == {("a", "b"), ("a", "c"), ("b", "c")}


def test_exterior_walls_per_room():
    plan = plan_from_geojson(two_rooms())
    walls = exterior_walls(plan)
    assert walls["hall"].length == pytest.approx(5 + 4 + 5)
    assert walls["wait"].length == pytest.approx(5 + 4 + 5)
    assert all(exterior_wall(plan, rid).equals_exact(wall, 0) for rid, wall in walls.items())  # one room alone: the same
    assert exterior_wall(plan, "nowhere") is None


def test_walkable_footprint_excludes_polygon_furniture():
    document = two_rooms()
    document["features"].append({"type": "Feature", "id": "t", "geometry": {"type": "Polygon", "coordinates": [[[6, 1], [7, 1], [7, 2], [6, 2], [6, 1]]]},
                                 "properties": {"feature": "furniture", "type": "table"}})
    plan = plan_from_geojson(document)
    assert walkable_footprint(plan).area == pytest.approx(40 - 1)


def test_door_positions_and_room_at():
    plan = plan_from_geojson(two_rooms())
    assert door_positions(plan)["d-mid"] == pytest.approx((5.0, 1.5))
    assert room_at(plan, 7, 2).id == "wait"
    assert room_at(plan, 50, 50) is None


@pytest.mark.parametrize("name", sample_names())
def test_rooms_on_segments_batch_agrees_with_the_plain_rule(name: str) -> None:
    plan = load_sample(name)
    features = [*plan.doors, *plan.openings, *plan.windows]

    def plain(segment) -> list[str]:  # both ends and the middle within 5 cm of the room's outline
        probes = [Point(segment.coords[0]), Point(segment.coords[-1]), segment.interpolate(0.5, normalized=True)]
        return [r.id for r in plan.rooms if all(r.geometry.boundary.distance(q) <= 0.05 for q in probes)]

    found = rooms_on_segments(plan, [f.geometry for f in features])
    assert [[r.id for r in rooms] for rooms in found] == [plain(f.geometry) for f in features]
    assert any(len(rooms) == 2 for rooms in found)


@pytest.mark.parametrize("name", sample_names())
def test_one_rooms_outside_wall_is_its_part_of_the_whole_outline(name: str) -> None:
    plan = load_sample(name)
    walls = exterior_walls(plan)
    assert all(exterior_wall(plan, rid).equals_exact(wall, 0) for rid, wall in walls.items())
    assert any(wall.length > 0 for wall in walls.values()) and any(wall.length == 0 for wall in walls.values())
