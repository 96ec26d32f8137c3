"""The IMDF importer on a hand-made venue (no real archive is provided): a folder and a zip."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from floorplans.importers import ImportOptions, available_levels, detect_format, import_file
from floorplans.model import RoomKind
from floorplans.problems import PlanError
from floorplans.topology import rooms_on_segment

from .real_plans import level_ok

_LON, _LAT = 10.2039, 56.1629  # Aarhus
_M_LON = 1 / (111_320 * 0.5565)  # degrees of longitude per metre at this latitude (approx.)
_M_LAT = 1 / 110_574


def _ll(x: float, y: float) -> list[float]:
    return [_LON + x * _M_LON, _LAT + y * _M_LAT]


def _square(x0: float, y0: float, x1: float, y1: float) -> dict:
    return {"type": "Polygon", "coordinates": [[_ll(x0, y0), _ll(x1, y0), _ll(x1, y1), _ll(x0, y1), _ll(x0, y0)]]}


def imdf_venue(folder: Path) -> Path:
    folder.mkdir()
    units = [
        ("u1", "lobby", {"en": "Lobby"}, _square(0, 0, 6, 8)),
        ("u2", "room", {"en": "Samtalerum 1"}, _square(6, 0, 10, 4)),
        ("u3", "restroom.wheelchair", None, _square(6, 4, 10, 8)),
        ("u4", "room", {"en": "Unit 4"}, _square(0, 8, 10, 12)),
        ("u5", "room", {"en": "Office 2"}, _square(0, 0, 3, 3)),  # overlaps the lobby (a drawing error)
    ]
    unit_fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": uid, "feature_type": "unit", "geometry": geom,
         "properties": {"category": cat, "name": name, "level_id": "L0"}} for uid, cat, name, geom in units
    ] + [{"type": "Feature", "id": "u9", "feature_type": "unit", "geometry": _square(0, 0, 5, 5),
          "properties": {"category": "room", "name": {"en": "Upstairs"}, "level_id": "L1"}}]}
    openings = [
        ("o1", "pedestrian.principal", {"automatic": True}, [_ll(4, 0), _ll(5.2, 0)], "L0"),
        ("o2", "pedestrian", None, [_ll(6, 1), _ll(6, 2)], "L0"),
        ("o3", "pedestrian", None, [_ll(8, 4), _ll(9, 4)], "L0"),
        ("o4", "pedestrian", None, [_ll(4, 8), _ll(5, 8)], "L0"),
        ("o5", "pedestrian", None, [_ll(30, 30), _ll(31, 30)], "L0"),  # nowhere near a wall
    ]
    opening_fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": oid, "feature_type": "opening", "geometry": {"type": "LineString", "coordinates": line},
         "properties": {"category": cat, "door": door, "level_id": lvl}} for oid, cat, door, line, lvl in openings
    ]}
    level_fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "L1", "feature_type": "level", "geometry": _square(0, 0, 10, 12),
         "properties": {"ordinal": 1, "name": {"en": "First floor"}, "short_name": {"en": "1"}}},
        {"type": "Feature", "id": "L0", "feature_type": "level", "geometry": _square(0, 0, 10, 12),
         "properties": {"ordinal": 0, "name": {"en": "Ground floor"}, "short_name": {"en": "G"}}},
    ]}
    for name, data in (("unit", unit_fc), ("opening", opening_fc), ("level", level_fc)):
        (folder / f"{name}.geojson").write_text(json.dumps(data))
    return folder


def test_imdf_folder_and_zip(tmp_path: Path) -> None:
    folder = imdf_venue(tmp_path / "venue")
    assert detect_format(folder) == "imdf"
    assert available_levels(folder) == ["G", "1"]
    result = import_file(folder)
    assert list(result.levels) == ["G", "1"]
    plan = result.levels["G"]
    report = result.report.level("G")
    kinds = {r.name or r.kind.value: r.kind for r in plan.rooms}
    assert kinds["Lobby"] is RoomKind.entrance
    assert kinds["Samtalerum 1"] is RoomKind.meeting_room
    assert kinds["wc_accessible"] is RoomKind.wc_accessible  # unnamed, mapped by its category
    assert kinds["Unit 4"] is RoomKind.unknown  # nothing names its kind: unknown (to review), listed, never storage
    confidence = {r.name or r.kind.value: r.extra["kind_confidence"] for r in plan.rooms}
    assert confidence["Unit 4"] == 0 and confidence["Samtalerum 1"] >= 0.8 and confidence["Lobby"] > 0.9  # name and category agree
    assert report.unknown_names == ["Unit 4"]
    assert plan.floor_area == pytest.approx(120, rel=0.02)  # metres after projection (the test's degrees are approximate)
    # The overlap went to the smaller room and was reported.
    assert any("overlapped" in w for w in report.warnings)
    # Openings became doors on the walls they sit in; the principal one is the entrance.
    assert len(plan.doors) == 4
    entrance = plan.entrances
    assert len(entrance) == 1 and entrance[0].automatic
    assert [r.name for r in rooms_on_segment(plan, entrance[0].geometry)] == ["Lobby"]
    assert any("opening o5" in d.what for d in report.dropped)
    level_ok(plan, report)
    assert not [p for p in report.problems if p.severity == "error"], report.problems

    archive = tmp_path / "venue.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in folder.iterdir():
            zf.write(file, f"venue/{file.name}")
    zipped = import_file(archive, level="G")
    assert list(zipped.levels) == ["G"]
    assert len(zipped.levels["G"].rooms) == len(plan.rooms)
    with pytest.raises(PlanError, match="no level 'X'"):
        import_file(archive, level="X")


def test_imdf_without_openings_is_refused(tmp_path: Path) -> None:
    folder = imdf_venue(tmp_path / "venue")
    (folder / "opening.geojson").unlink()
    with pytest.raises(PlanError) as caught:
        import_file(folder)
    assert caught.value.problems[0].code == "unsupported-format"


def test_options_change_the_default_kind(tmp_path: Path) -> None:
    folder = imdf_venue(tmp_path / "venue")
    result = import_file(folder, level="G", options=ImportOptions(default_kind=RoomKind.group_room))
    assert {r.name: r.kind for r in result.levels["G"].rooms}["Unit 4"] is RoomKind.group_room
