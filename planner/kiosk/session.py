"""The kiosk's per-person state in st.session_state, and the reset that wipes it.

Every key of one person's answers starts with "k_"; widget keys also carry the form
generation (k_gen), so after a reset the widgets remount empty even if the browser still
had focus in a field. Only the kiosk token and the generation survive a reset.
"""

from __future__ import annotations

import time
import uuid

import streamlit as st

from planner.common.auth import KIOSK_KEY
from planner.kiosk.i18n import DEFAULT

IDLE_SECONDS = 60  # back to the start after this long without a touch
THANKS_SECONDS = 8  # how long the thank-you screen stays
WATCH_EVERY_S = 2  # how often the watchdog looks
STEPS = ("rating", "calmer", "pin", "text")

GEN = "k_gen"
LANG = "k_lang"
STEP = "k_step"
RATING = "k_rating"
CALMER = "k_calmer"
PIN = "k_pin"  # (x, y) in plan metres or None
PIN_KIND = "k_pin_kind"
PIN_TAP = "k_pin_tap"  # time stamp of the last tap taken (a tap counts once)
TEXT = "k_text"
CLIENT_ID = "k_client_id"
LAST_TOUCH = "k_last_touch"
THANKS_AT = "k_thanks_at"
ERROR = "k_error"
DRAFT_ASKED = "k_draft_asked"  # see planner.kiosk.draft (kept by a reset)
RESTORED = "k_restored"  # the answers on screen came back from the browser's copy


def init() -> None:
    """Defaults for a fresh person (idempotent)."""
    st.session_state.setdefault(GEN, 0)
    st.session_state.setdefault(LANG, DEFAULT)
    st.session_state.setdefault(STEP, "rating")
    st.session_state.setdefault(CALMER, [])
    st.session_state.setdefault(PIN_KIND, "calm")
    st.session_state.setdefault(TEXT, "")
    st.session_state.setdefault(LAST_TOUCH, time.time())


def wkey(name: str) -> str:
    """A widget key for this generation of the form."""
    return f"k_{name}_{st.session_state.get(GEN, 0)}"


def touch() -> None:
    """Someone is using the screen: restart the idle clock (and drop the "your answers are back" note)."""
    st.session_state[LAST_TOUCH] = time.time()
    st.session_state.pop(RESTORED, None)


def start_person() -> None:
    """The first answer of a new person: give the entry its retry-safe client id."""
    if not st.session_state.get(CLIENT_ID):
        st.session_state[CLIENT_ID] = uuid.uuid4().hex


def has_trace() -> bool:
    """True when anything of the current person is on screen or in the session."""
    s = st.session_state
    return bool(
        s.get(STEP, "rating") != "rating" or s.get(RATING) or s.get(CALMER) or s.get(PIN)
        or s.get(TEXT) or s.get(CLIENT_ID) or s.get(LANG, DEFAULT) != DEFAULT or s.get(ERROR)
        or s.get(THANKS_AT)
    )


def reset() -> None:
    """Forget the last person entirely; keep only the kiosk token, a new form generation and whether
    this session already asked the browser for a kept answer (planner.kiosk.draft)."""
    gen = int(st.session_state.get(GEN, 0)) + 1
    token = st.session_state.get(KIOSK_KEY)
    asked = st.session_state.get(DRAFT_ASKED)
    st.session_state.clear()
    st.session_state[KIOSK_KEY] = token
    st.session_state[GEN] = gen
    if asked:  # the browser's copy of the last person's answers is cleared on the next run, never asked for again
        st.session_state[DRAFT_ASKED] = asked
    init()


def due_for_reset(now: float | None = None) -> bool:
    """Idle too long with something on screen, or the thank-you time is over."""
    now = time.time() if now is None else now
    thanks_at = st.session_state.get(THANKS_AT)
    if thanks_at is not None and now - thanks_at >= THANKS_SECONDS:
        return True
    return has_trace() and now - st.session_state.get(LAST_TOUCH, now) >= IDLE_SECONDS


@st.fragment(run_every=WATCH_EVERY_S)
def watchdog() -> None:
    """Runs every few seconds in the browser session; resets the kiosk when it is due."""
    if due_for_reset():
        reset()
        st.rerun(scope="app")
