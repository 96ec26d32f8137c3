"""Moderation page (facilitator only)."""

from __future__ import annotations

import streamlit as st

from planner.auth import require_role

require_role("facilitator")
st.title("Moderation")
