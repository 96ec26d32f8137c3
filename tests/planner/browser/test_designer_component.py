"""The plan-editor component alone in Chromium (no Streamlit): what it draws and the actions it sends.

The module is mounted with a fake Streamlit ``component`` object whose
``setTriggerValue`` records the actions, so each gesture's JSON is checked
exactly. The payload comes from planner.designer.payload, as in the app.
"""

from __future__ import annotations

import json

import pytest

from floorplans import plan_from_geojson
from planner.designer.editor import ASSETS
from planner.designer.payload import editor_payload
from tests.factory import two_rooms

MOUNT = """
window.peActions = [];
window.peMount = (data) => {
  const host = document.getElementById('host');
  window.peCleanup = peDefault({
    data, key: 'test', parentElement: host,
    setTriggerValue: (name, value) => window.peActions.push([name, value]),
    setStateValue: () => {},
  });
};
"""

TO_SCREEN = """([x, y]) => {
  const svg = document.querySelector('[data-testid=pe-svg]');
  const p = svg.createSVGPoint(); p.x = x; p.y = -y;
  const q = p.matrixTransform(svg.getScreenCTM()); return [q.x, q.y];
}"""


@pytest.fixture
def editor(browser):
    context = browser.new_context(viewport={"width": 900, "height": 800}, has_touch=True)
    page = context.new_page()
    js = (ASSETS / "editor.js").read_text(encoding="utf-8").replace("export default function", "window.peDefault = function")
    css = (ASSETS / "editor.css").read_text(encoding="utf-8")
    page.set_content(f"<html><head><style>{css}</style></head><body><div id='host' style='width:800px'></div></body></html>")
    page.add_script_tag(content=js.replace("window.peDefault = function", "var peDefault = window.peDefault = function"))
    page.add_script_tag(content=MOUNT)
    plan = plan_from_geojson(two_rooms())

    def mount(**kw):
        page.evaluate("data => window.peMount(data)", json.loads(json.dumps(editor_payload(plan, **kw))))

    mount()
    yield page, mount
    context.close()


def actions(page):
    return [value for name, value in page.evaluate("window.peActions") if name == "action"]


def at(page, x, y):
    return page.evaluate(TO_SCREEN, [x, y])


def test_draws_every_feature_with_stable_test_ids(editor):
    page, _ = editor
    for testid in ("pe-room-hall", "pe-room-wait", "pe-door-d-in", "pe-door-d-mid", "pe-window-w1", "pe-furniture-p1"):
        assert page.get_by_test_id(testid).count() == 1, testid
    assert page.get_by_test_id("pe-tool-select").get_attribute("aria-pressed") == "true"


def test_rectangle_drag_sends_snapped_corners(editor):
    page, _ = editor
    page.get_by_test_id("pe-tool-rect").click()
    page.mouse.move(*at(page, 10.04, 0.03))
    page.mouse.down()
    page.mouse.move(*at(page, 11.0, 2.0), steps=3)
    page.mouse.move(*at(page, 12.96, 3.02), steps=3)
    assert page.get_by_test_id("pe-preview").count() == 1
    page.mouse.up()
    (action,) = actions(page)
    assert {k: action[k] for k in ("op", "x0", "y0", "x1", "y1")} == {"op": "add_rect", "x0": 10, "y0": 0, "x1": 13, "y1": 3}
    assert action["seq"]
    assert page.get_by_test_id("pe-svg").get_attribute("data-pending") == action["seq"]


def test_polygon_clicks_close_on_the_first_corner(editor):
    page, _ = editor
    page.get_by_test_id("pe-tool-polygon").click()
    for x, y in [(10, 0), (14, 0), (14, 2), (12, 2), (12, 4), (10, 4), (10.02, 0.02)]:
        page.mouse.click(*at(page, x, y))
    (action,) = actions(page)
    assert action["op"] == "add_room"
    assert action["rings"] == [[[10, 0], [14, 0], [14, 2], [12, 2], [12, 4], [10, 4], [10, 0]]]


def test_door_window_point_and_delete_taps(editor):
    page, _ = editor
    page.get_by_test_id("pe-tool-door").tap()
    page.touchscreen.tap(*at(page, 5.02, 3.0))
    page.get_by_test_id("pe-tool-window").tap()
    page.touchscreen.tap(*at(page, 2.0, -0.05))
    page.get_by_test_id("pe-tool-point").tap()
    page.touchscreen.tap(*at(page, 7.0, 2.0))
    page.get_by_test_id("pe-tool-delete").tap()
    page.touchscreen.tap(*at(page, 2.5, 2.5))
    got = [{k: v for k, v in a.items() if k != "seq"} for a in actions(page)]
    assert got == [
        {"op": "place_door", "x": 5, "y": 3},
        {"op": "place_window", "x": 2, "y": -0.1},
        {"op": "click", "x": 7, "y": 2},
        {"op": "delete", "id": "hall"},
    ]


def test_drag_moves_and_tap_selects(editor):
    page, _ = editor
    page.mouse.move(*at(page, 7.0, 1.0))
    page.mouse.down()
    page.mouse.move(*at(page, 7.5, 1.5), steps=3)
    page.mouse.move(*at(page, 8.02, 2.04), steps=3)
    page.mouse.up()
    page.mouse.click(*at(page, 2.0, 3.0))
    got = [{k: v for k, v in a.items() if k != "seq"} for a in actions(page)]
    assert got == [{"op": "move", "id": "wait", "dx": 1, "dy": 1}, {"op": "select", "id": "hall"}]


def test_overlays_and_answered_actions(editor):
    page, mount = editor
    page.get_by_test_id("pe-tool-door").click()
    page.mouse.click(*at(page, 5.0, 3.0))
    seq = actions(page)[0]["seq"]
    mount(highlight=["d-mid"], route=[(2.5, 0), (7, 2)], finding={"points": [(1, 1)], "polygons": [], "lines": [[(0, 0), (1, 1)]]},
          message="placed door d1", ack=seq)
    assert page.get_by_test_id("pe-svg").get_attribute("data-pending") is None
    assert page.get_by_test_id("pe-status").inner_text() == "placed door d1"
    assert page.get_by_test_id("pe-route").count() == 1
    assert page.get_by_test_id("pe-finding").locator("circle").count() == 1
    assert "pe-hl" in page.get_by_test_id("pe-door-d-mid").locator("line").first.get_attribute("class")
    # the chosen tool survives the re-render
    assert page.get_by_test_id("pe-tool-door").get_attribute("aria-pressed") == "true"
