"""Every file a user hands in on a page is read in the bounded worker, once per file and session.

Why: reading a plan (parsing, importing, validating) on the server's own thread let one hostile
file hold the server for minutes and grow it by gigabytes while every kiosk waited. Here the
page hands the upload to ``floorplans.intake.read_in_worker`` (a separate process with the
file's budget, a time limit and a memory limit, killed when a limit passes or when this browser
session ends) and gets back the levels, or one ``PlanError`` whose first line says what was
over which limit ("this file has 1,000,000 corners; the limit is 200,000"). The outcome is kept
per session under the upload's name and content, so a rerun (a click elsewhere on the page)
does not read the file again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import streamlit as st
from shapely.errors import GEOSException
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from floorplans.budgets import Budget
from floorplans.intake import Intake, read_in_worker
from floorplans.problems import PlanError, Problem
from floorplans.worker import Cancelled

__all__ = ["read_bounded", "session_gone"]

Outcome = tuple[Intake | None, PlanError | None]


def session_gone() -> Callable[[], bool]:
    """A check the worker's caller makes while it waits: True once this browser session has ended."""
    ctx = get_script_run_ctx()
    session_id = ctx.session_id if ctx is not None else None
    # only a session the server knows can end (a test harness runs scripts without one)
    known = session_id is not None and Runtime.exists() and Runtime.instance().is_active_session(session_id)

    def gone() -> bool:
        return known and not Runtime.instance().is_active_session(session_id or "")

    return gone


def read_bounded(task: Callable[[str, Budget], Intake], name: str, data: bytes, cache_key: str,
                 budget: Budget | None = None) -> Outcome:
    """(the file's Intake, None) or (None, why it cannot be used); read in the worker once per file and session.

    ``task`` is ``floorplans.intake.check_plan_file`` (the exchange format) or ``import_upload`` (any
    format the importers read, a zip included). Stops the page if the session ended meanwhile.
    """
    digest = (name, hashlib.sha256(data).hexdigest())
    cached = st.session_state.get(cache_key)
    if cached is not None and cached[0] == digest:
        return cached[1]
    try:
        with st.spinner(f"Reading {name}…"):
            outcome: Outcome = (read_in_worker(task, name, data, budget=budget, cancelled=session_gone()), None)
    except Cancelled:  # nobody is left to show anything to
        st.stop()
    except PlanError as exc:
        outcome = (None, exc)
    except GEOSException as exc:  # the geometry library gave up on odd input while validating
        outcome = (None, PlanError([Problem(code="invalid-geometry", message=(
            f"the plan could not be checked ({exc}); look for self-crossing or overlapping room outlines"))], name))
    st.session_state[cache_key] = (digest, outcome)
    return outcome
