"""A room's kind, and how sure the importer is, from everything its source says about it.

The words come from ``vocabulary.toml`` beside this module (Danish and
English, with abbreviations and variants): edit it to teach the importers
new names. A name is matched word by word (``words_of``), so room numbers,
area lines, capitals and separators do not matter. Each thing a source
offers (a name, a long name, a category, a layer) is one piece of
``Evidence`` with a confidence; ``decide`` weighs them. A room nothing
speaks for is ``RoomKind.unknown`` with confidence 0, never silently
storage.

The designer's own mapping (``ImportOptions.kind_mapping``, from
``--kinds mapping.csv`` or the review step) is tried first and is certain.
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..model import RoomKind

__all__ = [
    "Evidence",
    "KindGuess",
    "Vocabulary",
    "category_kind",
    "classify",
    "fixture_kind",
    "decide",
    "match_name",
    "normalise",
    "read_kind_mapping",
    "vocabulary",
    "words_of",
]

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")

#: Confidence of a match by how it matched.
STRENGTH_CONFIDENCE = {"word": 0.9, "compound": 0.8, "name": 0.75, "abbreviation": 0.65}
_STRENGTH_RANK = {"word": 3, "name": 3, "compound": 2, "abbreviation": 1}
#: A name whose words also point to other kinds is this much less certain.
_AMBIGUOUS = 0.75
#: Words after which a name goes on about somewhere else ("Venteområde ved elevator").
_BESIDE = frozenset({"ved", "bag", "near", "beside", "behind", "next", "by", "outside", "udenfor"})
#: Confidence of a category or type a format gives (an IMDF unit category, a WRLD type).
CATEGORY_CONFIDENCE = 0.8
#: Confidence of a kind read from a layer's name.
LAYER_CONFIDENCE = 0.5
#: Confidence of a kind that fittings or furniture drawn in the room suggest (a WC pan, a meeting table).
FIXTURE_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Evidence:
    """One thing a source says about a room's kind."""

    kind: RoomKind
    confidence: float
    why: str  # plain words: "the name 'Samtalerum 3' (word 'samtale*')"


@dataclass(frozen=True)
class KindGuess:
    kind: RoomKind
    confidence: float
    why: str

    @property
    def known(self) -> bool:
        return self.kind is not RoomKind.unknown


UNKNOWN = KindGuess(RoomKind.unknown, 0.0, "nothing in the source names its kind")


@dataclass(frozen=True)
class _Term:
    spelled: str  # as the vocabulary writes it
    words: tuple[str, ...]  # folded
    kind: RoomKind
    strength: str
    prefix: bool = False  # "samtale*"
    suffix: bool = False  # "*toilet"


def _fold(word: str) -> tuple[str, str]:
    """Two spellings without Danish letters: ø as oe and as o (æ, å likewise), é as e."""
    word = word.replace("é", "e").replace("è", "e")
    return (word.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"),
            word.replace("æ", "ae").replace("ø", "o").replace("å", "a"))


def words_of(text: str) -> list[str]:
    """The words of a name: lower case, CamelCase split, digits apart from letters, separators dropped."""
    text = unicodedata.normalize("NFC", str(text))
    text = re.sub(r"(?<=[a-zæøå])(?=[A-ZÆØÅ])", " ", text).lower()
    text = re.sub(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])", " ", text)
    return re.findall(r"[^\W_]+", text)


def normalise(name: str) -> str:
    """The name's words joined by single spaces ("PatientRoom" -> "patient room")."""
    return " ".join(words_of(name))


def _term(spelled: str, kind: RoomKind, strength: str) -> _Term:
    prefix, suffix = spelled.endswith("*"), spelled.startswith("*")
    words = tuple(words_of(spelled.strip("*")))
    if (prefix or suffix) and len(words) != 1:
        raise ValueError(f"vocabulary: {spelled!r}: a * goes on a single word")
    return _Term(spelled, words, kind, "compound" if (prefix or suffix) and strength == "word" else strength, prefix, suffix)


@dataclass(frozen=True)
class Vocabulary:
    """The words per kind, in priority order, and the format categories."""

    terms: tuple[_Term, ...]
    order: tuple[RoomKind, ...]
    categories: dict[str, dict[str, RoomKind]]
    not_rooms: dict[str, str]

    @classmethod
    def from_toml(cls, text: str) -> Vocabulary:
        data = tomllib.loads(text)
        terms: list[_Term] = []
        order: list[RoomKind] = []
        categories: dict[str, dict[str, RoomKind]] = {}
        not_rooms: dict[str, str] = {}
        for section, body in data.items():
            if section == "imdf_not_rooms":
                not_rooms = {str(k).lower(): str(v) for k, v in body.items()}
            elif section in RoomKind.__members__:
                kind = RoomKind(section)
                order.append(kind)
                for key, strength in (("words", "word"), ("abbreviations", "abbreviation"), ("names", "name")):
                    terms += [_term(str(w), kind, strength) for w in body.get(key, [])]
            else:
                categories[section] = {str(k).lower(): RoomKind(v) for k, v in body.items()}
        return cls(tuple(terms), tuple(order), categories, not_rooms)

    def rank(self, kind: RoomKind) -> int:
        return self.order.index(kind) if kind in self.order else len(self.order)


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary in vocabulary.toml (read once)."""
    return Vocabulary.from_toml(VOCABULARY_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class _Hit:
    term: _Term
    start: int
    end: int  # word span in the name


def _word_hits(term: _Term, forms: list[tuple[str, str]], whole: bool) -> list[_Hit]:
    """Where the term occurs among the name's words (each word in its two folded spellings)."""
    hits = []
    n = len(term.words)
    folded_term = [_fold(w) for w in term.words]
    if term.strength == "name":
        if whole and len(forms) == n and all(any(a == b for a, b in zip(f, t, strict=True)) for f, t in zip(forms, folded_term, strict=True)):
            hits.append(_Hit(term, 0, n))
        return hits
    for i in range(len(forms)):
        word = forms[i]
        if n == 1:
            t = folded_term[0]
            if term.prefix:
                ok = any(w.startswith(x) for w, x in zip(word, t, strict=True))
            elif term.suffix:
                ok = any(w.endswith(x) for w, x in zip(word, t, strict=True))
            else:
                ok = any(w == x for w, x in zip(word, t, strict=True))
            if ok:
                hits.append(_Hit(term, i, i + 1))
            continue
        window = forms[i:i + n]
        if len(window) == n and all(any(a == b for a, b in zip(f, t, strict=True)) for f, t in zip(window, folded_term, strict=True)):
            hits.append(_Hit(term, i, i + n))
        joined = ("".join(x[0] for x in folded_term), "".join(x[1] for x in folded_term))
        if any(a == b for a, b in zip(word, joined, strict=True)):  # "waitingroom", "openoffice"
            hits.append(_Hit(term, i, i + 1))
    return hits


@cache
def match_name(name: str) -> KindGuess | None:
    """The kind the words of one name point to, with a confidence; None when no word is known."""
    words = words_of(name)
    if not words:
        return None
    cut = next((i for i, w in enumerate(words) if w in _BESIDE and i > 0), None)
    parts = [words] if cut is None else [words[:cut], words[cut + 1:]]
    for part in parts:
        guess = _match_words(part, name, whole=len(parts) == 1)
        if guess is not None:
            return guess
    return None


def _match_words(words: list[str], name: str, whole: bool) -> KindGuess | None:
    vocab = vocabulary()
    forms = [_fold(w) for w in words]
    hits = [h for term in vocab.terms for h in _word_hits(term, forms, whole)]
    if not hits:
        return None
    best = max(hits, key=lambda h: (len(h.term.words), _STRENGTH_RANK[h.term.strength], -vocab.rank(h.term.kind), len(h.term.spelled)))
    confidence = STRENGTH_CONFIDENCE[best.term.strength]
    others = {h.term.kind for h in hits if h.term.kind is not best.term.kind and (h.end <= best.start or h.start >= best.end)}
    how = {"word": "word", "compound": "word part", "abbreviation": "abbreviation", "name": "sign"}[best.term.strength]
    why = f"the name {name!r} ({how} {best.term.spelled!r})"
    if others:
        confidence *= _AMBIGUOUS
        why += "; it also has words for " + ", ".join(sorted(k.value for k in others))
    return KindGuess(best.term.kind, round(confidence, 2), why)


def category_kind(fmt: str, category: str | None) -> RoomKind | None:
    """The kind a format's category or type names (``[imdf]``, ``[wrld]`` in the vocabulary), else None.

    A dotted IMDF category falls back to its parent ("restroom.female.x" -> "restroom.female" -> "restroom").
    """
    table = vocabulary().categories.get(fmt, {})
    key = str(category or "").strip().lower()
    while key:
        if key in table:
            return table[key]
        key = key.rpartition(".")[0]
    return None


def fixture_kind(*names: str) -> tuple[RoomKind, str] | None:
    """The kind a fitting's block or layer name suggests (``[fixtures]`` in the vocabulary) and the word, else None."""
    table = vocabulary().categories.get("fixtures", {})
    for name in names:
        words = words_of(name)
        for size in (2, 1):
            for i in range(len(words) - size + 1):
                phrase = " ".join(words[i:i + size])
                if phrase in table:
                    return table[phrase], phrase
    return None


def decide(evidence: Iterable[Evidence]) -> KindGuess:
    """One kind from all the evidence: agreeing sources add up, disagreeing ones lower the confidence."""
    items = list(evidence)
    if not items:
        return UNKNOWN
    certain = next((e for e in items if e.confidence >= 1.0), None)
    if certain is not None:
        return KindGuess(certain.kind, 1.0, certain.why)
    support: dict[RoomKind, float] = {}
    for e in items:
        support[e.kind] = 1 - (1 - support.get(e.kind, 0.0)) * (1 - e.confidence)
    vocab = vocabulary()
    kind = max(support, key=lambda k: (round(support[k], 6), -vocab.rank(k)))
    against = max((v for k, v in support.items() if k is not kind), default=0.0)
    confidence = round(max(support[kind] * (1 - 0.5 * against), 0.05), 2)
    why = "; ".join(e.why for e in items if e.kind is kind)
    if against:
        why += "; against: " + "; ".join(f"{e.why} -> {e.kind.value}" for e in items if e.kind is not kind)
    return KindGuess(kind, confidence, why)


def name_evidence(names: Iterable[str | None]) -> list[Evidence]:
    """Evidence from each name (a label, a long name, a type) a source gives a room."""
    out = []
    seen: set[str] = set()
    for raw in names:
        text = str(raw or "").strip()
        if not text or text in seen:
            continue
        seen.add(text)
        guess = match_name(text)
        if guess is not None:
            out.append(Evidence(guess.kind, guess.confidence, guess.why))
    return out


def mapped_kind(names: Iterable[str | None], mapping: tuple[tuple[str, RoomKind], ...]) -> Evidence | None:
    """The designer's mapping (pattern -> kind, first match wins): a pattern's words found in a name (``*`` as in the vocabulary)."""
    for pattern, kind in mapping:
        term = _term(pattern, RoomKind(kind), "word") if pattern.strip("* ") else None
        if term is None or not term.words:
            continue
        for raw in names:
            text = str(raw or "")
            forms = [_fold(w) for w in words_of(text)]
            if forms and _word_hits(term, forms, True):
                return Evidence(RoomKind(kind), 1.0, f"your mapping {pattern!r} -> {RoomKind(kind).value} (name {text!r})")
    return None


def read_kind_mapping(path: str | Path) -> tuple[tuple[str, RoomKind], ...]:
    """A mapping file: CSV rows ``pattern,kind`` (a header row and # comments allowed). ValueError names a bad row."""
    rows: list[tuple[str, RoomKind]] = []
    text = Path(path).read_text(encoding="utf-8-sig")
    delimiter = ";" if ";" in text and "," not in text else ","  # a Danish spreadsheet saves with semicolons
    for n, row in enumerate(csv.reader(text.splitlines(), delimiter=delimiter), start=1):
        cells = [c.strip() for c in row]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) < 2:
            raise ValueError(f"line {n}: expected 'pattern,kind', got {','.join(cells)!r}")
        pattern, kind = cells[0], cells[1].lower().replace(" ", "_")
        if n == 1 and kind not in RoomKind.__members__ and pattern.lower() in ("pattern", "label", "name"):
            continue  # a header row
        if kind not in RoomKind.__members__:
            raise ValueError(f"line {n}: {cells[1]!r} is not a room kind (one of {', '.join(k.value for k in RoomKind)})")
        if not words_of(pattern):
            raise ValueError(f"line {n}: the pattern {pattern!r} has no words")
        rows.append((pattern, RoomKind(kind)))
    return tuple(rows)


def classify(names: Iterable[str | None], extra_rules: tuple[tuple[str, RoomKind], ...] = ()) -> tuple[RoomKind, str] | None:
    """The kind and what matched for the first name anything knows, else None.

    ``extra_rules`` (regular expressions, case-insensitive) are tried first,
    then the vocabulary's words.
    """
    names = list(names)
    for pattern, kind in extra_rules:
        rx = re.compile(pattern, re.IGNORECASE)
        for raw in names:
            if raw and (rx.search(str(raw)) or rx.search(normalise(str(raw)))):
                return RoomKind(kind), pattern
    for raw in names:
        if raw and str(raw).strip():
            guess = match_name(str(raw))
            if guess is not None:
                return guess.kind, guess.why
    return None
