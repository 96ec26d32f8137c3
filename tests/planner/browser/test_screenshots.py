"""README's pictures of the designer's workspace and the comparison, taken only by `make screenshots`.

The other README pictures come from the journeys that show them (test_kiosk_flow.py,
test_comments_browser.py); helpers.DOCS_PICTURES maps each to its file in docs/screenshots/.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from tests.planner.browser.helpers import DESKTOP, screenshot, sign_in, wait_for_app

pytestmark = pytest.mark.skipif(not os.environ.get("SAVE_DOCS_SCREENSHOTS"),
                                reason="README pictures: run `make screenshots`")


def test_designer_workspace_with_the_wheelchair_route(browser, app_server):
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        sign_in(page, app_server, "designer", "designer")
        expect(page.get_by_role("heading", name="Designer")).to_be_visible()
        page.get_by_test_id("stButtonGroup").first.get_by_text("Wheelchair route", exact=True).click()
        wait_for_app(page)
        screenshot(page, "docs_designer")
    finally:
        context.close()


def test_compare_side_by_side(browser, app_server):
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        sign_in(page, app_server, "designer", "designer")
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Compare").click()
        wait_for_app(page)
        expect(page.get_by_test_id("stImage").first).to_be_visible()
        screenshot(page, "docs_compare")
    finally:
        context.close()
