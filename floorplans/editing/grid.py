"""Snapping drawn coordinates to the grid, and fresh feature ids.

Coordinates are snapped to a grid (10 cm by default) before anything is
built, so what a designer draws with a mouse lands on round numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from ..model import Plan

__all__ = ["DEFAULT_GRID", "closed_ring", "new_id", "snap", "snap_point"]

#: Snap drawn coordinates to 10 cm.
DEFAULT_GRID = 0.1

_PREFIX = {"room": "r", "door": "d", "window": "w", "opening": "o", "furniture": "f"}


def snap(value: float, grid: float | None = DEFAULT_GRID) -> float:
    """The value rounded to the nearest grid line (no snapping for a grid of 0 or None)."""
    if not math.isfinite(value):
        raise ValueError(f"coordinate {value!r} is not a finite number")
    if grid:
        value = round(value / grid) * grid
    return round(value, 3) + 0.0


def snap_point(point: Sequence[float], grid: float | None = DEFAULT_GRID) -> tuple[float, float]:
    return (snap(float(point[0]), grid), snap(float(point[1]), grid))


def closed_ring(points: Sequence[Sequence[float]], grid: float | None) -> list[tuple[float, float]]:
    """The points snapped, without the repeats snapping may create, closed (empty if none are left)."""
    ring = [snap_point(p, grid) for p in points]
    cleaned: list[tuple[float, float]] = []
    for p in ring:
        if not cleaned or cleaned[-1] != p:
            cleaned.append(p)
    if len(cleaned) > 1 and cleaned[0] == cleaned[-1]:
        cleaned.pop()
    return [*cleaned, cleaned[0]] if cleaned else []


def new_id(plan: Plan, feature: str, taken: Iterable[str] = ()) -> str:
    """A fresh id like ``r31``: the prefix of the kind, one above the highest number in use."""
    prefix = _PREFIX.get(feature, feature[:1])
    used = set(plan.by_id) | set(taken)
    numbers = [int(m.group(1)) for fid in used if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", fid))]
    n = max(numbers, default=0) + 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"
