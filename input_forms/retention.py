"""Closing a project, and deleting its raw kiosk text a retention period after it closed.

Why: citizens' free text is the one thing they typed in their own words; once a
project is decided and closed, the text has done its work. A retention period
after the day a project closes (``INPUT_FORMS_TEXT_RETENTION_DAYS``, default
90; ``--days`` on the command line) its kiosk free texts (``feedback.text``,
pending or approved) and the survey 'why' texts are deleted for good; the
ratings, choices, pins, counts and votes stay, so results and reports still
stand. Closing a project also switches its kiosks off.

Run ``python -m input_forms apply-retention`` daily (``make run`` runs it at start).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, and_, select, update

from . import hot_cache
from . import schema as t
from .db import write_tx
from .errors import NotFound, ValidationFailed
from .models import Project
from .projects import get_project

__all__ = ["DEFAULT_TEXT_RETENTION_DAYS", "retention_days", "close_project", "reopen_project", "apply_retention",
           "RetentionResult", "forget_text", "MIN_FORGET_CHARS"]

DEFAULT_TEXT_RETENTION_DAYS = 90
#: a citizen's request names at least this many characters of what they wrote (fewer would match others' texts)
MIN_FORGET_CHARS = 12


def retention_days() -> int:
    """The configured retention (INPUT_FORMS_TEXT_RETENTION_DAYS, else DEFAULT_TEXT_RETENTION_DAYS)."""
    raw = os.environ.get("INPUT_FORMS_TEXT_RETENTION_DAYS", "").strip()
    if not raw:
        return DEFAULT_TEXT_RETENTION_DAYS
    try:
        days = int(raw)
    except ValueError:
        raise ValidationFailed(f"INPUT_FORMS_TEXT_RETENTION_DAYS={raw!r}: give a whole number of days (0 or more)") from None
    if days < 0:
        raise ValidationFailed(f"INPUT_FORMS_TEXT_RETENTION_DAYS={raw!r}: give a whole number of days (0 or more)")
    return days


def _today() -> date:
    return datetime.now(UTC).date()


def close_project(engine: Engine, project_id: int, on: date | None = None) -> Project:
    """Mark the project closed on ``on`` (default today, UTC) and switch its kiosks off."""
    day = on or _today()
    with write_tx(engine) as conn:
        done = conn.execute(update(t.projects).where(t.projects.c.id == project_id)
                            .values(closed_on=datetime(day.year, day.month, day.day)))
        if done.rowcount == 0:
            raise NotFound(f"no project with id {project_id}")
        conn.execute(update(t.kiosks).where(t.kiosks.c.project_id == project_id).values(active=False))
    hot_cache.clear(engine)
    return get_project(engine, project_id)


def reopen_project(engine: Engine, project_id: int) -> Project:
    """Undo a close (kiosks stay off until a facilitator switches them on); text already deleted stays deleted."""
    with write_tx(engine) as conn:
        if conn.execute(update(t.projects).where(t.projects.c.id == project_id).values(closed_on=None)).rowcount == 0:
            raise NotFound(f"no project with id {project_id}")
    return get_project(engine, project_id)


@dataclass(frozen=True)
class RetentionResult:
    projects: list[int]
    texts_deleted: int
    whys_deleted: int


def apply_retention(engine: Engine, today: date | None = None, days: int | None = None) -> RetentionResult:
    """Delete the kiosk free texts and survey 'why' texts of every project closed at least ``days`` days ago."""
    days = retention_days() if days is None else days
    if days < 0:
        raise ValidationFailed(f"days: give 0 or more, got {days}")
    cutoff = (today or _today()) - timedelta(days=days)
    limit = datetime(cutoff.year, cutoff.month, cutoff.day)
    f, p = t.feedback, t.projects
    with write_tx(engine) as conn:
        expired: list[int] = list(conn.execute(select(p.c.id).where(and_(p.c.closed_on.is_not(None), p.c.closed_on <= limit))
                                    .order_by(p.c.id)).scalars())
        if not expired:
            return RetentionResult([], 0, 0)
        texts = conn.execute(update(f).where(and_(f.c.project_id.in_(expired), f.c.text.is_not(None)))
                             .values(text=None, text_status="none")).rowcount
        responses = select(t.survey_responses.c.id).join(t.surveys, t.surveys.c.id == t.survey_responses.c.survey_id) \
            .where(t.surveys.c.project_id.in_(expired))
        whys = conn.execute(update(t.survey_answers).where(and_(t.survey_answers.c.response_id.in_(responses),
                                                                t.survey_answers.c.why.is_not(None)))
                            .values(why=None)).rowcount
    return RetentionResult(expired, int(texts or 0), int(whys or 0))


def forget_text(engine: Engine, project_id: int, words: str) -> int:
    """Delete every kiosk free text and survey 'why' text of the project that contains ``words`` (case and
    spacing ignored); returns how many. For a citizen who asks for their words to be deleted: they say what
    they wrote, never who they are, and nothing about the request is stored."""
    wanted = " ".join((words or "").split()).casefold()
    if len(wanted) < MIN_FORGET_CHARS:
        raise ValidationFailed(f"words: give at least {MIN_FORGET_CHARS} characters of the text, so that no one "
                               "else's text matches")
    get_project(engine, project_id)

    def matches(text: str | None) -> bool:
        return text is not None and wanted in " ".join(text.split()).casefold()

    f, a, r, s = t.feedback, t.survey_answers, t.survey_responses, t.surveys
    with write_tx(engine) as conn:
        texts = [row.id for row in conn.execute(select(f.c.id, f.c.text).where(
            and_(f.c.project_id == project_id, f.c.text.is_not(None)))) if matches(row.text)]
        if texts:
            conn.execute(update(f).where(f.c.id.in_(texts)).values(text=None, text_status="rejected"))
        answers = [(row.response_id, row.item_id) for row in conn.execute(
            select(a.c.response_id, a.c.item_id, a.c.why).select_from(a.join(r, r.c.id == a.c.response_id)
                                                                      .join(s, s.c.id == r.c.survey_id))
            .where(and_(s.c.project_id == project_id, a.c.why.is_not(None)))) if matches(row.why)]
        for response_id, item_id in answers:
            conn.execute(update(a).where(and_(a.c.response_id == response_id, a.c.item_id == item_id)).values(why=None))
    return len(texts) + len(answers)
