"""The designer's Suggestions panel in AppTest: find suggestions with a lock, apply the best as a new option; cancel a search."""

from __future__ import annotations

import threading
import time

import pytest

from floorplans import parse_plan
from input_forms.projects import list_options
from planner.designer import suggestions
from scoring import score_plan
from scoring.suggest import suggest
from tests.factory import two_rooms
from tests.planner.app.fixtures import make_world, signed_in


def finished(at, timeout: float = 240):
    """Let the search running in its worker thread end (the page polls it), then run the page once more."""
    job = at.session_state[suggestions.JOB_KEY]
    assert job.wait(timeout), "the suggestion search did not end"
    return at.run()


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
    finished(at)
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


def test_a_running_search_shows_progress_and_cancel_stops_it_with_what_it_found(world, monkeypatch):
    started = threading.Event()

    def slow_search(plan, profile, *, locked=(), progress=None, cancelled=None, **kw):
        """A search that reports progress and runs until it is cancelled (at most 60 s), then ends as the real one does."""
        progress(0.25, "edit 1 of 3: trying changes")
        started.set()
        for _ in range(3000):  # polls the cancel flag, at most 60 s
            if cancelled():
                break
            time.sleep(0.02)
        return suggest(plan, profile, locked=locked, cancelled=cancelled, **kw)

    monkeypatch.setattr(suggestions, "suggest", slow_search)
    at = signed_in(world.users["designer"], timeout=240)
    at.button(key="designer_suggest").click().run()
    assert not at.exception, at.exception
    assert started.wait(30)
    job = at.session_state[suggestions.JOB_KEY]
    assert not job.done
    at.run()  # the page (and its progress fragment) while the search runs
    bars = at.get("progress")
    assert bars and "Looking for suggestions: edit 1 of 3" in bars[0].proto.text and bars[0].proto.value == 25
    cancel = at.button(key="designer_suggest_cancel")
    cancel.click().run()
    assert job.cancelling
    finished(at, 60)
    assert not at.exception, at.exception
    assert job.result is not None and job.result.stats.cancelled
    assert suggestions.JOB_KEY not in at.session_state
    assert any("cancelled" in w.value for w in at.warning)


def test_a_cancelled_job_ends_and_returns_what_it_has_marked_cancelled():
    from floorplans import plan_from_geojson

    job = suggestions.SearchJob("k", plan_from_geojson(two_rooms(clear_width=0.6)), "br18", [])
    job.cancel()
    assert job.start().wait(60) and job.error is None
    assert job.result is not None and job.result.stats.cancelled and job.result.suggestions == ()
    done = suggestions.SearchJob("k", plan_from_geojson(two_rooms(clear_width=0.6)), "br18", []).start()
    assert done.wait(120) and done.result is not None and not done.result.stats.cancelled and done.result.suggestions
    assert done.fraction == 1.0
