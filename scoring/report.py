"""The score report: one result per criterion, and the plan's two overall figures.

``ScoreReport.to_contract_json()`` gives exactly the JSON of
shared/plan-format.md ("The score report") plus extra keys (title, unit,
source, points, polygons, lines) that the contract allows.
"""

from __future__ import annotations

import json
import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["Area", "Finding", "CriterionResult", "ScoreReport"]

Area = Literal["calmness", "accessibility"]
XY = tuple[float, float]


def _r(value: float | None, digits: int = 3) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


class Finding(BaseModel):
    """What a criterion function returns: the measurement, before the registry adds id, area and source."""

    model_config = ConfigDict(frozen=True)

    score: float
    passed: bool | None = None
    value: float | None = None
    threshold: float | None = None
    unit: str = ""
    detail: str
    detail_da: str = Field(default="", description="the detail in Danish, where the criterion writes one")
    where: list[str] = Field(default_factory=list)
    points: list[XY] = Field(default_factory=list)
    polygons: list[list[XY]] = Field(default_factory=list, description="exterior rings to highlight")
    lines: list[list[XY]] = Field(default_factory=list, description="routes to draw")
    source: str | None = None  # overrides the criterion's source (e.g. the profile's clause)
    items: list[dict[str, Any]] = Field(default_factory=list, description="per-feature measurements")
    applicable: bool = Field(
        default=True, description="False: the plan has nothing this criterion judges (no meeting rooms, no doors ...); "
                                  "it then weighs nothing in its area's figure")
    cap: float | None = Field(
        default=None, ge=0.0, le=100.0,
        description="the highest figure (0-100) its area may have while this finding stands (an accessibility gate)")

    @classmethod
    def not_applicable(cls, detail: str, detail_da: str = "", **kw: Any) -> Finding:
        """A finding for a plan with nothing to judge: no score, no weight, and the detail says why."""
        return cls(score=0.0, passed=None, applicable=False, detail=detail, detail_da=detail_da, **kw)

    @field_validator("score")
    @classmethod
    def _clamp(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError(f"score {v!r} is not a finite number")
        return min(1.0, max(0.0, float(v)))


class CriterionResult(Finding):
    """One criterion's result for one plan and profile (a row of the report): the Finding plus who measured it."""

    id: str
    area: Area
    title: str
    source: str  # the finding's own source, else the criterion's: always set here
    weight: float = 1.0

    def contract_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "area": self.area,
            "score": _r(self.score),
            "passed": self.passed,
            "value": _r(self.value),
            "threshold": _r(self.threshold),
            "detail": self.detail,
            "where": list(self.where),
            "title": self.title,
            "unit": self.unit,
            "source": self.source,
            "weight": self.weight,
            "points": [[_r(x), _r(y)] for x, y in self.points],
            "polygons": [[[_r(x), _r(y)] for x, y in ring] for ring in self.polygons],
            "lines": [[[_r(x), _r(y)] for x, y in line] for line in self.lines],
        }
        if self.detail_da:
            out["detail_da"] = self.detail_da
        out["applicable"] = self.applicable
        if self.cap is not None:
            out["cap"] = self.cap
        return out


class ScoreReport(BaseModel):
    """A plan's scores under one rule profile."""

    model_config = ConfigDict(frozen=True)

    plan: str
    profile: str
    calmness: float = Field(ge=0.0, le=100.0)
    accessibility: float = Field(ge=0.0, le=100.0)
    criteria: list[CriterionResult]

    def by_id(self, criterion_id: str) -> CriterionResult:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(f"no criterion {criterion_id!r} in the report")

    def area(self, area: Area) -> list[CriterionResult]:
        return [c for c in self.criteria if c.area == area]

    @property
    def applied(self) -> list[CriterionResult]:
        """The criteria that had something to judge in this plan (the others weigh nothing)."""
        return [c for c in self.criteria if c.applicable]

    def to_contract(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "profile": self.profile,
            "calmness": round(self.calmness, 1),
            "accessibility": round(self.accessibility, 1),
            "criteria_applied": len(self.applied),
            "criteria_total": len(self.criteria),
            "criteria": [c.contract_dict() for c in self.criteria],
        }

    def to_contract_json(self, indent: int | None = 2) -> str:
        """The report as the JSON of plan-format.md (extra keys allowed)."""
        return json.dumps(self.to_contract(), ensure_ascii=False, indent=indent)
