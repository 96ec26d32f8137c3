"""Score a plan: run every registered criterion under a rule profile, then weigh them.

``score_plan`` is cached per (plan object, profile, weights): Plan hashes by
identity, so re-scoring an unchanged plan costs nothing and an edited plan (a
new object) is scored afresh.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

from floorplans.model import Plan

from .daylight.rooms import rooms_to_light
from .profiles import RuleProfile, get_profile
from .registry import Criterion, all_criteria
from .report import CriterionResult, ScoreReport
from .weights import Weights, as_weights

if TYPE_CHECKING:  # pandas is imported when a comparison is made, not when scoring starts
    import pandas as pd

__all__ = ["score_plan", "compare", "weighted_mean", "area_figure", "NOT_EVALUATED"]

log = logging.getLogger(__name__)

#: How a criterion that raised is reported (its score is 0; the rest of the report stands).
NOT_EVALUATED = "could not be evaluated"


def weighted_mean(results: Sequence[CriterionResult]) -> float:
    """0..100: the weighted mean of the applicable criteria's scores (0 when nothing weighs)."""
    applied = [r for r in results if r.applicable]
    total = sum(r.weight for r in applied)
    if total <= 0:
        return 0.0
    return 100.0 * sum(r.score * r.weight for r in applied) / total


def area_figure(results: Sequence[CriterionResult]) -> float:
    """0..100: the weighted mean, held under the lowest cap a finding sets (an accessibility gate)."""
    mean = weighted_mean(results)
    caps = [r.cap for r in results if r.cap is not None and r.applicable]
    return min([mean, *caps])


_PAUSE_LOCK = threading.Lock()
_paused = 0  # scorings running with the collector paused
_we_paused = False  # whether the first of them turned it off (it was on)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while scoring runs, and restore it after (nested and threaded calls too).

    Scoring a real level makes some 100 000 short-lived objects (geometries, arrays, tuples): they go by
    reference counting, but their number alone sets off collections, and the full ones walk every object
    in the process (some 40 ms per scoring on average, 80 ms when a full one falls in it). Cycles made
    while scoring are collected once it is over.
    """
    global _paused, _we_paused
    with _PAUSE_LOCK:
        if _paused == 0:
            _we_paused = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _paused -= 1
            if _paused == 0 and _we_paused:
                gc.enable()


def score_plan(
    plan: Plan,
    profile: str | RuleProfile = "br18",
    weights: Weights | Mapping[str, float] | None = None,
) -> ScoreReport:
    """The plan's score report under the profile (default BR18) and weights (default ``Weights()``)."""
    rp = get_profile(profile)
    w = as_weights(weights)
    unknown = sorted(set(w.criteria) - {c.id for c in all_criteria()})
    if unknown:
        raise ValueError(f"unknown criterion id(s) in weights: {', '.join(unknown)}")
    with _collector_paused():
        return _score(plan, rp, w.key())


@lru_cache(maxsize=128)
def _score(plan: Plan, profile: RuleProfile, weights_key: tuple[tuple[str, float], ...]) -> ScoreReport:
    table = dict(weights_key)
    default = table.pop("__default__", 1.0)
    results = [_evaluate(c, plan, profile, table.get(c.id, default)) for c in all_criteria()]
    calm = [r for r in results if r.area == "calmness"]
    access = [r for r in results if r.area == "accessibility"]
    return ScoreReport(
        plan=plan.name or "(unnamed plan)",
        profile=profile.name,
        calmness=round(area_figure(calm), 2),
        accessibility=round(area_figure(access), 2),
        criteria=results,
    )


#: Why calmness has nothing to judge on a floor without rooms citizens stay in (English, Danish).
NO_VISIT = ("the plan has no room where citizens stay (reception, waiting area, conversation or group room, quiet nook, "
            "job search ...): calmness has nothing to judge",
            "planen har intet rum, hvor borgerne opholder sig (reception, venteområde, samtale- eller grupperum, stille krog, "
            "jobsøgning ...): roen har intet at vurdere")


@lru_cache(maxsize=64)
def _no_visit(plan: Plan) -> bool:
    """True when the plan has no public room citizens stay in: a floor of offices, stores or circulation only.

    Asked once per calmness criterion: kept per plan (a pass over some 200 rooms each time otherwise).
    """
    return not rooms_to_light(plan)


def _evaluate(c: Criterion, plan: Plan, profile: RuleProfile, weight: float) -> CriterionResult:
    """Run one criterion; a failure inside it becomes a finding that says so instead of a crash of the whole report.

    Calmness is the calm of a citizen's visit: on a floor without any room citizens stay in, none of its
    criteria applies (a corridor's good acoustics earn no calmness for job-centre rooms the plan lacks).
    """
    if c.area == "calmness" and _no_visit(plan):
        return CriterionResult(id=c.id, area=c.area, title=c.title, score=0.0, passed=None, weight=weight, source=c.source,
                               applicable=False, detail=NO_VISIT[0], detail_da=NO_VISIT[1])
    try:
        return c.evaluate(plan, profile, weight)
    except Exception as exc:  # a plan being edited may hit a geometry corner case: logged with its traceback
        log.warning("criterion %s failed on plan %r: %s", c.id, plan.name, exc, exc_info=True)
        return CriterionResult(
            id=c.id, area=c.area, title=c.title, score=0.0, passed=None, weight=weight, source=c.source,
            detail=f"{NOT_EVALUATED}: {type(exc).__name__}: {exc}",
        )


def compare(
    plans: Sequence[Plan] | Mapping[str, Plan],
    profile: str | RuleProfile = "br18",
    weights: Weights | Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Options side by side: one row per criterion (plus the two overall figures), one column per plan.

    Cells are scores 0..1 for criteria (NaN where the criterion does not apply to that plan) and
    0..100 for the ``calmness`` and ``accessibility`` rows. Columns are named by the mapping keys, else by plan name.
    """
    items = list(plans.items()) if isinstance(plans, Mapping) else [(p.name or f"plan {i + 1}", p) for i, p in enumerate(plans)]
    columns: dict[str, dict[str, float]] = {}
    index = ["calmness", "accessibility"]
    for name, plan in items:
        report = score_plan(plan, profile, weights)
        col = {"calmness": report.calmness, "accessibility": report.accessibility}
        for c in report.criteria:
            col[c.id] = round(c.score, 3) if c.applicable else float("nan")  # n/a: nothing to judge
            if c.id not in index:
                index.append(c.id)
        key = name
        n = 2
        while key in columns:
            key = f"{name} ({n})"
            n += 1
        columns[key] = col
    import pandas as pd

    return pd.DataFrame(columns, index=index)
