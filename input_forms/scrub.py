"""Personal data in free text: what is replaced automatically, and what is only pointed out.

Citizens sometimes type who they are; the kiosk is anonymous by design. Two levels:

Replaced automatically, *before* anything is written (``scrub_text``):

- Danish CPR numbers in every common spelling: ``ddmmyy-xxxx``, ``ddmmyy xxxx``, ``ddmmyyxxxx``,
  ``dd mm yy xxxx``, ``dd.mm.yy-xxxx``, ``dd-mm-yy-xxxx``, ``ddmmyy/xxxx``, ``dd mm yy xx xx``
  (any one space, dot, dash or slash between the groups). The date part must be a possible
  date (day 01-31 fitting the month, month 01-12; the century from the 7th digit as the CPR
  office assigns it), so an ordinary ten-digit number stays.
- Phone numbers: Danish 8-digit numbers in the usual groupings (``12345678``, ``1234 5678``,
  ``12 34 56 78``, ``12 34 5678``, ``12 345 678``, with dots or dashes too), optionally with
  ``+45``/``0045``; international ``+<digits>``. A date (``12-03-2024``, ``2024-03-12``), a
  time range (``10.30-11.45``), a thousands-separated amount (``12.500.000``) or an amount in
  kroner (``25 000 000 kr``) is not a phone number.
- E-mail addresses.

Pointed out to the moderator, never changed automatically (``find_highlights``):

- Likely names: a name after a sign-off or introduction ("Mvh Jens Hansen", "Hilsen Anna",
  "jeg hedder ...", "Best regards, ..."), a capitalised first name from the list in
  ``data/danish_first_names.txt`` (its source is named there) with the capitalised words
  after it, and capitalised surnames ending in -sen.
- Postal addresses: street + number [+ floor/side] [+ postcode + town] ("Vestergade 12, 2. th,
  8000 Aarhus C"), English "12 High Street", and a postcode with its town ("8000 Aarhus").

The moderator redacts what they judge identifying (``redact_spans``) before approving.
Ordinary numbers ("waited 45 minutes", "room 3", "2024", "12-03-2024", "1.250 kr") are left alone.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["CPR_MARKER", "PHONE_MARKER", "EMAIL_MARKER", "REDACTED_MARKER", "Finding", "scrub_text",
           "find_personal_data", "find_automatic", "find_highlights", "redact_spans", "first_names"]

CPR_MARKER = "[cpr removed]"
PHONE_MARKER = "[phone removed]"
EMAIL_MARKER = "[e-mail removed]"
REDACTED_MARKER = "[redacted]"
MARKERS = {"e-mail": EMAIL_MARKER, "cpr": CPR_MARKER, "phone": PHONE_MARKER}
NAMES_FILE = Path(__file__).resolve().parent / "data" / "danish_first_names.txt"


@dataclass(frozen=True)
class Finding:
    """A span of ``text[start:end]`` of one kind: 'e-mail', 'cpr', 'phone' (automatic), 'name', 'address'."""

    start: int
    end: int
    kind: str
    text: str

    @property
    def automatic(self) -> bool:
        return self.kind in MARKERS


# --- automatic: e-mail, CPR, phone --------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_SEP = r"(?:[ \t]*[-‐‑–./][ \t]*|[ \t]+)"
_CPR = re.compile(rf"(?<![\d])(?<!\d[.:/-])(\d{{2}})({_SEP}?)(\d{{2}})({_SEP}?)(\d{{2}})({_SEP}?)(\d{{2}})({_SEP}?)(\d{{2}})(?!\d)(?![.:/-]\d)")
_DK_PHONE = re.compile(r"(?<![\w+])(?<!\d[.:/-])((?:\+|00)[ \t]*45[ \t.-]*)?(\d(?:[ \t.-]?\d){7})(?!\w)(?![.:/-]\d)")
_INTL_PHONE = re.compile(r"(?<![\w+])\+(?!45)\d{1,3}(?:[ \t-]?\d){6,12}(?!\w)")
_AMOUNT_AFTER = re.compile(r"[ \t]*(?:kr\b|kr\.|kroner|dkk|,-|€|eur\b|euro|mio|mia)", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(r"(?:kr\.?|dkk|€)[ \t]*$", re.IGNORECASE)


def _century(yy: int, seventh: int) -> int:
    """The birth century of a CPR number from its 7th digit (the CPR office's table)."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def _cpr_ok(m: re.Match[str]) -> bool:
    dd, s1, mm, s2, yy, s3, x1, s4, x2 = m.groups()
    day, month, year2 = int(dd), int(mm), int(yy)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    if day > calendar.monthrange(_century(year2, int(x1[0])) + year2, month)[1]:
        return False
    # "01.02.2024 10:30": a date with a four-digit year and a time, not a CPR number
    if s2 and not s3 and s4 and 1900 <= int(yy + x1) <= 2099 and s1.strip() == s2.strip():
        return False
    return True


def _groups(digits_text: str) -> tuple[list[str], list[str]]:
    parts = re.split(r"([ \t.-]+)", digits_text)
    return parts[0::2], [s.strip() or " " for s in parts[1::2]]


def _is_date(groups: list[str]) -> bool:
    sizes = [len(g) for g in groups]
    if sizes == [2, 2, 4]:
        d, m, y = (int(g) for g in groups)
    elif sizes == [4, 2, 2]:
        y, m, d = (int(g) for g in groups)
    else:
        return False
    return 1900 <= y <= 2099 and 1 <= m <= 12 and 1 <= d <= 31


def _phone_ok(text: str, m: re.Match[str]) -> bool:
    prefixed = bool(m.group(1))
    groups, seps = _groups(m.group(2))
    if any(len(g) < 2 for g in groups):
        return False  # "1 2 3 4 5 6 7 8" is a count, not a number someone wrote down to be called on
    if prefixed:
        return True
    if _is_date(groups):
        return False
    if len(groups) == 4 and all(len(g) == 2 for g in groups) and seps[1] in "-–" and seps[0] == seps[2] == "." \
            and int(groups[0]) < 24 and int(groups[2]) < 24 and int(groups[1]) < 60 and int(groups[3]) < 60:
        return False  # a time range, 10.30-11.45
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and set(seps) <= {".", ","}:
        return False  # 12.500.000: an amount with thousands separators
    if _AMOUNT_AFTER.match(text, m.end()) or _AMOUNT_BEFORE.search(text[max(0, m.start() - 6):m.start()]):
        return False
    return True


def _scan(pattern: re.Pattern[str], text: str, accept: Callable[[re.Match[str]], bool]) -> Iterable[tuple[int, int]]:
    """Every match that ``accept`` takes; a refused match is searched again one character further on."""
    pos = 0
    while pos <= len(text):
        m = pattern.search(text, pos)
        if m is None:
            return
        if accept(m):
            yield m.start(), m.end()
            pos = m.end()
        else:
            pos = m.start() + 1


def _free(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return all(span[1] <= a or span[0] >= b for a, b in taken)


def find_automatic(text: str) -> list[Finding]:
    """The e-mail addresses, CPR numbers and phone numbers in ``text`` (what ``scrub_text`` replaces)."""
    taken: list[tuple[int, int]] = []
    found: list[Finding] = []
    detectors: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], bool]]] = [
        ("e-mail", _EMAIL, lambda m: True),
        ("cpr", _CPR, _cpr_ok),
        ("phone", _INTL_PHONE, lambda m: True),
        ("phone", _DK_PHONE, lambda m: _phone_ok(text, m)),
    ]
    for kind, pattern, accept in detectors:
        def usable(m: re.Match[str], accept: Callable[[re.Match[str]], bool] = accept) -> bool:
            return accept(m) and _free((m.start(), m.end()), taken)

        for span in _scan(pattern, text, usable):
            taken.append(span)
            found.append(Finding(span[0], span[1], kind, text[span[0]:span[1]]))
    return sorted(found, key=lambda f: f.start)


def scrub_text(text: str) -> str:
    """The text with e-mail addresses, CPR numbers and phone numbers replaced by markers."""
    out, last = [], 0
    for f in find_automatic(text):
        out.append(text[last:f.start])
        out.append(MARKERS[f.kind])
        last = f.end
    out.append(text[last:])
    return "".join(out)


def find_personal_data(text: str) -> list[str]:
    """The kinds of automatically replaced data found in ``text`` ('e-mail', 'cpr', 'phone'), in that order."""
    kinds = {f.kind for f in find_automatic(text)}
    return [k for k in MARKERS if k in kinds]


# --- highlighted for the moderator: names and addresses ------------------------------------------

_UPPER = "A-ZÆØÅÉÜÖÄ"
_LOWER = "a-zæøåéüöä"
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_SIGN_OFF = re.compile(
    r"(?i:\b(?:med\s+venlig\s+hilsen|venlig\s+hilsen|venlige\s+hilsner|mange\s+hilsner|kærlig\s+hilsen|"
    r"kærlige\s+hilsner|de\s+bedste\s+hilsner|bedste\s+hilsner|hilsen|hilsner|m\.?v\.?h\.?|vh|kh|bh|"
    r"jeg\s+hedder|mit\s+navn\s+er|navn\s*:|best\s+regards|kind\s+regards|warm\s+regards|regards|"
    r"best\s+wishes|sincerely|yours\s+truly|cheers|my\s+name\s+is|signed))"
    r"[ \t,.:;!-]*\n?[ \t]*")
_NAME_TOKEN = re.compile(rf"({_WORD}|[{_UPPER}]\.)")
_LOWER_TOKEN = re.compile(rf"[{_LOWER}]+")
_CAPITALISED = re.compile(rf"\b{_WORD}\b")
_SEN_SURNAME = re.compile(rf"\b[{_UPPER}][{_LOWER}]{{2,}}sen\b")
#: first names that are also ordinary words (Danish or English) when capitalised at the start of a sentence
_COMMON_WORDS = frozenset("""
    Else Just Jul May June Lykke Line Bo Rose Iris Vibe Sine Mai Maj Tue Mark Dan Tom Frank Rud Per Paw Hardy Tim
    Ken Lau Sejer Lee Ea Ena Gry Ane Lis Ib Ina Liv Max Bent Birk Vang Sander Nick Kaj Kai Tage Stig Sten Frede
    Ove Tove Viola Rosa August Edel Alf Ruth Robin Jack Will Hans Fie Rie Lisa Lise Nana Sonny Teddy Glenn Evy
    Chris Kira Lina Kay Jes Eli Leo Thor Ann Helen Mie Sune Iver Ivar Karna Normann Norman Vita Dina Dora Ester
    Hugo Karl Boe Olga Kent Marts Juel Ali Hardy Asta Alma Malte
""".split())
_STREET_END = ("gade|gaden|vej|vejen|allé|alle|plads|pladsen|stræde|strædet|torv|torvet|vænge|vænget|boulevard|"
               "parken|park|have|haven|bakke|bakken|høj|højen|toften|stien|sti|vangen|kaj|kajen|gyde|gyden|ring|"
               "ringen|tværvej|hegnet|marken|engen|skoven|lunden|bygade|passage|promenade|kvarter|kvarteret")
_SP = r"[ \t]"
_STREET = re.compile(
    rf"\b(?:(?:[{_UPPER}][{_LOWER}.'-]*|[{_UPPER}]\.){_SP}+){{0,3}}"
    rf"(?:[{_UPPER}][{_LOWER}'-]*(?:{_STREET_END})|(?i:boulevard|allé|alle|plads|torv|vej|gade|vænge|park|stræde))"
    rf"{_SP}+\d{{1,4}}(?:{_SP}?[A-Za-z](?![{_LOWER}]))?"
    rf"(?:,?{_SP}*(?:\d{{1,2}}\.|st\.?|kl\.?)(?:{_SP}*sal\b)?(?:,?{_SP}*(?:th|tv|mf|t\.h|t\.v)\b\.?)?)?"
    rf"(?:,?{_SP}*[1-9]\d{{3}}{_SP}+{_WORD}(?:{_SP}[{_UPPER}]{{1,2}}\b)?)?")
_ENGLISH_STREET = re.compile(
    rf"\b\d{{1,4}}[A-Za-z]?{_SP}+(?:[A-Z][a-z]+{_SP}+){{1,3}}"
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Way|Close|Drive|Place|Square|Court|Crescent|Terrace|Gardens)")
_POSTCODE_TOWN = re.compile(rf"(?<![\d.,])\b[1-9]\d{{3}}{_SP}+{_WORD}(?:{_SP}[{_UPPER}]{{1,2}}\b)?")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|[\"'(]\s*)$")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The first-name list (``data/danish_first_names.txt``; '#' lines name its source)."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _sign_off_names(text: str) -> Iterable[tuple[int, int]]:
    names = {n.lower() for n in first_names()}
    for m in _SIGN_OFF.finditer(text):
        pos, start, end = m.end(), m.end(), None
        for _ in range(4):
            token = _NAME_TOKEN.match(text, pos) or _LOWER_TOKEN.match(text, pos)
            if token is None:
                break
            word = token.group(0)
            if not (word[0].isupper() or word in names):
                break
            end = token.end()
            gap = re.match(r"[ \t]+", text[end:])
            if gap is None:
                break
            pos = end + gap.end()
        if end is not None:
            yield start, end


def _listed_names(text: str) -> Iterable[tuple[int, int]]:
    names = first_names()
    tokens = list(_CAPITALISED.finditer(text))
    i = 0
    while i < len(tokens):
        token = tokens[i]
        word = token.group(0)
        starts_sentence = bool(_SENTENCE_START.search(text[:token.start()]))
        listed = word in names and not (word in _COMMON_WORDS and starts_sentence)
        surname = bool(_SEN_SURNAME.fullmatch(word)) and not starts_sentence and word != "Hilsen"
        if listed or surname:
            start, end = token.start(), token.end()
            while i + 1 < len(tokens) and re.fullmatch(r"[ \t]+", text[end:tokens[i + 1].start()]):
                i += 1
                end = tokens[i].end()
            yield start, end
        i += 1


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if merged and start <= merged[-1][1] and kind == merged[-1][2]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), kind)
        elif merged and start < merged[-1][1]:
            continue  # overlaps a span of another kind found first: keep the first
        else:
            merged.append((start, end, kind))
    return merged


def find_highlights(text: str) -> list[Finding]:
    """Likely names and postal addresses in ``text``: shown to the moderator, never changed automatically."""
    markers = [(m.start(), m.end()) for m in re.finditer(r"\[(?:cpr|phone|e-mail) removed\]|\[redacted\]", text)]
    addresses = [(a, b) for pattern in (_STREET, _ENGLISH_STREET) for a, b in _scan(pattern, text, lambda m: True)]
    addresses += [(a, b) for a, b in _scan(_POSTCODE_TOWN, text, lambda m: True) if _free((a, b), addresses)]
    spans = [(a, b, "address") for a, b in addresses]
    names = list(_sign_off_names(text)) + list(_listed_names(text))
    spans += [(a, b, "name") for a, b in names if _free((a, b), addresses)]
    return [Finding(a, b, kind, text[a:b]) for a, b, kind in _merge(spans) if _free((a, b), markers)]


def redact_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each (start, end) span replaced by REDACTED_MARKER (overlapping spans merged)."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, a), min(b, len(text))) for a, b in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out.append(text[last:start])
        out.append(REDACTED_MARKER)
        last = end
    out.append(text[last:])
    return "".join(out)
