"""The FloorspaceJS importer on NREL's large plan: three floors of faces tiling their stories."""

from __future__ import annotations

import pytest

from floorplans.model import RoomKind

from .real_plans import level_ok


def test_floorspace_three_floors(floorspace) -> None:
    assert list(floorspace.levels)[:3] == ["L0", "L1", "L2"]
    expected = {"L0": (215, 17_240), "L1": (203, 16_917), "L2": (196, 15_375)}  # README: spaces with a face, m²
    for name, (spaces, area) in expected.items():
        plan = floorspace.levels[name]
        report = floorspace.report.level(name)
        empty_faces = sum(1 for d in report.dropped if "no edges" in d.why)
        assert len(plan.rooms) + empty_faces == spaces, name
        assert plan.floor_area == pytest.approx(area, rel=0.005), name
        assert len(plan.windows) == 21
        level_ok(plan, report)
        codes = {p.code for p in report.problems if p.severity == "error"}
        assert codes <= {"island-room"}, codes  # faces tile: no overlaps, no broken polygons; stairs are the way in
        kinds = {r.kind for r in plan.rooms}
        assert {RoomKind.open_office, RoomKind.corridor, RoomKind.wc, RoomKind.stairs} <= kinds
    mapped = floorspace.report.level("L0").mapped
    assert mapped  # source names listed with their kinds
