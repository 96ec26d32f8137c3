"""Entry point (`streamlit run planner/app.py`): routes each session to the pages it may see.

* Kiosk mode (URL `?kiosk=<token>`): only the kiosk page exists, with no menu, sidebar or
  toolbar. The kiosk page itself checks the token and shows a calm "not active" screen.
* Signed out: only the sign-in page.
* Signed in: the pages of the user's role. Each page re-checks the role itself (its first line
  is planner.common.page.page(...)).

Every page lives in its role's folder as planner/<url_path>/page.py, next to its streamlit glue
and its pure logic; planner/common/ holds what several pages share (sign-in, engine, pictures).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import streamlit as st

from floorplans.logs import configure_logging
from planner.common import auth
from planner.common.plain import md_escape
from scoring.memory import keep_freed_memory

PLANNER = Path(__file__).parent

# url_path -> (title, material icon). Page files live in planner/<url_path>/page.py.
PAGE_INFO: dict[str, tuple[str, str]] = {
    "signin": ("Sign in", ":material/login:"),
    "kiosk": ("Kiosk", ":material/touch_app:"),
    "results": ("Results", ":material/bar_chart:"),
    "moderation": ("Moderation", ":material/rate_review:"),
    "admin": ("Admin", ":material/settings:"),
    "designer": ("Designer", ":material/architecture:"),
    "compare": ("Compare", ":material/compare:"),
    "vote": ("Vote", ":material/how_to_vote:"),
    "comments": ("Comments", ":material/add_comment:"),
    "plans": ("Plans", ":material/map:"),
}

# Which pages each role sees, in menu order; the first is where the user lands.
ROLE_PAGES: dict[str, list[str]] = {
    "facilitator": ["results", "moderation", "admin", "designer", "compare", "vote", "comments"],
    "designer": ["designer", "compare", "comments"],
    "staff": ["vote", "comments", "compare"],
}
# Pages every signed-in role gets, last in the menu.
SHARED_PAGES: list[str] = ["plans"]

# Kiosk chrome: nothing but the page body (no header, toolbar, sidebar or its toggle).
KIOSK_CHROME_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stMainMenu"], [data-testid="stStatusWidget"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1rem; max-width: 60rem; }
</style>
"""


def page_file(url_path: str) -> Path:
    """The script of a page: planner/<url_path>/page.py."""
    return PLANNER / url_path / "page.py"


def _page(url_path: str, default: bool = False) -> st.Page:
    title, icon = PAGE_INFO[url_path]
    return st.Page(page_file(url_path), title=title, icon=icon, url_path=url_path, default=default)


def _kiosk_token() -> str | None:
    """The kiosk token of this session: from the URL, and kept once a session is a kiosk."""
    token = st.query_params.get("kiosk")
    if token is not None:
        st.session_state[auth.KIOSK_KEY] = token
    return st.session_state.get(auth.KIOSK_KEY)


def requested_page(url: str | None, base_path: str = "") -> str | None:
    """The page name a browser asked for: the URL's path after the app's base path (None for the app's root).

    Streamlit resolves this name against the registered pages and, when none matches, shows an
    English "Page not found" dialog; the kiosk registers the name instead (see _kiosk_pages).
    """
    if not url:
        return None
    path = unquote(urlparse(url).path).strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return path or None


def kiosk_paths(asked: str | None) -> tuple[str, str | None]:
    """The kiosk's own URL path, and the path the browser asked for when it must be registered too.

    Any other path (an edited URL, an old bookmark, another page's name) then runs the kiosk, so no
    English "Page not found" dialog appears; _run_kiosk moves the browser to the kiosk's address.
    A nested path never reaches the app (Streamlit cannot serve its own files below it).
    """
    home = "kiosk" if asked != "kiosk" else "kiosk-start"  # two pages never share a path
    return home, (asked if asked and "/" not in asked else None)


def _kiosk_pages(asked: str | None) -> tuple[st.Page, list[st.Page]]:
    home_path, alias = kiosk_paths(asked)
    title, icon = PAGE_INFO["kiosk"]
    home = st.Page(page_file("kiosk"), title=title, icon=icon, url_path=home_path, default=True)
    pages = [home]
    if alias is not None:
        pages.append(st.Page(page_file("kiosk"), title=title, icon=icon, url_path=alias, visibility="hidden"))
    return home, pages


def _run_kiosk() -> None:
    st.html(KIOSK_CHROME_CSS)
    asked = requested_page(st.context.url, st.get_option("server.baseUrlPath") or "")
    home, pages = _kiosk_pages(asked)
    chosen = st.navigation(pages, position="hidden")
    if chosen is not home:  # the kiosk's start at its own address, with the kiosk link's parameters
        st.switch_page(home, query_params=st.query_params.to_dict())
    chosen.run()


def main() -> None:
    configure_logging()
    keep_freed_memory()  # the designer re-scores on every edit: freed arrays are reused, not faulted in again
    st.set_page_config(
        page_title="Jobcenter co-design",
        page_icon=":material/chair:",
        layout="wide",
        initial_sidebar_state="auto",
    )
    if _kiosk_token() is not None:
        _run_kiosk()
        return

    user = auth.current_user()  # also signs in again from a valid session cookie after a reload
    auth.sync_cookie()
    if user is None:
        st.navigation([_page("signin", default=True)], position="hidden").run()
        return

    names = ROLE_PAGES.get(user.role, [])
    if names:
        names = names + SHARED_PAGES
    pages = [_page(name, default=(i == 0)) for i, name in enumerate(names)]
    if not pages:  # an unknown role sees nothing but a way out
        pages = [_page("signin", default=True)]
    nav = st.navigation(pages, position="sidebar")
    with st.sidebar:
        st.caption(f"Signed in as **{md_escape(user.display_name or user.username)}** · {auth.ROLE_TITLES.get(user.role, user.role)}")
        st.button("Sign out", key="sign_out", icon=":material/logout:", on_click=auth.sign_out)
    nav.run()


if __name__ == "__main__":  # streamlit runs this file as __main__; importing it (tests) only reads the tables
    main()
