"""Issue 16 on files like an architect's: kinds recognised (at least 90 % right), levels never collapse, no silent empty plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from floorplans.cli import main
from floorplans.importers import available_levels, import_file, level_rooms
from floorplans.model import RoomKind
from floorplans.problems import PlanError
from floorplans.topology import rooms_on_segment

from .architect_files import architect_dxf, imdf_archive
from .real_plans import level_ok


def _share_right(plan, expected) -> float:
    assert len(plan.rooms) == len(expected)
    return sum(room.kind is kind for room, (_, kind) in zip(plan.rooms, expected, strict=True)) / len(expected)


def test_architect_dxf_labels_name_the_rooms(tmp_path: Path) -> None:
    path, expected = architect_dxf(tmp_path / "stueetage.dxf")
    result = import_file(path)
    (name, plan), = result.levels.items()
    report = result.report.level(name)
    assert _share_right(plan, expected) >= 0.9, [(r.name, r.kind.value) for r in plan.rooms]
    # Labels are the names without formatting codes, room numbers or area lines.
    names = [r.name for r in plan.rooms]
    assert names[:3] == ["INDGANG", "RECEPTION", "VENTEOMRÅDE"]
    assert "SAMTALERUM 1" in names and "SAMTALERUM 2" in names and "STORRUMSKONTOR" in names
    assert not [n for n in names if "m²" in n or "0." in n or "\\" in n or "{" in n]
    # Every room is guessed with a confidence, on the plan and in the report.
    assert all(0.6 <= r.extra["kind_confidence"] <= 1 for r in plan.rooms)
    assert report.mapped["SAMTALERUM 1"].kind is RoomKind.meeting_room and report.mapped["SAMTALERUM 1"].confidence >= 0.8
    assert not plan.rooms_of_kind(RoomKind.unknown)
    level_ok(plan, report)


def test_architect_dxf_unlabelled_room_is_unknown_never_storage(tmp_path: Path) -> None:
    import ezdxf

    path, _ = architect_dxf(tmp_path / "plan.dxf")
    doc = ezdxf.readfile(path)
    doc.modelspace().add_lwpolyline([(24150, 0), (28000, 0), (28000, 5000), (24150, 5000)], close=True, dxfattribs={"layer": "A-AREA"})
    doc.saveas(path)
    plan = next(iter(import_file(path).levels.values()))
    last = plan.rooms[-1]
    assert last.kind is RoomKind.unknown and last.extra["kind_confidence"] == 0 and not last.is_public


def test_imdf_archive_with_unit_categories(tmp_path: Path) -> None:
    folder, expected = imdf_archive(tmp_path / "venue")
    result = import_file(folder)
    plan = result.levels["G"]
    report = result.report.level("G")
    assert _share_right(plan, expected) >= 0.9, [(r.name, r.kind.value) for r in plan.rooms]
    # The void open to the floor below is no room, and the report says why.
    assert any("u21" in d.what and "open to the floor below" in d.why for d in report.dropped)
    # Adjoining walkways and the waiting room (no wall between them) are joined by openings.
    assert plan.openings
    joined = {frozenset(r.name or r.id for r in rooms_on_segment(plan, o.geometry)) for o in plan.openings}
    assert frozenset({"Gang", "Venteværelse"}) in joined
    # IMDF gives no door width: the drawn width is used, and each door says it is estimated.
    assert plan.doors and all(d.extra.get("width_estimated") is True and d.clear_width for d in plan.doors)
    assert report.counts["doors_width_estimated"] == len(plan.doors)
    assert any("no clear width in the file" in d for d in report.defaults)
    level_ok(plan, report)


def test_same_named_levels_never_collapse(tmp_path: Path, capsys) -> None:
    """Nine IMDF levels all called "G": each is listed and imported on its own, by a unique key."""
    folder, _ = imdf_archive(tmp_path / "venue", same_named_levels=8)
    names = available_levels(folder)
    assert len(names) == 9 == len(set(names))
    assert names[0] == "G [0:L0]" and names[3] == "G [3:L3]"
    assert level_rooms(folder)["G [0:L0]"] == 21 and level_rooms(folder)["G [3:L3]"] == 1
    result = import_file(folder)
    assert len(result.levels) == 9 and all(plan.rooms for plan in result.levels.values())
    assert len(import_file(folder, level="L3").levels["G [3:L3]"].rooms) == 1  # by id
    assert len(import_file(folder, level="3:L3").levels["G [3:L3]"].rooms) == 1  # by ordinal and id
    with pytest.raises(PlanError, match="no level 'G'"):
        import_file(folder, level="G")  # ambiguous: names the unique keys instead of importing one at random
    assert main(["import", str(folder), "--list-levels"]) == 0  # no output file needed to list
    listed = capsys.readouterr().out.strip().splitlines()
    assert listed[0] == "G [0:L0]\t21 room(s) in the file" and len(listed) == 9


def test_an_import_without_rooms_is_an_error(tmp_path: Path, capsys) -> None:
    folder, _ = imdf_archive(tmp_path / "venue")
    level_fc = (folder / "level.geojson").read_text(encoding="utf-8").replace('"L0"', '"L9"')
    (folder / "level.geojson").write_text(level_fc, encoding="utf-8")  # the only level holds no unit
    with pytest.raises(PlanError) as caught:
        import_file(folder)
    assert caught.value.problems[0].code == "no-rooms"
    out = tmp_path / "empty.geojson"
    assert main(["import", str(folder), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no rooms could be made from level 'G'" in err[0]
    assert not out.exists()


def test_cli_reports_kinds_and_takes_a_mapping(tmp_path: Path, capsys) -> None:
    path, _ = architect_dxf(tmp_path / "plan.dxf")
    out = tmp_path / "plan.geojson"
    assert main(["import", str(path), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "kinds: 20 of 20 rooms sure, 0 to check, 0 unknown" in printed
    assert "SAMTALERUM 1: meeting room, 90% sure: the name 'SAMTALERUM 1' (word 'samtalerum')" in printed
    mapping = tmp_path / "kinds.csv"
    mapping.write_text("pattern,kind\nsamtale*,quiet_nook\nteknik,wc\n", encoding="utf-8")
    assert main(["import", str(path), "-o", str(out), "--kinds", str(mapping)]) == 0
    printed = capsys.readouterr().out
    assert "SAMTALERUM 2: quiet nook, 100% sure: your mapping 'samtale*' -> quiet_nook" in printed
    bad = tmp_path / "bad.csv"
    bad.write_text("samtale,sauna\n", encoding="utf-8")
    assert main(["import", str(path), "-o", str(out), "--kinds", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "line 1: 'sauna' is not a room kind" in err[0]
