"""Scoring of floor plans for calmness and accessibility (no streamlit here).

    >>> from scoring import score_plan
    >>> report = score_plan(plan, profile="br18")      # doctest: +SKIP
    >>> report.accessibility, report.by_id("door-clear-width").detail  # doctest: +SKIP
"""

from .engine import compare, score_plan
from .profiles import PROFILES, RuleProfile, get_profile, profile_names
from .registry import Criterion, all_criteria, criterion, get_criterion
from .report import CriterionResult, Finding, ScoreReport
from .weights import DEFAULT_WEIGHTS, Weights

__all__ = [
    "Criterion",
    "CriterionResult",
    "DEFAULT_WEIGHTS",
    "Finding",
    "PROFILES",
    "RuleProfile",
    "ScoreReport",
    "Weights",
    "all_criteria",
    "compare",
    "criterion",
    "get_criterion",
    "get_profile",
    "profile_names",
    "score_plan",
]
