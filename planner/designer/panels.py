"""The designer page's panels: score list, problem list, tables, import and export.

Each panel is a function that draws one part of the page and returns what
the page needs from it (the features to highlight, say). Logic stays in
floorplans.editing, scoring and input_forms.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from floorplans import Plan, PlanError, RoomKind, dumps_plan, errors_only, parse_plan, validate_plan
from floorplans.editing import apply_doors_table, apply_rooms_table, doors_table, rooms_table
from floorplans.model import AcousticFinish
from floorplans.problems import Problem
from planner.designer import analysis, state


def problem_list(problems: Sequence[Problem], heading: str = "") -> None:
    """Problems as a list naming each feature: never a traceback."""
    lines = [f"- **{p.feature_id}**: {p.message}" if p.feature_id else f"- {p.message}" for p in problems]
    st.error((heading + "\n\n" if heading else "") + "\n".join(lines))


def show_flash() -> state.Flash | None:
    """Show what the last edit did (once); return it so the plan's status line can echo it."""
    msg = state.take_flash()
    if msg is None:
        return None
    if msg.ok:
        st.success(msg.message, icon=":material/check_circle:")
        if msg.warnings:
            st.warning("\n".join(f"- **{p.feature_id or 'plan'}**: {p.message}" for p in msg.warnings))
    elif msg.problems:
        problem_list(msg.problems, "The edit was not made; the plan is unchanged:")
    else:
        st.error(msg.message)
    return msg


def score_panel(plan: Plan, previous: Plan | None, profile: str, key: str) -> tuple[list[str], dict | None]:
    """Overall figures and every criterion; returns the chosen finding's feature ids and its marks."""
    figures = analysis.overall(plan, profile)
    if figures is None:
        st.info("Scoring is not available in this installation.")
        return [], None
    before = analysis.overall(previous, profile) if previous is not None else None
    a, b = st.columns(2)
    a.metric("Calmness", f"{figures[0]:.0f} / 100",
             delta=None if before is None else round(figures[0] - before[0], 1))
    b.metric("Accessibility", f"{figures[1]:.0f} / 100",
             delta=None if before is None else round(figures[1] - before[1], 1))
    rows = analysis.score_rows(plan, profile)
    table = pd.DataFrame([
        {"area": r.area, "criterion": r.title, "score": round(r.score * 100), "result": r.verdict, "why": r.detail,
         "features": ", ".join(r.where)}
        for r in rows
    ])
    st.caption("Choose a row to highlight its features on the plan.")
    event = st.dataframe(
        table, hide_index=True, on_select="rerun", selection_mode="single-row", key=f"{key}_criteria",
        column_config={
            "score": st.column_config.ProgressColumn("score", min_value=0, max_value=100, format="%d"),
            "why": st.column_config.TextColumn("why", width="large"),
        },
    )
    selected = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if selected and selected[0] < len(rows):
        chosen = rows[selected[0]]
        st.markdown(f"**{chosen.title}** — {chosen.detail}")
        return list(chosen.where), chosen.geometry
    return [], None


_KINDS = [k.value for k in RoomKind]
_FINISHES = [f.value for f in AcousticFinish]


def rooms_editor(engine, option_id: int, plan: Plan, author: str) -> None:  # noqa: ANN001
    """The rooms as a table; the Apply button runs them through floorplans.editing."""
    key = f"designer_rooms_{option_id}_{state.rev()}"
    edited = st.data_editor(
        pd.DataFrame(rooms_table(plan)),
        key=key,
        num_rows="dynamic",
        hide_index=True,
        disabled=["area"],
        column_config={
            "kind": st.column_config.SelectboxColumn("kind", options=_KINDS, required=True),
            "capacity": st.column_config.NumberColumn("capacity", min_value=0, step=1),
            "public": st.column_config.CheckboxColumn("public"),
            "height": st.column_config.NumberColumn("ceiling m", min_value=0.5, max_value=100.0, step=0.1, format="%.2f"),
            "acoustic_finish": st.column_config.SelectboxColumn("finish", options=_FINISHES,
                                                                help="hard, standard (class C ceiling) or absorbent (class A ceiling and wall panels)"),
            "wall_sound_rating": st.column_config.NumberColumn("walls R'w dB", min_value=0.0, max_value=100.0, step=1.0, format="%.0f"),
            **{c: st.column_config.NumberColumn(c, step=0.1, format="%.3f") for c in ("x0", "y0", "x1", "y1")},
            "coords": st.column_config.TextColumn("coords (x y; x y; …)", width="large"),
            "area": st.column_config.NumberColumn("area m²", format="%.1f"),
        },
    )
    st.caption("Change x0–y1 to reshape a rectangle, or the coords for any polygon. Rows without an id are new rooms.")
    if st.button("Apply room changes", key="designer_apply_rooms", icon=":material/done:"):
        rows = edited.astype(object).where(pd.notna(edited), None).to_dict("records")
        state.commit(engine, option_id, apply_rooms_table(plan, rows), author)
        st.rerun()


def doors_editor(engine, option_id: int, plan: Plan, author: str) -> None:  # noqa: ANN001
    key = f"designer_doors_{option_id}_{state.rev()}"
    edited = st.data_editor(
        pd.DataFrame(doors_table(plan)),
        key=key,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            **{c: st.column_config.NumberColumn(c, step=0.1, format="%.3f") for c in ("x1", "y1", "x2", "y2")},
            "clear_width": st.column_config.NumberColumn("clear width m", min_value=0.0, step=0.01, format="%.2f"),
            "threshold_mm": st.column_config.NumberColumn("threshold mm", min_value=0.0, step=1.0),
            "entrance": st.column_config.CheckboxColumn("entrance"),
            "automatic": st.column_config.CheckboxColumn("automatic"),
            "sound_rating": st.column_config.NumberColumn("sound Rw dB", min_value=0.0, max_value=100.0, step=1.0, format="%.0f"),
        },
    )
    if st.button("Apply door changes", key="designer_apply_doors", icon=":material/done:"):
        rows = edited.astype(object).where(pd.notna(edited), None).to_dict("records")
        state.commit(engine, option_id, apply_doors_table(plan, rows), author)
        st.rerun()


def export_panel(plan: Plan, option_name: str, version: int) -> None:
    """GeoJSON (the exchange format), PNG and SVG of the current plan."""
    from floorplans.drawing import render_png, render_svg

    stem = "".join(c if c.isalnum() else "_" for c in option_name.lower()).strip("_") or "plan"
    stem = f"{stem}_v{version}"
    a, b, c = st.columns(3)
    a.download_button("GeoJSON", dumps_plan(plan), file_name=f"{stem}.geojson", mime="application/geo+json",
                      key="designer_export_geojson", icon=":material/download:", on_click="ignore")
    b.download_button("PNG", lambda: render_png(plan, dpi=150), file_name=f"{stem}.png", mime="image/png",
                      key="designer_export_png", icon=":material/image:", on_click="ignore")
    c.download_button("SVG", lambda: render_svg(plan), file_name=f"{stem}.svg", mime="image/svg+xml",
                      key="designer_export_svg", icon=":material/draw:", on_click="ignore")


def _importer():
    try:
        return importlib.import_module("floorplans.importers").import_file
    except (ImportError, AttributeError):
        return None


def _run_importer(import_file, name: str, data: bytes) -> tuple[dict[str, Plan], object]:  # noqa: ANN001
    """Import uploaded bytes through floorplans.importers; a zip is unpacked first (a WRLD folder, an IMDF archive)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        if path.suffix.lower() == ".zip":
            path = _unpacked(path, Path(tmp) / "unpacked")
        result = import_file(path)
    return dict(result.levels), getattr(result, "report", None)


MAX_UNPACKED_BYTES = 500 * 2**20


def _unpacked(archive, into):  # noqa: ANN001, ANN202 - pathlib.Path in, Path out
    """The folder a zip unpacks to (its single top folder, if it has one); PlanError for a bad or huge zip."""
    import zipfile

    from floorplans.importers.report import import_error

    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX/")]
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise import_error("file-too-large", "the zip unpacks to more than 500 MB", archive.name)
            for member in members:
                target = (into / member.filename).resolve()
                if into.resolve() not in target.parents:  # a path that climbs out of the folder
                    raise import_error("import-failed", f"the zip holds an unsafe path {member.filename!r}", archive.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(member))
    except zipfile.BadZipFile as exc:
        raise import_error("import-failed", f"not a readable zip ({exc})", archive.name) from None
    entries = [e for e in into.iterdir()] if into.exists() else []
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return into


def _read_upload(import_file, name: str, data: bytes) -> tuple[dict[str, Plan], object]:  # noqa: ANN001
    """The levels and import report of an uploaded file (PlanError if it cannot be read)."""
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix in ("geojson", "json"):
        try:
            return {"(single level)": parse_plan(data)}, None
        except PlanError:
            if import_file is None:
                raise
    return _run_importer(import_file, name, data)  # another GeoJSON flavour (e.g. WRLD), DXF, IFC, a zip


IMPORT_CACHE_KEY = "designer_import_cache"


def import_panel(engine, project_id: int, author: str) -> int | None:  # noqa: ANN001
    """Upload a plan file, check it, pick a level, and save it as a new option; returns the new option id.

    An import (seconds for a DXF or IFC) runs once per uploaded file: its levels and report are kept
    for the session, so choosing a level, renaming or saving does not import again.
    """
    import hashlib

    import_file = _importer()
    types = ["geojson", "json"] + (["dxf", "ifc", "zip"] if import_file else [])
    upload = st.file_uploader("Plan file", type=types, key="designer_import_file",
                              help="The GeoJSON exchange format" + (
                                  "; DXF, IFC, indoor GeoJSON (WRLD, IMDF), FloorspaceJS; a whole WRLD building "
                                  "or IMDF archive as one zip" if import_file else ""))
    if upload is None:
        return None
    data = upload.getvalue()
    digest = (upload.name, hashlib.sha256(data).hexdigest())
    cached = st.session_state.get(IMPORT_CACHE_KEY)
    if cached is not None and cached[0] == digest:
        levels, report, failure = cached[1]
    else:
        levels, report, failure = {}, None, None
        try:
            with st.spinner(f"Reading {upload.name}…"):
                levels, report = _read_upload(import_file, upload.name, data)
        except PlanError as exc:
            failure = ("problems", exc.problems)
        except Exception as exc:  # noqa: BLE001 - an importer's own error: show it, never a traceback
            failure = ("error", f"{upload.name} could not be imported: {exc}")
        st.session_state[IMPORT_CACHE_KEY] = (digest, (levels, report, failure))
    if failure is not None:
        kind, what = failure
        if kind == "problems":
            problem_list(what, f"{upload.name} is not a plan this tool can read:")
        else:
            st.error(what)
        return None
    if not levels:
        st.error(f"{upload.name} holds no floor level with rooms.")
        return None
    level = st.selectbox("Level", list(levels), key="designer_import_level") if len(levels) > 1 else next(iter(levels))
    plan = levels[level]
    if report is not None:
        with st.expander("Import report", expanded=True):
            text = report.to_text() if hasattr(report, "to_text") else str(report)
            st.code(text, language=None)
    problems = validate_plan(plan)
    st.caption(f"{len(plan.rooms)} rooms, {len(plan.doors)} doors, {plan.floor_area:,.0f} m²")
    if errors_only(problems):
        problem_list(errors_only(problems), "This plan has problems; fix them in the file and upload it again:")
        return None
    figures = analysis.overall(plan, "br18")
    if figures is not None:
        st.caption(f"Scores of this level (BR18): calmness {figures[0]:.0f} / 100, "
                   f"accessibility {figures[1]:.0f} / 100")
    warnings = [p for p in problems if p.severity == "warning"]
    if warnings:
        st.warning("\n".join(f"- **{p.feature_id or 'plan'}**: {p.message}" for p in warnings[:8])
                   + (f"\n- … and {len(warnings) - 8} more" if len(warnings) > 8 else ""))
    name = st.text_input("Name of the new option", value=(plan.name or upload.name)[:80], key="designer_import_name")
    if st.button("Save as new option", key="designer_import_save", icon=":material/save:"):
        from input_forms.errors import InputError
        from input_forms.projects import add_option

        try:
            option = add_option(engine, project_id, name, dumps_plan(plan), author=author, notes=f"imported from {upload.name}")
        except InputError as exc:
            st.error(str(exc))
            return None
        return option.id
    return None
