"""The designer's working state: one undo history per option, kept in the session, saved on every edit.

Every accepted edit (drawn, typed in a table or chosen in a form) goes through
``commit``: it is pushed onto the option's history and stored as the option's
next version. A refused edit (or one storage refuses) changes nothing and
leaves its problems in the flash message for the page to list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.scriptrunner import get_script_run_ctx

from floorplans import Plan, dumps_plan
from floorplans.editing import EditHistory, EditResult
from floorplans.problems import Problem
from input_forms.errors import InputError
from input_forms.models import LayoutOption
from input_forms.projects import update_option

HIST_KEY = "designer_hist"
LOADED_KEY = "designer_loaded_version"
COPIED_KEY = "designer_copied_baseline"
REV_KEY = "designer_rev"
FLASH_KEY = "designer_flash"
SELECTED_KEY = "designer_selected"
VIEWPOINT_KEY = "designer_viewpoint"
ACK_KEY = "designer_ack"
OPTION_KEY = "designer_option_id"


@dataclass
class Flash:
    """What the last edit did: shown once above the plan."""

    ok: bool
    message: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _state(key: str, default: Any) -> Any:
    if key not in st.session_state:
        st.session_state[key] = default
    return st.session_state[key]


def history(option: LayoutOption) -> EditHistory:
    """The option's history, reloaded from storage when its stored version moved on (someone else saved)."""
    hists: dict[int, EditHistory] = _state(HIST_KEY, {})
    loaded: dict[int, int] = _state(LOADED_KEY, {})
    if option.id not in hists or loaded.get(option.id) != option.version:
        hists[option.id] = EditHistory(option.plan())
        loaded[option.id] = option.version
        bump()
    return hists[option.id]


def rev() -> int:
    """A counter that changes with every plan change: part of the table editors' keys, so they reset."""
    return _state(REV_KEY, 0)


def bump() -> None:
    st.session_state[REV_KEY] = rev() + 1


def flash(value: Flash | None = None) -> Flash | None:
    if value is not None:
        st.session_state[FLASH_KEY] = value
    return st.session_state.get(FLASH_KEY)


def take_flash() -> Flash | None:
    return st.session_state.pop(FLASH_KEY, None)


def _store(engine: Engine, option_id: int, plan: Plan, author: str, notes: str) -> str | None:
    """Save the plan as the option's next version; the error text if storage refused it."""
    try:
        saved = update_option(engine, option_id, dumps_plan(plan), author=author, notes=notes[:500])
    except InputError as exc:
        return str(exc)
    if saved.id != option_id:  # the baseline is kept as it is: the edit became a new option (a copy)
        st.session_state[COPIED_KEY] = saved
        return None
    st.session_state[LOADED_KEY][option_id] = saved.version
    return None


def _copied() -> LayoutOption | None:
    """The copy the last store made of the baseline (then the baseline's history goes back, the page switches)."""
    copy = st.session_state.pop(COPIED_KEY, None)
    if copy is not None:
        st.session_state["designer_switch_to"] = copy.id
        flash(Flash(True, f"Today's layout is kept as it is: your edit is saved as a new option, {copy.name!r}."))
    return copy


def commit(engine: Engine, option_id: int, result: EditResult, author: str) -> bool:
    """Record an edit: accepted and changed -> history + storage; refused -> flash its problems."""
    hist: EditHistory = st.session_state[HIST_KEY][option_id]
    if not result.ok:
        flash(Flash(False, result.message, list(result.problems)))
        return False
    if not result.changed:
        if result.message:
            said = "Nothing to save: the plan already reads so." if result.message == "nothing changed" else result.message
            flash(Flash(True, said, warnings=list(result.warnings)))
        return False
    before = hist.present
    hist.apply(result)
    error = _store(engine, option_id, result.plan, author, result.message)
    if error is not None:
        # storage refused: forget the edit, as if it had been refused here
        hist.present = before
        hist.past.pop()
        flash(Flash(False, f"The edit was not saved: {error}"))
        return False
    if _copied() is not None:  # the baseline stays as it was; the edit lives on in the copy
        hist.present = before
        hist.past.pop()
        bump()
        return True
    bump()
    flash(Flash(True, result.message, warnings=list(result.warnings)))
    return True


def step(engine: Engine, option_id: int, direction: str, author: str) -> None:
    """Undo or redo, and store the plan it returns to as a new version."""
    hist: EditHistory = st.session_state[HIST_KEY][option_id]
    before = hist.present
    plan = hist.undo() if direction == "undo" else hist.redo()
    if plan is before:
        return
    error = _store(engine, option_id, plan, author, direction)
    if error is not None or _copied() is not None:
        (hist.redo if direction == "undo" else hist.undo)()
        if error is not None:
            flash(Flash(False, f"The {direction} was not saved: {error}"))
        return
    bump()
    flash(Flash(True, "Undone: the plan is back as it was before your last edit." if direction == "undo"
                else "Redone: your edit is back on the plan."))


def rerun_workspace() -> None:
    """Rerun the designer's workspace fragment when this run is one (else the whole page, as Streamlit allows)."""
    ctx = get_script_run_ctx()
    st.rerun(scope="fragment" if ctx is not None and ctx.fragment_ids_this_run else "app")
