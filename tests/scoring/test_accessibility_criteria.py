"""Accessibility criteria together: the plain mini centre passes every hard rule."""

from __future__ import annotations

import pytest

from scoring import get_criterion, get_profile, score_plan
from tests.scoring.plans import mini_centre

PROFILES = ["br18", "ada2010", "iso21542"]



def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


@pytest.mark.parametrize("profile", PROFILES)
def test_the_plain_mini_centre_passes_the_hard_rules(profile):
    report = score_plan(mini_centre(), profile)
    for cid in ("door-clear-width", "step-free-route", "corridor-width", "accessible-wc", "entrance-door"):
        assert report.by_id(cid).passed is True, (cid, report.by_id(cid).detail)
