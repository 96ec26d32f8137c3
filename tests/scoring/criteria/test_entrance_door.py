"""entrance-door: the way in is wide, level and opens by itself."""

from __future__ import annotations

from scoring import get_criterion, get_profile
from tests.scoring.plans import change, mini_centre

PROFILES = ["br18", "ada2010", "iso21542"]



def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_entrance_door_without_automatic_opening_scores_lower_but_passes():
    plan = change(mini_centre(), "d_ent", automatic=False)
    result = run("entrance-door", plan)
    assert result.passed is True
    assert result.score < run("entrance-door", mini_centre()).score
    assert "no automatic opening" in result.detail
