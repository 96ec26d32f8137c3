"""The designer's layout in a real Chromium at desktop, tablet and phone sizes (issue 17).

At 1366x900 the plan takes at least 55 % of the page's width; at 820x1180 the sidebar is
folded, the two scores are shown in full (not "5…") and Undo/Redo keep their labels; at
every size the overlay chips wrap inside the page. Sizes are measured, never waited for
with sleeps: every wait is on a selector or the app being idle.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.planner.browser.helpers import DESKTOP, PHONE, sign_in, wait_for_app

expect.set_options(timeout=30_000)
SLOW = 60_000
TABLET_PORTRAIT = {"width": 820, "height": 1180}

#: Elements whose text is cut (an ellipsis or a clipped label): their content is wider than their box.
_CLIPPED = """els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


@pytest.fixture
def designer_at(browser, app_server) -> Iterator:
    """A factory: the designer page, signed in, at a viewport size (one browser context each)."""
    contexts = []

    def open_at(viewport: dict):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(SLOW)
        sign_in(page, app_server, "designer", "designer")
        expect(page.get_by_role("heading", name="Designer")).to_be_visible()
        page.get_by_test_id("pe-svg").wait_for()
        wait_for_app(page, timeout=SLOW)
        return page

    yield open_at
    for context in contexts:
        context.close()


def test_the_plan_fills_the_main_column_at_desktop(designer_at):
    page = designer_at(DESKTOP)
    box = page.get_by_test_id("pe-svg").bounding_box()
    assert box is not None
    assert box["width"] >= 0.55 * DESKTOP["width"], f"the plan is {box['width']:.0f} px of {DESKTOP['width']} px"


def test_on_a_tablet_the_sidebar_is_folded_and_scores_and_buttons_read_in_full(designer_at):
    page = designer_at(TABLET_PORTRAIT)
    page.locator("[data-testid=stSidebar][data-collapsed=true]").wait_for(state="attached")
    box = page.get_by_test_id("pe-svg").bounding_box()
    assert box is not None and box["width"] >= 0.55 * TABLET_PORTRAIT["width"]

    values = page.get_by_test_id("stMetricValue")
    expect(values).to_have_count(2)
    for text in values.all_inner_texts():
        assert re.fullmatch(r"\d+ / 100", text.strip()), text
    clipped = values.locator("div").evaluate_all(_CLIPPED) + values.evaluate_all(_CLIPPED)
    assert clipped == [], f"score values cut off: {clipped}"

    for name in ("Undo", "Redo"):
        button = page.get_by_role("button", name=name, exact=True)
        label = button.get_by_text(name, exact=True)
        expect(label).to_be_visible()
        width = label.evaluate("e => e.getBoundingClientRect().width")
        assert width >= 20, f"{name}'s label is {width:.0f} px wide"
        assert label.evaluate_all(_CLIPPED) == [], f"{name}'s label is cut off"


@pytest.mark.parametrize("viewport", [PHONE, TABLET_PORTRAIT, DESKTOP], ids=["phone", "tablet", "desktop"])
def test_overlay_chips_wrap_inside_the_page(designer_at, viewport):
    page = designer_at(viewport)
    chips = page.locator(".st-key-designer_overlays")
    chips.scroll_into_view_if_needed()
    buttons = chips.locator("button")
    expect(buttons).to_have_count(8)
    group = chips.evaluate("e => { const b = e.getBoundingClientRect(); return [b.left, b.right, e.scrollWidth, e.clientWidth]; }")
    left, right, scroll_width, client_width = group
    assert scroll_width <= client_width + 1, f"the chips scroll sideways ({scroll_width} > {client_width} px)"
    assert right <= viewport["width"] + 1
    edges = buttons.evaluate_all("bs => bs.map(b => { const r = b.getBoundingClientRect(); return [b.innerText, r.left, r.right, r.top]; })")
    outside = [text for text, lo, hi, _ in edges if lo < left - 1 or hi > right + 1]
    assert outside == [], f"chips outside their row: {outside}"
    if viewport is PHONE:  # eight chips cannot fit one 390 px row: they must have wrapped onto several
        assert len({round(top) for *_, top in edges}) > 1
