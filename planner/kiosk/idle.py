"""The kiosk's idle watch: a warning with a countdown before the reset, and the reset itself.

Why a warning: someone who stops to think, reads the plan or types slowly should not lose
their answers without notice. WARN_SECONDS before the idle reset a full-screen "Are you still
there?" with a countdown covers the screen; its button (a touch) keeps the answers, and without
one the kiosk starts again for the next person.

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


def mark_shown(shown: bool) -> None:
    """Called by every full run of the page: whether it draws the warning."""
    st.session_state[SHOWN] = shown


@st.fragment(run_every=ks.WATCH_EVERY_S)
def watchdog() -> None:
    """Every few seconds: reset when due; when the warning is due, a full run to draw it."""
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
