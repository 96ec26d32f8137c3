"""Caches shared by every session: heavy overlays per plan content, kiosk pins for a while.

The heavy overlays (visual integration, local integration, steps from the entrance: a
VGA of most of a second to seconds; the noise field: a few tenths) are kept per plan
*content* (``plan_key``), so two designers looking at the same plan share one run, an
undo back to a plan seen before finds its overlays again, and an edit computes afresh.
``peek`` answers without computing: the page draws the edited plan and its scores first
and computes a missing overlay after them (planner.designer.overlays).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import streamlit as st

from floorplans import Plan, dumps_plan
from input_forms.publication import publish
from planner.common.services import get_engine
from planner.designer import analysis

__all__ = ["HEAVY", "compute", "option_pins", "peek", "plan_key"]

#: The heavy overlays by name: what computes each from a plan.
HEAVY: dict[str, Callable[[Plan], Any]] = {
    "integration": analysis.integration_field,
    "local integration": lambda plan: analysis.vga_field(plan, "local integration"),
    "entrance steps": lambda plan: analysis.vga_field(plan, "entrance steps"),
    "noise": analysis.noise_levels,
}
_MAX_ENTRIES = 64
_fields: OrderedDict[tuple[str, str], Any] = OrderedDict()
_lock = threading.Lock()
_MISSING = object()


@lru_cache(maxsize=64)
def plan_key(plan: Plan) -> str:
    """The plan's content hash (plans hash by identity, so this is computed once per plan object)."""
    return hashlib.blake2b(dumps_plan(plan).encode(), digest_size=16).hexdigest()


def peek(plan: Plan, what: str) -> tuple[bool, Any]:
    """(True, the overlay) when it is known for this plan's content, else (False, None); never computes."""
    key = (plan_key(plan), what)
    with _lock:
        value = _fields.get(key, _MISSING)
        if value is not _MISSING:
            _fields.move_to_end(key)
    return (False, None) if value is _MISSING else (True, value)


def compute(plan: Plan, what: str) -> Any:
    """The overlay for this plan's content, computed once and kept (the oldest of 64 goes)."""
    known, value = peek(plan, what)
    if known:
        return value
    value = HEAVY[what](plan)
    with _lock:
        _fields[(plan_key(plan), what)] = value
        while len(_fields) > _MAX_ENTRIES:
            _fields.popitem(last=False)
    return value


@st.cache_data(ttl=30, show_spinner=False)
def option_pins(project_id: int, option_id: int) -> list[dict]:
    """The published kiosk pins on this option (an empty list while they are hidden; input_forms.publication)."""
    frame = publish(get_engine(), project_id).pins(option_id)
    return [{"x": float(r.x), "y": float(r.y), "category": str(r.category)} for r in frame.itertuples()]
