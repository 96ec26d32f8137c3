"""The kiosk's per-person state in st.session_state, and the reset that wipes it.

Every key of one person's answers starts with "k_"; widget keys also carry the form
generation (k_gen), so after a reset the widgets remount empty even if the browser still
had focus in a field. Only the kiosk token and the generation survive a reset.
"""

from __future__ import annotations

import logging
import math
import os
import time
import uuid

import streamlit as st

from planner.common.auth import KIOSK_KEY
from planner.kiosk.i18n import DEFAULT

log = logging.getLogger(__name__)


def _seconds(name: str, default: float) -> float:
    """A time setting from the environment (the browser tests shorten them); a bad value keeps the default."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        log.warning("%s=%r is not a positive number of seconds; using %s", name, raw, default)
        return default
    return value


IDLE_SECONDS = _seconds("PLANNER_KIOSK_IDLE_S", 60)  # back to the start after this long without a touch
WARN_SECONDS = min(_seconds("PLANNER_KIOSK_WARN_S", 10), IDLE_SECONDS)  # "are you still there?" this long before
THANKS_SECONDS = _seconds("PLANNER_KIOSK_THANKS_S", 8)  # how long the thank-you screen stays
WATCH_EVERY_S = _seconds("PLANNER_KIOSK_WATCH_S", 2)  # how often the watchdog looks


def now() -> float:
    """The kiosk's clock (tests replace it to step through the idle times without waiting)."""
    return time.time()

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
    st.session_state.setdefault(LAST_TOUCH, now())


def wkey(name: str) -> str:
    """A widget key for this generation of the form."""
    return f"k_{name}_{st.session_state.get(GEN, 0)}"


def touch() -> None:
    """Someone is using the screen: restart the idle clock (and drop the "your answers are back" note)."""
    st.session_state[LAST_TOUCH] = now()
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


def idle_for(at: float | None = None) -> float:
    """Seconds since the last touch."""
    at = now() if at is None else at
    return max(0.0, at - st.session_state.get(LAST_TOUCH, at))


def due_for_reset(at: float | None = None) -> bool:
    """Idle too long with something on screen, or the thank-you time is over."""
    at = now() if at is None else at
    thanks_at = st.session_state.get(THANKS_AT)
    if thanks_at is not None and at - thanks_at >= THANKS_SECONDS:
        return True
    return has_trace() and idle_for(at) >= IDLE_SECONDS


def warning_due(at: float | None = None) -> bool:
    """The last seconds before an idle reset: time to ask "are you still there?" (not on the thank-you screen)."""
    at = now() if at is None else at
    if st.session_state.get(THANKS_AT) is not None or not has_trace():
        return False
    return IDLE_SECONDS - WARN_SECONDS <= idle_for(at) < IDLE_SECONDS


def seconds_left(at: float | None = None) -> int:
    """Whole seconds until the idle reset, as the countdown shows them."""
    return max(0, math.ceil(IDLE_SECONDS - idle_for(at)))
