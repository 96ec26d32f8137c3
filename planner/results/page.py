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
from input_forms.voting import METHODS, list_rounds, publish_winner, round_options, round_outcome
from planner.comments.logic import CATEGORY_LABELS
from planner.common.page import page
from planner.common.plain import md_escape
from planner.common.plan_picture import plan_alt

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


#: The page's sections: a menu that wraps on a narrow screen (tabs ran off a 1366 px screen and hid Export).
SECTION_NAMES = ["Over time", "Per kiosk and plan", "Calmer", "Pins on the plans", "Survey before/after", "Voting",
                 "Citizen comments", "Staff comments", "Export"]
section = st.pills("Section", SECTION_NAMES, default="Over time", key="results_tab", label_visibility="collapsed") \
    or "Over time"

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


def pins_alt(option, points: pd.DataFrame) -> str:
    """The pin picture's text alternative: the plan, and the published pins by category (none when hidden)."""
    if points.attrs["suppressed"]:
        shows = "no pins: too few on this plan to show them without someone being recognised"
    else:
        by_category = ", ".join(f"{n} {category}{'s' if category == 'idea' and n != 1 else ''}" for category, n in published.category_counts(option.id).items() if n)
        shows = f"{points.attrs['n']} citizens' pins ({by_category or 'none'}) and their density as a shaded field"
    return plan_alt(option.plan(), shows=shows, name=option.name)


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
    st.image(png, width="stretch", alt=pins_alt(option, points))
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
    st.caption(f"Secret ballot: a round's count, margins and winners by method are shown only when it has at least "
               f"{project.min_ballots} ballots (set under Admin, never below 3).")
    for rnd in rounds:
        purpose = "trial round" if rnd.is_trial else "decisive round"
        st.subheader(f"{md_escape(rnd.title or f'Round {rnd.id}')} ({purpose})")
        on_ballot = round_options(engine, rnd.id)
        st.caption("Voted on: " + md_escape(", ".join(
            ro.option.label + (f" (newer: v{ro.latest_version})" if ro.newer_exists else "") for ro in on_ballot)))
        if rnd.is_open:
            st.info(f"Open: {rnd.n_ballots} ballot(s) so far. Results are shown when the round is closed.")
            continue
        try:
            outcome = round_outcome(engine, rnd.id)
        except InputError as exc:
            st.warning(str(exc))
            continue
        names = outcome.option_names
        result = outcome.result
        if result is None:
            st.info(outcome.hidden_sentence() + " No count is shown, so no ballot can be traced to a person.",
                    icon=":material/lock:")
            if outcome.winners:
                st.success(md_escape("Winner (published): " + " and ".join(names[w] for w in outcome.winners)))
            else:
                with st.popover("Publish the winner", icon=":material/campaign:"):
                    st.write("Only the winner is shown (on the Vote page, here and in the report); the count stays "
                             "hidden. With very few ballots even the winner may say how someone voted.")
                    if st.button("Publish the winner", key=f"results_publish_{rnd.id}", type="primary"):
                        publish_winner(engine, rnd.id)
                        st.rerun()
            continue
        if not result.n_ballots:
            st.info("Closed without any ballots.")
            continue
        st.success(md_escape("Winner: " + " and ".join(names.get(w, str(w)) for w in result.winners)
                             + f" ({result.n_ballots} ballots)"))
        for sentence in result.explanation:
            st.markdown(md_escape(sentence))
        st.dataframe(pd.DataFrame([{"method": METHODS.get(m, m), "winner(s)": ", ".join(names.get(w, str(w)) for w in ws)}
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
             "out of the rows just as of the tables, and a vote's count only from the project's minimum number of "
             "ballots. Spreadsheet formulas in texts are neutralised.")
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


REPORT_KEY = "results_report"  # (project id, choice) -> (html bytes, pdf bytes or None, error or None)
SECTION_TITLES = {"options": "The options", "comparison": "Options side by side", "vote": "The staff vote",
                  "comments": "Staff comments", "feedback": "Citizens' feedback", "survey": "Survey before/after",
                  "method": "Method"}


def _report_choice() -> tuple:
    """The facilitator's choices from the builder's widgets, as a hashable key."""
    return (st.session_state.get("results_report_lang") or "da", st.session_state.get("results_report_profile") or "br18",
            tuple(st.session_state.get("results_report_rounds") or ()), st.session_state.get("results_report_decisive"),
            tuple(st.session_state.get("results_report_options") or ()), tuple(st.session_state.get("results_report_sections") or ()))


def _build_report(project_id: int) -> None:
    """Read the project once and render it as HTML and PDF (a button callback: seconds of work, done on request)."""
    from planner.report import ReportRenderError, collect_report, render_html, render_pdf
    from planner.report.model import ReportChoice

    key = _report_choice()
    lang, profile, rounds, decisive, option_ids, sections = key
    choice = ReportChoice(rounds=rounds, decisive=decisive, options=option_ids, sections=sections)
    try:
        data = collect_report(engine, project_id, lang=lang, profile=profile, choice=choice)
    except (InputError, ValueError) as exc:
        st.session_state[REPORT_KEY] = {(project_id, key): (None, None, str(exc), [])}
        return
    html = render_html(data).encode("utf-8")
    try:
        pdf, problem = render_pdf(data), None
    except ReportRenderError as exc:
        pdf, problem = None, str(exc)
    st.session_state[REPORT_KEY] = {(project_id, key): (html, pdf, problem, data.summary)}


def show_report_builder() -> None:
    """The committee report (python -m planner.report): the facilitator picks rounds, options and sections."""
    from planner.report.votes import default_decisive, default_rounds
    from scoring.profiles import PROFILES

    st.subheader("Report for the committee")
    st.caption("Choose what goes in: the voting rounds (trial rounds are left out unless you add them), which of "
               "them is the decisive vote, the options and the sections. The summary speaks of the decisive round. "
               "Self-contained HTML for the website, PDF for print; a preview shows below once built.")
    rounds = list_rounds(engine, project.id)
    by_id = {r.id: r for r in rounds}

    def round_label(i: int) -> str:
        r = by_id[i]
        return f"{r.title or f'Round {r.id}'} ({'trial' if r.is_trial else 'decisive'}, {r.status})"

    cols = st.columns(2)
    chosen = cols[0].multiselect("Voting rounds", list(by_id), default=default_rounds(sorted(rounds, key=lambda r: r.id)),
                                 format_func=round_label, key="results_report_rounds")
    candidates = [i for i in chosen if not by_id[i].is_open]
    suggested = default_decisive([by_id[i] for i in chosen])
    cols[1].selectbox("Decisive round (the summary speaks of it)", [None, *candidates],
                      index=([None, *candidates].index(suggested) if suggested in candidates else 0),
                      format_func=lambda i: "none" if i is None else round_label(i), key="results_report_decisive")
    by_option = {o.id: o for o in options}
    cols[0].multiselect("Options", list(by_option), default=list(by_option), format_func=lambda i: by_option[i].label,
                        key="results_report_options")
    cols[1].multiselect("Sections", list(SECTION_TITLES), default=list(SECTION_TITLES), format_func=SECTION_TITLES.get,
                        key="results_report_sections")
    cols = st.columns([1, 1, 2], vertical_alignment="bottom")
    lang = cols[0].selectbox("Language", ["da", "en"], format_func={"da": "Dansk", "en": "English"}.get,
                             key="results_report_lang")
    cols[1].selectbox("Rule profile", list(PROFILES), key="results_report_profile")
    cols[2].button("Build the report", key="results_report_build", icon=":material/description:", type="primary",
                   on_click=_build_report, args=(project.id,))
    built = (st.session_state.get(REPORT_KEY) or {}).get((project.id, _report_choice()))
    if built is None:
        return
    html, pdf, problem, summary_lines = built
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
    with st.container(border=True, key="results_report_preview"):
        st.markdown("**Preview: the summary**\n\n" + "\n".join(f"- {md_escape(line)}" for line in summary_lines))
        with st.expander("The whole report"):
            st.components.v1.html(html.decode("utf-8"), height=700, scrolling=True)


SECTIONS = {"Over time": show_over_time, "Per kiosk and plan": show_per_kiosk, "Calmer": show_calmer_items,
            "Pins on the plans": show_pins_on_plans, "Survey before/after": show_survey, "Voting": show_voting,
            "Citizen comments": show_comments, "Staff comments": show_staff_comments, "Export": show_exports}
SECTIONS[section]()  # only the chosen section is computed (plan pictures are slow to draw)
