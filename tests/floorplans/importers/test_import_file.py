"""import_file and available_levels on bad input: one PlanError with a clear line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from floorplans.importers import available_levels, detect_format, import_file
from floorplans.problems import PlanError
from tests.factory import collection, door, room

DEEP = "[" * 100_000 + "]" * 100_000


def test_bad_inputs_give_one_clear_plan_error(tmp_path: Path) -> None:
    not_dxf = tmp_path / "drawing.dxf"
    not_dxf.write_text("this is not a drawing\n")
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    unknown = tmp_path / "notes.txt"
    unknown.write_text("hello")
    other_json = tmp_path / "data.json"
    other_json.write_text(json.dumps({"rows": [1, 2, 3]}))
    dwg = tmp_path / "plan.dwg"
    dwg.write_bytes(b"AC1032\x00\x00binary")
    cases = {
        not_dxf: ("import-failed", "DXF"),
        empty: ("import-failed", "empty"),
        unknown: ("unsupported-format", "not a DXF, IFC or JSON"),
        other_json: ("unsupported-format", "FloorspaceJS"),
        dwg: ("unsupported-format", "export the drawing as DXF or IFC"),
        tmp_path / "missing.dxf": ("file-unreadable", "no such file"),
        tmp_path: ("unsupported-format", "folder"),
    }
    for path, (code, words) in cases.items():
        with pytest.raises(PlanError) as caught:
            import_file(path)
        assert [p.code for p in caught.value.problems] == [code], path
        assert words in caught.value.one_line(), caught.value.one_line()


@pytest.mark.parametrize("text", [DEEP, '{"type": "FeatureCollection", "features": ' + DEEP + "}"])
def test_deeply_nested_json_is_one_clear_plan_error(tmp_path: Path, text: str) -> None:
    deep = tmp_path / "deep.geojson"
    deep.write_text(text)
    for call in (import_file, available_levels, detect_format):
        with pytest.raises(PlanError) as caught:
            call(deep)
        assert [p.code for p in caught.value.problems] == ["unsupported-format"]
        assert "nested too deeply" in caught.value.one_line()


def test_deeply_nested_wrld_main_json_is_one_clear_plan_error(tmp_path: Path) -> None:
    """A folder is detected as WRLD without reading main.json; the level list must still fail cleanly."""
    (tmp_path / "main.json").write_text(DEEP)
    for call in (import_file, available_levels):
        with pytest.raises(PlanError) as caught:
            call(tmp_path)
        assert "nested too deeply" in caught.value.one_line()


def test_imported_plan_with_a_bowtie_room_lists_the_problem(tmp_path: Path) -> None:
    """A plan in the exchange format with a self-intersecting room imports, and its report names the room."""
    bow = {"type": "Feature", "id": "bow", "properties": {"feature": "room", "kind": "waiting"},
           "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]]}}
    path = tmp_path / "bow.geojson"
    path.write_text(json.dumps(collection(room("hall", "entrance", (4, 0, 8, 4)), bow, door("d", (5, 0), (6, 0), entrance=True))))
    result = import_file(path)
    problems = result.report.levels[0].problems
    assert ("self-intersection", "bow") in {(p.code, p.feature_id) for p in problems}


def test_ifc_without_the_optional_extra_says_how_to_install(tmp_path: Path, monkeypatch) -> None:
    from floorplans.importers import ifc

    monkeypatch.setattr(ifc, "ifc_available", lambda: False)
    model = tmp_path / "model.ifc"
    model.write_text("ISO-10303-21;\nEND-ISO-10303-21;\n")
    with pytest.raises(PlanError) as caught:
        import_file(model)
    assert caught.value.problems[0].code == "missing-dependency"
    assert "requirements-ifc.txt" in caught.value.one_line()
