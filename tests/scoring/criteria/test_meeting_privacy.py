"""meeting-privacy: ASTM E2638's speech privacy class of conversation rooms, from their walls' and doors' ratings."""

from __future__ import annotations

import re

from floorplans.samples import load_sample
from scoring import get_criterion, get_profile
from tests.scoring.plans import change, mini_centre, opening


def run(plan, profile: str = "br18"):
    return get_criterion("meeting-privacy").evaluate(plan, get_profile(profile))


def item(result, room_id: str) -> dict:
    return {i["id"]: i for i in result.items}[room_id]


def test_a_20_db_door_ranks_below_a_40_db_door():
    plan = mini_centre()
    poor, good = run(change(plan, "d_m2", sound_rating=20)), run(change(plan, "d_m2", sound_rating=40))
    assert item(poor, "m2")["spc"] < item(good, "m2")["spc"] - 10
    assert item(poor, "m2")["score"] < item(good, "m2")["score"] and poor.score < good.score
    assert item(poor, "m2")["at"] == "d_m2" and item(poor, "m2")["towards"] == "cor"


def test_an_opening_gives_no_privacy():
    plan = mini_centre()
    opened = run(plan.without("d_m2").with_feature(opening("d_m2", (20.5, 3.75), (23.5, 3.75))))
    assert item(opened, "m2")["score"] == 0.0 and item(opened, "m2")["spc"] < 40


def test_the_finding_names_the_door_and_what_would_help_in_both_languages():
    result = run(mini_centre())
    assert result.unit.startswith("SPC") and result.threshold == 70.0
    assert "d_m2" in result.where and "m2" in result.where and result.points
    assert "SPC" in result.detail and "BR18 guidance ≥ 40 dB" in result.detail
    assert "taleprivatliv" in result.detail_da and "BR18-vejledning ≥ 40 dB" in result.detail_da
    promised = re.search(r"would bring the privacy class of (.+?) to SPC ([0-9]+)", result.detail)
    assert promised, result.detail


def test_doors_and_walls_as_the_guidance_asks_give_privacy():
    plan = load_sample("baseline")
    rated = plan
    for room in plan.rooms_of_kind("meeting_room"):
        rated = change(rated, room.id, wall_sound_rating=52)
    for d in plan.doors:
        rated = change(rated, d.id, sound_rating=45)
    before, after = run(plan), run(rated)
    assert before.score < 0.2  # ordinary doors: speech is understood outside every conversation room
    assert after.score > 0.85 and after.value > 66
    assert all(i["r_w_db"] >= 40 for i in after.items)  # and every partition meets BR18's 40 dB with a door
