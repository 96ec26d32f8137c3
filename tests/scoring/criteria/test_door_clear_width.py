"""door-clear-width: every door a wheelchair user passes has the profile's clear width."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import get_criterion, get_profile, score_plan
from scoring.routes import wheelchair_reach
from tests.scoring.plans import mini_centre

PROFILES = ["br18", "ada2010", "iso21542"]



def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


@pytest.mark.parametrize("profile", PROFILES)
def test_a_070_door_fails_everywhere_and_cuts_off_the_room_behind_it(profile):
    plan = mini_centre(m2_door=0.7)
    doors = run("door-clear-width", plan, profile)
    assert doors.passed is False and doors.where == ["d_m2"]
    assert doors.value == pytest.approx(0.7)
    route = run("step-free-route", plan, profile)
    assert route.passed is False
    assert "m2" in route.where and "d_m2" in route.where
    assert "Meeting 2" in route.detail
    assert [i["id"] for i in route.items if not i["reachable"]] == ["m2"]


def test_profiles_differ_on_a_080_door():
    plan = mini_centre(m2_door=0.80)
    verdicts = {p: run("door-clear-width", plan, p).passed for p in PROFILES}
    assert verdicts == {"br18": True, "ada2010": False, "iso21542": False}


@settings(max_examples=25, deadline=None)
@given(width=st.floats(min_value=0.6, max_value=1.0), sill=st.integers(min_value=0, max_value=40),
       profile=st.sampled_from(PROFILES))
def test_door_rules_agree_with_the_profile_table(width, sill, profile):
    width = round(width, 3)
    plan = mini_centre(m2_door=width, m2_threshold=sill)
    rp = get_profile(profile)
    door_ok = width + 1e-9 >= rp.door_clear_width.value
    sill_ok = sill <= rp.max_threshold_mm.value
    assert run("door-clear-width", plan, profile).passed is door_ok
    assert ("m2" in wheelchair_reach(plan, rp).reachable) is (door_ok and sill_ok)


def test_report_json_matches_the_contract():
    import json

    data = json.loads(score_plan(mini_centre(m2_door=0.7)).to_contract_json())
    assert set(data) >= {"plan", "profile", "calmness", "accessibility", "criteria"}
    assert data["profile"] == "br18" and 0 <= data["accessibility"] <= 100
    row = next(c for c in data["criteria"] if c["id"] == "door-clear-width")
    assert row["area"] == "accessibility" and row["passed"] is False
    assert row["value"] == 0.7 and row["threshold"] == 0.77 and row["where"] == ["d_m2"]
    assert "0.70" in row["detail"]
