"""The results page in AppTest: figures from the storage layer, small groups hidden, exports offered."""

from __future__ import annotations

from input_forms import comments
from input_forms.feedback import submit_feedback
from input_forms.kiosks import register_kiosk
from input_forms.publication import hidden_text, publish
from input_forms.voting import close_round, current_round
from tests.planner.app.fixtures import all_text, make_world, signed_in


def open_tab(at, name: str):
    at.session_state["results_tab"] = name
    at.run()
    assert not at.exception, at.exception
    return at


def test_headline_figures_match_the_stored_feedback(demo):
    at = signed_in(demo.users["facilitator"])
    published = publish(demo.engine, demo.project.id)
    frame = published.entries
    metrics = {m.label: m.value for m in at.metric}
    assert 5 <= len(frame) and metrics["Kiosk answers shown"] == str(len(frame))  # published answers only
    assert metrics["Mean rating (1-5)"] == f"{frame['rating'].astype(float).mean():.2f}"
    assert metrics["Texts waiting for moderation"] != "0"  # the demo leaves some pending


def test_a_kiosk_with_few_answers_shows_too_few_instead_of_figures(demo):
    kiosk = register_kiosk(demo.engine, demo.project.id, "Trappen")
    for n in range(2):
        submit_feedback(demo.engine, {"client_id": f"small-group-{n}", "kiosk_token": kiosk.token, "rating": 1},
                        min_gap_s=0)
    at = open_tab(signed_in(demo.users["facilitator"]), "Per kiosk and plan")
    table = at.dataframe[0].value
    row = table[table["Kiosk"] == "Trappen"].iloc[0]
    # no count (it used to say 2), no None: the words stand in every figure
    assert list(row[["Answers", "Mean rating", "Share 4-5", "Rated 1"]]) == [hidden_text(5)] * 4
    big = table[table["Kiosk"] == "Reception, stueetage"].iloc[0]
    assert int(big["Answers"]) >= 5 and float(big["Mean rating"]) > 0


def test_every_tab_draws_without_error(demo):
    at = signed_in(demo.users["facilitator"])
    for name in ["Over time", "Calmer", "Pins on the plans", "Survey before/after", "Voting", "Citizen comments",
                 "Staff comments", "Export"]:
        open_tab(at, name)
    assert at.get("download_button")


def test_pins_tab_shows_the_plan_picture_with_a_png_download(demo):
    at = open_tab(signed_in(demo.users["facilitator"]), "Pins on the plans")
    assert at.get("image")
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["PNG of this plan with its pins"]


def test_survey_tab_shows_means_with_confidence_intervals(demo):
    at = open_tab(signed_in(demo.users["facilitator"]), "Survey before/after")
    table = at.dataframe[0].value
    shown = table[table["Mean"] != hidden_text(5)]
    assert not shown.empty
    low, mean, high = (shown[c].astype(float) for c in ("95 % CI low", "Mean", "95 % CI high"))
    assert (low <= mean).all() and (mean <= high).all()
    assert set(table["Phase"]) == {"baseline", "after"}


def test_voting_results_appear_only_for_closed_rounds(demo):
    at = open_tab(signed_in(demo.users["facilitator"]), "Voting")
    text = all_text(at)
    assert "Results are shown when the round is closed" in text
    assert text.count("Winner:") == 2  # the demo's closed decisive and trial rounds
    assert "Option A (v1) (newer: v2)" in text  # the decisive round voted on version 1
    close_round(demo.engine, current_round(demo.engine, demo.project.id).id)
    at.run()
    text = all_text(at)
    assert text.count("Winner:") == 2 and "Closed without any ballots." in text


def test_a_round_with_few_ballots_shows_no_count_until_the_winner_is_published(tmp_path, monkeypatch):
    from input_forms.voting import cast_ballot, open_round

    world = make_world(tmp_path, monkeypatch)
    rnd = open_round(world.engine, world.project.id, [o.id for o in world.options], title="Few")
    for name in ("staff1", "staff2"):
        cast_ballot(world.engine, rnd.id, world.users[name].id, [[world.options[2].id]])
    close_round(world.engine, rnd.id)
    at = open_tab(signed_in(world.users["facilitator"]), "Voting")
    text = all_text(at)
    assert "The round closed with fewer than 5 ballots." in text and "Winner" not in text and not at.dataframe
    at.button(key=f"results_publish_{rnd.id}").click().run()
    assert not at.exception, at.exception
    text = all_text(at)
    assert f"Winner (published): {world.options[2].name}" in text and "2 ballots" not in text


def test_export_tab_offers_csv_and_json(demo):
    at = open_tab(signed_in(demo.users["facilitator"]), "Export")
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Feedback (CSV)", "Project results (JSON)"]



def _add_staff_comments(demo):
    """On top of the demo's comments: one taken, two declined with reasons (one author showing the name)."""
    by_name = {o.name: o for o in demo.options}
    option_a, option_b = by_name["Option A"], by_name["Option B"]
    staff1, staff2, designer = demo.users["staff1"], demo.users["staff2"], demo.users["designer"]
    room_a, room_b = option_a.plan().rooms[0].id, option_b.plan().rooms[0].id
    hidden = comments.add_comment(demo.engine, staff1, {"option_id": option_a.id, "category": "problem",
                                                        "feature_id": room_a, "text": "Samtaler kan høres herfra"})
    taken = comments.add_comment(demo.engine, staff1, {"option_id": option_a.id, "category": "idea",
                                                       "feature_id": room_a, "text": "Flere planter her"})
    named = comments.add_comment(demo.engine, staff2, {"option_id": option_b.id, "category": "question",
                                                       "feature_id": room_b, "text": "Hvor står barnevognene?",
                                                       "show_name": True})
    comments.answer_comment(demo.engine, taken.id, designer, "taken")
    comments.answer_comment(demo.engine, hidden.id, designer, "declined", "Bærende væg: en lyddør i stedet")
    comments.answer_comment(demo.engine, named.id, designer, "declined", "I garderoben, som i dag")
    return hidden, named


def test_staff_comments_tab_says_so_when_there_are_none(tmp_path, monkeypatch):
    world = make_world(tmp_path, monkeypatch, samples=("baseline",))
    at = open_tab(signed_in(world.users["facilitator"]), "Staff comments")
    assert any(i.value.startswith("No staff comments yet") for i in at.info)
    assert not at.dataframe


def test_staff_comments_tab_counts_answers_and_lists_declined_reasons(demo):
    hidden, named = _add_staff_comments(demo)
    stored = comments.list_comments(demo.engine, project_id=demo.project.id)
    at = open_tab(signed_in(demo.users["facilitator"]), "Staff comments")
    text = all_text(at)
    counts, declined = (d.value for d in at.dataframe)
    # one sentence per option with comments, its figures counted from the stored comments
    for option in demo.options:
        mine = [c for c in stored if c.option_id == option.id]
        if not mine:
            assert f"{option.name}:" not in text
            continue
        n, taken, declined_n = len(mine), sum(c.status == "taken" for c in mine), sum(c.status == "declined" for c in mine)
        assert (f"{option.name}: {n} comment{'' if n == 1 else 's'}, {taken + declined_n} answered "
                f"({taken} taken, {declined_n} declined)") in text
        total = counts[(counts["Option"] == option.name) & (counts["Category"] == "All")].iloc[0]
        assert (total["Comments"], total["Open"], total["Taken"], total["Declined"]) == (
            n, n - taken - declined_n, taken, declined_n)
        assert total["Share taken"] == round(taken / n, 3) and total["Share declined"] == round(declined_n / n, 3)
        for category in {c.category for c in mine}:
            row = counts[(counts["Option"] == option.name) & (counts["Category"] == category.title())].iloc[0]
            assert row["Comments"] == sum(c.category == category for c in mine)
    # the shares are formatted as percentages on screen (the values stay 0..1 for sorting)
    assert str(at.dataframe[0].proto).count("percent") == 2
    # every declined comment, with its option, version, reason and author as others may see them
    expected = comments.declined_comments(demo.engine, demo.project.id)
    assert list(declined["Comment"]) == [c.text for c in expected]
    assert list(declined["Reason"]) == [c.reason for c in expected]
    rows = declined.set_index("Comment")
    assert rows.loc[hidden.text, "Reason"] == "Bærende væg: en lyddør i stedet"
    assert rows.loc[hidden.text, "Option"] == "Option A"
    assert rows.loc[hidden.text, "Category"] == "Problem"
    assert rows.loc[hidden.text, "Made on version"] == hidden.option_version
    assert rows.loc[named.text, "Reason"] == "I garderoben, som i dag"
    assert "Flere planter her" not in set(declined["Comment"])  # taken: counted, not listed
    # the name only where the author chose to show it
    staff1, staff2 = demo.users["staff1"], demo.users["staff2"]
    assert rows.loc[hidden.text, "By"] == staff1.staff_title
    assert rows.loc[named.text, "By"] == f"{staff2.display_name} ({staff2.staff_title})"
    on_screen = text + declined.to_csv() + counts.to_csv()
    shown_names = {c.author_name for c in expected if c.author_name}
    for user in demo.users.values():
        if user.role == "staff" and user.display_name and user.display_name not in shown_names:
            assert user.display_name not in on_screen, user.username
            assert user.username not in on_screen


def test_export_tab_builds_the_committee_report_as_html_and_pdf(demo):
    at = open_tab(signed_in(demo.users["facilitator"], timeout=300), "Export")  # scoring and PDF: slow on a busy machine
    assert [d.proto.label for d in at.get("download_button")] == ["Feedback (CSV)", "Project results (JSON)"]
    at.selectbox(key="results_report_lang").set_value("en")
    at.button(key="results_report_build").click().run()
    assert not at.exception, at.exception
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels[-2:] == ["Report (HTML)", "Report (PDF)"]
    [built] = at.session_state["results_report"].values()
    html, pdf, problem, summary = built
    assert problem is None and pdf.startswith(b"%PDF")
    text = html.decode("utf-8")
    assert demo.project.name in text and all(o.name in text for o in demo.options)
    assert '<html lang="en"' in text
    # trial rounds are left out by default; the summary and the preview speak of the decisive round
    assert "Prøverunde" not in text and "Vælg den nye indretning" in text
    assert any("In the decisive vote (“Vælg den nye indretning”, 6 ballots) staff chose Option A (version 1)." == line
               for line in summary)
    assert "Preview: the summary" in all_text(at)


def test_the_facilitator_chooses_rounds_and_sections_of_the_report(demo):
    from input_forms.voting import list_rounds

    trial = next(r for r in list_rounds(demo.engine, demo.project.id) if r.is_trial and not r.is_open)
    at = open_tab(signed_in(demo.users["facilitator"], timeout=300), "Export")
    at.multiselect(key="results_report_rounds").set_value([trial.id]).run()
    at.selectbox(key="results_report_decisive").set_value(trial.id)
    at.multiselect(key="results_report_sections").set_value(["vote"])
    at.selectbox(key="results_report_lang").set_value("en")
    at.button(key="results_report_build").click().run()
    assert not at.exception, at.exception
    [built] = at.session_state["results_report"].values()
    text = built[0].decode("utf-8")
    assert "Prøverunde" in text and "Vælg den nye indretning" not in text and 'id="options"' not in text
    assert any("(“Prøverunde”, 5 ballots) staff chose Option C (version 1)" in line for line in built[3])


def test_the_issue_s_differencing_attack_finds_nothing_on_the_page(tmp_path, monkeypatch):
    """10 answers at kiosk A and 1 at kiosk B on the same plan: the page's tables cannot be subtracted to find B's."""
    from datetime import UTC, datetime

    world = make_world(tmp_path, monkeypatch, samples=("baseline",))
    [option] = world.options
    kiosk_a = register_kiosk(world.engine, world.project.id, "Kiosk A", option_id=option.id)
    kiosk_b = register_kiosk(world.engine, world.project.id, "Kiosk B", option_id=option.id)
    when = datetime(2026, 3, 3, 10, tzinfo=UTC)
    for n in range(10):
        submit_feedback(world.engine, {"client_id": f"attack-a-{n}", "kiosk_token": kiosk_a.token, "rating": 4},
                        now=when, min_gap_s=0)
    submit_feedback(world.engine, {"client_id": "attack-b-0", "kiosk_token": kiosk_b.token, "rating": 1},
                    now=when, min_gap_s=0)
    at = signed_in(world.users["facilitator"])
    assert {m.label: m.value for m in at.metric}["Kiosk answers shown"] == "10"  # not 11
    at = open_tab(at, "Per kiosk and plan")
    by_kiosk, by_option, by_language = (d.value for d in at.dataframe)
    a, b = (by_kiosk[by_kiosk["Kiosk"] == label].iloc[0] for label in ("Kiosk A", "Kiosk B"))
    plan = by_option[by_option["Plan"] == option.name].iloc[0]
    faces = [f"Rated {v}" for v in range(1, 6)]
    assert [int(plan[f]) - int(a[f]) for f in faces] == [0, 0, 0, 0, 0]  # was [1, 0, 0, 0, 0]: B's rating
    assert set(b[["Answers", "Mean rating", *faces]]) == {hidden_text(5)}
    assert by_language[by_language["Language"] == "da"].iloc[0]["Answers"] == "10"
