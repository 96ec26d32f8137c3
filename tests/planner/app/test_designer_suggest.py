"""The designer's Suggestions panel in AppTest: find suggestions with a lock, apply the best as a new option."""

from __future__ import annotations

import pytest

from floorplans import parse_plan
from input_forms.projects import list_options
from scoring import score_plan
from tests.planner.app.fixtures import make_world, signed_in


@pytest.fixture
def world(tmp_path, monkeypatch):
    return make_world(tmp_path, monkeypatch, samples=("baseline",))


def test_the_top_suggestion_becomes_a_new_option_that_scores_what_was_promised(world):
    at = signed_in(world.users["designer"], timeout=240)
    assert not at.exception, at.exception
    option = world.options[0]
    at.session_state["designer_selected"] = "sr6"  # as when the room is clicked on the plan
    at.run()
    lock = at.button(key="designer_lock_selected")
    assert lock.label.startswith("Lock Samtalerum 6")
    lock.click().run()
    assert at.multiselect(key=f"designer_locks_{option.id}").value == ["sr6"]
    at.button(key="designer_suggest").click().run()
    assert not at.exception, at.exception
    pick = at.radio(key="designer_suggestion_pick")
    assert len(pick.options) >= 3 and "calmness +" in pick.options[0]
    result = next(iter(at.session_state["designer_suggestions"].values()))
    best = result.suggestions[0]
    assert "sr6" not in best.features  # locked
    assert any(e.en in md.value for e in best.edits for md in at.markdown)  # the sentences are shown
    at.button(key="designer_suggestion_apply").click().run()
    assert not at.exception, at.exception
    options = list_options(world.engine, world.project.id)
    assert len(options) == 2
    new = next(o for o in options if o.id != option.id)
    assert new.name.startswith("Baseline – ") and new.version == 1
    report = score_plan(parse_plan(new.plan_geojson))
    assert (report.calmness, report.accessibility) == (best.calmness, best.accessibility)
    assert report.calmness > result.report.calmness
    assert at.selectbox(key="designer_option_pick").value == new.id
