"""Small conversions the report's sections share: numbers from data frames, and word lists."""

from __future__ import annotations

import math
from typing import Any

from .i18n import Catalogue

__all__ = ["number", "whole", "join", "isnan"]


def number(value: Any) -> float | None:
    """A finite float, else None (pandas gives NaN for suppressed figures)."""
    if value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def whole(value: Any) -> int | None:
    """A rounded int, else None."""
    f = number(value)
    return None if f is None else int(round(f))


def join(names: list[str], cat: Catalogue) -> str:
    """'a, b and c' in the report's language."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {cat.t('word.and')} " + names[-1]


def isnan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)
