"""Staff rank the options in a real Chromium, the facilitator closes the round, staff see the winner."""

from __future__ import annotations

from playwright.sync_api import expect

# The machine may be busy (other test runs, two cores): be patient rather than flaky.
expect.set_options(timeout=30_000)
SLOW = 60_000

from tests.planner.browser.helpers import DESKTOP, screenshot, wait_for_app


def sign_in(page, base_url: str, user: str, password: str) -> None:
    page.goto(base_url + "/")
    wait_for_app(page)
    page.get_by_label("Username", exact=True).fill(user)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    page.get_by_role("button", name="Sign out").wait_for()


def choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def test_staff_ranks_and_sees_the_winner_after_close(browser, app_server):
    staff_ctx = browser.new_context(viewport=DESKTOP)
    staff = staff_ctx.new_page()
    staff.set_default_timeout(SLOW)
    try:
        sign_in(staff, app_server, "staff1", "staff")
        expect(staff.get_by_role("heading", name="Vote")).to_be_visible()
        expect(staff.get_by_text("Results are shown once the facilitator closes the round")).to_be_visible()
        # defaults rank the options in order; make Option C the favourite and Baseline the last
        choose(staff, "Place for Option C", "1st")
        choose(staff, "Place for Baseline", "4th")
        staff.get_by_role("button", name="Review and cast ballot").click()
        wait_for_app(staff)
        expect(staff.get_by_text("Please confirm your ballot")).to_be_visible()
        expect(staff.get_by_text("1st place: Option C")).to_be_visible()
        staff.get_by_role("button", name="Cast ballot").click()
        wait_for_app(staff)
        expect(staff.get_by_text("your ballot is recorded", exact=False).first).to_be_visible()
        expect(staff.get_by_role("button", name="Change my ballot")).to_be_visible()
        expect(staff.get_by_text("Winner")).to_have_count(0)
        screenshot(staff, "vote_ballot_cast")

        facilitator_ctx = browser.new_context(viewport=DESKTOP)
        facilitator = facilitator_ctx.new_page()
        facilitator.set_default_timeout(SLOW)
        try:
            sign_in(facilitator, app_server, "facilitator", "facilitator")
            facilitator.goto(app_server + "/vote")
            wait_for_app(facilitator)
            if facilitator.get_by_role("button", name="Sign out").count() == 0:  # a fresh load needs signing in again
                sign_in(facilitator, app_server, "facilitator", "facilitator")
                facilitator.get_by_role("link", name="Vote").click()
                wait_for_app(facilitator)
            facilitator.get_by_text("Facilitator: close this round").click()
            facilitator.get_by_role("button", name="Close the round now").click()
            wait_for_app(facilitator)
            # the facilitator's page turns into the result once the round is closed
            expect(facilitator.get_by_test_id("stAlertContentSuccess").filter(has_text="Winner: Option C")).to_be_visible()
        finally:
            facilitator_ctx.close()

        # the staff member's next interaction shows the result
        staff.get_by_role("link", name="Vote").click()
        wait_for_app(staff)
        expect(staff.get_by_test_id("stAlertContentSuccess").filter(has_text="Winner: Option C")).to_be_visible()
        expect(staff.get_by_text("What other counting methods say")).to_be_visible()
        screenshot(staff, "vote_result")
    finally:
        staff_ctx.close()
