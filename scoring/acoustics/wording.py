"""Findings in two languages: English for the score report, Danish for the committee's report.

Numbers are written the way each language writes them (0.6 s / 0,6 s), lists
the way each joins them ("a, b and c" / "a, b og c").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Text", "db", "join", "num", "ramp", "seconds"]


@dataclass(frozen=True)
class Text:
    """One sentence in English and Danish."""

    en: str
    da: str

    def __add__(self, other: Text) -> Text:
        return Text(self.en + other.en, self.da + other.da)


def num(value: float, digits: int = 0, lang: str = "en") -> str:
    """A number to ``digits`` decimals, with a decimal comma in Danish."""
    if not math.isfinite(value):
        return "–"
    text = f"{value:.{digits}f}"
    if text in ("-0", "-0.0", "-0.00"):
        text = text[1:]
    return text.replace(".", ",") if lang == "da" else text


def db(value: float, lang: str = "en") -> str:
    """A level in whole decibels ("below 0 dB" for a path that leaves nothing)."""
    if not math.isfinite(value) or value < 0:
        return "under 0 dB" if lang == "da" else "below 0 dB"
    return f"{num(value, 0, lang)} dB"


def seconds(value: float, lang: str = "en") -> str:
    return f"{num(value, 2, lang)} s"


def join(items: list[str], lang: str = "en", limit: int = 4) -> str:
    """'a, b and c' / 'a, b og c', the rest counted ("and 3 more" / "og 3 til")."""
    if not items:
        return ""
    word = "og" if lang == "da" else "and"
    if len(items) > limit:
        more = f"{len(items) - limit} til" if lang == "da" else f"{len(items) - limit} more"
        return ", ".join(items[:limit]) + f" {word} {more}"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def ramp(value: float, bad: float, good: float) -> float:
    """0 at ``bad``, 1 at ``good``, linear between (either direction)."""
    if good == bad:
        return 1.0 if value >= good else 0.0
    return max(0.0, min(1.0, (value - bad) / (good - bad)))
