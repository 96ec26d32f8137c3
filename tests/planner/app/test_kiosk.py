"""The citizen kiosk in AppTest: token check, the four steps, storage, languages and resets."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from input_forms.aggregate import feedback_frame
from input_forms.feedback import moderation_queue
from input_forms.kiosks import list_kiosks, revoke_kiosk
from planner.kiosk import i18n
from planner.kiosk.i18n import DEFAULT, LANGUAGES, catalogue, t
from tests.planner.app.fixtures import TOKEN, kiosk_app

I18N = Path(i18n.__file__).parent


def state(at, key, default=None):
    return at.session_state[key] if key in at.session_state else default


def gen(at) -> int:
    return state(at, "k_gen", 0)


def click(at, name: str):
    at.button(key=f"k_{name}_{gen(at)}").click().run()
    assert not at.exception, at.exception
    return at


def picture(at) -> tuple[object, dict]:
    """The citizen's plan component on the pin step and the data it was mounted with (what the browser draws)."""
    (component,) = [c for c in at.get("bidi_component") if c.proto.component_name == "jobcenter_citizen_picture"]
    return component, json.loads(component.proto.json)


def tap_plan(at, x: float, y: float, room: str | None = None):
    """A tap on the citizen's plan as the browser sends it: the component's `tap` trigger (AppTest cannot click it)."""
    from streamlit.components.v2.bidi_component.main import _make_trigger_id

    component, _ = picture(at)
    states = at._tree.get_widget_states()
    trigger = states.widgets.add()
    trigger.id = _make_trigger_id(component.proto.id, "events")
    trigger.json_trigger_value = json.dumps([{"event": "tap", "value": {"x": x, "y": y, "room": room}}])
    at._run(states)
    assert not at.exception, at.exception
    return at


def kiosk_plan(demo):
    kiosk = next(k for k in list_kiosks(demo.engine, demo.project.id) if k.token == TOKEN)
    return kiosk, next(o for o in demo.options if o.id == kiosk.option_id).plan()


def answer_up_to_text(at, rating=4, chips=("plants",), tap=(32.0, 7.0)):
    click(at, f"face_{rating}")
    at.pills[0].set_value(list(chips)).run()
    click(at, "fwd_0")  # Next -> pin
    if tap is not None:
        tap_plan(at, *tap)
    click(at, "fwd_0")  # Next / Skip -> text
    return at


def test_valid_token_opens_the_first_question_in_danish(demo):
    at = kiosk_app()
    assert not at.exception
    assert at.title[0].value == t("q.rating", "da")
    labels = [b.label for b in at.button]
    assert [language for language in ("Dansk", "English", "العربية", "Українська", "Soomaali", "Türkçe")
            if language in labels] == ["Dansk", "English", "العربية", "Українська", "Soomaali", "Türkçe"]
    assert sum("Meget" in label or label.endswith(("Dårligt", "Okay", "Godt")) for label in labels) == 5
    assert "Sign out" not in labels and not at.sidebar.button


@pytest.mark.parametrize("token", ["not-a-kiosk", "", "x" * 300])
def test_a_wrong_token_gets_the_calm_inactive_screen(demo, token):
    at = kiosk_app(token)
    assert not at.exception
    assert at.title[0].value == t("inactive.title", "da")
    assert not at.button and not at.text_input and not at.error


def test_a_revoked_token_gets_the_inactive_screen_even_mid_session(demo):
    at = kiosk_app()
    click(at, "face_3")
    kiosk = next(k for k in list_kiosks(demo.engine, demo.project.id) if k.token == TOKEN)
    revoke_kiosk(demo.engine, kiosk.id)
    at.run()
    assert at.title[0].value == t("inactive.title", "da")
    assert not at.button


@pytest.mark.parametrize("page", ["results", "moderation", "admin", "designer", "compare", "vote", "signin"])
def test_the_kiosk_url_cannot_reach_another_page(demo, page):
    at = kiosk_app()
    at.session_state["user"] = demo.users["facilitator"]  # even a facilitator's session stays a kiosk
    at.run()
    try:
        at.switch_page(f"{page}/page.py")  # AppTest may refuse: only the kiosk page is registered
    except ValueError as refused:
        assert "kiosk/page.py" in str(refused)
    at.run()
    assert not at.exception
    # Either the kiosk question again, or (AppTest running the page file directly) a page that
    # refuses itself: never the other page's content, a sign-in form or a menu.
    titles = [x.value for x in at.title]
    assert titles in ([t("q.rating", "da")], [])
    if not titles:
        assert not at.button and not at.text_input and not at.selectbox
    assert "Sign out" not in [b.label for b in at.button]


def test_the_kiosk_stays_a_kiosk_when_the_query_parameter_is_dropped(demo):
    at = kiosk_app()
    at.query_params.clear()
    at.run()
    assert at.title[0].value == t("q.rating", "da")


def test_a_full_entry_in_arabic_is_stored_once_and_leaves_no_trace(demo):
    before = len(feedback_frame(demo.engine, demo.project.id))
    at = kiosk_app()
    click(at, "lang_ar")
    assert at.title[0].value == t("q.rating", "ar")
    assert any("direction: rtl" in h.proto.body for h in at.get("html"))
    answer_up_to_text(at, rating=5, chips=("plants", "daylight"))
    client_id = state(at, "k_client_id")
    assert client_id and re.fullmatch(r"[0-9a-f]{32}", client_id)
    at.text_area(key=f"k_text_{gen(at)}").input("Flere planter tak, ring 12345678").run()
    click(at, "fwd_0")  # Send

    assert at.title[0].value == t("thanks.title", "ar")
    frame = feedback_frame(demo.engine, demo.project.id)
    assert len(frame) == before + 1
    pending = moderation_queue(demo.engine, demo.project.id)
    mine = [p for p in pending if p.language == "ar"]
    assert len(mine) == 1 and mine[0].rating == 5
    assert "12345678" not in mine[0].text and "planter" in mine[0].text  # scrubbed before storage
    # nothing of the person is left in the session
    for key in ("k_rating", "k_calmer", "k_pin", "k_text", "k_client_id"):
        assert not state(at, key), key


def test_a_tap_pins_the_room_and_is_stored_with_its_plan_coordinates(demo):
    def pins(engine, option_id):  # every stored pin (a published count would leave out a new week's entries)
        frame = feedback_frame(engine, demo.project.id)
        return frame[frame["pin_option_id"] == option_id]

    kiosk, plan = kiosk_plan(demo)
    waiting = plan.rooms_of_kind("waiting")[0]
    x, y = (round(v, 2) for v in waiting.geometry.centroid.coords[0])
    before = len(pins(demo.engine, kiosk.option_id))
    at = kiosk_app()
    click(at, "face_4")
    click(at, "fwd_0")
    tap_plan(at, x, y)
    assert state(at, "k_pin") == (x, y)
    assert at.success[0].value == t("pin.placed.in", "da", place=t("place.waiting", "da"))
    _, data = picture(at)
    assert data["pin"]["x"] == x and data["pin"]["room"] == waiting.id  # drawn on the plan, its room outlined
    click(at, "fwd_0")
    click(at, "fwd_0")  # Send
    after = pins(demo.engine, kiosk.option_id)
    assert len(after) == before + 1
    stored = after.sort_values("feedback_id").iloc[-1]
    assert (stored["pin_x"], stored["pin_y"]) == (x, y)


def test_the_pin_step_shows_the_citizens_plan_in_the_kiosks_language(demo):
    kiosk, plan = kiosk_plan(demo)
    at = kiosk_app()
    click(at, "lang_ar")
    click(at, "face_3")
    click(at, "fwd_0")
    assert at.title[0].value == t("q.pin", "ar")
    assert not at.get("imgs") and not at.get("component_instance")  # no CAD drawing (a picture or the old tap component)
    _, data = picture(at)
    assert data["dir"] == "rtl" and data["lang"] == "ar"
    assert data["labels"]["waiting"] == t("place.waiting", "ar") and data["texts"]["alt"] == t("picture.alt", "ar")
    assert {r["id"] for r in data["view"]["rooms"]} == {r.id for r in plan.rooms}
    assert {r["role"] for r in data["view"]["rooms"]} == {"public", "passage", "staff"}
    assert "waiting" in data["kinds"] and data["here"] is None and "pin" not in data
    assert all(t(f"place.{kind}", "ar") != t(f"place.{kind}", "da") for kind in data["kinds"] if kind != "reception")


def test_the_kiosks_place_is_shown_as_you_are_here(demo):
    from input_forms.kiosks import clear_kiosk_place, set_kiosk_place

    kiosk, plan = kiosk_plan(demo)
    x, y = plan.rooms_of_kind("reception")[0].geometry.representative_point().coords[0]
    set_kiosk_place(demo.engine, kiosk.id, x, y)
    at = kiosk_app()
    click(at, "lang_tr")
    click(at, "face_3")
    click(at, "fwd_0")
    _, data = picture(at)
    assert data["here"] == [x, y] and data["texts"]["here"] == t("picture.here", "tr")
    clear_kiosk_place(demo.engine, kiosk.id)
    at.run()
    assert picture(at)[1]["here"] is None  # no place set: no marker


def test_pin_and_text_are_optional(demo):
    before = len(feedback_frame(demo.engine, demo.project.id))
    at = kiosk_app()
    answer_up_to_text(at, rating=2, chips=(), tap=None)  # Skip on the plan
    click(at, "fwd_0")  # Send with no text
    assert at.title[0].value == t("thanks.title", "da")
    assert len(feedback_frame(demo.engine, demo.project.id)) == before + 1


def test_back_keeps_the_chosen_items(demo):
    at = kiosk_app()
    click(at, "face_4")
    at.pills[0].set_value(["plants", "privacy"]).run()
    click(at, "fwd_0")
    click(at, "back_calmer")
    assert at.title[0].value == t("q.calmer", "da")
    assert sorted(at.pills[0].value) == ["plants", "privacy"]


def test_idle_reset_clears_the_answers_and_the_language(demo):
    at = kiosk_app()
    click(at, "lang_uk")
    click(at, "face_1")
    at.pills[0].set_value(["less_waiting"]).run()
    old_gen = gen(at)
    at.session_state["k_last_touch"] = time.time() - 61
    at.run()
    assert at.title[0].value == t("q.rating", DEFAULT)
    assert gen(at) == old_gen + 1  # widgets remount under new keys, so the screen is empty too
    for key in ("k_rating", "k_calmer", "k_client_id"):
        assert not state(at, key), key
    assert state(at, "k_lang") == DEFAULT
    assert state(at, "kiosk_token") == TOKEN


def test_no_reset_before_sixty_seconds(demo):
    at = kiosk_app()
    click(at, "face_1")
    at.session_state["k_last_touch"] = time.time() - 50
    at.run()
    assert at.title[0].value == t("q.calmer", "da")
    assert state(at, "k_rating") == 1


def test_the_thank_you_screen_returns_to_the_start(demo):
    at = kiosk_app()
    answer_up_to_text(at, tap=None)
    click(at, "fwd_0")
    assert at.title[0].value == t("thanks.title", "da")
    at.session_state["k_thanks_at"] = time.time() - 9
    at.run()
    assert at.title[0].value == t("q.rating", "da")
    assert not state(at, "k_thanks_at")


def test_rate_limited_entry_shows_a_calm_message_and_keeps_the_answers(demo, monkeypatch):
    from input_forms import feedback

    at = kiosk_app()
    answer_up_to_text(at, tap=None)
    monkeypatch.setattr(feedback, "DEFAULT_MIN_GAP_S", 3600.0)  # a demo entry was stored moments ago? force it:
    from input_forms.feedback import submit_feedback

    submit_feedback(demo.engine, {"client_id": "other-person-1", "kiosk_token": TOKEN, "rating": 3}, min_gap_s=0)
    click(at, "fwd_0")
    assert t("error.rate_limited", "da") in [w.value for w in at.warning]
    assert at.title[0].value == t("q.text", "da")
    assert state(at, "k_rating") == 4


def test_a_busy_database_shows_a_calm_message_and_keeps_the_answers_for_a_resend(demo, monkeypatch):
    from input_forms import delivery
    from input_forms.errors import Unavailable

    def busy(engine, entry, **kwargs):
        raise Unavailable("the database is busy or unreachable just now; send again")

    at = kiosk_app()
    answer_up_to_text(at, tap=None)
    before = len(feedback_frame(demo.engine, demo.project.id))
    real = delivery.deliver
    monkeypatch.setattr(delivery, "deliver", busy)
    at.run()  # the Send button's callback is the one of the last run
    click(at, "fwd_0")
    assert t("error.busy", "da") in [w.value for w in at.warning]
    assert "Send igen" in t("error.busy", "da")
    assert at.title[0].value == t("q.text", "da") and state(at, "k_rating") == 4
    monkeypatch.setattr(delivery, "deliver", real)
    at.run()
    click(at, "fwd_0")  # Send again: stored once
    assert at.title[0].value == t("thanks.title", "da")
    assert len(feedback_frame(demo.engine, demo.project.id)) == before + 1


def test_a_database_locked_beyond_its_timeout_gives_the_same_calm_message_never_a_raw_error(demo, monkeypatch):
    """SQLite busy past the busy timeout: deliver turns the OperationalError into "tap Send again"."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from input_forms import feedback

    def locked(engine, entry, **kwargs):
        raise OperationalError("INSERT INTO feedback ...", {}, sqlite3.OperationalError("database is locked"))

    at = kiosk_app()
    click(at, "lang_en")
    answer_up_to_text(at, tap=None)
    before = len(feedback_frame(demo.engine, demo.project.id))
    real = feedback.submit_feedback
    monkeypatch.setattr("input_forms.delivery.submit_feedback", locked)
    click(at, "fwd_0")
    assert not at.exception
    assert [w.value for w in at.warning] == [t("error.busy", "en")]
    monkeypatch.setattr("input_forms.delivery.submit_feedback", real)
    click(at, "fwd_0")  # the database is free again: Send again stores it once
    assert at.title[0].value == t("thanks.title", "en")
    assert len(feedback_frame(demo.engine, demo.project.id)) == before + 1


def test_a_programming_error_is_not_turned_into_a_polite_message(demo, monkeypatch, capfd):
    from input_forms import delivery

    def broken(engine, entry, **kwargs):
        return entry["no such field"]  # a KeyError: a bug, not something the citizen did

    at = kiosk_app()
    answer_up_to_text(at, tap=None)
    monkeypatch.setattr(delivery, "deliver", broken)
    at.run()  # the Send button's callback is the one of the last run
    at.button(key=f"k_fwd_0_{gen(at)}").click().run()
    assert at.exception  # Streamlit's error box (details hidden from citizens by .streamlit/config.toml) ...
    log = re.sub(r"\x1b\[[0-9;]*m", "", capfd.readouterr().out)  # Streamlit colours its traceback
    assert "Traceback" in log and "KeyError: 'no such field'" in log  # ... and the traceback in the server log
    assert t("error.generic", "da") not in [w.value for w in at.warning]
    assert state(at, "k_rating") == 4  # nothing was stored and nothing reset


# --- catalogues --------------------------------------------------------------------------------


def test_every_catalogue_is_complete_and_keeps_the_placeholders():
    danish = json.loads((I18N / "da.json").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        messages = json.loads((I18N / f"{lang}.json").read_text(encoding="utf-8"))
        assert set(messages) == set(danish), lang
        for key, text in messages.items():
            assert text.strip(), (lang, key)
            assert set(re.findall(r"{\w+}", text)) == set(re.findall(r"{\w+}", danish[key])), (lang, key)


def test_missing_strings_fall_back_to_danish(monkeypatch):
    catalogue.cache_clear()
    monkeypatch.setitem(catalogue("so"), "q.rating", "")
    assert t("q.rating", "so") == t("q.rating", "da")
    assert t("no.such.key", "tr") == "no.such.key"
    assert t("q.rating", "xx") == t("q.rating", "da")
    assert t("kiosk.step", "en", n=2, total=4) == "Question 2 of 4"
    catalogue.cache_clear()


# --- plan picture: taps to metres ----------------------------------------------------------------


def test_taps_map_to_plan_metres_at_any_shown_size():
    from floorplans import parse_plan
    from input_forms.tiny_plan import tiny_plan_geojson
    from planner.common.plan_picture import inside_building, plan_picture, plan_to_pixel, tap_to_plan

    picture = plan_picture(parse_plan(tiny_plan_geojson()), width_px=600)
    assert picture.extent == (-0.5, -0.5, 12.5, 8.5)
    assert picture.height_px == round(600 * 9 / 13)
    for shown_width in (600, 300, 1000):  # the phone shows it smaller than the tablet
        scale = shown_width / 600
        shown = {"width": shown_width, "height": picture.height_px * scale}
        assert tap_to_plan({**shown, "x": 0, "y": 0}, picture.extent) == (-0.5, 8.5)  # top-left
        x, y = tap_to_plan({**shown, "x": shown_width / 2, "y": shown["height"] / 2}, picture.extent)
        assert (x, y) == (6.0, 4.0)
        px, py = plan_to_pixel(2.0, 7.0, picture.extent, shown_width, shown["height"])
        back = tap_to_plan({**shown, "x": px, "y": py}, picture.extent)
        assert abs(back[0] - 2.0) < 0.02 and abs(back[1] - 7.0) < 0.02
    assert inside_building(parse_plan(tiny_plan_geojson()), 6.0, 4.0)
    assert not inside_building(parse_plan(tiny_plan_geojson()), -0.4, 8.4)


@pytest.mark.parametrize("tap", [None, {}, {"x": 5}, {"x": -1, "y": 2, "width": 10, "height": 10},
                                 {"x": 1, "y": 2, "width": 0, "height": 10}, {"x": "a", "y": 1, "width": 5, "height": 5}])
def test_bad_tap_payloads_are_ignored(tap):
    from planner.common.plan_picture import tap_to_plan

    assert tap_to_plan(tap, (0, 0, 10, 10)) is None


def test_a_tap_on_a_staff_area_or_outside_places_no_pin_and_says_why(demo):
    kiosk, plan = kiosk_plan(demo)
    staff = next(r for r in plan.rooms if not r.is_public)
    at = kiosk_app()
    click(at, "lang_uk")
    click(at, "face_3")
    click(at, "fwd_0")
    tap_plan(at, *staff.geometry.representative_point().coords[0])
    assert not state(at, "k_pin")
    assert at.warning[0].value == t("pin.refused.staff", "uk")
    tap_plan(at, -30.0, -30.0)  # far outside the building
    assert not state(at, "k_pin") and at.warning[0].value == t("pin.refused.outside", "uk")
    assert at.title[0].value == t("q.pin", "uk")
    waiting = plan.rooms_of_kind("waiting")[0]
    tap_plan(at, *waiting.geometry.representative_point().coords[0])
    assert state(at, "k_pin") and not at.warning  # a good tap clears the note


def test_a_plan_the_picture_cannot_show_leaves_only_skip(demo, monkeypatch):
    from planner.kiosk import picture

    def no_rooms(plan_geojson):
        raise ValueError("plan 'x' has no rooms to show")

    monkeypatch.setattr(picture, "view_of", no_rooms)
    at = kiosk_app()
    click(at, "face_3")
    click(at, "fwd_0")
    assert at.title[0].value == t("q.pin", "da")
    assert not [c for c in at.get("bidi_component") if c.proto.component_name == "jobcenter_citizen_picture"]
    assert at.button(key=f"k_fwd_0_{gen(at)}").label == t("btn.skip", "da")
    click(at, "fwd_0")
    assert at.title[0].value == t("q.text", "da")


@pytest.mark.parametrize("tap", [None, {}, {"x": 5}, {"x": "a", "y": 1}, [1, 2], "x"])
def test_bad_tap_payloads_from_the_browser_are_ignored(tap):
    from input_forms.tiny_plan import tiny_plan_geojson
    from planner.kiosk.picture import spot_of_tap

    assert spot_of_tap(tap, tiny_plan_geojson()) is None


def test_every_catalogue_names_every_kind_of_place():
    from planner.kiosk.picture import PLACES

    for lang in LANGUAGES:
        for key in [*(f"place.{kind}" for kind in PLACES), "place.other", "picture.alt", "picture.here", "picture.staff"]:
            assert catalogue(lang).get(key), (lang, key)

# --- the comment box, and "are you still there?" before the idle reset ---------------------------


class Clock:
    """The kiosk's clock, moved by the test (planner.kiosk.session.now)."""

    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch):
    from planner.kiosk import session

    fake = Clock()
    monkeypatch.setattr(session, "now", fake)
    return fake


def overlay(at) -> str | None:
    """The text of the "are you still there?" warning on screen, or None."""
    bodies = [h.proto.body for h in at.get("html") if 'class="k-still"' in h.proto.body]
    return bodies[0] if bodies else None


def test_the_comment_box_has_several_lines_and_keeps_500_characters_even_if_the_browser_sends_more(demo):
    at = kiosk_app()
    answer_up_to_text(at, tap=None)
    box = at.text_area(key=f"k_text_{gen(at)}")
    assert box.proto.max_chars == 500  # a text area: several lines (its height is checked in the browser tests)
    assert not at.text_input  # no one-line field any more
    box.set_value("Meget larm ved indgangen. " * 30).run()  # 780 characters: more than the box lets through
    assert len(state(at, "k_text")) == 500
    click(at, "fwd_0")  # Send
    assert at.title[0].value == t("thanks.title", "da")
    stored = [p.text for p in moderation_queue(demo.engine, demo.project.id) if "larm ved indgangen" in p.text]
    assert len(stored) == 1 and len(stored[0]) <= 500


def test_ten_seconds_before_the_idle_reset_a_translated_warning_counts_down(demo, clock):
    at = kiosk_app()
    click(at, "lang_tr")
    click(at, "face_2")
    at.pills[0].set_value(["plants"]).run()
    clock.t += 49.5
    at.run()
    assert overlay(at) is None and at.title[0].value == t("q.calmer", "tr")
    clock.t += 0.5  # 50 s without a touch: 10 s left
    at.run()
    warning = overlay(at)
    assert warning and t("idle.title", "tr") in warning and t("idle.countdown", "tr", n=10) in warning
    assert '<p class="k-still-count" aria-hidden="true">10</p>' in warning
    assert at.button(key=f"k_still_continue_{gen(at)}").label == t("idle.continue", "tr")
    assert at.title[0].value == t("q.calmer", "tr")  # the answers stay underneath
    clock.t += 6.2
    at.run()
    assert t("idle.countdown", "tr", n=4) in overlay(at)


def test_continue_keeps_the_answers_and_restarts_the_idle_time(demo, clock):
    at = kiosk_app()
    click(at, "face_5")
    at.pills[0].set_value(["daylight", "privacy"]).run()
    clock.t += 55
    at.run()
    assert overlay(at)
    click(at, "still_continue")
    assert overlay(at) is None
    assert at.title[0].value == t("q.calmer", "da")
    assert state(at, "k_rating") == 5 and sorted(at.pills[0].value) == ["daylight", "privacy"]
    clock.t += 49
    at.run()
    assert overlay(at) is None and state(at, "k_rating") == 5  # a full minute again from the tap on Continue


def test_without_a_touch_the_warning_ends_in_the_reset(demo, clock):
    at = kiosk_app()
    click(at, "lang_uk")
    click(at, "face_1")
    clock.t += 52
    at.run()
    assert t("idle.title", "uk") in overlay(at)
    old_gen = gen(at)
    clock.t += 8
    at.run()
    assert overlay(at) is None
    assert at.title[0].value == t("q.rating", DEFAULT) and gen(at) == old_gen + 1
    assert not state(at, "k_rating") and state(at, "k_lang") == DEFAULT


def test_no_warning_on_an_untouched_start_screen_or_the_thank_you_screen(demo, clock):
    at = kiosk_app()
    clock.t += 300
    at.run()
    assert overlay(at) is None and at.title[0].value == t("q.rating", "da")
    answer_up_to_text(at, tap=None)
    click(at, "fwd_0")  # Send
    assert at.title[0].value == t("thanks.title", "da")
    clock.t += 5  # the thank-you screen ends by itself after 8 s, without a warning
    at.run()
    assert overlay(at) is None and at.title[0].value == t("thanks.title", "da")
    clock.t += 4
    at.run()
    assert at.title[0].value == t("q.rating", "da")


@pytest.mark.parametrize(("url", "base", "expected"), [
    ("http://kiosk.example:8501/?kiosk=x", "", None),
    ("http://kiosk.example:8501", "", None),
    ("http://kiosk.example:8501/results", "", "results"),
    ("http://kiosk.example:8501/R%C3%A9sultats/", "", "Résultats"),
    ("https://jc.example/codesign/kiosk", "/codesign", "kiosk"),
    ("https://jc.example/codesign", "codesign/", None),
    (None, "", None),
])
def test_the_page_a_browser_asks_for_is_read_from_its_url(url, base, expected):
    from planner.app import requested_page

    assert requested_page(url, base) == expected


@pytest.mark.parametrize(("asked", "alias"), [(None, None), ("results", "results"), ("kiosk", "kiosk"),
                                              ("no-such-page", "no-such-page"), ("a/b", None)])
def test_an_unknown_path_is_registered_as_the_kiosk_so_streamlit_finds_a_page(asked, alias):
    """Streamlit shows its English "Page not found" dialog when the asked-for name matches no page."""
    from planner.app import kiosk_paths

    home, registered = kiosk_paths(asked)
    assert registered == alias and home != registered  # two pages never share a path
