"""Kiosk feedback: anonymity, scrubbing, moderation, idempotency, rate limiting, concurrency."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, inspect, select

from input_forms import feedback as fb
from input_forms import kiosks, projects, schema
from input_forms.db import make_engine
from input_forms.errors import Conflict, Forbidden, RateLimited, ValidationFailed
from input_forms.models import CalmerItem
from input_forms.scrub import CPR_MARKER, EMAIL_MARKER, PHONE_MARKER, scrub_text
from input_forms.tiny_plan import tiny_plan_geojson

T0 = datetime(2026, 3, 5, 10, 47, 13, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def setup(engine):
    project = projects.create_project(engine, "Jobcenter Test")
    option = projects.add_option(engine, project.id, "Baseline", tiny_plan_geojson())
    kiosk = kiosks.register_kiosk(engine, project.id, "Reception", option_id=option.id)
    return engine, project, option, kiosk


def entry(kiosk, **changes):
    data = {"client_id": str(uuid.uuid4()), "kiosk_token": kiosk.token, "rating": 4, "calmer": ["plants"],
            "language": "da"}
    data.update(changes)
    return data


# --- scrubbing ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["010190-1234", "0101901234", "311299 1234", "min cpr er 150585-4321 tak",
                                  "cpr:1505854321."])
def test_cpr_numbers_are_scrubbed(text):
    out = scrub_text(text)
    assert CPR_MARKER in out and not any(ch.isdigit() for ch in out)


@pytest.mark.parametrize("text", ["ring 12345678", "tlf 12 34 56 78", "1234 5678", "+45 12345678", "0045 12 34 56 78",
                                  "+44 20 7946 0958", "tel 22.33.44.55", "+4512345678"])
def test_phone_numbers_are_scrubbed(text):
    out = scrub_text(text)
    assert PHONE_MARKER in out and not any(ch.isdigit() for ch in out)


@pytest.mark.parametrize("text", ["skriv til anna.b+jc@kk.dk", "x_y@mail.example.co.uk!", "ÆØÅ@post.dk"])
def test_email_addresses_are_scrubbed(text):
    out = scrub_text(text)
    assert EMAIL_MARKER in out and "@" not in out


@pytest.mark.parametrize("text", [
    "Jeg ventede 45 minutter i lokale 3.",
    "Det var bedre i 2024 end i 2023",
    "Mødet 12-03-2024 kl. 10:30 gik fint",
    "Ventetid 20-30 min, 5 stole for få",
    "Det koster 100000 kr at bygge om",
    "Tak for hjælpen! 😊",
    "",
])
def test_ordinary_text_is_left_alone(text):
    assert scrub_text(text) == text


# --- storage -----------------------------------------------------------------------------------

def test_entry_is_stored_anonymously_with_the_hour_only(setup):
    engine, project, option, kiosk = setup
    result = fb.submit_feedback(engine, entry(kiosk, pin={"option_id": option.id, "x": 5.0, "y": 4.0,
                                                           "category": "calm"}), now=T0)
    assert result.stored and not result.duplicate
    with engine.connect() as conn:
        row = conn.execute(select(schema.feedback)).one()
        items = conn.execute(select(schema.feedback_calmer.c.item_key)).scalars().all()
    assert row.created_hour == datetime(2026, 3, 5, 9, 0, 0)  # 10:47 at UTC+1 -> 09:00 UTC
    assert (row.rating, row.pin_category, row.option_id, row.text_status) == (4, "calm", option.id, "none")
    assert items == ["plants"]
    columns = {c["name"] for c in inspect(engine).get_columns("feedback")}
    assert not columns & {"name", "case_number", "ip", "ip_address", "created_at", "user_id", "timestamp"}


def test_double_tap_stores_one_entry(setup):
    engine, _, _, kiosk = setup
    data = entry(kiosk)
    first = fb.submit_feedback(engine, data, now=T0)
    second = fb.submit_feedback(engine, data, now=T0 + timedelta(seconds=1))  # inside the rate-limit gap
    assert first.stored and second.duplicate and not second.stored
    assert second.feedback_id == first.feedback_id
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.feedback)).scalar() == 1


@pytest.mark.parametrize("change, message", [
    ({"rating": 6}, "rating"),
    ({"rating": "5"}, "rating"),
    ({"rating": True}, "rating"),
    ({"client_id": "x"}, "client_id"),
    ({"text": "a" * 501}, "text"),
    ({"language": "Danish!"}, "language"),
    ({"calmer": ["Plants!"]}, "calmer"),
    ({"calmer": ["sauna"]}, "sauna"),
    ({"pin": {"option_id": 1, "x": 1, "y": 1, "category": "angry"}}, "pin.category"),
    ({"pin": {"option_id": 1, "x": float("nan"), "y": 1, "category": "calm"}}, "pin.x"),
    ({"unexpected": 1}, "unexpected"),
])
def test_bad_field_is_a_clear_error_and_stores_nothing(setup, change, message):
    engine, _, _, kiosk = setup
    with pytest.raises(ValidationFailed, match=message):
        fb.submit_feedback(engine, entry(kiosk, **change), now=T0)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.feedback)).scalar() == 0
        assert conn.execute(select(schema.kiosks.c.accepted_hour)).scalar() is None


def test_pin_must_be_on_the_kiosks_project_plan(setup):
    engine, project, option, kiosk = setup
    with pytest.raises(ValidationFailed, match="outside the plan"):
        fb.submit_feedback(engine, entry(kiosk, pin={"option_id": option.id, "x": 50, "y": 4, "category": "idea"}))
    other = projects.create_project(engine, "Other")
    other_option = projects.add_option(engine, other.id, "B", tiny_plan_geojson())
    with pytest.raises(ValidationFailed, match="not an option"):
        fb.submit_feedback(engine, entry(kiosk, pin={"option_id": other_option.id, "x": 1, "y": 1, "category": "idea"}))


def test_unknown_or_revoked_kiosk_is_refused(setup):
    engine, _, _, kiosk = setup
    with pytest.raises(Forbidden, match="not registered"):
        fb.submit_feedback(engine, entry(kiosk, kiosk_token="nope-nope"))
    kiosks.revoke_kiosk(engine, kiosk.id)
    assert kiosks.kiosk_by_token(engine, kiosk.token) is None
    with pytest.raises(Forbidden, match="switched off"):
        fb.submit_feedback(engine, entry(kiosk))


def test_rate_limit_refuses_with_a_reason_and_lets_the_next_through(setup):
    engine, _, _, kiosk = setup
    fb.submit_feedback(engine, entry(kiosk), now=T0)
    with pytest.raises(RateLimited, match="at least 5 s apart") as info:
        fb.submit_feedback(engine, entry(kiosk), now=T0 + timedelta(seconds=2))
    assert info.value.retry_after_s == pytest.approx(3.0, abs=0.01)
    assert fb.submit_feedback(engine, entry(kiosk), now=T0 + timedelta(seconds=5)).stored
    assert fb.submit_feedback(engine, entry(kiosk), now=T0 + timedelta(seconds=6), min_gap_s=0).stored


def test_the_hourly_cap_holds_across_engines_like_separate_processes(setup):
    """The exact gap lives in each process's memory; across processes, the coarse hourly count holds the line."""
    engine, _, _, kiosk = setup
    url = engine.url.render_as_string(hide_password=False)
    others = [make_engine(url) for _ in range(3)]
    try:
        gap = 1200.0  # three entries an hour
        for n, eng in enumerate([engine, *others[:2]]):
            assert fb.submit_feedback(eng, entry(kiosk), now=T0 + timedelta(seconds=n), min_gap_s=gap).stored
        with pytest.raises(RateLimited, match="already sent 3 entries this hour") as info:
            fb.submit_feedback(others[2], entry(kiosk), now=T0 + timedelta(seconds=3), min_gap_s=gap)
        assert info.value.retry_after_s == pytest.approx(3600 - 3 - (T0.minute * 60 + T0.second), abs=1)
        assert fb.submit_feedback(others[2], entry(kiosk), now=T0 + timedelta(hours=1), min_gap_s=gap).stored
    finally:
        for eng in others:
            eng.dispose()
    with engine.connect() as conn:
        row = conn.execute(select(schema.kiosks.c.accepted_hour, schema.kiosks.c.accepted_in_hour)).one()
    assert tuple(row) == (datetime(2026, 3, 5, 10, 0), 1)  # T0 is 09:47 UTC; the last entry came an hour later


def test_rate_limit_is_atomic_across_threads(setup):
    engine, _, _, kiosk = setup
    barrier = threading.Barrier(10)

    def one(_):
        barrier.wait()
        try:
            return fb.submit_feedback(engine, entry(kiosk), now=T0).stored
        except RateLimited:
            return False

    with ThreadPoolExecutor(10) as pool:
        outcomes = list(pool.map(one, range(10)))
    assert outcomes.count(True) == 1


def test_simultaneous_double_taps_store_one_entry(setup):
    engine, _, _, kiosk = setup
    data = entry(kiosk)
    barrier = threading.Barrier(10)

    def tap(_):
        barrier.wait()
        return fb.submit_feedback(engine, data, min_gap_s=0)

    with ThreadPoolExecutor(10) as pool:
        results = list(pool.map(tap, range(10)))
    assert sum(r.stored for r in results) == 1 and sum(r.duplicate for r in results) == 9
    assert len({r.feedback_id for r in results}) == 1
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.feedback)).scalar() == 1


def test_twenty_threads_fifty_entries_each_store_exactly_one_thousand(setup):
    engine, project, option, _ = setup
    kiosk_list = [kiosks.register_kiosk(engine, project.id, f"Kiosk {n}", option.id) for n in range(4)]
    ids = [[str(uuid.uuid4()) for _ in range(50)] for _ in range(20)]
    errors: list[Exception] = []

    def worker(n):
        kiosk = kiosk_list[n % 4]
        stored = duplicates = 0
        for i, client_id in enumerate(ids[n]):
            data = entry(kiosk, client_id=client_id, rating=1 + (i % 5), text="ring 12345678" if i % 10 == 0 else None)
            try:
                stored += fb.submit_feedback(engine, data, min_gap_s=0).stored
                if i % 7 == 0:  # a double tap now and then
                    duplicates += fb.submit_feedback(engine, data, min_gap_s=0).duplicate
            except Exception as exc:
                errors.append(exc)
        return stored, duplicates

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(worker, range(20)))
    assert errors == []
    assert sum(s for s, _ in results) == 1000
    assert sum(d for _, d in results) == 20 * 8
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.feedback)).scalar() == 1000
        distinct = conn.execute(select(func.count(func.distinct(schema.feedback.c.client_id)))).scalar()
        assert distinct == 1000
        texts = conn.execute(select(schema.feedback.c.text).where(schema.feedback.c.text.is_not(None))).scalars().all()
    assert len(texts) == 100 and set(texts) == {f"ring {PHONE_MARKER}"}


# --- moderation ----------------------------------------------------------------------------------

def test_text_waits_for_moderation_and_rejected_text_is_deleted(setup):
    engine, project, _, kiosk = setup
    a = fb.submit_feedback(engine, entry(kiosk, text="Mere lys, skriv til mig på x@y.dk"), min_gap_s=0)
    b = fb.submit_feedback(engine, entry(kiosk, text="Dumt sted, ring 12 34 56 78"), min_gap_s=0)
    fb.submit_feedback(engine, entry(kiosk), min_gap_s=0)
    queue = fb.moderation_queue(engine, project.id)
    assert [p.feedback_id for p in queue] == [a.feedback_id, b.feedback_id]
    assert queue[0].text == f"Mere lys, skriv til mig på {EMAIL_MARKER}" and queue[0].kiosk_label == "Reception"
    fb.approve_text(engine, a.feedback_id)
    fb.reject_text(engine, b.feedback_id)
    assert fb.moderation_queue(engine, project.id) == []
    with engine.connect() as conn:
        rows = dict(conn.execute(select(schema.feedback.c.id, schema.feedback.c.text)).all())
    assert rows[b.feedback_id] is None
    with pytest.raises(Conflict, match="rejected"):
        fb.approve_text(engine, b.feedback_id)


def test_the_moderator_redacts_spans_of_the_text_they_saw_before_approving(setup):
    engine, project, _, kiosk = setup
    text = "Mvh Jens Hansen, Vestergade 12"
    fid = fb.submit_feedback(engine, entry(kiosk, text=text), min_gap_s=0).feedback_id
    with pytest.raises(Conflict, match="changed meanwhile"):
        fb.approve_text(engine, fid, redact=[(4, 15)], expected="another text")
    with pytest.raises(ValidationFailed, match="not a span"):
        fb.redact_text(engine, fid, [(4, 99)])
    assert fb.redact_text(engine, fid, [(4, 15)], expected=text) == "Mvh [redacted], Vestergade 12"
    fb.approve_text(engine, fid, redact=[(16, 29)])  # offsets in the text as it is now
    with engine.connect() as conn:
        stored = conn.execute(select(schema.feedback.c.text, schema.feedback.c.text_status)).one()
    assert tuple(stored) == ("Mvh [redacted], [redacted]", "approved")
    with pytest.raises(Conflict, match="no text waiting"):
        fb.redact_text(engine, fid, [(0, 3)])


def test_calmer_items_are_editable_per_project(setup):
    engine, project, _, kiosk = setup
    assert [i.key for i in fb.list_calmer_items(engine, project.id)][:3] == ["quiet_corner", "plants", "daylight"]
    fb.set_calmer_items(engine, project.id, [CalmerItem(key="sofa", label_da="Sofa", label_en="Sofa"),
                                             {"key": "plants", "label_da": "Grønne planter", "label_en": "Green plants"}])
    assert [(i.key, i.label_da) for i in fb.list_calmer_items(engine, project.id)] == [("sofa", "Sofa"),
                                                                                      ("plants", "Grønne planter")]
    with pytest.raises(ValidationFailed, match="quiet_corner"):
        fb.submit_feedback(engine, entry(kiosk, calmer=["quiet_corner"]), min_gap_s=0)
    assert fb.submit_feedback(engine, entry(kiosk, calmer=["sofa", "plants"]), min_gap_s=0).stored
    with pytest.raises(ValidationFailed, match="twice"):
        fb.set_calmer_items(engine, project.id, [CalmerItem(key="a", label_da="A", label_en="A")] * 2)


def test_kiosk_revoked_by_another_process_is_refused_at_once(setup):
    engine, _, _, kiosk = setup
    other = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        assert fb.submit_feedback(engine, entry(kiosk), min_gap_s=0).stored  # this process now knows the kiosk
        kiosks.revoke_kiosk(other, kiosk.id)
        with pytest.raises(Forbidden, match="switched off"):
            fb.submit_feedback(engine, entry(kiosk), min_gap_s=0)
    finally:
        other.dispose()
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.feedback)).scalar() == 1
