"""The kiosk rate limit without an exact stored time.

Why: a kiosk's exact time of its last accepted entry, stored beside its highest
feedback id, dates one citizen's entry to the second. So the limit has two parts:

- in memory (per process, per engine): the exact time of each kiosk's last
  accepted entry; a new entry within ``gap`` seconds of it, on either side, is
  too soon. A kiosk's browser session lives in one server process, so this is
  the limit a person tapping away meets. It is never written anywhere.
- in the database, coarse on purpose: the hour of the kiosk's latest accepted
  entries and how many were accepted in it (``kiosks.accepted_hour`` and
  ``accepted_in_hour``). At most ``ceil(3600 / gap)`` entries an hour are
  accepted from one kiosk across all processes, which is what a gap of ``gap``
  seconds allows anyway.
"""

from __future__ import annotations

import math
import threading
from datetime import UTC, datetime

from sqlalchemy import Engine

from .errors import RateLimited

__all__ = ["KioskPace", "kiosk_pace", "hourly_cap", "hour_start", "counted", "over_cap", "NO_CAP"]

#: the cap used when the gap is 0 (no limit)
NO_CAP = 2**31 - 1


class KioskPace:
    """The exact time (epoch seconds) of each kiosk's last accepted entry, in this process's memory only."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last: dict[int, float] = {}

    def too_soon(self, kiosk_id: int, ts: float, gap: float) -> float | None:
        """The last accepted time if ``ts`` is within ``gap`` of it (either side), else None."""
        last = self.last.get(kiosk_id)
        return last if last is not None and abs(ts - last) < gap else None

    def claim(self, kiosk_id: int, ts: float, gap: float) -> tuple[bool, float | None]:
        """Atomically: (True, previous) after recording ``ts``, or (False, last) when too soon."""
        with self.lock:
            last = self.too_soon(kiosk_id, ts, gap)
            if last is not None:
                return False, last
            previous = self.last.get(kiosk_id)
            self.last[kiosk_id] = ts
            return True, previous

    def release(self, kiosk_id: int, ts: float, previous: float | None) -> None:
        """Undo a claim whose entry was not stored (unless a later claim replaced it)."""
        with self.lock:
            if self.last.get(kiosk_id) == ts:
                if previous is None:
                    self.last.pop(kiosk_id, None)
                else:
                    self.last[kiosk_id] = previous

    def record(self, kiosk_id: int, ts: float) -> None:
        with self.lock:
            self.last[kiosk_id] = ts


_registry = threading.Lock()


def kiosk_pace(engine: Engine) -> KioskPace:
    """The engine's in-memory pace (one per engine: two engines behave like two processes)."""
    pace = getattr(engine, "_input_forms_pace", None)
    if pace is None:
        with _registry:
            pace = getattr(engine, "_input_forms_pace", None)
            if pace is None:
                pace = engine._input_forms_pace = KioskPace()  # type: ignore[attr-defined]  # per-engine state rides on the Engine and dies with it
    return pace


def hourly_cap(gap: float) -> int:
    """How many entries an hour one kiosk may send: what a gap of ``gap`` seconds allows (NO_CAP for 0)."""
    return NO_CAP if gap <= 0 else max(1, math.ceil(3600.0 / gap))


def hour_start(ts: float) -> datetime:
    """The naive UTC hour of epoch seconds ``ts``."""
    return datetime.fromtimestamp(ts, UTC).replace(tzinfo=None, minute=0, second=0, microsecond=0)


def counted(state: tuple[datetime | None, int], ts: float) -> tuple[datetime, int]:
    """The (hour, count) after accepting an entry at ``ts``; an entry stamped in an earlier hour counts in the latest."""
    stored_hour, n = state
    hour = hour_start(ts)
    if stored_hour is None or hour > stored_hour:
        return hour, 1
    return stored_hour, n + 1


def over_cap(state: tuple[datetime | None, int], ts: float, gap: float) -> RateLimited | None:
    """The refusal when the kiosk already sent its hourly cap in the hour of ``ts`` (or a later one), else None."""
    stored_hour, n = state
    cap = hourly_cap(gap)
    if stored_hour is None or hour_start(ts) > stored_hour or n < cap:
        return None
    wait = max(0.1, 3600.0 - ts % 3600.0)
    return RateLimited(f"this kiosk already sent {n} entries this hour, the most it may ({cap} an hour, one per "
                       f"{gap:g} s); wait {wait:.0f} s and send again", retry_after_s=wait)
