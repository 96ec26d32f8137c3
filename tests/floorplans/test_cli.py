"""The floorplans CLI: exit 0 on success, 2 with one line on stderr for bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factory import collection, door, room, two_rooms

ROOT = Path(__file__).resolve().parents[2]


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


# --------------------------------------------------------------------------- broken geometry, deep nesting, size

BOWTIE = {"type": "Feature", "id": "bow", "properties": {"feature": "room", "kind": "waiting"},
          "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]]}}


@pytest.fixture(params=[(4, 0, 8, 4), (2, 0, 6, 4), (10, 10, 14, 14)], ids=["touching", "overlapping", "apart"])
def bowtie_plan(request, tmp_path):
    box = request.param
    path = tmp_path / "bowtie.geojson"
    path.write_text(json.dumps(collection(room("hall", "entrance", box), BOWTIE,
                                          door("d-in", (box[0] + 0.5, box[1]), (box[0] + 1.5, box[1]), entrance=True))))
    return path


def _one_line_naming_the_bowtie(result):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert "bow" in result.stderr and "self-intersection at (2, 2)" in result.stderr


def test_validate_a_bowtie_room_exits_2_naming_it(bowtie_plan):
    _one_line_naming_the_bowtie(run("validate", str(bowtie_plan)))


def test_validate_json_lists_the_bowtie(bowtie_plan):
    result = run("validate", "--json", str(bowtie_plan))
    assert result.returncode == 2
    assert {"self-intersection"} <= {p["code"] for p in json.loads(result.stdout) if p["feature_id"] == "bow"}


def test_render_a_bowtie_room_exits_2_with_one_line(bowtie_plan, tmp_path):
    _one_line_naming_the_bowtie(run("render", str(bowtie_plan), "-o", str(tmp_path / "out.png")))


def test_render_png_draws_a_plan_with_a_bowtie(bowtie_plan):
    from floorplans import read_plan
    from floorplans.drawing import render_png

    assert render_png(read_plan(bowtie_plan))[:8] == b"\x89PNG\r\n\x1a\n"


def test_validate_deeply_nested_json_exits_2_with_one_line(tmp_path):
    path = tmp_path / "deep.geojson"
    path.write_text("[" * 100_000 + "]" * 100_000)
    result = run("validate", str(path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "nested too deeply" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("size, shown", [(21_035_240, "20.1"), (20 * 2**20 + 1, "20.1"), (31 * 2**20, "31.0")])
def test_too_large_message_uses_one_unit(tmp_path, size, shown):
    from floorplans import PlanError, read_plan

    path = tmp_path / "huge.geojson"
    with open(path, "wb") as handle:
        handle.truncate(size)
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert str(info.value.problems[0]) == f"the file is {shown} MB; plan files may be at most 20 MB"


def test_validate_too_large_file_exits_2_with_one_line(tmp_path):
    path = tmp_path / "huge.geojson"
    with open(path, "wb") as handle:
        handle.truncate(21_035_240)
    result = run("validate", str(path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "the file is 20.1 MB; plan files may be at most 20 MB" in result.stderr
