"""No time finer than an hour is stored, backed up or exported (ballots and staff comments: the day only).

The check reads every column of every table as the database has it (reflected, not the schema module, so a
column added without the Hour type is caught) after the demo and one of each citizen and staff action made
*now*, at a moment with minutes and seconds; then every value of a backup, the JSON export and the CSV.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from sqlalchemy import MetaData, select

from input_forms import comments, export, feedback, kiosks, projects, surveys, users, voting
from input_forms.demo import DEMO_KIOSK_TOKEN, seed_demo
from input_forms.tiny_plan import tiny_plan_geojson

#: tables whose times are days, not hours
DAY_TABLES = {"ballots", "staff_comments"}
#: Staff sign-in security, nothing a citizen did: the throttle's growing delays and a session token's expiry need
#: seconds. Neither table belongs to a project, so no backup or export carries them (checked below).
STAFF_SECURITY_TABLES = {"auth_sessions", "sign_in_throttle"}
#: epoch seconds between 2001 and 2096: an int or float column with such a value is a hidden timestamp
EPOCH = (1.0e9, 4.0e9)
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?")


def _problems_in_value(where: str, value, day: bool) -> list[str]:
    if isinstance(value, datetime):
        if (value.minute, value.second, value.microsecond) != (0, 0, 0) or (day and value.hour != 0):
            return [f"{where} = {value.isoformat()}"]
    elif isinstance(value, bool) or value is None:
        return []
    elif isinstance(value, (int, float)):
        if EPOCH[0] <= value <= EPOCH[1]:
            return [f"{where} = {value} (looks like epoch seconds)"]
    elif isinstance(value, str):
        return [f"{where} contains {m.group(0)}" for m in ISO_TIME.finditer(value)
                if m.group(2) != "00" or (m.group(3) or "00") != "00" or int(m.group(4) or 0) or (day and m.group(1) != "00")]
    elif isinstance(value, dict):
        return [p for k, v in value.items() for p in _problems_in_value(f"{where}.{k}", v, day or k in DAY_TABLES)]
    elif isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _problems_in_value(f"{where}[{i}]", v, day)]
    return []


@pytest.fixture
def busy(engine):
    """The demo project, and one of everything done at 13:47:21.123456."""
    seed_demo(engine, if_empty=True)
    [project] = projects.list_projects(engine)
    moment = datetime(2026, 12, 2, 13, 47, 21, 123456)
    kiosk = kiosks.kiosk_by_token(engine, DEMO_KIOSK_TOKEN)
    assert kiosk is not None
    feedback.submit_feedback(engine, {"client_id": "exact-time-1", "kiosk_token": kiosk.token, "rating": 4,
                                      "text": "Mødet 12.03.2024 kl. 10:30:15 var godt"}, now=moment, min_gap_s=5)
    option = projects.add_option(engine, project.id, "Exact", tiny_plan_geojson())
    projects.update_option(engine, option.id, tiny_plan_geojson(), notes="v2")
    voter = users.create_user(engine, "exact-voter", "a long enough password", "staff", bcrypt_rounds=4)
    current = voting.current_round(engine, project.id)
    if current is not None:
        voting.close_round(engine, current.id)
    ids = [o.id for o in projects.list_options(engine, project.id)][:2]
    rnd = voting.open_round(engine, project.id, ids)
    voting.cast_ballot(engine, rnd.id, voter.id, [[ids[0]], [ids[1]]])
    voting.cast_ballot(engine, rnd.id, voter.id, [[ids[1]], [ids[0]]])  # changed: updated_at moves
    voting.close_round(engine, rnd.id)
    made = comments.add_comment(engine, voter, {"option_id": option.id, "category": "idea", "x": 1, "y": 1,
                                                "text": "A plant here"})
    designer = users.create_user(engine, "exact-designer", "a long enough password", "designer", bcrypt_rounds=4)
    comments.answer_comment(engine, made.id, designer, "taken")
    [survey] = surveys.list_surveys(engine, project.id)
    surveys.submit_response(engine, survey.id, "after", {item.id: 4 for item in survey.items}, kiosk_id=kiosk.id,
                            now=moment)
    restored = export.restore_project(engine, export.backup_project(engine, project.id))  # restore writes too
    return engine, project, restored


def test_no_column_of_any_table_holds_a_time_finer_than_an_hour(busy):
    engine, _, _ = busy
    reflected = MetaData()
    reflected.reflect(engine)
    problems, empty = [], []
    with engine.connect() as conn:
        for name, table in sorted(reflected.tables.items()):
            if name == "alembic_version" or name in STAFF_SECURITY_TABLES:
                continue
            rows = conn.execute(select(table)).all()
            if not rows:
                empty.append(name)
            for row in rows:
                for column, value in row._mapping.items():
                    problems += _problems_in_value(f"{name}.{column}", value, name in DAY_TABLES)
    assert problems == []
    assert empty == []  # every table was looked at with data in it: the check cannot pass on empty tables
    assert "last_accepted_at" not in reflected.tables["kiosks"].c


def test_no_backup_or_export_holds_a_time_finer_than_an_hour(busy):
    engine, project, restored = busy
    for project_id in (project.id, restored.id):
        backup = export.backup_project(engine, project_id)
        assert backup["ballots"] and backup["staff_comments"] and backup["feedback"]
        assert not STAFF_SECURITY_TABLES & set(backup)
        assert _problems_in_value("backup", json.loads(json.dumps(backup)), False) == []
        published = export.export_project_json(engine, project_id)
        assert _problems_in_value("export", json.loads(json.dumps(published)), False) == []
        assert _problems_in_value("csv", export.export_feedback_csv(engine, project_id), False) == []


def test_the_check_itself_sees_exact_times():
    assert _problems_in_value("t.c", datetime(2026, 1, 1, 10, 0, 0, 1), False)
    assert _problems_in_value("ballots.cast_at", datetime(2026, 1, 1, 10), True)
    assert _problems_in_value("kiosks.last", 1764682041.5, False)
    assert _problems_in_value("backup", {"ballots": [{"cast_at": "2026-01-01T10:00:00"}]}, False)
    assert _problems_in_value("backup", {"created_at": "2026-01-01T10:47:00"}, False)
    assert not _problems_in_value("backup", {"created_at": "2026-01-01T10:00:00", "n": 12}, False)


def test_migration_0003_coarsens_the_times_already_stored(engine):
    """A database from before 0003, with exact times, comes out of the upgrade with hours and days only."""
    import sqlalchemy as sa
    from alembic import command

    from input_forms.db import _alembic_config

    exact = datetime(2026, 11, 30, 14, 33, 7, 654321)
    with engine.connect() as conn:
        command.downgrade(_alembic_config(conn), "0002")
        conn.commit()

        def table(name, *columns):
            return sa.table(name, *(sa.column(c) for c in columns))

        conn.execute(table("users", "id", "username", "password_hash", "role", "display_name", "staff_title", "active",
                           "created_at").insert().values(id=1, username="u", password_hash="x", role="staff",
                                                         display_name="", staff_title="", active=True, created_at=exact))
        conn.execute(table("projects", "id", "name", "description", "created_at").insert().values(
            id=1, name="p", description="", created_at=exact))
        conn.execute(table("kiosks", "id", "project_id", "location_label", "token", "active", "last_accepted_at",
                           "created_at").insert().values(id=1, project_id=1, location_label="desk", token="tok-123456",
                                                         active=True, last_accepted_at=exact.timestamp(), created_at=exact))
        conn.execute(table("feedback", "id", "project_id", "kiosk_id", "client_id", "rating", "language", "created_hour",
                           "text_status").insert().values(id=1, project_id=1, kiosk_id=1, client_id="c-12345678", rating=3,
                                                          language="da", created_hour=exact, text_status="none"))
        conn.execute(table("voting_rounds", "id", "project_id", "title", "status", "opened_at", "closed_at").insert().values(
            id=1, project_id=1, title="", status="closed", opened_at=exact, closed_at=exact))
        conn.execute(table("ballots", "id", "round_id", "user_id", "ranking", "cast_at", "updated_at").insert().values(
            id=1, round_id=1, user_id=1, ranking="[]", cast_at=exact, updated_at=exact))
        conn.commit()
        command.upgrade(_alembic_config(conn), "head")
        conn.commit()
    reflected = MetaData()
    reflected.reflect(engine)
    with engine.connect() as conn:
        values = {(name, column): value for name, t in reflected.tables.items() if name != "alembic_version"
                  for row in conn.execute(select(t)).all() for column, value in row._mapping.items()}
    problems = [p for (name, column), value in values.items()
                for p in _problems_in_value(f"{name}.{column}", value, name in DAY_TABLES)]
    assert problems == []
    assert values[("feedback", "created_hour")] == datetime(2026, 11, 30, 14)
    assert values[("ballots", "cast_at")] == datetime(2026, 11, 30)
    assert values[("kiosks", "accepted_hour")] is None and values[("kiosks", "accepted_in_hour")] == 0
    assert ("kiosks", "last_accepted_at") not in values
