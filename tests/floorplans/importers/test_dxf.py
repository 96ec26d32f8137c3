"""The DXF importer: hand-made drawings and the real CAD office (rooms between walls, a stray hatch)."""

from __future__ import annotations

from pathlib import Path

import pytest

from floorplans.importers import ImportOptions, import_file
from floorplans.model import RoomKind
from floorplans.problems import PlanError
from floorplans.topology import rooms_on_segment

from .real_plans import level_ok


def test_dxf_without_usable_geometry(tmp_path: Path) -> None:
    import ezdxf

    doc = ezdxf.new()
    doc.modelspace().add_text("only a label", dxfattribs={"layer": "txt"})
    doc.modelspace().add_line((0, 0), (10, 0), dxfattribs={"layer": "Furniture"})
    path = tmp_path / "labels.dxf"
    doc.saveas(path)
    with pytest.raises(PlanError) as caught:
        import_file(path)
    assert caught.value.problems[0].code == "no-geometry"
    assert "walls" in caught.value.one_line()


def test_dxf_with_room_polylines(tmp_path: Path) -> None:
    """Closed polylines on a room layer are the rooms; labels inside name them; a door block joins them."""
    import ezdxf

    doc = ezdxf.new(units=4)  # mm
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (4000, 0), (4000, 5000), (0, 5000)], close=True, dxfattribs={"layer": "rooms"})
    msp.add_lwpolyline([(4100, 0), (9000, 0), (9000, 5000), (4100, 5000)], close=True, dxfattribs={"layer": "rooms"})
    msp.add_text("Mødelokale", dxfattribs={"layer": "txt", "insert": (1000, 2500)})
    msp.add_text("Venteområde", dxfattribs={"layer": "txt", "insert": (6000, 2500)})
    block = doc.blocks.new("door 900")
    block.add_line((0, 0), (900, 0))
    block.add_arc((0, 0), 900, 0, 90)
    msp.add_blockref("door 900", (4050, 2000), dxfattribs={"layer": "doors", "rotation": 90})
    path = tmp_path / "two_rooms.dxf"
    doc.saveas(path)
    result = import_file(path)
    (name, plan), = result.levels.items()
    kinds = {r.name: r.kind for r in plan.rooms}
    assert kinds == {"Mødelokale": RoomKind.meeting_room, "Venteområde": RoomKind.waiting}
    assert plan.floor_area == pytest.approx(45.0, rel=0.01)  # 4x5 + 4.9x5, the 0.1 m wall split between them
    assert len(plan.doors) == 1
    assert {r.name for r in rooms_on_segment(plan, plan.doors[0].geometry)} == {"Mødelokale", "Venteområde"}
    assert plan.doors[0].clear_width == pytest.approx(0.9)


def test_dxf_office_rooms_doors_and_stray_hatch(cad_office) -> None:
    (name, plan), = cad_office.levels.items()
    report = cad_office.report.level(name)
    # README: about 15 rooms in a 1,162 m² footprint (open-plan areas stay one room).
    assert 12 <= len(plan.rooms) <= 24
    assert plan.floor_area == pytest.approx(1162, rel=0.03)
    assert 800 <= report.source_area_m2 <= 1100  # the rooms between the walls, before they are grown into them
    # 25 door blocks named door*, plus door-sized blocks guessed; most land on a wall.
    assert len(plan.doors) >= 15
    assert len(plan.windows) >= 40  # of 51 window blocks
    # The 52 m x 1.1 m hatch crossing the plan is recognised as stray, not as a wall.
    assert len(report.stray) == 1
    x0, y0, x1, y1 = report.stray[0].bounds
    assert x1 - x0 > 45 and "52.0 m" in report.stray[0].why
    # No room is cut by it: none is a long thin diagonal sliver.
    assert all(r.geometry.area > 1.0 for r in plan.rooms)
    level_ok(plan, report)
    assert not [p for p in report.problems if p.severity == "error"], report.problems
    assert any("derived from the walls" in g for g in report.guessed)
    # The annex holds the labels W, M and D (toilet doors without walls on the chosen layers): they
    # disagree on a kind, so they say nothing; the WC pans drawn on layer 'San' in it only hint at a WC (to check).
    assert any("labels 'W', 'M', 'D' lie in one room" in g for g in report.guessed)
    wmd = report.mapped["W M D"]
    assert wmd.kind is RoomKind.wc and wmd.confidence < 0.7 and "fitting(s) drawn in it" in (wmd.rule or "")
    # Desks drawn in the open-plan areas hint at offices; rooms nothing hints at are unknown, never silently storage.
    assert plan.rooms_of_kind(RoomKind.open_office)
    assert not plan.rooms_of_kind(RoomKind.storage) and len(plan.rooms_of_kind(RoomKind.unknown)) >= 10
    assert plan.entrances  # a plausible exterior door is marked, and reported as a guess
    assert any("public entrance" in g for g in report.guessed)


def test_dxf_layer_choices_are_options(tmp_path: Path) -> None:
    """Rooms come from the layers the options name; with the room layer unchosen there is nothing to read."""
    import ezdxf

    doc = ezdxf.new(units=6)  # metres
    doc.modelspace().add_lwpolyline([(0, 0), (6, 0), (6, 4), (0, 4)], close=True, dxfattribs={"layer": "FLADER-POLYGON"})
    path = tmp_path / "rum.dxf"
    doc.saveas(path)
    with pytest.raises(PlanError) as caught:
        import_file(path)
    assert caught.value.problems[0].code == "no-geometry"
    result = import_file(path, options=ImportOptions(dxf_room_layers=("flader-polygon",)))
    (plan,) = result.levels.values()
    assert len(plan.rooms) == 1 and plan.floor_area == pytest.approx(24.0)
    assert result.report.levels[0].unknown_names == ["(unnamed)"]
