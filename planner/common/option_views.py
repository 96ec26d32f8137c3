"""Cached pictures and figures of stored layout options, shared by the compare and vote pages.

Keyed by (option id, version, plan text): a new version is drawn and scored
afresh, an unchanged one costs nothing for every later visitor.
"""

from __future__ import annotations

import streamlit as st

from floorplans import parse_plan
from floorplans.drawing import render_png
from input_forms.models import LayoutOption
from planner.common.plan_picture import plan_alt
from scoring.engine import score_plan


@st.cache_data(max_entries=64, show_spinner=False)
def option_png(option_id: int, version: int, plan_text: str, dpi: int = 80) -> bytes:
    return render_png(parse_plan(plan_text), dpi=dpi, legend=False)


@st.cache_data(max_entries=64, show_spinner=False)
def option_alt(option_id: int, version: int, plan_text: str, name: str) -> str:
    """The picture's text alternative: the option's name and version and what its plan holds."""
    return plan_alt(parse_plan(plan_text), name=f"{name} (version {version})")


@st.cache_data(max_entries=128, show_spinner=False)
def option_scores(option_id: int, version: int, plan_text: str, profile: str = "br18") -> dict:
    """{"calmness", "accessibility", "criteria": [{id, area, title, score, passed, detail, applicable}]}."""
    report = score_plan(parse_plan(plan_text), profile)
    return {
        "calmness": report.calmness,
        "accessibility": report.accessibility,
        "criteria": [
            {"id": c.id, "area": c.area, "title": c.title, "score": float(c.score), "passed": c.passed, "detail": c.detail,
             "applicable": c.applicable}
            for c in report.criteria
        ],
    }


def show_option_card(option: LayoutOption, profile: str = "br18", dpi: int = 80) -> None:
    """The option's plan and its two overall figures, in the current container."""
    st.image(option_png(option.id, option.version, option.plan_geojson, dpi), caption=f"{option.name} (v{option.version})",
             alt=option_alt(option.id, option.version, option.plan_geojson, option.name), width="stretch")
    scores = option_scores(option.id, option.version, option.plan_geojson, profile)
    a, b = st.columns(2)
    a.metric("Calmness", f"{scores['calmness']:.0f}")
    b.metric("Accessibility", f"{scores['accessibility']:.0f}")
