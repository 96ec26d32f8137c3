"""Group commit of kiosk entries on SQLite: one writer thread per engine, many entries per transaction.

Why: SQLite admits one writer at a time, and in a threaded server (Streamlit
runs every session in a thread of one process) every statement of a write
transaction hands the GIL back and forth with the other threads, so a writer
holding the lock crawls while the others queue behind it. Here, the calling
thread does all checks that need no lock, then hands a ready row to the
engine's committer, which writes whatever has queued up in one short
``BEGIN IMMEDIATE`` transaction (a handful of statements, whatever the batch
size) and wakes each caller with its own outcome.

Correctness is the same as one transaction per entry: inside the transaction
the committer re-reads each kiosk's hourly count (rate_limit.py; the exact time
of the last entry is kept in this process's memory only), the stored client ids
and the facts the checks took from the cache (recheck.py), so the rate limit,
idempotency and the item list hold across processes (the transaction is
exclusive) and within a batch (checked in order). An entry is
never dropped silently: every caller gets its id, "duplicate", or an error.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, bindparam, insert, select, tuple_, update

from . import schema as t
from .db import write_lock
from .rate_limit import counted, kiosk_pace, over_cap
from .recheck import Facts, Stale, stale_facts
from .transient import is_transient

__all__ = ["Job", "Accepted", "Duplicate", "commit_entry", "MAX_BATCH"]

log = logging.getLogger(__name__)
MAX_BATCH = 200
IDLE_EXIT_S = 2.0
WAIT_S = 60.0


@dataclass
class Accepted:
    feedback_id: int


@dataclass
class Duplicate:
    feedback_id: int


@dataclass
class Job:
    """A checked entry: the feedback row, its chosen items and the rate-limit rule to apply."""

    row: dict[str, Any]
    items: list[str]
    ts: float
    gap: float
    #: builds the caller's error when the kiosk's slot is taken: (ts, gap, last_accepted) -> Exception
    too_soon: Callable[[float, float, float], Exception]
    switched_off: Callable[[], Exception]
    #: what the checks took from the cache, re-read in the transaction (recheck.py)
    facts: Facts | None = None
    future: Future = field(default_factory=Future)


_F, _K = t.feedback, t.kiosks
_INSERT = insert(_F).returning(_F.c.id, sort_by_parameter_order=True)
_INSERT_ITEMS = insert(t.feedback_calmer)
_SET_HOURLY = update(_K).where(_K.c.id == bindparam("kid")).values(accepted_hour=bindparam("hour"),
                                                                    accepted_in_hour=bindparam("n"))


def _refusal(job: Job, active: bool, last: float | None, hourly: tuple[Any, int]) -> Exception | None:
    """Why the kiosk may not take this entry now (switched off, too soon, hourly cap), or None."""
    if not active:
        return job.switched_off()
    if last is not None and abs(job.ts - last) < job.gap:  # either side: see rate_limit.py
        return job.too_soon(job.ts, job.gap, last)
    return over_cap(hourly, job.ts, job.gap)


class _Committer:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.jobs: queue.Queue[Job] = queue.Queue()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def submit(self, job: Job) -> Accepted | Duplicate:
        with self.lock:
            self.jobs.put(job)
            if self.thread is None:
                self.thread = threading.Thread(target=self._loop, name="input_forms-committer", daemon=True)
                self.thread.start()
        return job.future.result(timeout=WAIT_S)

    def _loop(self) -> None:
        while True:
            try:
                first = self.jobs.get(timeout=IDLE_EXIT_S)
            except queue.Empty:
                with self.lock:
                    if self.jobs.empty():
                        self.thread = None
                        return
                continue
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self.jobs.get_nowait())
                except queue.Empty:
                    break
            self._commit_or_hand_back(batch)

    def _commit_or_hand_back(self, batch: list[Job]) -> None:
        """Commit the batch; every failure is raised again in its caller's thread (Future.result), never lost.

        A batch that fails for another reason than passing trouble is retried one entry at a
        time, so one bad entry does not sink the others; that first failure is logged with its
        traceback, since no caller receives it.
        """
        try:
            self._commit(batch)
        except Exception as exc:  # handed to the waiting callers below, who raise it
            if len(batch) == 1 or is_transient(exc):  # busy or disconnected: each alone would wait again
                for job in batch:
                    job.future.set_exception(exc)
                return
            log.warning("a batch of %d kiosk entries failed; committing them one by one", len(batch), exc_info=True)
            for job in batch:
                try:
                    self._commit([job])
                except Exception as single:  # handed to this entry's caller, who raises it
                    job.future.set_exception(single)

    def _commit(self, batch: list[Job]) -> None:
        outcomes: list[Accepted | Duplicate | Exception | Job] = []  # a Job: accepted, its id known after insert
        kiosk_ids = sorted({job.row["kiosk_id"] for job in batch})
        pace = kiosk_pace(self.engine)
        with self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with write_lock(self.engine), conn.begin():
                rows = conn.execute(select(_K.c.id, _K.c.accepted_hour, _K.c.accepted_in_hour, _K.c.active, _K.c.option_id)
                                    .where(_K.c.id.in_(kiosk_ids))).all()
                state = {r.id: r.active for r in rows}
                hourly = {r.id: (r.accepted_hour, r.accepted_in_hour or 0) for r in rows}
                hourly_before = dict(hourly)
                shown = {r.id: r.option_id for r in rows}  # the option each kiosk shows now, not as cached
                stale = stale_facts(conn, [job.facts or Facts(job.row["project_id"]) for job in batch])
                keys = [(job.row["kiosk_id"], job.row["client_id"]) for job in batch]
                stored = {(r.kiosk_id, r.client_id): r.id for r in conn.execute(
                    select(_F.c.kiosk_id, _F.c.client_id, _F.c.id).where(tuple_(_F.c.kiosk_id, _F.c.client_id).in_(keys)))}
                with pace.lock:
                    last = {kid: pace.last.get(kid) for kid in kiosk_ids}
                accepted: list[Job] = []
                first_of: dict[tuple[int, str], Job] = {}
                for job, key, changed in zip(batch, keys, stale, strict=True):
                    kid = key[0]
                    if key in stored:
                        outcomes.append(Duplicate(stored[key]))
                    elif changed:
                        outcomes.append(Stale("an item or the plan changed meanwhile"))
                    elif key in first_of:
                        outcomes.append(first_of[key])
                    elif (refusal := _refusal(job, state.get(kid, False), last[kid], hourly[kid])) is not None:
                        outcomes.append(refusal)
                    else:
                        last[kid] = job.ts
                        hourly[kid] = counted(hourly[kid], job.ts)
                        first_of[key] = job
                        accepted.append(job)
                        outcomes.append(job)
                new_ids: dict[int, int] = {}
                if accepted:
                    for job in accepted:
                        if job.row.get("pin_option_id") is None:
                            job.row["option_id"] = shown[job.row["kiosk_id"]]
                    ids: Sequence[Any] = conn.execute(_INSERT, [job.row for job in accepted]).scalars().all()
                    new_ids = {id(job): new_id for job, new_id in zip(accepted, ids, strict=True)}
                    moved = [{"kid": kid, "hour": hourly[kid][0], "n": hourly[kid][1]}
                             for kid in kiosk_ids if hourly[kid] != hourly_before[kid]]
                    if moved:
                        conn.execute(_SET_HOURLY, moved)
                    items = [{"feedback_id": new_ids[id(job)], "item_key": key} for job in accepted for key in job.items]
                    if items:
                        conn.execute(_INSERT_ITEMS, items)
        for job in accepted:  # committed: now this process remembers the exact time, in memory only
            pace.record(job.row["kiosk_id"], job.ts)
        _settle(batch, outcomes, new_ids)


def _settle(batch: list[Job], outcomes: Sequence[Accepted | Duplicate | Exception | Job], new_ids: dict[int, int]) -> None:
    """Hand every waiting caller its outcome; a job that repeated an earlier one in the batch gets that one's id."""
    for job, outcome in zip(batch, outcomes, strict=True):
        if isinstance(outcome, Job):
            result: Any = Accepted(new_ids[id(outcome)]) if outcome is job else Duplicate(new_ids[id(outcome)])
            job.future.set_result(result)
        elif isinstance(outcome, Exception):
            job.future.set_exception(outcome)
        else:
            job.future.set_result(outcome)


_registry_lock = threading.Lock()


def commit_entry(engine: Engine, job: Job) -> Accepted | Duplicate:
    """Queue a checked entry for the engine's committer and wait for its outcome (raises the refusal, if any)."""
    committer = getattr(engine, "_input_forms_committer", None)
    if committer is None:
        with _registry_lock:
            committer = getattr(engine, "_input_forms_committer", None)
            if committer is None:
                committer = _Committer(engine)
                engine._input_forms_committer = committer  # type: ignore[attr-defined]  # per-engine state rides on the Engine and dies with it
    return committer.submit(job)
