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


#: The sizes the issue was seen at: an iPad Air upright and a phone.
IPAD = {"width": 820, "height": 1180}
PHONE_SMALL = {"width": 390, "height": 844}

#: True when the button's label is drawn in full: its text box has a width and nothing of it is cut off.
_LABEL_SHOWN = """b => {
  const label = b.querySelector("[data-testid='stMarkdownContainer']");
  if (!label) return false;
  const box = label.getBoundingClientRect(), outer = b.getBoundingClientRect();
  return box.width > 20 && label.scrollWidth <= Math.ceil(box.width) + 1
    && box.left >= outer.left - 1 && box.right <= outer.right + 1;
}"""


def _text_waiting(app_server) -> None:
    """At least one kiosk text waits for moderation on the test server (earlier tests may have decided them)."""
    from input_forms.db import make_engine
    from input_forms.feedback import moderation_queue, submit_feedback
    from input_forms.projects import list_projects
    from tests.planner.browser.conftest import SERVER_DATABASE

    engine = make_engine(SERVER_DATABASE["url"])
    try:
        if not moderation_queue(engine, list_projects(engine)[0].id):
            submit_feedback(engine, {"client_id": "moderation-browser-1", "kiosk_token": "demo-kiosk", "rating": 2,
                                     "text": "Too noisy by the entrance", "language": "en"}, min_gap_s=0)
    finally:
        engine.dispose()


def test_moderation_buttons_keep_their_labels_on_a_tablet_and_a_phone(browser, app_server):
    _text_waiting(app_server)
    for size in (IPAD, PHONE_SMALL):
        context = browser.new_context(viewport=size, has_touch=True)
        try:
            page = context.new_page()
            sign_in(page, app_server, "facilitator", "facilitator")
            nav = page.get_by_test_id("stSidebarNav")
            if not nav.is_visible():  # on a phone the menu sits in the collapsed sidebar
                page.get_by_test_id("stExpandSidebarButton").click()
            nav.get_by_role("link", name="Moderation").click()
            wait_for_app(page)
            item = page.locator('[class*="st-key-moderation_item_"]').first
            for name in ("Approve", "Reject"):
                button = item.get_by_role("button", name=name)
                expect(button).to_be_visible()
                button.scroll_into_view_if_needed()
                assert button.evaluate(_LABEL_SHOWN), f"{name} lost its label at {size}"
            screenshot(page, f"moderation_{size['width']}x{size['height']}")
        finally:
            context.close()
