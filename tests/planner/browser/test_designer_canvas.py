"""Done-when of the designer's canvas (issue 17), in a real Chromium at desktop size: the designer carves a quiet nook
out of the demo's open office with the Split room tool, widens it by dragging the wall handle it shares with the
office, and the result is saved as the option's plan."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from floorplans import errors_only, parse_plan, validate_plan
from floorplans.topology import adjacency_graph
from input_forms.db import make_engine
from input_forms.projects import list_options, list_projects
from tests.planner.browser.conftest import SERVER_DATABASE
from tests.planner.browser.helpers import DESKTOP, click_until_shown, into_view, screenshot, wait_for_app
from tests.planner.browser.test_designer_browser import SLOW, settle, sign_in, to_screen

expect.set_options(timeout=30_000)


def drag(page, svg, a, b) -> None:
    start, end = to_screen(svg, *a), to_screen(svg, *b)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, steps=4)
    page.mouse.move(*end, steps=4)
    page.mouse.up()


def choose_kind(page, name: str) -> None:
    """The page's "Kind of new rooms" picker: typed into, as its long list may not show every kind at once."""
    picker = page.get_by_role("combobox", name="Kind of new rooms")
    picker.click()
    page.keyboard.type(name)
    page.get_by_role("option", name=re.compile(f"^{name}$", re.IGNORECASE)).click()
    wait_for_app(page)
    expect(picker).to_have_value(re.compile(f"^{name}$", re.IGNORECASE))


def test_designer_carves_a_nook_out_of_an_open_office(page, app_server):
    page.set_default_timeout(SLOW)
    sign_in(page, app_server, "designer", "designer")
    page.get_by_role("button", name="Duplicate as new option").click()
    page.get_by_label("Name").fill("Option Nook")
    page.get_by_role("button", name="Duplicate", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Layout option")).to_have_value("Option Nook (v1)")

    svg = page.get_by_test_id("pe-svg")
    into_view(page, svg)
    # the plan fills the width the page gives it
    given = svg.evaluate("s => { const r = s.closest('.pe-root'); return (r.parentElement || r.getRootNode().host).getBoundingClientRect().width; }")
    assert abs(svg.bounding_box()["width"] - given) <= 4

    # full screen covers the window; Esc leaves it
    click_until_shown(page, page.get_by_role("button", name="Full screen", exact=True),
                      page.get_by_role("button", name="Exit full screen"))
    box = page.get_by_test_id("pe-root").bounding_box()
    assert (round(box["width"]), round(box["height"])) == (DESKTOP["width"], DESKTOP["height"])
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Full screen")).to_have_attribute("aria-pressed", "false")

    # Split room, twice: a 4 m strip off the south of Kontor – Team Vest (0..12 x 0..12) as open office, between the
    # windows of its west wall; then a quiet nook off the strip's east end (the new part's kind: the page's picker)
    choose_kind(page, "Open office")
    page.get_by_role("button", name="Split room").click()
    drag(page, svg, (0.5, 4.02), (11.5, 3.98))
    settle(page)
    status = page.get_by_test_id("pe-status")
    expect(status).to_contain_text("carved out")
    choose_kind(page, "Quiet nook")
    svg.evaluate("s => s.scrollIntoView({block: 'center'})")  # the whole plan in view (the picker scrolled up)
    drag(page, svg, (8.0, 0.5), (8.0, 3.5))
    settle(page)
    expect(status).to_contain_text("carved out")
    screenshot(page, "designer_nook_split")

    # select the nook (a tap inside it) and drag its west wall, shared with the strip, 0.5 m west
    page.get_by_role("button", name="Select / move").click()
    svg.evaluate("s => s.scrollIntoView({block: 'center'})")
    page.mouse.click(*to_screen(svg, 10.0, 2.0))
    settle(page)
    page.locator("[data-handle=edge]").first.wait_for()
    drag(page, svg, (8.0, 2.0), (7.48, 2.2))  # the wall handle sits in the middle of the wall
    settle(page)
    expect(status).to_contain_text("Moved a wall of")
    expect(status).to_contain_text("moved with it")
    screenshot(page, "designer_nook_widened")

    # saved: the option's plan has the nook (4.5 x 4 m), the strip beside it and the smaller office, joined by doors
    engine = make_engine(SERVER_DATABASE["url"])
    [project] = list_projects(engine)
    [option] = [o for o in list_options(engine, project.id) if o.name == "Option Nook"]
    assert option.version >= 4
    plan = parse_plan(option.plan_geojson)
    [nook] = [r for r in plan.rooms if r.kind.value == "quiet_nook" and r.geometry.bounds == (7.5, 0.0, 12.0, 4.0)]
    [strip] = [r for r in plan.rooms if r.kind.value == "open_office" and r.geometry.bounds == (0.0, 0.0, 7.5, 4.0)]
    office = plan.room("kontor_vest")
    assert office.geometry.bounds == (0.0, 4.0, 12.0, 12.0)
    assert nook.geometry.area + strip.geometry.area + office.geometry.area == 144.0
    graph = adjacency_graph(plan)
    assert graph.has_edge(nook.id, strip.id) and graph.has_edge(strip.id, "kontor_vest")
    assert errors_only(validate_plan(plan)) == []
