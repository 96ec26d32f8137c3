"""Plan edit operations: every accepted edit gives a valid plan, every refused one keeps the old plan."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from floorplans import Door, Furniture, Plan, Room, RoomKind, Window, errors_only, validate_plan
from floorplans.editing import (
    EditHistory,
    add_polygon_room,
    add_rect_room,
    apply_action,
    apply_doors_table,
    apply_rooms_table,
    delete_feature,
    doors_table,
    move_feature,
    new_id,
    parse_coords,
    place_door,
    place_window,
    rooms_table,
    set_room,
    snap,
    update_door,
    wall_at,
)
from floorplans.topology import rooms_on_segment


def rect(x0, y0, x1, y1):
    return [[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]


@pytest.fixture
def plan() -> Plan:
    """A corridor along the bottom, two rooms above it, an entrance and a window."""
    return Plan(
        name="small",
        rooms=(
            Room(id="c", kind=RoomKind.corridor, name="Gang", rings=rect(0, 0, 10, 2)),
            Room(id="r1", kind=RoomKind.meeting_room, name="Samtale 1", rings=rect(0, 2, 5, 6)),
            Room(id="r2", kind=RoomKind.waiting, name="Venteområde", rings=rect(5, 2, 10, 6)),
        ),
        doors=(
            Door(id="d1", points=[(1, 2), (2, 2)]),
            Door(id="d2", points=[(4, 0), (5.2, 0)], entrance=True),
        ),
        windows=(Window(id="w1", points=[(1, 6), (2, 6)]),),
        furniture=(Furniture(id="f1", type="plant", point=(7, 4)),),
    )


def errors(plan: Plan) -> list:
    return errors_only(validate_plan(plan))


def test_fixture_plan_is_valid(plan):
    assert errors(plan) == []


@pytest.mark.parametrize(("value", "grid", "expected"), [
    (1.04, 0.1, 1.0), (1.06, 0.1, 1.1), (-0.04, 0.1, 0.0), (2.26, 0.5, 2.5), (1.2345, None, 1.234), (3.0, 0.1, 3.0),
])
def test_snap(value, grid, expected):
    assert snap(value, grid) == expected


def test_snap_refuses_nan():
    with pytest.raises(ValueError, match="nan"):
        snap(math.nan)


def test_new_id_counts_up_past_existing_numbers(plan):
    assert new_id(plan, "room") == "r3"
    assert new_id(plan, "door") == "d3"
    assert new_id(plan, "window", taken={"w2"}) == "w3"


def test_add_rect_room_snaps_and_validates(plan):
    result = add_rect_room(plan, 10.03, 0.02, 12.96, 4.04, "quiet_nook", "Stille")
    assert result.ok, result.problems
    room = result.plan.room("r3")
    assert room.kind is RoomKind.quiet_nook and room.name == "Stille"
    assert room.geometry.bounds == (10.0, 0.0, 13.0, 4.0)
    assert room.geometry.area == pytest.approx(12.0)
    assert room.geometry.exterior.is_ccw
    assert errors(result.plan) == []
    assert plan.get("r3") is None  # the input plan is untouched


def test_overlapping_room_is_refused_and_plan_kept(plan):
    result = add_rect_room(plan, 8, 4, 12, 8)
    assert not result.ok and not result.changed
    assert result.plan is plan
    assert [p.code for p in result.problems] == ["rooms-overlap"]
    assert "overlaps room" in result.problems[0].message


def test_island_room_is_refused(plan):
    result = add_rect_room(plan, 20, 20, 23, 23)
    assert not result.ok
    assert result.problems[0].code == "island-room"
    assert result.problems[0].feature_id == "r3"


def test_degenerate_rectangle_is_refused(plan):
    result = add_rect_room(plan, 10, 0, 10.02, 4)  # narrower than half a grid step
    assert not result.ok and "no area" in result.problems[0].message


def test_self_intersecting_polygon_is_refused_with_its_id(plan):
    result = add_polygon_room(plan, [(10, 0), (13, 3), (13, 0), (10, 3)])
    assert not result.ok
    assert result.problems[0].code == "self-intersection"
    assert result.problems[0].feature_id == "r3"
    assert result.plan is plan


def test_polygon_room_is_oriented_and_closed(plan):
    clockwise = [(10, 0), (10, 4), (12, 4), (12, 2), (14, 2), (14, 0)]
    result = add_polygon_room(plan, clockwise, RoomKind.green_area)
    assert result.ok, result.problems
    room = result.plan.room("r3")
    assert room.rings[0][0] == room.rings[0][-1]
    assert room.geometry.exterior.is_ccw
    assert room.geometry.area == pytest.approx(12.0)


def test_polygon_with_two_corners_is_refused(plan):
    result = add_polygon_room(plan, [(10, 0), (12, 0), (12.01, 0.01)])
    assert not result.ok and "at least 3" in result.problems[0].message


def test_unknown_kind_is_refused(plan):
    result = add_rect_room(plan, 10, 0, 12, 2, kind="ballroom")
    assert not result.ok and result.problems[0].code == "unknown-kind"


def test_wall_at_finds_the_stretch_with_one_neighbour(plan):
    wall = wall_at(plan, 7.5, 2.05)
    assert set(wall.rooms) == {"c", "r2"}
    xs = sorted((wall.start[0], wall.end[0]))
    assert xs == pytest.approx([5.0, 10.0])
    outside = wall_at(plan, 3.0, -0.3)
    assert outside.rooms == ("c",) and outside.is_exterior


def test_place_door_on_shared_wall(plan):
    result = place_door(plan, 5.04, 4.03)
    assert result.ok, result.problems
    door = result.plan.get("d3")
    assert isinstance(door, Door)
    assert door.points == [(5.0, 3.5), (5.0, 4.5)]
    assert {r.id for r in rooms_on_segment(result.plan, door.geometry)} == {"r1", "r2"}


def test_place_door_near_corner_stays_inside_the_wall(plan):
    result = place_door(plan, 4.95, 2.0)  # on the c|r1 wall right next to the r1/r2 corner
    assert result.ok, result.problems
    door = result.plan.get("d3")
    xs = sorted(p[0] for p in door.points)
    assert xs[1] <= 4.9 + 1e-9 and xs[1] - xs[0] == pytest.approx(1.0)
    assert {r.id for r in rooms_on_segment(result.plan, door.geometry)} == {"c", "r1"}


def test_place_door_far_from_walls_is_refused(plan):
    result = place_door(plan, 50, 50)
    assert not result.ok and result.problems[0].code == "door-off-wall"
    assert result.plan is plan


def test_place_entrance_on_outside_wall(plan):
    result = place_door(plan, 8.0, -0.1, entrance=True)
    assert result.ok, result.problems
    assert result.plan.get("d3").entrance


def test_place_window_on_outside_wall_only(plan):
    ok = place_window(plan, 7.0, 6.1)
    assert ok.ok and isinstance(ok.plan.get("w2"), Window)
    inside = place_window(plan, 5.0, 4.0)
    assert not inside.ok and inside.problems[0].code == "window-off-wall"


def test_move_door_slides_along_its_wall(plan):
    result = move_feature(plan, "d1", 2.02, 0.3)
    assert result.ok, result.problems
    door = result.plan.get("d1")
    assert door.midpoint.x == pytest.approx(3.5)
    assert door.midpoint.y == pytest.approx(2.0)
    assert [d.id for d in result.plan.doors] == ["d1", "d2"]  # order kept


def test_move_room_carries_its_features_or_is_refused(plan):
    grown = add_rect_room(plan, 10, 0, 13, 6).plan
    grown = place_door(grown, 10.0, 4.0).plan
    assert grown.get("d3") is not None
    away = move_feature(grown, "r3", 5, 0)  # would leave an island
    assert not away.ok and away.plan is grown
    assert "island" in away.problems[0].code
    shifted = move_feature(grown, "r3", 0, -1.0)  # still touching r2 and c
    assert shifted.ok, shifted.problems
    assert shifted.plan.room("r3").geometry.bounds == (10.0, -1.0, 13.0, 5.0)
    assert shifted.plan.get("d3").midpoint.y == pytest.approx(3.0)
    straddling = move_feature(grown, "r3", 0, -2.0)  # its door would straddle two walls
    assert not straddling.ok and straddling.problems[0].feature_id == "d3"


def test_move_furniture_and_tiny_move(plan):
    result = move_feature(plan, "f1", 1, -1)
    assert result.ok and result.plan.get("f1").point == (8.0, 3.0)
    tiny = move_feature(plan, "f1", 0.02, 0.01)
    assert tiny.ok and not tiny.changed and tiny.plan is plan


def test_delete_room_takes_its_doors_and_windows(plan):
    result = delete_feature(plan, "r1")
    assert result.ok, result.problems
    assert {f.id for f in result.plan.features} == {"c", "r2", "d2", "f1"}
    assert "d1" in result.message and "w1" in result.message


def test_delete_unknown_is_refused(plan):
    result = delete_feature(plan, "nope")
    assert not result.ok and "nope" in result.problems[0].message


def test_delete_the_entrance_is_refused(plan):
    result = delete_feature(plan, "d2")
    assert not result.ok and result.problems[0].code == "no-entrance"


def test_set_room_kind_and_name(plan):
    result = set_room(plan, "r1", kind="quiet_nook", name="Stillerum")
    assert result.ok
    room = result.plan.room("r1")
    assert (room.kind, room.name) == (RoomKind.quiet_nook, "Stillerum")
    assert set_room(plan, "r1", name="Samtale 1").changed is False
    assert not set_room(plan, "r1", kind="castle").ok
    assert not set_room(plan, "d1", name="x").ok


def test_update_door(plan):
    result = update_door(plan, "d1", clear_width=0.8, threshold_mm=20)
    assert result.ok and result.plan.get("d1").clear_width == 0.8
    too_wide = update_door(plan, "d1", clear_width=1.5)
    assert not too_wide.ok and too_wide.problems[0].code == "door-wider-than-wall"


def test_apply_action_dispatches_component_json(plan):
    drawn = apply_action(plan, {"op": "add_room", "rings": [[[10, 0], [12, 0], [12, 3], [10, 3], [10, 0]]], "kind": "waiting"})
    assert drawn.ok and drawn.plan.room("r3").kind is RoomKind.waiting
    rect_result = apply_action(plan, {"op": "add_rect", "x0": 10, "y0": 0, "x1": 12, "y1": 2}, kind="wc")
    assert rect_result.ok and rect_result.plan.room("r3").kind is RoomKind.wc
    door = apply_action(drawn.plan, {"op": "place_door", "x": 10.0, "y": 1.0, "seq": 3})
    assert door.ok and door.plan.get("d3") is not None
    assert apply_action(plan, {"op": "delete", "id": "f1"}).plan.get("f1") is None
    assert apply_action(plan, {"op": "move", "id": "f1", "dx": 1, "dy": 0}).ok
    select = apply_action(plan, {"op": "select", "id": "r1"})
    assert select.ok and not select.changed and select.feature_id == "r1"
    click = apply_action(plan, {"op": "click", "x": 3, "y": 3})
    assert click.ok and click.plan is plan


@pytest.mark.parametrize("raw", [None, {}, {"op": "explode"}, {"op": "place_door", "x": "left"}, {"op": "move", "id": "d1"}])
def test_bad_actions_are_refused_not_raised(plan, raw):
    result = apply_action(plan, raw)
    assert not result.ok and result.problems[0].code == "bad-action"
    assert result.plan is plan


def test_history_undo_redo(plan):
    history = EditHistory(plan)
    first = history.apply(add_rect_room(plan, 10, 0, 12, 2))
    second = history.apply(place_door(first.plan, 10, 1))
    history.apply(add_rect_room(second.plan, 0, 0, 4, 4))  # refused: not recorded
    assert history.present is second.plan and len(history.past) == 2
    assert history.undo() is first.plan
    assert history.undo() is plan
    assert not history.can_undo and history.undo() is plan
    assert history.redo() is first.plan
    history.push(set_room(first.plan, "r1", name="x").plan)  # a new edit drops the redo branch
    assert not history.can_redo


def test_history_is_bounded(plan):
    history = EditHistory(plan, limit=3)
    current = plan
    for i in range(6):
        current = set_room(current, "r1", name=f"n{i}").plan
        history.push(current)
    assert len(history.past) == 3


# ------------------------------------------------------------------ tables


def test_rooms_table_round_trip_is_unchanged(plan):
    rows = rooms_table(plan)
    assert rows[1] == {"id": "r1", "kind": "meeting_room", "name": "Samtale 1", "capacity": None, "public": True,
                       "height": 2.7, "acoustic_finish": "standard", "wall_sound_rating": 44.0, "x0": 0.0, "y0": 2.0, "x1": 5.0, "y1": 6.0, "coords": "0 2; 5 2; 5 6; 0 6", "area": 20.0}
    result = apply_rooms_table(plan, rows)
    assert result.ok and not result.changed and result.plan is plan


def test_rooms_table_reshapes_by_rectangle(plan):
    rows = rooms_table(plan)
    rows[2]["x1"] = 9.0  # shrink r2
    rows[2]["name"] = "Venteværelse"
    result = apply_rooms_table(plan, rows)
    assert result.ok, result.problems
    assert result.plan.room("r2").geometry.area == pytest.approx(16.0)
    assert result.plan.room("r2").name == "Venteværelse"


def test_rooms_table_reshapes_by_coords(plan):
    rows = rooms_table(plan)
    rows[2]["coords"] = "5 2; 10 2; 10 5; 8 5; 8 6; 5 6"
    result = apply_rooms_table(plan, rows)
    assert result.ok, result.problems
    assert result.plan.room("r2").geometry.area == pytest.approx(18.0)


def test_rooms_table_invalid_polygon_keeps_plan(plan):
    rows = rooms_table(plan)
    rows[2]["coords"] = "5 2; 10 6; 10 2; 5 6"  # a bow-tie
    result = apply_rooms_table(plan, rows)
    assert not result.ok and result.plan is plan
    assert result.problems[0].feature_id == "r2"
    assert "self-intersection" in result.problems[0].message


def test_rooms_table_reports_every_bad_cell(plan):
    rows = rooms_table(plan)
    rows[0]["x0"] = "abc"
    rows[1]["kind"] = "palace"
    result = apply_rooms_table(plan, rows)
    assert not result.ok
    messages = [str(p) for p in result.problems]
    assert any("x0 = 'abc' is not a number" in m for m in messages)
    assert any("'palace' is not a room kind" in m for m in messages)


@pytest.mark.parametrize("coords", ["nan 2; 10 2; 10 6; 5 6", "5 2; inf 2; 10 6; 5 6"])
def test_rooms_table_non_finite_coords_are_refused_not_raised(plan, coords):
    rows = rooms_table(plan)
    rows[2]["coords"] = coords
    result = apply_rooms_table(plan, rows)
    assert not result.ok and result.plan is plan
    assert result.problems[0].feature_id == "r2"
    assert "not a finite number" in result.problems[0].message


def test_rooms_table_adds_and_removes_rows(plan):
    rows = rooms_table(plan)
    rows.append({"id": None, "kind": "quiet_nook", "name": "Ny", "x0": 10, "y0": 0, "x1": 12, "y1": 2})
    added = apply_rooms_table(plan, rows)
    assert added.ok, added.problems
    assert added.plan.room("r3").kind is RoomKind.quiet_nook
    fewer = [r for r in rooms_table(plan) if r["id"] != "r1"]
    removed = apply_rooms_table(plan, fewer)
    assert removed.ok, removed.problems
    assert removed.plan.get("r1") is None and removed.plan.get("d1") is None and removed.plan.get("w1") is None


def test_rooms_table_new_row_without_geometry_is_refused(plan):
    rows = rooms_table(plan) + [{"id": "x9", "kind": "wc"}]
    result = apply_rooms_table(plan, rows)
    assert not result.ok and result.problems[0].feature_id == "x9"


def test_doors_table_edits(plan):
    rows = doors_table(plan)
    assert rows[0] == {"id": "d1", "x1": 1.0, "y1": 2.0, "x2": 2.0, "y2": 2.0, "clear_width": None,
                       "threshold_mm": 0.0, "entrance": False, "automatic": False, "sound_rating": 25.0}
    rows[0]["clear_width"] = 0.85
    rows[0]["threshold_mm"] = 25
    result = apply_doors_table(plan, rows)
    assert result.ok, result.problems
    assert result.plan.get("d1").clear_width == 0.85 and result.plan.get("d1").threshold_mm == 25


def test_doors_table_off_wall_and_zero_length_refused(plan):
    rows = doors_table(plan)
    rows[0]["y1"] = rows[0]["y2"] = 3.0  # inside r1, on no wall
    off = apply_doors_table(plan, rows)
    assert not off.ok and off.problems[0].code == "door-off-wall" and off.problems[0].feature_id == "d1"
    rows = doors_table(plan)
    rows[0]["x2"], rows[0]["y2"] = rows[0]["x1"], rows[0]["y1"]
    zero = apply_doors_table(plan, rows)
    assert not zero.ok and "same point" in zero.problems[0].message
    assert zero.plan is plan


@pytest.mark.parametrize(("text", "expected"), [
    ("0 0; 1 0; 1 1", [(0, 0), (1, 0), (1, 1)]),
    ("0,0 1,0 1,1", [(0, 0), (1, 0), (1, 1)]),
    ("POLYGON ((0 0, 1 0, 1 1, 0 0))", [(0, 0), (1, 0), (1, 1), (0, 0)]),
])
def test_parse_coords(text, expected):
    assert parse_coords(text) == expected


def test_parse_coords_rejects_garbage():
    with pytest.raises(ValueError):
        parse_coords("0 0 0; 1 1")


# ------------------------------------------------------------------ property: edits never break a valid plan

_actions = st.one_of(
    st.builds(lambda x, y, w, h: {"op": "add_rect", "x0": x, "y0": y, "x1": x + w, "y1": y + h},
              st.floats(-4, 14), st.floats(-4, 10), st.floats(0.5, 5), st.floats(0.5, 5)),
    st.builds(lambda x, y: {"op": "place_door", "x": x, "y": y}, st.floats(-1, 11), st.floats(-1, 7)),
    st.builds(lambda x, y: {"op": "place_window", "x": x, "y": y}, st.floats(-1, 11), st.floats(-1, 7)),
    st.builds(lambda i, dx, dy: {"op": "move", "id": i, "dx": dx, "dy": dy},
              st.sampled_from(["r1", "r2", "c", "d1", "d2", "w1", "f1", "r3", "d3"]), st.floats(-3, 3), st.floats(-3, 3)),
    st.builds(lambda i: {"op": "delete", "id": i}, st.sampled_from(["r1", "r2", "d1", "w1", "f1", "r3", "d3"])),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_actions, min_size=1, max_size=6))
def test_random_edits_never_leave_an_invalid_plan(plan, actions):
    history = EditHistory(plan)
    for action in actions:
        before = history.present
        result = history.apply(apply_action(before, action))
        if result.ok:
            assert errors(history.present) == []
        else:
            assert history.present is before and result.problems


def test_room_built_against_a_window_removes_it(plan):
    result = add_rect_room(plan, 0, 6, 3, 9, "quiet_nook")
    assert result.ok, result.problems
    assert result.plan.get("w1") is None
    assert "w1" in result.message
    assert errors(result.plan) == []


def test_room_moved_against_a_window_removes_it(plan):
    grown = add_rect_room(plan, 3, 6, 5, 8).plan  # next to w1 (1..2 on the top wall of r1)
    result = move_feature(grown, "r3", -2, 0)
    assert result.ok, result.problems
    assert result.plan.get("w1") is None and "w1" in result.message


def test_tables_carry_the_physical_properties_and_apply_them(plan):
    from floorplans.editing import update_window

    rows = rooms_table(plan)
    assert {"height", "acoustic_finish", "wall_sound_rating"} <= set(rows[0])
    assert apply_rooms_table(plan, rows).plan == plan  # shown values unchanged: nothing changes
    rid = rows[0]["id"]
    rows[0].update(height=3.3, acoustic_finish="absorbent", wall_sound_rating=None)  # an emptied cell keeps the value
    result = apply_rooms_table(plan, rows)
    assert result.ok, result.problems
    room = result.plan.room(rid)
    assert (room.height, room.acoustic_finish.value, room.wall_sound_rating) == (3.3, "absorbent", plan.room(rid).wall_sound_rating)
    rows[0]["acoustic_finish"] = "foam"
    refused = apply_rooms_table(plan, rows)
    assert not refused.ok and "foam" in refused.problems[0].message and refused.plan is plan

    doors = doors_table(plan)
    doors[0]["sound_rating"] = 38
    result = apply_doors_table(plan, doors)
    assert result.ok and result.plan.doors[0].sound_rating == 38.0
    doors[0]["sound_rating"] = -3
    assert not apply_doors_table(plan, doors).ok

    window = plan.windows[0]
    changed = update_window(plan, window.id, sill=0.1, head=2.5, light_transmittance=0.5)
    assert changed.ok and changed.plan.by_id[window.id].glass_area == pytest.approx(window.length * 2.4)
    refused = update_window(plan, window.id, sill=2.6)
    assert not refused.ok and "above its sill" in refused.problems[0].message and refused.plan is plan
