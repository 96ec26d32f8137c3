"""An upper storey has no entrance door: visitors arrive by lift or stairs, and routes, views and scores start there."""

from __future__ import annotations

from floorplans import errors_only, plan_from_geojson, validate_plan
from floorplans.topology import arrival_rooms
from scoring.engine import score_plan
from scoring.profiles import get_profile
from scoring.routes import routes_from_entrances, wheelchair_reach
from tests.factory import collection, door, room


def upper_floor(arrival_kind: str = "lift"):
    """A lift (or stair) hall 0..3 x 0..4, a corridor 3..13 x 0..2, a meeting room 3..8 x 2..6, a quiet nook 8..13 x 2..6."""
    return plan_from_geojson(collection(
        room("hall", arrival_kind, (0, 0, 3, 4), name="Elevator" if arrival_kind == "lift" else "Trappe"),
        room("gang", "corridor", (3, 0, 13, 2), name="Gang"),
        room("mr1", "meeting_room", (3, 2, 8, 6), name="Samtalerum 1"),
        room("nook", "quiet_nook", (8, 2, 13, 6), name="Stillerum"),
        door("d-hall", (3, 0.5), (3, 1.5), clear_width=0.9),
        door("d-mr1", (5, 2), (6, 2), clear_width=0.9),
        door("d-nook", (11, 2), (12, 2), clear_width=0.9),
        name="2. sal",
    ))


def test_the_lift_is_the_way_in_and_validation_only_warns():
    plan = upper_floor()
    assert [r.id for r in arrival_rooms(plan)] == ["hall"]
    problems = validate_plan(plan)
    assert not errors_only(problems), problems
    assert any(p.code == "arrival-by-lift-or-stairs" and p.severity == "warning" and "Elevator" in p.message
               for p in problems)


def test_routes_and_the_wheelchair_start_at_the_lift():
    plan = upper_floor()
    routes = routes_from_entrances(plan)
    assert set(routes) == {"hall", "gang", "mr1", "nook"}
    assert routes["nook"].length > routes["mr1"].length > 0
    reach = wheelchair_reach(plan, get_profile("br18"))
    assert reach.reachable == {"hall", "gang", "mr1", "nook"} and not reach.unreachable


def test_a_floor_reached_only_by_stairs_has_no_step_free_way_in():
    plan = upper_floor("stairs")
    reach = wheelchair_reach(plan, get_profile("br18"))
    assert reach.reachable == set()
    report = score_plan(plan)
    by_id = {c.id: c for c in report.criteria}
    assert by_id["entrance-door"].passed is False and "only by stairs" in by_id["entrance-door"].detail
    assert by_id["step-free-route"].passed is False
    assert routes_from_entrances(plan)["nook"].length > 0  # on foot, the stairs are a way in


def test_an_upper_floor_scores_with_the_lift_as_its_entrance():
    report = score_plan(upper_floor())
    by_id = {c.id: c for c in report.criteria}
    assert by_id["entrance-door"].passed is None and by_id["entrance-door"].where == ["hall"]
    assert by_id["step-free-route"].passed is True
    assert 0 < report.accessibility <= 100 and 0 < report.calmness <= 100


def test_a_ground_floor_keeps_its_entrance_door_as_the_only_way_in():
    from tests.factory import two_rooms

    plan = plan_from_geojson(two_rooms())
    assert arrival_rooms(plan) == []
    assert not any(p.code == "arrival-by-lift-or-stairs" for p in validate_plan(plan))


def test_the_scoring_cli_scores_an_upper_floor(tmp_path):
    import subprocess
    import sys

    from floorplans import write_plan

    path = tmp_path / "upper.geojson"
    write_plan(upper_floor(), path)
    done = subprocess.run([sys.executable, "-m", "scoring", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "entrance-door" in done.stdout and "reached by lift" in done.stdout
