"""Results for the facilitator: kiosk feedback, pins over each plan, survey before/after, votes, staff comments.

Every citizen figure comes from input_forms.publication (one publication per project: a group of fewer than
MIN_GROUP answers reads "hidden (fewer than N)" and is left out of every other figure); votes and staff comments
from voting / comments. Citizen and staff text is drawn as plain text (dataframes, or md_escape in Markdown).
Exports: CSV, JSON, PNG.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import streamlit as st

from floorplans.drawing import render_png
from input_forms import aggregate, comments, publication
from input_forms.errors import InputError
from input_forms.export import export_feedback_csv, export_project_json
from input_forms.feedback import moderation_queue
from input_forms.projects import list_options
from input_forms.surveys import list_surveys
from input_forms.voting import list_rounds, round_results
from planner.comments.logic import CATEGORY_LABELS
from planner.common.page import page
from planner.common.plain import md_escape

ctx = page("Results", roles=("facilitator",))
engine, project = ctx.engine, ctx.project
published = publication.publish(engine, project.id)
HIDDEN = published.hidden
st.caption(
    f"{md_escape(project.name)}. A group of fewer than {published.min_group} answers (by plan, kiosk, language or week) is "
    f"shown as '{HIDDEN}' and left out of every other figure, the totals included, so no one can be recognised "
    "and no figure can be subtracted from another to find them. Within a group that is shown, how many chose "
    "each answer is shown even when it is 1 (the export lists shown answers one by one). Free texts appear only "
    "after moderation."
)

options = list_options(engine, project.id)
pending = len(moderation_queue(engine, project.id))

totals = published.display(published.totals, {"n": "answers", "mean_rating": "mean", "share_positive": "share"},
                           percent=("share_positive",)).iloc[0]
c1, c2, c3, c4 = st.columns(4)
c1.metric("Kiosk answers shown", totals["answers"])
c2.metric("Mean rating (1-5)", totals["mean"])
c3.metric("Rated 4 or 5", totals["share"])
c4.metric("Texts waiting for moderation", pending)
SUMMARY = {"n": "Answers", "mean_rating": "Mean rating", "share_positive": "Share 4-5",
           **{f"rating_{v}": f"Rated {v}" for v in range(1, 6)}}


tab_time, tab_kiosk, tab_items, tab_pins, tab_survey, tab_votes, tab_texts, tab_staff, tab_export = st.tabs(
    ["Over time", "Per kiosk and plan", "Calmer", "Pins on the plans", "Survey before/after", "Voting",
     "Citizen comments", "Staff comments", "Export"],
    key="results_tab", on_change="rerun",  # only the open tab is computed (plan pictures are slow to draw)
)

def show_over_time() -> None:
    over_time = published.by_period
    if over_time.empty:
        st.info("No kiosk answers to show yet.")
        return
    visible = over_time[~over_time["suppressed"]].astype({"n": float})
    bars = alt.Chart(visible).mark_bar(color="#B8C7E0").encode(
        x=alt.X("period:T", title="week"), y=alt.Y("n:Q", title="answers"), tooltip=["period:T", "n:Q", "mean_rating:Q"])
    line = alt.Chart(visible).mark_line(point=True, color="#0B4FD1").encode(
        x="period:T", y=alt.Y("mean_rating:Q", title="mean rating", scale=alt.Scale(domain=[1, 5])))
    st.altair_chart(alt.layer(bars, line).resolve_scale(y="independent"), width="stretch")
    st.dataframe(published.display(over_time, {"period": "Week from", "n": "Answers", "mean_rating": "Mean rating"}),
                 hide_index=True, width="stretch")


def show_per_kiosk() -> None:
    st.subheader("Per kiosk")
    st.dataframe(published.display(published.by_kiosk, {"kiosk_label": "Kiosk", **SUMMARY}, percent=("share_positive",)),
                 hide_index=True, width="stretch")
    st.subheader("Per plan shown at the kiosk")
    st.dataframe(published.display(published.by_option, {"option_name": "Plan", **SUMMARY}, percent=("share_positive",)),
                 hide_index=True, width="stretch")
    st.subheader("Per language")
    st.dataframe(published.display(published.by_language, {"language": "Language", **SUMMARY},
                                   percent=("share_positive",)), hide_index=True, width="stretch")


def show_calmer_items() -> None:
    st.subheader("What would make it calmer")
    shares = published.item_shares()
    if shares.empty or shares["suppressed"].all():
        st.info(f"Shown from {published.min_group} answers on ({HIDDEN} so far).")
    else:
        chart = alt.Chart(shares.astype({"n_choosing": float})).mark_bar(color="#0B4FD1").encode(
            x=alt.X("share:Q", title="share of answers", axis=alt.Axis(format="%")),
            y=alt.Y("label_en:N", sort="-x", title=None), tooltip=["label_en", "label_da", "n_choosing", "share"])
        st.altair_chart(chart, width="stretch")
    st.dataframe(published.display(shares, {"label_en": "Item", "label_da": "Danish", "n_choosing": "Chosen by",
                                            "share": "Share", "criterion": "Scoring criterion"}, percent=("share",)),
                 hide_index=True, width="stretch")
    weights = published.suggested_weights()
    if weights:
        st.caption("Suggested scoring weights from these answers: "
                   + ", ".join(f"{k} {v:g}" for k, v in sorted(weights.items(), key=lambda kv: -kv[1])))


@st.cache_data(max_entries=32, show_spinner=False)
def pin_png(plan_geojson: str, xs: tuple, ys: tuple, values: tuple, points: tuple, title: str) -> bytes:
    """The plan with its pin density and pins (cached by plan text and the figures drawn)."""
    from floorplans import parse_plan

    heat = (list(xs), list(ys), list(values)) if xs else None
    return render_png(parse_plan(plan_geojson), dpi=110, heat=heat, heat_label="pins per m²",
                      points=list(points) or None, title=title, legend=False)


def show_pins_on_plans() -> None:
    st.caption("Where citizens dropped a pin: green calm, red stressful, blue an idea. The shaded field is the "
               "pin density (pins per m²).")
    if not options:
        st.info("No layout options yet.")
        return
    by_id = {o.id: o for o in options}
    chosen = st.segmented_control("Plan", list(by_id), format_func=lambda i: by_id[i].name, default=options[0].id,
                                  required=True, key="results_pin_plan")
    option = by_id[chosen]
    points = published.pins(option.id)
    xs, ys, values = aggregate.pin_density(points, option.plan())
    if points.attrs["suppressed"]:
        st.caption(f"Pins on this plan: {HIDDEN}.")
    title = option.name if points.attrs["suppressed"] else f"{option.name}: {points.attrs['n']} pins"
    png = pin_png(option.plan_geojson, tuple(xs), tuple(ys), tuple(values),
                  tuple(points.itertuples(index=False, name=None)), title)
    st.image(png, width="stretch")
    st.download_button("PNG of this plan with its pins", png, file_name=f"pins_{option.id}.png",
                       mime="image/png", key=f"results_png_{option.id}", icon=":material/download:")


def show_survey() -> None:
    surveys = list_surveys(engine, project.id)
    if not surveys:
        st.info("No survey yet (create one under Admin).")
    for survey in surveys:
        st.subheader(md_escape(survey.title))
        table = publication.survey_table(engine, survey.id)
        visible = table.dropna(subset=["mean"]).astype({"n": float})
        if not visible.empty:
            base = alt.Chart(visible).encode(
                y=alt.Y("item:N", title=None),
                yOffset=alt.YOffset("phase:N", sort=["baseline", "after"]),
                color=alt.Color("phase:N", sort=["baseline", "after"], scale=alt.Scale(range=["#999999", "#0B4FD1"])))
            chart = base.mark_rule(strokeWidth=3).encode(
                x=alt.X("ci_low:Q", title="mean (1-5) with 95 % confidence interval", scale=alt.Scale(domain=[1, 5])),
                x2="ci_high:Q") + base.mark_point(filled=True, size=90).encode(x="mean:Q", tooltip=["item", "phase", "n", "mean", "ci_low", "ci_high"])
            st.altair_chart(chart, width="stretch")
        st.dataframe(published.display(table, {"item": "Item", "phase": "Phase", "n": "Answers", "mean": "Mean",
                                               "ci_low": "95 % CI low", "ci_high": "95 % CI high"}),
                     hide_index=True, width="stretch")

def show_voting() -> None:
    rounds = list_rounds(engine, project.id)
    if not rounds:
        st.info("No voting round yet (open one under Admin).")
    for rnd in rounds:
        st.subheader(md_escape(rnd.title or f"Round {rnd.id}"))
        if rnd.is_open:
            st.info(f"Open: {rnd.n_ballots} ballot(s) so far. Results are shown when the round is closed.")
            continue
        try:
            result = round_results(engine, rnd.id)
        except InputError as exc:
            st.warning(str(exc))
            continue
        names = result.option_names
        st.success(md_escape("Winner: " + " and ".join(names.get(w, str(w)) for w in result.winners)
                             + f" ({result.n_ballots} ballots)"))
        for sentence in result.explanation:
            st.markdown(md_escape(sentence))
        st.dataframe(pd.DataFrame([{"method": m, "winner(s)": ", ".join(names.get(w, str(w)) for w in ws)}
                                   for m, ws in result.method_winners.items()]), hide_index=True)

def show_comments() -> None:
    texts = published.approved_texts()
    if texts.empty:
        st.info("No approved comments to show yet. New comments wait in Moderation; approved ones show here "
                f"once their groups are large enough ({published.min_group} answers).")
    else:
        st.dataframe(texts[["text", "rating", "language", "kiosk_label", "option_name"]].rename(columns={
            "text": "Comment", "rating": "Rating", "language": "Language", "kiosk_label": "Kiosk", "option_name": "Plan"}),
            hide_index=True, width="stretch")


COMMENT_CATEGORIES = {**CATEGORY_LABELS, "all": "All"}


def comment_sentence(row: dict) -> str:
    """'Option A: 5 comments, 3 answered (2 taken, 1 declined)' from an 'all' row of comments.comment_counts."""
    n, taken, declined = int(row["n"]), int(row["taken"]), int(row["declined"])
    return (f"{row['option']}: {n} comment{'' if n == 1 else 's'}, {taken + declined} answered "
            f"({taken} taken, {declined} declined)")


def show_staff_comments() -> None:
    counts = comments.comment_counts(engine, project.id)
    if counts.empty:
        st.info("No staff comments yet. Staff pin comments on the plans (page Comments); the designer answers "
                "them in the Designer workspace (taken into the plan, or declined with a reason).")
        return
    st.caption("Comments staff pinned on the plans, and how the designer answered them. Authors are shown by "
               "their role; a name only where the author chose to show it.")
    for row in counts[counts["category"] == "all"].to_dict("records"):
        st.markdown(md_escape(comment_sentence(row)))
    table = counts.assign(category=counts["category"].map(COMMENT_CATEGORIES))
    st.dataframe(table[["option", "category", "n", "open", "taken", "declined", "taken_share", "declined_share"]].rename(columns={"option": "Option", "category": "Category", "n": "Comments", "open": "Open",
                               "taken": "Taken", "declined": "Declined", "taken_share": "Share taken",
                               "declined_share": "Share declined"}),
                 hide_index=True, width="stretch",
                 column_config={"Share taken": st.column_config.NumberColumn(format="percent"),
                                "Share declined": st.column_config.NumberColumn(format="percent")})
    st.subheader("Declined comments and the reasons")
    declined = comments.declined_comments(engine, project.id)
    if not declined:
        st.info("No comment has been declined.")
        return
    names = dict(zip(counts["option_id"], counts["option"], strict=True))
    st.dataframe(pd.DataFrame([{"Option": names.get(c.option_id, f"Option {c.option_id}"),
                                "Category": COMMENT_CATEGORIES.get(c.category, c.category), "Comment": c.text,
                                "By": c.shown_as, "Made on version": c.option_version, "Reason": c.reason}
                               for c in declined]),
                 hide_index=True, width="stretch")


def show_exports() -> None:
    st.write("Exports hold only what is publishable: no pending or rejected text; entries in hidden groups are left "
             "out of the rows just as of the tables. Spreadsheet formulas in texts are neutralised.")
    try:
        csv_text = export_feedback_csv(engine, project.id)
        json_text = json.dumps(export_project_json(engine, project.id), ensure_ascii=False, indent=2, default=str)
    except InputError as exc:
        st.warning(str(exc))
    else:
        st.download_button("Feedback (CSV)", csv_text.encode("utf-8"), file_name=f"feedback_project_{project.id}.csv",
                           mime="text/csv", key="results_csv", icon=":material/download:")
        st.download_button("Project results (JSON)", json_text.encode("utf-8"),
                           file_name=f"project_{project.id}.json", mime="application/json", key="results_json",
                           icon=":material/download:")
        st.caption("PNG of each plan with its pins: under 'Pins on the plans', one plan at a time.")
    show_report_builder()


REPORT_KEY = "results_report"  # (project id, language, profile) -> (html bytes, pdf bytes or None, error or None)


def _build_report(project_id: int) -> None:
    """Read the project once and render it as HTML and PDF (a button callback: seconds of work, done on request)."""
    from planner.report import ReportRenderError, collect_report, render_html, render_pdf

    lang = st.session_state.get("results_report_lang") or "da"
    profile = st.session_state.get("results_report_profile") or "br18"
    try:
        data = collect_report(engine, project_id, lang=lang, profile=profile)
    except (InputError, ValueError) as exc:
        st.session_state[REPORT_KEY] = {(project_id, lang, profile): (None, None, str(exc))}
        return
    html = render_html(data).encode("utf-8")
    try:
        pdf, problem = render_pdf(data), None
    except ReportRenderError as exc:
        pdf, problem = None, str(exc)
    st.session_state[REPORT_KEY] = {(project_id, lang, profile): (html, pdf, problem)}


def show_report_builder() -> None:
    """The committee report (python -m planner.report): options, scores, vote, feedback, survey, method."""
    from scoring.profiles import PROFILES

    st.subheader("Report for the committee")
    st.caption("Every option drawn with its scores and failing findings pointed out, the comparison, the vote "
               "with its margins, kiosk feedback (approved text only, small groups suppressed), the survey, staff "
               "comments and the method. Self-contained HTML for the website, PDF for print.")
    cols = st.columns([1, 1, 2], vertical_alignment="bottom")
    lang = cols[0].selectbox("Language", ["da", "en"], format_func={"da": "Dansk", "en": "English"}.get,
                             key="results_report_lang")
    profile = cols[1].selectbox("Rule profile", list(PROFILES), key="results_report_profile")
    cols[2].button("Build the report", key="results_report_build", icon=":material/description:",
                   on_click=_build_report, args=(project.id,))
    built = (st.session_state.get(REPORT_KEY) or {}).get((project.id, lang, profile))
    if built is None:
        return
    html, pdf, problem = built
    if html is None:
        st.error(f"The report could not be built: {problem}")
        return
    name = f"report_project_{project.id}_{lang}"
    st.download_button("Report (HTML)", html, file_name=f"{name}.html", mime="text/html", key="results_report_html",
                       icon=":material/download:")
    if pdf is not None:
        st.download_button("Report (PDF)", pdf, file_name=f"{name}.pdf", mime="application/pdf",
                           key="results_report_pdf", icon=":material/download:")
    else:
        st.error(f"The PDF could not be laid out ({problem}); the HTML report is complete.")


for tab, show in [(tab_time, show_over_time), (tab_kiosk, show_per_kiosk), (tab_items, show_calmer_items),
                  (tab_pins, show_pins_on_plans), (tab_survey, show_survey), (tab_votes, show_voting),
                  (tab_texts, show_comments), (tab_staff, show_staff_comments), (tab_export, show_exports)]:
    if tab.open:
        with tab:
            show()
