"""The committed sample plans: valid, complete, connected, and different in the ways the options claim."""

from __future__ import annotations

import networkx as nx
import pytest
import shapely
from shapely.geometry import box

from floorplans.geojson_io import dumps_plan, parse_plan
from floorplans.model import Door, Plan, RoomKind
from floorplans.problems import errors_only
from floorplans.samples import SAMPLES_DIR, load_sample, sample_names
from floorplans.samples.build import DEPTH, PLAN_BUILDERS, WIDTH
from floorplans.topology import adjacency_graph, exterior_walls, rooms_on_segment
from floorplans.validation import validate_plan

NAMES = ["baseline", "option_a", "option_b", "option_c"]


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {name: load_sample(name) for name in NAMES}


def test_sample_names_are_the_four_options() -> None:
    assert sample_names() == NAMES
    assert all((SAMPLES_DIR / f"{n}.geojson").is_file() for n in NAMES)


def test_unknown_sample_names_itself_and_the_known_ones() -> None:
    with pytest.raises(KeyError) as info:
        load_sample("option_z")
    message = str(info.value)
    assert "option_z" in message and "baseline" in message and "option_c" in message


@pytest.mark.parametrize("name", NAMES)
def test_sample_validates_without_errors(plans: dict[str, Plan], name: str) -> None:
    assert errors_only(validate_plan(plans[name])) == []


@pytest.mark.parametrize("name", NAMES)
def test_committed_file_matches_the_builder(plans: dict[str, Plan], name: str) -> None:
    # If this fails, run `python -m floorplans.samples.build` and commit the files.
    assert PLAN_BUILDERS[name]() == plans[name]


@pytest.mark.parametrize("name", NAMES)
def test_round_trip_is_lossless(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    again = parse_plan(dumps_plan(plan))
    assert again == plan
    assert dumps_plan(again) == dumps_plan(plan)


@pytest.mark.parametrize("name", NAMES)
def test_ids_unique(plans: dict[str, Plan], name: str) -> None:
    ids = [f.id for f in plans[name].features]
    assert len(ids) == len(set(ids))


def test_baseline_size() -> None:
    plan = load_sample("baseline")
    assert len(plan.rooms) >= 32
    assert 900 <= plan.floor_area <= 1500


@pytest.mark.parametrize("name", NAMES)
def test_rooms_tile_the_same_outer_walls(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    union = shapely.union_all([r.geometry for r in plan.rooms])
    outline = box(0, 0, WIDTH, DEPTH)
    assert union.symmetric_difference(outline).area < 1e-6  # no gaps
    assert abs(plan.floor_area - outline.area) < 1e-6  # no overlaps
    assert len(plan.rooms) >= 30


@pytest.mark.parametrize("name", NAMES)
def test_required_room_kinds(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    count = {kind: len(plan.rooms_of_kind(kind)) for kind in RoomKind}
    assert count[RoomKind.entrance] == 1
    assert count[RoomKind.reception] == 1
    assert count[RoomKind.waiting] == 1
    assert count[RoomKind.job_search] == 1
    assert count[RoomKind.meeting_room] >= 8
    assert count[RoomKind.group_room] == 2
    assert count[RoomKind.wc_accessible] >= 1
    assert count[RoomKind.corridor] >= 3
    assert count[RoomKind.storage] >= 1
    assert count[RoomKind.open_office] >= 1
    assert count[RoomKind.staff_room] == 1
    for room in plan.rooms_of_kind(RoomKind.meeting_room):
        assert room.capacity is not None and 2 <= room.capacity <= 4
    assert plan.rooms_of_kind(RoomKind.waiting)[0].capacity


@pytest.mark.parametrize("name", NAMES)
def test_accessible_wc_fits_a_turning_circle(plans: dict[str, Plan], name: str) -> None:
    for room in plans[name].rooms_of_kind(RoomKind.wc_accessible):
        radius = shapely.maximum_inscribed_circle(room.geometry).length
        assert radius >= 0.75, room.id


@pytest.mark.parametrize("name", NAMES)
def test_corridors_are_wide_enough(plans: dict[str, Plan], name: str) -> None:
    for room in plans[name].rooms_of_kind(RoomKind.corridor):
        minx, miny, maxx, maxy = room.geometry.bounds
        assert min(maxx - minx, maxy - miny) >= 1.3, room.id


@pytest.mark.parametrize("name", NAMES)
def test_entrance_is_an_automatic_step_free_door_on_the_outside_wall(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    (door,) = plan.entrances
    assert door.automatic and door.threshold_mm == 0
    (room,) = rooms_on_segment(plan, door.geometry)
    assert room.kind == RoomKind.entrance


@pytest.mark.parametrize("name", NAMES)
def test_every_room_reachable_from_the_entrance(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    graph = adjacency_graph(plan)
    reached = nx.node_connected_component(graph, "outside")
    assert {r.id for r in plan.rooms if r.is_public} <= reached
    assert {r.id for r in plan.rooms} <= reached


@pytest.mark.parametrize("name", NAMES)
def test_every_door_joins_two_rooms_or_leads_outside(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    for door in plan.doors:
        rooms = rooms_on_segment(plan, door.geometry)
        assert len(rooms) == 2 or (len(rooms) == 1 and door.entrance), door.id
        assert door.clear_width is not None and door.clear_width <= door.length


@pytest.mark.parametrize("name", NAMES)
def test_windows_only_on_outside_walls(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    outside = exterior_walls(plan)
    assert plan.windows
    for window in plan.windows:
        (room,) = rooms_on_segment(plan, window.geometry)
        assert outside[room.id].buffer(0.05).covers(window.geometry), window.id
        assert window.view is not None


# --- the deliberate differences -------------------------------------------------


def _doors_between(plan: Plan, kind_a: RoomKind, kind_b: RoomKind) -> list[Door]:
    found = []
    for door in plan.doors:
        kinds = {r.kind for r in rooms_on_segment(plan, door.geometry)}
        if kinds == {kind_a, kind_b}:
            found.append(door)
    return found


def _m2_per_seat(plan: Plan) -> float:
    waiting = plan.rooms_of_kind(RoomKind.waiting)[0]
    seats = [f for f in plan.furniture if f.type == "seat" and waiting.geometry.covers(f.geometry)]
    assert len(seats) == waiting.capacity
    return waiting.geometry.area / len(seats)


def _counter_height(plan: Plan) -> float:
    reception = plan.rooms_of_kind(RoomKind.reception)[0]
    (counter,) = [f for f in plan.furniture if f.type == "counter" and reception.geometry.covers(f.geometry)]
    return counter.extra["height_mm"]


def test_option_b_has_the_narrow_door_and_the_threshold_and_option_a_has_neither(plans: dict[str, Plan]) -> None:
    b, a = plans["option_b"], plans["option_a"]
    assert any(d.width < 0.77 for d in b.doors)
    assert any(d.threshold_mm > 20 for d in b.doors)
    assert all(d.width >= 0.9 for d in a.doors)
    assert all(d.threshold_mm == 0 for d in a.doors)


def test_quiet_nooks_where_each_option_puts_them(plans: dict[str, Plan]) -> None:
    assert plans["baseline"].rooms_of_kind(RoomKind.quiet_nook) == []
    assert plans["option_c"].rooms_of_kind(RoomKind.quiet_nook) == []
    a = plans["option_a"]
    nooks = a.rooms_of_kind(RoomKind.quiet_nook)
    assert 2 <= len(nooks) <= 3
    graph = adjacency_graph(a)
    windows_by_room = {rooms_on_segment(a, w.geometry)[0].id for w in a.windows}
    for nook in nooks:
        assert 6 <= nook.geometry.area <= 10
        assert nook.id in windows_by_room
        assert nx.shortest_path_length(graph, "outside", nook.id) >= 4  # entrance, reception/corridors ...
        neighbours = {graph.nodes[n]["room"].kind for n in graph.neighbors(nook.id)}
        assert neighbours == {RoomKind.corridor}
    (b_nook,) = plans["option_b"].rooms_of_kind(RoomKind.quiet_nook)
    b_graph = adjacency_graph(plans["option_b"])
    assert nx.shortest_path_length(b_graph, "outside", b_nook.id) <= 3  # right by the entrance


def test_plants_and_green(plans: dict[str, Plan]) -> None:
    counts = {name: len(plan.plants) for name, plan in plans.items()}
    assert counts["baseline"] == 0
    assert counts["option_a"] > counts["option_b"] > counts["option_c"] > 0
    for name in ("option_a", "option_b"):
        plan = plans[name]
        (green,) = plan.rooms_of_kind(RoomKind.green_area)
        assert any(w.view is not None and w.view.value == "green" and rooms_on_segment(plan, w.geometry)[0].id == green.id
                   for w in plan.windows)
        assert sum(green.geometry.covers(p.geometry) for p in plan.plants) >= 8


def test_waiting_density_orders_the_options(plans: dict[str, Plan]) -> None:
    density = {name: _m2_per_seat(plan) for name, plan in plans.items()}
    assert density["option_a"] > density["option_b"] > density["baseline"] > density["option_c"]
    assert density["option_c"] < 1.2 and density["baseline"] < 1.5


def test_conversation_rooms_off_the_waiting_area(plans: dict[str, Plan]) -> None:
    direct = {name: len(_doors_between(plan, RoomKind.meeting_room, RoomKind.waiting)) for name, plan in plans.items()}
    assert direct["option_a"] == 0
    assert 0 < direct["option_b"] < direct["baseline"]
    assert direct["baseline"] >= 3 and direct["option_c"] >= 3


def test_reception_counter_heights(plans: dict[str, Plan]) -> None:
    assert _counter_height(plans["baseline"]) >= 1000
    assert _counter_height(plans["option_a"]) <= 800


def test_option_c_is_open_plan(plans: dict[str, Plan]) -> None:
    c = plans["option_c"]
    graph = adjacency_graph(c)
    reception = c.rooms_of_kind(RoomKind.reception)[0].id
    openings = {key for _, _, key, data in graph.edges(reception, keys=True, data=True) if not data["is_door"]}
    joined = {graph.nodes[n]["room"].kind for n in graph.neighbors(reception)
              if any(k in openings for k in graph[reception][n])}
    assert {RoomKind.waiting, RoomKind.job_search} <= joined


def test_accessible_wc_near_the_waiting_area_in_option_a(plans: dict[str, Plan]) -> None:
    a = plans["option_a"]
    waiting = a.rooms_of_kind(RoomKind.waiting)[0]
    graph = adjacency_graph(a)
    assert any(graph.nodes[n]["room"].kind == RoomKind.wc_accessible for n in graph.neighbors(waiting.id))
