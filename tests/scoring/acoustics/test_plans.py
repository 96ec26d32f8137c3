"""The acoustics of hand-made plans and of the samples: levels arriving in rooms and speech privacy.

Plans differ in one thing and must rank one way. Changes of physical
properties (door ratings, finishes) go through ``AcousticPlan.with_changes``,
the same path the criteria's "what would help" sentences use.
"""

from __future__ import annotations

import math

import pytest

from floorplans import validate_plan
from floorplans.problems import errors_only
from floorplans.samples import load_sample
from scoring.acoustics import acoustic_plan, noise_map, privacy
from scoring.acoustics.network import noise_map_of
from tests.scoring.plans import door, mini_centre, opening, rect


def level(plan_or_ap, room_id: str) -> float:
    ap = plan_or_ap if hasattr(plan_or_ap, "partitions") else acoustic_plan(plan_or_ap)
    return noise_map(ap)[room_id].level


def nook_across_the_corridor(passage: str = "door"):
    """The nook 2 m across the corridor from the entrance door, behind its own door (or an opening)."""
    plan = mini_centre(nook="none", wc=False)
    plan = plan.with_feature(rect("nook", "quiet_nook", 4, -0.75, 7, 2.25, name="Quiet nook"))
    if passage == "door":
        return plan.with_feature(door("d_nook", (5, 2.25), (6, 2.25)))
    return plan.with_feature(opening("d_nook", (4.5, 2.25), (6.5, 2.25)))


def nook_at_the_far_end():
    """The same nook behind the same kind of door at the far end of the corridor."""
    plan = mini_centre(nook="none")
    return plan.with_feature(rect("nook", "quiet_nook", 24, 3.75, 28, 6.75, name="Quiet nook")).with_feature(
        door("d_nook", (25, 3.75), (26, 3.75)))


def test_the_variants_are_valid_plans():
    for plan in (nook_across_the_corridor(), nook_across_the_corridor("opening"), nook_at_the_far_end()):
        assert errors_only(validate_plan(plan)) == []


def test_a_nook_open_to_the_entrance_is_louder_than_one_at_the_far_end():
    near, far = level(mini_centre(nook="entrance"), "nook"), level(mini_centre(nook="far"), "nook")
    # the entrance: one talker (Lw 68.4 dB) in a 24 m² room of A ≈ 25 m² with its opening: ≈ 60 dB, and the nook
    # opens straight onto it; the far nook gets the waiting area's sound 12 m down the corridor
    assert near > 50 and far < 35
    assert near > far + 20
    top = noise_map_of(mini_centre(nook="entrance"))["nook"].arrivals[0]
    assert top.source == "ent"


def test_a_nook_behind_two_doors_is_judged_by_decibels_not_by_counting_doors():
    across, far = nook_across_the_corridor(), nook_at_the_far_end()
    assert level(across, "nook") > level(far, "nook") + 5  # distance and the shared wall with the entrance count
    opened = level(nook_across_the_corridor("opening"), "nook")
    assert opened > level(across, "nook") + 10  # an opening instead of its door: nothing holds the sound back
    # with both doors leaky (15 dB) the same layout lets in more: the doors count by what they are made of
    ap = acoustic_plan(across)
    assert level(ap.with_changes(doors={"d_nook": 15, "d_ent_cor": 15}), "nook") > level(ap, "nook") + 3


def test_a_sound_rated_door_lowers_the_level_in_a_meeting_room_off_the_waiting_area():
    plan = mini_centre().with_feature(door("d_m1w", (16, 5), (16, 6)))  # Meeting 1 gets a door onto the waiting area
    ap = acoustic_plan(plan)
    ordinary = level(ap, "m1")
    rated = level(ap.with_changes(doors={"d_m1w": 40}), "m1")
    poor = level(ap.with_changes(doors={"d_m1w": 20}), "m1")
    assert poor > ordinary > rated
    assert poor - rated > 10


def test_an_absorbent_finish_lowers_the_level_and_a_hard_one_raises_it():
    plan = mini_centre(nook="entrance")
    ap = acoustic_plan(plan)
    base = level(ap, "nook")
    hard = level(ap.with_changes(finishes={"ent": "hard", "nook": "hard"}), "nook")
    soft = level(ap.with_changes(finishes={"ent": "absorbent", "nook": "absorbent"}), "nook")
    assert hard > base + 5 > soft + 5


def test_openings_instead_of_doors_let_the_noise_in():
    plan = mini_centre()
    opened = plan
    for d in plan.doors:
        if not d.entrance:
            (a, b) = d.points
            opened = opened.without(d.id).with_feature(opening(d.id, a, b))
    assert level(opened, "m2") > level(plan, "m2") + 15


def test_meeting_room_privacy_ranks_door_ratings():
    plan = mini_centre()
    ap = acoustic_plan(plan)
    ordinary = privacy(ap, "m2")[0]
    assert ordinary.neighbour == "cor" and ordinary.weakest.id == "d_m2"
    assert 45 < ordinary.spc < 56  # an ordinary door onto a corridor: speech is understood outside
    poor = privacy(ap.with_changes(doors={"d_m2": 20}), "m2")[0].spc
    rated = privacy(ap.with_changes(doors={"d_m2": 40}), "m2")[0].spc
    assert poor < ordinary.spc < rated and rated - poor > 12  # the wall (44 dB) and flanking cap the gain


def test_sample_plans_rank_their_quiet_rooms():
    a, b = noise_map_of(load_sample("option_a")), noise_map_of(load_sample("option_b"))
    # option A's quiet rooms sit off a side corridor behind doors; option B's nook is open to the reception
    assert max(a[r].level for r in ("stille1", "stille2", "stille3")) < 20
    assert b["stille_rum"].level > 50 and b["stille_rum"].arrivals[0].source == "reception"
    # baseline: conversation rooms whose doors open onto the waiting area get its noise; those off the far corridor do not
    base = noise_map_of(load_sample("baseline"))
    assert min(base[r].level for r in ("sr1", "sr2", "sr3")) > max(base[r].level for r in ("sr6", "sr9", "sr10")) + 20
    assert all(math.isfinite(base[r].level) for r in ("sr1", "sr2", "sr3"))


def test_every_partition_is_made_of_its_parts():
    ap = acoustic_plan(mini_centre())
    by_pair = {frozenset((p.a, p.b)): p for p in ap.partitions}
    m2 = by_pair[frozenset(("m2", "cor"))]
    assert m2.length == pytest.approx(4.0)
    assert sorted(e.kind for e in m2.elements) == ["door", "wall"]
    assert m2.area == pytest.approx(4.0 * 2.7)
    assert 30 < m2.reduction < 33  # 8.7 m² of 44 dB wall with a 2.1 m² door of 25 dB
    wait = by_pair[frozenset(("wait", "cor"))]
    assert wait.is_open and wait.reduction < 5


def test_the_plan_properties_reach_the_acoustics():
    from tests.scoring.plans import change

    plan = mini_centre()
    base = acoustic_plan(plan)
    rated = acoustic_plan(change(plan, "d_m2", sound_rating=40))
    hard = acoustic_plan(change(plan, "m2", acoustic_finish="hard", height=3.5, wall_sound_rating=52))
    pair = frozenset(("m2", "cor"))
    door_r = {p.elements[-1].r for p in rated.partitions if frozenset((p.a, p.b)) == pair}
    assert door_r == {40.0}
    assert hard.rooms["m2"].reverb.mid_time > 5 * base.rooms["m2"].reverb.mid_time
    assert hard.rooms["m2"].shape.volume == pytest.approx(4 * 5 * 3.5)
    walls = [e.r for p in hard.partitions if frozenset((p.a, p.b)) == pair for e in p.elements if e.kind == "wall"]
    assert walls == [52.0]  # the better of the two rooms' ratings
