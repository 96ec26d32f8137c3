"""meeting-sightlines: how much of a meeting room can be seen from public floor."""

from __future__ import annotations

from scoring import get_criterion, get_profile
from tests.scoring.plans import door, mini_centre, opening


def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


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
