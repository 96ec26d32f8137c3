"""Restoring a backup: read and checked within a budget in a worker; a hostile backup restores nothing."""

from __future__ import annotations

import json

import pytest

from input_forms import export, projects
from input_forms.__main__ import main
from input_forms.errors import ValidationFailed
from input_forms.restore_intake import BackupBudget, load_backup
from input_forms.tiny_plan import tiny_plan_geojson
from tests import hostile


@pytest.fixture
def backup_file(tmp_path):
    from input_forms.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'source.db'}")
    project = projects.create_project(engine, "to back up")
    projects.add_option(engine, project.id, "plan", tiny_plan_geojson())
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(export.backup_project(engine, project.id)))
    engine.dispose()
    return path


def _count_projects(url: str) -> int:
    from input_forms.db import make_engine

    engine = make_engine(url)
    try:
        return len(projects.list_projects(engine))
    finally:
        engine.dispose()


def test_a_good_backup_restores_through_the_cli(backup_file, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'target.db'}"
    assert main(["--db", url, "restore", str(backup_file)]) == 0
    assert "restored as project" in capsys.readouterr().out
    assert _count_projects(url) == 1


def test_a_backup_holding_a_hostile_plan_is_refused_and_restores_nothing(backup_file, tmp_path, capsys):
    data = json.loads(backup_file.read_text())
    corners = hostile.many_corners_geojson(tmp_path / "corners.geojson", corners=300_000).read_text()
    data["option_versions"][0]["plan_geojson"] = corners
    backup_file.write_text(json.dumps(data))
    url = f"sqlite:///{tmp_path / 'target.db'}"
    assert main(["--db", url, "restore", str(backup_file)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: backup.json: a plan in this backup: this file has 300,001 corners; the limit is 200,000")
    assert _count_projects(url) == 0


def test_backup_size_and_record_count_are_checked_before_parsing(backup_file):
    size = backup_file.stat().st_size
    with pytest.raises(ValidationFailed, match=rf"backup.json: this file is {size:,} bytes; the limit is"):
        load_backup(backup_file, limits=BackupBudget(max_bytes=1000))
    with pytest.raises(ValidationFailed, match=r"backup.json: this file has [\d,]+ records; the limit is 5$"):
        load_backup(backup_file, limits=BackupBudget(max_records=5))


def test_a_file_that_is_not_json_is_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    with pytest.raises(ValidationFailed, match="bad.json: not JSON"):
        load_backup(bad)
