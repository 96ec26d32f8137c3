"""Browser tests of the facilitator's admin journey and of the menus each role gets."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from planner.kiosk.i18n import t
from tests.planner.browser.helpers import TABLET, screenshot, set_public_address, sign_in, wait_for_app


def open_page(page, name: str) -> None:
    """Open a page from the menu; on a phone the menu is in the sidebar, opened first and closed after."""
    nav = page.get_by_test_id("stSidebarNav")
    sidebar = page.get_by_test_id("stSidebar")
    if not nav.is_visible():
        page.get_by_test_id("stExpandSidebarButton").click()
    nav.get_by_role("link", name=name).click()
    wait_for_app(page)
    if page.viewport_size["width"] < 640 and sidebar.get_attribute("data-collapsed") == "false":
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
        expect(sidebar).to_have_attribute("data-collapsed", "true")


def open_admin_kiosks(page) -> None:
    open_page(page, "Admin")
    page.get_by_role("tab", name="Kiosks").click()
    wait_for_app(page)


def menu(page) -> list[str]:
    """Menu labels (each link also holds its icon name as text, on the first line)."""
    return [s.strip().splitlines()[-1] for s in page.get_by_test_id("stSidebarNav").locator("a").all_inner_texts()]


def test_staff_menu_has_no_facilitator_pages(page, app_server):
    sign_in(page, app_server, "staff2", "staff")
    entries = menu(page)
    assert "Vote" in entries and "Compare" in entries
    assert not {"Results", "Moderation", "Admin", "Designer"} & set(entries)


def _no_public_address() -> None:
    """The demo project has no public address yet (another file's journey on this server may have set one)."""
    from input_forms.db import make_engine
    from input_forms.kiosks import set_public_base_url
    from input_forms.projects import list_projects
    from tests.planner.browser.conftest import SERVER_DATABASE

    engine = make_engine(SERVER_DATABASE["url"])
    try:
        set_public_base_url(engine, list_projects(engine)[0].id, None)
    finally:
        engine.dispose()


def test_facilitator_creates_a_kiosk_uses_it_and_revokes_it(page, browser, app_server):
    _no_public_address()
    sign_in(page, app_server, "facilitator", "facilitator")
    assert {"Results", "Moderation", "Admin", "Designer", "Compare", "Vote"} <= set(menu(page))
    page.get_by_test_id("stSidebarNav").get_by_text("Admin").click()
    wait_for_app(page)
    page.get_by_role("tab", name="Kiosks").click()
    wait_for_app(page)
    expect(page.get_by_text("No public address is set, so there are no kiosk links or QR codes yet")).to_be_visible()
    set_public_address(page, app_server)  # the test server listens on 127.0.0.1 only: a local address
    expect(page.get_by_text(f"The public address {app_server} only works on this computer")).to_be_visible()
    page.get_by_role("textbox", name="Where it stands").fill("Trappen, 1. sal")
    page.get_by_role("button", name="Create kiosk").click()
    wait_for_app(page)
    expect(page.get_by_text("Kiosk 'Trappen, 1. sal' created")).to_be_visible()
    card = page.locator('[class*="st-key-admin_kiosk_"]').filter(has_text="Trappen, 1. sal")
    url = card.get_by_test_id("stCode").inner_text().strip()
    assert re.fullmatch(re.escape(app_server) + r"/\?kiosk=[A-Za-z0-9_-]{16,}&embed=true", url), url
    expect(card.get_by_role("img", name=url, exact=True)).to_be_visible()  # the QR code, its alt text the address
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


def pdf_pages(pdf: bytes) -> int:
    """How many pages Chromium printed (each page is one "/Type /Page" object; the tree is "/Type /Pages")."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


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
            open_page(page, "Moderation")
            item = page.locator('[class*="st-key-moderation_item_"]').first
            for name in ("Approve", "Reject"):
                button = item.get_by_role("button", name=name)
                expect(button).to_be_visible()
                button.scroll_into_view_if_needed()
                assert button.evaluate(_LABEL_SHOWN), f"{name} lost its label at {size}"
            screenshot(page, f"moderation_{size['width']}x{size['height']}")
        finally:
            context.close()


def test_on_a_tablet_each_qr_code_is_whole_and_prints_on_its_own_page(browser, app_server, tmp_path):
    context = browser.new_context(viewport=IPAD, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        sign_in(page, app_server, "facilitator", "facilitator")
        open_admin_kiosks(page)
        set_public_address(page, "http://192.168.1.20:8501")
        expect(page.get_by_text("Kiosk links start with http://192.168.1.20:8501.")).to_be_visible()
        card = page.locator('[class*="st-key-admin_kiosk_"]').filter(has_text="Reception, stueetage")
        url = "http://192.168.1.20:8501/?kiosk=demo-kiosk&embed=true"
        expect(card.get_by_test_id("stCode")).to_have_text(url)
        qr = card.get_by_role("img", name=url, exact=True)
        qr.scroll_into_view_if_needed()
        expect(qr).to_be_in_viewport(ratio=1.0)
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
        box = qr.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= IPAD["width"], box  # not cut off at the right
        assert box["width"] >= 200 and abs(box["width"] - box["height"]) <= 1, box  # full size, square
        screenshot(page, "admin_kiosk_qr_tablet")

        with page.expect_download() as download:
            card.get_by_role("button", name="Printable page").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name == "kiosk-reception-stueetage.html"
        sheet = context.new_page()
        sheet.goto(saved.as_uri())
        sheet.emulate_media(media="print")
        expect(sheet.locator("section.sheet")).to_have_count(1)
        expect(sheet.get_by_role("heading", level=1)).to_have_text("Reception, stueetage")
        expect(sheet.get_by_role("img", name=url, exact=True)).to_be_visible()
        expect(sheet.locator(".address")).to_have_text(url)
        assert pdf_pages(sheet.pdf(format="A4", prefer_css_page_size=True)) == 1

        with page.expect_download() as download:
            page.get_by_role("button", name="Printable pages of all active kiosks (one per page)").click()
        everything = tmp_path / "all.html"
        download.value.save_as(everything)
        sheet.goto(everything.as_uri())
        count = page.get_by_role("button", name="Printable page", exact=True).count()  # one per active kiosk
        expect(sheet.locator("section.sheet")).to_have_count(count)
        assert pdf_pages(sheet.pdf(format="A4", prefer_css_page_size=True)) == count >= 2  # one kiosk per page
        sheet.close()
    finally:
        context.close()


def test_the_facilitator_taps_where_a_kiosk_stands(browser, app_server):
    from input_forms.db import make_engine
    from input_forms.kiosks import kiosk_by_token
    from tests.planner.browser.conftest import SERVER_DATABASE

    context = browser.new_context(viewport=IPAD, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        sign_in(page, app_server, "facilitator", "facilitator")
        open_admin_kiosks(page)
        box = page.locator(".st-key-admin_place_box")
        expect(box.get_by_role("combobox", name="Kiosk")).to_have_value("Reception, stueetage")
        plan = box.get_by_role("img", name=re.compile(r"^Floor plan of .*Tap where the kiosk stands"))
        plan.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=plan.element_handle())
        size = plan.bounding_box()
        plan.click(position={"x": size["width"] * 0.5, "y": size["height"] * 0.75})  # the reception, lower middle
        wait_for_app(page)
        expect(page.get_by_text(re.compile(r"Kiosk 'Reception, stueetage' now stands at \(\d+\.\d, \d+\.\d\) m\."))).to_be_visible()
        expect(plan).to_have_attribute("alt", re.compile(r"marked with a blue dot at \(\d+\.\d, \d+\.\d\) m"))
        engine = make_engine(SERVER_DATABASE["url"])
        try:
            here = kiosk_by_token(engine, "demo-kiosk").here
        finally:
            engine.dispose()
        assert here is not None
        expect(box.get_by_role("spinbutton", name="x (metres)")).to_have_value(f"{here[0]:.2f}")
    finally:
        context.close()
