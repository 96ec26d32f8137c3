"""Votes that hold up: frozen option versions, the baseline kept, secret ballots, per-voter shuffled order,
reopening to take a newer version, and the 0002 -> 0004 migration of existing rounds and ballots."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from input_forms import export, projects, users, voting
from input_forms import schema as t
from input_forms.errors import Conflict, Forbidden, ValidationFailed
from input_forms.tiny_plan import tiny_plan_geojson


@pytest.fixture(autouse=True)
def _fast_bcrypt(monkeypatch):
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def setup(engine):
    project = projects.create_project(engine, "Integrity")
    base = projects.add_option(engine, project.id, "Baseline", tiny_plan_geojson(width=9), is_baseline=True)
    a = projects.add_option(engine, project.id, "A", tiny_plan_geojson(width=10))
    b = projects.add_option(engine, project.id, "B", tiny_plan_geojson(width=11))
    staff = [users.create_user(engine, f"s{n}", "staff ballot passphrase", "staff", bcrypt_rounds=4) for n in range(6)]
    return engine, project, [base, a, b], staff


def test_a_round_keeps_the_version_it_opened_with(setup):
    engine, project, (base, a, b), staff = setup
    rnd = voting.open_round(engine, project.id, [base.id, a.id, b.id])
    edited = projects.update_option(engine, a.id, tiny_plan_geojson(width=14), notes="wider")
    assert edited.id == a.id and edited.version == 2
    again = voting.get_round(engine, rnd.id)
    assert again.option_versions == (1, 1, 1) and again.version_ids == (base.version_id, a.version_id, b.version_id)
    on_ballot = voting.round_options(engine, rnd.id)
    assert [ro.option.version for ro in on_ballot] == [1, 1, 1]
    assert on_ballot[1].option.plan_geojson == a.plan_geojson != edited.plan_geojson
    assert [ro.newer_exists for ro in on_ballot] == [False, True, False] and on_ballot[1].latest_version == 2
    assert on_ballot[0].option.is_baseline and on_ballot[0].option.label == "Baseline (v1, today's layout)"


def test_the_baseline_is_never_edited_in_place(setup):
    engine, project, (base, a, _), _ = setup
    copy = projects.update_option(engine, base.id, tiny_plan_geojson(width=12), author="designer")
    assert copy.id != base.id and copy.name == "Baseline – edited" and copy.version == 1 and not copy.is_baseline
    assert "edited copy of today's layout (Baseline v1)" in copy.notes
    kept = projects.get_option(engine, base.id)
    assert kept.version == 1 and kept.plan_geojson == base.plan_geojson and kept.is_baseline
    second = projects.update_option(engine, base.id, tiny_plan_geojson(width=13))
    assert second.name == "Baseline – edited 2"
    projects.set_baseline(engine, a.id)  # one baseline per project
    assert [o.name for o in projects.list_options(engine, project.id) if o.is_baseline] == ["A"]


def test_taking_a_newer_version_reopens_and_voids_after_confirmation(setup):
    engine, project, (base, a, b), staff = setup
    rnd = voting.open_round(engine, project.id, [base.id, a.id, b.id])
    for person in staff[:2]:
        voting.cast_ballot(engine, rnd.id, person.id, [[a.id]])
    projects.update_option(engine, a.id, tiny_plan_geojson(width=14))
    voting.close_round(engine, rnd.id)
    with pytest.raises(ValidationFailed, match="2 ballot"):
        voting.refresh_round(engine, rnd.id, [a.id])
    assert voting.get_round(engine, rnd.id).n_ballots == 2  # nothing happened without the confirmation
    other = voting.open_round(engine, project.id, [a.id, b.id])
    with pytest.raises(Conflict, match="close it before reopening"):
        voting.refresh_round(engine, rnd.id, [a.id], void_ballots=True)
    voting.close_round(engine, other.id)
    fresh = voting.refresh_round(engine, rnd.id, [a.id], void_ballots=True)
    assert fresh.is_open and fresh.n_ballots == 0 and fresh.voided_ballots == 2 and fresh.option_versions == (1, 2, 1)
    assert voting.my_ballot(engine, rnd.id, staff[0].id) is None
    with pytest.raises(ValidationFailed, match="not options of round"):
        voting.refresh_round(engine, rnd.id, [999])


def test_ballots_hold_no_account_and_one_per_person(setup):
    engine, project, (base, a, b), staff = setup
    rnd = voting.open_round(engine, project.id, [base.id, a.id, b.id])
    voting.cast_ballot(engine, rnd.id, staff[0].id, [[a.id]])
    voting.cast_ballot(engine, rnd.id, staff[0].id, [[b.id], [a.id]])
    voting.cast_ballot(engine, rnd.id, staff[1].id, [[a.id]])
    with engine.connect() as conn:
        rows = conn.execute(select(t.ballots)).all()
    assert len(rows) == 2 and "user_id" not in t.ballots.c
    keys = {r.voter_key for r in rows}
    assert not keys & {str(s.id) for s in staff} and not keys & {s.username for s in staff}
    assert voting.my_ballot(engine, rnd.id, staff[0].id).ranking == ((b.id,), (a.id,))
    # another round: the same person gets another key, so ballots cannot be linked across rounds
    voting.close_round(engine, rnd.id)
    second = voting.open_round(engine, project.id, [a.id, b.id])
    voting.cast_ballot(engine, second.id, staff[0].id, [[a.id]])
    with engine.connect() as conn:
        key2 = conn.execute(select(t.ballots.c.voter_key).where(t.ballots.c.round_id == second.id)).scalar()
    assert key2 not in keys
    backup = json.dumps(export.backup_project(engine, project.id))
    assert not any(s.username in backup for s in staff) and '"users"' not in backup


def test_below_min_ballots_nothing_but_the_published_winner(setup):
    engine, project, (base, a, b), staff = setup
    rnd = voting.open_round(engine, project.id, [base.id, a.id, b.id])
    for person in staff[:4]:
        voting.cast_ballot(engine, rnd.id, person.id, [[a.id], [b.id]])
    with pytest.raises(Forbidden):
        voting.round_outcome(engine, rnd.id)
    with pytest.raises(Forbidden, match="still open"):
        voting.publish_winner(engine, rnd.id)
    voting.close_round(engine, rnd.id)
    hidden = voting.round_outcome(engine, rnd.id)
    assert hidden.hidden and hidden.result is None and hidden.winners == [] and hidden.min_ballots == 5
    assert hidden.hidden_sentence() == "The round closed with fewer than 5 ballots."
    published = export.export_project_json(engine, project.id)["voting_rounds"][0]
    assert published["hidden"] and published["winners"] == [] and "margins" not in published and "n_ballots" not in published
    voting.publish_winner(engine, rnd.id)
    shown = voting.round_outcome(engine, rnd.id)
    assert shown.hidden and shown.winner_published and shown.winners == [a.id]
    exported = export.export_project_json(engine, project.id)["voting_rounds"][0]
    assert exported["winners"] == [a.id] and "method_winners" not in exported and "explanation" not in exported
    # the threshold is a project setting, never below 3
    with pytest.raises(ValidationFailed, match="at least 3"):
        voting.set_min_ballots(engine, project.id, 2)
    voting.set_min_ballots(engine, project.id, 4)
    assert projects.get_project(engine, project.id).min_ballots == 4
    counted = voting.round_outcome(engine, rnd.id)
    assert counted.shown and counted.result.n_ballots == 4 and counted.result.margins[(a.id, b.id)] == 4


def test_each_voter_sees_the_options_in_their_own_stable_order(setup):
    engine, project, (base, a, b), _ = setup
    more = [projects.add_option(engine, project.id, f"X{n}", tiny_plan_geojson(width=12 + n)) for n in range(5)]
    rnd = voting.open_round(engine, project.id, [base.id, a.id, b.id] + [o.id for o in more])
    orders = [tuple(voting.ballot_order(engine, rnd, uid)) for uid in range(1, 41)]
    assert orders[0] == tuple(voting.ballot_order(engine, rnd, 1))  # stable for the voter
    assert all(sorted(o) == sorted(rnd.option_ids) for o in orders)
    assert len(set(orders)) > 30  # 8 options: 40 voters almost never share an order
    firsts = {o[0] for o in orders}
    assert len(firsts) >= 5 and any(o[0] != base.id for o in orders)  # the baseline is not always on top


def test_round_purpose(setup):
    engine, project, (base, a, _), _ = setup
    rnd = voting.open_round(engine, project.id, [base.id, a.id], purpose="trial")
    assert rnd.is_trial
    assert voting.set_purpose(engine, rnd.id, "decisive").purpose == "decisive"
    with pytest.raises(ValidationFailed, match="purpose"):
        voting.set_purpose(engine, rnd.id, "final")


def test_a_version_1_backup_with_accounts_restores_under_voter_keys(setup):
    engine, project, (base, a, b), staff = setup
    rnd = voting.open_round(engine, project.id, [a.id, b.id])
    voting.cast_ballot(engine, rnd.id, staff[0].id, [[b.id]])
    backup = json.loads(json.dumps(export.backup_project(engine, project.id)))
    # what a backup of the old format said: the account by id and username, no frozen version
    backup["version"] = 1
    backup["users"] = [{"id": staff[0].id, "username": staff[0].username, "role": "staff"}]
    for bal in backup["ballots"]:
        bal["user_id"] = staff[0].id
        del bal["voter_key"]
    for ro in backup["round_options"]:
        del ro["option_version_id"]
    for r in backup["voting_rounds"]:
        del r["ballot_salt"], r["purpose"]
    copy = export.restore_project(engine, backup)
    restored = voting.list_rounds(engine, copy.id)[0]
    assert restored.n_ballots == 1 and restored.option_versions == (1, 1) and restored.purpose == "decisive"
    assert voting.my_ballot(engine, restored.id, staff[0].id) is not None


def test_migration_0004_freezes_versions_and_keys_existing_ballots(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from input_forms.db import _alembic_config, make_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    with old.begin() as conn:
        command.upgrade(_alembic_config(conn), "0002")
    opened = datetime(2026, 3, 1, 12)
    with old.begin() as conn:
        conn.exec_driver_sql("INSERT INTO projects (id, name, description, created_at) VALUES (1, 'P', '', '2026-01-01')")
        conn.exec_driver_sql("INSERT INTO users (id, username, password_hash, role, display_name, staff_title, active, "
                             "created_at) VALUES (7, 'ann', 'x', 'staff', '', '', 1, '2026-01-01')")
        for oid, name, version in ((1, "Baseline", 1), (2, "Option A", 2)):
            conn.exec_driver_sql(f"INSERT INTO layout_options (id, project_id, name, version, created_at) "
                                 f"VALUES ({oid}, 1, '{name}', {version}, '2026-01-01')")
        conn.exec_driver_sql("INSERT INTO option_versions (option_id, version, plan_geojson, author, notes, created_at) "
                             "VALUES (1, 1, 'p1', '', '', '2026-01-01'), (2, 1, 'a1', '', '', '2026-01-01'), "
                             "(2, 2, 'a2', '', '', '2026-03-05')")
        conn.exec_driver_sql("INSERT INTO voting_rounds (id, project_id, title, status, opened_at) "
                             "VALUES (1, 1, 'Prøverunde', 'closed', ?)", (opened,))
        conn.exec_driver_sql("INSERT INTO round_options (round_id, option_id, position) VALUES (1, 1, 0), (1, 2, 1)")
        conn.exec_driver_sql("INSERT INTO ballots (round_id, user_id, ranking, cast_at, updated_at) "
                             "VALUES (1, 7, '[[2], [1]]', '2026-03-02', '2026-03-02')")
    old.dispose()
    engine = make_engine(url)  # migrates to head
    rnd = voting.get_round(engine, 1)
    assert rnd.purpose == "trial" and rnd.option_versions == (1, 1)  # A's version 2 came after the round opened
    assert [o.name for o in projects.list_options(engine, 1) if o.is_baseline] == ["Baseline"]
    assert projects.get_project(engine, 1).min_ballots == 5
    assert voting.my_ballot(engine, 1, 7).ranking == ((2,), (1,))
    engine.dispose()
