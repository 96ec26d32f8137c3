"""Sign-in page for facilitators, designers and staff (citizens use a kiosk URL instead)."""

from __future__ import annotations

import streamlit as st

from input_forms.errors import Throttled, Unavailable
from planner.common import auth

if auth.in_kiosk_mode():  # a kiosk session never shows the staff sign-in
    st.stop()

st.title("Jobcenter co-design")
st.write("Sign in to design, compare, vote on and follow up on the new layout of the job centre.")

with st.form("signin", border=True, enter_to_submit=True):
    username = st.text_input("Username", key="signin_user", autocomplete="username")
    password = st.text_input("Password", type="password", key="signin_password", autocomplete="current-password")
    submitted = st.form_submit_button("Sign in", type="primary", icon=":material/login:")

if submitted:
    try:
        if auth.sign_in(username, password):
            st.rerun()
        st.error("Wrong username or password.")
    except (Throttled, Unavailable) as exc:  # too soon (the password was not even checked), or a busy database
        st.error(f"{str(exc)[0].upper()}{str(exc)[1:]}.", icon=":material/timer:")

st.caption(
    "Citizens give feedback on a kiosk screen, opened with the kiosk's own link. "
    "No sign-in is needed there and no personal data is asked for."
)
