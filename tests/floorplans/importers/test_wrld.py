"""The WRLD importer on Westport House: every level, names and types, level selection."""

from __future__ import annotations

import pytest

from floorplans.importers import available_levels, import_file
from floorplans.model import RoomKind
from floorplans.problems import PlanError
from tests.conftest import require_real_plans

from .real_plans import WESTPORT, level_ok


def test_westport_every_level(westport) -> None:
    assert list(westport.levels) == ["G", "1", "2", "3", "4", "5", "6"]
    expected = {"G": 30, "1": 12, "2": 25, "3": 56, "4": 98, "5": 12, "6": 11}  # README, outline − walls − doors
    for name, plan in westport.levels.items():
        report = westport.report.level(name)
        between_walls = report.counts["spaces_between_walls"]
        assert abs(between_walls - expected[name]) <= max(2, 0.1 * expected[name]), (name, between_walls)
        # Typed spaces drawn inside a larger space (stairs, lifts, named rooms) are carved out as rooms of their own.
        assert report.counts["carved_typed_spaces"] >= 0
        assert between_walls <= len(plan.rooms) <= 1.35 * between_walls + 2
        level_ok(plan, westport.report.level(name))
        # Rooms tile the outline without overlaps; upper floors have no outside door: one arrives by lift or stairs.
        errors = {p.code for p in report.problems if p.severity == "error"}
        assert not errors, (name, report.problems)
        arrival = [p for p in report.problems if p.code == "arrival-by-lift-or-stairs"]
        assert bool(arrival) == (name != "G"), (name, arrival)
        assert plan.doors, name
        assert plan.windows, name
        minx, miny, maxx, maxy = plan.rooms[0].geometry.bounds
        assert maxx - minx < 200 and maxy - miny < 200  # metres, not degrees


def test_westport_names_and_types_map(westport) -> None:
    level2 = westport.levels["2"]
    by_name = {r.name: r.kind for r in level2.rooms if r.name}
    assert by_name.get("Meeting Room Large") is RoomKind.meeting_room
    assert RoomKind.wc in {r.kind for r in level2.rooms}
    ground = westport.report.level("G")
    assert ground.mapped["stairs"].kind is RoomKind.stairs
    assert ground.mapped["elevator"].kind is RoomKind.lift
    # The ground floor has a door in its outline: one is guessed as the entrance and said so.
    assert len(westport.levels["G"].entrances) == 1
    assert not [p for p in ground.problems if p.severity == "error"], ground.problems
    assert any("public entrance" in g for g in ground.guessed)
    # The entrance opens into a small isolated corridor piece: the report names it.
    assert any(w.startswith("the entrance d") and "check the doors around it" in w for w in ground.warnings)
    # Nothing in the file names most pieces between the walls: they are unknown, never silently storage.
    level3 = westport.levels["3"]
    assert len(level3.rooms_of_kind(RoomKind.storage)) <= 12 and level3.rooms_of_kind(RoomKind.unknown)  # was 45 of 62; those left are typed inaccessible_space


def test_westport_level_selection() -> None:
    require_real_plans()
    assert available_levels(WESTPORT) == ["G", "1", "2", "3", "4", "5", "6"]
    result = import_file(WESTPORT, level="6")
    assert list(result.levels) == ["6"]
    with pytest.raises(PlanError, match="the levels are G, 1"):
        import_file(WESTPORT, level="7")
