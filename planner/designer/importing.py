"""The designer's "Import a plan file" panel: upload, check, pick a level, save it as a new option.

Reading runs in the bounded worker (planner.common.bounded with floorplans.intake.import_upload:
the file's budget, a time and a memory limit, killed when the session ends), once per file and
session, because an import (seconds for a DXF or IFC) should run once per file, not again when
the designer picks a level, renames or saves. A file over a limit gets one line saying which.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
from planner.designer.review import review_panel
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


def _level_label(levels: dict[str, Plan]) -> Callable[[str], str]:
    return lambda name: f"{name} ({len(levels[name].rooms)} rooms)"


def _checked_level(levels: dict[str, Plan], report: ImportReport | None) -> tuple[str, Plan] | None:
    """The level the designer picks (with its room count), its import report, figures and problems; None while it has errors."""
    if len(levels) > 1:
        level = st.selectbox("Level", list(levels), key="designer_import_level", format_func=_level_label(levels))
    else:
        level = next(iter(levels))
    plan = levels[level]
    if report is not None:
        with st.expander("Import report", expanded=False):
            st.markdown(_as_markdown(_level_report_text(report, level)))
    problems = validate_plan(plan)
    st.caption(f"{len(plan.rooms)} rooms, {len(plan.doors)} doors, {len(plan.windows)} windows, {plan.floor_area:,.0f} m²")
    if errors_only(problems):
        problem_list(errors_only(problems), "This plan has problems; fix them in the file and upload it again:")
        return None
    return level, plan


def _level_report_text(report: ImportReport, level: str) -> str:
    """The import report of the chosen level in plain words (no file paths: the upload lives in a temporary folder)."""
    head = report.to_text(source=False).splitlines()[:1 + len(report.warnings)]
    try:
        body = report.level(level).to_lines()
    except KeyError:
        body = []
    return "\n".join(head + body)


def _as_markdown(text: str) -> str:
    """Indented report lines as nested bullet points (they wrap, unlike a code block that cuts them off)."""
    out = []
    for line in text.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        words = re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", line.strip())
        out.append("  " * max(depth - 1, 0) + f"- {words}" if depth else f"\n**{words}**\n")
    return "\n".join(out)


def _scores(plan: Plan) -> None:
    """The chosen level's scores and warnings, after its kinds were reviewed."""
    problems = validate_plan(plan)
    calmness, accessibility = analysis.overall(plan, "br18")
    st.caption(f"Scores of this level (BR18): calmness {calmness:.0f} / 100, accessibility {accessibility:.0f} / 100")
    warnings = [p for p in problems if p.severity == "warning"]
    if warnings:
        st.warning("\n".join(f"- **{p.feature_id or 'plan'}**: {p.message}" for p in warnings[:8])
                   + (f"\n- … and {len(warnings) - 8} more" if len(warnings) > 8 else ""))


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
    checked = _checked_level(levels, report)
    if checked is None:
        return None
    level, plan = checked
    plan, may_save = review_panel(plan, key=f"{upload.name}|{len(upload.getvalue())}|{level}")
    _scores(plan)
    name = st.text_input("Name of the new option", value=(plan.name or upload.name)[:80], key="designer_import_name")
    if not st.button("Save as new option", key="designer_import_save", icon=":material/save:", disabled=not may_save):
        return None
    try:
        option = add_option(engine, project_id, name, dumps_plan(plan), author=author, notes=f"imported from {upload.name}")
    except InputError as exc:
        st.error(str(exc))
        return None
    return option.id
