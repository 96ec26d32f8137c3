"""wayfinding: few decisions and turns from the entrance."""

from __future__ import annotations

from scoring import get_criterion, get_profile
from scoring.criteria.accessibility.wayfinding import count_turns
from tests.scoring.plans import mini_centre

PROFILES = ["br18", "ada2010", "iso21542"]



def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_wayfinding_counts_decisions_and_turns():
    assert count_turns([(0, 0), (5, 0), (5, 5), (10, 5)]) == 2
    assert count_turns([(0, 0), (5, 0), (10, 0.2)]) == 0
    plan = mini_centre()
    result = run("wayfinding", plan)
    assert result.value == 1.0  # the corridor is the one place to choose
    assert result.score > 0.8
