"""reverberation: T (Sabine/Eyring) or absorption area per room against the Danish guidance."""

from __future__ import annotations

import pytest

from floorplans.samples import load_sample
from scoring import get_criterion, get_profile
from tests.scoring.plans import change, mini_centre


def run(plan, profile: str = "br18"):
    return get_criterion("reverberation").evaluate(plan, get_profile(profile))


def item(result, room_id: str) -> dict:
    return {i["id"]: i for i in result.items}[room_id]


def test_hard_ranks_below_standard_below_absorbent():
    plan = mini_centre()
    scores = {f: run(change(change(plan, "m1", acoustic_finish=f), "wait", acoustic_finish=f)) for f in ("hard", "standard", "absorbent")}
    assert scores["hard"].score < scores["standard"].score < scores["absorbent"].score
    hard = item(scores["hard"], "m1")
    assert hard["rule"] == "time" and hard["value"] > 2 and hard["method"] == "Sabine"
    assert "m1" in scores["hard"].where and "m1" not in scores["absorbent"].where
    assert "Meeting 1 (T = " in scores["hard"].detail and "Meeting 1 (T = " in scores["hard"].detail_da
    assert "absorbent finish" in scores["hard"].detail and "absorberende overflade" in scores["hard"].detail_da


def test_the_standard_meeting_room_by_hand():
    # Meeting 1: 4 × 5 m, 2.7 m high, standard finish, no seats. At 500 Hz: ceiling 20·0.53, floor 20·0.03,
    # walls 18·2.7·0.06 → A = 10.6 + 0.6 + 2.92 = 14.12 m²; ᾱ = 14.12 / 88.6 = 0.16 → Sabine: 0.161·54/14.12 = 0.616 s
    result = run(mini_centre())
    m1 = item(result, "m1")
    at_500 = 0.161 * 54 / (20 * 0.53 + 20 * 0.03 + 18 * 2.7 * 0.06)
    assert at_500 == pytest.approx(0.616, abs=0.001)
    assert m1["band_hz"] == 500 and m1["value"] == pytest.approx(at_500, rel=0.01)
    assert m1["limit"] == 0.6


def test_open_areas_need_absorption_and_staff_rooms_are_not_judged():
    result = run(mini_centre())
    wait = item(result, "wait")
    assert wait["rule"] == "absorption" and wait["limit"] == pytest.approx(1.1 * 35 * (0.8 if wait["band_hz"] == 125 else 1))
    assert "office" not in {i["id"] for i in result.items}  # the staff's open office is not a room citizens use
    assert item(result, "cor")["rule"] == "time"


def test_a_lower_ceiling_shortens_the_reverberation():
    plan = change(mini_centre(), "m1", acoustic_finish="hard")
    assert item(run(change(plan, "m1", height=2.4)), "m1")["value"] < item(run(change(plan, "m1", height=3.5)), "m1")["value"]


def test_samples():
    result = run(load_sample("option_a"))
    assert 0 < result.score < 1 and result.value > 0.6
    assert {"venteomraade", "jobcafe"} <= set(result.where)
