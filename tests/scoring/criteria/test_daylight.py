"""daylight: BR18 §379 glass area and the BRE average daylight factor per room, on hand-made plans and the samples."""

from __future__ import annotations

import pytest

from floorplans.model import Plan, evolve
from floorplans.samples import load_sample
from scoring import get_criterion, get_profile, score_plan
from tests.scoring.plans import change, door, make_plan, mini_centre, rect, window


def run(plan: Plan):
    return get_criterion("daylight").evaluate(plan, get_profile("br18"))


def item(result, room_id: str) -> dict:
    return {i["id"]: i for i in result.items}[room_id]


def slits(plan: Plan, height: float = 0.05) -> Plan:
    """Every window shrunk to a slit of ``height`` under its head."""
    for w in plan.windows:
        plan = plan.with_feature(evolve(w, sill=w.head - height))
    return plan


def test_meeting_room_by_hand():
    # Meeting 1: 4 × 5 m, 2.7 m high; a 3 m window 0.9–2.1 m onto a street (θ = 90 − 25 = 65°), LT 0.7.
    # glass 3.6 m², corrected 3.6 × 0.7 / 0.75 = 3.36 m² = 16.8 % of 20 m²;
    # DF = 0.7 × 3 × 1.2 × 65 / ((2 × 20 + 18 × 2.7) × 0.75) = 2.465 %.
    m1 = item(run(mini_centre()), "m1")
    assert m1["glass_ratio"] == pytest.approx(3.36 / 20, abs=1e-4)
    assert m1["daylight_factor_pct"] == pytest.approx(0.7 * 3 * 1.2 * 65 / (88.6 * 0.75), abs=0.01)
    assert m1["score"] == 1.0


def test_slit_windows_rank_below_full_windows_and_name_the_rooms_in_daylight_factors():
    full, slit = run(mini_centre()), run(slits(mini_centre()))
    assert slit.score < full.score - 0.3
    assert "m1" in slit.where and "m1" not in full.where
    assert "Meeting 1 (DF 0.1 %, glass 1 % of the floor)" in slit.detail  # 0.7 × 0.15 m² × 65° / (88.6 m² × 0.75)
    assert "Meeting 1 (DF 0,1 %, glas 1 % af gulvet)" in slit.detail_da
    assert "more window (0.9–2.1 m glass)" in slit.detail and "mere vindue" in slit.detail_da


def test_five_centimetre_windows_drop_option_a_clearly():
    plan = load_sample("option_a")
    before, after = score_plan(plan), score_plan(slits(plan))
    assert after.by_id("daylight").score < before.by_id("daylight").score - 0.3
    assert after.calmness < before.calmness - 2
    assert after.by_id("daylight").value < 0.2  # floor-weighted mean DF, per cent


def test_glass_above_the_ceiling_is_clipped():
    base = mini_centre()
    tall = change(base, "w_m1", head=10.0)  # a 3 m room: only glass up to 3 m counts
    at_ceiling = change(change(base, "m1", height=3.0), "w_m1", head=3.0)
    tall_room = change(tall, "m1", height=3.0)
    assert item(run(tall_room), "m1") | {"clipped_windows": []} == item(run(at_ceiling), "m1") | {"clipped_windows": []}
    assert item(run(tall_room), "m1")["clipped_windows"] == ["w_m1"]
    assert "Glass above the ceiling is not counted (windows w_m1)" in run(tall_room).detail
    above = change(change(base, "w_m1", sill=3.0, head=10.0), "m1", height=2.7)  # all of it above the ceiling: no window
    assert item(run(above), "m1")["glass_m2"] == 0.0


def test_no_room_to_stay_in_is_not_applicable():
    plan = make_plan(rect("cor", "corridor", 0, 0, 10, 2), rect("wc", "wc", 10, 0, 12, 2), door("d", (10, 0.5), (10, 1.5)),
                     window("w", (0, 0), (4, 0)))
    result = run(plan)
    assert result.applicable is False and result.weight == 1.0
    assert "no public rooms where people stay" in result.detail


def test_samples_name_the_dark_rooms():
    result = run(load_sample("baseline"))
    assert {"venteomraade", "jobcafe"} <= set(result.where)
    assert "has no outside wall" in result.detail and "har ingen ydervæg" in result.detail_da


def test_daylight_sees_windows_and_seats_near_them():
    plan = mini_centre()
    lit = run(plan)
    dark = run(plan.without("w_wait"))
    assert dark.score < lit.score
    assert "wait" in dark.where and "wait" not in lit.where
    assert "Waiting (DF 0.0 %, glass 0 % of the floor)" in dark.detail
