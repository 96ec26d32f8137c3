"""Plans: the sample plans drawn, and any plan file checked and drawn before it is used.

A thin page: reading, validation and drawing live in floorplans; a handed-in file is read and
validated in the bounded worker (planner.common.bounded), within its budget and time limit.
"""

from __future__ import annotations

import streamlit as st

from floorplans import errors_only, validate_plan
from floorplans.budgets import BudgetExceeded
from floorplans.drawing import render_png
from floorplans.intake import check_plan_file
from floorplans.samples import load_sample, sample_names
from planner.common.bounded import read_bounded
from planner.common.page import page
from planner.common.plain import md_escape
from planner.common.plan_picture import plan_alt

page("Plans", project="none",
     caption="The sample job centre and its redesign options, and a check for any plan file before it is used.")

tab_samples, tab_upload = st.tabs(["Sample plans", "Check a plan file"])

with tab_samples:
    names = sample_names()
    chosen = st.selectbox("Sample", names, key="plans_sample")
    plan = load_sample(chosen)
    problems = validate_plan(plan)
    left, right = st.columns([3, 1])
    with left:
        st.image(render_png(plan, dpi=110), caption=plan.name, alt=plan_alt(plan), width="stretch")
    with right:
        st.metric("Rooms", len(plan.rooms))
        st.metric("Floor area", f"{plan.floor_area:,.0f} m²")
        st.metric("Doors", len(plan.doors))
        st.metric("Plants", len(plan.plants))
        if errors_only(problems):
            st.error(f"{len(errors_only(problems))} problem(s) in this sample")
        else:
            st.success("Valid plan")

with tab_upload:
    upload = st.file_uploader("Plan file (GeoJSON exchange format)", type=["geojson", "json"], key="plans_upload")
    if upload is not None:
        intake, failure = read_bounded(check_plan_file, upload.name, upload.getvalue(), "plans_upload_read")
        if isinstance(failure, BudgetExceeded):  # over a limit: one line says which
            st.error(failure.one_line())
        elif failure is not None:
            st.error(f"{md_escape(upload.name)} is not a plan this tool can read:")
            st.dataframe([{"feature": p.feature_id or "(file)", "problem": p.message} for p in failure.problems],
                         hide_index=True, width="stretch")
        elif intake is not None:
            uploaded, found = next(iter(intake.levels.values())), next(iter(intake.problems.values()))
            if errors_only(found):
                st.error(f"{md_escape(upload.name)}: {len(errors_only(found))} problem(s) to fix before this plan can be used.")
            elif found:
                st.warning(f"{md_escape(upload.name)} is valid, with {len(found)} warning(s).")
            else:
                st.success(f"{md_escape(upload.name)} is a valid plan: {len(uploaded.rooms)} rooms, {uploaded.floor_area:,.0f} m².")
            if found:
                st.dataframe([{"feature": p.feature_id or "(plan)", "severity": p.severity, "problem": p.message}
                              for p in found], hide_index=True, width="stretch")
            highlight = [p.feature_id for p in found if p.feature_id]
            try:
                st.image(render_png(uploaded, dpi=110, highlight=highlight), caption=uploaded.name or upload.name,
                         alt=plan_alt(uploaded, name=uploaded.name or upload.name,
                                      shows=f"{len(highlight)} feature(s) with a problem outlined" if highlight else ""),
                         width="stretch")
            except (ValueError, TypeError) as exc:  # a plan too broken to draw
                st.info(f"The plan cannot be drawn until its problems are fixed ({exc}).")
