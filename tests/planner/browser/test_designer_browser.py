"""A designer in a real Chromium: duplicate the baseline, draw a room with the mouse, put a door in,
watch the scores change, export GeoJSON that validates; and place a window by touch."""

from __future__ import annotations

import re

from playwright.sync_api import expect

# The machine may be busy (other test runs, two cores): be patient rather than flaky.
expect.set_options(timeout=30_000)
SLOW = 60_000

from floorplans import errors_only, read_plan, validate_plan
from tests.planner.browser.helpers import ARTIFACTS, DESKTOP, into_view, screenshot, wait_for_app, while_remounting

TO_SCREEN = """(svg, [x, y]) => {
  const p = svg.createSVGPoint(); p.x = x; p.y = -y;
  const q = p.matrixTransform(svg.getScreenCTM()); return [q.x, q.y];
}"""


def sign_in(page, base_url: str, user: str, password: str) -> None:
    """Sign in through the form (exact labels: the password field has a "Show password" button too)."""
    page.goto(base_url + "/")
    wait_for_app(page)
    page.get_by_label("Username", exact=True).fill(user)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    page.get_by_role("button", name="Sign out").wait_for()


def to_screen(svg, x: float, y: float) -> tuple[float, float]:
    sx, sy = svg.evaluate(TO_SCREEN, [x, y])
    return sx, sy


def settle(page) -> None:
    """Wait until the editor's last action has been answered and the app is idle."""
    page.locator("[data-testid='pe-svg']:not([data-pending])").wait_for(timeout=SLOW)
    wait_for_app(page)


def metric(page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label).first
    return box.get_by_test_id("stMetricValue").inner_text().strip()


def test_designer_draws_a_room_places_a_door_and_exports(page, app_server):
    page.set_default_timeout(SLOW)
    sign_in(page, app_server, "designer", "designer")
    expect(page.get_by_role("heading", name="Designer")).to_be_visible()

    # a new option from the baseline
    page.get_by_role("button", name="Duplicate as new option").click()
    page.get_by_label("Name").fill("Option E2E")
    page.get_by_role("button", name="Duplicate", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("Created the option “Option E2E” as a copy of").first).to_be_visible()
    expect(page.get_by_role("combobox", name="Layout option")).to_have_value("Option E2E (v1)")

    svg = page.get_by_test_id("pe-svg")
    into_view(page, svg)
    calm0, access0 = metric(page, "Calmness"), metric(page, "Accessibility")

    # draw a 4 m x 4 m room against the north wall (20..24, 26..30), slightly off-grid: it snaps
    while_remounting(page, page.get_by_test_id("pe-tool-rect").click)
    start, end = to_screen(svg, 20.03, 26.02), to_screen(svg, 23.98, 29.96)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, steps=4)
    page.mouse.move(*end, steps=4)
    page.mouse.up()
    settle(page)
    expect(page.get_by_test_id("pe-room-r1")).to_have_count(1)
    expect(page.get_by_text(re.compile(r"Added a conversation room, r1, of 16\.0 m²")).first).to_be_visible()
    calm1, access1 = metric(page, "Calmness"), metric(page, "Accessibility")
    assert (calm1, access1) != (calm0, access0)

    # a door in the wall between the new room and the office south of it
    page.get_by_test_id("pe-tool-door").click()
    page.mouse.click(*to_screen(svg, 23.0, 26.0))
    settle(page)
    expect(page.get_by_test_id("pe-door-d34")).to_have_count(1)
    calm2, access2 = metric(page, "Calmness"), metric(page, "Accessibility")
    assert (calm2, access2) != (calm1, access1)
    screenshot(page, "designer_room_and_door")

    # export the exchange format and check it
    page.get_by_role("tab", name="Export").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="GeoJSON").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "designer_export.geojson"
    info.value.save_as(path)
    assert info.value.suggested_filename.startswith("option_e2e_v")
    exported = read_plan(path)
    assert errors_only(validate_plan(exported)) == []
    room = exported.room("r1")
    assert room.geometry.bounds == (20.0, 26.0, 24.0, 30.0)
    door = exported.get("d34")
    assert door is not None and sorted(p[0] for p in door.points) == [22.5, 23.5]


def test_designer_places_a_window_by_touch_and_undoes_it(browser, app_server):
    context = browser.new_context(viewport=DESKTOP, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(SLOW)
    try:
        sign_in(page, app_server, "designer", "designer")
        page.get_by_label("Layout option").click()
        # not today's layout (an edit of the baseline is saved as a copy); option C has the same outer walls
        page.get_by_role("option", name=re.compile(r"^Option C")).click()
        wait_for_app(page)
        svg = page.get_by_test_id("pe-svg")
        into_view(page, svg)
        while_remounting(page, page.get_by_test_id("pe-tool-window").tap)
        page.touchscreen.tap(*to_screen(svg, 44.0, 26.1))  # the bare stretch of the north wall
        settle(page)
        screenshot(page, "designer_touch_window")
        status = page.get_by_test_id("pe-status")
        expect(status).to_contain_text("Placed a window (w")
        window_id = re.search(r"Placed a window \((w\d+)\)", status.inner_text()).group(1)
        expect(page.get_by_test_id(f"pe-window-{window_id}")).to_have_count(1)
        # the tool stays chosen after the edit
        expect(page.get_by_test_id("pe-tool-window")).to_have_attribute("aria-pressed", "true")
        page.get_by_role("button", name="Undo").tap()
        wait_for_app(page)
        expect(page.get_by_test_id(f"pe-window-{window_id}")).to_have_count(0)
    finally:
        context.close()


def test_designer_draws_a_polygon_moves_it_looks_around_and_deletes_it(page, app_server):
    page.set_default_timeout(SLOW)
    sign_in(page, app_server, "designer", "designer")
    page.get_by_role("button", name="Duplicate as new option").click()
    page.get_by_label("Name").fill("Option Polygon")
    page.get_by_role("button", name="Duplicate", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Layout option")).to_have_value("Option Polygon (v1)")
    svg = page.get_by_test_id("pe-svg")
    into_view(page, svg)

    # an L-shaped room against the north wall, corner by corner, closed on the first corner
    while_remounting(page, page.get_by_test_id("pe-tool-polygon").click)
    for x, y in [(30.02, 26.0), (36.0, 26.03), (36.0, 29.0), (33.0, 29.0), (33.0, 31.0), (30.0, 31.0), (30.0, 26.0)]:
        page.mouse.click(*to_screen(svg, x, y))
    settle(page)
    screenshot(page, "designer_polygon_drawn")
    expect(page.get_by_text(re.compile(r"Added a conversation room, r1, of 24\.0 m²")).first).to_be_visible()
    expect(page.get_by_test_id("pe-room-r1")).to_have_count(1)

    # drag it one metre east
    page.get_by_test_id("pe-tool-select").click()
    a, b = to_screen(svg, 31.5, 28.0), to_screen(svg, 32.5, 28.0)
    page.mouse.move(*a)
    page.mouse.down()
    page.mouse.move(*b, steps=6)
    page.mouse.up()
    settle(page)
    expect(page.get_by_text(re.compile(r"Moved the room .*\(?r1\)? 1 m east")).first).to_be_visible()

    # what can be seen from the waiting area
    page.get_by_test_id("pe-tool-point").click()
    page.mouse.click(*to_screen(svg, 24.0, 8.0))
    settle(page)
    expect(page.get_by_test_id("pe-isovist")).to_have_count(1)
    expect(page.get_by_text(re.compile(r"Isovist from \(24\.0, 8\.0\)"))).to_be_visible()
    screenshot(page, "designer_polygon_isovist")

    # zoom in, pan the view, then fit the whole plan again
    full = [float(v) for v in svg.get_attribute("viewBox").split()]
    page.get_by_test_id("pe-zoom-in").click()
    page.get_by_test_id("pe-zoom-in").click()
    zoomed = [float(v) for v in svg.get_attribute("viewBox").split()]
    assert zoomed[2] < full[2] * 0.6
    page.get_by_test_id("pe-tool-pan").click()
    corner = to_screen(svg, zoomed[0] + zoomed[2] / 2, -(zoomed[1] + zoomed[3] / 2))
    page.mouse.move(*corner)
    page.mouse.down()
    page.mouse.move(corner[0] + 40, corner[1] + 20, steps=4)
    page.mouse.up()
    panned = [float(v) for v in svg.get_attribute("viewBox").split()]
    assert panned[0] < zoomed[0] and panned[1] < zoomed[1] and panned[2] == zoomed[2]
    page.get_by_test_id("pe-zoom-fit").click()
    assert [float(v) for v in svg.get_attribute("viewBox").split()] == full

    # and delete the room again
    page.get_by_test_id("pe-tool-delete").click()
    page.mouse.click(*to_screen(svg, 32.5, 28.0))
    settle(page)
    expect(page.get_by_test_id("pe-room-r1")).to_have_count(0)
    expect(page.get_by_text(re.compile(r"Deleted the room .*r1")).first).to_be_visible()
