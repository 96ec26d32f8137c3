"""Moderation in AppTest: the scrubbed text is shown; approve publishes it, reject deletes it."""

from __future__ import annotations

from input_forms.aggregate import feedback_frame
from input_forms.feedback import moderation_queue, submit_feedback
from tests.planner.app.fixtures import TOKEN, all_text, signed_in


def add_text(demo, text: str, client_id: str) -> int:
    return submit_feedback(demo.engine, {"client_id": client_id, "kiosk_token": TOKEN, "rating": 2, "text": text,
                                         "language": "en"}, min_gap_s=0).feedback_id


def test_the_queue_shows_scrubbed_text_only(demo):
    fid = add_text(demo, "Too noisy. Call me on 20 30 40 50 or anna@example.dk", "moderation-1")
    at = signed_in(demo.users["facilitator"], "moderation")
    text = all_text(at)
    assert "Too noisy" in text
    assert "20 30 40 50" not in text and "anna@example.dk" not in text
    assert at.button(key=f"moderation_approve_{fid}")
    assert f"{len(moderation_queue(demo.engine, demo.project.id))} comment(s) waiting" in text


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
    text = all_text(at)
    assert "More plants by the windows" not in text and "desk 3" not in text  # gone from the queue
