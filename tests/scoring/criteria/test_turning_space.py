"""turning-space: a wheelchair can turn in rooms and at dead ends."""

from __future__ import annotations

from scoring import get_criterion, get_profile
from tests.scoring.plans import change, mini_centre, rect

PROFILES = ["br18", "ada2010", "iso21542"]



def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_turning_space_flags_a_tight_room_and_a_narrow_dead_end():
    plan = mini_centre()
    assert run("turning-space", plan).passed is True
    tight = mini_centre(corridor_width=1.2)
    result = run("turning-space", tight)
    assert result.passed is False and "cor" in result.where
    small = plan.with_feature(rect("m3", "meeting_room", 16, 0.95, 17.3, 2.25, name="Cupboard room"))
    small = change(small, "d_m3", points=[(16.2, 2.25), (17.1, 2.25)])
    result = run("turning-space", small)
    assert "m3" in result.where
