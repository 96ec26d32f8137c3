"""The answer in progress, kept in the kiosk's browser until the server confirms it.

Why: a kiosk's answers live in the server's session, and a server restart (or a dropped
connection that outlives the session) loses the session: the citizen would be back at the
first question with nothing stored and nothing said. So every run of the kiosk page also
writes the person's answers, with their client id (the idempotency key), into the browser's
localStorage; a new session asks the browser for them first and, if they are there and fresh,
puts the person back on their screen with a calm message to check and tap Send. The server's
confirmation (the thank-you), the idle reset and the "start again" button clear them, so the
next person never sees them. A resend after a restart carries the same client id, so an answer
that reached the database before the restart is still stored once.

The browser's copy is untrusted input: ``restore`` takes only well-formed values, and the entry
is checked again by input_forms on Send like any other.
"""

from __future__ import annotations

import json
import math
from collections.abc import MutableMapping
from typing import Any

import streamlit as st

from planner.kiosk import session as ks
from planner.kiosk.i18n import LANGUAGES

__all__ = ["draft_of", "restore", "sync", "ASKED", "RESTORED", "STORAGE_PREFIX"]

ASKED = ks.DRAFT_ASKED  # this session has asked the browser for a kept answer (survives a reset)
RESTORED = ks.RESTORED  # the answers on screen came back from the browser: say so until the next touch
STORAGE_PREFIX = "jc_kiosk_draft:"
MAX_TEXT = 500

_JS = """
export default function(component) {
  const { data, setTriggerValue } = component;
  if (!data || !data.storage) return;
  let store;
  try { store = window.localStorage; } catch (e) { return; }
  if (data.mode === "keep") {
    store.setItem(data.storage, JSON.stringify({ saved_at: Date.now(), draft: JSON.parse(data.draft) }));
  } else if (data.mode === "clear") {
    store.removeItem(data.storage);
  } else if (data.mode === "ask") {
    const kept = store.getItem(data.storage);
    if (!kept) return;
    let parsed = null;
    try { parsed = JSON.parse(kept); } catch (e) { parsed = null; }
    if (!parsed || !parsed.draft || Date.now() - (parsed.saved_at || 0) > data.max_age_ms) {
      store.removeItem(data.storage);
      return;
    }
    setTriggerValue("restored", JSON.stringify(parsed.draft));
  }
}
"""
_keeper = st.components.v2.component("kiosk_draft_keeper", js=_JS)


def draft_of(state: MutableMapping[str, Any]) -> dict[str, Any] | None:
    """The person's answers so far (None before the first answer or once confirmed)."""
    if not state.get(ks.CLIENT_ID) or state.get(ks.STEP) == "thanks" or state.get(ks.THANKS_AT):
        return None
    pin = state.get(ks.PIN)
    return {"client_id": state[ks.CLIENT_ID], "lang": state.get(ks.LANG), "step": state.get(ks.STEP),
            "rating": state.get(ks.RATING), "calmer": list(state.get(ks.CALMER) or []),
            "pin": list(pin) if pin else None, "pin_kind": state.get(ks.PIN_KIND, "calm"),
            "text": state.get(ks.TEXT) or ""}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) else None


def restore(state: MutableMapping[str, Any], raw: str | None) -> bool:
    """Put a kept answer back into a fresh session (True if it was well-formed and taken)."""
    try:
        draft = json.loads(raw or "")
    except (TypeError, ValueError):
        return False
    if not isinstance(draft, dict):
        return False
    client_id, rating = draft.get("client_id"), draft.get("rating")
    if not (isinstance(client_id, str) and 8 <= len(client_id) <= 64 and client_id.isalnum()):
        return False
    if not (isinstance(rating, int) and not isinstance(rating, bool) and 1 <= rating <= 5):
        return False
    step = draft.get("step") if draft.get("step") in ks.STEPS else "calmer"
    calmer = [c for c in draft.get("calmer") or [] if isinstance(c, str) and len(c) <= 64][:20]
    pin = draft.get("pin")
    xy = [_number(v) for v in pin] if isinstance(pin, list) and len(pin) == 2 else None
    text = draft.get("text") if isinstance(draft.get("text"), str) else ""
    state[ks.CLIENT_ID] = client_id
    state[ks.RATING] = rating
    state[ks.STEP] = step
    state[ks.CALMER] = calmer
    state[ks.PIN] = (xy[0], xy[1]) if xy and None not in xy else None
    state[ks.PIN_KIND] = draft.get("pin_kind") if draft.get("pin_kind") in ("calm", "stressful", "idea") else "calm"
    state[ks.TEXT] = text[:MAX_TEXT]
    state[ks.LANG] = draft.get("lang") if draft.get("lang") in LANGUAGES else state.get(ks.LANG)
    state[ks.LAST_TOUCH] = ks.now()
    state[RESTORED] = True
    return True


def sync(token: str) -> bool:
    """Ask for, keep or clear the browser's copy; True when a kept answer was just put back (rerun then).

    A new session asks (until its first answer); from then on every run keeps the answers so
    far, or clears the copy once there are none (confirmed, reset).
    """
    state = st.session_state
    draft = draft_of(state)
    asking = not state.get(ASKED) and draft is None
    if asking:
        data: dict[str, Any] = {"mode": "ask", "max_age_ms": ks.IDLE_SECONDS * 1000}
    else:
        state[ASKED] = True
        # the draft goes as JSON text: a dict value would make Streamlit look for data frames in it
        # (importing pandas on a kiosk's first answer, and checking again on every run)
        data = {"mode": "keep" if draft else "clear", "draft": json.dumps(draft)}
    result = _keeper(data={"storage": f"{STORAGE_PREFIX}{token}", **data}, key="k_draft_keeper",
                     on_restored_change=_ignore)
    restored = getattr(result, "restored", None) if asking else None
    if restored and restore(state, restored):
        state[ASKED] = True
        return True
    return False


def _ignore() -> None:
    """Trigger values need a callback to be registered; the value is read from the result."""
