"""noise-separation: decibels of activity noise arriving at quiet and conversation rooms, pairs of plans that rank one way."""

from __future__ import annotations

import pytest

from floorplans.samples import load_sample
from scoring import get_criterion, get_profile
from tests.scoring.acoustics.test_plans import nook_across_the_corridor, nook_at_the_far_end
from tests.scoring.plans import change, door, mini_centre, opening


def run(plan, profile: str = "br18"):
    return get_criterion("noise-separation").evaluate(plan, get_profile(profile))


def item(result, room_id: str) -> dict:
    return {i["id"]: i for i in result.items}[room_id]


def test_a_nook_by_the_entrance_ranks_below_the_same_nook_at_the_far_end():
    near, far = run(mini_centre(nook="entrance")), run(mini_centre(nook="far"))
    assert near.score < far.score
    n, f = item(near, "nook"), item(far, "nook")
    assert n["level_db"] > 50 and n["source"] == "ent" and n["through"] == ["o_nook"] and n["score"] == 0.0
    assert f["level_db"] < 35 and f["score"] > 0.5
    assert "nook" in near.where and "o_nook" in near.where
    assert near.lines and near.unit.startswith("dB(A)") and near.threshold == 30.0
    assert "Quiet nook 57 dB (from Entrance through the opening o_nook" in near.detail
    assert "Quiet nook 57 dB (fra Entrance gennem åbningen o_nook" in near.detail_da
    assert "would bring the level in Quiet nook to" in near.detail and "ville sænke niveauet i Quiet nook til" in near.detail_da


def test_a_nook_behind_two_doors_passes_by_its_decibels_not_by_counting_doors():
    behind_doors = run(nook_across_the_corridor())
    far = run(nook_at_the_far_end())
    # 2 m from the entrance, its level is what crosses the walls and the two closed doors: more than at the far end
    assert item(behind_doors, "nook")["level_db"] > item(far, "nook")["level_db"] + 5
    # the same spot with an opening for its door fails outright: a door is worth what it holds back
    opened = run(nook_across_the_corridor("opening"))
    assert item(opened, "nook")["level_db"] > item(behind_doors, "nook")["level_db"] + 10
    assert item(opened, "nook")["score"] < 0.7 < item(behind_doors, "nook")["score"]


def test_a_plan_without_doors_is_no_longer_perfect():
    plan = mini_centre()
    sealed = plan
    for d in plan.doors:
        if not d.entrance:
            sealed = sealed.without(d.id)
    all_open = plan
    for d in plan.doors:
        if not d.entrance:
            all_open = all_open.without(d.id).with_feature(opening(d.id, *d.points))
    # without doors nothing can be walked to, but sound still crosses walls and the nook's opening
    assert run(sealed).score < 1.0 and item(run(sealed), "nook")["level_db"] > 30
    assert run(all_open).score < run(plan).score - 0.2


def test_a_20_db_door_ranks_below_a_40_db_door():
    plan = change(mini_centre().with_feature(door("d_m1w", (16, 5), (16, 6))), "wait", capacity=30)
    poor, good = run(change(plan, "d_m1w", sound_rating=20)), run(change(plan, "d_m1w", sound_rating=40))
    assert item(poor, "m1")["score"] < item(good, "m1")["score"] and poor.score < good.score
    assert item(poor, "m1")["level_db"] - item(good, "m1")["level_db"] > 10
    assert "d_m1w" in poor.where and "d_m1w" not in good.where


def test_a_hard_waiting_area_ranks_below_an_absorbent_one():
    plan = change(mini_centre().with_feature(door("d_m1w", (16, 5), (16, 6))), "wait", capacity=30)
    hard, soft = run(change(plan, "wait", acoustic_finish="hard")), run(change(plan, "wait", acoustic_finish="absorbent"))
    assert item(hard, "m1")["level_db"] > item(soft, "m1")["level_db"] + 5
    assert hard.score < soft.score


def test_implausible_rooms_are_neither_judged_nor_heard():
    plan = mini_centre(nook="entrance")
    tiny = change(plan, "nook", kind="quiet_nook", rings=[[(0, 6), (0.3, 6), (0.3, 6.3), (0, 6.3), (0, 6)]])
    assert "nook" not in {i["id"] for i in run(tiny).items}


def test_samples_rank_their_quiet_places():
    a, b = run(load_sample("option_a")), run(load_sample("option_b"))
    assert all(item(a, r)["score"] == 1.0 for r in ("stille1", "stille2", "stille3"))
    assert item(b, "stille_rum")["score"] == 0.0 and item(b, "stille_rum")["source"] == "reception"
    assert "o05" in b.where and a.score > b.score
    for profile in ("br18", "ada2010", "iso21542"):
        assert run(load_sample("option_b"), profile).score == pytest.approx(b.score)
