"""Every page of the app, for every role, on a phone, a tablet and a desktop, passes axe-core (WCAG 2 A
and AA) with no serious or critical finding; so do the kiosk's screens and the report HTML.

One test per page and size. A signed-in browser context per role and size is made once for the
module and reused (each test opens its page afresh), so a test costs a page load and one axe run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from planner.app import PAGE_INFO
from planner.kiosk.i18n import t
from tests.planner.browser.axe import assert_accessible
from tests.planner.browser.conftest import SERVER_DATABASE
from tests.planner.browser.helpers import ROOT, sign_in, wait_for_app

SIZES: dict[str, dict[str, int]] = {
    "phone": {"width": 390, "height": 844},
    "tablet": {"width": 820, "height": 1180},
    "desktop": {"width": 1366, "height": 900},
}
USERS = {"facilitator": ("facilitator", "facilitator"), "designer": ("designer", "designer"), "staff": ("staff2", "staff")}
KIOSK = "/?kiosk=demo-kiosk&embed=true"

RESULTS_SECTIONS = ["Over time", "Per kiosk and plan", "Calmer", "Pins on the plans", "Survey before/after", "Voting",
                    "Citizen comments", "Staff comments", "Export"]
ADMIN_SECTIONS = ["Projects", "Layout options", "Kiosks", "Voting rounds", "Survey", "Calmer list", "Accounts"]
KIOSK_SCREENS = ["rating", "calmer", "pin", "text", "thanks", "inactive"]

#: (role, url path, section or screen): every page each role reaches from its menu.
PAGES: list[tuple[str, str, str]] = [
    ("anyone", "signin", ""),
    *[("facilitator", "results", s) for s in RESULTS_SECTIONS],
    ("facilitator", "moderation", ""),
    *[("facilitator", "admin", s) for s in ADMIN_SECTIONS],
    *[("facilitator", p, "") for p in ("designer", "compare", "vote", "comments", "plans")],
    *[("designer", p, "") for p in ("designer", "compare", "comments", "plans")],
    *[("staff", p, "") for p in ("vote", "comments", "compare", "plans")],
    *[("citizen", "kiosk", s) for s in KIOSK_SCREENS],
    ("reader", "report", ""),
]

#: Cases that fail until another part of the work lands (the lead removes these marks when merging it):
#: (role, path, section) -> the findings and whose work fixes them; at every size.
PENDING_PAGES: dict[tuple[str, str, str], str] = {}  # (role, page, section) -> the findings still open, marked xfail

PENDING: dict[tuple[str, str, str, str], str] = {(*key, size): reason for key, reason in PENDING_PAGES.items()
                                                  for size in SIZES}


def _id(role: str, path: str, section: str, size: str) -> str:
    return "-".join(x.replace(" ", "_").replace("/", "_") for x in (role, path, section, size) if x)


def _cases() -> Iterator[object]:
    for role, path, section in PAGES:
        for size in SIZES:
            reason = PENDING.get((role, path, section, size))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(role, path, section, size, id=_id(role, path, section, size), marks=marks)


@pytest.fixture(scope="module")
def pages(browser, app_server) -> Iterator[Callable[[str, str], Page]]:
    """A page per (role, size), signed in once; the same page is handed to every test of that pair."""
    made: dict[tuple[str, str], tuple[BrowserContext, Page]] = {}

    def get(role: str, size: str) -> Page:
        if (role, size) not in made:
            context = browser.new_context(viewport=SIZES[size], has_touch=size != "desktop", device_scale_factor=1)
            page = context.new_page()
            page.set_default_timeout(60_000)
            if role in USERS:
                sign_in(page, app_server, *USERS[role])
            made[role, size] = (context, page)
        return made[role, size][1]

    yield get
    for context, _ in made.values():
        context.close()


@pytest.fixture(scope="module")
def report_html(app_server, tmp_path_factory) -> Path:
    """The demo project's report, written by `python -m planner.report` from the test server's database."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    env = {**os.environ, "DATABASE_URL": SERVER_DATABASE["url"], "PYTHONPATH": str(ROOT)}
    from input_forms.db import make_engine
    from input_forms.projects import list_projects

    project = list_projects(make_engine(SERVER_DATABASE["url"]))[0]
    done = subprocess.run([sys.executable, "-m", "planner.report", str(project.id), "-o", str(out), "--lang", "en"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def open_page(page: Page, base: str, role: str, path: str) -> None:
    """Open a page from the menu, as a user does (a typed address reaches it only once the session knows the user)."""
    if not page.url.startswith(base):
        page.goto(base + "/")
        wait_for_app(page)
    if page.get_by_role("button", name="Sign out").count() == 0:  # the session cookie did not carry over
        sign_in(page, base, *USERS[role])
    title = PAGE_INFO[path][0]
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title)
    for _ in range(3):  # the menu may be folded away (a phone), or fold while the page settles (a tablet after a rerun)
        expand = page.get_by_test_id("stExpandSidebarButton")
        if expand.is_visible():
            expand.click()
        try:
            expect(link).to_be_in_viewport(timeout=10_000)  # a folded menu is still "visible", off the screen
            break
        except AssertionError:
            continue
    link.click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text(title)
    if page.get_by_test_id("stSidebarCollapseButton").is_visible() and size_is_narrow(page):
        page.get_by_test_id("stSidebarCollapseButton").click()  # close the menu over the page again
        wait_for_app(page)


def open_tab(page: Page, name: str) -> None:
    """Select a tab as a keyboard user does: on a tablet a table's toolbar (shown by the pointer) may lie over the tabs."""
    tab = page.get_by_role("tab", name=name, exact=True)
    tab.focus()
    page.keyboard.press("Enter")
    expect(tab).to_have_attribute("aria-selected", "true")
    wait_for_app(page)


def size_is_narrow(page: Page) -> bool:
    return (page.viewport_size or SIZES["desktop"])["width"] < 768


def wait_for_frames(page: Page) -> None:
    """Every iframe (Streamlit components, embedded HTML) has loaded its document, so axe can be put in it."""
    for frame in page.frames[1:]:
        frame.wait_for_load_state("load")
        frame.wait_for_function("document.readyState === 'complete' && !!document.body")


def kiosk_step(page: Page, name: str) -> None:
    target = page.locator(f'[class*="st-key-k_{name}_"] button').first
    target.click()
    wait_for_app(page)


def open_kiosk_screen(page: Page, base: str, screen: str) -> None:
    """Walk the kiosk to one screen as a citizen would (the pin and the text are skipped)."""
    if screen == "inactive":
        page.goto(base + "/?kiosk=not-a-real-kiosk&embed=true")
        wait_for_app(page)
        expect(page.locator("h1").first).to_have_text(t("inactive.title", "da"))
        return
    page.goto(base + KIOSK)
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(t("q.rating", "da"))
    steps = ["rating", "calmer", "pin", "text", "thanks"]
    titles = {"calmer": "q.calmer", "pin": "q.pin", "text": "q.text", "thanks": "thanks.title"}
    for step in steps[1:steps.index(screen) + 1]:
        kiosk_step(page, "face_4" if step == "calmer" else "fwd_0")
        expect(page.locator("h1").first).to_have_text(t(titles[step], "da"))
    if screen == "pin":
        expect(page.get_by_test_id("kiosk-picture-svg")).to_be_visible()  # the citizen's plan, drawn


@pytest.mark.parametrize(("role", "path", "section", "size"), list(_cases()))
def test_page_has_no_serious_accessibility_findings(request, pages, app_server, role, path, section, size):
    where = f"{role} {path} {section} at {size}".replace("  ", " ")
    if path == "report":
        page = pages("reader", size)
        page.goto(request.getfixturevalue("report_html").as_uri())
        page.wait_for_load_state("load")
    elif path == "kiosk":  # a fresh context each time: the kiosk keeps a citizen's unfinished answer in the browser
        page = request.getfixturevalue("browser").new_context(viewport=SIZES[size], has_touch=size != "desktop").new_page()
        request.addfinalizer(page.context.close)
        page.set_default_timeout(60_000)
        open_kiosk_screen(page, app_server, section)
    elif path == "signin":
        page = pages("anyone", size)
        page.goto(app_server + "/")
        wait_for_app(page)
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    else:
        page = pages(role, size)
        open_page(page, app_server, role, path)
        if path == "results" and section != RESULTS_SECTIONS[0]:  # the first is shown at first (a click would unselect it)
            page.get_by_test_id("stButtonGroup").first.get_by_text(section, exact=True).click()
            wait_for_app(page)
        elif path == "admin" and section:
            open_tab(page, section)
    wait_for_frames(page)
    assert_accessible(page, where)
