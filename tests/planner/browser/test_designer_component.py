"""The plan-editor component alone in Chromium (no Streamlit): what it draws and the actions it sends.

The module is mounted with a fake Streamlit ``component`` object whose
``setTriggerValue`` records the actions, so each gesture's JSON is checked
exactly. The payload comes from planner.designer.payload, as in the app.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from floorplans import Furniture, plan_from_geojson
from planner.designer.editor import ASSETS
from planner.designer.payload import editor_payload
from tests.factory import two_rooms
from tests.planner.browser.helpers import ROOT

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


# --- selection, handles, split, size (issue 17: the designer's canvas) -------------------------------------------

TABLE = Furniture(id="t1", type="table", rings=[[(7, 1.5), (8, 1.5), (8, 2.5), (7, 2.5), (7, 1.5)]])


@pytest.fixture
def furnished(browser):
    """The two rooms with a table in the middle of the waiting room (7..8 x 1.5..2.5), in an 800 px wide column."""
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    js = (ASSETS / "editor.js").read_text(encoding="utf-8").replace("export default function", "var peDefault = window.peDefault = function")
    css = (ASSETS / "editor.css").read_text(encoding="utf-8")
    page.set_content(f"<html><head><style>{css}</style></head><body><div id='host' style='width:800px'></div></body></html>")
    page.add_script_tag(content=js)
    page.add_script_tag(content=MOUNT)
    plan = plan_from_geojson(two_rooms()).with_feature(TABLE)

    def mount(**kw):
        page.evaluate("data => window.peMount(data)", json.loads(json.dumps(editor_payload(plan, **kw))))

    mount()
    yield page, mount
    context.close()


def sent(page):
    return [{k: v for k, v in a.items() if k != "seq"} for a in actions(page)]


def drag(page, a, b):
    page.mouse.move(*at(page, *a))
    page.mouse.down()
    page.mouse.move(*at(page, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2), steps=3)
    page.mouse.move(*at(page, *b), steps=3)
    page.mouse.up()


def handle_near(page, kind, x, y):
    """The corner or wall handle whose centre is nearest the plan point (x, y)."""
    sx, sy = at(page, x, y)
    boxes = page.evaluate("""(kind) => [...document.querySelectorAll(`[data-handle=${kind}]`)].map(h => {
        const b = h.getBoundingClientRect(); return [h.dataset.testid, b.x + b.width / 2, b.y + b.height / 2, b.width, b.height]; })""", kind)
    return min(boxes, key=lambda b: (b[1] - sx) ** 2 + (b[2] - sy) ** 2)


def test_a_click_on_a_rooms_table_selects_the_room_then_the_table(furnished):
    page, _ = furnished
    page.mouse.click(*at(page, 7.5, 2.0))  # the middle of the table, in the middle of the room
    page.get_by_test_id("pe-vertex-0").wait_for()  # the room is selected: its handles show at once
    page.mouse.click(*at(page, 7.5, 2.0))  # a second tap on the table, inside the selected room
    page.mouse.click(*at(page, 9.5, 3.5))  # beside the table: the room again
    assert sent(page) == [{"op": "select", "id": "wait"}, {"op": "select", "id": "t1"}, {"op": "select", "id": "wait"}]


def test_the_furniture_layer_picks_furniture_first(furnished):
    page, _ = furnished
    page.get_by_role("button", name="Furniture").click()
    assert page.get_by_test_id("pe-layer-furniture").get_attribute("aria-pressed") == "true"
    page.mouse.click(*at(page, 7.5, 2.0))
    drag(page, (7.5, 2.0), (8.5, 2.0))
    assert sent(page) == [{"op": "select", "id": "t1"}, {"op": "move", "id": "t1", "dx": 1, "dy": 0}]


def test_dragging_a_rooms_inside_moves_the_room_not_its_table(furnished):
    page, mount = furnished
    page.mouse.move(*at(page, 7.5, 2.0))
    page.mouse.down()
    page.mouse.move(*at(page, 8.5, 3.0), steps=4)
    # while dragging, the room takes its table and the window on its wall along (as Python will)
    for testid in ("pe-room-wait", "pe-furniture-t1", "pe-window-w1"):
        assert page.get_by_test_id(testid).get_attribute("transform") == "translate(1 -1)", testid
    assert page.get_by_test_id("pe-room-hall").get_attribute("transform") is None
    page.mouse.up()
    mount(selected="wait")
    drag(page, (7.5, 2.0), (7.5, 3.0))  # also once the room is selected
    assert sent(page) == [{"op": "move", "id": "wait", "dx": 1, "dy": 1}, {"op": "move", "id": "wait", "dx": 0, "dy": 1}]


def test_wall_and_corner_handles_send_move_edge_and_move_vertex(furnished):
    page, mount = furnished
    mount(selected="wait")
    assert page.locator("[data-handle=vertex]").count() == 4
    assert page.locator("[data-handle=edge]").count() == 4
    testid, *_ = handle_near(page, "edge", 5.0, 2.0)  # the west wall, shared with the hall
    index = int(testid.rsplit("-", 1)[1])
    drag(page, (5.0, 2.0), (4.04, 2.3))  # 0.96 m west (out of the room), snapped to 1.0; the drag along the wall is ignored
    assert page.get_by_test_id("pe-svg").get_attribute("data-pending")
    testid, *_ = handle_near(page, "vertex", 10.0, 4.0)
    drag(page, (10.0, 4.0), (10.52, 4.48))
    assert sent(page) == [
        {"op": "move_edge", "id": "wait", "index": index, "offset": 1},
        {"op": "move_vertex", "id": "wait", "index": int(testid.rsplit("-", 1)[1]), "x": 10.5, "y": 4.5},
    ]


def test_split_tool_sends_the_line_and_the_room_under_it(furnished):
    page, _ = furnished
    page.get_by_role("button", name="Split room").click()
    drag(page, (7.02, -0.5), (6.98, 4.5))
    assert sent(page) == [{"op": "split_room", "id": "wait", "a": [7, -0.5], "b": [7, 4.5]}]


def test_fills_its_width_buttons_are_named_by_their_text_and_full_screen_leaves_with_esc(furnished):
    page, _ = furnished
    svg = page.get_by_test_id("pe-svg").bounding_box()
    assert svg["width"] == pytest.approx(800, abs=2)
    for button in page.locator(".pe-toolbar button").all():
        label = button.get_attribute("aria-label")
        assert label is None or button.inner_text() in label, button.inner_text()
    assert page.get_by_role("button", name="Fit plan").count() == 1
    page.get_by_role("button", name="Full screen").click()
    root = page.get_by_test_id("pe-root").bounding_box()
    assert (root["width"], root["height"]) == (1000, 900)
    assert page.get_by_test_id("pe-svg").bounding_box()["height"] > 700
    page.keyboard.press("Escape")
    assert page.get_by_role("button", name="Full screen").get_attribute("aria-pressed") == "false"
    assert page.get_by_test_id("pe-root").bounding_box()["width"] == pytest.approx(800, abs=2)


def test_toolbar_wraps_and_handles_are_44px_on_a_touch_screen(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        js = (ASSETS / "editor.js").read_text(encoding="utf-8").replace("export default function", "var peDefault = window.peDefault = function")
        css = (ASSETS / "editor.css").read_text(encoding="utf-8")
        page.set_content(f"<html><head><meta name='viewport' content='width=device-width'><style>{css}</style></head>"
                         "<body style='margin:0'><div id='host' style='width:370px'></div></body></html>")
        page.add_script_tag(content=js)
        page.add_script_tag(content=MOUNT)
        assert page.evaluate("matchMedia('(pointer: coarse)').matches")
        data = editor_payload(plan_from_geojson(two_rooms()), selected="wait")
        page.evaluate("data => window.peMount(data)", json.loads(json.dumps(data)))
        for handle in page.locator("[data-handle]").all():
            box = handle.bounding_box()
            assert min(box["width"], box["height"]) >= 43.5
        toolbar = page.locator(".pe-toolbar").bounding_box()
        assert toolbar["width"] <= 370
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


AXE = Path(os.environ.get("AXE_CORE", ROOT / "node_modules" / "axe-core" / "axe.min.js"))


@pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed (npm install axe-core, or set AXE_CORE)")
def test_axe_finds_nothing_serious_on_the_editor_toolbar_and_plan(furnished):
    page, mount = furnished
    mount(selected="wait")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document.getElementById('host'), {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        rules: {'label-content-name-mismatch': {enabled: true}}})""")
    serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    # it ran: passed, or nothing it applies to (no button has an aria-label that differs from its text)
    assert "label-content-name-mismatch" in {r["id"] for r in result["passes"] + result["inapplicable"]}
