"""Beam search over chains of edits, scored by the engine.

Each level expands the best chains so far (the beam) with every edit the
generators propose. A candidate is first *screened*: an edit that can only
move a few criteria (a door's sound rating, a room's finish) has just those
criteria evaluated on the edited plan, the rest taken from its parent; an
edit's measured effect is remembered and reused where the same edit extends
another chain. The most promising candidates are then validated and scored
in full with ``score_plan``, and only fully scored chains that raise the
figures and lower no accessibility criterion enter the beam or the result.
Every figure a suggestion claims is its final plan's full report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from floorplans.model import Plan
from floorplans.problems import errors_only
from floorplans.validation import validate_plan

from ..engine import score_plan
from ..profiles import RuleProfile
from ..registry import all_criteria
from ..report import CriterionResult, ScoreReport
from ..weights import Weights
from .context import Context
from .edits import Edit, cost_rank
from .gen_doors import sound_doors, widen_doors
from .gen_furniture import add_plants, add_screens, add_seats, low_counters, thin_seats
from .gen_openings import add_windows, move_doors
from .gen_rooms import absorbent_finishes, nook_edits, swap_uses
from .gen_walls import carve_nooks

log = logging.getLogger(__name__)

__all__ = ["GENERATORS", "Step", "State", "SearchStats", "beam_search"]

Generator = Callable[[Plan, Context], list[Edit]]
GENERATORS: tuple[Generator, ...] = (low_counters, thin_seats, add_plants, add_screens, add_seats, absorbent_finishes, sound_doors, widen_doors,
                                     move_doors, nook_edits, swap_uses, carve_nooks, add_windows)
#: An edit must raise calmness + accessibility by more than this (points) to count.
MIN_GAIN = 0.05
EPS = 1e-9
#: The estimate of a candidate screening has already turned down.
REJECTED = float("-inf")


@dataclass(frozen=True)
class Step:
    edit: Edit
    before: ScoreReport
    after: ScoreReport


@dataclass(frozen=True)
class State:
    """A chain of edits and its plan, scored in full."""

    plan: Plan
    report: ScoreReport
    steps: tuple[Step, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(sorted(s.edit.key for s in self.steps))

    @property
    def touched(self) -> frozenset[str]:
        return frozenset(f for s in self.steps for f in s.edit.features)

    @property
    def cost(self) -> int:
        return sum(cost_rank(s.edit.cost) for s in self.steps)


def objective(report: ScoreReport) -> float:
    return report.calmness + report.accessibility


def rank_key(state: State, base: ScoreReport) -> tuple[float, int, float, int, tuple[str, ...]]:
    """Best first: the gain (to 0.1 point, so cheaper chains win at equal gain), then cost, exact gain, length, the edits."""
    gain = objective(state.report) - objective(base)
    return (-round(gain, 1), state.cost, -gain, len(state.steps), state.keys)


@dataclass
class SearchStats:
    tried: dict[str, int] = field(default_factory=dict)
    invalid: int = 0
    lowers_accessibility: int = 0
    no_gain: int = 0
    scored: int = 0
    screened: int = 0
    cancelled: bool = False


@dataclass
class _Candidate:
    parent: State
    edit: Edit
    plan: Plan
    estimate: float
    report: ScoreReport | None = None  # when screening already scored it in full


class _Search:
    def __init__(self, plan: Plan, profile: RuleProfile, weights: Weights, locked: frozenset[str],
                 beam: int, progress: Callable[[float, str], None] | None, cancelled: Callable[[], bool] | None):
        self.profile, self.weights, self.locked = profile, weights, locked
        self.beam_width = beam
        self.progress, self.cancelled = progress, cancelled
        self.base = score_plan(plan, profile, weights)
        self.root = State(plan, self.base)
        self.base_errors = {(p.code, p.feature_id) for p in errors_only(validate_plan(plan))}
        self.criteria = {c.id: c for c in all_criteria()}
        self.effects: dict[str, dict[str, float]] = {}  # edit (by key and wording) -> criterion score changes seen
        self.seen: set[tuple[str, ...]] = set()
        self.stats = SearchStats()

    # -- screening -------------------------------------------------------------------------------------------

    def _estimate(self, scores: Mapping[str, float], parent: ScoreReport) -> float:
        """Calmness + accessibility with these criteria's scores in place of the parent's (weighted means, no caps)."""
        total = 0.0
        for area in ("calmness", "accessibility"):
            rows = [(scores.get(c.id, c.score), c.weight) for c in parent.criteria if c.area == area]
            weight = sum(w for _, w in rows)
            total += 100.0 * sum(s * w for s, w in rows) / weight if weight > 0 else 0.0
        return total

    def _screen(self, parent: State, edit: Edit, plan: Plan) -> _Candidate:
        """The candidate with its estimated objective (REJECTED when screening shows an accessibility loss)."""
        self.stats.screened += 1
        memo = f"{edit.key}|{edit.en}"
        old = {c.id: c.score for c in parent.report.criteria}
        report = None
        if memo not in self.effects:
            if edit.affects is None:
                if edit.geometric and not self._valid(plan):
                    self.stats.invalid += 1
                    return _Candidate(parent, edit, plan, REJECTED)
                report = self._full(plan)
                self.effects[memo] = {c.id: c.score - old.get(c.id, c.score) for c in report.criteria}
            else:
                self.effects[memo] = {cid: self._evaluate(cid, plan, old[cid]) - old[cid]
                                      for cid in edit.affects if cid in self.criteria and cid in old}
        effects = self.effects[memo]
        if report is not None:
            if not _no_access_loss(parent.report, report):
                self.stats.lowers_accessibility += 1
                return _Candidate(parent, edit, plan, REJECTED)
            return _Candidate(parent, edit, plan, objective(report), report)
        if self._lowers_access(parent.report, effects):
            self.stats.lowers_accessibility += 1
            return _Candidate(parent, edit, plan, REJECTED)
        scores = {cid: old[cid] + d for cid, d in effects.items() if cid in old}
        change = self._estimate(scores, parent.report) - self._estimate({}, parent.report)
        return _Candidate(parent, edit, plan, objective(parent.report) + change)

    def _at_best(self, report: ScoreReport, edit: Edit) -> bool:
        """Whether every criterion the edit can move is already at full marks (so it cannot gain)."""
        if edit.affects is None:
            return False
        scores = {c.id: c.score for c in report.criteria}
        return all(scores.get(cid, 1.0) >= 0.999 for cid in edit.affects)

    def _evaluate(self, cid: str, plan: Plan, fallback: float) -> float:
        try:
            return self.criteria[cid].evaluate(plan, self.profile).score
        except Exception:  # a candidate hitting a geometry corner case keeps its screening score; the full re-score judges it
            log.warning("suggestions: criterion %s failed on a candidate plan", cid, exc_info=True)
            return fallback

    def _lowers_access(self, parent: ScoreReport, effects: Mapping[str, float]) -> bool:
        """Whether screening already shows an accessibility criterion going down."""
        return any(effects.get(c.id, 0.0) < -EPS for c in parent.area("accessibility"))

    def _full(self, plan: Plan) -> ScoreReport:
        self.stats.scored += 1
        return score_plan(plan, self.profile, self.weights)

    # -- acceptance ------------------------------------------------------------------------------------------

    def _valid(self, plan: Plan) -> bool:
        return all((p.code, p.feature_id) in self.base_errors for p in errors_only(validate_plan(plan)))

    def _accept(self, cand: _Candidate) -> State | None:
        if cand.report is None and cand.edit.geometric and not self._valid(cand.plan):
            self.stats.invalid += 1
            return None
        report = cand.report or self._full(cand.plan)
        before = cand.parent.report
        if not _no_access_loss(before, report):
            self.stats.lowers_accessibility += 1
            return None
        if report.calmness < before.calmness - EPS or objective(report) <= objective(before) + MIN_GAIN:
            self.stats.no_gain += 1
            return None
        return State(cand.plan, report, (*cand.parent.steps, Step(cand.edit, before, report)))

    # -- the search ------------------------------------------------------------------------------------------

    def _stop(self) -> bool:
        if self.cancelled is not None and self.cancelled():
            self.stats.cancelled = True
        return self.stats.cancelled

    def _say(self, fraction: float, message: str) -> None:
        if self.progress is not None:
            self.progress(min(1.0, fraction), message)

    def _expand(self, state: State) -> list[_Candidate]:
        ctx = Context(self.profile, state.report, self.locked, state.touched)
        out = []
        for gen in GENERATORS:
            for edit in gen(state.plan, ctx):
                if any(f in self.locked for f in edit.features) or self._at_best(state.report, edit):
                    continue
                keys = tuple(sorted((*state.keys, edit.key)))
                if keys in self.seen:
                    continue
                self.seen.add(keys)
                self.stats.tried[edit.op] = self.stats.tried.get(edit.op, 0) + 1
                plan = edit.apply(state.plan)
                if plan is None:
                    continue
                cand = self._screen(state, edit, plan)
                if cand.estimate != REJECTED:
                    out.append(cand)
                if self._stop():
                    return out
        return out

    def run(self, max_edits: int) -> list[State]:
        pool: list[State] = []
        beam = [self.root]
        for depth in range(max_edits):
            span = 1.0 / max_edits
            candidates: list[_Candidate] = []
            for i, state in enumerate(beam):
                self._say((depth + 0.5 * i / len(beam)) * span, f"edit {depth + 1} of {max_edits}: trying changes")
                candidates += self._expand(state)
                if self._stop():
                    break
            candidates.sort(key=lambda c: (-round(c.estimate, 3), sum(cost_rank(s.edit.cost) for s in c.parent.steps)
                                           + cost_rank(c.edit.cost), tuple(sorted((*c.parent.keys, c.edit.key)))))
            accepted: list[State] = []
            budget = self.beam_width + 1
            for j, cand in enumerate(candidates):
                if len(accepted) >= budget or j >= 2 * budget or self._stop():
                    break
                if cand.estimate <= objective(cand.parent.report) + MIN_GAIN and cand.report is None:
                    self.stats.no_gain += 1
                    continue
                self._say((depth + 0.5 + 0.5 * j / (2 * budget)) * span, f"edit {depth + 1} of {max_edits}: scoring")
                child = self._accept(cand)
                if child is not None:
                    accepted.append(child)
            if not accepted:
                break
            pool += accepted
            accepted.sort(key=lambda s: rank_key(s, self.base))
            beam = accepted[: self.beam_width]
            if self._stop():
                break
        self._say(1.0, "done")
        return pool


def _no_access_loss(before: ScoreReport, after: ScoreReport) -> bool:
    """No accessibility criterion scores lower, nor the accessibility figure."""
    if after.accessibility < before.accessibility - EPS:
        return False
    new = {c.id: c for c in after.criteria}
    return all(_score(new.get(c.id)) >= c.score - EPS for c in before.area("accessibility"))


def _score(c: CriterionResult | None) -> float:
    return -1.0 if c is None else c.score


def beam_search(plan: Plan, profile: RuleProfile, weights: Weights, locked: frozenset[str], max_edits: int, beam: int,
                progress: Callable[[float, str], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> tuple[ScoreReport, list[State], SearchStats]:
    """The plan's report, every accepted chain (unsorted) and what the search tried."""
    search = _Search(plan, profile, weights, locked, beam, progress, cancelled)
    pool = search.run(max_edits) if max_edits > 0 else []
    return search.base, pool, search.stats
