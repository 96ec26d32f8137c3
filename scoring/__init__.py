"""Scoring of floor plans for calmness and accessibility (no streamlit here).

    >>> from scoring import score_plan
    >>> report = score_plan(plan, profile="br18")      # doctest: +SKIP
    >>> report.accessibility, report.by_id("door-clear-width").detail  # doctest: +SKIP
"""

from .engine import compare, score_plan
from .profiles import PROFILES, RuleProfile, get_profile, profile_names
from .registry import Criterion, Limit, Texts, all_criteria, criterion, default_weights, get_criterion
from .report import CriterionResult, Finding, ScoreReport
from .weights import Weights

# DEFAULT_WEIGHTS is importable too (made from the registry when asked for, see __getattr__ below).
__all__ = [
    "Criterion",
    "CriterionResult",
    "Finding",
    "Limit",
    "PROFILES",
    "RuleProfile",
    "ScoreReport",
    "Texts",
    "Weights",
    "all_criteria",
    "compare",
    "criterion",
    "default_weights",
    "get_criterion",
    "get_profile",
    "profile_names",
    "score_plan",
]


def __getattr__(name: str) -> dict[str, float]:
    # DEFAULT_WEIGHTS is derived from the registry when asked for (see scoring.weights).
    if name == "DEFAULT_WEIGHTS":
        return default_weights()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
