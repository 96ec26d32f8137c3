"""view-out: EN 17037's horizontal sight angle of window from each seat, through its isovist."""

from __future__ import annotations

import math

import pytest

from floorplans.model import evolve
from floorplans.samples import load_sample
from scoring import get_criterion, get_profile
from scoring.criteria.calmness.view_out import seat_score
from tests.scoring.plans import change, door, make_plan, mini_centre, rect, seat, window


def run(plan):
    return get_criterion("view-out").evaluate(plan, get_profile("br18"))


def one_room(**window_kw):
    """A 4 × 4 m waiting room, a 2 m window in the middle of its north wall, one seat 2 m in front of it."""
    w = evolve(window("w1", (1, 4), (3, 4), view="street"), **window_kw)
    return make_plan(rect("wait", "waiting", 0, 0, 4, 4, name="Waiting"), door("d", (0, 1), (0, 2), entrance=True), w,
                     seat("s", 2, 2))


def test_sight_angle_by_hand():
    # the 2 m window 2 m away subtends 2·atan(1/2) = 53.13°
    result = run(one_room())
    assert result.items[0]["window_deg"] == pytest.approx(math.degrees(2 * math.atan(0.5)), abs=0.1)
    assert result.score == pytest.approx(1.0) and result.value == 1.0


def test_a_slit_window_gives_no_view_and_says_to_lower_the_sill():
    full, slit = run(one_room()), run(one_room(sill=2.05))
    assert slit.score == 0.0 < full.score
    assert slit.where == ["wait"] and "Waiting (1 of 1 seats, best 0°)" in slit.detail
    assert "Lower the sill of w1 in Waiting to 1.2 m" in slit.detail
    assert "Sænk brystningen på w1 i Waiting til højst 1,2 m" in slit.detail_da


def test_seat_score_steps_at_en_17037_levels():
    assert seat_score(0) == 0.0 and seat_score(14) == 0.75 and seat_score(28) == 1.0 and seat_score(7) == pytest.approx(0.375)


def test_a_wall_between_the_seat_and_the_window_blocks_the_view():
    plan = mini_centre()
    open_view = run(plan)
    walled = run(plan.without("o_wait"))  # the waiting room's opening to the corridor no longer lets the others look in
    assert {i["id"]: i for i in open_view.items}["wait"]["window_deg"] > 14
    assert walled.score <= open_view.score


def test_no_room_to_stay_in_is_not_applicable():
    plan = make_plan(rect("cor", "corridor", 0, 0, 10, 2), window("w", (0, 0), (4, 0)))
    assert run(plan).applicable is False


def test_samples_rank_option_a_above_the_baseline():
    base, a = run(load_sample("baseline")), run(load_sample("option_a"))
    assert a.score > base.score
    assert "venteomraade" in base.where and "has no outside wall" in base.detail
    slit = load_sample("option_a")
    for w in slit.windows:
        slit = change(slit, w.id, sill=w.head - 0.05)
    assert run(slit).score < 0.1
