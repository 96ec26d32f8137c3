"""Criteria that count rooms leave out rooms too small or too large for their kind (floorplans.plausibility).

A 0.1 m² doorless "quiet nook" must not be counted among the sheltered nooks,
a 10,000 m² "waiting room" is no roomy waiting area, a 1 m² "conversation
room" has no privacy to judge. The same rooms at a workable size are counted:
so each test shows the rule, not a room the criterion would skip anyway.
"""

from __future__ import annotations

import pytest

from scoring import get_criterion, get_profile
from scoring.criteria.shared import implausible, plausible_rooms
from tests.scoring.plans import change, mini_centre, rect


def run(criterion_id: str, plan):
    return get_criterion(criterion_id).evaluate(plan, get_profile("br18"))


def ids(result) -> set[str]:
    return {i["id"] for i in result.items or []}


def _with_nook(side: float):
    """mini_centre with a second, doorless "quiet nook" of side × side/0.9 m outside the entrance's west wall."""
    return mini_centre().with_feature(rect("tiny", "quiet_nook", -side, 0, 0, side / 0.9, name="Tiny nook"))


def test_a_tenth_of_a_square_metre_doorless_nook_is_not_counted_among_the_sheltered_nooks():
    base = run("quiet-refuge", mini_centre())
    tiny_plan = _with_nook(0.3)  # 0.3 × 0.333 m = 0.1 m²
    assert tiny_plan.room("tiny").geometry.area == pytest.approx(0.1, abs=1e-3)
    assert "tiny" in implausible(tiny_plan)
    tiny = run("quiet-refuge", tiny_plan)
    assert ids(tiny) == ids(base) == {"nook"}
    assert tiny.score == base.score and tiny.detail == base.detail  # "all 1 quiet nooks …", not "all 2"
    assert "tiny" not in tiny.where
    workable = run("quiet-refuge", _with_nook(1.5))  # 1.5 × 1.67 m = 2.5 m²: a nook, and judged as one
    assert ids(workable) == {"nook", "tiny"} and workable.score != base.score


def test_a_ten_thousand_square_metre_waiting_room_is_not_roomy():
    plan = mini_centre()
    assert "roomy" in run("waiting-density", plan).detail  # 35 m² for 4 seats
    huge_plan = change(plan.without("w_wait"), "wait", rings=rect("x", "waiting", 9, 3.75, 16, 1432.3).rings)
    assert round(huge_plan.room("wait").geometry.area) == 10_000
    huge = run("waiting-density", huge_plan)
    assert "roomy" not in huge.detail and "2500" not in huge.detail
    # left out, the floor citizens enter has no (plausible) waiting area: a failure, not a roomy wait
    assert huge.applicable and huge.score == 0.0 and "wait" not in huge.where
    assert plausible_rooms(huge_plan, *[huge_plan.room("wait").kind]) == []


def test_a_one_square_metre_conversation_room_is_not_judged_for_privacy():
    plan = mini_centre()
    base = run("meeting-sightlines", plan)
    assert ids(base) == {"m1", "m2", "m3"}
    squeezed = change(plan, "m3", rings=rect("x", "meeting_room", 16, 1.25, 17, 2.25).rings)  # 1 m² on the corridor
    assert "m3" in implausible(squeezed)
    assert ids(run("meeting-sightlines", squeezed)) == {"m1", "m2"}


def test_an_implausible_reception_is_not_looked_for_from_the_entrance():
    plan = mini_centre()
    assert "rec" in run("welcome", plan).where  # the entrance sees too little of the 25 m² reception
    tiny = change(plan, "rec", kind="reception", rings=rect("x", "reception", 4, 3.75, 5, 5.75).rings)  # 2 m²
    assert "rec" in implausible(tiny)
    result = run("welcome", tiny)
    assert "rec" not in result.where and "sees only" not in result.detail


def test_a_ten_thousand_square_metre_waiting_room_does_not_dilute_how_exposed_a_nook_is():
    plan = mini_centre(nook="entrance")  # a nook open to the entrance: 28% of entrance, waiting and reception see it
    huge_plan = change(plan.without("w_wait"), "wait", rings=rect("x", "waiting", 9, 3.75, 16, 1432.3).rings)
    base, huge = run("quiet-refuge", plan), run("quiet-refuge", huge_plan)
    # counted, the huge room would make the nook look hidden (0.2% of the public floor sees it); left out, the
    # nook is measured against the entrance and reception alone, and is more exposed, not less
    assert huge.items[0]["exposure"] >= base.items[0]["exposure"] > 0.2
    assert huge.score <= base.score


def test_a_door_or_wall_rated_beyond_built_construction_counts_at_the_plausible_limit():
    from tests.scoring.plans import door

    plan = change(mini_centre().with_feature(door("d_m1w", (16, 5), (16, 6))), "wait", capacity=30)

    def level(p) -> float:
        return {i["id"]: i for i in run("noise-separation", p).items}["m1"]["level_db"]

    at_limit, beyond = change(plan, "d_m1w", sound_rating=50), change(plan, "d_m1w", sound_rating=90)
    assert level(beyond) == level(at_limit) < level(change(plan, "d_m1w", sound_rating=40))
    from scoring.acoustics.plan_model import door_rating, wall_rating

    assert wall_rating(change(plan, "m1", wall_sound_rating=95).room("m1")) == 65.0  # (walls: flanking caps them anyway)
    assert door_rating(beyond.by_id["d_m1w"]) == 50.0


def test_the_command_line_says_which_rooms_it_leaves_out(tmp_path, caplog):
    from floorplans import dumps_plan
    from scoring.cli import load_plan

    path = tmp_path / "odd.geojson"
    path.write_text(dumps_plan(_with_nook(0.3)), encoding="utf-8")
    with caplog.at_level("WARNING", logger="scoring.cli"):
        load_plan(str(path))
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}: tiny: room 'Tiny nook': 0.1 m² is too small for a quiet nook (under about 2 m²); check its outline "
        "and its kind (left out of the scores)"]
    caplog.clear()
    path.write_text(dumps_plan(mini_centre()), encoding="utf-8")
    with caplog.at_level("WARNING", logger="scoring.cli"):
        load_plan(str(path))
    assert not caplog.records
