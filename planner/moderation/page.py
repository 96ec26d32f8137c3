"""Moderation queue (facilitator): approve or reject each free text before anyone else sees it.

The text shown is the stored one, in which input_forms already replaced CPR numbers, phone numbers
and e-mail addresses. Likely names and postal addresses are only *marked* (input_forms.scrub.
find_highlights): the facilitator picks which marked spans, and any other exact piece of text,
to redact before approving. Rejecting deletes the text for good (the rating stays).

Citizen text is shown as plain text only (st.text): never Markdown or HTML, so a text cannot make
the facilitator's browser fetch an image, show a link or a heading.
"""

from __future__ import annotations

import streamlit as st

from input_forms.errors import InputError
from input_forms.feedback import approve_text, moderation_queue, reject_text
from input_forms.scrub import Finding, find_highlights
from planner.common.page import page
from planner.kiosk.i18n import language_name

ctx = page("Moderation", roles=("facilitator",))
engine, project = ctx.engine, ctx.project

FACES = {1: "very bad", 2: "bad", 3: "okay", 4: "good", 5: "very good"}
PROMISE = ("What happens automatically: CPR numbers, phone numbers and e-mail addresses were replaced by markers "
           "before the text was stored. What does not: names and postal addresses. Those that look like one are "
           "marked ⟦…⟧ below and ticked for redaction, but the marks can miss a name or an address and can mark "
           "ordinary words. Read every text; untick a mark that is no person or place, add any other text to "
           "redact, and reject anything that identifies a person or is not about the place.")


def marked(text: str, findings: list[Finding]) -> str:
    """The text with each finding wrapped as ⟦n: …⟧ (plain text)."""
    out, last = [], 0
    for n, f in enumerate(findings, 1):
        out += [text[last:f.start], f"⟦{n}: ", f.text, "⟧"]
        last = f.end
    out.append(text[last:])
    return "".join(out)


def spans_to_redact(feedback_id: int, text: str) -> list[tuple[int, int]]:
    """The spans the facilitator chose: ticked marks, and every occurrence of the extra text typed in."""
    findings = find_highlights(text)
    chosen = st.session_state.get(f"moderation_redact_{feedback_id}", [])
    spans = [(findings[n - 1].start, findings[n - 1].end) for n in chosen if 1 <= n <= len(findings)]
    extra = (st.session_state.get(f"moderation_extra_{feedback_id}") or "").strip()
    if extra:
        start = text.find(extra)
        while start >= 0:
            spans.append((start, start + len(extra)))
            start = text.find(extra, start + 1)
    return spans


def decide(feedback_id: int, text: str, approve: bool) -> None:
    try:
        if approve:
            approve_text(engine, feedback_id, redact=spans_to_redact(feedback_id, text), expected=text)
        else:
            reject_text(engine, feedback_id)
    except InputError as exc:
        st.session_state["moderation_message"] = ("warning", str(exc))
    else:
        st.session_state["moderation_message"] = ("success", "Approved: the comment now shows in Results."
                                                  if approve else "Rejected: the comment was deleted.")


message = st.session_state.pop("moderation_message", None)
if message:
    getattr(st, message[0])(message[1])

queue = moderation_queue(engine, project.id)
st.caption(f"{project.name}: {len(queue)} comment(s) waiting. Approve what may be shown to the team.")
st.info(PROMISE, icon=":material/shield_person:")
if not queue:
    st.info("Nothing to moderate.")
for item in queue:
    fid = item.feedback_id
    findings = find_highlights(item.text)
    with st.container(border=True, key=f"moderation_item_{fid}"):
        st.text(marked(item.text, findings) if findings else item.text)
        st.caption(f"Rating {item.rating} ({FACES.get(item.rating, '?')}) · {language_name(item.language)} · "
                   f"{item.kiosk_label} · {item.hour:%Y-%m-%d %H}:00")
        if findings:
            # the options are numbers and kinds only: the marked words are in the plain text above
            st.multiselect("Redact before approving (marks ⟦n⟧ above)", options=list(range(1, len(findings) + 1)),
                           default=list(range(1, len(findings) + 1)), key=f"moderation_redact_{fid}",
                           format_func=lambda n, found=findings: f"{n}: likely {found[n - 1].kind}")
        st.text_input("Also redact this exact text (optional)", key=f"moderation_extra_{fid}", max_chars=200)
        # a row that wraps, each button as wide as its label: narrow columns cut the labels off on a tablet
        with st.container(horizontal=True, wrap=True, gap="small", key=f"moderation_actions_{fid}"):
            st.button("Approve", key=f"moderation_approve_{fid}", on_click=decide, width="content",
                      args=(fid, item.text, True), type="primary", icon=":material/check:")
            st.button("Reject", key=f"moderation_reject_{fid}", on_click=decide, width="content",
                      args=(fid, item.text, False), icon=":material/delete:")
