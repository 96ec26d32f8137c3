"""The designer's "Import a plan file" panel: upload, check, pick a level, save it as a new option.

Reading runs in the bounded worker (planner.common.bounded with floorplans.intake.import_upload:
the file's budget, a time and a memory limit, killed when the session ends), once per file and
session, because an import (seconds for a DXF or IFC) should run once per file, not again when
the designer picks a level, renames or saves. A file over a limit gets one line saying which.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.uploaded_file_manager import UploadedFile

from floorplans import Plan, dumps_plan, errors_only, validate_plan
from floorplans.importers import ImportReport
from floorplans.intake import import_upload
from floorplans.problems import Problem
from input_forms.errors import InputError
from input_forms.projects import add_option
from planner.common.bounded import read_bounded
from planner.designer import analysis
from planner.designer.panels import problem_list
from planner.designer.uploads import UPLOAD_TYPES, levels_of

__all__ = ["import_panel"]

IMPORT_CACHE_KEY = "designer_import_cache"
Outcome = tuple[dict[str, Plan], ImportReport | None, list[Problem] | None]  # levels, report, why it failed


def _read_once(upload: UploadedFile) -> Outcome:
    """The levels and report of this upload, read in the bounded worker on its first run only."""
    intake, failure = read_bounded(import_upload, upload.name, upload.getvalue(), IMPORT_CACHE_KEY)
    if failure is not None:
        return {}, None, list(failure.problems)
    assert intake is not None
    levels, report = levels_of(intake)
    return levels, report, None


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
    if problems and problems[0].code == "over-budget":
        st.error(f"{upload.name}: {problems[0].message}")  # over a limit: one line says which
        return None
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
