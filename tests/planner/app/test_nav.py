"""Navigation by role: each role sees its pages in the menu, and each page refuses other roles itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.app import ROLE_PAGES, SHARED_PAGES, page_file
from tests.planner.app.fixtures import signed_in

USER_OF_ROLE = {"facilitator": "facilitator", "designer": "designer", "staff": "staff1"}
LANDING = {"facilitator": "Results", "designer": "Designer", "staff": "Vote"}
FACILITATOR_ONLY = ["results", "moderation", "admin"]


def registered(at) -> set[str]:
    """The page files st.navigation registered in the last run (the default page has an empty url path)."""
    return {Path(info["script_path"]).parent.name for info in at._registered_pages.values()
            if "url_pathname" in info and info.get("script_path") and Path(info["script_path"]).name == "page.py"}


@pytest.mark.parametrize("role", ["facilitator", "designer", "staff"])
def test_each_role_lands_on_its_first_page_with_only_its_pages(demo, role):
    at = signed_in(demo.users[USER_OF_ROLE[role]])
    assert not at.exception, at.exception
    assert at.title[0].value == LANDING[role]
    assert registered(at) - set(SHARED_PAGES) == set(ROLE_PAGES[role])


def test_role_pages_match_the_contract():
    assert ROLE_PAGES == {
        "facilitator": ["results", "moderation", "admin", "designer", "compare", "vote", "comments"],
        "designer": ["designer", "compare", "comments"],
        "staff": ["vote", "comments", "compare"],
    }


@pytest.mark.parametrize("page", FACILITATOR_ONLY)
@pytest.mark.parametrize("role", ["designer", "staff"])
def test_staff_and_designers_cannot_open_facilitator_pages(demo, role, page):
    """Run the page file itself (as a deep link or a stale menu would): the page stops on its own."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(page_file(page)), default_timeout=60)
    at.session_state["user"] = demo.users[USER_OF_ROLE[role]]
    at.run()
    assert not at.exception
    assert "This page is for: Facilitator" in at.error[0].value
    assert not at.title and not at.dataframe and not at.button


@pytest.mark.parametrize("page", FACILITATOR_ONLY + ["kiosk"])
def test_signed_out_visitors_cannot_open_facilitator_pages_by_file(demo, page):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(page_file(page)), default_timeout=60).run()
    assert not at.exception
    if page == "kiosk":  # no token: the calm inactive screen, nothing else
        assert at.title[0].value == "Denne skærm er ikke i brug lige nu"
        assert not at.button
    else:
        assert at.error[0].value == "Please sign in to open this page."
        assert not at.title and not at.dataframe


@pytest.mark.parametrize("page", FACILITATOR_ONLY)
def test_facilitator_opens_every_facilitator_page(demo, page):
    at = signed_in(demo.users["facilitator"], page)
    assert not at.exception, at.exception
    assert at.title[0].value == page.title()
