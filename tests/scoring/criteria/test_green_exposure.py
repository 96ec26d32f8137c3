"""green-exposure: seats that see a window onto green (isovists), and plants by the floor they cover."""

from __future__ import annotations

import pytest

from floorplans.model import Furniture, RoomKind
from floorplans.samples import load_sample
from scoring import get_criterion, get_profile, score_plan
from tests.scoring.plans import box, change, make_plan, mini_centre, plant, rect, window


def run(plan):
    return get_criterion("green-exposure").evaluate(plan, get_profile("br18"))


def test_one_pot_plant_moves_calmness_by_less_than_a_point_on_the_baseline():
    base = load_sample("baseline")
    wait = base.rooms_of_kind(RoomKind.waiting)[0].geometry.representative_point()
    potted = base.with_feature(plant("pot", wait.x, wait.y))
    before, after = score_plan(base), score_plan(potted)
    assert 0 < after.calmness - before.calmness < 1.0
    assert 0 < after.by_id("green-exposure").score - before.by_id("green-exposure").score < 0.05


def test_plants_count_by_cover_with_diminishing_returns():
    plan = mini_centre()
    none = run(plan.without("p1"))
    one = run(plan)
    bed = run(plan.with_feature(box("bed", "plant", 9.2, 8.0, 11.2, 8.6)))  # 1.2 m² planted bed in the waiting room
    ten = plan
    for i in range(10):
        ten = ten.with_feature(plant(f"x{i}", 9.3 + 0.6 * i, 8.5))
    many = run(ten)
    assert none.score < one.score < bed.score
    assert (many.score - none.score) < 10 * (one.score - none.score)  # diminishing returns
    assert "plants cover 0.2 m²" in one.detail and "Plants covering" in one.detail and "Planter, der dækker" in one.detail_da


def test_a_window_onto_green_counts_a_window_onto_a_street_does_not():
    green, street = run(mini_centre()), run(change(mini_centre(), "w_wait", view="street"))
    assert green.value > street.value and green.score > street.score
    assert "wait" in street.where and "wait" not in green.where


def test_a_slit_window_onto_green_shows_no_green():
    slit = run(change(mini_centre(), "w_wait", sill=2.05))
    assert slit.score < run(mini_centre()).score
    assert "wait" in slit.where


def test_relabelling_a_room_green_area_earns_nothing():
    plan = mini_centre()
    relabelled = change(plan, "m2", kind=RoomKind.green_area)
    assert run(relabelled).score <= run(plan).score + 1e-9


def test_no_room_to_stay_in_is_not_applicable():
    plan = make_plan(rect("cor", "corridor", 0, 0, 10, 2), window("w", (0, 0), (4, 0), view="green"),
                     Furniture(id="p", type="plant", point=(1, 1)))
    assert run(plan).applicable is False


def test_option_c_rests_on_its_windows_not_on_two_pots():
    c = load_sample("option_c")
    pots = [f.id for f in c.plants]
    assert len(pots) == 2
    bare = c
    for pid in pots:
        bare = bare.without(pid)
    assert run(c).score - run(bare).score < 0.05
    assert run(c).score == pytest.approx(run(bare).score, abs=0.05)


def test_green_exposure_counts_plants_and_seats_seeing_green():
    plan = mini_centre()
    with_green = run(plan)
    bare = plan.without("p1").without("w_wait").without("w_nook")
    without = run(bare)
    assert without.score == 0.0 and without.value == 0.0
    assert with_green.value > 0.3
    waiting = {i["id"]: i for i in with_green.items if "id" in i}["wait"]
    assert waiting["seats"] == 4 and waiting["seeing_green"] == 4
