"""The answer in progress is kept in the kiosk's browser until the server confirms it: after a server
restart (a new session) it comes back with a calm message, and a resend is stored exactly once.

The browser side (localStorage) is a small script; here a stand-in records what the page asks it to
keep and hands back what a browser would have kept.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from input_forms.aggregate import feedback_frame
from planner.kiosk import draft
from planner.kiosk.i18n import t
from tests.planner.app.fixtures import TOKEN, kiosk_app
from tests.planner.app.test_kiosk import answer_up_to_text, click, gen, state


class FakeBrowser:
    """localStorage of one kiosk browser, as the draft keeper script would use it."""

    def __init__(self) -> None:
        self.kept: dict[str, str] = {}
        self.modes: list[str] = []

    def __call__(self, data, key, on_restored_change):
        self.modes.append(data["mode"])
        if data["mode"] == "keep":
            self.kept[data["storage"]] = data["draft"]
            return SimpleNamespace(restored=None)
        if data["mode"] == "clear":
            self.kept.pop(data["storage"], None)
            return SimpleNamespace(restored=None)
        return SimpleNamespace(restored=self.kept.get(data["storage"]))


@pytest.fixture
def browser(monkeypatch):
    fake = FakeBrowser()
    monkeypatch.setattr(draft, "_keeper", fake)
    return fake


def typed_comment(lang: str = "uk"):
    at = kiosk_app()
    click(at, f"lang_{lang}")
    answer_up_to_text(at, rating=2, chips=("plants",), tap=None)
    at.text_area(key=f"k_text_{gen(at)}").input("Занадто шумно біля входу").run()
    return at


def test_the_answer_in_progress_is_kept_in_the_browser_with_its_client_id(demo, browser):
    at = typed_comment()
    kept = json.loads(browser.kept[f"{draft.STORAGE_PREFIX}{TOKEN}"])
    assert kept["client_id"] == state(at, "k_client_id")
    assert (kept["rating"], kept["calmer"], kept["step"], kept["lang"]) == (2, ["plants"], "text", "uk")
    assert kept["text"] == "Занадто шумно біля входу"


def test_after_a_server_restart_the_answer_comes_back_and_is_stored_once(demo, browser):
    before = len(feedback_frame(demo.engine, demo.project.id))
    first = typed_comment()
    client_id = state(first, "k_client_id")
    # the server restarts: the session is gone, the browser opens a new one on the same kiosk URL
    again = kiosk_app()
    assert not again.exception, again.exception
    assert again.title[0].value == t("q.text", "uk")
    assert [i.value for i in again.info] == [t("kiosk.restored", "uk")]
    assert state(again, "k_client_id") == client_id and state(again, "k_rating") == 2
    assert again.text_area(key=f"k_text_{gen(again)}").value == "Занадто шумно біля входу"
    click(again, "fwd_0")  # Send
    assert again.title[0].value == t("thanks.title", "uk")
    assert browser.modes[-1] == "clear" and not browser.kept  # confirmed: the browser's copy is gone
    assert len(feedback_frame(demo.engine, demo.project.id)) == before + 1


def test_a_resend_of_an_answer_that_reached_the_database_before_the_restart_is_stored_once(demo, browser):
    before = len(feedback_frame(demo.engine, demo.project.id))
    first = typed_comment()
    kept = dict(browser.kept)
    click(first, "fwd_0")  # stored; but say the confirmation never reached the browser (restart at that moment)
    assert len(feedback_frame(demo.engine, demo.project.id)) == before + 1
    browser.kept = kept
    again = kiosk_app()
    assert again.title[0].value == t("q.text", "uk")
    click(again, "fwd_0")  # the citizen taps Send again
    assert again.title[0].value == t("thanks.title", "uk")
    assert len(feedback_frame(demo.engine, demo.project.id)) == before + 1


def test_the_idle_reset_clears_the_browser_copy_so_the_next_person_never_sees_it(demo, browser):
    import time

    at = typed_comment()
    at.session_state["k_last_touch"] = time.time() - 61
    at.run()
    assert at.title[0].value == t("q.rating", "da")
    assert not browser.kept
    at.run()
    assert browser.modes[-1] == "clear"  # never "ask" again in this session
    assert kiosk_app().title[0].value == t("q.rating", "da")  # a new session finds nothing


@pytest.mark.parametrize("raw", [None, "", "not json", "[1, 2]", json.dumps({"client_id": "x", "rating": 3}),
                                 json.dumps({"client_id": "a" * 32, "rating": 9}),
                                 json.dumps({"client_id": "<script>" * 4, "rating": 3}),
                                 json.dumps({"client_id": "a" * 32, "rating": True})])
def test_a_malformed_browser_copy_is_ignored(raw):
    state_: dict = {}
    assert not draft.restore(state_, raw)
    assert state_ == {}


def test_a_browser_copy_is_taken_only_in_its_well_formed_parts():
    state_: dict = {"k_lang": "da"}
    raw = json.dumps({"client_id": "ab12" * 8, "rating": 4, "step": "admin", "calmer": ["plants", 7, "x" * 100],
                      "pin": [1.5, "nan"], "pin_kind": "evil", "text": "y" * 900, "lang": "xx"})
    assert draft.restore(state_, raw)
    assert state_["k_step"] == "calmer" and state_["k_calmer"] == ["plants"] and state_["k_pin"] is None
    assert state_["k_pin_kind"] == "calm" and len(state_["k_text"]) == draft.MAX_TEXT and state_["k_lang"] == "da"
