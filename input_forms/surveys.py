"""Before/after satisfaction surveys, in the style of the national job-centre citizen surveys.

A survey has 1-5 statements, each answered on a 1-5 scale with an optional
'why'. Responses are tagged with the phase (``baseline`` before the redesign,
``after`` it) and optionally the kiosk; like kiosk feedback they keep only the
UTC hour, and 'why' texts are scrubbed of CPR numbers, phone numbers and
e-mail addresses before they are stored. Results are means per item and phase
with a 95 % t-interval (clipped to the 1-5 scale), suppressed below MIN_GROUP answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, insert, select

from . import schema as t
from .db import hour_of, inserted_id, read_tx, utcnow, write_tx
from .errors import NotFound, ValidationFailed
from .models import Phase, Survey, SurveyItem
from .scrub import scrub_text

__all__ = ["SUGGESTED_ITEMS", "create_survey", "get_survey", "list_surveys", "submit_response", "survey_results", "PHASES",
           "MAX_ITEMS", "MIN_GROUP"]

PHASES: tuple[str, ...] = ("baseline", "after")
#: A starting set in the spirit of the national job-centre citizen surveys (1 = helt uenig ... 5 = helt enig).
SUGGESTED_ITEMS: tuple[str, ...] = (
    "Jeg følte mig godt modtaget, da jeg kom ind",
    "Der var roligt, mens jeg ventede",
    "Jeg kunne let finde vej til mit møde",
    "Jeg kunne tale med min sagsbehandler uden at andre hørte det",
    "Alt i alt er jeg tilfreds med mit besøg i jobcentret",
)
MAX_ITEMS = 5
MAX_WHY = 500
MIN_GROUP = 5


def create_survey(engine: Engine, project_id: int, title: str, items: Sequence[str]) -> Survey:
    """A survey with 1-5 statements rated 1-5 (e.g. 'I felt calm while I waited')."""
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise ValidationFailed("survey title: give 1-200 characters")
    texts = [str(i).strip() for i in items]
    if not 1 <= len(texts) <= MAX_ITEMS:
        raise ValidationFailed(f"items: a survey has 1 to {MAX_ITEMS} statements, got {len(texts)}")
    for n, text in enumerate(texts):
        if not text or len(text) > 500:
            raise ValidationFailed(f"items[{n}]: a statement needs 1-500 characters")
    with write_tx(engine) as conn:
        if conn.execute(select(t.projects.c.id).where(t.projects.c.id == project_id)).first() is None:
            raise NotFound(f"no project with id {project_id}")
        survey_id = inserted_id(conn.execute(insert(t.surveys).values(project_id=project_id, title=title, created_at=utcnow())))
        conn.execute(insert(t.survey_items), [{"survey_id": survey_id, "position": n, "text": text}
                                              for n, text in enumerate(texts)])
    return get_survey(engine, survey_id)


def _survey(conn, row) -> Survey:
    items = conn.execute(select(t.survey_items).where(t.survey_items.c.survey_id == row.id)
                         .order_by(t.survey_items.c.position)).all()
    return Survey(id=row.id, project_id=row.project_id, title=row.title, created_at=row.created_at,
                  items=tuple(SurveyItem(id=i.id, position=i.position, text=i.text) for i in items))


def get_survey(engine: Engine, survey_id: int) -> Survey:
    with read_tx(engine) as conn:
        row = conn.execute(select(t.surveys).where(t.surveys.c.id == survey_id)).first()
        if row is None:
            raise NotFound(f"no survey with id {survey_id}")
        return _survey(conn, row)


def list_surveys(engine: Engine, project_id: int) -> list[Survey]:
    with read_tx(engine) as conn:
        rows = conn.execute(select(t.surveys).where(t.surveys.c.project_id == project_id).order_by(t.surveys.c.id)).all()
        return [_survey(conn, r) for r in rows]


def submit_response(engine: Engine, survey_id: int, phase: Phase, answers: Mapping[int, int],
                    why: Mapping[int, str] | None = None, kiosk_id: int | None = None,
                    now: datetime | None = None) -> int:
    """Store one response (at least one item answered); returns its id. ValidationFailed stores nothing."""
    if phase not in PHASES:
        raise ValidationFailed(f"phase {phase!r} is not one of {', '.join(PHASES)}")
    why = dict(why or {})
    survey = get_survey(engine, survey_id)
    item_ids = {i.id for i in survey.items}
    if not answers:
        raise ValidationFailed("answers: answer at least one statement")
    for item_id, value in answers.items():
        if item_id not in item_ids:
            raise ValidationFailed(f"answers: item {item_id!r} is not in survey {survey_id} (items {sorted(item_ids)})")
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationFailed(f"answers[{item_id}]: give a whole number 1-5, got {value!r}")
    for item_id, text in why.items():
        if item_id not in answers:
            raise ValidationFailed(f"why[{item_id}]: a 'why' needs an answer to the same statement")
        if text is not None and (not isinstance(text, str) or len(text) > MAX_WHY):
            raise ValidationFailed(f"why[{item_id}]: at most {MAX_WHY} characters of text")
    with write_tx(engine) as conn:
        if kiosk_id is not None:
            kiosk = conn.execute(select(t.kiosks.c.project_id).where(t.kiosks.c.id == kiosk_id)).first()
            if kiosk is None or kiosk.project_id != survey.project_id:
                raise ValidationFailed(f"kiosk_id {kiosk_id} is not a kiosk of this survey's project")
        response_id = inserted_id(conn.execute(insert(t.survey_responses).values(
            survey_id=survey_id, phase=phase, kiosk_id=kiosk_id, created_hour=hour_of(now))))
        conn.execute(insert(t.survey_answers), [
            {"response_id": response_id, "item_id": item_id, "value": value,
             "why": scrub_text(why[item_id].strip()) if (why.get(item_id) or "").strip() else None}
            for item_id, value in answers.items()])
    return response_id


def _t975(df: int) -> float:
    from scipy.stats import t as student_t

    return float(student_t.ppf(0.975, df))


def survey_results(engine: Engine, survey_id: int) -> pd.DataFrame:
    """One row per item and phase: n, mean and 95 % CI; figures hidden (suppressed) below MIN_GROUP answers."""
    survey = get_survey(engine, survey_id)
    r, a = t.survey_responses, t.survey_answers
    with read_tx(engine) as conn:
        rows = conn.execute(select(a.c.item_id, r.c.phase, a.c.value).join(r, r.c.id == a.c.response_id)
                            .where(r.c.survey_id == survey_id)).all()
    answers = pd.DataFrame(rows, columns=["item_id", "phase", "value"])
    out = []
    for item in survey.items:
        for phase in PHASES:
            values = answers.loc[(answers.item_id == item.id) & (answers.phase == phase), "value"].astype(float)
            n = int(values.size)
            row = {"item_id": item.id, "item": item.text, "phase": phase, "n": n, "mean": math.nan,
                   "ci_low": math.nan, "ci_high": math.nan, "suppressed": n < MIN_GROUP,
                   "note": "too few answers" if n < MIN_GROUP else ""}
            if n >= MIN_GROUP:
                mean = float(values.mean())
                half = _t975(n - 1) * float(values.std(ddof=1)) / math.sqrt(n)
                row.update(mean=mean, ci_low=max(1.0, mean - half), ci_high=min(5.0, mean + half))
            out.append(row)
    return pd.DataFrame(out, columns=["item_id", "item", "phase", "n", "mean", "ci_low", "ci_high", "suppressed", "note"])
