"""Retention: a project's raw kiosk text (free text, survey 'why') is deleted a set number of days after the
project closed; ratings, choices and counts stay; open projects and younger closed ones are untouched."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from input_forms import feedback, kiosks, projects, retention, surveys
from input_forms import schema as t
from input_forms.__main__ import main
from input_forms.errors import Forbidden, NotFound, ValidationFailed
from input_forms.tiny_plan import tiny_plan_geojson


def _project(engine, name: str):
    project = projects.create_project(engine, name)
    option = projects.add_option(engine, project.id, "A", tiny_plan_geojson())
    kiosk = kiosks.register_kiosk(engine, project.id, "Reception", option_id=option.id)
    for n, text in enumerate(["Mere lys ved skranken", "For koldt", None]):
        result = feedback.submit_feedback(engine, {"client_id": f"{name}-{n}-xxxx", "kiosk_token": kiosk.token,
                                                   "rating": 2 + n, "text": text}, min_gap_s=0)
        if n == 0:
            feedback.approve_text(engine, result.feedback_id)
    survey = surveys.create_survey(engine, project.id, "Besøget", ["Rolig"])
    surveys.submit_response(engine, survey.id, "baseline", {survey.items[0].id: 4}, why={survey.items[0].id: WHY},
                            kiosk_id=kiosk.id)
    return project, kiosk


WHY = "Stille hjørne ved vinduet"


def _ratings(engine, project_id: int) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(select(t.feedback.c.rating).where(t.feedback.c.project_id == project_id)
                                 .order_by(t.feedback.c.id)).scalars())


def _texts(engine, project_id: int) -> tuple[list, list]:
    with engine.connect() as conn:
        texts = list(conn.execute(select(t.feedback.c.text).where(t.feedback.c.project_id == project_id)
                                  .order_by(t.feedback.c.id)).scalars())
        a, r, s = t.survey_answers, t.survey_responses, t.surveys
        whys = list(conn.execute(select(a.c.why).select_from(a.join(r, r.c.id == a.c.response_id).join(s, s.c.id == r.c.survey_id))
                                 .where(s.c.project_id == project_id)).scalars())
    return texts, whys


def test_raw_kiosk_text_is_deleted_once_the_retention_after_closing_has_passed(engine):
    closed, kiosk = _project(engine, "closed")
    still_open, _ = _project(engine, "open")
    project = retention.close_project(engine, closed.id, on=date(2026, 1, 10))
    assert project.closed_on == date(2026, 1, 10)
    with pytest.raises(Forbidden, match="switched off"):  # closing stops input
        feedback.submit_feedback(engine, {"client_id": "late-entry-1", "kiosk_token": kiosk.token, "rating": 3},
                                 min_gap_s=0)
    ratings_before = _ratings(engine, closed.id)

    assert retention.apply_retention(engine, today=date(2026, 4, 9), days=90).texts_deleted == 0  # day 89
    assert _texts(engine, closed.id) == (["Mere lys ved skranken", "For koldt", None], [WHY])

    done = retention.apply_retention(engine, today=date(2026, 4, 10), days=90)  # day 90
    assert (done.projects, done.texts_deleted, done.whys_deleted) == ([closed.id], 2, 1)
    assert _texts(engine, closed.id) == ([None, None, None], [None])
    assert feedback.moderation_queue(engine, closed.id) == []
    assert _ratings(engine, closed.id) == ratings_before == [2, 3, 4]  # the numbers stay
    assert _texts(engine, still_open.id) == (["Mere lys ved skranken", "For koldt", None], [WHY])
    assert retention.apply_retention(engine, today=date(2026, 4, 10), days=90).texts_deleted == 0  # nothing left


def test_the_retention_setting_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("INPUT_FORMS_TEXT_RETENTION_DAYS", raising=False)
    assert retention.retention_days() == retention.DEFAULT_TEXT_RETENTION_DAYS == 90
    monkeypatch.setenv("INPUT_FORMS_TEXT_RETENTION_DAYS", "30")
    assert retention.retention_days() == 30
    monkeypatch.setenv("INPUT_FORMS_TEXT_RETENTION_DAYS", "soon")
    with pytest.raises(ValidationFailed, match="whole number of days"):
        retention.retention_days()


def test_close_and_apply_from_the_command_line(engine, monkeypatch, capsys):
    if engine.dialect.name != "sqlite":
        pytest.skip("the command line is exercised on the SQLite file; the logic above runs on both")
    closed, _ = _project(engine, "cli")
    db = ["--db", engine.url.render_as_string(hide_password=False)]
    assert main([*db, "close-project", str(closed.id), "--on", "2026-01-10"]) == 0
    assert "closed project" in capsys.readouterr().out
    monkeypatch.setenv("INPUT_FORMS_TEXT_RETENTION_DAYS", "30")
    assert main([*db, "apply-retention", "--today", "2026-02-08"]) == 0  # day 29
    assert "0 kiosk text(s)" in capsys.readouterr().out
    assert main([*db, "apply-retention", "--today", "2026-02-09"]) == 0  # day 30
    assert "2 kiosk text(s) and 1 survey 'why' text(s) deleted in 1 closed project(s)" in capsys.readouterr().out
    assert main([*db, "close-project", "999"]) == 2
    assert "no project with id 999" in capsys.readouterr().err
    with pytest.raises(NotFound):
        retention.reopen_project(engine, 999)
    assert retention.reopen_project(engine, closed.id).closed_on is None


def test_a_citizens_words_are_forgotten_without_knowing_who_they_are(engine, capsys):
    project, _ = _project(engine, "forget")
    other, _ = _project(engine, "other")
    with pytest.raises(ValidationFailed, match="at least 12 characters"):
        retention.forget_text(engine, project.id, "mere lys")
    assert retention.forget_text(engine, project.id, "mere  LYS ved") == 1  # spacing and case ignored
    assert retention.forget_text(engine, project.id, "hjørne ved vinduet") == 1  # a survey 'why' too
    assert _texts(engine, project.id) == ([None, "For koldt", None], [None])
    assert _texts(engine, other.id) == (["Mere lys ved skranken", "For koldt", None], [WHY])  # only this project
    assert _ratings(engine, project.id) == [2, 3, 4]
    if engine.dialect.name == "sqlite":
        db = ["--db", engine.url.render_as_string(hide_password=False)]
        assert main([*db, "forget-text", str(other.id), "Mere lys ved skranken"]) == 0
        out = capsys.readouterr().out
        assert out.strip() == "deleted 1 text(s) containing those words" and "skranken" not in out
