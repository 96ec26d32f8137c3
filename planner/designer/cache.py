"""Caches shared by every session: heavy analyses per plan content, kiosk pins for a while.

Keyed by the plan's content hash (``plan_key``), so two designers looking at the same plan
share one VGA run, an undo back to a plan seen before finds its overlays again, and an edit
computes afresh. The option id and version stay in the signatures for the reader of a
profile; they do not split the cache.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import streamlit as st

from floorplans import Plan, dumps_plan
from input_forms.publication import publish
from planner.common.services import get_engine
from planner.designer import analysis

__all__ = ["cached_integration", "cached_vga_field", "option_pins", "plan_key"]

Field = tuple[list[float], list[float], list[float]]


@lru_cache(maxsize=64)
def plan_key(plan: Plan) -> str:
    """The plan's content hash (plans hash by identity, so this is computed once per plan object)."""
    return hashlib.blake2b(dumps_plan(plan).encode(), digest_size=16).hexdigest()


@st.cache_data(max_entries=32, show_spinner=False)
def _integration(key: str, _plan: Plan) -> Field:
    return analysis.integration_field(_plan)


@st.cache_data(max_entries=64, show_spinner=False)
def _vga_field(key: str, measure: str, _plan: Plan) -> Field | None:
    return analysis.vga_field(_plan, measure)


def cached_integration(option_id: int, version: int, plan: Plan) -> Field:
    """Visual integration of a plan (VGA is most of a second of work: once per plan content)."""
    return _integration(plan_key(plan), plan)


def cached_vga_field(option_id: int, version: int, plan: Plan, measure: str) -> Field | None:
    """A VGA overlay (local integration, steps from the entrance) of a plan, once per plan content."""
    return _vga_field(plan_key(plan), measure, plan)


@st.cache_data(ttl=30, show_spinner=False)
def option_pins(project_id: int, option_id: int) -> list[dict]:
    """The published kiosk pins on this option (an empty list while they are hidden; input_forms.publication)."""
    frame = publish(get_engine(), project_id).pins(option_id)
    return [{"x": float(r.x), "y": float(r.y), "category": str(r.category)} for r in frame.itertuples()]
