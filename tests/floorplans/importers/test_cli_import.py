"""python -m floorplans import: writes the first level (or the one asked for), prints the report, exits 2 on bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from floorplans.cli import main
from floorplans.geojson_io import read_plan
from tests.conftest import require_real_plans

from .real_plans import CAD_DXF, WESTPORT

DEEP = "[" * 100_000 + "]" * 100_000


def test_cli_import_writes_a_plan(tmp_path: Path) -> None:
    require_real_plans()
    out = tmp_path / "level6.geojson"
    assert main(["import", str(WESTPORT), "--level", "6", "-o", str(out)]) == 0
    plan = read_plan(out)
    assert len(plan.rooms) >= 8 and plan.extra.get("level") == "6"


def test_cli_import_prints_its_report_and_imports_the_first_level_only(tmp_path: Path, capsys) -> None:
    require_real_plans()
    out = tmp_path / "cad.geojson"
    assert main(["import", str(CAD_DXF), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "left out as stray: a solid hatch on layer 'wall'" in printed and "left out:" in printed
    assert "kinds: " in printed and "unknown (to review)" in printed
    assert printed.strip().splitlines()[-1].startswith(f"wrote {out}: level 'cad', {len(read_plan(out).rooms)} rooms")
    quiet = tmp_path / "ground.geojson"
    assert main(["import", str(WESTPORT), "-o", str(quiet), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "stray" not in printed and "level 'G'" in printed and len(printed.strip().splitlines()) == 1
    assert read_plan(quiet).extra.get("level") == "G"


def test_cli_import_bad_file_exits_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.dxf"
    bad.write_text("nope")
    assert main(["import", str(bad), "-o", str(tmp_path / "out.geojson")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "DXF" in err[0]


@pytest.mark.parametrize("extra", [[], ["--list-levels"]])
def test_cli_import_deeply_nested_json_exits_2_with_one_line(tmp_path: Path, capsys, extra: list[str]) -> None:
    deep = tmp_path / "deep.geojson"
    deep.write_text(DEEP)
    assert main(["import", str(deep), "-o", str(tmp_path / "out.geojson"), *extra]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nested too deeply" in err[0] and str(deep) in err[0]
