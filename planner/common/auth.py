"""Sign-in for facilitators, designers and staff, and the role check every page makes.

The signed-in user lives in st.session_state["user"] (one browser tab = one session; no
cookie). Passwords are checked by input_forms.users.authenticate (bcrypt hashes in the DB).
Each page checks the role itself (through planner.common.page.page): hiding a page from the
menu is not protection.
"""

from __future__ import annotations

import streamlit as st

from input_forms.errors import NotFound
from input_forms.models import User
from input_forms.users import authenticate, get_user
from planner.common.services import get_engine

USER_KEY = "user"
KIOSK_KEY = "kiosk_token"

ROLE_TITLES = {"facilitator": "Facilitator", "designer": "Designer", "staff": "Staff"}


def in_kiosk_mode() -> bool:
    """True for a kiosk session (token in the URL now or earlier in this session)."""
    return bool(st.session_state.get(KIOSK_KEY)) or "kiosk" in st.query_params


def current_user() -> User | None:
    """The signed-in user of this browser session, or None (always None in kiosk mode)."""
    if in_kiosk_mode():
        return None
    return st.session_state.get(USER_KEY)


def sign_in(username: str, password: str) -> bool:
    """Check the password; on success remember the user in this session only."""
    if not username or not password:
        return False
    user = authenticate(get_engine(), username.strip(), password)
    if user is None or not user.active:
        return False
    st.session_state[USER_KEY] = user
    return True


def sign_out() -> None:
    """Forget everything this session knew (user, chosen project, page state)."""
    st.session_state.clear()


def _still_active(user: User) -> bool:
    """False once a facilitator has deactivated the account (checked on each page run)."""
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
        st.error("This account is no longer active. Please sign in again.")
        st.stop()
    if roles and user.role not in roles:
        allowed = ", ".join(ROLE_TITLES.get(r, r) for r in roles)
        st.error(f"This page is for: {allowed}. You are signed in as {ROLE_TITLES.get(user.role, user.role)}.")
        st.stop()
    return user
