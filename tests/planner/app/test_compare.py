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
