"""Export for publishing, and full backup/restore of a project.

``export_project_json`` / ``export_feedback_csv`` hold only what a facilitator
may publish, all of it from input_forms.publication (so the tables and the
rows hide the same groups, and nothing in them can be subtracted to recover a
hidden one): aggregates, entries with the week (not the day or hour) and only
when every group they fall in is published, approved free text only, closed
voting rounds (their count only from the project's min_ballots ballots on, see
input_forms.voting.round_outcome), survey results, and kiosk labels but never
kiosk tokens, ballots or account data.

``backup_project`` is everything about one project (including pending text,
kiosk tokens, the ballots under their voter keys, never by account or name,
and staff comments with their authors' pseudonyms) so that
``restore_project`` can rebuild it in the same or another database. Rejected
text is not in a backup because it was deleted when it was rejected. Restore
is one transaction: a damaged backup stores nothing.
"""

from __future__ import annotations

import csv
import io
import json
import math
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from . import comments, kiosks, publication, surveys, voting
from . import schema as t
from .db import hour_of, inserted_id, read_tx, write_tx
from .errors import NotFound, ValidationFailed
from .models import Project
from .projects import get_project, list_options
from .publication import csv_safe

__all__ = ["export_project_json", "export_feedback_csv", "backup_project", "restore_project", "BACKUP_FORMAT"]

BACKUP_FORMAT = "jobcentre-codesign-backup"
BACKUP_VERSION = 2  # 2: ballots by voter key (no accounts), frozen round versions, baseline, round purpose
READABLE_VERSIONS = (1, 2)
CSV_COLUMNS = ["option", "kiosk", "week", "language", "rating", "calmer", "pin_x", "pin_y", "pin_category", "text"]


def _plain(value: Any) -> Any:
    """JSON-safe: NaN/NA -> None, numpy scalars -> Python, datetimes -> ISO text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _records(frame) -> list[dict]:
    return [_plain(r) for r in frame.astype(object).to_dict("records")]


def export_feedback_csv(engine: Engine, project_id: int) -> str:
    """One row per published entry (publication.Publication.rows: week only, approved text only), CSV text.

    Text cells that a spreadsheet would read as a formula (starting with = + - @, tab or CR) get a leading
    apostrophe, so opening the file runs nothing.
    """
    get_project(engine, project_id)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in publication.publish(engine, project_id).rows():
        writer.writerow({k: "" if v is None else csv_safe(v) for k, v in row.items()})
    return buffer.getvalue()


def export_project_json(engine: Engine, project_id: int) -> dict:
    """Everything publishable about the project as a JSON-ready dict."""
    project = get_project(engine, project_id)
    options = list_options(engine, project_id)
    with read_tx(engine) as conn:
        kiosk_labels = conn.execute(select(t.kiosks.c.id, t.kiosks.c.location_label)
                                    .where(t.kiosks.c.project_id == project_id).order_by(t.kiosks.c.id)).all()
    rounds = []
    for rnd in voting.list_rounds(engine, project_id):
        if rnd.is_open:
            continue
        outcome = voting.round_outcome(engine, rnd.id)
        entry = {"round_id": rnd.id, "title": rnd.title, "purpose": rnd.purpose, "closed_at": _plain(rnd.closed_at),
                 "options": {str(k): v for k, v in outcome.option_names.items()},
                 "versions": {str(k): v for k, v in zip(rnd.option_ids, rnd.option_versions, strict=True)},
                 "winners": outcome.winners}
        result = outcome.result
        if result is None:  # secret ballot: no count, no margins, no per-method winners
            entry.update({"hidden": True, "note": outcome.hidden_sentence(), "winner_published": outcome.winner_published})
        else:
            entry.update({"hidden": False, "n_ballots": result.n_ballots, "method_winners": result.method_winners,
                          "margins": {f"{a}>{b}": m for (a, b), m in result.margins.items()},
                          "scores": _plain(result.scores), "explanation": result.explanation})
        rounds.append(entry)
    survey_results = []
    for survey in surveys.list_surveys(engine, project_id):
        survey_results.append({"survey_id": survey.id, "title": survey.title,
                               "results": _records(publication.survey_table(engine, survey.id))})
    published = publication.publish(engine, project_id)
    return _plain({
        "project": {"id": project.id, "name": project.name, "description": project.description},
        "exported_at": hour_of(),  # the hour only: exports hold no exact time
        "min_group": published.min_group,
        "hidden_groups": (f"Groups of fewer than {published.min_group} answers, in any table, are left out of "
                          "every figure, total and row (their count is not given either)."),
        "options": [{"id": o.id, "name": o.name, "version": o.version, "is_baseline": o.is_baseline, "author": o.author,
                     "notes": o.notes, "plan": json.loads(o.plan_geojson)} for o in options],
        "kiosks": [{"id": k.id, "location": k.location_label} for k in kiosk_labels],
        "totals": _records(published.totals),
        "summary_by_option": _records(published.by_option),
        "summary_by_kiosk": _records(published.by_kiosk),
        "summary_by_language": _records(published.by_language),
        "summary_by_week": _records(published.by_period),
        "item_shares": _records(published.item_shares()),
        "suggested_weights": published.suggested_weights(),
        "feedback": published.rows(),
        "voting_rounds": rounds,
        "surveys": survey_results,
        "staff_comments": _published_comments(engine, project_id),
        "staff_comment_counts": _records(comments.comment_counts(engine, project_id)),
    })


def _published_comments(engine: Engine, project_id: int) -> list[dict]:
    """Staff comments as others see them: role (name only if the author chose), day, answer; no pseudonym."""
    return [{"id": c.id, "option_id": c.option_id, "made_on_version": c.option_version, "category": c.category,
             "text": c.text, "by": c.shown_as, "x": c.x, "y": c.y, "feature_id": c.feature_id,
             "date": c.created_hour.date().isoformat(), "status": c.status, "reason": c.reason,
             "answered_version": c.answered_version}
            for c in comments.list_comments(engine, project_id=project_id)]


# --- backup / restore ----------------------------------------------------------------------------

def _rows(conn, table, where) -> list[dict]:
    return [{k: _plain(v) for k, v in r._mapping.items()} for r in conn.execute(select(table).where(where).order_by(*table.primary_key.columns))]


def backup_project(engine: Engine, project_id: int) -> dict:
    """A complete, JSON-ready copy of one project (see module doc)."""
    with read_tx(engine) as conn:
        project = conn.execute(select(t.projects).where(t.projects.c.id == project_id)).first()
        if project is None:
            raise NotFound(f"no project with id {project_id}")
        options = _rows(conn, t.layout_options, t.layout_options.c.project_id == project_id)
        option_ids = [o["id"] for o in options]
        rounds = _rows(conn, t.voting_rounds, t.voting_rounds.c.project_id == project_id)
        round_ids = [r["id"] for r in rounds]
        feedback = _rows(conn, t.feedback, t.feedback.c.project_id == project_id)
        survey_rows = _rows(conn, t.surveys, t.surveys.c.project_id == project_id)
        survey_ids = [s["id"] for s in survey_rows]
        responses = _rows(conn, t.survey_responses, t.survey_responses.c.survey_id.in_(survey_ids))
        ballots = _rows(conn, t.ballots, t.ballots.c.round_id.in_(round_ids))
        data = {
            "format": BACKUP_FORMAT, "version": BACKUP_VERSION, "created_at": _plain(hour_of()),
            "project": {k: _plain(v) for k, v in project._mapping.items()},
            "layout_options": options,
            "option_versions": _rows(conn, t.option_versions, t.option_versions.c.option_id.in_(option_ids)),
            "kiosks": _rows(conn, t.kiosks, t.kiosks.c.project_id == project_id),
            "calmer_items": _rows(conn, t.calmer_items, t.calmer_items.c.project_id == project_id),
            "feedback": feedback,
            "feedback_calmer": _rows(conn, t.feedback_calmer, t.feedback_calmer.c.feedback_id.in_([f["id"] for f in feedback])),
            "voting_rounds": rounds,
            "round_options": _rows(conn, t.round_options, t.round_options.c.round_id.in_(round_ids)),
            "ballots": ballots,  # under voter keys: no account, no name
            "surveys": survey_rows,
            "survey_items": _rows(conn, t.survey_items, t.survey_items.c.survey_id.in_(survey_ids)),
            "survey_responses": responses,
            "survey_answers": _rows(conn, t.survey_answers, t.survey_answers.c.response_id.in_([r["id"] for r in responses])),
            "staff_comments": _rows(conn, t.staff_comments, t.staff_comments.c.project_id == project_id),
        }
    return data


def _dt(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def restore_project(engine: Engine, backup: dict) -> Project:
    """Rebuild a backed-up project as a new project (new ids); returns it. ValidationFailed stores nothing."""
    if not isinstance(backup, dict) or backup.get("format") != BACKUP_FORMAT:
        raise ValidationFailed(f"this is not a project backup (format should be {BACKUP_FORMAT!r})")
    if backup.get("version") not in READABLE_VERSIONS:
        raise ValidationFailed(f"backup version {backup.get('version')!r} is not supported "
                               f"(expected one of {', '.join(map(str, READABLE_VERSIONS))})")
    try:
        with write_tx(engine) as conn:
            project_id = _restore(conn, backup)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ValidationFailed):
            raise
        raise ValidationFailed(f"the backup is damaged ({type(exc).__name__}: {exc}); nothing was restored") from None
    return get_project(engine, project_id)


def _legacy_voter(conn: Connection, b: dict, user_id: int, salt: str) -> str:
    """A version-1 backup named each ballot's account by username: the voter key of that account here,
    or, for an account this database does not have, a key nobody can claim (the ballot still counts)."""
    username = next((u["username"] for u in b.get("users", []) if u["id"] == user_id), None)
    row = conn.execute(select(t.users.c.id).where(t.users.c.username == username)).first() if username else None
    if row is None:
        return secrets.token_hex(16)
    return voting.voter_key(conn.engine, salt, row.id)


def _restored_url(value: Any) -> str | None:
    """A backed-up public address, checked again (a damaged or hand-edited one is dropped, not stored)."""
    try:
        return None if value is None else kiosks.check_public_base_url(value)
    except ValidationFailed:
        return None


def _float_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


@dataclass
class _NewIds:
    """Old id -> new id, per table, filled step by step as a backup is restored."""

    project: int
    options: dict[int, int] = field(default_factory=dict)
    versions: dict[int, int] = field(default_factory=dict)  # option version row ids
    option_version: dict[int, int] = field(default_factory=dict)  # old option id -> its current version's new id
    kiosks: dict[int, int] = field(default_factory=dict)
    feedback: dict[int, int] = field(default_factory=dict)
    rounds: dict[int, int] = field(default_factory=dict)
    salts: dict[int, str] = field(default_factory=dict)  # old round id -> its ballot salt
    surveys: dict[int, int] = field(default_factory=dict)
    survey_items: dict[int, int] = field(default_factory=dict)
    responses: dict[int, int] = field(default_factory=dict)


def _restore(conn: Connection, b: dict) -> int:
    """One remapping pass, parents before children, so every foreign key finds its new id."""
    ids = _restore_project_row(conn, b["project"])
    for step in (_restore_options, _restore_kiosks, _restore_feedback, _restore_votes, _restore_surveys,
                 _restore_staff_comments):
        step(conn, b, ids)
    return ids.project


def _restore_project_row(conn: Connection, p: dict) -> _NewIds:
    min_ballots = max(int(p.get("min_ballots", 5)), voting.MIN_BALLOTS_FLOOR)
    return _NewIds(project=inserted_id(conn.execute(insert(t.projects).values(
        name=p["name"], description=p.get("description", ""), created_at=_dt(p["created_at"]), min_ballots=min_ballots,
        public_base_url=_restored_url(p.get("public_base_url"))))))


def _restore_options(conn: Connection, b: dict, ids: _NewIds) -> None:
    for o in b["layout_options"]:
        ids.options[o["id"]] = inserted_id(conn.execute(insert(t.layout_options).values(
            project_id=ids.project, name=o["name"], version=o["version"], created_at=_dt(o["created_at"]),
            is_baseline=bool(o.get("is_baseline", False)))))
    current_version: dict[tuple[int, int], int] = {}  # (old option id, version) -> new version id
    for v in b["option_versions"]:
        new_id = inserted_id(conn.execute(insert(t.option_versions).values(
            option_id=ids.options[v["option_id"]], version=v["version"], plan_geojson=v["plan_geojson"], author=v["author"],
            notes=v["notes"], created_at=_dt(v["created_at"]))))
        if "id" in v:
            ids.versions[v["id"]] = new_id
        current_version[(v["option_id"], v["version"])] = new_id
    ids.option_version.update({o["id"]: current_version[(o["id"], o["version"])] for o in b["layout_options"]})


def _restore_kiosks(conn: Connection, b: dict, ids: _NewIds) -> None:
    for k in b["kiosks"]:
        token = k["token"]
        if conn.execute(select(t.kiosks.c.id).where(t.kiosks.c.token == token)).first():
            token = secrets.token_urlsafe(16)  # restored beside the original: the copy gets its own token
        ids.kiosks[k["id"]] = inserted_id(conn.execute(insert(t.kiosks).values(
            project_id=ids.project, option_id=ids.options.get(k["option_id"]), location_label=k["location_label"],
            token=token, active=k["active"], accepted_hour=None, accepted_in_hour=0,
            created_at=_dt(k["created_at"]), here_x=_float_or_none(k.get("here_x")),
            here_y=_float_or_none(k.get("here_y")))))
    for c in b["calmer_items"]:
        conn.execute(insert(t.calmer_items).values(project_id=ids.project, key=c["key"], label_da=c["label_da"],
                                                   label_en=c["label_en"], active=c["active"], position=c["position"]))


def _restore_feedback(conn: Connection, b: dict, ids: _NewIds) -> None:
    for f in b["feedback"]:
        ids.feedback[f["id"]] = inserted_id(conn.execute(insert(t.feedback).values(
            project_id=ids.project, kiosk_id=ids.kiosks[f["kiosk_id"]], client_id=f["client_id"],
            option_id=ids.options.get(f["option_id"]), rating=f["rating"], language=f["language"],
            created_hour=_dt(f["created_hour"]), pin_option_id=ids.options.get(f["pin_option_id"]), pin_x=f["pin_x"],
            pin_y=f["pin_y"], pin_category=f["pin_category"], text=f["text"], text_status=f["text_status"],
        )))
    if b["feedback_calmer"]:
        conn.execute(insert(t.feedback_calmer), [{"feedback_id": ids.feedback[c["feedback_id"]], "item_key": c["item_key"]}
                                                 for c in b["feedback_calmer"]])


def _restore_votes(conn: Connection, b: dict, ids: _NewIds) -> None:
    for r in b["voting_rounds"]:
        ids.salts[r["id"]] = r.get("ballot_salt") or secrets.token_hex(16)
        ids.rounds[r["id"]] = inserted_id(conn.execute(insert(t.voting_rounds).values(
            project_id=ids.project, title=r["title"], status=r["status"], opened_at=_dt(r["opened_at"]),
            closed_at=_dt(r["closed_at"]), purpose=r.get("purpose", "decisive"),
            publish_winner=bool(r.get("publish_winner", False)), voided_ballots=int(r.get("voided_ballots", 0)),
            ballot_salt=ids.salts[r["id"]])))
    for ro in b["round_options"]:
        # a version-1 backup knew no frozen versions: the option's version at backup time stands in
        version_id = ids.versions[ro["option_version_id"]] if "option_version_id" in ro else ids.option_version[ro["option_id"]]
        conn.execute(insert(t.round_options).values(round_id=ids.rounds[ro["round_id"]], option_id=ids.options[ro["option_id"]],
                                                    position=ro["position"], option_version_id=version_id))
    for bal in b["ballots"]:
        tiers = [[ids.options[o] for o in tier] for tier in json.loads(bal["ranking"])]
        key = bal["voter_key"] if "voter_key" in bal else _legacy_voter(conn, b, bal["user_id"], ids.salts[bal["round_id"]])
        conn.execute(insert(t.ballots).values(round_id=ids.rounds[bal["round_id"]], voter_key=key,
                                              ranking=json.dumps(tiers), cast_at=_dt(bal["cast_at"]),
                                              updated_at=_dt(bal["updated_at"])))


def _restore_surveys(conn: Connection, b: dict, ids: _NewIds) -> None:
    for s in b["surveys"]:
        ids.surveys[s["id"]] = inserted_id(conn.execute(insert(t.surveys).values(
            project_id=ids.project, title=s["title"], created_at=_dt(s["created_at"]))))
    for i in b["survey_items"]:
        ids.survey_items[i["id"]] = inserted_id(conn.execute(insert(t.survey_items).values(
            survey_id=ids.surveys[i["survey_id"]], position=i["position"], text=i["text"])))
    for r in b["survey_responses"]:
        ids.responses[r["id"]] = inserted_id(conn.execute(insert(t.survey_responses).values(
            survey_id=ids.surveys[r["survey_id"]], phase=r["phase"], kiosk_id=ids.kiosks.get(r["kiosk_id"]),
            created_hour=_dt(r["created_hour"]))))
    if b["survey_answers"]:
        conn.execute(insert(t.survey_answers), [
            {"response_id": ids.responses[a["response_id"]], "item_id": ids.survey_items[a["item_id"]],
             "value": a["value"], "why": a["why"]} for a in b["survey_answers"]])


def _restore_staff_comments(conn: Connection, b: dict, ids: _NewIds) -> None:
    for c in b.get("staff_comments", []):  # absent from backups made before staff comments existed
        conn.execute(insert(t.staff_comments).values(
            project_id=ids.project, option_id=ids.options[c["option_id"]], option_version=c["option_version"],
            feature_id=c["feature_id"], pin_x=c["pin_x"], pin_y=c["pin_y"], category=c["category"], text=c["text"],
            author_role=c["author_role"], author_name=c["author_name"], author_ref=c["author_ref"],
            status=c["status"], reason=c["reason"], answered_version=c["answered_version"],
            created_hour=_dt(c["created_hour"]), answered_at=_dt(c["answered_at"])))
