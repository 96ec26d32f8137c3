"""Caches shared by every session: heavy analyses per stored plan version, kiosk pins for a while.

Keyed by (option id, version) plus the plan text, so two designers looking at
the same version share one VGA run, and an edit (a new version) computes afresh.
"""

from __future__ import annotations

import streamlit as st

from floorplans import parse_plan
from input_forms.publication import publish
from planner.common.services import get_engine
from planner.designer import analysis


@st.cache_data(max_entries=32, show_spinner=False)
def cached_integration(option_id: int, version: int, plan_text: str) -> tuple[list[float], list[float], list[float]]:
    """Visual integration of one option version (VGA is seconds of work; do it once per version)."""
    return analysis.integration_field(parse_plan(plan_text))


@st.cache_data(max_entries=32, show_spinner=False)
def cached_vga_field(option_id: int, version: int, plan_text: str,
                     measure: str) -> tuple[list[float], list[float], list[float]] | None:
    """A VGA overlay (local integration, steps from the entrance) of one option version."""
    return analysis.vga_field(parse_plan(plan_text), measure)


@st.cache_data(ttl=30, show_spinner=False)
def option_pins(project_id: int, option_id: int) -> list[dict]:
    """The published kiosk pins on this option (an empty list while they are hidden; input_forms.publication)."""
    frame = publish(get_engine(), project_id).pins(option_id)
    return [{"x": float(r.x), "y": float(r.y), "category": str(r.category)} for r in frame.itertuples()]
