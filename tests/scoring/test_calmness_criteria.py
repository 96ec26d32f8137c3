"""Every calmness criterion together: each runs on a plan without the usual rooms."""

from __future__ import annotations

from scoring import get_criterion, get_profile
from tests.scoring.plans import door, make_plan, rect


def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_every_calmness_criterion_runs_on_a_plan_without_the_usual_rooms():
    tiny = make_plan(rect("ent", "entrance", 0, 0, 4, 4), door("d", (0, 1), (0, 2), entrance=True))
    for cid in ("quiet-refuge", "noise-separation", "reverberation", "meeting-privacy", "meeting-sightlines", "welcome",
                "green-exposure", "daylight", "waiting-density"):
        result = run(cid, tiny)
        assert 0.0 <= result.score <= 1.0 and result.detail
