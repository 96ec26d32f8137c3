"""Storage: engine factory, migrations, users and projects/options on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect

from input_forms import projects, users
from input_forms.db import current_revision, head_revision, make_engine
from input_forms.errors import Conflict, NotFound, ValidationFailed
from input_forms.tiny_plan import tiny_plan_geojson


@pytest.fixture(autouse=True)
def _fast_bcrypt(monkeypatch):
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)


def test_fresh_database_is_migrated_to_head(engine):
    assert current_revision(engine) == head_revision() is not None
    tables = set(inspect(engine).get_table_names())
    assert {"projects", "layout_options", "option_versions", "kiosks", "feedback", "voting_rounds", "ballots",
            "surveys", "survey_responses", "users"} <= tables


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
    eng.dispose()
    # a second engine on the same file finds it migrated and keeps the data
    again = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    assert current_revision(again) == head_revision()


def test_database_url_env_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    eng = make_engine()
    assert (tmp_path / "env.db").exists()
    assert eng.url.database == str(tmp_path / "env.db")


def test_bad_url_is_a_clear_error():
    with pytest.raises(ValueError, match="not a valid SQLAlchemy URL"):
        make_engine("no such url")


def test_users_roles_and_authentication(engine):
    fac = users.create_user(engine, "Anna", "amber lantern river", "facilitator", display_name="Anna F.")
    assert fac.role == "facilitator" and fac.active
    assert users.authenticate(engine, "anna", "amber lantern river") == fac
    assert users.authenticate(engine, "anna", "wrong") is None
    assert users.authenticate(engine, "nobody", "amber lantern river") is None
    with pytest.raises(Conflict, match="already taken"):
        users.create_user(engine, "ANNA", "quiet harbour bells", "staff")
    with pytest.raises(ValidationFailed, match="role 'boss'"):
        users.create_user(engine, "bob", "amber lantern river", "boss")
    with pytest.raises(ValidationFailed, match="password"):
        users.create_user(engine, "bob", "x", "staff")
    staff = users.create_user(engine, "bob", "copper meadow stone", "staff", staff_title="caseworker")
    assert [u.username for u in users.list_users(engine)] == ["Anna", "bob"]
    users.set_password(engine, staff.id, "violet orchard paths")
    assert users.authenticate(engine, "bob", "violet orchard paths") is not None
    users.deactivate_user(engine, staff.id)
    assert users.authenticate(engine, "bob", "violet orchard paths") is None
    with pytest.raises(NotFound):
        users.deactivate_user(engine, 9999)


def test_options_are_validated_versioned_and_duplicated(engine):
    project = projects.create_project(engine, "Jobcenter Nord", "redesign of the ground floor")
    assert projects.list_projects(engine) == [project]
    option = projects.add_option(engine, project.id, "Baseline", tiny_plan_geojson(), author="Dina", notes="as is")
    assert option.version == 1 and option.plan().rooms[0].id == "r1"
    updated = projects.update_option(engine, option.id, tiny_plan_geojson(width=15), author="Dina", notes="wider")
    assert updated.version == 2 and updated.notes == "wider"
    assert [v.version for v in projects.option_versions(engine, option.id)] == [1, 2]
    assert projects.get_option(engine, option.id, version=1).plan().floor_area == pytest.approx(96.0)
    assert updated.plan().floor_area == pytest.approx(120.0)
    copy = projects.duplicate_option(engine, option.id, "Option A", author="Eva")
    assert copy.version == 1 and copy.plan_geojson == updated.plan_geojson and "Baseline v2" in copy.notes
    assert [o.name for o in projects.list_options(engine, project.id)] == ["Baseline", "Option A"]
    with pytest.raises(Conflict, match="Option A"):
        projects.add_option(engine, project.id, "Option A", tiny_plan_geojson())
    with pytest.raises(NotFound):
        projects.get_option(engine, 12345)


def test_invalid_plan_is_refused_and_nothing_stored(engine):
    project = projects.create_project(engine, "P")
    with pytest.raises(ValidationFailed, match="cannot be read") as info:
        projects.add_option(engine, project.id, "Broken", "{not json")
    assert info.value.problems
    doc = json.loads(tiny_plan_geojson())
    doc["features"] = [f for f in doc["features"] if f["id"] != "d1"]  # no entrance
    with pytest.raises(ValidationFailed, match="entrance"):
        projects.add_option(engine, project.id, "No entrance", json.dumps(doc))
    assert projects.list_options(engine, project.id) == []
    with pytest.raises(ValidationFailed, match="must not be empty"):
        projects.create_project(engine, "  ")


def test_migrations_match_the_schema_module(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from input_forms.schema import metadata

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == []


def test_in_memory_database_works_for_single_user_scripts():
    from input_forms import feedback, kiosks

    eng = make_engine("sqlite://")
    project = projects.create_project(eng, "memory")
    kiosk = kiosks.register_kiosk(eng, project.id, "desk")
    assert feedback.submit_feedback(eng, {"client_id": "abcdefgh", "kiosk_token": kiosk.token, "rating": 3}).stored
