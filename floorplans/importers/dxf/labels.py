"""Room labels in a drawing: TEXT and MTEXT cleaned of formatting codes, room numbers and area lines.

An architect's label is often three lines, "2.14", "SAMTALERUM", "12,5 m²",
or one MTEXT with font and height codes; only the name says what the room
is for.
"""

from __future__ import annotations

import re

__all__ = ["clean_label"]

#: "12,5 m²", "12.5 m2", "Areal: 12 m²", "12 kvm", "135 sq ft", "BRT 12 m2".
_AREA = re.compile(r"(\d+([.,]\d+)?\s*(m²|m2|m\^2|kvm|sq\.?\s*m|sq\.?\s*ft|sf|ft²)(?![a-zæøå]))|^\s*(areal|area|brt|nrt)\b", re.IGNORECASE)
#: A room number: "2.14", "A-101", "R12", "1.02a", "U1.023".
_NUMBER = re.compile(r"^[A-Za-z]{0,2}[-.\s]?\d+([.\-/:]\d+)*[A-Za-z]?$")
#: MTEXT formatting codes (\P new paragraph, \fArial|b0;, \H2.5x;, \C1;, \L...\l, braces), TEXT's %% codes.
_MTEXT_CODE = re.compile(r"\\[ACcFfHhQqTtWwp][^;\\]*;|\\[LlOoKkNn~]|[{}]")
_PERCENT_CODE = re.compile(r"%%[a-zA-Z]")
_DEGREE = re.compile(r"%%[dD]")


def clean_label(text: str) -> str:
    """The name in a label: lines joined, without formatting codes, room numbers or area lines ("" if none is left)."""
    text = str(text).replace("\\P", "\n").replace("\\X", "\n")
    text = _DEGREE.sub("°", text)
    text = _MTEXT_CODE.sub("", _PERCENT_CODE.sub("", text))
    kept = []
    for line in re.split(r"[\n\r]+", text):
        line = _AREA.sub("", line).strip(" \t:;,-")
        if not line:
            continue
        # A leading or trailing room number on the name's own line: "2.14 Samtalerum", "Samtalerum 2.14".
        words = line.split()
        while words and _NUMBER.match(words[0]) and len(words) > 1:
            words = words[1:]
        while words and _NUMBER.match(words[-1]) and re.search(r"[.\-/:]", words[-1]) and len(words) > 1:
            words = words[:-1]  # "Samtalerum 2.14" (but "Samtalerum 3" is the room's name)
        line = " ".join(words)
        if _NUMBER.match(line) or not re.search(r"[^\W\d_]", line):
            continue
        kept.append(line)
    return " ".join(kept)
