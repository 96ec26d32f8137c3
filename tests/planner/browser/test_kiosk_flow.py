"""Browser tests: citizens use the kiosk by touch/clicks (Arabic on a phone, Danish on a tablet),
then the facilitator finds both entries in Results and the texts in Moderation.

The tests in this module run in order against one server (tests/planner/browser/conftest.py).
Set SAVE_DOCS_SCREENSHOTS=1 to also refresh the README pictures in docs/screenshots/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from input_forms.aggregate import feedback_frame
from input_forms.db import make_engine
from input_forms.projects import list_projects
from input_forms.publication import publish
from planner.kiosk.i18n import t
from tests.planner.browser.conftest import SERVER_DATABASE
from tests.planner.browser.helpers import PHONE, ROOT, TABLET, screenshot, set_public_address, sign_in, wait_for_app

KIOSK = "/?kiosk=demo-kiosk&embed=true"
ARABIC_TEXT = "الانتظار طويل جدا وأريد مكانا هادئا"
DANISH_TEXT = "Skiltene til elevatoren er svære at se"
DOCS = ROOT / "docs" / "screenshots"


def docs_copy(path: Path, name: str) -> None:
    if os.environ.get("SAVE_DOCS_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / f"{name}.png")


@pytest.fixture()
def kiosk_page(browser, request):
    """A fresh context sized like a phone or a tablet (the test's `size` mark), with touch."""
    size = request.node.get_closest_marker("size").args[0]
    context = browser.new_context(viewport=size, has_touch=True, device_scale_factor=1)
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


def key(name: str) -> str:
    """The button inside the element keyed k_<name>_<generation>."""
    return f'[class*="st-key-k_{name}_"] button'


def tap(page, selector: str, touch: bool) -> None:
    target = page.locator(selector).first
    target.tap() if touch else target.click()
    wait_for_app(page)


def assert_touch_targets(page, minimum: float = 48) -> None:
    """Every visible button of the kiosk is at least 48 x 48 CSS pixels."""
    for button in page.locator('[data-testid="stMainBlockContainer"] button').all():
        if not button.is_visible():
            continue
        box = button.bounding_box()
        assert box["height"] >= minimum and box["width"] >= minimum, (button.inner_text(), box)


def assert_no_chrome(page) -> None:
    for testid in ("stSidebar", "stToolbar", "stHeader", "stSidebarNav", "stMainMenu"):
        expect(page.get_by_test_id(testid)).to_have_count(0) if page.get_by_test_id(testid).count() == 0 \
            else expect(page.get_by_test_id(testid).first).to_be_hidden()


def complete_kiosk(page, base: str, *, language: str | None, face: int, chips: int, pin: bool, text: str, touch: bool,
                   shot: str) -> None:
    page.goto(base + KIOSK)
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(t("q.rating", "da"))
    assert_no_chrome(page)
    assert_touch_targets(page)
    lang = language or "da"
    if language:
        tap(page, key(f"lang_{language}"), touch)
        expect(page.locator("h1").first).to_have_text(t("q.rating", language))
    direction = page.locator('[data-testid="stMainBlockContainer"]').evaluate("e => getComputedStyle(e).direction")
    assert direction == ("rtl" if lang == "ar" else "ltr")
    docs_copy(screenshot(page, f"{shot}_1_rating"), f"kiosk_{shot}")

    tap(page, key(f"face_{face}"), touch)
    expect(page.locator("h1").first).to_have_text(t("q.calmer", lang))
    pills = page.locator('button[data-variant="pills"]')
    for i in range(chips):
        pills.nth(i).tap() if touch else pills.nth(i).click()
        wait_for_app(page)
    assert_touch_targets(page)
    screenshot(page, f"{shot}_2_calmer")
    tap(page, key("fwd_0"), touch)

    expect(page.locator("h1").first).to_have_text(t("q.pin", lang))
    # The citizen's plan (drawn in the browser): a tap on the waiting area pins it.
    waiting = page.locator('[data-testid="kiosk-picture-svg"] path[data-role="public"][data-room="venteomraade"]')
    expect(waiting).to_be_visible()
    # a wide plan is turned a quarter on a phone (larger rooms), never on a tablet
    expect(page.locator(".cp-stage")).to_have_attribute("data-turned", str(page.viewport_size["width"] < 560).lower())
    if pin:
        waiting.tap() if touch else waiting.click()
        wait_for_app(page)
        expect(page.get_by_test_id("kiosk-picture-pin")).to_be_visible()
        expect(page.get_by_text(t("pin.placed.in", lang, place=t("place.waiting", lang)))).to_be_visible()
    screenshot(page, f"{shot}_3_pin")
    tap(page, key("fwd_0"), touch)  # Next (pin placed) or Skip

    expect(page.locator("h1").first).to_have_text(t("q.text", lang))
    field = page.locator('[class*="st-key-k_text_"] textarea')
    field.fill(text)
    field.press("Control+Enter")  # a text area keeps Enter for new lines
    wait_for_app(page)
    screenshot(page, f"{shot}_4_text")
    tap(page, key("fwd_0"), touch)  # Send

    expect(page.locator("h1").first).to_have_text(t("thanks.title", lang))
    expect(page.get_by_text(t("thanks.anonymous", lang))).to_be_visible()
    screenshot(page, f"{shot}_5_thanks")
    # The thank-you screen returns to the Danish start by itself, with nothing of the person left.
    expect(page.locator("h1").first).to_have_text(t("q.rating", "da"), timeout=25_000)
    assert page.locator('[class*="st-key-k_text_"] textarea').count() == 0


@pytest.mark.size(PHONE)
def test_citizen_completes_the_kiosk_in_arabic_by_touch_on_a_phone(kiosk_page, app_server):
    complete_kiosk(kiosk_page, app_server, language="ar", face=4, chips=2, pin=True, text=ARABIC_TEXT, touch=True, shot="phone_ar")


@pytest.mark.size(TABLET)
def test_citizen_completes_the_kiosk_in_danish_by_clicks_on_a_tablet(kiosk_page, app_server):
    complete_kiosk(kiosk_page, app_server, language=None, face=2, chips=1, pin=False, text=DANISH_TEXT, touch=False,
                   shot="tablet_da")


@pytest.mark.size(TABLET)
def test_a_wrong_token_shows_the_calm_inactive_screen(kiosk_page, app_server):
    kiosk_page.goto(app_server + "/?kiosk=not-a-real-kiosk&embed=true")
    wait_for_app(kiosk_page)
    expect(kiosk_page.locator("h1").first).to_have_text(t("inactive.title", "da"))
    assert kiosk_page.locator('[data-testid="stMainBlockContainer"] button').count() == 0
    assert_no_chrome(kiosk_page)
    screenshot(kiosk_page, "kiosk_inactive")


@pytest.mark.size(TABLET)
@pytest.mark.parametrize("path", ["/results", "/admin", "/moderation", "/vote"])
def test_a_kiosk_url_cannot_open_another_page(kiosk_page, app_server, path):
    kiosk_page.goto(f"{app_server}{path}?kiosk=demo-kiosk")
    wait_for_app(kiosk_page)
    expect(kiosk_page.locator("h1").first).to_have_text(t("q.rating", "da"))
    assert_no_chrome(kiosk_page)
    assert kiosk_page.get_by_role("link").filter(has_text="Results").count() == 0
    assert kiosk_page.get_by_role("dialog").count() == 0  # no English "Page not found"


def test_facilitator_sees_both_entries_in_results_and_moderation(page, app_server):
    sign_in(page, app_server, "facilitator", "facilitator")
    expect(page.locator("h1").first).to_have_text("Results")
    answers = page.get_by_test_id("stMetric").filter(has_text="Kiosk answers").get_by_test_id("stMetricValue")
    engine = make_engine(SERVER_DATABASE["url"])
    [project] = list_projects(engine)
    stored = len(feedback_frame(engine, project.id))
    assert stored >= 42  # the demo's 40 + the two citizens above
    # the page counts what the publication layer publishes: answers in groups under the minimum are left out
    assert int(answers.inner_text()) == publish(engine, project.id).n_published <= stored
    chart = page.get_by_test_id("stVegaLiteChart").first
    chart.locator("canvas, svg.marks").first.wait_for(state="visible")  # drawn, not just its frame
    docs_copy(screenshot(page, "facilitator_results"), "results")

    page.get_by_test_id("stSidebarNav").get_by_text("Moderation").click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("Moderation")
    expect(page.get_by_text(ARABIC_TEXT)).to_be_visible()
    expect(page.get_by_text(DANISH_TEXT)).to_be_visible()
    docs_copy(screenshot(page, "facilitator_moderation"), "moderation")
    item = page.locator('[class*="st-key-moderation_item_"]').filter(has_text=DANISH_TEXT)
    item.get_by_role("button", name="Approve").click()
    wait_for_app(page)
    expect(page.get_by_text(DANISH_TEXT)).to_have_count(0)

    page.get_by_test_id("stSidebarNav").get_by_text("Results").click()
    wait_for_app(page)
    page.get_by_text("Citizen comments", exact=True).first.click()  # the results section menu
    wait_for_app(page)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    screenshot(page, "facilitator_results_comments")
    page.get_by_text("Pins on the plans", exact=True).first.click()
    wait_for_app(page)
    expect(page.get_by_test_id("stImage").first).to_be_visible()
    docs_copy(screenshot(page, "facilitator_results_pins"), "results_pins")

    page.get_by_test_id("stSidebarNav").get_by_text("Admin").click()
    wait_for_app(page)
    page.get_by_role("tab", name="Kiosks").click()
    wait_for_app(page)
    set_public_address(page, "http://192.168.1.20:8501")  # links and QR codes wait for the public address
    expect(page.get_by_text("http://192.168.1.20:8501/?kiosk=demo-kiosk&embed=true")).to_be_visible()
    screenshot(page, "facilitator_admin_kiosks")
