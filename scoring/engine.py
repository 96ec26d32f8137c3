"""Score a plan: run every registered criterion under a rule profile, then weigh them.

``score_plan`` is cached per (plan object, profile, weights): Plan hashes by
identity, so re-scoring an unchanged plan costs nothing and an edited plan (a
new object) is scored afresh.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from floorplans.model import Plan

from .profiles import RuleProfile, get_profile
from .registry import Criterion, all_criteria
from .report import CriterionResult, ScoreReport
from .weights import Weights, as_weights

if TYPE_CHECKING:  # pandas is imported when a comparison is made, not when scoring starts
    import pandas as pd

__all__ = ["score_plan", "compare", "weighted_mean", "NOT_EVALUATED"]

log = logging.getLogger(__name__)

#: How a criterion that raised is reported (its score is 0; the rest of the report stands).
NOT_EVALUATED = "could not be evaluated"


def weighted_mean(results: Sequence[CriterionResult]) -> float:
    """0..100: the weighted mean of the criteria's scores (0 when nothing weighs)."""
    total = sum(r.weight for r in results)
    if total <= 0:
        return 0.0
    return 100.0 * sum(r.score * r.weight for r in results) / total


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
        calmness=round(weighted_mean(calm), 2),
        accessibility=round(weighted_mean(access), 2),
        criteria=results,
    )


def _evaluate(c: Criterion, plan: Plan, profile: RuleProfile, weight: float) -> CriterionResult:
    """Run one criterion; a failure inside it becomes a finding that says so instead of a crash of the whole report."""
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

    Cells are scores 0..1 for criteria and 0..100 for the ``calmness`` and
    ``accessibility`` rows. Columns are named by the mapping keys, else by plan name.
    """
    items = list(plans.items()) if isinstance(plans, Mapping) else [(p.name or f"plan {i + 1}", p) for i, p in enumerate(plans)]
    columns: dict[str, dict[str, float]] = {}
    index = ["calmness", "accessibility"]
    for name, plan in items:
        report = score_plan(plan, profile, weights)
        col = {"calmness": report.calmness, "accessibility": report.accessibility}
        for c in report.criteria:
            col[c.id] = round(c.score, 3)
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
