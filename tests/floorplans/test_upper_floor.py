"""An upper storey has no entrance door: visitors arrive by lift or stairs, and validation only warns."""

from __future__ import annotations

from floorplans import errors_only, plan_from_geojson, validate_plan
from floorplans.topology import arrival_rooms
from tests.factory import two_rooms, upper_floor


def test_the_lift_is_the_way_in_and_validation_only_warns():
    plan = upper_floor()
    assert [r.id for r in arrival_rooms(plan)] == ["hall"]
    problems = validate_plan(plan)
    assert not errors_only(problems), problems
    assert any(p.code == "arrival-by-lift-or-stairs" and p.severity == "warning" and "Elevator" in p.message
               for p in problems)


def test_a_ground_floor_keeps_its_entrance_door_as_the_only_way_in():
    plan = plan_from_geojson(two_rooms())
    assert arrival_rooms(plan) == []
    assert not any(p.code == "arrival-by-lift-or-stairs" for p in validate_plan(plan))
