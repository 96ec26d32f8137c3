"""The criterion registry: every criterion is a small unit with a stable id.

A criterion module defines one function ``(plan, profile) -> Finding`` and
decorates it with ``@criterion(...)``; importing ``scoring.accessibility`` and
``scoring.calmness`` registers them all. The engine runs ``all_criteria()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from floorplans.model import Plan

from .profiles import RuleProfile
from .report import Area, CriterionResult, Finding

__all__ = ["Criterion", "criterion", "all_criteria", "get_criterion", "CriterionFn"]

CriterionFn = Callable[[Plan, RuleProfile], Finding]

_REGISTRY: dict[str, Criterion] = {}


@dataclass(frozen=True)
class Criterion:
    """A registered criterion: who it is and how to measure it."""

    id: str
    area: Area
    title: str
    description: str
    source: str
    fn: CriterionFn

    def evaluate(self, plan: Plan, profile: RuleProfile, weight: float = 1.0) -> CriterionResult:
        finding = self.fn(plan, profile)
        return CriterionResult(
            id=self.id,
            area=self.area,
            title=self.title,
            score=finding.score,
            passed=finding.passed,
            value=finding.value,
            threshold=finding.threshold,
            unit=finding.unit,
            detail=finding.detail,
            where=finding.where,
            points=finding.points,
            polygons=finding.polygons,
            lines=finding.lines,
            source=finding.source or self.source,
            weight=weight,
            items=finding.items,
        )


def criterion(id: str, area: Area, title: str, description: str, source: str) -> Callable[[CriterionFn], CriterionFn]:
    """Register the decorated function as the criterion ``id``."""

    def register(fn: CriterionFn) -> CriterionFn:
        if id in _REGISTRY and _REGISTRY[id].fn.__qualname__ != fn.__qualname__:
            raise ValueError(f"criterion id {id!r} is registered twice")
        _REGISTRY[id] = Criterion(id=id, area=area, title=title, description=description, source=source, fn=fn)
        return fn

    return register


def _load() -> None:
    from . import accessibility, calmness  # noqa: F401  (registers the criteria)


def all_criteria(area: Area | None = None) -> list[Criterion]:
    """Every criterion in a stable order: accessibility first, then calmness, each in module order."""
    _load()
    items = list(_REGISTRY.values())
    items.sort(key=lambda c: 0 if c.area == "accessibility" else 1)
    return [c for c in items if area is None or c.area == area]


def get_criterion(criterion_id: str) -> Criterion:
    _load()
    try:
        return _REGISTRY[criterion_id]
    except KeyError:
        raise KeyError(f"no criterion {criterion_id!r}; known: {', '.join(_REGISTRY)}") from None
