"""Deliver one kiosk entry: stored exactly once, or an error that tells the citizen to send again.

``submit_feedback`` either stores the entry, finds it stored already (the
client id), or refuses it with a reason. What it may also meet is passing
trouble: SQLite busy past its timeout, a PostgreSQL statement timeout, a
connection the server dropped. Then the transaction rolled back, so the
entry can be sent again and the client id keeps a resend to one entry. A
fast failure (a dropped connection) is retried here after a short pause; one
that already waited out the timeout is not (the citizen would wait twice): it
becomes ``Unavailable``, which the kiosk shows as "tap Send again" while it
keeps the answer. Nothing raw ever reaches the kiosk.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import datetime

from sqlalchemy import Engine

from .errors import Unavailable
from .feedback import FeedbackIn, submit_feedback
from .models import SubmitResult
from .transient import is_transient

__all__ = ["deliver", "RETRY_WITHIN_S", "ATTEMPTS"]

log = logging.getLogger(__name__)
#: A failure that came back faster than this is retried at once (a dropped connection, not a held lock).
RETRY_WITHIN_S = 2.0
ATTEMPTS = 3
_PAUSES = (0.05, 0.2)


def deliver(engine: Engine, entry: FeedbackIn | dict, *, now: datetime | None = None,
            min_gap_s: float | None = None) -> SubmitResult:
    """``submit_feedback`` through passing database trouble; Unavailable (nothing stored) if it lasts.

    Other refusals (ValidationFailed, Forbidden, RateLimited) pass through unchanged.
    """
    for attempt in range(ATTEMPTS):
        start = time.monotonic()
        try:
            return submit_feedback(engine, entry, now=now, min_gap_s=min_gap_s)
        except FutureTimeout:
            log.warning("kiosk entry: the database writer did not answer in time; the kiosk asks to send again")
            raise Unavailable("the database did not answer in time; send again (a resend is never stored twice)") from None
        except Exception as exc:
            if not is_transient(exc):
                raise
            quick = time.monotonic() - start < RETRY_WITHIN_S
            log.warning("kiosk entry: passing database trouble (%s: %s), attempt %d", type(exc).__name__,
                        str(exc).splitlines()[0][:200], attempt + 1)
            if not quick or attempt == ATTEMPTS - 1:
                raise Unavailable("the database is busy or unreachable just now; send again "
                                  "(a resend is never stored twice)") from None
            time.sleep(_PAUSES[min(attempt, len(_PAUSES) - 1)])
    raise AssertionError("unreachable")
