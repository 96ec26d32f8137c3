"""The citizen kiosk: one question per screen, at most four, then a thank-you and a reset.

Opened only through a kiosk URL (`?kiosk=<token>`); app.py shows no other page in that
session. Designed for touch and for someone who is tense or has little Danish: large
buttons (>= 56 px), high contrast, six languages (Arabic right to left), no keyboard needed
except for the optional comment.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from floorplans.citizen_view import PinSpot
from input_forms.calmer import list_calmer_items
from input_forms.delivery import deliver
from input_forms.errors import InputError, RateLimited, Unavailable
from input_forms.feedback import MAX_TEXT
from input_forms.kiosks import kiosk_by_token
from input_forms.models import CalmerItem, Kiosk, LayoutOption
from input_forms.projects import get_option, list_options
from planner.common.auth import KIOSK_KEY
from planner.common.services import get_engine
from planner.kiosk import draft, idle
from planner.kiosk import session as ks
from planner.kiosk.i18n import LANGUAGES, catalogue, is_rtl, language_name, t
from planner.kiosk.picture import citizen_picture, drawable, place_name, spot_of_tap

log = logging.getLogger(__name__)
# Material icons ship with Streamlit (an emoji font may be missing on a kiosk PC).
FACES = (":material/sentiment_very_dissatisfied:", ":material/sentiment_dissatisfied:", ":material/sentiment_neutral:",
         ":material/sentiment_satisfied:", ":material/sentiment_very_satisfied:")
PIN_KINDS = ("calm", "stressful", "idea")
PIN_NOTE = "k_pin_note"  # why the last tap placed no pin (a catalogue key), or None
PIN_TAPS = "k_pin_taps"  # taps answered on the plan (new picture data after each, even a refused one)

# Colours (light theme, on white #FFFFFF): text #111418 (18.6:1), secondary text #3A4250 (10.4:1),
# the countdown #0B4FD1 (6.3:1). Streamlit draws captions at 0.6 opacity (#3A4250 would show as
# #898e96, 3.3:1), so captions and the text box's counter get full opacity here.
BASE_CSS = """
<style>
[data-testid="stMainBlockContainer"] { font-size: 1.3rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.2rem; line-height: 1.25; }
[data-testid="stMainBlockContainer"] p { font-size: 1.3rem; }
[data-testid="stMainBlockContainer"] button { min-height: 56px; min-width: 56px; padding: 0.5rem 1.2rem; }
[data-testid="stMainBlockContainer"] button p { font-size: 1.3rem; }
.st-key-k_faces [data-testid="stHorizontalBlock"] { gap: 0.75rem; }
.st-key-k_faces button { min-height: 168px; align-items: flex-start; padding: 1rem 0.4rem 0.5rem; }  /* faces on one line */
.st-key-k_faces [data-testid="stColumn"] [data-testid="stVerticalBlock"],
.st-key-k_faces [data-testid="stColumn"] [data-testid="stElementContainer"],
.st-key-k_faces [data-testid="stColumn"] [data-testid="stButton"],
.st-key-k_faces [data-testid="stColumn"] button { height: 100%; }  /* a longer label makes the whole row taller */
.st-key-k_faces button p { font-size: 1.35rem; line-height: 1.3; }
.st-key-k_faces button span[role="img"] { font-size: 3.2rem !important; line-height: 1.1; }
.st-key-k_langbar button { min-height: 48px; padding: 0.25rem 0.9rem; }
.st-key-k_langbar button p { font-size: 1.1rem; }
[data-testid="stMainBlockContainer"] button[data-variant="pills"] { min-height: 56px; padding: 0.4rem 1.1rem; }
[data-testid="stMainBlockContainer"] [data-testid="stButtonGroup"] button { min-height: 56px; }
[data-testid="stMainBlockContainer"] input { min-height: 56px; font-size: 1.3rem; }
[data-testid="stMainBlockContainer"] textarea { font-size: 1.3rem; line-height: 1.45; }
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] { opacity: 1; }
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"],
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p { color: #3A4250; }
/* The text box's counter below the box, not over the text, in a space kept for it: Streamlit shows
   it only while the box has focus, and a Send button that moved up as the box lost focus would miss
   the tap that took the focus away. Streamlit's "Press Ctrl+Enter to apply" (English, and a touch
   screen has no such key) is left out. */
.st-key-k_textbox [data-testid="stTextArea"] { position: relative; padding-bottom: 2.2rem; }
.st-key-k_textbox [data-testid="InputInstructions"] {
  position: absolute; bottom: 0; left: auto; right: 0.25rem; top: auto; display: flex;
  font-size: 1.1rem; line-height: 1.6; color: #3A4250; opacity: 1;
}
.st-key-k_textbox [data-testid="InputInstructions"] > span { color: #3A4250; opacity: 1; }
.st-key-k_textbox [data-testid="InputInstructions"] > span:not(:last-child) { display: none; }
.st-key-k_textbox [data-testid="InputInstructions"] > span::before { content: none !important; }  /* its "•" */
iframe[title*="streamlit_image_coordinates"] { border: 3px solid #111418; border-radius: 0.5rem; }
.st-key-k_draft_keeper, .st-key-k_activity { display: none; }
/* "Are you still there?": covers the screen; the answers stay underneath. */
.st-key-k_still_there {
  position: fixed; inset: 0; z-index: 1000100; background: #FFFFFF; overflow: auto;
  display: flex; flex-direction: column; align-items: center; justify-content: center;
  gap: 1.25rem; padding: 2rem 1.5rem; text-align: center;
}
.st-key-k_still_there .k-still { text-align: center; }
.st-key-k_still_there .k-still-title { font-size: 2.6rem; font-weight: 700; line-height: 1.2; color: #111418; margin: 0; }
.st-key-k_still_there .k-still-count { font-size: 6rem; font-weight: 700; line-height: 1.1; color: #0B4FD1; margin: 1rem 0; }
.st-key-k_still_there .k-still-body { font-size: 1.4rem; line-height: 1.4; color: #111418; max-width: 34rem; margin: 0 auto; }
.st-key-k_still_there [data-testid="stElementContainer"] { width: auto; }
.st-key-k_still_there button { min-height: 80px; padding: 0.75rem 2.5rem; }
.st-key-k_still_there button p { font-size: 1.7rem; }
/* A phone (Streamlit stacks columns below 640 px): the five faces as rows, all on one screen. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] h1 { font-size: 1.8rem; }
  [data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p { font-size: 1.1rem; }
  .st-key-k_faces [data-testid="stHorizontalBlock"] { gap: 0.5rem; }
  .st-key-k_faces button { min-height: 72px; padding: 0.25rem 1rem; justify-content: flex-start; align-items: center; }
  .st-key-k_faces button > div { justify-content: flex-start; }
  .st-key-k_faces button p { display: flex; align-items: center; gap: 1rem; text-align: start; }
  .st-key-k_faces button p br { display: none; }
  .st-key-k_faces button span[role="img"] { font-size: 2.5rem !important; }
  .st-key-k_langbar { gap: 0.5rem; }
  .st-key-k_langbar button { padding: 0.2rem 0.75rem; }
  .st-key-k_langbar button p { font-size: 1.05rem; }
  .st-key-k_still_there .k-still-title { font-size: 2.1rem; }
  .st-key-k_still_there .k-still-count { font-size: 4.5rem; }
}
</style>
"""
RTL_CSS = """
<style>
[data-testid="stMainBlockContainer"] { direction: rtl; text-align: right; }
[data-testid="stMainBlockContainer"] h1, [data-testid="stMainBlockContainer"] p { text-align: right; }
[data-testid="stMainBlockContainer"] input, [data-testid="stMainBlockContainer"] textarea { direction: rtl; text-align: right; }
.st-key-k_still_there .k-still p { text-align: center; }
.st-key-k_textbox [data-testid="InputInstructions"] { right: auto; left: 0.25rem; }
</style>
"""


def inactive_screen() -> None:
    """A calm screen for an unknown or revoked token: no error codes, no way elsewhere."""
    st.html(BASE_CSS)
    st.title(t("inactive.title", "da"))
    st.write(t("inactive.body", "da"))
    st.divider()
    st.subheader(t("inactive.title", "en"))
    st.write(t("inactive.body", "en"))


def calmer_label(item: CalmerItem, lang: str) -> str:
    """Danish and English from the project's list (facilitator-edited); others from the catalogue."""
    if lang == "da":
        return item.label_da
    if lang == "en":
        return item.label_en
    return catalogue(lang).get(f"calmer.{item.key}") or item.label_da


def plan_option(kiosk: Kiosk) -> LayoutOption | None:
    """The plan this kiosk shows for pins: its own option, else the project's first."""
    engine = get_engine()
    if kiosk.option_id is not None:
        return get_option(engine, kiosk.option_id)
    options = list_options(engine, kiosk.project_id)
    return options[0] if options else None


# --- callbacks (run before the next script run) ---------------------------------------------


def set_language(code: str) -> None:
    ks.touch()
    st.session_state[ks.LANG] = code


def choose_rating(value: int) -> None:
    ks.touch()
    ks.start_person()
    st.session_state[ks.RATING] = value
    st.session_state[ks.STEP] = "calmer"


def go(step: str) -> None:
    ks.touch()
    st.session_state[ks.ERROR] = None
    st.session_state[ks.STEP] = step


def keep_calmer_then(step: str) -> None:
    st.session_state[ks.CALMER] = list(st.session_state.get(ks.wkey("chips")) or [])
    go(step)


def keep_pin_kind() -> None:
    ks.touch()
    st.session_state[ks.PIN_KIND] = st.session_state.get(ks.wkey("pin_kind")) or "calm"


def place_pin(key: str, plan_geojson: str) -> None:
    """A tap on the citizen's plan (a callback, before the rerun draws the pin): pin a public room, or say why not."""
    ks.touch()
    st.session_state[PIN_TAPS] = int(st.session_state.get(PIN_TAPS) or 0) + 1  # the picture redraws even when refused
    value = st.session_state.get(key)
    spot = spot_of_tap(value.get("tap") if hasattr(value, "get") else None, plan_geojson)
    if spot is None:
        return
    if isinstance(spot, PinSpot):
        st.session_state[ks.PIN] = (spot.x, spot.y)
        st.session_state[PIN_NOTE] = None
    else:
        st.session_state[PIN_NOTE] = f"pin.refused.{spot}"


def remove_pin() -> None:
    ks.touch()
    st.session_state[ks.PIN] = None
    st.session_state[PIN_NOTE] = None


def keep_text() -> None:
    """Take the comment box's text; cut to MAX_TEXT here too (the box's limit is only the browser's)."""
    ks.touch()
    st.session_state[ks.TEXT] = (st.session_state.get(ks.wkey("text")) or "")[:MAX_TEXT]


def entry_of(kiosk: Kiosk, option_id: int | None) -> dict[str, Any]:
    """This person's answers as the entry input_forms checks (the client id and rating exist from the first screen on)."""
    s = st.session_state
    pin = None
    if s.get(ks.PIN) and option_id is not None:
        x, y = s[ks.PIN]
        pin = {"option_id": option_id, "x": x, "y": y, "category": s.get(ks.PIN_KIND, "calm")}
    return {"client_id": s[ks.CLIENT_ID], "kiosk_token": kiosk.token, "rating": s[ks.RATING],
            "calmer": list(s.get(ks.CALMER) or []), "pin": pin, "text": (s.get(ks.TEXT) or "").strip() or None,
            "language": s.get(ks.LANG, "da")}


def send(kiosk: Kiosk, option_id: int | None) -> None:
    """Store the entry (safe to repeat: the client id makes a double tap one entry).

    Only the refusals input_forms names become a calm message, and the answers stay for a resend
    (in the session, and in the browser until the server confirms: planner.kiosk.draft): too soon
    after the last entry (RateLimited), a database busy past its timeout or unreachable
    (Unavailable: "tap Send again"; the client id keeps a resend to one entry), an entry it cannot
    take or a kiosk switched off meanwhile (ValidationFailed, Forbidden). Anything else is a bug
    and surfaces as one (logged with its traceback by Streamlit).
    """
    keep_text()
    s = st.session_state
    s.pop(draft.RESTORED, None)
    try:
        deliver(get_engine(), entry_of(kiosk, option_id))
    except RateLimited:
        s[ks.ERROR] = "error.rate_limited"
        return
    except Unavailable as exc:
        log.warning("kiosk %s: entry not stored yet, the kiosk asks to send again: %s", kiosk.id, exc)
        s[ks.ERROR] = "error.busy"
        return
    except InputError as exc:
        log.info("kiosk %s: entry not stored: %s", kiosk.id, exc)
        s[ks.ERROR] = "error.generic"
        return
    lang = s.get(ks.LANG, "da")
    ks.reset()  # nothing of the person stays in the session, only the language of the thank-you
    st.session_state[ks.LANG] = lang
    st.session_state[ks.STEP] = "thanks"
    st.session_state[ks.THANKS_AT] = ks.now()


def restart() -> None:
    ks.reset()


# --- screens ----------------------------------------------------------------------------------


def language_bar(lang: str) -> None:
    with st.container(horizontal=True, key="k_langbar", gap="small"):
        for code in LANGUAGES:
            st.button(
                language_name(code), key=ks.wkey(f"lang_{code}"), on_click=set_language, args=(code,),
                type="primary" if code == lang else "secondary",
            )


def step_caption(step: str, steps: tuple[str, ...], lang: str) -> None:
    st.caption(f"{t('kiosk.step', lang, n=steps.index(step) + 1, total=len(steps))} · {t('kiosk.intro', lang)}")


def nav_row(lang: str, back: str | None, forward: list[tuple[str, object, tuple]]) -> None:
    """Back on one side, the way forward on the other; all large buttons."""
    left, right = st.columns(2)
    with left:
        if back:
            st.button(t("btn.back", lang), key=ks.wkey(f"back_{back}"), on_click=go, args=(back,),
                      icon=":material/arrow_back:" if not is_rtl(lang) else ":material/arrow_forward:")
    with right, st.container(horizontal=True, horizontal_alignment="right"):
        for i, (label, callback, args) in enumerate(forward):
            st.button(label, key=ks.wkey(f"fwd_{i}"), on_click=callback, args=args,
                      type="primary" if i == len(forward) - 1 else "secondary")


def rating_screen(lang: str) -> None:
    st.title(t("q.rating", lang))
    with st.container(key="k_faces"):
        cols = st.columns(5)
        for value, (col, face) in enumerate(zip(cols, FACES, strict=True), start=1):
            with col:
                st.button(f"{face}  \n{t(f'face.{value}', lang)}", key=ks.wkey(f"face_{value}"),
                          on_click=choose_rating, args=(value,), width="stretch", wrap=True,
                          type="primary" if st.session_state.get(ks.RATING) == value else "secondary")


def calmer_screen(lang: str, items: list[CalmerItem], next_step: str) -> None:
    st.title(t("q.calmer", lang))
    st.write(t("q.calmer.hint", lang))
    labels = {item.key: calmer_label(item, lang) for item in items}
    st.pills(
        t("q.calmer", lang), list(labels), selection_mode="multi", format_func=labels.get,
        default=[k for k in st.session_state.get(ks.CALMER, []) if k in labels],
        key=ks.wkey("chips"), on_change=ks.touch, label_visibility="collapsed",
    )
    nav_row(lang, "rating", [(t("btn.next", lang), keep_calmer_then, (next_step,))])


def pin_screen(lang: str, option: LayoutOption, here: tuple[float, float] | None = None) -> None:
    """The citizen's plan (planner.kiosk.picture), never the CAD drawing; `here` is the kiosk's place, if set."""
    st.title(t("q.pin", lang))
    if not drawable(option.plan_geojson):  # a plan without rooms: nothing to pin on
        log.warning("kiosk plan option %s has no rooms to show; the pin step offers only Skip", option.id)
        nav_row(lang, "calmer", [(t("btn.skip", lang), go, ("text",))])
        return
    st.write(t("q.pin.hint", lang))
    st.segmented_control(
        t("pin.kind", lang), PIN_KINDS, format_func=lambda k: t(f"pin.{k}", lang), required=True,
        default=st.session_state.get(ks.PIN_KIND, "calm"), key=ks.wkey("pin_kind"), on_change=keep_pin_kind,
    )
    pin = st.session_state.get(ks.PIN)
    key = ks.wkey("plan")
    citizen_picture(option.plan_geojson, lang, pin=tuple(pin) if pin else None, here=here,
                    category=st.session_state.get(ks.PIN_KIND, "calm"), taps=st.session_state.get(PIN_TAPS) or 0, key=key,
                    on_tap=lambda: place_pin(key, option.plan_geojson))
    note = st.session_state.get(PIN_NOTE)
    if note:
        st.warning(t(note, lang), icon=":material/touch_app:")
    if pin:
        st.success(t("pin.placed.in", lang, place=place_name(option.plan_geojson, tuple(pin), lang)))
        st.button(t("pin.remove", lang), key=ks.wkey("pin_remove"), on_click=remove_pin, icon=":material/close:")
        forward = [(t("btn.next", lang), go, ("text",))]
    else:
        forward = [(t("btn.skip", lang), go, ("text",))]
    nav_row(lang, "calmer", forward)


def text_screen(lang: str, back: str, kiosk: Kiosk, option_id: int | None) -> None:
    st.title(t("q.text", lang))
    st.write(t("q.text.hint", lang))
    with st.container(key="k_textbox"):
        st.text_area(
            t("text.label", lang), value=st.session_state.get(ks.TEXT, ""), max_chars=MAX_TEXT, key=ks.wkey("text"),
            on_change=keep_text, height=200,
        )
    if st.session_state.get(ks.ERROR):
        st.warning(t(st.session_state[ks.ERROR], lang))
    nav_row(lang, back, [(t("btn.send", lang), send, (kiosk, option_id))])


def thanks_screen(lang: str) -> None:
    st.title(t("thanks.title", lang))
    st.write(t("thanks.anonymous", lang))
    st.write(t("thanks.use", lang))
    st.caption(t("thanks.reset", lang))
    st.button(t("btn.restart", lang), key=ks.wkey("restart"), on_click=restart, type="primary")


def screens(kiosk: Kiosk, lang: str) -> None:
    """The current step's screen (each reads only what it shows: the item list only on its own step)."""
    step = st.session_state[ks.STEP]
    if step == "thanks":
        thanks_screen(lang)
        return
    option = plan_option(kiosk)
    steps = ks.STEPS if option is not None else tuple(s for s in ks.STEPS if s != "pin")
    if step not in steps:
        step = "rating"
    if step == "rating":  # the language comes first on the first screen, last on the others
        language_bar(lang)
    step_caption(step, steps, lang)
    if step == "rating":
        rating_screen(lang)
    elif step == "calmer":
        calmer_screen(lang, list_calmer_items(get_engine(), kiosk.project_id), "pin" if option is not None else "text")
    elif step == "pin" and option is not None:
        pin_screen(lang, option, kiosk.here)
    else:
        text_screen(lang, "pin" if option is not None else "calmer", kiosk, option.id if option else None)
    if step != "rating":
        st.divider()
        language_bar(lang)


def main() -> None:
    token = st.session_state.get(KIOSK_KEY) or st.query_params.get("kiosk")
    try:
        kiosk = kiosk_by_token(get_engine(), token) if token else None
    except InputError:
        kiosk = None
    if kiosk is None:
        inactive_screen()
        return
    ks.init()
    warn = ks.warning_due()
    idle.mark_shown(warn)  # before the watchdog, which asks for a full run only when the warning is missing
    idle.watchdog()
    if draft.sync(kiosk.token):  # a kept answer came back from the browser (after a restart): show it
        st.rerun()
    lang = st.session_state[ks.LANG]
    st.html(BASE_CSS + (RTL_CSS if is_rtl(lang) else ""))
    if st.session_state.get(draft.RESTORED):
        st.info(t("kiosk.restored", lang), icon=":material/history:")
    screens(kiosk, lang)
    if warn:  # last, so the screen's own elements keep their places (and a half-typed comment its text)
        idle.still_there(lang)


main()
