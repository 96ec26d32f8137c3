"""A one-second cache of what a kiosk submission needs to look up (kiosk, item keys, plan bounds).

Why: at a busy kiosk every tap would otherwise read the same few rows again.
The cache is a hint only, per process: stale data cannot let a wrong entry in,
because the write transaction re-checks that the kiosk is still active, the
client id is new, the chosen items are still active and the pinned plan is
the version the pin was checked on (recheck.py); when another server changed
one of them, the entry is checked again from the database. In this process a
change clears the cache at once. CACHE_S is a setting (INPUT_FORMS_HOT_CACHE_S).
"""

from __future__ import annotations

import os
import time
from typing import Any

from sqlalchemy import Engine

__all__ = ["CACHE_S", "get", "put", "clear"]

CACHE_S = float(os.environ.get("INPUT_FORMS_HOT_CACHE_S", "1"))


def _store(engine: Engine) -> dict[Any, tuple[float, Any]]:
    store = getattr(engine, "_input_forms_hot_cache", None)
    if store is None:
        store = engine._input_forms_hot_cache = {}  # type: ignore[attr-defined]  # per-engine state rides on the Engine and dies with it
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
