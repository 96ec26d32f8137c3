"""quiet-refuge: a sheltered nook, far from the entrance, back protected."""

from __future__ import annotations

from scoring import get_criterion, get_profile
from tests.scoring.plans import change, mini_centre


def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_a_nook_beside_the_entrance_is_less_of_a_refuge_than_the_same_nook_at_the_far_end():
    near = run("quiet-refuge", mini_centre(nook="entrance"))
    far = run("quiet-refuge", mini_centre(nook="far"))
    assert near.score < far.score - 0.3
    assert near.where == far.where == ["nook"]  # the nook judged; only the near one is called poor
    assert "poor refuge" in near.detail and "sheltered" in far.detail
    assert "seen from the entrance" in near.detail
    assert near.items[0]["seen_from_entrance"] is True and far.items[0]["seen_from_entrance"] is False
    assert far.items[0]["view_out"] == 1.0  # the window onto green


def test_no_quiet_nook_scores_zero():
    result = run("quiet-refuge", mini_centre(nook="none"))
    assert result.score == 0.0 and "no quiet nook" in result.detail


def test_back_protection_is_higher_in_a_corner_than_mid_room():
    from scoring.criteria.calmness.quiet_refuge import back_protection
    from scoring.criteria.shared import isovist_at

    plan = mini_centre()
    corner = back_protection(isovist_at(plan, (27.5, 6.5)))  # in the nook's corner
    open_floor = back_protection(isovist_at(plan, (12.5, 6.25)))  # the middle of the waiting area
    assert corner >= 0.5 and open_floor == 0.0


def test_change_helper_keeps_criteria_pure():
    plan = mini_centre()
    a = run("quiet-refuge", plan).score
    change(plan, "d_m1", clear_width=0.8)
    assert run("quiet-refuge", plan).score == a
