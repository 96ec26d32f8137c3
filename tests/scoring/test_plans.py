"""The hand-made test plans are valid plans, and change() builds new features."""

from __future__ import annotations

from floorplans import validate_plan
from floorplans.problems import errors_only
from tests.scoring.plans import change, mini_centre


def test_mini_centre_variants_are_valid_plans():
    for kwargs in ({}, {"nook": "entrance"}, {"nook": "none", "wc": False}, {"m2_door": 0.7, "m2_threshold": 30}, {"counter": {"height": 1.1}}):
        plan = mini_centre(**kwargs)
        assert errors_only(validate_plan(plan)) == [], (kwargs, validate_plan(plan))


def test_change_rebuilds_the_feature():
    plan = mini_centre()
    wider = change(plan, "d_m1", clear_width=0.8)
    assert wider.by_id["d_m1"].width == 0.8
    assert plan.by_id["d_m1"].width == 1.0
