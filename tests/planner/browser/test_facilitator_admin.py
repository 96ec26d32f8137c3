"""Browser tests of the facilitator's admin journey and of the menus each role gets."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from planner.kiosk.i18n import t
from tests.planner.browser.helpers import TABLET, screenshot, sign_in, wait_for_app


def menu(page) -> list[str]:
    """Menu labels (each link also holds its icon name as text, on the first line)."""
    return [s.strip().splitlines()[-1] for s in page.get_by_test_id("stSidebarNav").locator("a").all_inner_texts()]


def test_staff_menu_has_no_facilitator_pages(page, app_server):
    sign_in(page, app_server, "staff2", "staff")
    entries = menu(page)
    assert "Vote" in entries and "Compare" in entries
    assert not {"Results", "Moderation", "Admin", "Designer"} & set(entries)


def test_facilitator_creates_a_kiosk_uses_it_and_revokes_it(page, browser, app_server):
    sign_in(page, app_server, "facilitator", "facilitator")
    assert {"Results", "Moderation", "Admin", "Designer", "Compare", "Vote"} <= set(menu(page))
    page.get_by_test_id("stSidebarNav").get_by_text("Admin").click()
    wait_for_app(page)
    page.get_by_role("tab", name="Kiosks").click()
    wait_for_app(page)
    page.get_by_role("textbox", name="Where it stands").fill("Trappen, 1. sal")
    page.get_by_role("button", name="Create kiosk").click()
    wait_for_app(page)
    expect(page.get_by_text("Kiosk 'Trappen, 1. sal' created")).to_be_visible()
    card = page.locator('[class*="st-key-admin_kiosk_"]').filter(has_text="Trappen, 1. sal")
    url = card.get_by_test_id("stCode").inner_text().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?kiosk=[A-Za-z0-9_-]{16,}&embed=true", url), url
    expect(card.get_by_test_id("stImage")).to_be_visible()  # the QR code
    screenshot(page, "admin_kiosk_created")

    kiosk = browser.new_context(viewport=TABLET, has_touch=True).new_page()
    kiosk.goto(url)
    wait_for_app(kiosk)
    expect(kiosk.locator("h1").first).to_have_text(t("q.rating", "da"))

    card.get_by_role("button", name="Revoke").click()
    wait_for_app(page)
    kiosk.reload()
    wait_for_app(kiosk)
    expect(kiosk.locator("h1").first).to_have_text(t("inactive.title", "da"))
    kiosk.context.close()
