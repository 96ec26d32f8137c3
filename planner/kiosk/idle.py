"""The kiosk's idle watch: a warning with a countdown before the reset, and the reset itself.

Why a warning: someone who stops to think, reads the plan or types slowly should not lose
their answers without notice. WARN_SECONDS before the idle reset a full-screen "Are you still
there?" with a countdown covers the screen; its button (a touch) keeps the answers, and without
one the kiosk starts again for the next person.

Typing counts as a touch: a comment box sends its text only when it is left, so a slow typist
would otherwise get the warning mid-sentence. A small script in the page reports typing and
scrolling to the watchdog, at most once every ACTIVITY_EVERY_S (a rerun of the watchdog alone),
and any tap on the warning at once.

Cheap by design: between warnings only the watchdog fragment runs (every WATCH_EVERY_S, a few
session reads, nothing drawn); the countdown fragment ticks every second only while the warning
is on screen. Times come from planner.kiosk.session (its clock can be replaced in tests).
"""

from __future__ import annotations

from html import escape

import streamlit as st

from planner.kiosk import session as ks
from planner.kiosk.i18n import t

__all__ = ["OVERLAY_KEY", "still_there", "watchdog"]

OVERLAY_KEY = "k_still_there"
SHOWN = "k_warning_shown"  # the last full run drew the warning (so the watchdog asks for it once)
ACTIVITY_EVERY_S = max(1.0, min(3.0, (ks.IDLE_SECONDS - ks.WARN_SECONDS) / 2))

_ACTIVITY_JS = """
export default function(component) {
  const { data, setTriggerValue } = component;
  const state = window.__jcKioskActivity = window.__jcKioskActivity || { last: 0 };
  state.report = setTriggerValue;  // the newest mount's reporter
  state.every = (data && data.every_ms) || 3000;
  if (state.listening) return;
  state.listening = true;
  const seen = () => {
    const now = Date.now();
    if (now - state.last < state.every || !state.report) return;
    state.last = now;
    state.report("active", now);
  };
  for (const type of ["input", "keydown", "scroll", "wheel", "touchmove"]) {
    document.addEventListener(type, seen, { capture: true, passive: true });
  }
  // A tap anywhere on "are you still there?" answers it at once (its button too, should its
  // own click be lost in a countdown tick).
  document.addEventListener("pointerdown", (event) => {
    if (!event.target.closest || !event.target.closest(".st-key-k_still_there") || !state.report) return;
    state.last = Date.now();
    state.report("active", state.last);
  }, { capture: true, passive: true });
}
"""
_activity = st.components.v2.component("kiosk_activity", js=_ACTIVITY_JS)


def mark_shown(shown: bool) -> None:
    """Called by every full run of the page: whether it draws the warning."""
    st.session_state[SHOWN] = shown


@st.fragment(run_every=ks.WATCH_EVERY_S)
def watchdog() -> None:
    """Every few seconds: reset when due; when the warning is due, a full run to draw it."""
    _activity(data={"every_ms": int(ACTIVITY_EVERY_S * 1000)}, key="k_activity", on_active_change=ks.touch)
    if ks.due_for_reset():
        ks.reset()
        st.rerun(scope="app")
    if ks.warning_due() and not st.session_state.get(SHOWN):
        st.rerun(scope="app")


def _continue() -> None:
    ks.touch()
    st.session_state[SHOWN] = False


@st.fragment(run_every=1)
def still_there(lang: str) -> None:
    """The full-screen warning with its countdown, redrawn each second while it lasts."""
    if ks.due_for_reset():
        ks.reset()
        st.rerun(scope="app")
    if not ks.warning_due():  # someone tapped Continue (or touched the screen): back to the answers
        st.session_state[SHOWN] = False
        st.rerun(scope="app")
    left = ks.seconds_left()
    with st.container(key=OVERLAY_KEY):
        st.html(
            '<div class="k-still" role="alertdialog" aria-modal="true" aria-labelledby="k-still-title">'
            f'<p id="k-still-title" class="k-still-title">{escape(t("idle.title", lang))}</p>'
            f'<p class="k-still-count" aria-hidden="true">{left}</p>'
            f'<p class="k-still-body" aria-live="polite">{escape(t("idle.countdown", lang, n=left))}</p>'
            "</div>"
        )
        st.button(t("idle.continue", lang), key=ks.wkey("still_continue"), on_click=_continue, type="primary",
                  icon=":material/touch_app:")
