"""What the browser tests share besides fixtures: viewports, waiting for the app, screenshots, sign-in.

Waits are conditions, never fixed sleeps: the app has settled when its script has not been
running for a short quiet spell (a click starts a rerun a moment later, so "not running" alone
would be seen too early), and a picture when its size stops changing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "tests" / "artifacts"
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}
DESKTOP = {"width": 1366, "height": 900}

#: How long the app must stay idle (connected, script not running, no skeleton) to count as settled.
QUIET_MS = 200

_SETTLED = """(quiet) => {
  const app = document.querySelector("[data-testid='stApp']");
  const idle = !!app && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning' && !document.querySelector("[data-testid='stSkeleton']");
  const now = performance.now();
  if (!idle) { window.__appIdleSince = undefined; return false; }
  if (window.__appIdleSince === undefined) window.__appIdleSince = now;
  return now - window.__appIdleSince >= quiet;
}"""

def wait_for_app(page: Page, timeout: float = 20_000) -> None:
    """Wait until the app is connected and its script has finished its run (and no rerun follows at once)."""
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=timeout
    )
    page.evaluate("window.__appIdleSince = undefined")  # the quiet spell starts now, not at an earlier wait
    page.wait_for_function(_SETTLED, arg=QUIET_MS, timeout=timeout, polling=50)


#: README's pictures (docs/screenshots/<value>.png) and the test screenshot each is copied from.
#: `make screenshots` runs the tests that take them with SAVE_DOCS_SCREENSHOTS=1.
DOCS = ROOT / "docs" / "screenshots"
DOCS_PICTURES = {
    "tablet_da_1_rating": "kiosk_tablet_da",
    "phone_ar_1_rating": "kiosk_phone_ar",
    "facilitator_results": "results",
    "facilitator_results_pins": "results_pins",
    "facilitator_moderation": "moderation",
    "docs_designer": "designer",
    "docs_compare": "compare",
    "comments_staff_pinned": "comments_staff",
    "comments_designer_answered": "comments_designer",
    "comments_results_counted": "results_staff_comments",
    "phone_ar_citizen_picture": "kiosk_pin_phone_ar",
    "kiosk_layout_still_there_ar": "kiosk_still_there_ar",
    "designer_nook_widened": "designer_split",
    "admin_kiosk_qr_tablet": "admin_kiosk_qr",
}


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under tests/artifacts/<name>.png (not committed).

    With SAVE_DOCS_SCREENSHOTS=1 a screenshot README shows (DOCS_PICTURES) is also copied to docs/screenshots/.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("SAVE_DOCS_SCREENSHOTS") and name in DOCS_PICTURES:
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / f"{DOCS_PICTURES[name]}.png")
    return path


def sign_in(page: Page, base_url: str, user: str, password: str) -> None:
    """Open the app and sign in through the form."""
    page.goto(base_url + "/")
    wait_for_app(page)
    page.get_by_role("textbox", name="Username").fill(user)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    page.get_by_role("button", name="Sign out").wait_for()


def set_public_address(page, address: str) -> None:
    """Admin -> Kiosks: save the project's public address (kiosk links and QR codes are made from it)."""
    page.get_by_role("textbox", name="Public address").fill(address)
    page.get_by_role("button", name="Save address").click()
    wait_for_app(page)
    expect(page.get_by_text("Public address saved")).to_be_visible()


def while_remounting(page: Page, action: Callable[[], object], attempts: int = 3) -> None:
    """Do ``action`` (a click, a scroll on the editor); a rerun that remounts the editor meanwhile detaches
    its element, or shows the stale and the new one side by side until it ends, so wait for the app and
    do it again on the new one."""
    for attempt in range(attempts):
        try:
            action()
            return
        except PlaywrightError as exc:
            remounting = "not attached" in str(exc) or "strict mode violation" in str(exc)
            if not remounting or attempt == attempts - 1:
                raise
            wait_for_app(page)


def click_until_shown(page: Page, target: Locator, shown: Locator, attempts: int = 3, timeout: float = 10_000) -> None:
    """Click ``target`` until ``shown`` is visible. A rerun that remounts the component meanwhile takes a click
    away (the stale copy clicked, or the new one mounted in its first state): wait for the app and click again."""
    for attempt in range(attempts):
        if attempt and shown.is_visible():
            return
        while_remounting(page, target.click)
        try:
            expect(shown).to_be_visible(timeout=timeout)
            return
        except AssertionError:
            if attempt == attempts - 1:
                raise
            wait_for_app(page)


def into_view(page: Page, target: Locator, attempts: int = 3) -> None:
    """Scroll ``target`` into view, again on the new element if a rerun remounts it (:func:`while_remounting`)."""
    while_remounting(page, target.scroll_into_view_if_needed, attempts)


#: True when the element's box is where the last poll found it (a kiosk button moves while the plan picture above it loads).
_STEADY = """(selector) => {
  const el = document.querySelector(selector);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  const where = `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)}`;
  const steady = window.__steadyAt === where;
  window.__steadyAt = where;
  return steady;
}"""


def press_when_steady(page: Page, selector: str, then_title: str, touch: bool = False, attempts: int = 3) -> None:
    """Tap or click a button once it stops moving (the plan picture above it loads after the screen), until the
    screen titled ``then_title`` shows: a press that met the button mid-move is repeated."""
    title = page.locator("h1").first
    for _ in range(attempts):
        page.evaluate("window.__steadyAt = undefined")
        page.wait_for_function(_STEADY, arg=selector, polling=400)
        button = page.locator(selector).first
        if touch:
            button.tap()
        else:
            button.click()
        wait_for_app(page)
        try:
            expect(title).to_have_text(then_title, timeout=5_000)
            return
        except AssertionError:
            continue
    expect(title).to_have_text(then_title)
