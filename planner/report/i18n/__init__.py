"""The report's words in Danish (default) and English, and number formatting per language.

Why its own catalogue (not planner/kiosk/i18n): that one is the citizen kiosk's, in six
languages; the report speaks to a committee in Danish or English and needs the
criteria, thresholds and vote methods in plain words. The criteria's own words and
their thresholds' labels are not here: each criterion declares them (scoring.registry).
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from scoring.registry import Texts, get_criterion

__all__ = ["LANGUAGES", "Catalogue", "messages"]

LANGUAGES: tuple[str, ...] = ("da", "en")
_DIR = Path(__file__).parent
_MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december")


@cache
def messages(lang: str) -> dict[str, str]:
    """The flat key -> text table of one language."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown report language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return json.loads((_DIR / f"{lang}.json").read_text(encoding="utf-8"))


class Catalogue:
    """Texts and formats for one language; a missing key falls back to Danish, then to ``default``."""

    def __init__(self, lang: str = "da") -> None:
        messages(lang)  # ValueError for an unknown language
        self.lang = lang

    def t(self, key: str, default: str | None = None, **values: Any) -> str:
        """The text of ``key`` filled with ``values``; with ``n`` and a ``key.one``/``key.other`` pair, the right plural."""
        if "n" in values and f"{key}.one" in messages("da"):
            n = values["n"]
            key = f"{key}.zero" if n == 0 and f"{key}.zero" in messages("da") else f"{key}.one" if n == 1 else f"{key}.other"
        text = messages(self.lang).get(key)
        if text is None:
            # With a default (e.g. a unit or furniture type from the scoring data, already English),
            # an English report keeps it; only real message keys fall back to Danish.
            text = default if default is not None else messages("da").get(key, key)
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in messages(self.lang)

    def criterion_title(self, criterion_id: str, fallback: str) -> str:
        texts = self._criterion_texts(criterion_id)
        return texts.title if texts else fallback

    def criterion_description(self, criterion_id: str, fallback: str) -> str:
        texts = self._criterion_texts(criterion_id)
        return texts.description if texts else fallback

    def criterion_source(self, criterion_id: str, fallback: str) -> str:
        """Where the criterion comes from, in the report's language (standards and clause numbers as written)."""
        texts = self._criterion_texts(criterion_id)
        return texts.source if texts else fallback

    def _criterion_texts(self, criterion_id: str) -> Texts | None:
        """A criterion's words in this language, from its ``@criterion`` declaration (not the catalogue).

        None in English, and for a criterion the registry does not know or that has no words in this
        language: the caller then keeps the score report's English (a finding's source may be the
        profile's clause, more exact than the criterion's general source).
        """
        try:
            return get_criterion(criterion_id).translation(self.lang)
        except KeyError:
            return None

    def num(self, value: float | None, digits: int = 1) -> str:
        """A number in the language's style (Danish: 1.234,5); an en dash for no value."""
        if value is None:
            return "–"
        text = f"{value:,.{digits}f}"
        if self.lang == "da":
            text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
        return text

    def pct(self, share: float | None, digits: int = 0) -> str:
        """A share 0..1 as a percentage."""
        if share is None:
            return "–"
        return f"{self.num(100 * share, digits)} %" if self.lang == "da" else f"{self.num(100 * share, digits)}%"

    def date(self, moment: datetime | None) -> str:
        if moment is None:
            return "–"
        if self.lang == "da":
            return f"{moment.day}. {_MONTHS_DA[moment.month - 1]} {moment.year}"
        return moment.strftime("%-d %B %Y")

    def measure(self, value: float | None, unit: str, short: bool = False) -> str:
        """A measured value with its unit: '0,70 m', '62 %' for shares; ``short``: the bare unit ('m', 'm²')."""
        if value is None:
            return "–"
        if unit.startswith("share"):
            return self.pct(value)
        digits = 0 if abs(value) >= 10 or unit in ("mm", "decisions", "rooms unreachable") else 2
        if short and unit.split(" ", 1)[0] in ("m", "m²", "mm"):
            unit = unit.split(" ", 1)[0]
        unit_text = self.t(f"unit.{unit}", default=unit)
        return f"{self.num(value, digits)} {unit_text}".strip()
