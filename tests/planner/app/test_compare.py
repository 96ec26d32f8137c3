"""The compare page in AppTest: plans, the marked criterion table, the chart and the feedback summary."""

from __future__ import annotations

import pytest

from planner.compare.logic import BEST_MARK
from tests.planner.app.fixtures import make_world, signed_in


@pytest.fixture
def world(tmp_path, monkeypatch):
    return make_world(tmp_path, monkeypatch)


def test_compare_shows_each_option_and_marks_the_best(world):
    at = signed_in(world.users["staff1"], page="compare")
    assert not at.exception, at.exception
    assert at.title[0].value == "Compare options"
    assert len(at.multiselect(key="compare_options").value) == 3
    names = [o.name for o in world.options]
    table = at.dataframe[0].value
    assert list(table.columns) == ["criterion", *names, "best"]
    assert "Calmness (overall)" in table["criterion"].tolist()
    marked = table[names].apply(lambda col: col.str.contains(BEST_MARK)).to_numpy().any()
    differs = (table["best"] != "all equal").any()
    assert marked == differs and differs  # the samples differ somewhere
    assert len(at.get("vega_lite_chart")) == 1  # the overall-figures chart
    # no kiosk answers in this world: every option reads the hidden words, never 0 or a count
    assert any("fewer than 5 answers is shown as 'hidden (fewer than 5)'" in c.value for c in at.caption)
    feedback = at.dataframe[1].value
    assert len(feedback) == 3 and set(feedback["answers"]) == set(feedback["mean rating (1–5)"]) == {"hidden (fewer than 5)"}


def test_compare_needs_two_options(world):
    at = signed_in(world.users["designer"], page="compare")
    at.multiselect(key="compare_options").set_value([world.options[0].id]).run()
    assert not at.exception
    assert any("at least two" in w.value for w in at.warning)


def test_compare_within_a_round_shows_the_versions_voted_on(world):
    from floorplans import dumps_plan
    from floorplans.editing.rooms import set_room
    from input_forms.projects import update_option
    from input_forms.voting import open_round
    from planner.common.option_views import option_scores

    rnd = open_round(world.engine, world.project.id, [o.id for o in world.options], title="Pick one")
    option = world.options[1]
    edited = set_room(option.plan(), "venteomraade", acoustic_finish="absorbent", capacity=10)
    assert edited.ok and edited.changed
    update_option(world.engine, option.id, dumps_plan(edited.plan))
    at = signed_in(world.users["staff1"], page="compare")
    at.selectbox(key="compare_round").set_value(rnd.id).run()
    assert not at.exception, at.exception
    assert any("A newer version exists (v2); shown: v1" in c.value for c in at.caption)
    table = at.dataframe[0].value
    voted = option_scores(option.id, 1, option.plan_geojson, "br18")["calmness"]
    assert table.loc["calmness", option.name].split()[0] == f"{voted:.0f}"
    at.selectbox(key="compare_round").set_value(None).run()  # current versions: v2, without the note
    assert not any("newer version exists" in c.value for c in at.caption)
