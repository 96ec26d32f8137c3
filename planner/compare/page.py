"""Compare 2 to 4 layout options: plans side by side, criterion by criterion, overall chart, citizen feedback.

Either the options' current versions, or the versions on a voting round's ballot (what staff voted on),
with "a newer version exists" where an option has changed since.

Thin: figures come from scoring (via planner.common.option_views), the marked table
from planner.compare.logic, feedback from input_forms.aggregate.
"""

from __future__ import annotations

import streamlit as st

from input_forms.projects import list_options
from input_forms.publication import publish
from input_forms.voting import list_rounds, round_options
from planner.common.option_views import option_scores, show_option_card
from planner.common.page import page
from planner.common.plain import md_escape
from planner.compare.logic import BEST_MARK, criteria_table, overall_frame
from scoring.profiles import profile_names

ctx = page("Compare options", roles=("designer", "facilitator", "staff"))
engine, project = ctx.engine, ctx.project
rounds = {r.id: r for r in list_rounds(engine, project.id)}
round_id = st.selectbox(
    "Versions", [None, *rounds], key="compare_round",
    format_func=lambda i: "Current versions" if i is None else
    f"As on the ballot of “{rounds[i].title or f'round {i}'}” ({'trial' if rounds[i].is_trial else 'decisive'} round)")
latest: dict[int, int] = {}
if round_id is None:
    options = list_options(engine, project.id)
else:
    on_ballot = round_options(engine, round_id)
    options = [ro.option for ro in on_ballot]
    latest = {ro.option.id: ro.latest_version for ro in on_ballot if ro.newer_exists}
if len(options) < 2:
    st.info("This project needs at least two layout options to compare. A designer can duplicate one on the Designer page.")
    st.stop()

by_id = {o.id: o for o in options}
picked = st.multiselect(
    "Options to compare (2 to 4)", list(by_id), default=list(by_id)[: min(3, len(by_id))], max_selections=4,
    format_func=lambda i: by_id[i].label, key="compare_options" if round_id is None else f"compare_options_{round_id}",
)
profile = st.selectbox("Rule profile", profile_names(), key="compare_profile")
if len(picked) < 2:
    st.warning("Choose at least two options.")
    st.stop()

chosen = [by_id[i] for i in picked]
cols = st.columns(len(chosen))
for col, option in zip(cols, chosen, strict=True):
    with col, st.container(border=True):
        st.markdown(f"**{md_escape(option.name)}**" + (" · today's layout" if option.is_baseline else ""))
        show_option_card(option, profile)
        if option.id in latest:
            st.caption(f"A newer version exists (v{latest[option.id]}); shown: v{option.version}, the one on the ballot.")

scores = {o.name: option_scores(o.id, o.version, o.plan_geojson, profile) for o in chosen}

st.subheader("Criterion by criterion")
st.caption(f"Scores 0–100 ({profile}); {BEST_MARK} marks the best value in each row.")
table = criteria_table(scores)
st.dataframe(table, hide_index=True, key="compare_table", width="stretch")

st.subheader("Overall figures")
st.bar_chart(overall_frame(scores), x="figure", y="value", color="option", stack=False, y_label="0–100", x_label="")

st.subheader("What citizens said at the kiosks")
published = publish(engine, project.id)
summary = published.by_option[published.by_option["option_id"].isin(picked)]
st.dataframe(published.display(summary, {"option_name": "option", "n": "answers", "mean_rating": "mean rating (1–5)",
                                         "share_positive": "share 4–5"}, percent=("share_positive",)),
             hide_index=True, key="compare_feedback")
st.caption(f"A group of fewer than {published.min_group} answers is shown as '{published.hidden}' and left out of "
           "every other figure too, to protect anonymity.")
