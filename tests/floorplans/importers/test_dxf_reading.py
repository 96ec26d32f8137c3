"""Reading only what a DXF import uses (floorplans.importers.dxf.reading): the import sees what a full read gives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from floorplans.importers import ImportOptions, import_file
from floorplans.importers.dxf.collect import collect_shapes, outlined_block, used_entity
from floorplans.importers.dxf.reading import read_used
from floorplans.importers.report import LevelReport
from floorplans.problems import PlanError

from .architect_files import architect_dxf


def _furnished(path: Path) -> Path:
    """The architect's floor with what a real drawing adds: furniture on its own layer (an old-style polyline,
    ellipses, a chair block with an attribute), a door block holding a nested handle block, and a window."""
    import ezdxf

    doc = ezdxf.readfile(path)
    handle = doc.blocks.new("door-handle")
    handle.add_circle((700, 50), 40)
    door = doc.blocks.new("door 900")
    door.add_line((0, 0), (900, 0))
    door.add_arc((0, 0), 900, 0, 90)
    door.add_blockref("door-handle", (0, 0))
    chair = doc.blocks.new("chair")
    chair.add_ellipse((0, 0), major_axis=(300, 0), ratio=0.6)
    chair.add_attdef("NO", (0, 0))
    window = doc.blocks.new("wind 1200")
    window.add_lwpolyline([(0, 0), (1200, 0), (1200, 100), (0, 100)], close=True)
    msp = doc.modelspace()
    msp.add_blockref("door 900", (5600, 1000), dxfattribs={"layer": "doors"})
    msp.add_blockref("wind 1200", (1000, -50), dxfattribs={"layer": "windows"})
    for n in range(5):
        msp.add_blockref("chair", (1000 + 500 * n, 2000), dxfattribs={"layer": "Furniture"}).add_attrib("NO", str(n))
        msp.add_polyline2d([(0, 0), (300, 0), (300, 300)], dxfattribs={"layer": "Furniture"})
        msp.add_ellipse((2000, 1000 + 100 * n), major_axis=(200, 0), ratio=0.5, dxfattribs={"layer": "Furniture"})
    doc.saveas(path)
    return path


def test_the_import_sees_what_a_full_read_gives(tmp_path: Path) -> None:
    import ezdxf

    path, _ = architect_dxf(tmp_path / "floor.dxf")
    path = _furnished(path)
    options = ImportOptions()
    used = read_used(str(path), lambda k, lay: used_entity(k, lay, options), lambda b, lay: outlined_block(b, lay, options))
    full = ezdxf.readfile(path)
    assert len(used.modelspace()) < len(full.modelspace())  # the furniture was left out
    assert len(used.blocks.get("chair")) == 0 and len(used.blocks.get("door-handle")) == 1  # nested in a door: kept
    shapes = [collect_shapes(doc.modelspace(), options, LevelReport(level="x"), 0.001) for doc in (used, full)]
    assert [g.wkt for g in shapes[0].everything()] == [g.wkt for g in shapes[1].everything()]
    assert shapes[0].texts == shapes[1].texts and shapes[0].fixtures == shapes[1].fixtures
    assert [(g.wkt, w) for g, w in shapes[0].doors] == [(g.wkt, w) for g, w in shapes[1].doors]
    assert len(import_file(path).levels["floor"].doors) >= 1


def test_a_broken_dxf_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.dxf"
    path.write_text("  0\nSECTION\n  2\nENTITIES\nnot a code\nLINE\n  0\nENDSEC\n  0\nEOF\n")
    with pytest.raises(PlanError) as caught:
        import_file(path)
    assert "not a readable DXF drawing" in caught.value.one_line() and "line 5" in caught.value.one_line()


def test_what_follows_eof_is_not_read(tmp_path: Path) -> None:
    """As ezdxf reads a file: anything after the EOF tag (a mail footer, a second copy) is ignored."""
    path, _ = architect_dxf(tmp_path / "floor.dxf")
    clean = import_file(path).levels["floor"]
    with path.open("a", encoding="utf-8") as tail:
        tail.write("Sent from my phone\nnot a group code\n")
    assert import_file(path).levels["floor"] == clean
