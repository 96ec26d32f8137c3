"""Room handles and the split tool: corners and walls dragged (a shared wall in both rooms), a room cut in two."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from floorplans import Door, Furniture, Plan, Room, RoomKind, Window, errors_only, validate_plan
from floorplans.editing import apply_action, move_edge, move_vertex, parse_action, split_room, wall_run
from floorplans.editing.actions import MoveEdge, MoveVertex, SplitRoom
from floorplans.problems import Problem
from floorplans.samples import load_sample
from floorplans.topology import adjacency_graph, rooms_on_segment, touching_rooms


def rect(x0, y0, x1, y1):
    return [[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]


@pytest.fixture
def plan() -> Plan:
    """A corridor (0..10 x 0..2), an open office (0..5 x 2..6) and a waiting room (5..10 x 2..6) sharing the wall x = 5."""
    return Plan(
        rooms=(
            Room(id="c", kind=RoomKind.corridor, name="Gang", rings=rect(0, 0, 10, 2)),
            Room(id="office", kind=RoomKind.open_office, name="Kontor", rings=rect(0, 2, 5, 6)),
            Room(id="wait", kind=RoomKind.waiting, name="Venteområde", rings=rect(5, 2, 10, 6)),
        ),
        doors=(
            Door(id="d1", points=[(1, 2), (2, 2)]),
            Door(id="d2", points=[(4, 0), (5.2, 0)], entrance=True),
            Door(id="d3", points=[(5, 3), (5, 4)]),
            Door(id="d4", points=[(7, 2), (8, 2)]),
        ),
        windows=(Window(id="w1", points=[(1, 6), (2, 6)]),),
        furniture=(
            Furniture(id="desk", type="table", rings=[[(0.5, 4.6), (1.5, 4.6), (1.5, 5.4), (0.5, 5.4), (0.5, 4.6)]]),
            Furniture(id="f1", type="plant", point=(7, 4)),
        ),
    )


def errors(plan: Plan) -> list[Problem]:
    return errors_only(validate_plan(plan))


def area(plan: Plan, *ids: str) -> float:
    return sum(plan.room(i).geometry.area for i in ids)


def edge_index(room: Room, a: tuple[float, float], b: tuple[float, float]) -> int:
    """The index of the outline edge a -> b or b -> a."""
    ring = room.rings[0]
    for i in range(len(ring) - 1):
        if {ring[i], ring[i + 1]} == {a, b}:
            return i
    raise AssertionError(f"no edge {a}-{b} in {ring}")


def test_fixture_is_valid(plan):
    assert errors(plan) == []


# --- split ---------------------------------------------------------------------------------------------------

def test_split_carves_a_nook_with_a_door_and_keeps_the_area(plan):
    result = split_room(plan, "office", (0.2, 4.0), (4.8, 4.0), "quiet_nook")
    assert result.ok, result.message
    new = result.plan
    nook_id = result.feature_id
    assert nook_id == "r1" and nook_id not in plan.by_id
    nook, office = new.room(nook_id), new.room("office")
    assert nook.kind is RoomKind.quiet_nook and office.kind is RoomKind.open_office
    assert nook.name == "Quiet nook 1"
    assert nook.geometry.area == pytest.approx(10.0) and office.geometry.area == pytest.approx(10.0)
    assert area(new, "office", nook_id) == pytest.approx(plan.room("office").geometry.area)
    assert nook.geometry.is_valid and office.geometry.is_valid
    assert nook.geometry.intersection(office.geometry).area == pytest.approx(0.0)
    assert errors(new) == []
    # the new door sits on the new wall (y = 4) and joins the two parts
    (door,) = [d for d in new.doors if d.id not in plan.by_id]
    assert {y for _, y in door.points} == {4.0}
    assert door.length == pytest.approx(1.0)
    assert sorted(r.id for r in rooms_on_segment(new, door.geometry)) == sorted(["office", nook_id])
    assert adjacency_graph(new).has_edge("office", nook_id)
    # furniture goes with the part it lies in: the desk (y 4.6..5.4) is in the upper part
    upper = nook if nook.geometry.centroid.y > 4 else office
    assert upper.geometry.covers(new.get("desk").geometry)


def test_split_smaller_part_gets_the_new_kind_whichever_side(plan):
    result = split_room(plan, "office", (1.0, 2.1), (1.0, 5.9), "meeting_room")
    assert result.ok, result.message
    small = result.plan.room(result.feature_id)
    assert small.geometry.area == pytest.approx(4.0)  # the 1 m strip on the west
    assert small.kind is RoomKind.meeting_room
    assert result.plan.room("office").geometry.area == pytest.approx(16.0)


def test_split_extends_a_short_line_to_the_walls(plan):
    result = split_room(plan, "office", (2.0, 4.0), (3.0, 4.0), "quiet_nook")
    assert result.ok, result.message
    assert result.plan.room(result.feature_id).geometry.area == pytest.approx(10.0)


def test_split_without_kind_keeps_the_rooms_kind(plan):
    result = split_room(plan, "office", (0, 3), (5, 3))
    assert result.ok
    assert result.plan.room(result.feature_id).kind is RoomKind.open_office


@pytest.mark.parametrize(("a", "b", "words"), [
    ((20, 20), (30, 30), "does not cross"),
    ((1.5, 2.5), (1.5, 5.5), "cut door d1 in two"),  # the cut ends in the middle of door d1 (x 1..2 on y = 2)
    ((0, 5.5), (0.5, 6), "too short"),  # across the corner: a 0.7 m wall has no room for a door
])
def test_split_refusals_name_the_room(plan, a, b, words):
    result = split_room(plan, "office", a, b, "quiet_nook")
    assert not result.ok
    assert result.plan is plan
    assert words in result.message
    assert "Kontor" in result.message


def test_split_unknown_room_and_kind(plan):
    assert "no room" in split_room(plan, "nope", (0, 0), (1, 1)).message
    assert not split_room(plan, "office", (0, 3), (5, 3), "palace").ok


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(x=st.floats(min_value=-1, max_value=11), y=st.floats(min_value=-1, max_value=7), vertical=st.booleans())
def test_split_property_conserves_area_or_refuses(plan, x, y, vertical):
    """Any axis line: either a valid plan whose two parts make up the old room with a door between them, or the plan unchanged."""
    a, b = ((x, -1), (x, 7)) if vertical else ((-1, y), (11, y))
    result = split_room(plan, "office", a, b, "quiet_nook", grid=0.1)
    if not result.ok:
        assert result.plan is plan and result.message
        return
    new = result.plan
    assert errors(new) == []
    assert area(new, "office", result.feature_id) == pytest.approx(20.0)
    assert adjacency_graph(new).has_edge("office", result.feature_id)
    assert new.room(result.feature_id).geometry.area <= new.room("office").geometry.area + 1e-9


# --- walls and corners -----------------------------------------------------------------------------------------

def test_wall_run_takes_the_whole_straight_wall():
    ring = [(0, 0), (12, 0), (12, 4), (12, 12), (0, 12), (0, 0)]
    assert wall_run(ring, 1) == (1, 3)
    assert wall_run(ring, 2) == (1, 3)
    assert wall_run(ring, 0) == (0, 1)


def test_moving_a_shared_wall_moves_both_rooms(plan):
    office = plan.room("office")
    i = edge_index(office, (5, 2), (5, 6))
    result = move_edge(plan, "office", i, 1.04)  # snapped to 1.0 on the 10 cm grid
    assert result.ok, result.message
    new = result.plan
    assert new.room("office").geometry.bounds == (0, 2, 6, 6)
    assert new.room("wait").geometry.bounds == (6, 2, 10, 6)
    assert area(new, "office", "wait") == pytest.approx(area(plan, "office", "wait"))
    assert new.room("office").geometry.intersection(new.room("wait").geometry).area == pytest.approx(0.0)
    assert touching_rooms(new).get_edge_data("office", "wait")["shared"] == pytest.approx(4.0, abs=0.11)
    # the door on the moved wall goes with it, still joining the two rooms
    assert new.get("d3").points == [(6, 3), (6, 4)]
    assert adjacency_graph(new).has_edge("office", "wait")
    assert "Venteområde moved with it" in result.message
    assert errors(new) == []


def test_moving_an_outside_wall_takes_its_window(plan):
    office = plan.room("office")
    result = move_edge(plan, "office", edge_index(office, (5, 6), (0, 6)), 1.0)
    assert result.ok, result.message
    assert result.plan.room("office").geometry.bounds == (0, 2, 5, 7)
    assert result.plan.get("w1").points == [(1, 7), (2, 7)]
    assert result.plan.room("wait").geometry.bounds == (5, 2, 10, 6)  # only touched at a corner: stays


def test_moving_part_of_a_longer_wall_leaves_a_step_in_the_neighbour(plan):
    """The office's south wall is half the corridor's north wall: the corridor gets a step, the waiting room is untouched."""
    office = plan.room("office")
    result = move_edge(plan, "office", edge_index(office, (0, 2), (5, 2)), 0.5)  # out of the office = down
    assert result.ok, result.message
    new = result.plan
    assert new.room("office").geometry.bounds == (0, 1.5, 5, 6)
    corridor = new.room("c").geometry
    assert corridor.area == pytest.approx(20 - 2.5)
    assert new.room("wait").geometry.bounds == (5, 2, 10, 6)
    assert new.get("d1").points == [(1, 1.5), (2, 1.5)]
    assert new.get("d4").points == [(7, 2), (8, 2)]
    assert errors(new) == []


def test_a_wall_move_that_breaks_the_plan_is_refused_naming_the_room(plan):
    office = plan.room("office")
    result = move_edge(plan, "office", edge_index(office, (5, 2), (5, 6)), 5.0)  # squashes the waiting room to nothing
    assert not result.ok
    assert result.plan is plan
    assert "Kontor" in result.message
    result = move_edge(plan, "office", edge_index(office, (0, 6), (0, 2)), -4.6)  # door d1 and window w1 no longer fit
    assert not result.ok and result.plan is plan
    assert result.message.startswith("cannot move that wall of room 'Kontor'") and "no longer fit" in result.message


def test_moving_a_shared_corner_moves_it_in_both_rooms(plan):
    office = plan.room("office")
    i = office.rings[0].index((5, 6))
    result = move_vertex(plan, "office", i, 5.5, 6.0)
    assert result.ok, result.message
    new = result.plan
    assert (5.5, 6.0) in new.room("office").rings[0] and (5.5, 6.0) in new.room("wait").rings[0]
    assert area(new, "office", "wait") == pytest.approx(40.0)
    assert new.room("office").geometry.intersection(new.room("wait").geometry).area == pytest.approx(0.0)
    assert errors(new) == []


def test_a_corner_move_that_crosses_the_outline_is_refused(plan):
    office = plan.room("office")
    i = office.rings[0].index((0, 6))
    result = move_vertex(plan, "office", i, 6.0, 1.0)
    assert not result.ok and result.plan is plan
    assert "Kontor" in result.message


def test_bad_indices_and_rooms(plan):
    assert "no room" in move_edge(plan, "d1", 0, 1).message
    assert "no number 9" in move_vertex(plan, "office", 9, 0, 0).message
    assert move_edge(plan, "office", 0, 0.01).changed is False


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.floats(min_value=-6, max_value=6))
def test_shared_wall_property(plan, offset):
    """Moving the shared wall by any amount: refused with the plan unchanged, or both rooms keep their total area, touch and do not overlap."""
    office = plan.room("office")
    result = move_edge(plan, "office", edge_index(office, (5, 2), (5, 6)), offset)
    if not result.ok or not result.changed:
        assert result.plan is plan
        return
    new = result.plan
    assert errors(new) == []
    assert area(new, "office", "wait") == pytest.approx(40.0)
    assert new.room("office").geometry.intersection(new.room("wait").geometry).area == pytest.approx(0.0)
    assert touching_rooms(new).has_edge("office", "wait")


def test_on_the_sample_plan_a_nook_is_carved_and_its_wall_dragged():
    """The demo's open office: split off a strip along its south wall, then widen it by dragging the new wall."""
    sample = load_sample("baseline")
    split = split_room(sample, "kontor_vest", (0.5, 4.0), (11.5, 4.0), "quiet_nook")
    assert split.ok, split.message
    nook = split.plan.room(split.feature_id)
    i = edge_index(nook, (12, 4), (0, 4))
    moved = move_edge(split.plan, nook.id, i, 0.5)
    assert moved.ok, moved.message
    assert moved.plan.room(nook.id).geometry.area == pytest.approx(54.0)
    assert moved.plan.room("kontor_vest").geometry.area == pytest.approx(90.0)
    assert errors(moved.plan) == []


# --- actions ---------------------------------------------------------------------------------------------------

def test_new_actions_parse():
    assert parse_action({"op": "move_vertex", "id": "office", "index": 2, "x": 1, "y": 2}) == MoveVertex(
        op="move_vertex", id="office", index=2, x=1, y=2)
    assert parse_action({"op": "move_edge", "id": "office", "index": 1, "offset": -0.5, "seq": "s1"}) == MoveEdge(
        op="move_edge", id="office", index=1, offset=-0.5, seq="s1")
    assert parse_action({"op": "split_room", "id": "office", "a": [0, 4], "b": [5, 4]}) == SplitRoom(
        op="split_room", id="office", a=(0, 4), b=(5, 4))


@pytest.mark.parametrize("raw", [
    {"op": "move_vertex", "id": "office", "index": -1, "x": 1, "y": 2},
    {"op": "move_edge", "id": "office", "index": 1},
    {"op": "split_room", "id": "office", "a": [0], "b": [5, 4]},
    {"op": "split_room", "id": "office", "a": [0, "x"], "b": [5, 4]},
])
def test_bad_new_actions_are_problems(raw):
    assert isinstance(parse_action(raw), Problem)


def test_apply_split_action_uses_the_pickers_kind(plan):
    result = apply_action(plan, {"op": "split_room", "id": "office", "a": [0, 4], "b": [5, 4], "kind": "meeting_room"},
                          kind="quiet_nook")
    assert result.ok and result.plan.room(result.feature_id).kind is RoomKind.quiet_nook
    result = apply_action(plan, {"op": "move_edge", "id": "office", "index": edge_index(plan.room("office"), (5, 2), (5, 6)),
                                 "offset": 1})
    assert result.ok and result.plan.room("wait").geometry.area == pytest.approx(16.0)
    result = apply_action(plan, {"op": "move_vertex", "id": "office", "index": 2, "x": 5.5, "y": 6})
    assert result.ok
