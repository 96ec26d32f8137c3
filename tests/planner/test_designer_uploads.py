"""planner.designer.uploads: an uploaded file read into levels in the bounded worker, zips unpacked safely."""

from __future__ import annotations

import io
import zipfile

import pytest

from floorplans import PlanError, dumps_plan
from floorplans.budgets import Budget, BudgetExceeded
from floorplans.samples import load_sample
from floorplans.unpack import unpack_zip
from planner.designer.uploads import read_upload


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def test_a_plan_in_the_exchange_format_is_one_level_without_a_report():
    plan = load_sample("option_a")
    levels, report = read_upload("option_a.geojson", dumps_plan(plan).encode())
    assert report is None
    assert list(levels) == ["(single level)"]
    assert [r.id for r in levels["(single level)"].rooms] == [r.id for r in plan.rooms]


def test_json_that_is_no_plan_in_any_known_format_is_refused_by_the_importers():
    with pytest.raises(PlanError) as caught:
        read_upload("notes.json", b'{"hello": "world"}')
    assert caught.value.problems[0].code == "unsupported-format"
    assert "notes.json" in caught.value.one_line()


def test_a_file_that_is_no_zip_is_refused_in_one_line():
    with pytest.raises(PlanError) as caught:
        read_upload("building.zip", b"this is not a zip archive")
    assert "not a readable zip" in caught.value.one_line()


def test_a_zip_path_that_climbs_out_of_the_folder_is_refused(tmp_path):
    with pytest.raises(PlanError) as caught:
        read_upload("evil.zip", _zip({"../outside.json": b"{}"}))
    assert "unsafe path '../outside.json'" in caught.value.one_line()


def test_a_zip_with_too_many_entries_is_refused_in_one_line_before_unpacking():
    members = {f"e/{n:04d}.geojson": b"" for n in range(60)}
    with pytest.raises(BudgetExceeded) as caught:
        read_upload("many.zip", _zip(members), budget=Budget(max_zip_entries=50))
    assert caught.value.one_line() == "many.zip: this file has 60 zip entries; the limit is 50"


def test_a_plan_with_too_many_corners_is_refused_in_one_line():
    plan = dumps_plan(load_sample("option_a")).encode()
    with pytest.raises(BudgetExceeded, match="corners; the limit is 50$"):
        read_upload("option_a.geojson", plan, budget=Budget(max_vertices=50))


def test_a_zip_with_one_top_folder_unpacks_to_that_folder(tmp_path):
    archive = tmp_path / "building.zip"
    archive.write_bytes(_zip({"westport/main.json": b"{}", "westport/level_1.geojson": b"{}",
                              "__MACOSX/westport/._main.json": b"junk"}))
    folder = unpack_zip(archive, tmp_path / "unpacked", Budget())
    assert folder == tmp_path / "unpacked" / "westport"
    assert sorted(p.name for p in folder.iterdir()) == ["level_1.geojson", "main.json"]
    assert not (tmp_path / "unpacked" / "__MACOSX").exists()
