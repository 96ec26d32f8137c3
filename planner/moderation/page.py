"""Moderation queue (facilitator): approve or reject each free text before anyone else sees it.

The text shown is the stored one, already scrubbed of CPR numbers, phone numbers and e-mail
addresses by input_forms; rejecting deletes the text for good (the rating stays).
"""

from __future__ import annotations

import streamlit as st

from input_forms.errors import InputError
from input_forms.feedback import approve_text, moderation_queue, reject_text
from planner.common.page import page
from planner.kiosk.i18n import language_name

ctx = page("Moderation", roles=("facilitator",))
engine, project = ctx.engine, ctx.project

FACES = {1: "very bad", 2: "bad", 3: "okay", 4: "good", 5: "very good"}


def decide(feedback_id: int, approve: bool) -> None:
    try:
        (approve_text if approve else reject_text)(engine, feedback_id)
    except InputError as exc:
        st.session_state["moderation_message"] = ("warning", str(exc))
    else:
        st.session_state["moderation_message"] = ("success", "Approved: the comment now shows in Results."
                                                  if approve else "Rejected: the comment was deleted.")


message = st.session_state.pop("moderation_message", None)
if message:
    getattr(st, message[0])(message[1])

queue = moderation_queue(engine, project.id)
st.caption(f"{project.name}: {len(queue)} comment(s) waiting. Personal numbers and addresses are already "
           "replaced by markers. Approve what may be shown to the team; reject anything that identifies a person "
           "or is not about the place.")
if not queue:
    st.info("Nothing to moderate.")
for item in queue:
    with st.container(border=True, key=f"moderation_item_{item.feedback_id}"):
        st.markdown(f"> {item.text}")
        st.caption(f"Rating {item.rating} ({FACES.get(item.rating, '?')}) · {language_name(item.language)} · "
                   f"{item.kiosk_label} · {item.hour:%Y-%m-%d %H}:00")
        left, right, _ = st.columns([1, 1, 4])
        left.button("Approve", key=f"moderation_approve_{item.feedback_id}", on_click=decide,
                    args=(item.feedback_id, True), type="primary", icon=":material/check:")
        right.button("Reject", key=f"moderation_reject_{item.feedback_id}", on_click=decide,
                     args=(item.feedback_id, False), icon=":material/delete:")
