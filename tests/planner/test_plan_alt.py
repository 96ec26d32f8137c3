"""Text alternatives of plan pictures (planner.common.plan_picture.plan_alt) and their use on the pages."""

from __future__ import annotations

import pytest

from floorplans.samples import load_sample, sample_names
from planner.common.plan_picture import plan_alt
from tests.planner.app.fixtures import make_world, signed_in


def test_a_plan_alt_names_the_plan_its_size_its_rooms_by_kind_and_what_is_drawn():
    plan = load_sample(sample_names()[0])
    text = plan_alt(plan, shows="12 citizens' pins")
    assert text.startswith(f"Floor plan of {plan.name}: {len(plan.rooms)} rooms, {plan.floor_area:,.0f} m²")
    meetings = sum(r.kind.value == "meeting_room" for r in plan.rooms)
    assert meetings > 1 and f"{meetings} conversation rooms" in text  # a kind's human name, counted
    assert "reception" in text and "meeting_room" not in text
    assert text.endswith("Shows 12 citizens' pins.")
    assert plan_alt(plan, name="Option A (version 2)").startswith("Floor plan of Option A (version 2):")


@pytest.fixture
def world(tmp_path, monkeypatch):
    return make_world(tmp_path, monkeypatch)


def _alts(at) -> list[str]:
    return [img.alt for element in at.get("image") for img in element.proto.imgs]


def test_compare_and_plans_pictures_carry_their_alt_text(world):
    at = signed_in(world.users["staff1"], page="compare")
    assert not at.exception, at.exception
    alts = _alts(at)
    assert len(alts) == 3 and all(a.startswith("Floor plan of ") for a in alts)
    assert {o.name for o in world.options} == {a.split(" (version")[0].removeprefix("Floor plan of ") for a in alts}
    at = signed_in(world.users["staff1"], page="plans")
    assert not at.exception, at.exception
    [alt] = _alts(at)
    assert alt.startswith("Floor plan of ") and "rooms" in alt


def test_the_pins_picture_says_which_plan_and_how_many_pins_or_that_they_are_hidden(world):
    at = signed_in(world.users["facilitator"], page="results")
    at.session_state["results_tab"] = "Pins on the plans"
    at.run()
    assert not at.exception, at.exception
    [alt] = _alts(at)
    assert alt.startswith(f"Floor plan of {world.options[0].name}: ")
    assert alt.endswith("Shows no pins: too few on this plan to show them without someone being recognised.")  # none yet
