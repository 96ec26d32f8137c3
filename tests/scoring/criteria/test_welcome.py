"""welcome: the entrance sees the reception, meets a low counter, finds a seat."""

from __future__ import annotations

from scoring import get_criterion, get_profile
from tests.scoring.plans import box, mini_centre, opening, seat


def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_welcome_sees_the_reception_meets_a_counter_and_finds_a_seat():
    plan = mini_centre()
    base = run("welcome", plan)
    assert "sees only" in base.detail  # the reception hides behind the corridor wall
    assert "no seat within" in base.detail
    open_plan = plan.with_feature(opening("o_rec", (4, 4.0), (4, 5.9))).with_feature(seat("s_ent", 3, 1))
    better = run("welcome", open_plan)
    assert better.score > base.score
    assert "sees only" not in better.detail and "no seat" not in better.detail
    tall = open_plan.with_feature(box("counter", "counter", 4.5, 4.2, 5.1, 7.5, height_mm=1100))
    barrier = run("welcome", tall)
    assert "tall counter" in barrier.detail and "counter" in barrier.where
    assert barrier.score < better.score
