"""accessible-wc: one exists, is large enough and can be reached."""

from __future__ import annotations

from scoring import get_criterion, get_profile
from tests.scoring.plans import mini_centre, rect

PROFILES = ["br18", "ada2010", "iso21542"]



def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_accessible_wc_missing_small_and_reachable():
    assert run("accessible-wc", mini_centre(wc=False)).passed is False
    ok = run("accessible-wc", mini_centre())
    assert ok.passed is True
    small = mini_centre().with_feature(rect("wca", "wc_accessible", 4, 0.55, 6.5, 2.25, name="Small WC"))
    result = run("accessible-wc", small)
    assert result.passed is False and "smaller than" in result.detail
    # ADA's room (1.525 × 2.134) is smaller than BR18's derived 2.2 × 2.2
    mid_wc = mini_centre().with_feature(rect("wca", "wc_accessible", 4, 0.55, 6.5, 2.25))  # 2.5 × 1.7 m
    assert run("accessible-wc", mid_wc, "ada2010").passed is True
