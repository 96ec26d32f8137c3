"""Staff input in a real Chromium: a caseworker pins a comment on the plan, the designer sees it on the
plan beside the citizens' pins and marks it taken, the caseworker reads the answer, the facilitator's
results count it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

# The machine may be busy (other test runs, two cores): be patient rather than flaky.
expect.set_options(timeout=30_000)
SLOW = 60_000

from tests.planner.browser.helpers import DESKTOP, screenshot, sign_in, wait_for_app

TEXT = "Køen fra skranken står ind over ventepladserne om morgenen"


def open_page(page, name: str) -> None:
    """Go to a page through the sidebar menu (a fresh URL load would start a new session)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_for_app(page)


def loaded_plan(page):
    """The Comments plan picture (in the page, named by its alt text) once its image has loaded."""
    image = page.get_by_test_id("comments_plan").get_by_role("img", name=re.compile(r"^Floor plan of "))
    image.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    return image


def tap_plan(page, fx: float, fy: float) -> None:
    """Click the tappable plan picture at a fraction of its size, once it has loaded."""
    image = loaded_plan(page)
    box = image.bounding_box()
    image.click(position={"x": box["width"] * fx, "y": box["height"] * fy})
    wait_for_app(page)


def test_staff_pins_a_comment_and_the_designer_marks_it_taken(browser, app_server):
    staff_ctx = browser.new_context(viewport=DESKTOP)
    staff = staff_ctx.new_page()
    staff.set_default_timeout(SLOW)
    designer_ctx = browser.new_context(viewport=DESKTOP)
    designer = designer_ctx.new_page()
    designer.set_default_timeout(SLOW)
    try:
        sign_in(staff, app_server, "staff1", "staff")
        open_page(staff, "Comments")
        expect(staff.get_by_role("heading", name="Comments on the plans")).to_be_visible()
        expect(staff.get_by_role("button", name="Add comment")).to_be_disabled()  # nowhere chosen yet
        before = loaded_plan(staff).bounding_box()
        assert before["height"] > 300, before  # the whole plan, not a sliver
        tap_plan(staff, 0.55, 0.68)  # the middle of the public zone
        expect(staff.get_by_text(re.compile(r"Pin at \(\d+\.\d, \d+\.\d\) m\."))).to_be_visible()
        staff.locator(".st-key-comments_category").locator("button", has_text="Problem").click()
        wait_for_app(staff)
        staff.get_by_label("Your comment").fill(TEXT)
        staff.get_by_label("Your comment").press("Control+Enter")
        wait_for_app(staff)
        staff.get_by_role("button", name="Add comment").click()
        wait_for_app(staff)
        saved = staff.get_by_text(re.compile(r"Comment #\d+ saved, shown as “caseworker”"))
        expect(saved).to_be_visible()
        comment_id = int(re.search(r"#(\d+)", saved.inner_text()).group(1))
        expect(staff.locator(f".st-key-comment_card_{comment_id}")).to_contain_text("Problem · caseworker (you)")
        expect(staff.locator(f".st-key-comment_card_{comment_id}")).to_contain_text(TEXT)
        plan = loaded_plan(staff)
        expect(plan).to_have_attribute("alt", re.compile(r"Floor plan of Baseline .*\d+ comments? marked"))
        after = plan.bounding_box()  # it used to shrink from 468 to 165 px and stay clipped
        assert abs(after["height"] - before["height"]) <= 1 and abs(after["width"] - before["width"]) <= 1, (before, after)
        screenshot(staff, "comments_staff_pinned")

        sign_in(designer, app_server, "designer", "designer")
        expect(designer.get_by_role("heading", name="Designer")).to_be_visible()
        expect(designer.get_by_role("combobox", name="Layout option")).to_have_value(re.compile(r"^Baseline"))
        overlays = designer.locator(".st-key-designer_overlays")
        overlays.locator("button", has_text="Kiosk pins").click()
        wait_for_app(designer)
        overlays.locator("button", has_text="Staff comments").click()
        wait_for_app(designer)
        mark = designer.get_by_test_id(f"pe-comment-{comment_id}")
        expect(mark).to_have_count(1)
        expect(mark).to_have_attribute("data-status", "open")
        assert designer.locator(".pe-pin").count() > 0  # the citizens' pins are the other layer
        designer.get_by_role("tab", name="Staff comments").click()
        card = designer.locator(f".st-key-comment_card_{comment_id}")
        expect(card).to_contain_text(TEXT)
        card.get_by_role("combobox", name="Answer").click()
        designer.get_by_role("option", name="Taken into the plan", exact=True).click()
        card.get_by_role("button", name="Save").click()
        wait_for_app(designer)
        expect(designer.get_by_text(f"Comment #{comment_id}: taken into the plan.")).to_be_visible()
        expect(designer.get_by_test_id(f"pe-comment-{comment_id}")).to_have_attribute("data-status", "taken")
        screenshot(designer, "comments_designer_answered")

        staff.reload()
        wait_for_app(staff)
        if staff.get_by_role("button", name="Sign out").count() == 0:  # a reload may need signing in again
            sign_in(staff, app_server, "staff1", "staff")
        open_page(staff, "Comments")
        expect(staff.locator(f".st-key-comment_card_{comment_id}")).to_contain_text(
            "Taken into the plan (answered at version 1)")

        facilitator_ctx = browser.new_context(viewport=DESKTOP)
        facilitator = facilitator_ctx.new_page()
        facilitator.set_default_timeout(SLOW)
        try:
            sign_in(facilitator, app_server, "facilitator", "facilitator")
            expect(facilitator.get_by_role("heading", name="Results")).to_be_visible()
            facilitator.get_by_text("Staff comments", exact=True).first.click()  # the section menu
            wait_for_app(facilitator)
            # the demo has none on the baseline: this one, answered and taken
            expect(facilitator.get_by_text("Baseline: 1 comment, 1 answered (1 taken, 0 declined)")).to_be_visible()
            screenshot(facilitator, "comments_results_counted")
        finally:
            facilitator_ctx.close()
    finally:
        staff_ctx.close()
        designer_ctx.close()
