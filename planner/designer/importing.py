"""The designer's "Import a plan file" panel: upload, check, pick a level, save it as a new option.

Reading is planner.designer.uploads (pure); this module draws the steps and keeps each
upload's result for the session, because an import (seconds for a DXF or IFC) should run once
per file, not again when the designer picks a level, renames or saves.
"""

from __future__ import annotations

import hashlib

import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.uploaded_file_manager import UploadedFile

from floorplans import Plan, PlanError, dumps_plan, errors_only, validate_plan
from floorplans.importers import ImportReport
from floorplans.problems import Problem
from input_forms.errors import InputError
from input_forms.projects import add_option
from planner.designer import analysis
from planner.designer.panels import problem_list
from planner.designer.uploads import UPLOAD_TYPES, read_upload

__all__ = ["import_panel"]

IMPORT_CACHE_KEY = "designer_import_cache"
Outcome = tuple[dict[str, Plan], ImportReport | None, list[Problem] | None]  # levels, report, why it failed


def _read_once(upload: UploadedFile) -> Outcome:
    """The levels and report of this upload, read on its first run only (keyed by name and content)."""
    data = upload.getvalue()
    digest = (upload.name, hashlib.sha256(data).hexdigest())
    cached = st.session_state.get(IMPORT_CACHE_KEY)
    if cached is not None and cached[0] == digest:
        return cached[1]
    try:
        with st.spinner(f"Reading {upload.name}…"):
            levels, report = read_upload(upload.name, data)
        outcome: Outcome = (levels, report, None)
    except PlanError as exc:
        outcome = ({}, None, list(exc.problems))
    st.session_state[IMPORT_CACHE_KEY] = (digest, outcome)
    return outcome


def _checked_level(levels: dict[str, Plan], report: ImportReport | None) -> Plan | None:
    """The level the designer picks, with its import report, figures and problems; None while it has errors."""
    level = st.selectbox("Level", list(levels), key="designer_import_level") if len(levels) > 1 else next(iter(levels))
    plan = levels[level]
    if report is not None:
        with st.expander("Import report", expanded=True):
            st.code(report.to_text(), language=None)
    problems = validate_plan(plan)
    st.caption(f"{len(plan.rooms)} rooms, {len(plan.doors)} doors, {plan.floor_area:,.0f} m²")
    if errors_only(problems):
        problem_list(errors_only(problems), "This plan has problems; fix them in the file and upload it again:")
        return None
    calmness, accessibility = analysis.overall(plan, "br18")
    st.caption(f"Scores of this level (BR18): calmness {calmness:.0f} / 100, accessibility {accessibility:.0f} / 100")
    warnings = [p for p in problems if p.severity == "warning"]
    if warnings:
        st.warning("\n".join(f"- **{p.feature_id or 'plan'}**: {p.message}" for p in warnings[:8])
                   + (f"\n- … and {len(warnings) - 8} more" if len(warnings) > 8 else ""))
    return plan


def import_panel(engine: Engine, project_id: int, author: str) -> int | None:
    """Upload a plan file, check it, pick a level, and save it as a new option; returns the new option id."""
    upload = st.file_uploader("Plan file", type=list(UPLOAD_TYPES), key="designer_import_file",
                              help="The GeoJSON exchange format; DXF, IFC, indoor GeoJSON (WRLD, IMDF), FloorspaceJS; "
                                   "a whole WRLD building or IMDF archive as one zip")
    if upload is None:
        return None
    levels, report, problems = _read_once(upload)
    if problems is not None:
        problem_list(problems, f"{upload.name} is not a plan this tool can read:")
        return None
    if not levels:
        st.error(f"{upload.name} holds no floor level with rooms.")
        return None
    plan = _checked_level(levels, report)
    if plan is None:
        return None
    name = st.text_input("Name of the new option", value=(plan.name or upload.name)[:80], key="designer_import_name")
    if not st.button("Save as new option", key="designer_import_save", icon=":material/save:"):
        return None
    try:
        option = add_option(engine, project_id, name, dumps_plan(plan), author=author, notes=f"imported from {upload.name}")
    except InputError as exc:
        st.error(str(exc))
        return None
    return option.id
