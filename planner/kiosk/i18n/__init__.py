"""Message catalogues for the citizen kiosk: one JSON file per language, Danish as fallback.

A catalogue may leave keys out (or a translator may not have reached them yet); t() then
shows the Danish text, so a screen is never blank. No streamlit import here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

__all__ = ["DEFAULT", "LANGUAGES", "RTL", "catalogue", "is_rtl", "language_name", "t"]

DEFAULT = "da"
# Order shown on the kiosk's language switch.
LANGUAGES: tuple[str, ...] = ("da", "en", "ar", "uk", "so", "tr")
RTL: frozenset[str] = frozenset({"ar"})
_DIR = Path(__file__).parent


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The messages of one language (empty for an unknown code)."""
    if lang not in LANGUAGES:
        return {}
    return json.loads((_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def t(key: str, lang: str = DEFAULT, **values: object) -> str:
    """The message `key` in `lang`, falling back to Danish, then to the key itself."""
    text = catalogue(lang).get(key) or catalogue(DEFAULT).get(key) or key
    return text.format(**values) if values else text


def is_rtl(lang: str) -> bool:
    """True for right-to-left scripts (Arabic)."""
    return lang in RTL


def language_name(lang: str) -> str:
    """The language's own name for itself, e.g. "العربية" (the code itself for a language without a catalogue)."""
    return catalogue(lang).get("lang.name") or lang
