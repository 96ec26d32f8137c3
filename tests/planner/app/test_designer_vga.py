"""The designer's VGA overlays in AppTest: steps from the entrance on a real floor, local integration."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REAL_PLANS_DIR, require_real_plans
from tests.planner.app.fixtures import make_world, signed_in


def _heat(at) -> dict:
    (component,) = [c for c in at.get("bidi_component") if c.proto.component_name.endswith("jobcenter_plan_editor")]
    return json.loads(component.proto.json)["overlays"]["heat"]


def test_steps_from_the_entrance_on_a_real_imported_floor(tmp_path, monkeypatch):
    require_real_plans()
    from floorplans import dumps_plan, read_plan
    from input_forms.projects import add_option

    world = make_world(tmp_path, monkeypatch, samples=())
    plan = read_plan(REAL_PLANS_DIR.parent / "research" / "depthmapx" / "westport-level4.geojson")
    add_option(world.engine, world.project.id, "Westport level 4", dumps_plan(plan))
    at = signed_in(world.users["designer"], timeout=180)
    assert not at.exception, at.exception
    at.pills(key="designer_overlays").set_value(["Steps from entrance"]).run()
    assert not at.exception, at.exception
    heat = _heat(at)
    # an upper floor entered by its lifts and stairs: those cells are step 0, the far rooms several turns away
    assert heat["min"] == 0 and heat["max"] >= 4
    assert len(heat["cells"]) > 1500
    assert any(c.value.startswith("Steps from entrance:") for c in at.caption)


@pytest.fixture
def world(tmp_path, monkeypatch):
    return make_world(tmp_path, monkeypatch, samples=("baseline",))


def test_local_integration_overlay_on_a_sample(world):
    at = signed_in(world.users["designer"])
    at.pills(key="designer_overlays").set_value(["Local integration"]).run()
    assert not at.exception, at.exception
    heat = _heat(at)
    assert heat["cells"] and heat["max"] > heat["min"] > 0
    assert all(0.0 <= v <= 1.0 for _, _, v in heat["cells"])
    assert any(c.value.startswith("Local integration:") for c in at.caption)


def test_vga_fields_leave_undefined_cells_out():
    from floorplans import plan_from_geojson
    from planner.designer.analysis import vga_field
    from tests.factory import collection, room

    no_way_in = plan_from_geojson(collection(room("a", "waiting", (0, 0, 3, 3))))
    assert vga_field(no_way_in, "entrance steps") is None  # no entrance door, no lift or stairs
    xs, ys, values = vga_field(no_way_in, "local integration")
    assert xs == [] and values == []  # one convex room: every cell sees all, integration undefined
