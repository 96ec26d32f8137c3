"""The real third-party plans in ../shared/plans (see its README) and the check every imported level passes."""

from __future__ import annotations

import pytest

from floorplans.topology import rooms_on_segment
from floorplans.validation import validate_plan
from tests.conftest import REAL_PLANS_DIR

WESTPORT = REAL_PLANS_DIR / "wrld_westport_house_geojson" / "main.json"
CAD_DXF = REAL_PLANS_DIR / "wrld_cad_office_dxf" / "cad.dxf"
FLOORSPACE = REAL_PLANS_DIR / "floorspacejs_nrel" / "largePlan.json"


def level_ok(plan, level_report) -> None:
    """Every imported level validates or lists its problems, and the report agrees with the plan."""
    problems = validate_plan(plan)
    assert [p.code for p in problems] == [p.code for p in level_report.problems]
    assert level_report.rooms == len(plan.rooms) and level_report.doors == len(plan.doors)
    assert plan.floor_area == pytest.approx(level_report.floor_area_m2, abs=0.01)
    assert not [p for p in problems if p.code in ("invalid-polygon", "self-intersection", "duplicate-id", "wrong-units")]
    # Doors were placed on walls: each lies on one room's outline (exterior) or between two rooms.
    for door in plan.doors:
        assert 1 <= len(rooms_on_segment(plan, door.geometry)) <= 2, door.id
