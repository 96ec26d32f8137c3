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


def test_floorspace_rooms_get_guessed_doors_to_their_corridors(floorspace) -> None:
    """The file has no doors: each room gets one to the corridor beside it, marked guessed and estimated."""
    plan = floorspace.levels["L1"]
    report = floorspace.report.level("L1")
    assert len(plan.doors) >= 100 and plan.openings
    assert all(d.extra.get("guessed") is True and d.extra.get("width_estimated") is True for d in plan.doors)
    assert report.counts["doors_width_estimated"] == len(plan.doors)
    assert any("the file has no doors" in g for g in report.guessed)
    unknown = plan.rooms_of_kind(RoomKind.unknown)
    assert len(unknown) <= 0.05 * len(plan.rooms)  # space types name nearly every room
