"""Streamlit pieces for staff comments, shared by the Comments page and the designer's workspace.

Thin: storage and rules are input_forms.comments, wording planner.comments.logic.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from sqlalchemy import Engine

from floorplans import Plan
from input_forms.comments import CATEGORIES, STATUSES, answer_comment, withdraw_comment
from input_forms.errors import InputError
from input_forms.models import StaffComment, User
from planner.comments.logic import CATEGORY_LABELS, STATUS_LABELS, heading, status_sentence
from planner.common.plain import md_escape

__all__ = ["comment_filters", "comment_card", "answer_form", "show_flash", "cards"]

FILTER_STATUS_LABELS = {"open": "Open", "taken": "Taken", "declined": "Declined"}
_STATUS_ICONS = {"open": ":material/radio_button_unchecked:", "taken": ":material/check_circle:",
                 "declined": ":material/block:"}


def comment_filters(key: str, *, with_mine: bool = False) -> tuple[list[str], list[str], bool]:
    """Category and status pills (all chosen at first) and, for staff, "only mine"; returns the choice."""
    row = st.container(horizontal=True, wrap=True, vertical_alignment="bottom", gap="medium")  # wraps on a tablet
    with row:
        categories = st.pills("Category", list(CATEGORIES), selection_mode="multi", default=list(CATEGORIES),
                              format_func=lambda c: CATEGORY_LABELS[c], key=f"{key}_categories", width="content")
        statuses = st.pills("Status", list(STATUSES), selection_mode="multi", default=list(STATUSES),
                            format_func=lambda s: FILTER_STATUS_LABELS[s], key=f"{key}_statuses", width="content")
        mine = st.toggle("Only mine", key=f"{key}_mine", width="content") if with_mine else False
    return list(categories or []), list(statuses or []), bool(mine)


def _withdraw(engine: Engine, comment_id: int, user: User, flash_key: str) -> None:
    try:
        withdraw_comment(engine, comment_id, user)
    except InputError as exc:
        st.session_state[flash_key] = ("error", str(exc))
    else:
        st.session_state[flash_key] = ("success", f"Comment #{comment_id} withdrawn.")


def comment_card(engine: Engine, comment: StaffComment, plan: Plan, user: User, *, flash_key: str,
                 answering: bool = False) -> None:
    """One comment: heading, text, answer; the author may withdraw it while it is open; a designer answers it."""
    with st.container(border=True, key=f"comment_card_{comment.id}"):
        st.markdown(f"**{md_escape(heading(comment, plan))}**")
        st.text(comment.text)
        sentence = md_escape(status_sentence(comment))  # the designer's reason is staff text
        icon = _STATUS_ICONS[comment.status]
        if comment.status == "taken":
            st.success(sentence, icon=icon)
        elif comment.status == "declined":
            st.warning(sentence, icon=icon)
        else:
            st.caption(sentence)
        if comment.mine and comment.status == "open":
            st.button("Withdraw", key=f"comment_withdraw_{comment.id}", icon=":material/undo:",
                      on_click=_withdraw, args=(engine, comment.id, user, flash_key))
        if answering:
            answer_form(engine, comment, user, flash_key=flash_key)


def answer_form(engine: Engine, comment: StaffComment, user: User, *, flash_key: str) -> None:
    """The designer's answer to one comment: taken, declined (with a reason) or open again."""
    with st.form(f"comment_answer_{comment.id}", border=False):
        cols = st.columns([2, 4, 1], vertical_alignment="bottom")
        status = cols[0].selectbox("Answer", list(STATUSES), index=list(STATUSES).index(comment.status),
                                   format_func=lambda s: STATUS_LABELS[s], key=f"comment_status_{comment.id}")
        reason = cols[1].text_input("Reason (needed to decline; staff see it)", value=comment.reason,
                                    max_chars=1000, key=f"comment_reason_{comment.id}")
        if cols[2].form_submit_button("Save", key=f"comment_save_{comment.id}"):
            try:
                answer_comment(engine, comment.id, user, status, reason)
            except InputError as exc:
                st.session_state[flash_key] = ("error", f"Comment #{comment.id}: {exc}")
            else:
                st.session_state[flash_key] = ("success", f"Comment #{comment.id}: {STATUS_LABELS[status].lower()}.")
            st.rerun()


def show_flash(flash_key: str) -> None:
    """The outcome of the last action on a comment, once."""
    found = st.session_state.pop(flash_key, None)
    if found:
        kind, message = found
        (st.error if kind == "error" else st.success)(md_escape(message))


def cards(engine: Engine, comments: Sequence[StaffComment], plan: Plan, user: User, *, flash_key: str,
          answering: bool = False, empty: str = "No comments match.") -> None:
    """Every comment as a card, with the answer form under each when ``answering``."""
    if not comments:
        st.info(empty)
        return
    for comment in comments:
        comment_card(engine, comment, plan, user, flash_key=flash_key, answering=answering)
