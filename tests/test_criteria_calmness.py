"""Calmness criteria on small hand-made plans where the right answer is obvious."""

from __future__ import annotations

import pytest

from scoring import get_criterion, get_profile
from tests.test_scoring_plans import box, change, door, make_plan, mini_centre, opening, seat


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


def test_meeting_sightlines_drop_when_the_room_opens_onto_the_waiting_area():
    plan = mini_centre()
    private = run("meeting-sightlines", plan)
    assert private.where == [] and private.score > 0.9
    base = {i["id"]: i["exposure_m2"] for i in private.items}["m1"]
    onto_waiting = run("meeting-sightlines", plan.with_feature(door("d_m1w", (16, 5), (16, 6))))
    opened = run("meeting-sightlines", plan.without("d_m1").with_feature(opening("d_m1", (16.2, 3.75), (19.8, 3.75))))
    assert {i["id"]: i["exposure_m2"] for i in onto_waiting.items}["m1"] > base + 5
    assert {i["id"]: i["exposure_m2"] for i in opened.items}["m1"] > base + 1
    assert onto_waiting.score < opened.score < private.score


def test_green_exposure_counts_plants_and_seats_seeing_green():
    plan = mini_centre()
    with_green = run("green-exposure", plan)
    bare = plan.without("p1").without("w_wait").without("w_nook")
    without = run("green-exposure", bare)
    assert without.score == 0.0 and without.value == 0.0
    assert with_green.value > 0.3
    waiting = {i["id"]: i for i in with_green.items if "id" in i}["wait"]
    assert waiting["seats"] == 4 and waiting["seeing_green"] == 4


def test_daylight_sees_windows_and_seats_near_them():
    plan = mini_centre()
    lit = run("daylight", plan)
    dark = run("daylight", plan.without("w_wait"))
    assert dark.score < lit.score
    assert "wait" in dark.where and "wait" not in lit.where
    assert "Waiting (DF 0.0 %, glass 0 % of the floor)" in dark.detail


def test_waiting_density_from_seats():
    plan = mini_centre()
    roomy = run("waiting-density", plan)
    assert roomy.value == pytest.approx(35 / 4)
    crowded = plan
    for i in range(36):
        crowded = crowded.with_feature(seat(f"x{i}", 9.3 + (i % 12) * 0.55, 4.2 + (i // 12) * 0.6))
    tight = run("waiting-density", crowded)
    assert tight.value == pytest.approx(35 / 40)
    assert tight.score == 0.0 and "crowded" in tight.detail
    assert roomy.score == 1.0


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


def test_change_helper_keeps_criteria_pure():
    plan = mini_centre()
    a = run("quiet-refuge", plan).score
    change(plan, "d_m1", clear_width=0.8)
    assert run("quiet-refuge", plan).score == a


def test_every_calmness_criterion_runs_on_a_plan_without_the_usual_rooms():
    from tests.test_scoring_plans import door, rect

    tiny = make_plan(rect("ent", "entrance", 0, 0, 4, 4), door("d", (0, 1), (0, 2), entrance=True))
    for cid in ("quiet-refuge", "noise-separation", "reverberation", "meeting-privacy", "meeting-sightlines", "welcome",
                "green-exposure", "daylight", "waiting-density"):
        result = run(cid, tiny)
        assert 0.0 <= result.score <= 1.0 and result.detail


def test_back_protection_is_higher_in_a_corner_than_mid_room():
    from scoring.criteria.calmness.quiet_refuge import back_protection
    from scoring.criteria.shared import isovist_at

    plan = mini_centre()
    corner = back_protection(isovist_at(plan, (27.5, 6.5)))  # in the nook's corner
    open_floor = back_protection(isovist_at(plan, (12.5, 6.25)))  # the middle of the waiting area
    assert corner >= 0.5 and open_floor == 0.0
