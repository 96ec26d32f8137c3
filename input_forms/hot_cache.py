"""A one-second cache of what a kiosk submission needs to look up (kiosk, item keys, plan bounds).

Why: at a busy kiosk every tap would otherwise read the same few rows again.
Stale data cannot let a wrong entry in: the write transaction re-checks that
the kiosk is still active and the client id is new. The worst a stale entry
does is accept an item key or pin up to CACHE_S after a facilitator changed
the list or plan in another process; in this process the change clears it at once.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine

__all__ = ["CACHE_S", "get", "put", "clear"]

CACHE_S = 1.0


def _store(engine: Engine) -> dict[Any, tuple[float, Any]]:
    store = getattr(engine, "_input_forms_hot_cache", None)
    if store is None:
        store = engine._input_forms_hot_cache = {}  # type: ignore[attr-defined]
    return store


def get(engine: Engine, key: Any) -> Any | None:
    hit = _store(engine).get(key)
    if hit is None or hit[0] < time.monotonic():
        return None
    return hit[1]


def put(engine: Engine, key: Any, value: Any) -> None:
    store = _store(engine)
    if len(store) > 1000:
        store.clear()
    store[key] = (time.monotonic() + CACHE_S, value)


def clear(engine: Engine) -> None:
    """Forget everything (after a facilitator edits kiosks, item lists or plans in this process)."""
    _store(engine).clear()
