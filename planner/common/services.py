"""Streamlit-side glue shared by every page: the database engine, the project picker, the plan picture.

Pages call these instead of touching the database themselves, so that one engine (one
connection pool) serves every session of the server process.
"""

from __future__ import annotations

import os

import streamlit as st
from sqlalchemy import Engine

from floorplans import parse_plan
from input_forms.db import make_engine
from input_forms.models import Project
from input_forms.projects import list_projects
from planner.common.plan_picture import PlanPicture, plan_picture

PROJECT_KEY = "project_id"


@st.cache_resource(show_spinner=False)
def _engine_for(url: str | None) -> Engine:
    """One engine per database URL and server process (migrated on first use)."""
    return make_engine(url)


def get_engine() -> Engine:
    """The shared engine for the database named by DATABASE_URL (or the default file).

    Keyed by the URL so a test that points DATABASE_URL at a fresh file gets a fresh engine.
    """
    return _engine_for(os.environ.get("DATABASE_URL") or None)


def projects() -> list[Project]:
    """All projects, oldest first (as the storage layer returns them)."""
    return list(list_projects(get_engine()))


def project_picker(label: str = "Project") -> Project | None:
    """A sidebar selectbox of projects; the choice is remembered across pages.

    The choice lives under session_state["project_id"] (not the widget key), because
    Streamlit drops a widget's key when a page without that widget runs.
    """
    available = projects()
    if not available:
        st.sidebar.info("No project yet. A facilitator can create one under Admin.")
        st.session_state.pop(PROJECT_KEY, None)
        return None
    by_id = {p.id: p for p in available}
    remembered = st.session_state.get(PROJECT_KEY)
    ids = list(by_id)
    index = ids.index(remembered) if remembered in by_id else 0
    chosen = st.sidebar.selectbox(
        label,
        ids,
        index=index,
        format_func=lambda pid: by_id[pid].name,
        key="_project_picker",
    )
    st.session_state[PROJECT_KEY] = chosen
    return by_id[chosen]


@st.cache_data(max_entries=16, show_spinner=False)
def plan_picture_of(plan_geojson: str) -> PlanPicture:
    """The tappable picture of one plan version (kiosk pins, staff comments), drawn once per plan text."""
    return plan_picture(parse_plan(plan_geojson))
