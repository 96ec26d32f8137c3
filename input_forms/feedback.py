"""Anonymous kiosk feedback: validation, idempotent and rate-limited storage, and text moderation.

Anonymous by design: an entry keeps a rating, the chosen 'calmer' items, an
optional pin on a plan, an optional scrubbed free text, the language and the
kiosk, and the UTC *hour* it arrived. No name, case number, IP address or
exact time is ever stored. Free text is scrubbed of CPR numbers, phone numbers
and e-mail addresses before it is written, and waits for a facilitator's
approval; rejected text is deleted, so it can never reach a result or export.

Submission is idempotent on the client-made ``client_id`` (a double tap stores
one entry) and rate-limited per kiosk (rate_limit.py): the exact gap between two
entries is checked against the kiosk's last accepted time kept in this process's
memory only, and an hourly cap against a coarse count in the database, so no
exact time is ever stored. A refused entry raises an error that says why;
nothing is dropped silently.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import Engine, and_, bindparam, case, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from floorplans import parse_plan

from . import hot_cache
from . import schema as t
from .calmer import CALMER_ITEMS, list_calmer_items, set_calmer_items
from .committer import Duplicate, Job, commit_entry
from .db import hour_of, inserted_id, read_tx, write_tx
from .errors import Conflict, Forbidden, NotFound, RateLimited, ValidationFailed, validation_failed
from .models import CalmerItem, PendingText, PinCategory, SubmitResult
from .rate_limit import NO_CAP, hour_start, hourly_cap, kiosk_pace, over_cap
from .recheck import Facts, Stale, stale_facts
from .scrub import redact_spans, scrub_text

__all__ = ["CALMER_ITEMS", "CalmerItem", "list_calmer_items", "set_calmer_items", "Pin", "FeedbackIn",
           "SubmitResult", "submit_feedback", "scrub_text", "moderation_queue", "approve_text", "reject_text", "redact_text",
           "DEFAULT_MIN_GAP_S", "MAX_TEXT", "LANGUAGES", "parse_feedback"]

#: Minimum seconds between two accepted entries from one kiosk (env INPUT_FORMS_MIN_GAP_S overrides).
DEFAULT_MIN_GAP_S = float(os.environ.get("INPUT_FORMS_MIN_GAP_S", "5"))
MAX_TEXT = 500
#: Languages the kiosk offers; others are still accepted if they look like a language code.
LANGUAGES = ("da", "en", "ar", "uk", "so", "tr", "fa", "pl", "ur", "ti")
PIN_MARGIN_M = 0.5


class Pin(BaseModel):
    """A point on a plan (metres, plan frame) with what the citizen felt there."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    option_id: int = Field(gt=0, strict=True)
    x: float = Field(allow_inf_nan=False)
    y: float = Field(allow_inf_nan=False)
    category: PinCategory


class FeedbackIn(BaseModel):
    """One kiosk entry as the kiosk sends it."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
    client_id: str = Field(pattern=r"^[A-Za-z0-9_-]{8,64}$", description="made by the kiosk (a uuid); makes retries safe")
    kiosk_token: str = Field(min_length=1, max_length=100)
    rating: int = Field(ge=1, le=5, strict=True, description="5-face scale, 1 = very unhappy, 5 = very happy")
    calmer: list[str] = Field(default_factory=list, max_length=20)
    pin: Pin | None = None
    text: str | None = Field(default=None, max_length=MAX_TEXT)
    language: str = Field(default="da", pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")

    @field_validator("calmer")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        seen: list[str] = []
        for key in value:
            if not re.match(r"^[a-z][a-z0-9_]{0,63}$", key):
                raise ValueError(f"{key!r} is not an item key")
            if key not in seen:
                seen.append(key)
        return seen

    @field_validator("text")
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None


def parse_feedback(data: FeedbackIn | dict) -> FeedbackIn:
    """A FeedbackIn from a dict; ValidationFailed naming every bad field."""
    if isinstance(data, FeedbackIn):
        return data
    try:
        return FeedbackIn.model_validate(data)
    except ValidationError as exc:
        raise validation_failed(exc) from None


@lru_cache(maxsize=64)
def _bounds(plan_geojson: str) -> tuple[float, float, float, float]:
    plan = parse_plan(plan_geojson)
    xs = [x for room in plan.rooms for ring in room.rings for x, *_ in ring]
    ys = [y for room in plan.rooms for ring in room.rings for _, y, *_ in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _epoch(now: datetime | None) -> tuple[datetime, float]:
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now, now.timestamp()


k, f, c = t.kiosks, t.feedback, t.calmer_items
# Statements built once: a kiosk submission is the hot path (20 kiosks x many taps).
# the kiosk with its project's active 'calmer' keys, one row per key (duplicates are caught at write time)
_KIOSK_ITEMS = select(k.c.id, k.c.project_id, k.c.option_id, k.c.active, c.c.key).select_from(
    k.outerjoin(c, (c.c.project_id == k.c.project_id) & c.c.active.is_(True))).where(k.c.token == bindparam("token"))
_EARLIER = select(f.c.id).where((f.c.kiosk_id == bindparam("kiosk_id")) & (f.c.client_id == bindparam("client_id")))
_OPTION = select(t.layout_options.c.project_id, t.layout_options.c.version).where(t.layout_options.c.id == bindparam("option_id"))
_PLAN = select(t.option_versions.c.plan_geojson).where(
    (t.option_versions.c.option_id == bindparam("option_id")) & (t.option_versions.c.version == bindparam("version")))
# count the entry in the kiosk's hour (an entry stamped in an earlier hour counts in the latest), under the hourly cap
_NEWER = or_(k.c.accepted_hour.is_(None), k.c.accepted_hour < bindparam("hour"))
_ACCEPT = update(k).where(and_(k.c.id == bindparam("kiosk_id"), k.c.active.is_(True), or_(
    _NEWER, k.c.accepted_in_hour < bindparam("cap")))).values(
    accepted_hour=case((_NEWER, bindparam("hour")), else_=k.c.accepted_hour),
    accepted_in_hour=case((_NEWER, 1), else_=k.c.accepted_in_hour + 1)).returning(k.c.option_id)
_HOURLY = select(k.c.accepted_hour, k.c.accepted_in_hour, k.c.active).where(k.c.id == bindparam("kiosk_id"))
_INSERT = insert(f)
_INSERT_ITEMS = insert(t.feedback_calmer)


def submit_feedback(engine: Engine, entry: FeedbackIn | dict, now: datetime | None = None,
                    min_gap_s: float | None = None) -> SubmitResult:
    """Store one kiosk entry, or say why not.

    Returns ``stored=True`` for a new entry and ``duplicate=True`` (with the
    first entry's id) when this ``client_id`` was already stored for the kiosk.
    Raises ValidationFailed (bad field; nothing stored), Forbidden (unknown or
    revoked kiosk) or RateLimited (too soon after the kiosk's last entry; see
    ``retry_after_s``). ``now`` is for tests; ``min_gap_s`` defaults to
    DEFAULT_MIN_GAP_S (0 turns the limit off).

    Checks run first, outside any write lock (WAL readers never wait). The
    write then claims the kiosk's rate-limit slot and inserts the entry in one
    short transaction: on SQLite through the engine's group committer
    (committer.py), on PostgreSQL directly (the kiosk row lock serialises it).
    What the checks took from the process cache is checked again in that
    transaction (recheck.py); if another process changed it, the entry is
    checked once more from the database.
    """
    entry = parse_feedback(entry)
    try:
        return _submit(engine, entry, now, min_gap_s)
    except Stale:
        hot_cache.clear(engine)
        return _submit(engine, entry, now, min_gap_s)


def _submit(engine: Engine, entry: FeedbackIn, now: datetime | None, min_gap_s: float | None) -> SubmitResult:
    gap = DEFAULT_MIN_GAP_S if min_gap_s is None else max(0.0, float(min_gap_s))
    moment, ts = _epoch(now)
    text = scrub_text(entry.text) if entry.text else None
    kiosk_id, project_id, kiosk_option, active_keys = _kiosk_context(engine, entry.kiosk_token)
    if entry.calmer:
        unknown = [key for key in entry.calmer if key not in active_keys]
        if unknown:
            raise ValidationFailed(f"calmer: {', '.join(map(repr, unknown))} not in this project's list "
                                   f"({', '.join(sorted(active_keys))})")
    pin = entry.pin
    facts = Facts(project_id, tuple(entry.calmer), pin.option_id if pin else None,
                  _check_pin(engine, project_id, pin) if pin is not None else None)
    row = {"project_id": project_id, "kiosk_id": kiosk_id, "client_id": entry.client_id,
           "option_id": pin.option_id if pin else kiosk_option,
           "rating": entry.rating, "language": entry.language, "created_hour": hour_of(moment),
           "pin_option_id": pin.option_id if pin else None, "pin_x": pin.x if pin else None,
           "pin_y": pin.y if pin else None, "pin_category": pin.category if pin else None,
           "text": text, "text_status": "pending" if text else "none"}
    if engine.dialect.name != "sqlite":
        pace = kiosk_pace(engine)
        claimed, previous = pace.claim(kiosk_id, ts, gap)
        stored = False
        try:
            with engine.connect() as conn:
                if not claimed:  # too soon by this process's memory, unless it is a retry of a stored entry
                    try:
                        with conn.begin():
                            _refuse(conn, kiosk_id, entry.client_id, ts, gap, previous)
                    except _Duplicate as dup:
                        return SubmitResult(stored=False, duplicate=True, feedback_id=dup.feedback_id)
                result = _commit_direct(conn, row, entry.calmer, ts, gap, facts)
                stored = result.stored
                return result
        finally:
            if claimed and not stored:
                pace.release(kiosk_id, ts, previous)
    return _commit_grouped(engine, row, entry.calmer, ts, gap, facts)


def _kiosk_context(engine: Engine, token: str) -> tuple[int, int, int | None, frozenset[str]]:
    """(kiosk id, project id, option shown, active item keys) for an active kiosk; Forbidden otherwise."""
    cached = hot_cache.get(engine, ("kiosk", token))
    if cached is not None:
        return cached
    with engine.connect() as conn:
        conn.execution_options(sqlite_begin="NONE")  # plain reads: WAL gives each statement a consistent view
        rows = conn.execute(_KIOSK_ITEMS, {"token": token}).all()
        conn.rollback()
    if not rows:
        raise Forbidden("this kiosk is not registered (unknown token)")
    kiosk = rows[0]
    if not kiosk.active:
        raise Forbidden("this kiosk has been switched off by a facilitator")
    context = (kiosk.id, kiosk.project_id, kiosk.option_id, frozenset(r.key for r in rows if r.key is not None))
    hot_cache.put(engine, ("kiosk", token), context)
    return context


def _too_soon(ts: float, gap: float, last: float) -> RateLimited:
    wait = max(0.1, gap - (ts - last))
    return RateLimited(f"this kiosk sent an entry {max(0.0, ts - last):.1f} s ago; entries must be at least "
                       f"{gap:g} s apart, so wait {wait:.1f} s and send again", retry_after_s=wait)


def _switched_off() -> Forbidden:
    return Forbidden("this kiosk has been switched off by a facilitator")


def _commit_grouped(engine: Engine, row: dict, items: list[str], ts: float, gap: float, facts: Facts) -> SubmitResult:
    """SQLite: hand the row to the engine's group committer (see committer.py)."""
    outcome = commit_entry(engine, Job(row=row, items=list(items), ts=ts, gap=gap, too_soon=_too_soon,
                                       switched_off=_switched_off, facts=facts))
    if isinstance(outcome, Duplicate):
        return SubmitResult(stored=False, duplicate=True, feedback_id=outcome.feedback_id)
    return SubmitResult(stored=True, duplicate=False, feedback_id=outcome.feedback_id)


def _commit_direct(conn, row: dict, items: list[str], ts: float, gap: float, facts: Facts) -> SubmitResult:
    """PostgreSQL: one short transaction; the kiosk row lock serialises one kiosk's entries (the hourly count)."""
    cap = hourly_cap(gap)
    claim = {"kiosk_id": row["kiosk_id"], "hour": hour_start(ts), "cap": min(cap, NO_CAP)}
    try:
        with conn.begin():
            claimed = conn.execute(_ACCEPT, claim).first()
            if claimed is None:
                _refuse(conn, row["kiosk_id"], row["client_id"], ts, gap)
            if stale_facts(conn, [facts])[0]:
                raise Stale("an item or the plan changed meanwhile")
            if row["pin_option_id"] is None:
                row = {**row, "option_id": claimed.option_id}  # the option the kiosk shows now, not as cached
            new_id = inserted_id(conn.execute(_INSERT, row))
            if items:
                conn.execute(_INSERT_ITEMS, [{"feedback_id": new_id, "item_key": key} for key in items])
    except _Duplicate as dup:
        return SubmitResult(stored=False, duplicate=True, feedback_id=dup.feedback_id)
    except IntegrityError:
        # two taps raced past the duplicate check: the other one is stored
        earlier = conn.execute(_EARLIER, {"kiosk_id": row["kiosk_id"], "client_id": row["client_id"]}).first()
        conn.rollback()
        if earlier is None:
            raise
        return SubmitResult(stored=False, duplicate=True, feedback_id=earlier.id)
    return SubmitResult(stored=True, duplicate=False, feedback_id=new_id)


class _Duplicate(Exception):
    def __init__(self, feedback_id: int) -> None:
        self.feedback_id = feedback_id


def _refuse(conn, kiosk_id: int, client_id: str, ts: float, gap: float, last: float | None = None) -> None:
    """The kiosk's slot was not free: say why (duplicate, switched off meanwhile, too soon, or the hourly cap)."""
    again = conn.execute(_EARLIER, {"kiosk_id": kiosk_id, "client_id": client_id}).first()
    if again:
        raise _Duplicate(again.id)
    state = conn.execute(_HOURLY, {"kiosk_id": kiosk_id}).one()
    if not state.active:
        raise _switched_off()
    if last is not None:
        raise _too_soon(ts, gap, last)
    raise over_cap((state.accepted_hour, state.accepted_in_hour), ts, gap) or _too_soon(ts, gap, ts)


def _check_pin(engine: Engine, project_id: int, pin: Pin) -> int:
    """The version of the pinned option whose plan the pin lies on; ValidationFailed if it does not."""
    option = hot_cache.get(engine, ("option", pin.option_id))
    if option is None:
        with engine.connect() as conn:
            conn.execution_options(sqlite_begin="NONE")
            found = conn.execute(_OPTION, {"option_id": pin.option_id}).first()
            option = (found.project_id, found.version, _bounds(conn.execute(
                _PLAN, {"option_id": pin.option_id, "version": found.version}).scalar_one())) if found else (None, None, None)
            conn.rollback()
        hot_cache.put(engine, ("option", pin.option_id), option)
    option_project, version, bounds = option
    if bounds is None or version is None:
        raise ValidationFailed(f"pin.option_id: {pin.option_id} is not an option of this kiosk's project")
    if option_project != project_id:
        raise ValidationFailed(f"pin.option_id: {pin.option_id} is not an option of this kiosk's project")
    x0, y0, x1, y1 = bounds
    m = PIN_MARGIN_M
    if not (x0 - m <= pin.x <= x1 + m and y0 - m <= pin.y <= y1 + m):
        raise ValidationFailed(f"pin: ({pin.x:g}, {pin.y:g}) lies outside the plan "
                               f"(x {x0:g}..{x1:g}, y {y0:g}..{y1:g} m)")
    return int(version)


# --- moderation ---------------------------------------------------------------------------------

def moderation_queue(engine: Engine, project_id: int) -> list[PendingText]:
    """Free texts waiting for a facilitator, oldest first (already scrubbed)."""
    f, k = t.feedback, t.kiosks
    with read_tx(engine) as conn:
        rows = conn.execute(select(f.c.id, f.c.text, f.c.rating, f.c.language, f.c.option_id, f.c.created_hour,
                                   k.c.location_label).join(k, k.c.id == f.c.kiosk_id)
                            .where((f.c.project_id == project_id) & (f.c.text_status == "pending")).order_by(f.c.id)).all()
    return [PendingText(feedback_id=r.id, text=r.text, rating=r.rating, language=r.language, kiosk_label=r.location_label,
                        option_id=r.option_id, hour=r.created_hour) for r in rows]


def _text_status(conn, feedback_id: int) -> str:
    row = conn.execute(select(t.feedback.c.text_status).where(t.feedback.c.id == feedback_id)).first()
    if row is None:
        raise NotFound(f"no feedback with id {feedback_id}")
    return row.text_status


def _redacted(conn, feedback_id: int, expected: str | None, spans: Sequence[tuple[int, int]]) -> dict:
    """The new text column value with ``spans`` redacted; Conflict if the stored text is not ``expected``."""
    if not spans:
        return {}
    stored = conn.execute(select(t.feedback.c.text).where(t.feedback.c.id == feedback_id)).scalar_one()
    if expected is not None and stored != expected:
        raise Conflict(f"the text of feedback {feedback_id} changed meanwhile; look at it again")
    for start, end in spans:
        if not (0 <= start < end <= len(stored or "")):
            raise ValidationFailed(f"redact: {start}..{end} is not a span of the text ({len(stored or '')} characters)")
    return {"text": redact_spans(stored or "", spans)}


def redact_text(engine: Engine, feedback_id: int, spans: Sequence[tuple[int, int]], expected: str | None = None) -> str:
    """Replace character spans of a waiting text by REDACTED_MARKER (the moderator's choice); returns the new text.

    ``expected`` is the text the moderator looked at: if it differs from the stored one, nothing changes (Conflict).
    """
    with write_tx(engine) as conn:
        if _text_status(conn, feedback_id) != "pending":
            raise Conflict(f"feedback {feedback_id} has no text waiting for moderation")
        values = _redacted(conn, feedback_id, expected, spans)
        if values:
            conn.execute(update(t.feedback).where(t.feedback.c.id == feedback_id).values(**values))
        return values.get("text") or conn.execute(select(t.feedback.c.text).where(t.feedback.c.id == feedback_id)).scalar_one()


def approve_text(engine: Engine, feedback_id: int, redact: Sequence[tuple[int, int]] = (), expected: str | None = None) -> None:
    """Let the text be shown in results and exports, after redacting the ``redact`` spans (see redact_text)."""
    with write_tx(engine) as conn:
        status = _text_status(conn, feedback_id)
        if status == "none":
            raise Conflict(f"feedback {feedback_id} has no free text to approve")
        if status == "rejected":
            raise Conflict(f"the text of feedback {feedback_id} was rejected and deleted; it cannot be approved")
        values = _redacted(conn, feedback_id, expected, redact) if status == "pending" else {}
        conn.execute(update(t.feedback).where(t.feedback.c.id == feedback_id).values(text_status="approved", **values))


def reject_text(engine: Engine, feedback_id: int) -> None:
    """Delete the text for good (the rating and choices of the entry stay)."""
    with write_tx(engine) as conn:
        status = _text_status(conn, feedback_id)
        if status == "none":
            raise Conflict(f"feedback {feedback_id} has no free text to reject")
        conn.execute(update(t.feedback).where(t.feedback.c.id == feedback_id).values(text_status="rejected", text=None))
