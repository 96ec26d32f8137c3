"""The staff-comment pseudonym key lives apart from the data: made private in the config folder, never in a
backup or export, moved out of the data folder if an older version left it there, and rotatable.

The attack of issue 14: with a copy of the data folder and a backup, compute the HMAC of user ids 1..N under
every key one can find there, and match the pseudonym of a comment whose author did not show a name."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import stat

import pytest
from sqlalchemy import select

from input_forms import comments, export, projects, pseudonym, users
from input_forms import schema as t
from input_forms.__main__ import main
from input_forms.db import make_engine
from input_forms.tiny_plan import tiny_plan_geojson


@pytest.fixture
def installation(tmp_path, monkeypatch):
    """A data folder with the database, a config folder apart, no key from the environment."""
    monkeypatch.delenv("INPUT_FORMS_AUTHOR_KEY", raising=False)
    monkeypatch.delenv("INPUT_FORMS_AUTHOR_KEY_FILE", raising=False)
    monkeypatch.setenv("INPUT_FORMS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(pseudonym, "LEGACY_KEY_FILE", tmp_path / "data" / "author.key")
    pseudonym._cache.clear()
    data = tmp_path / "data"
    engine = make_engine(f"sqlite:///{data / 'jobcenter.db'}")
    yield engine, data, tmp_path / "config"
    engine.dispose()
    pseudonym._cache.clear()


def _world(engine):
    project = projects.create_project(engine, "Keys")
    option = projects.add_option(engine, project.id, "A", tiny_plan_geojson())
    people = [users.create_user(engine, f"staff{n}", f"password-{n}-long", "staff", display_name=f"Person {n}",
                                bcrypt_rounds=4) for n in range(1, 6)]
    for n, person in enumerate(people):
        comments.add_comment(engine, person, {"option_id": option.id, "category": "idea", "x": 1, "y": 1,
                                              "text": f"idea {n}", "show_name": n != 2})
    return project, people


def _refs(engine) -> list[tuple[str | None, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(t.staff_comments.c.author_name, t.staff_comments.c.author_ref)
                                               .order_by(t.staff_comments.c.id))]


def _ref(key: bytes, user_id: int) -> str:
    return hmac.new(key, f"staff-comment-author:{user_id}".encode(), hashlib.sha256).hexdigest()[:32]


def test_the_key_is_made_private_in_the_config_folder_not_the_data_folder(installation):
    engine, data, config = installation
    _world(engine)
    key_file = config / "author-key"
    assert pseudonym.key_source() == key_file and key_file.is_file()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.stat().st_mode) & 0o077 == 0
    assert not [p for p in data.rglob("*") if "key" in p.name]
    pseudonym._cache.clear()
    assert pseudonym.author_ref(3, engine) == pseudonym.author_ref(3, engine) != pseudonym.author_ref(4, engine)


def test_a_backup_plus_the_data_folder_cannot_recover_an_author_who_showed_no_name(engine, tmp_path, tmp_path_factory,
                                                                                    monkeypatch):
    """On SQLite the data folder holds the database file; on both, it gets a dump of every table and a backup."""
    from sqlalchemy import MetaData

    monkeypatch.delenv("INPUT_FORMS_AUTHOR_KEY", raising=False)
    monkeypatch.delenv("INPUT_FORMS_AUTHOR_KEY_FILE", raising=False)
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("INPUT_FORMS_CONFIG_DIR", str(config))
    monkeypatch.setattr(pseudonym, "LEGACY_KEY_FILE", tmp_path / "author.key")
    pseudonym._cache.clear()
    data = tmp_path  # the engine fixture's SQLite file lies here
    project, people = _world(engine)
    (data / "backup.json").write_text(json.dumps(export.backup_project(engine, project.id)), encoding="utf-8")
    (data / "export.json").write_text(json.dumps(export.export_project_json(engine, project.id)), encoding="utf-8")
    reflected = MetaData()
    reflected.reflect(engine)
    with engine.connect() as conn, open(data / "dump.txt", "w", encoding="utf-8") as dump:
        for table in reflected.tables.values():
            for row in conn.execute(select(table)):
                dump.write(" ".join(str(v) for v in row) + "\n")
    [hidden] = [ref for name, ref in _refs(engine) if name is None]
    engine.dispose()  # the SQLite file complete on disk, as an attacker would copy it
    pseudonym._cache.clear()
    # every key the attacker can find: each file of the data folder whole, and every token-like string in it
    candidates = {b""}
    for path in data.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            candidates.add(raw)
            candidates.add(raw.strip())
            candidates.update(m.group(0) for m in re.finditer(rb"[A-Za-z0-9_-]{16,128}", raw))
    assert len(candidates) > 20
    found = [(key, uid) for key in candidates for uid in range(1, 51) if _ref(key, uid) == hidden]
    assert found == []
    # the same attack with the key from the config folder does find the author: the attack itself works
    real = (config / "author-key").read_bytes().strip()
    assert real not in candidates
    assert [uid for uid in range(1, 51) if _ref(real, uid) == hidden] == [people[2].id]


def test_a_key_left_beside_the_database_is_moved_out_and_marks_stay(installation):
    engine, data, config = installation
    legacy = data / "jobcenter.db.author-key"
    legacy.write_text("an-old-key-from-before-it-was-moved-out-0123456789", encoding="ascii")
    old_ref = _ref(b"an-old-key-from-before-it-was-moved-out-0123456789", 7)
    assert pseudonym.author_ref(7, engine) == old_ref
    assert not legacy.exists() and (config / "author-key").read_text().strip().startswith("an-old-key")


def test_rotating_the_key_rekeys_the_comments_and_keeps_mine_marks(installation, capsys):
    engine, data, config = installation
    project, people = _world(engine)
    before = _refs(engine)
    old_key = (config / "author-key").read_text()
    assert main(["--db", str(engine.url), "rotate-author-key"]) == 0
    assert "5 staff comment(s) re-keyed" in capsys.readouterr().out
    after = _refs(engine)
    assert (config / "author-key").read_text() != old_key
    assert stat.S_IMODE((config / "author-key").stat().st_mode) == 0o600
    assert not (config / "author-key.new").exists()
    assert [n for n, _ in after] == [n for n, _ in before] and not set(r for _, r in after) & set(r for _, r in before)
    pseudonym._cache.clear()  # as a fresh process would: read the key file again
    mine = [c.text for c in comments.list_comments(engine, project_id=project.id, viewer=people[2]) if c.mine]
    assert mine == ["idea 2"]


def test_rotation_is_refused_when_the_key_comes_from_the_environment(installation, monkeypatch, capsys):
    engine, _, _ = installation
    monkeypatch.setenv("INPUT_FORMS_AUTHOR_KEY", "set-by-the-environment")
    assert main(["--db", str(engine.url), "rotate-author-key"]) == 2
    assert "INPUT_FORMS_AUTHOR_KEY" in capsys.readouterr().err


def test_the_default_folder_is_under_the_users_config_home(monkeypatch, tmp_path):
    monkeypatch.delenv("INPUT_FORMS_CONFIG_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert pseudonym.default_key_file() == tmp_path / "xdg" / "jobcenter-planner" / "author-key"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert pseudonym.default_key_file() == tmp_path / "home" / ".config" / "jobcenter-planner" / "author-key"
