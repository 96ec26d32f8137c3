"""The designer page's panels: score list, problem list, the rooms, doors and windows tables, export.

Each panel is a function that draws one part of the page and returns what
the page needs from it (the features to highlight, say). Logic stays in
floorplans.editing, scoring and input_forms; the import panel is planner.designer.importing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from floorplans import Plan, RoomKind, dumps_plan
from floorplans.drawing import render_png, render_svg
from floorplans.editing import (
    EditResult,
    apply_doors_table,
    apply_rooms_table,
    apply_windows_table,
    doors_table,
    rooms_table,
    windows_table,
)
from floorplans.kinds import kind_label
from floorplans.model import AcousticFinish, View
from floorplans.problems import Problem
from planner.common.plain import md_escape
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


def score_figures(plan: Plan, previous: Plan | None, profile: str) -> None:
    """Calmness and accessibility with the change the last edit made, each only as wide as its figure.

    Drawn into the caller's (horizontal, wrapping) container: on a tablet they wrap rather than read "5…".
    """
    figures = analysis.overall(plan, profile)
    before = analysis.overall(previous, profile) if previous is not None else None
    for i, label in enumerate(("Calmness", "Accessibility")):
        st.metric(label, f"{figures[i]:.0f} / 100", delta=None if before is None else round(figures[i] - before[i], 1),
                  width="content")


def criteria_panel(plan: Plan, profile: str, key: str) -> tuple[list[str], dict | None]:
    """Every criterion as a table; returns the chosen finding's feature ids and its marks."""
    plausibility_panel(plan, profile)
    rows = analysis.score_rows(plan, profile)
    table = pd.DataFrame([
        {"area": r.area, "criterion": r.title, "score": round(r.score * 100) if r.applicable else None, "result": r.verdict,
         "why": r.detail,
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
        st.markdown(f"**{md_escape(chosen.title)}** — {md_escape(chosen.detail)}")  # room labels are staff text
        return list(chosen.where), chosen.geometry
    return [], None


def plausibility_panel(plan: Plan, profile: str) -> None:
    """The plan's probable slips, for as long as they stand (an edit's flash shows them only once)."""
    odd = analysis.plausibility_warnings(plan, profile)
    if odd:
        st.warning("**Check these figures.** Rooms too small or too large for their kind are left out of the scores; "
                   "sound ratings beyond built construction count at its limit.\n"
                   + "\n".join(f"- **{p.feature_id or 'plan'}**: {p.message}" for p in odd),
                   icon=":material/rule:")


_KINDS = [k.value for k in RoomKind]
_FINISHES = [f.value for f in AcousticFinish]


def _table_editor(engine: Engine, option_id: int, plan: Plan, author: str, what: str, rows: list[dict[str, Any]],
                  column_config: dict[str, Any], apply: Callable[[Plan, list[dict[str, Any]]], EditResult], *,
                  disabled: Sequence[str] = (), caption: str | None = None) -> None:
    """One feature table (``what``: rooms, doors, windows) as an editable grid; its Apply button runs the rows
    through floorplans.editing and commits the result as a new version."""
    edited = st.data_editor(pd.DataFrame(rows), key=f"designer_{what}_{option_id}_{state.rev()}", num_rows="dynamic",
                            hide_index=True, disabled=list(disabled), column_config=column_config)
    if caption:
        st.caption(caption)
    if st.button(f"Apply {what[:-1]} changes", key=f"designer_apply_{what}", icon=":material/done:"):
        records = edited.astype(object).where(pd.notna(edited), None).to_dict("records")
        state.commit(engine, option_id, apply(plan, records), author)
        state.rerun_workspace()


def rooms_editor(engine: Engine, option_id: int, plan: Plan, author: str) -> None:
    """The rooms as a table; the Apply button runs them through floorplans.editing."""
    _table_editor(engine, option_id, plan, author, "rooms", rooms_table(plan), {
            "kind": st.column_config.SelectboxColumn("kind", options=_KINDS, required=True, format_func=kind_label),
            "capacity": st.column_config.NumberColumn("capacity", min_value=0, step=1),
            "public": st.column_config.CheckboxColumn("public"),
            "height": st.column_config.NumberColumn("ceiling m", min_value=0.5, max_value=100.0, step=0.1, format="%.2f"),
            "acoustic_finish": st.column_config.SelectboxColumn("finish", options=_FINISHES,
                                                                help="hard, standard (class C ceiling) or absorbent (class A ceiling and wall panels)"),
            "wall_sound_rating": st.column_config.NumberColumn("walls R'w dB", min_value=0.0, max_value=100.0, step=1.0, format="%.0f"),
            **{c: st.column_config.NumberColumn(c, step=0.1, format="%.3f") for c in ("x0", "y0", "x1", "y1")},
            "coords": st.column_config.TextColumn("coords (x y; x y; …)", width="large"),
            "area": st.column_config.NumberColumn("area m²", format="%.1f"),
        }, apply_rooms_table, disabled=["area"],
        caption="Change x0–y1 to reshape a rectangle, or the coords for any polygon. Rows without an id are new rooms.")


def doors_editor(engine: Engine, option_id: int, plan: Plan, author: str) -> None:
    """The doors as a table; the Apply button runs them through floorplans.editing."""
    _table_editor(engine, option_id, plan, author, "doors", doors_table(plan), {
            **{c: st.column_config.NumberColumn(c, step=0.1, format="%.3f") for c in ("x1", "y1", "x2", "y2")},
            "clear_width": st.column_config.NumberColumn("clear width m", min_value=0.0, step=0.01, format="%.2f"),
            "threshold_mm": st.column_config.NumberColumn("threshold mm", min_value=0.0, step=1.0),
            "entrance": st.column_config.CheckboxColumn("entrance"),
            "automatic": st.column_config.CheckboxColumn("automatic"),
            "sound_rating": st.column_config.NumberColumn("sound Rw dB", min_value=0.0, max_value=100.0, step=1.0, format="%.0f"),
        }, apply_doors_table)


_VIEWS = [v.value for v in View]


def windows_editor(engine: Engine, option_id: int, plan: Plan, author: str) -> None:
    """The windows as a table (view, glass heights, light transmittance); Apply runs them through floorplans.editing."""
    _table_editor(engine, option_id, plan, author, "windows", windows_table(plan), {
            **{c: st.column_config.NumberColumn(c, step=0.1, format="%.3f") for c in ("x1", "y1", "x2", "y2")},
            "view": st.column_config.SelectboxColumn("view", options=_VIEWS, help="what the window looks onto (empty: not given)"),
            "sill": st.column_config.NumberColumn("sill m", min_value=0.0, max_value=100.0, step=0.05, format="%.2f",
                                                  help="height of the glass's lower edge above the floor"),
            "head": st.column_config.NumberColumn("head m", min_value=0.01, max_value=100.0, step=0.05, format="%.2f",
                                                  help="height of the glass's upper edge"),
            "light_transmittance": st.column_config.NumberColumn("light transmittance", min_value=0.01, max_value=1.0,
                                                                 step=0.01, format="%.2f"),
            "glass_area": st.column_config.NumberColumn("glass m²", format="%.2f", help="length × (head − sill)"),
        }, apply_windows_table, disabled=["glass_area"], caption="Windows sit on outside walls. Rows without an id are new windows.")


def export_panel(plan: Plan, option_name: str, version: int) -> None:
    """GeoJSON (the exchange format), PNG and SVG of the current plan."""
    stem = "".join(c if c.isalnum() else "_" for c in option_name.lower()).strip("_") or "plan"
    stem = f"{stem}_v{version}"
    a, b, c = st.columns(3)
    a.download_button("GeoJSON", dumps_plan(plan), file_name=f"{stem}.geojson", mime="application/geo+json",
                      key="designer_export_geojson", icon=":material/download:", on_click="ignore")
    b.download_button("PNG", lambda: render_png(plan, dpi=150), file_name=f"{stem}.png", mime="image/png",
                      key="designer_export_png", icon=":material/image:", on_click="ignore")
    c.download_button("SVG", lambda: render_svg(plan), file_name=f"{stem}.svg", mime="image/svg+xml",
                      key="designer_export_svg", icon=":material/draw:", on_click="ignore")
