"""Placeholder: the vote page is being written (issue 6)."""

import streamlit as st

st.info("This page is coming soon.")
