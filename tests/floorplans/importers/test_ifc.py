"""The IFC importer on the NIBS Office A model (../shared/plans/ifc_office_A_nibs).

Needs the optional extra ifcopenshell (requirements-ifc.txt); skips with a
reason without it. Without ../shared/plans it skips locally and fails in CI.
The model is triangulated once per test module (a few seconds).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from floorplans.importers import available_levels, import_file
from floorplans.model import RoomKind
from floorplans.problems import PlanError
from floorplans.topology import rooms_on_segment
from floorplans.validation import validate_plan
from scoring.engine import NOT_EVALUATED, score_plan
from tests.conftest import REAL_PLANS_DIR, require_real_plans

pytest.importorskip("ifcopenshell", reason="the optional IFC extra is not installed (pip install -r requirements-ifc.txt)")

OFFICE = REAL_PLANS_DIR / "ifc_office_A_nibs" / "Office_A_20110811.ifc"


@pytest.fixture(scope="module")
def office():
    require_real_plans()
    return import_file(OFFICE)


def test_storeys_with_rooms() -> None:
    require_real_plans()
    assert available_levels(OFFICE) == ["Level 1", "Level 2"]  # the roof has no spaces


def test_rooms_per_storey_and_areas(office) -> None:
    assert list(office.levels) == ["Level 1", "Level 2"]
    # README: 60 and 39 spaces; footprints about 1,711 and 1,717 m² (one Level 2 space has a 4.8 m²
    # detached part, dropped and reported); Revit's own areas 1,800.8 and 1,781.2 m².
    expected = {"Level 1": (60, 1711, 1800.8), "Level 2": (39, 1717, 1781.2)}
    for name, (rooms, drawn, revit) in expected.items():
        plan = office.levels[name]
        report = office.report.level(name)
        assert len(plan.rooms) == rooms
        assert report.source_area_m2 == pytest.approx(drawn, rel=0.01)
        assert plan.extra["file_area_m2"] == pytest.approx(revit, abs=0.1)
        # Grown into the walls between them, the rooms come within a few percent of Revit's areas.
        assert plan.floor_area == pytest.approx(revit, rel=0.03)


def test_names_map_to_kinds(office) -> None:
    plan = office.levels["Level 1"]
    kinds = {r.name: r.kind for r in plan.rooms}
    assert kinds["CORRIDOR"] is RoomKind.corridor
    assert kinds["ENTRY"] is RoomKind.entrance
    assert kinds["OPEN OFFICE"] is RoomKind.open_office
    assert kinds["BREAK RM"] is RoomKind.staff_room
    assert kinds["ELEV"] is RoomKind.lift
    report = office.report.level("Level 1")
    assert report.mapped["CONFERENCE RM"].kind is RoomKind.meeting_room
    assert report.mapped["CONFERENCE RM"].count == 2
    assert "NOC" in report.unknown_names and kinds["NOC"] is RoomKind.unknown  # nothing names it: unknown, listed
    assert report.mapped["CONFERENCE RM"].confidence >= 0.8
    # Interior vestibules named "VEST/ENTRY" have no door to the outside: halls (corridors), not five entrances.
    assert len(plan.rooms_of_kind(RoomKind.entrance)) == 1
    assert {r.kind for r in plan.rooms if r.name == "VEST/ENTRY"} == {RoomKind.corridor}
    assert sum("no door to the outside" in g for g in report.guessed) == 4


def test_adjoining_spaces_without_walls_are_joined(office) -> None:
    """Corridor spaces split by virtual boundaries get openings: every public room of Level 1 is reachable."""
    import networkx as nx

    from floorplans.topology import adjacency_graph

    plan = office.levels["Level 1"]
    assert plan.openings and office.report.level("Level 1").openings == len(plan.openings)
    for opening in plan.openings:
        assert len(rooms_on_segment(plan, opening.geometry)) == 2
    graph = adjacency_graph(plan)
    reached = nx.node_connected_component(graph, "outside")
    public = [r for r in plan.rooms if r.is_public and r.kind not in (RoomKind.stairs, RoomKind.lift)]
    assert len(public) >= 15 and [r.label for r in public if r.id not in reached] == []


def test_doors_windows_and_entrance(office) -> None:
    level1 = office.levels["Level 1"]
    report = office.report.level("Level 1")
    # 66 doors on Level 1; toilet-cubicle partition doors sit in no wall between rooms and are dropped with a reason.
    assert len(level1.doors) >= 55
    assert all("Toilet Partition" in d.what for d in report.dropped if d.what.startswith("IfcDoor"))
    widths = [d.clear_width for d in level1.doors if d.clear_width is not None]
    assert len(widths) >= 50 and min(widths) >= 0.7  # clear widths from the file (0.915 m leaves ...)
    for door in level1.doors:
        assert 1 <= len(rooms_on_segment(level1, door.geometry)) <= 2
    (entrance,) = level1.entrances
    assert [r.name for r in rooms_on_segment(level1, entrance.geometry)] == ["ENTRY"]
    assert any("public entrance" in g for g in report.guessed)
    assert len(level1.windows) == 25 and len(office.levels["Level 2"].windows) == 44


def test_every_level_validates_or_lists_problems(office) -> None:
    for name, plan in office.levels.items():
        problems = validate_plan(plan)
        assert [p.code for p in problems] == [p.code for p in office.report.level(name).problems]
        errors = {p.code for p in problems if p.severity == "error"}
        # Level 2 has no exterior door (its entrance is downstairs): it is entered by its stairs, with a warning.
        assert not errors, (name, problems)
        assert any(p.code == "arrival-by-lift-or-stairs" for p in problems) == (name == "Level 2")
    assert not [p for p in validate_plan(office.levels["Level 1"]) if p.severity == "error"]


def test_unknown_storey_is_named() -> None:
    require_real_plans()
    with pytest.raises(PlanError, match="Level 1, Level 2"):
        import_file(OFFICE, level="Level 9")


def test_broken_ifc(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ifc"
    bad.write_text("ISO-10303-21;\nHEADER;\nthis is not a model\n")
    with pytest.raises(PlanError) as caught:
        import_file(bad)
    assert caught.value.problems[0].code in ("import-failed", "no-geometry")


def test_every_storey_scores(office) -> None:
    for name, plan in office.levels.items():
        report = score_plan(plan)
        assert not [c.id for c in report.criteria if NOT_EVALUATED in (c.detail or "")], name
        assert 0 <= report.calmness <= 100 and 0 <= report.accessibility <= 100
