"""Moderation in AppTest: the scrubbed text is shown as plain text; likely names and addresses are marked
and redacted when ticked; approve publishes, reject deletes; the promise says what is automatic."""

from __future__ import annotations

from input_forms.aggregate import feedback_frame
from input_forms.feedback import moderation_queue, submit_feedback
from input_forms.scrub import REDACTED_MARKER
from tests.planner.app.fixtures import TOKEN, all_text, signed_in


def add_text(demo, text: str, client_id: str) -> int:
    return submit_feedback(demo.engine, {"client_id": client_id, "kiosk_token": TOKEN, "rating": 2, "text": text,
                                         "language": "en"}, min_gap_s=0).feedback_id


def approved(demo) -> set[str]:
    """The stored texts that may be published (approved only, raw: whether shown depends on their groups)."""
    return set(feedback_frame(demo.engine, demo.project.id)["text"].dropna())


def plain(at) -> list[str]:
    return [str(e.value) for e in at.main.text]


def test_the_queue_shows_scrubbed_text_only(demo):
    fid = add_text(demo, "Too noisy. Call me on 20 30 40 50 or anna@example.dk", "moderation-1")
    at = signed_in(demo.users["facilitator"], "moderation")
    shown = "\n".join(plain(at)) + all_text(at)
    assert "Too noisy" in shown
    assert "20 30 40 50" not in shown and "anna@example.dk" not in shown
    assert at.button(key=f"moderation_approve_{fid}")
    assert f"{len(moderation_queue(demo.engine, demo.project.id))} comment(s) waiting" in all_text(at)


def test_citizen_markup_comes_out_literally_never_as_markdown(demo):
    hostile = "![x](https://evil.example/p.png) [Log ind igen](https://evil.example) <img src=x> # Huge"
    add_text(demo, hostile, "moderation-markup")
    at = signed_in(demo.users["facilitator"], "moderation")
    assert hostile in plain(at)  # as typed, in a plain-text element
    rendered = [str(e.value) for kind in ("markdown", "caption", "info", "success", "warning") for e in getattr(at.main, kind)]
    assert not any("evil.example" in r or "<img" in r for r in rendered)


def test_the_promise_says_what_is_automatic_and_what_is_not(demo):
    at = signed_in(demo.users["facilitator"], "moderation")
    promise = " ".join(str(e.value) for e in at.main.info)
    assert "CPR numbers, phone numbers and e-mail addresses were replaced" in promise
    assert "What does not: names and postal addresses" in promise
    assert "already replaced" not in all_text(at)  # the old, wrong promise about addresses


def test_marked_names_and_addresses_are_redacted_when_approved(demo):
    fid = add_text(demo, "Chairs too hard. Mvh Jens Hansen, Vestergade 12, 8000 Aarhus", "moderation-redact")
    at = signed_in(demo.users["facilitator"], "moderation")
    assert any("⟦1: Jens Hansen⟧" in t and "⟦2: Vestergade 12, 8000 Aarhus⟧" in t for t in plain(at))
    assert at.multiselect(key=f"moderation_redact_{fid}").value == [1, 2]  # ticked by default
    at.text_input(key=f"moderation_extra_{fid}").input("Chairs")
    at.button(key=f"moderation_approve_{fid}").click().run()
    assert not at.exception
    published = approved(demo)
    assert f"{REDACTED_MARKER} too hard. Mvh {REDACTED_MARKER}, {REDACTED_MARKER}" in published


def test_an_unticked_mark_stays(demo):
    fid = add_text(demo, "Ask Karen at the desk about the lamps", "moderation-keep")
    at = signed_in(demo.users["facilitator"], "moderation")
    at.multiselect(key=f"moderation_redact_{fid}").set_value([])
    at.button(key=f"moderation_approve_{fid}").click().run()
    assert "Ask Karen at the desk about the lamps" in approved(demo)


def test_approve_publishes_and_reject_deletes(demo):
    keep = add_text(demo, "More plants by the windows", "moderation-2")
    drop = add_text(demo, "The man at desk 3 is rude", "moderation-3")
    at = signed_in(demo.users["facilitator"], "moderation")
    at.button(key=f"moderation_approve_{keep}").click().run()
    assert not at.exception
    assert "Approved" in at.success[0].value
    at.button(key=f"moderation_reject_{drop}").click().run()
    assert "Rejected" in at.success[0].value
    waiting = {p.feedback_id for p in moderation_queue(demo.engine, demo.project.id)}
    assert keep not in waiting and drop not in waiting
    # the stored text that may be published (approved only); whether it is shown depends on its groups
    published = feedback_frame(demo.engine, demo.project.id).dropna(subset=["text"])
    assert "More plants by the windows" in set(published["text"])
    assert not published["text"].str.contains("desk 3").any()
    shown = all_text(at) + "\n".join(plain(at))
    assert "More plants by the windows" not in shown and "desk 3" not in shown  # gone from the queue
