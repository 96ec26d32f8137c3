"""Sign-in for facilitators, designers and staff, and the role check every page makes.

The signed-in user lives in st.session_state["user"] for the browser tab's session. So that a
page reload (a new session) does not sign the user out, a successful sign-in also gives the
browser a signed, expiring session token in a cookie (``jc_session``; never the password; see
input_forms.signin): a new session reads it from ``st.context.cookies`` (the cookies of the
page's request) and signs the user in again while the token is valid, not revoked and the
account active. Sign-out revokes the token and clears the cookie; deactivating the account or
setting a new password revokes every token of the account. The cookie is written by a small
script component (Streamlit cannot set cookies itself), so it is not HttpOnly: it is
SameSite=Strict, Secure on https, and worth nothing once revoked or expired.

Failed sign-ins are throttled per account and per client address in the database
(input_forms.signin), so the throttle holds across app servers. Each page checks the role
itself (through planner.common.page.page): hiding a page from the menu is not protection.
"""

from __future__ import annotations

import os

import streamlit as st

from input_forms.errors import NotFound
from input_forms.models import User
from input_forms.signin import SESSION_HOURS, issue_session, revoke_session, session_user
from input_forms.signin import sign_in as checked_sign_in
from input_forms.users import get_user
from planner.common.services import get_engine

USER_KEY = "user"
KIOSK_KEY = "kiosk_token"
TOKEN_KEY = "session_token"  # the token of this session (to revoke it at sign-out)
COOKIE_READ_KEY = "_session_cookie_read"  # the cookie was looked at in this session
SESSION_COOKIE = "jc_session"

ROLE_TITLES = {"facilitator": "Facilitator", "designer": "Designer", "staff": "Staff"}

_COOKIE_JS = """
export default function(component) {
  const { data } = component;
  if (!data || !data.name) return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  const value = data.token ? encodeURIComponent(data.token) : "";
  const age = data.token ? data.max_age : 0;
  document.cookie = `${data.name}=${value}; Path=/; Max-Age=${age}; SameSite=Strict${secure}`;
}
"""
_cookie_writer = st.components.v2.component("planner_session_cookie", js=_COOKIE_JS)


def in_kiosk_mode() -> bool:
    """True for a kiosk session (token in the URL now or earlier in this session)."""
    return bool(st.session_state.get(KIOSK_KEY)) or "kiosk" in st.query_params


def client_address() -> str:
    """Where this session's requests come from, for the per-client sign-in throttle.

    Behind a reverse proxy (PLANNER_BEHIND_PROXY=1) every request comes from the proxy, so the
    address is the last one the proxy added to X-Forwarded-For (nginx: proxy_add_x_forwarded_for).
    """
    if os.environ.get("PLANNER_BEHIND_PROXY", "").lower() in ("1", "true", "yes"):
        forwarded = st.context.headers.get("X-Forwarded-For") or ""
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1][:100]
    return (st.context.ip_address or "")[:100]


def _cookie_token() -> str | None:
    try:
        return st.context.cookies.get(SESSION_COOKIE)
    except (AttributeError, RuntimeError):  # no request behind this run (a bare script run)
        return None


def _restore_from_cookie() -> None:
    """Once per session: sign in again from a valid session token in the cookie; clear a dead one."""
    if st.session_state.get(COOKIE_READ_KEY):
        return
    st.session_state[COOKIE_READ_KEY] = True
    token = _cookie_token()
    if not token:
        return
    user = session_user(get_engine(), token)
    if user is None:  # expired or revoked: sync_cookie clears it (this session has no token)
        return
    st.session_state[USER_KEY] = user
    st.session_state[TOKEN_KEY] = token


def current_user() -> User | None:
    """The signed-in user of this browser session, or None (always None in kiosk mode)."""
    if in_kiosk_mode():
        return None
    if USER_KEY not in st.session_state:
        _restore_from_cookie()
    return st.session_state.get(USER_KEY)


def sync_cookie() -> None:
    """Keep the browser's session cookie in step with this session's token; call once per (non-kiosk) run.

    The writer stays mounted on every run (its script runs again only when the token changes), so
    a rerun right after a sign-in cannot unmount it before its script has loaded.
    """
    st.html("<style>.st-key-session_cookie { display: none; }</style>")  # no empty row above the page
    _cookie_writer(data={"name": SESSION_COOKIE, "token": st.session_state.get(TOKEN_KEY) or "",
                         "max_age": int(SESSION_HOURS * 3600)}, key="session_cookie")


def sign_in(username: str, password: str) -> bool:
    """Check the password (throttled: raises input_forms.errors.Throttled when it comes too soon).

    On success remember the user in this session and have the browser keep a session token.
    """
    if not username or not password:
        return False
    engine = get_engine()
    user = checked_sign_in(engine, username.strip(), password, client_address())
    if user is None or not user.active:
        return False
    token = issue_session(engine, user)
    st.session_state[USER_KEY] = user
    st.session_state[TOKEN_KEY] = token
    st.session_state[COOKIE_READ_KEY] = True
    return True


def sign_out() -> None:
    """Revoke the session token and forget everything this session knew (user, project, page state)."""
    token = st.session_state.get(TOKEN_KEY) or _cookie_token()
    if token:
        revoke_session(get_engine(), token)
    st.session_state.clear()  # no token left: the next run's sync_cookie clears the cookie
    st.session_state[COOKIE_READ_KEY] = True


def _still_active(user: User) -> bool:
    """False once a facilitator has deactivated the account or changed its role, or the session was
    revoked (signed out in another tab, a new password) or expired (checked on each page run)."""
    token = st.session_state.get(TOKEN_KEY)
    if token and session_user(get_engine(), token) is None:
        return False
    try:
        known = get_user(get_engine(), user.id)
    except NotFound:
        return False
    return known.active and known.role == user.role


def require_role(*roles: str) -> User:
    """Return the signed-in user if their role is one of `roles`; otherwise stop the page.

    With no roles given, any signed-in user passes. Shows a short message, never a traceback.
    """
    user = current_user()
    if user is None:
        st.error("Please sign in to open this page.")
        st.stop()
    if not _still_active(user):
        st.session_state.pop(USER_KEY, None)
        st.session_state.pop(TOKEN_KEY, None)  # and the cookie goes on the next run
        st.error("This account is no longer active, or it was signed out. Please sign in again.")
        st.stop()
    if roles and user.role not in roles:
        allowed = ", ".join(ROLE_TITLES.get(r, r) for r in roles)
        st.error(f"This page is for: {allowed}. You are signed in as {ROLE_TITLES.get(user.role, user.role)}.")
        st.stop()
    return user
