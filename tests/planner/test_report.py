"""The facilitator's report on the seeded demo project: content, privacy (no rejected or pending text,
small groups suppressed), escaping, PDF output and the command line.

The demo database and the Danish and English reports are built once per module (seeding and
drawing take ~20 s); each test then checks one property of that real output.
"""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from markupsafe import escape

from input_forms import comments, feedback, projects, users, voting
from input_forms.demo import DEMO_NOW, TEXTS, seed_demo
from input_forms.projects import list_options, list_projects
from input_forms.tiny_plan import tiny_plan_geojson
from scoring.profiles import get_profile
from scoring.registry import all_criteria

REPO = Path(__file__).resolve().parents[2]
REJECTED = "Afvist <b>hemmelighed</b> fra test"
APPROVED = 'Godkendt <script>alert("x")</script> & tak for kaffe'
PENDING = "Ventende tekst som ingen har læst endnu"
#: Staff comments: (author, option, category, text, show_name, answer, reason)
STAFF_COMMENTS = [
    ("staff1", "Option A", "problem", "Samtalerummet ligger lige op ad ventesalen", False, "declined",
     "Bærende væg <kan ikke flyttes> & en lyddør i stedet"),
    ("staff1", "Option A", "idea", "Flere planter ved indgangen", False, "taken", ""),
    ("staff1", "Option A", "question", "Hvor skal barnevognene stå?", False, "open", ""),
    ("staff2", "Option B", "problem", "Skranken er for høj", True, "declined", "Skranken har allerede en lav del"),
]


def _entry(token: str, text: str, rating: int = 3) -> dict:
    return {"client_id": uuid.uuid4().hex, "kiosk_token": token, "rating": rating, "calmer": [], "text": text,
            "language": "da"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A seeded demo DB plus one rejected, one approved and one pending text of our own."""
    from input_forms.db import make_engine

    path = tmp_path_factory.mktemp("report") / "demo.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    assert seed_demo(engine) is True
    project = list_projects(engine)[0]
    # in a busy demo week: an entry in a week with fewer than 5 answers would be hidden, its approved text too
    rejected = feedback.submit_feedback(engine, _entry("demo-kiosk", REJECTED), now=DEMO_NOW - timedelta(days=3), min_gap_s=0)
    feedback.reject_text(engine, rejected.feedback_id)
    approved = feedback.submit_feedback(engine, _entry("demo-kiosk", APPROVED, rating=5), now=DEMO_NOW - timedelta(days=3), min_gap_s=0)
    feedback.approve_text(engine, approved.feedback_id)
    feedback.submit_feedback(engine, _entry("demo-kiosk", PENDING), now=DEMO_NOW - timedelta(days=3), min_gap_s=0)
    people = {u.username: u for u in users.list_users(engine)}
    by_name = {o.name: o for o in list_options(engine, project.id)}
    for author, option, category, text, show_name, answer, reason in STAFF_COMMENTS:
        room = by_name[option].plan().rooms[0].id
        made = comments.add_comment(engine, people[author], {"option_id": by_name[option].id, "category": category,
                                                             "feature_id": room, "text": text, "show_name": show_name})
        if answer != "open":
            comments.answer_comment(engine, made.id, people["designer"], answer, reason)
    yield engine, project, url
    engine.dispose()


@pytest.fixture(scope="module")
def report_da(demo):
    from planner.report import collect_report, render_html

    engine, project, _ = demo
    data = collect_report(engine, project.id, lang="da")
    return data, render_html(data)


@pytest.fixture(scope="module")
def report_en(demo):
    from planner.report import collect_report, render_html

    engine, project, _ = demo
    data = collect_report(engine, project.name, lang="en", profile="ada2010", dpi=30)
    return data, render_html(data)


def test_html_is_one_self_contained_document(report_da):
    data, html = report_da
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert '<html lang="da">' in html
    # no external resources: every picture is inline and there are no links to fetch
    assert not re.search(r'<(img|script|link)[^>]+(src|href)="(?!data:)', html)
    assert data.unavailable == []


def test_every_option_is_shown_with_its_scores_and_plan(demo, report_da):
    engine, project, _ = demo
    data, html = report_da
    options = list_options(engine, project.id)
    assert [o.name for o in data.options] == [o.name for o in options]
    for option, section in zip(options, data.options, strict=True):
        assert str(escape(option.name)) in html
        assert section.calmness is not None and section.accessibility is not None
        png = base64.b64decode(section.plan_png)
        assert png.startswith(b"\x89PNG")
        assert section.plan_png in html
    # the comparison table has one column per option
    head = html[html.index('id="comparison"'):html.index('id="vote"')]
    for option in options:
        assert f'<th class="num">{escape(option.name)}</th>' in head


def test_every_failing_criterion_is_listed_and_numbered_on_its_option(demo, report_da):
    from scoring.engine import score_plan

    engine, project, _ = demo
    data, html = report_da
    seen_fail = False
    for option, section in zip(list_options(engine, project.id), data.options, strict=True):
        report = score_plan(option.plan(), "br18")
        failing = {c.id for c in report.criteria if c.passed is False}
        listed = {f.criterion_id for f in section.findings if f.status == "fail"}
        assert listed == failing, option.name
        assert section.n_failed == len(failing)
        for f in section.findings:
            criterion = report.by_id(f.criterion_id)
            if criterion.where:
                assert f.places, f"{option.name}: {f.criterion_id} names no place"
        seen_fail |= bool(failing)
        # the finding numbers run 1..n in the section
        assert [f.number for f in section.findings] == list(range(1, len(section.findings) + 1))
    assert seen_fail, "the demo plans should fail at least one rule somewhere"
    assert "Krav ikke opfyldt" in html


def test_by_default_the_report_shows_the_decisive_round_not_the_trial_rounds(demo, report_da):
    engine, project, _ = demo
    data, html = report_da
    rounds = voting.list_rounds(engine, project.id)
    decisive = next(r for r in rounds if not r.is_open and not r.is_trial)
    assert any(r.is_trial and r.is_open for r in rounds) and any(r.is_trial and not r.is_open for r in rounds)
    assert [s.id for s in data.rounds] == [decisive.id] and data.decisive.id == decisive.id
    result = voting.round_results(engine, decisive.id)
    winner = result.option_names[result.winners[0]]
    section = data.decisive
    assert section.winners == [winner] and section.margins == result.margin_table()
    vote_html = html[html.index('id="vote"'):html.index('id="comments"')]
    assert f"<strong>{escape(winner)} (version 1)</strong>" in vote_html and "Afgørende afstemning" in vote_html
    positive = [m for row in result.margin_table() for m in row if m is not None and m > 0]
    assert f">+{max(positive)}<" in vote_html
    assert "Prøverunde" not in vote_html and "Prøv stemmesedlen" not in vote_html
    assert len(re.findall(r'<table class="margins">', vote_html)) == 1
    # the options section shows the version voted on, and says a newer one exists
    option_a = next(o for o in data.options if o.name == "Option A")
    assert (option_a.version, option_a.latest_version, option_a.voted) == (1, 2, True)
    assert "Der findes en nyere version (version 2)" in html
    assert next(o for o in data.options if o.name == "Baseline").is_baseline


def _expected_decisive(rounds, chosen, explicit):
    if explicit is not None:
        return explicit
    closed = [r for r in rounds if r.id in chosen and not r.is_open and not r.is_trial]
    return max(closed, key=lambda r: r.id).id if closed else None


def test_summary_and_body_agree_for_every_combination_of_the_demos_rounds(demo):
    """Every subset of the demo's rounds, with every closed round of it as the decisive one (and the default):
    the summary names the decisive round, the same winner and version as that round's section, and nothing of
    any other round."""
    import itertools

    from planner.report import collect_report, render_html
    from planner.report.model import ReportChoice

    engine, project, _ = demo
    rounds = voting.list_rounds(engine, project.id)
    by_id = {r.id: r for r in rounds}
    checked = 0
    for k in range(len(rounds) + 1):
        for chosen in itertools.combinations(sorted(by_id), k):
            for explicit in [None] + [i for i in chosen if not by_id[i].is_open]:
                data = collect_report(engine, project.id, lang="en", dpi=30,
                                      choice=ReportChoice(rounds=chosen, decisive=explicit, sections=("vote",)))
                html = render_html(data)
                summary = " ".join(data.summary)
                assert [s.id for s in data.rounds] == list(chosen)
                expected = _expected_decisive(rounds, chosen, explicit)
                marked = [s for s in data.rounds if s.decisive]
                if expected is None:
                    assert not marked and "decisive vote (" not in summary and "staff chose" not in summary
                    if not chosen:
                        assert "not voted" in summary
                    elif all(by_id[i].is_open for i in chosen):
                        assert "still open" in summary
                    else:
                        assert "no decisive vote" in summary
                    continue
                [section] = marked
                assert section.id == expected
                rnd = by_id[expected]
                outcome = voting.round_outcome(engine, expected)
                winners = [f"{outcome.option_names[w]} (version {rnd.version_of(w)})" for w in outcome.winners]
                assert section.winner_versions == winners
                assert f"(“{rnd.title}”" in summary and all(w in summary for w in winners)
                body = html[html.index(f'id="round-{expected}"'):]
                body = body[:body.index("</div>")]
                assert all(f"<strong>{escape(w)}</strong>" in body for w in winners)
                assert "Staff voted on these versions: " + ", ".join(section.versions[:-1]) in summary
                for other in data.rounds:
                    if other.id != expected:
                        assert f"“{other.title}”" not in summary
                checked += 1
    assert checked >= 8  # the demo has a closed decisive, a closed trial and an open trial round


def test_a_decisive_round_with_few_ballots_reveals_only_the_published_winner(engine):
    from planner.report import collect_report, render_html

    project = projects.create_project(engine, "Few voters")
    a = projects.add_option(engine, project.id, "Alpha", tiny_plan_geojson(width=10))
    b = projects.add_option(engine, project.id, "Beta", tiny_plan_geojson(width=12))
    voters = [users.create_user(engine, f"few{n}", "a passphrase to vote", "staff", bcrypt_rounds=4) for n in range(4)]
    rnd = voting.open_round(engine, project.id, [a.id, b.id], title="Final say")
    for voter in voters:
        voting.cast_ballot(engine, rnd.id, voter.id, [[b.id], [a.id]])
    voting.close_round(engine, rnd.id)
    data = collect_report(engine, project.id, lang="en", dpi=30)
    html = render_html(data)
    vote_html = html[html.index('id="vote"'):html.index('id="comments"')]
    assert "closed with fewer than 5 ballots, so its count is not shown" in " ".join(data.summary)
    assert "chose" not in " ".join(data.summary) and "published the winner" not in " ".join(data.summary)
    assert 'class="winner"' not in vote_html and "The winner has not been published." in vote_html
    assert 'class="margins"' not in vote_html and "4 staff" not in html and "(4 ballots)" not in html
    voting.publish_winner(engine, rnd.id)
    data = collect_report(engine, project.id, lang="en", dpi=30)
    assert "The facilitator has published the winner: Beta (version 1)." in data.summary
    assert data.decisive.winner_versions == ["Beta (version 1)"] and not data.decisive.margins


def test_no_rejected_or_pending_text_and_approved_text_is_escaped(report_da):
    data, html = report_da
    assert "hemmelighed" not in html and REJECTED not in html
    assert PENDING not in html
    for text, action in TEXTS:
        present = text[:20] in html
        assert present == (action == "approve"), (text, action)
    assert str(escape(APPROVED)) in html
    assert "<script>" not in html
    assert APPROVED in [t.text for t in data.feedback.texts]


def test_small_groups_show_the_suppression_phrase_not_figures(report_da):
    data, html = report_da
    small = [row for row in data.feedback.by_option if row.suppressed]
    large = [row for row in data.feedback.by_option if not row.suppressed]
    assert small and large, "the demo has options with fewer and with more than 5 kiosk answers"
    for row in small:  # neither the figures nor the count of answers: the phrase spans the row
        assert row.n is None and row.mean_rating is None and row.share_positive is None
        cells = re.search(rf"<td>{re.escape(str(escape(row.name)))}</td>\s*<td([^>]*)>([^<]*)</td>\s*</tr>", html)
        assert cells and cells.group(2) == "skjult (færre end 5)" and 'colspan="3"' in cells.group(1), row.name
    for row in large:
        assert row.n is not None and row.n >= data.feedback.min_group
    for row in large:  # the control: a large group's count is printed in the same place
        assert re.search(rf"<td>{re.escape(str(escape(row.name)))}</td>\s*<td class=\"num\">{row.n}</td>", html)


def test_method_section_lists_each_criterion_and_the_profile_clauses(report_da):
    from planner.report.i18n import Catalogue

    _, html = report_da
    da = Catalogue("da")
    method = html[html.index('id="method"'):]
    assert "Sådan er der målt" in method
    for c in all_criteria():
        assert str(escape(da.criterion_source(c.id, c.source))) in method, c.id
    br18 = get_profile("br18")
    for name in ("door_clear_width", "corridor_width", "counter_max_height"):
        th = getattr(br18, name)
        assert str(escape(th.clause)) in method, name  # the clause as the profile writes it ...
    assert "(to be confirmed)" not in method and "[guidance, not a rule" not in method  # ... its status in Danish
    assert f"{escape(br18.corridor_width.clause)} (til bekræftelse)" in method
    assert "Paragrafteksterne er gengivet på engelsk" in method  # said once, where the clauses are
    assert method.count("Paragrafteksterne er gengivet på engelsk") == 1
    assert "0,77 m" in method
    assert str(escape(br18.title)) in method


def test_survey_before_after_is_shown(report_da):
    data, html = report_da
    assert data.surveys and data.surveys[0].rows
    section = html[html.index('id="survey"'):html.index('id="method"')]
    for row in data.surveys[0].rows:
        assert str(escape(row.item)) in section
        # 8 answers before, 6 after in the demo: both phases have figures
        assert row.baseline.mean is not None and row.after.mean is not None
        assert row.change == pytest.approx(row.after.mean - row.baseline.mean)
        clear = row.after.ci_low > row.baseline.ci_high
        assert row.verdict == ("up" if clear else "unclear")
        assert ("tydelig forbedring" if clear else "kan være tilfældig") in section


def _comments_section(html: str) -> str:
    return html[html.index('<section id="comments">'):html.index('<section id="feedback">')]


#: The per-option sentence, spelled out here so the wording is checked, with figures from the stored comments.
SENTENCE = {
    "da": lambda name, n, taken, declined: (f"{name}: {n} kommentar{'' if n == 1 else 'er'}, {taken + declined} "
                                            f"besvaret ({taken} taget med, {declined} fravalgt)."),
    "en": lambda name, n, taken, declined: (f"{name}: {n} comment{'' if n == 1 else 's'}, {taken + declined} "
                                            f"answered ({taken} taken, {declined} declined)."),
}


def _stored_comments(engine, project) -> list:
    return comments.list_comments(engine, project_id=project.id)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_staff_comments_are_counted_per_option_and_category(demo, request, lang):
    from planner.report.i18n import Catalogue

    engine, project, _ = demo
    data, html = request.getfixturevalue(f"report_{lang}")
    cat = Catalogue(lang)
    section = _comments_section(html)
    assert f"4. {cat.t('section.comments')}</h2>" in section
    assert f'<a href="#comments">{cat.t("section.comments")}</a>' in html
    stored = _stored_comments(engine, project)
    ours = {option for _, option, *_ in STAFF_COMMENTS}
    assert ours <= {o.name for o in data.comments.options}
    names = {o.id: o.name for o in list_options(engine, project.id)}
    for option in data.comments.options:
        made = [c for c in stored if names[c.option_id] == option.name]
        taken, declined = sum(c.status == "taken" for c in made), sum(c.status == "declined" for c in made)
        assert (option.n, option.taken, option.declined) == (len(made), taken, declined)
        assert f"<li>{escape(SENTENCE[lang](option.name, len(made), taken, declined))}</li>" in section
        assert [row.category for row in option.rows] == [
            c for c in ("problem", "idea", "question") if any(m.category == c for m in made)] + ["all"]
        for row in option.rows:  # every row of the table, counted, with the shares as the language's percentages
            group = [m for m in made if row.category in ("all", m.category)]
            n_taken, n_declined = sum(m.status == "taken" for m in group), sum(m.status == "declined" for m in group)
            assert (row.n, row.open, row.taken, row.declined) == (
                len(group), len(group) - n_taken - n_declined, n_taken, n_declined)
            cells = "".join(f'<td class="num">{v}</td>' for v in (
                row.n, row.open, row.taken, row.declined, cat.pct(n_taken / len(group)),
                cat.pct(n_declined / len(group))))
            assert f"<td>{cat.t('comments.cat.' + row.category)}</td>{cells}" in section
    assert sum(o.n for o in data.comments.options) == len(stored)
    # the rows this module added show up on top of the demo's own comments
    option_a = next(o for o in data.comments.options if o.name == "Option A")
    assert option_a.n >= sum(option == "Option A" for _, option, *_ in STAFF_COMMENTS)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_declined_staff_comments_are_listed_with_their_reasons(demo, request, lang):
    from planner.report.i18n import Catalogue

    engine, project, _ = demo
    data, html = request.getfixturevalue(f"report_{lang}")
    cat = Catalogue(lang)
    section = _comments_section(html)
    assert cat.t("comments.declined_title") in section
    declined = comments.declined_comments(engine, project.id)
    ours = [reason for *_, answer, reason in STAFF_COMMENTS if answer == "declined"]
    assert set(ours) <= {c.reason for c in declined}
    for c in declined:
        assert str(escape(c.text)) in section and f"<td>{escape(c.reason)}</td>" in section
        assert f"– {escape(c.shown_as)}, {cat.t('comments.made_on', v=c.option_version)}" in section
    assert "<kan ikke flyttes>" not in html  # the reason is escaped like every other text
    # only declined comments are quoted; taken and open ones are counted, not quoted
    for c in _stored_comments(engine, project):
        assert (str(escape(c.text)) in section) == (c.status == "declined"), c.text
    assert [(c.text, c.reason) for c in data.comments.declined] == [(c.text, c.reason) for c in declined]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_staff_comment_authors_appear_by_role_and_by_name_only_when_chosen(demo, request, lang):
    engine, project, _ = demo
    data, html = request.getfixturevalue(f"report_{lang}")
    section = _comments_section(html)
    people = {u.username: u for u in users.list_users(engine)}
    hidden, named = people["staff1"], people["staff2"]  # our staff1 never ticked "show my name", staff2 did
    assert f"– {hidden.staff_title}," in section
    assert f"– {named.display_name} ({named.staff_title})," in section
    shown_names = {c.author_name for c in comments.declined_comments(engine, project.id) if c.author_name}
    assert shown_names == {named.display_name}
    for user in people.values():  # no other staff member's name, nor any staff account name, in the report
        if user.role == "staff":
            assert user.username not in html
            if user.display_name and user.display_name not in shown_names:
                assert user.display_name not in html, user.username


def test_summary_counts_the_staff_comments(demo, report_da):
    engine, project, _ = demo
    data, html = report_da
    stored = _stored_comments(engine, project)
    answered = sum(c.status != "open" for c in stored)
    line = f"Medarbejderne har skrevet {len(stored)} kommentarer til forslagene ({answered} besvaret)."
    assert line in data.summary and f"<li>{line}</li>" in html


def test_pdf_is_a_multi_page_pdf(report_da):
    from planner.report import render_pdf

    data, _ = report_da
    pdf = render_pdf(data)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages > 1
    pypdf = pytest.importorskip("pypdf")  # comes with xhtml2pdf
    import io

    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "4. Medarbejdernes kommentarer" in text
    for option in data.comments.options:
        assert option.sentence in text
    assert "Skranken har allerede en lav del" in text  # a declined comment's reason


def test_english_report_and_another_profile(report_en):
    data, html = report_en
    assert '<html lang="en">' in html
    assert "Method" in html and "hidden (fewer than 5)" in html and "The staff vote" in html
    assert "Sådan er der målt" not in html and "for få svar" not in html
    assert "Paragrafteksterne" not in html and "til bekræftelse" not in html
    assert str(escape(get_profile("ada2010").title)) in html
    assert data.profile == "ada2010"
    method = html[html.index('id="method"'):]
    ada = get_profile("ada2010")
    for name in ("door_clear_width", "wc_min_width", "route_to_wc"):  # the profile's own words, status and all
        assert str(escape(getattr(ada, name).source)) in method, name


# --- criteria in the report's language -------------------------------------------------------------

def _criteria_table(html: str) -> str:
    method = html[html.index('<section id="method">'):]
    return method[:method.index("</table>")]


def _tables(html: str, css_class: str) -> str:
    return "".join(re.findall(rf'<table class="{css_class}".*?</table>', html, flags=re.S))


def test_danish_report_names_every_criterion_in_danish(report_da):
    from planner.report.i18n import Catalogue

    data, html = report_da
    da = Catalogue("da")
    criteria = _criteria_table(html)
    findings, comparison = _tables(html, "findings"), _tables(html, "comparison")
    assert findings and comparison and "<strong>" in criteria
    listed = {f.criterion_id for o in data.options for f in o.findings}
    assert len(listed) >= 5, "the demo's options should point out several criteria"
    for c in all_criteria():
        texts = {"title": (da.criterion_title(c.id, c.title), c.title),
                 "description": (da.criterion_description(c.id, c.description), c.description),
                 "source": (da.criterion_source(c.id, c.source), c.source)}
        assert c.da is not None, c.id  # every criterion declares its Danish words
        for what, (danish, english) in texts.items():
            assert danish == getattr(c.da, what), (c.id, what)
            assert str(escape(danish)) in criteria, (c.id, what)
            if danish != english:  # compared per criterion: a word both languages share is no leak
                assert str(escape(english)) not in criteria, (c.id, what)
        danish, english = texts["title"]
        assert f"<td>{escape(danish)}</td>" in comparison, c.id
        if c.id in listed:
            assert f"<strong>{escape(danish)}</strong>" in findings, c.id
        if danish != english:
            assert str(escape(english)) not in findings and str(escape(english)) not in comparison, c.id
    for o in data.options:
        for f in o.findings:
            assert f.title == da.criterion_title(f.criterion_id, "")
            assert f.source == da.criterion_source(f.criterion_id, "")


def test_english_report_keeps_the_registry_texts(report_en):
    data, html = report_en
    criteria = _criteria_table(html)
    for c in all_criteria():
        for text in (c.title, c.description, c.source):
            assert str(escape(text)) in criteria, c.id
    assert {(i.id, i.title, i.description, i.source) for i in data.method.criteria} == {
        (c.id, c.title, c.description, c.source) for c in all_criteria()}
    comparison = _tables(html, "comparison")
    for c in all_criteria():
        assert f"<td>{escape(c.title)}</td>" in comparison, c.id


#: A standard, clause or citation in a source: anything with a digit or a paragraph sign.
_REFERENCE = re.compile(r"[§A-Za-z]*\d[\w.:/–-]*")


def test_danish_sources_keep_every_standard_and_clause_number():
    from planner.report.i18n import Catalogue

    da = Catalogue("da")
    for c in all_criteria():
        danish = da.criterion_source(c.id, "")
        assert danish and danish != c.source, c.id
        for ref in (m.rstrip(".:,;") for m in _REFERENCE.findall(c.source)):
            decimal = re.fullmatch(r"\d+\.\d+", ref) and not re.search(rf"(ADM|§)\s*{re.escape(ref)}", c.source)
            assert ref in danish or (decimal and ref.replace(".", ",") in danish), (c.id, ref, danish)
        for name in ("BR18", "ADA 2010", "ISO 21542", "PAS 6463", "EN 17037", "WELL", "Terrapin", "ASPECTSS"):
            assert (name in c.source) == (name in danish), (c.id, name)


def test_a_criterion_missing_from_the_catalogue_keeps_the_registry_english(engine, monkeypatch):
    import scoring.registry
    from input_forms.tiny_plan import tiny_plan_geojson
    from planner.report import collect_report, render_html
    from planner.report.i18n import Catalogue
    from scoring.registry import Criterion

    for lang in ("da", "en"):
        cat = Catalogue(lang)
        assert cat.criterion_title("no-such-criterion", "Fallback title") == "Fallback title"
        assert cat.criterion_description("no-such-criterion", "Fallback text") == "Fallback text"
        assert cat.criterion_source("no-such-criterion", "Fallback source") == "Fallback source"
    real = scoring.registry.all_criteria()
    fake = Criterion(id="test-unlisted", area="calmness", title="Unlisted test criterion",
                     description="A criterion no catalogue knows.", source="Test Standard 2099 §9.9", fn=real[0].fn)
    monkeypatch.setattr(scoring.registry, "all_criteria", lambda area=None: [*real, fake])
    project = projects.create_project(engine, "Katalog")
    projects.add_option(engine, project.id, "Eneste forslag", tiny_plan_geojson())
    data = collect_report(engine, project.id, dpi=30)
    info = {c.id: c for c in data.method.criteria}
    assert (info[fake.id].title, info[fake.id].description, info[fake.id].source) == (
        fake.title, fake.description, fake.source)
    criteria = _criteria_table(render_html(data))
    assert f"<strong>{fake.title}</strong>" in criteria and fake.source in criteria
    door = next(c for c in real if c.id == "door-clear-width")  # the others stay Danish
    assert info[door.id].title == "Fri bredde i døre" and door.title not in criteria


def test_unknown_project_language_and_profile_are_refused(demo):
    from input_forms.errors import NotFound
    from planner.report import build_report_html

    engine, _, _ = demo
    with pytest.raises(NotFound, match="no project with id or name 'nope'"):
        build_report_html(engine, "nope")
    with pytest.raises(NotFound):
        build_report_html(engine, 999)
    with pytest.raises(ValueError, match="language"):
        build_report_html(engine, 1, lang="xx")
    with pytest.raises(ValueError, match="rule profile"):
        build_report_html(engine, 1, profile="nope")


def test_cli_writes_html_and_exits_0(demo, tmp_path, monkeypatch, capsys):
    from planner.report.__main__ import main

    _, project, url = demo
    monkeypatch.setenv("DATABASE_URL", url)
    out = tmp_path / "report.html"
    assert main([str(project.id), "-o", str(out), "--lang", "en"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "The options" in text
    assert "wrote" in capsys.readouterr().out


def test_cli_chooses_rounds_decisive_round_and_sections(demo, tmp_path, monkeypatch, capsys):
    from planner.report.__main__ import main

    engine, project, url = demo
    monkeypatch.setenv("DATABASE_URL", url)
    trial = next(r for r in voting.list_rounds(engine, project.id) if r.is_trial and not r.is_open)
    out = tmp_path / "trial.html"
    assert main([str(project.id), "-o", str(out), "--lang", "en", "--rounds", str(trial.id), "--decisive", str(trial.id),
                 "--sections", "vote"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "(“Prøverunde”, 5 ballots) staff chose Option C (version 1)." in text and 'id="options"' not in text
    assert main([str(project.id), "-o", str(out), "--rounds", str(trial.id), "--decisive", "999"]) == 2
    assert "must be one of the rounds" in capsys.readouterr().err


def test_cli_unknown_project_and_bad_output_exit_2_with_one_line(demo, tmp_path):
    _, _, url = demo
    env = {**os.environ, "DATABASE_URL": url}
    for args, says in (([ "no such project", "-o", str(tmp_path / "r.html")], "no project with id or name"),
                       (["1", "-o", str(tmp_path / "r.txt")], "must end in .html or .pdf")):
        run = subprocess.run([sys.executable, "-m", "planner.report", *args], cwd=REPO, env=env, capture_output=True,
                             text=True, timeout=120)
        assert run.returncode == 2, run.stderr
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and says in lines[0] and "Traceback" not in run.stderr
        assert not (tmp_path / "r.html").exists()


def test_report_package_never_imports_streamlit():
    code = "import sys, planner.report, planner.report.__main__; sys.exit('streamlit' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


# --- a small project built from scratch: one option, three answers, no vote ----------------------

def test_small_project_suppresses_everything_and_still_renders(engine):
    from input_forms import kiosks
    from input_forms.tiny_plan import tiny_plan_geojson
    from planner.report import collect_report, render_html, render_pdf

    project = projects.create_project(engine, "Lille <projekt> & co")
    option = projects.add_option(engine, project.id, "Eneste forslag", tiny_plan_geojson())
    kiosk = kiosks.register_kiosk(engine, project.id, "Indgang", option_id=option.id)
    for _ in range(3):
        entry = _entry(kiosk.token, None, rating=5) | {"calmer": ["plants"],
                                                         "pin": {"option_id": option.id, "x": 5.0, "y": 4.0, "category": "calm"}}
        feedback.submit_feedback(engine, entry, min_gap_s=0)
    data = collect_report(engine, project.id, dpi=30)
    html = render_html(data)
    assert "Lille &lt;projekt&gt; &amp; co" in html and "Lille <projekt>" not in html
    assert data.feedback.n_total == 0  # the three answers are in no published figure, the total included
    assert all(row.suppressed and row.n is None for row in data.feedback.by_option)
    assert data.feedback.items_suppressed
    assert [m.suppressed for m in data.feedback.pin_maps] == [True]
    assert data.feedback.pin_maps[0].png == ""
    assert html.count("skjult (færre end 5)") >= 3
    # three answers: no count of them anywhere (not the total, not per option, not the pins)
    assert not data.feedback.pin_maps[0].counts
    summary = _visible_text(html[html.index('<section id="summary">'):html.index('<section id="options">')])
    citizens = _visible_text(html[html.index('<section id="feedback">'):html.index('<section id="method">')])
    for text in (summary, citizens):
        assert not re.search(r"(?<![\d,.])3(?![\d,.])", text), text
    assert "Borgerne har endnu givet for få svar" in summary and "for få svar" in citizens
    assert "Der har endnu ikke været nogen afstemning." in html
    assert "Der er ikke lavet noget spørgeskema i projektet." in html
    assert data.comments is not None and data.comments.options == [] and data.comments.declined == []
    assert "Medarbejderne har endnu ikke skrevet kommentarer til forslagene." in html
    assert render_pdf(data).startswith(b"%PDF")


def _visible_text(html: str) -> str:
    """The words a reader sees: no CSS, no pictures, no tags."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r'src="data:[^"]*"', "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("lang", ["da", "en"])
def test_counts_below_min_group_are_never_printed(engine, lang):
    """Eight answers with pins on one option (5 calm, 3 ideas), three on another: the 3s never show."""
    from input_forms import aggregate, kiosks, publication
    from input_forms.tiny_plan import tiny_plan_geojson
    from planner.report import collect_report, render_html
    from planner.report.i18n import Catalogue

    cat = Catalogue(lang)
    too_few = cat.t("privacy.too_few", k=5)
    project = projects.create_project(engine, "Tællinger")
    first = projects.add_option(engine, project.id, "Forslag med nåle", tiny_plan_geojson())
    second = projects.add_option(engine, project.id, "Forslag med få svar", tiny_plan_geojson())
    kiosk = kiosks.register_kiosk(engine, project.id, "Indgang", option_id=first.id)
    for option, category, calmer, n in ((first, "calm", ["plants"], 5), (first, "idea", ["plants", "daylight"], 3),
                                        (second, "stressful", [], 3)):
        for _ in range(n):
            entry = _entry(kiosk.token, None, rating=4) | {
                "calmer": calmer, "pin": {"option_id": option.id, "x": 5.0, "y": 4.0, "category": category}}
            feedback.submit_feedback(engine, entry, min_gap_s=0)
    # what is stored, so that the checks below cannot pass on an empty project
    frame = aggregate.feedback_frame(engine, project.id)
    assert len(frame) == 11
    assert ((frame["pin_option_id"] == first.id) & (frame["pin_category"] == "idea")).sum() == 3
    published = publication.publish(engine, project.id)
    assert published.pins(first.id, category="idea").attrs["suppressed"]
    assert not published.pins(first.id).attrs["suppressed"]

    data = collect_report(engine, project.id, lang=lang, dpi=30)
    html = render_html(data)
    maps = {m.option_name: m for m in data.feedback.pin_maps}
    assert maps[first.name].counts == {"calm": 5, "stressful": None, "idea": None}
    assert not maps[first.name].suppressed and maps[first.name].png  # the map itself is drawn
    assert maps[second.name].suppressed and maps[second.name].png == "" and not maps[second.name].counts

    section = html[html.index('<section id="feedback">'):html.index('<section id="survey">')]
    first_map = section[section.index(f"<h4>{first.name}</h4>"):section.index(f"<h4>{second.name}</h4>")]
    caption = _visible_text(first_map[first_map.index('class="small caption"'):first_map.index("</p>")])
    # the control: counts from MIN_GROUP on are printed in this very caption ...
    assert cat.t("feedback.pins_n", n=8) in caption and f"{cat.t('pin.calm')} 5" in caption
    # ... and the small ones are not: the phrase stands where the number would be
    assert f"{cat.t('pin.idea')} ({too_few})" in caption and f"{cat.t('pin.stressful')} ({too_few})" in caption
    assert not re.search(r"\b3\b", caption), caption
    second_map = _visible_text(section[section.index(f"<h4>{second.name}</h4>"):])
    assert too_few in second_map[:200] and not re.search(r"\b3\b", second_map[:200])
    # per option: 8 answers are counted, 3 are not
    assert re.search(rf"<td>{first.name}</td>\s*<td class=\"num\">8</td>", section)
    assert re.search(rf"<td>{second.name}</td>\s*<td class=\"num suppressed\" colspan=\"3\">{re.escape(too_few)}</td>", section)
    # per 'calmer' item: plants by 8 is shown, daylight by 3 is not
    items = {i.label: i for i in data.feedback.items}
    plants, daylight = (next(i for i in data.feedback.items if i.label == label)
                        for label in (("Planter", "Mere dagslys") if lang == "da" else ("Plants", "More daylight")))
    assert plants.n_choosing == 8 and not plants.suppressed
    assert daylight.suppressed and daylight.n_choosing is None and daylight.share is None
    assert re.search(rf"<td>{daylight.label}</td>\s*<td class=\"num suppressed\"[^>]*>{re.escape(too_few)}</td>", section)
    assert len(items) > 2
    # and in all the feedback a reader sees, no 3 at all (8 and 5 are allowed); the total is of the published
    # answers, 8, not all 11 (11 - 8 would give the hidden option's 3)
    visible = _visible_text(section)
    assert not re.search(r"(?<![\d,.])3(?![\d,.])", visible), visible
    assert "11" not in visible and data.feedback.n_total == 8


def test_numbers_follow_the_language():
    from planner.report.i18n import Catalogue

    da, en = Catalogue("da"), Catalogue("en")
    assert da.num(1234.5, 1) == "1.234,5" and en.num(1234.5, 1) == "1,234.5"
    assert da.pct(0.125) == "12 %" and en.pct(0.125) == "12%"
    assert da.measure(0.77, "m") == "0,77 m" and da.measure(25, "mm") == "25 mm"
    assert da.num(None) == "–"
    with pytest.raises(ValueError):
        Catalogue("xx")


def test_plural_forms():
    from planner.report.i18n import Catalogue

    da, en = Catalogue("da"), Catalogue("en")
    assert da.t("feedback.pins_n", n=1) == "1 nål" and da.t("feedback.pins_n", n=7) == "7 nåle"
    assert en.t("options.failed", n=1) == "1 rule is not met." and en.t("options.failed", n=2) == "2 rules are not met."
    assert da.t("options.failed", n=0) == "Alle krav er opfyldt."


def test_english_units_never_fall_back_to_danish():
    from planner.report.i18n import Catalogue

    en, da = Catalogue("en"), Catalogue("da")
    assert en.measure(4, "decisions") == "4 decisions" and da.measure(4, "decisions") == "4 valg af vej"
    assert en.measure(21, "m² of public floor that sees in") == "21 m² of public floor that sees in"
    assert en.measure(3.0, "m² of public floor that sees in", short=True) == "3.00 m²"


def test_legend_speaks_the_language_it_is_given():
    from floorplans.drawing import KIND_LABELS, draw_plan
    from floorplans.model import RoomKind
    from floorplans.samples import load_sample
    from planner.report.i18n import Catalogue
    from planner.report.options import kind_labels

    plan = load_sample("baseline")
    danish = kind_labels(Catalogue("da"))
    fig = draw_plan(plan, kind_labels=danish)
    shown = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "Venteområde" in shown and "Samtalerum" in shown and "Waiting" not in shown
    assert kind_labels(Catalogue("en")) == {}
    english = [t.get_text() for t in draw_plan(plan).axes[0].get_legend().get_texts()]
    assert KIND_LABELS[RoomKind.waiting] in english


# --- failures are said in the report and logged with their traceback ------------------------------

def test_a_failing_section_is_named_logged_and_the_rest_of_the_report_stands(engine, monkeypatch, caplog):
    import logging

    from input_forms.tiny_plan import tiny_plan_geojson
    from planner.report import collect_report, render_html, votes

    project = projects.create_project(engine, "Brud")
    projects.add_option(engine, project.id, "Eneste forslag", tiny_plan_geojson())

    def broken(*args, **kwargs):
        raise OSError("the disk is gone")

    monkeypatch.setattr(votes, "rounds", broken)
    with caplog.at_level(logging.WARNING, logger="planner.report"):
        data = collect_report(engine, project.id, dpi=30)
    assert data.rounds == [] and data.unavailable == ["Medarbejdernes afstemning: OSError: the disk is gone"]
    assert data.options[0].calmness is not None and data.method.criteria  # the rest of the report stands
    logged = [r for r in caplog.records if r.exc_info and "the disk is gone" in str(r.exc_info[1])]
    assert len(logged) == 1 and "'vote'" in logged[0].getMessage()
    assert "the disk is gone" in render_html(data)


def test_an_option_that_cannot_be_scored_says_why_and_is_logged(engine, monkeypatch, caplog):
    import logging

    from input_forms.tiny_plan import tiny_plan_geojson
    from planner.report import collect_report, options

    project = projects.create_project(engine, "Uden tal")
    projects.add_option(engine, project.id, "Forslag 1", tiny_plan_geojson())
    projects.add_option(engine, project.id, "Forslag 2", tiny_plan_geojson())
    real = options.score_plan
    calls = []

    def second_fails(plan, profile):
        calls.append(plan)
        if len(calls) == 2:
            raise ValueError("a corner case")
        return real(plan, profile)

    monkeypatch.setattr(options, "score_plan", second_fails)
    with caplog.at_level(logging.WARNING, logger="planner.report"):
        data = collect_report(engine, project.id, dpi=30)
    first, second = data.options
    assert first.calmness is not None and not first.problem
    assert second.calmness is None and second.problem == "ValueError: a corner case" and not second.findings
    assert [row.values[1] for row in data.comparison] == [None] * len(data.comparison)
    logged = [r for r in caplog.records if r.exc_info and "a corner case" in str(r.exc_info[1])]
    assert len(logged) == 1 and "Forslag 2" in logged[0].getMessage()


def test_markdown_and_html_in_citizen_and_staff_text_come_out_literally(engine):
    """An approved kiosk text, a staff comment, its author's name and the designer's reason, each with Markdown
    and HTML in them: the report shows them as written (escaped), with no image, link or markup of theirs."""
    import html as html_lib

    from input_forms import kiosks
    from input_forms.tiny_plan import tiny_plan_geojson
    from planner.report import collect_report, render_html, render_pdf

    citizen = "![x](https://evil.example/t.png) <img src=https://evil.example/i.png> **Log ind igen** # Overskrift"
    staff_text = "[Log ind igen](https://evil.example/login) <a href=https://evil.example>her</a> _kursiv_"
    reason = "<h1>Stort</h1> ![](https://evil.example/r.png)"
    name = "<b>Chefen</b> **fed**"
    project = projects.create_project(engine, "Markup")
    option = projects.add_option(engine, project.id, "Forslag", tiny_plan_geojson())
    kiosk = kiosks.register_kiosk(engine, project.id, "Indgang", option_id=option.id)
    for n in range(5):
        result = feedback.submit_feedback(engine, _entry(kiosk.token, citizen if n == 0 else None), min_gap_s=0)
        if n == 0:
            feedback.approve_text(engine, result.feedback_id)
    author = users.create_user(engine, "markup", "a literal passphrase 1", "staff", display_name=name, staff_title="rådgiver",
                               bcrypt_rounds=4)
    designer = users.create_user(engine, "markup-designer", "a literal passphrase 2", "designer", bcrypt_rounds=4)
    made = comments.add_comment(engine, author, {"option_id": option.id, "category": "problem", "show_name": True,
                                                 "feature_id": option.plan().rooms[0].id, "text": staff_text})
    comments.answer_comment(engine, made.id, designer, "declined", reason)
    data = collect_report(engine, project.id, dpi=30)
    assert [t.text for t in data.feedback.texts] == [citizen]  # published: the control that it is in the report
    html = render_html(data)
    for text in (citizen, staff_text, reason, name):
        assert str(escape(text)) in html, text  # every character as written, escaped once
    assert "evil.example" not in "".join(re.findall(r"<(?:img|a|link|script)\b[^>]*>", html))
    assert "<h1>Stort" not in html and "<b>Chefen" not in html
    seen = html_lib.unescape(_visible_text(html))
    for text in (citizen, staff_text, reason):
        assert " ".join(text.split()) in seen  # Markdown is not Markdown in HTML: '**', '![', '# ' stay as typed
    pdf = render_pdf(data)
    assert pdf.startswith(b"%PDF") and b"/URI" not in pdf  # no link annotation: nothing to click through
