"""The floorplans CLI: exit 0 on success, 2 with one line on stderr for bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .factory import two_rooms

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return subprocess.run([sys.executable, "-m", "floorplans", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.geojson"
    path.write_text(json.dumps(two_rooms()))
    return path


def test_validate_accepts_a_good_plan(good):
    result = run("validate", str(good))
    assert result.returncode == 0, result.stderr
    assert "2 rooms" in result.stdout and result.stderr == ""


@pytest.mark.parametrize(
    "content, expected",
    [
        ("not json at all", "not JSON"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "x", "geometry": null, "properties": {"feature": "room", "kind": "waiting"}}]}', "x: a room needs a Polygon"),
    ],
)
def test_validate_rejects_bad_files_with_one_line(tmp_path, content, expected):
    path = tmp_path / "bad.geojson"
    path.write_text(content)
    result = run("validate", str(path))
    assert result.returncode == 2
    assert expected in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_validate_rejects_an_invalid_plan(tmp_path):
    document = two_rooms()
    document["features"][2]["properties"]["entrance"] = False
    path = tmp_path / "noentrance.geojson"
    path.write_text(json.dumps(document))
    result = run("validate", str(path))
    assert result.returncode == 2 and "no public entrance" in result.stderr


def test_render_png_and_svg(good, tmp_path):
    for name in ("out.png", "out.svg"):
        result = run("render", str(good), "-o", str(tmp_path / name), "--highlight", "d-mid")
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 1000


def test_render_unknown_highlight_id(good, tmp_path):
    result = run("render", str(good), "-o", str(tmp_path / "x.png"), "--highlight", "nope")
    assert result.returncode == 2 and "nope" in result.stderr


def test_schema_is_json_and_lists_room_kinds():
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "quiet_nook" in json.dumps(schema)
    assert schema["properties"]["type"] == {"const": "FeatureCollection"}


def test_unknown_command_exits_2():
    result = run("frobnicate")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
