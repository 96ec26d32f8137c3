"""Suggestions: short chains of explained edits that raise a plan's calmness and accessibility (no streamlit here).

    >>> from scoring.suggest import suggest
    >>> result = suggest(plan, "br18", top=5, max_edits=3)          # doctest: +SKIP
    >>> best = result.suggestions[0]                                  # doctest: +SKIP
    >>> best.report.calmness, [e.en for e in best.edits]              # doctest: +SKIP

Edits (``edits``): swap the uses of two public rooms of compatible size; turn a
spare room into a quiet nook or move the nook; widen a door to the profile's
clear width and take away its threshold; a sound-rated door; an absorbent
finish; plants, a screen, seats by the entrance, fewer chairs in a crowded waiting area,
a lowered counter section; carve a quiet nook out of a large room; add a window
on the outside wall of a room short of daylight or a view out; move a quiet
room's door off a noisy room onto a corridor. A beam search
(``search``) chains them over the scoring engine; ``wording`` says what each
does. The input plan is never changed (plans are immutable), locked feature ids
are never edited, and the same input gives the same output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from floorplans.geojson_io import plan_to_geojson
from floorplans.model import Plan

from ..profiles import RuleProfile, get_profile
from ..report import ScoreReport
from ..weights import Weights, as_weights
from .context import num_da
from .edits import COSTS, OPS, Edit
from .search import SearchStats, State, beam_search, rank_key
from .wording import CriterionChange, achieved, changes

__all__ = ["COSTS", "OPS", "CriterionChange", "EditStep", "Suggestion", "SuggestionResult", "suggest"]

DEFAULT_TOP = 5
DEFAULT_MAX_EDITS = 3
DEFAULT_BEAM = 3
#: The most a caller may ask for (a longer chain is a redesign, not a suggestion).
MAX_TOP, MAX_EDITS = 20, 6


@dataclass(frozen=True)
class EditStep:
    """One edit of a suggestion, with its sentence in English and Danish."""

    op: str
    features: tuple[str, ...]
    cost: str
    en: str
    da: str

    def as_dict(self) -> dict[str, Any]:
        return {"op": self.op, "features": list(self.features), "cost": self.cost, "text": self.en, "text_da": self.da}


@dataclass(frozen=True)
class Suggestion:
    """A chain of edits, the plan it makes and that plan's full report."""

    plan: Plan
    report: ScoreReport
    edits: tuple[EditStep, ...]
    changes: tuple[CriterionChange, ...]

    @property
    def calmness(self) -> float:
        return self.report.calmness

    @property
    def accessibility(self) -> float:
        return self.report.accessibility

    @property
    def features(self) -> tuple[str, ...]:
        """Every feature id the suggestion changes or adds, in order."""
        return tuple(dict.fromkeys(f for e in self.edits for f in e.features))

    def title(self, lang: str = "en") -> str:
        """A short name (for the option it becomes): the first edit's sentence, and how many follow."""
        first = (self.edits[0].da if lang == "da" else self.edits[0].en).split(":")[0]
        more = len(self.edits) - 1
        if more:
            first += f" (+{more} {'ændring' if more == 1 else 'ændringer'})" if lang == "da" else f" (+{more} more)"
        return first

    def to_contract(self) -> dict[str, Any]:
        return {
            "calmness": self.calmness,
            "accessibility": self.accessibility,
            "criteria": {c.id: round(c.after, 3) for c in self.changes},
            "changes": [c.as_dict() for c in self.changes],
            "edits": [e.as_dict() for e in self.edits],
            "plan": plan_to_geojson(self.plan),
        }


@dataclass(frozen=True)
class SuggestionResult:
    """The plan's own figures, the suggestions best first, and why there are none (``reason``) when so."""

    plan: Plan
    report: ScoreReport
    suggestions: tuple[Suggestion, ...]
    reason: str
    reason_da: str
    stats: SearchStats

    def to_contract(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "plan": self.report.plan,
            "profile": self.report.profile,
            "calmness": self.report.calmness,
            "accessibility": self.report.accessibility,
            "suggestions": [s.to_contract() for s in self.suggestions],
        }
        if self.reason:
            out["reason"] = self.reason
            out["reason_da"] = self.reason_da
        if self.stats.cancelled:
            out["cancelled"] = True
        return out


def _steps(state: State) -> tuple[EditStep, ...]:
    out = []
    for s in state.steps:
        en, da = achieved(s.before, s.after, "en"), achieved(s.before, s.after, "da")
        out.append(EditStep(op=s.edit.op, features=s.edit.features, cost=s.edit.cost,
                            en=f"{s.edit.en}: {en}" if en else s.edit.en, da=f"{s.edit.da}: {da}" if da else s.edit.da))
    return tuple(out)


def _variant(a: State, b: State) -> bool:
    """Whether two chains differ only in where one edit of the same kind goes (the same door fix on another door)."""
    if len(a.steps) != len(b.steps) or sorted(s.edit.op for s in a.steps) != sorted(s.edit.op for s in b.steps):
        return False
    return len(set(a.keys) & set(b.keys)) >= len(a.steps) - 1


def _pick(pool: list[State], base: ScoreReport, top: int) -> list[State]:
    """The best chains, best first, leaving out a chain whose edits are all part of a better one.

    Variants of a better chain (one edit of the same kind elsewhere) are taken
    only when too few different chains are left.
    """
    ranked = sorted(pool, key=lambda s: rank_key(s, base))
    chosen: list[State] = []
    variants: list[State] = []
    for state in ranked:
        keys = set(state.keys)
        if any(keys <= set(c.keys) for c in (*chosen, *variants)):
            continue
        if any(_variant(state, c) for c in chosen):
            variants.append(state)
            continue
        chosen.append(state)
    chosen += variants[: max(0, top - len(chosen))]
    return sorted(chosen[:top], key=lambda s: rank_key(s, base))


def _short(report: ScoreReport) -> tuple[str, str]:
    """The criteria short of full marks, weakest first (what no edit could raise)."""
    low = sorted((c for c in report.criteria if c.score < 0.999 and c.weight > 0), key=lambda c: (c.score, c.id))[:4]
    if not low:
        return " Every criterion already has full marks.", " Alle kriterier har allerede fuld score."
    en = ", ".join(f"{c.id} {c.score:.2f}" for c in low)
    da = ", ".join(f"{c.id} {num_da(c.score)}" for c in low)
    return (f" Still short of full marks: {en}; none of the edits the search knows raises them here.",
            f" Endnu ikke fuld score: {da}; ingen af de ændringer, søgningen kender, hæver dem her.")


def _why_none(stats: SearchStats, locked: frozenset[str], report: ScoreReport) -> tuple[str, str]:
    why, why_da = _why_none_tried(stats, locked)
    if stats.cancelled:
        return why, why_da
    en, da = _short(report)
    return why + "." + en, why_da + "." + da


def _why_none_tried(stats: SearchStats, locked: frozenset[str]) -> tuple[str, str]:
    tried = sum(stats.tried.values())
    if stats.cancelled:
        return "The search was cancelled before it found an improvement", "Søgningen blev afbrudt, før den fandt en forbedring"
    if tried == 0:
        why = "No edit applies to this plan" + (" (the locked features leave nothing to change)" if locked else
                                              ": every door is wide and sound-rated, every public room absorbent, and no room can take a new use")
        why_da = "Ingen ændring passer til planen" + (" (de låste elementer lader intet tilbage at ændre)" if locked else
                                                      ": alle døre er brede og lyddøre, alle offentlige rum lyddæmpede, og intet rum kan få ny brug")
        return why, why_da
    parts = [f"{n} {op}" for op, n in sorted(stats.tried.items())]
    why = (f"None of the {tried} edits tried ({', '.join(parts)}) raises calmness or accessibility without lowering either "
           f"or an accessibility criterion: {stats.lowers_accessibility} would lower accessibility, {stats.invalid} would "
           f"make the plan invalid, the rest gain nothing the criteria measure")
    why_da = (f"Ingen af de {tried} afprøvede ændringer hæver roen eller tilgængeligheden uden at sænke en af dem eller et "
              f"tilgængelighedskriterium: {stats.lowers_accessibility} ville sænke tilgængeligheden, {stats.invalid} ville "
              f"gøre planen ugyldig, resten giver intet, kriterierne måler")
    return why, why_da


def suggest(
    plan: Plan,
    profile: str | RuleProfile = "br18",
    weights: Weights | Mapping[str, float] | None = None,
    *,
    locked: Iterable[str] = (),
    top: int = DEFAULT_TOP,
    max_edits: int = DEFAULT_MAX_EDITS,
    beam: int = DEFAULT_BEAM,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SuggestionResult:
    """Up to ``top`` suggestions, each a chain of at most ``max_edits`` edits, best first.

    ``locked``: feature ids no edit may change. ``progress(fraction, message)``
    is called as the search goes; ``cancelled()`` returning True stops it with
    what it has found so far. ValueError for an unknown profile, a weight of an
    unknown criterion, a locked id not in the plan, or ``top``/``max_edits`` out of range.
    """
    rp = get_profile(profile)
    w = as_weights(weights)
    locks = frozenset(locked)
    unknown = sorted(locks - set(plan.by_id))
    if unknown:
        raise ValueError(f"locked id(s) not in the plan: {', '.join(unknown)}")
    if not 1 <= top <= MAX_TOP:
        raise ValueError(f"top must be between 1 and {MAX_TOP}, got {top}")
    if not 1 <= max_edits <= MAX_EDITS:
        raise ValueError(f"max_edits must be between 1 and {MAX_EDITS}, got {max_edits}")
    base, pool, stats = beam_search(plan, rp, w, locks, max_edits, max(1, beam), progress, cancelled)
    picked = _pick(pool, base, top)
    suggestions = tuple(Suggestion(s.plan, s.report, _steps(s), tuple(changes(base, s.report))) for s in picked)
    reason, reason_da = ("", "") if suggestions else _why_none(stats, locks, base)
    return SuggestionResult(plan, base, suggestions, reason, reason_da, stats)


# Edit is part of the public surface for callers that list what the search can do.
_ = Edit
