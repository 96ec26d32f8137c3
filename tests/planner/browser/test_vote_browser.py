"""On a phone, a staff member taps the options in order and casts the ballot after reading it back; the
facilitator closes the round, which has too few ballots to show a count, and publishes the winner; then
the staff member sees only that winner. At 1366 px the results page shows every section, Export included."""

from __future__ import annotations

from playwright.sync_api import expect

# The machine may be busy (other test runs, two cores): be patient rather than flaky.
expect.set_options(timeout=120_000)
SLOW = 150_000

from tests.planner.browser.helpers import DESKTOP, PHONE, screenshot
from tests.planner.browser.helpers import wait_for_app as _wait


def wait_for_app(page) -> None:
    _wait(page, timeout=150_000)  # the first vote page scores and draws four plans: slow on a loaded machine


def sign_in(page, base_url: str, user: str, password: str) -> None:
    page.goto(base_url + "/")
    wait_for_app(page)
    page.get_by_label("Username", exact=True).fill(user)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    page.get_by_role("button", name="Sign out").wait_for()


def tap(page, name: str) -> None:
    page.get_by_role("button", name=name).first.click()
    wait_for_app(page)


def test_staff_taps_a_ballot_on_a_phone_and_few_ballots_show_only_the_published_winner(browser, app_server):
    staff_ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    staff = staff_ctx.new_page()
    staff.set_default_timeout(SLOW)
    try:
        sign_in(staff, app_server, "staff1", "staff")
        expect(staff.get_by_role("heading", name="Prøv stemmesedlen")).to_be_visible()
        expect(staff.get_by_text("Rank at least one option to vote.")).to_be_visible()  # the ballot starts empty
        tap(staff, "Rank 1st")  # whichever option this voter's order shows first ...
        expect(staff.get_by_text("Ranked 1st: take off")).to_be_visible()
        first = staff.get_by_text("1st:", exact=False).first.inner_text()
        tap(staff, "Rank 2nd")
        staff.get_by_role("button", name="Review my ballot").click()
        wait_for_app(staff)
        expect(staff.get_by_text("Please check your ballot before it counts")).to_be_visible()
        chosen = first.split(":", 1)[1].strip()
        expect(staff.get_by_text(f"1st place: {chosen}")).to_be_visible()
        staff.get_by_role("button", name="Cast ballot").click()
        wait_for_app(staff)
        expect(staff.get_by_text("your ballot is recorded", exact=False).first).to_be_visible()
        screenshot(staff, "vote_ballot_cast_phone")

        facilitator_ctx = browser.new_context(viewport=DESKTOP)
        facilitator = facilitator_ctx.new_page()
        facilitator.set_default_timeout(SLOW)
        try:
            sign_in(facilitator, app_server, "facilitator", "facilitator")
            # at 1366 px every results section is in reach, Export included
            expect(facilitator.get_by_text("Export", exact=True).first).to_be_in_viewport()
            facilitator.get_by_role("link", name="Vote").click()
            wait_for_app(facilitator)
            facilitator.get_by_text("Facilitator: close this round").click()
            facilitator.get_by_role("button", name="Close the round now").click()
            wait_for_app(facilitator)
            expect(facilitator.get_by_text("The round closed with fewer than 5 ballots.", exact=False)).to_be_visible()
            expect(facilitator.get_by_text("Winner")).to_have_count(0)
            facilitator.get_by_role("link", name="Results").click()
            wait_for_app(facilitator)
            facilitator.get_by_text("Voting", exact=True).first.click()
            wait_for_app(facilitator)
            facilitator.get_by_role("button", name="Publish the winner").first.click()
            facilitator.get_by_role("button", name="Publish the winner").last.click()
            wait_for_app(facilitator)
            expect(facilitator.get_by_text(f"Winner (published): {chosen}")).to_be_visible()
        finally:
            facilitator_ctx.close()

        staff.reload()
        wait_for_app(staff)
        if staff.get_by_role("button", name="Sign out").count() == 0:
            sign_in(staff, app_server, "staff1", "staff")
        expect(staff.get_by_text(f"Winner (published by the facilitator): {chosen}")).to_be_visible()
        expect(staff.get_by_text("What other counting methods say")).to_have_count(0)
        screenshot(staff, "vote_result_phone")
    finally:
        staff_ctx.close()
