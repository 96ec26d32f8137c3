"""Applying the edited doors table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from ..model import Door, Plan, evolve
from ..problems import Problem
from .grid import snap
from .result import EditResult, problem
from .tables import all_given, apply_feature_rows, flag, number

__all__ = ["apply_doors_table"]

_ENDS = ("x1", "y1", "x2", "y2")


def apply_doors_table(plan: Plan, rows: Sequence[Mapping[str, Any]], *, grid: float | None = None) -> EditResult:
    """Rebuild the plan's doors from edited table rows (a row without an id is a new door)."""
    return apply_feature_rows(plan, rows, "door", "doors",
                              lambda row, fid, label, original, problems: _door_from_row(row, fid, label, original, grid, problems))


def _door_from_row(row: Mapping[str, Any], did: str, label: str, original: Door | None,
                   grid: float | None, problems: list[Problem]) -> Door | None:
    """The door one row describes, or None (with a problem added) when it cannot be one."""
    ends = all_given([number(row, k, label, problems, did) for k in _ENDS])
    if ends is None:
        if not any(p.feature_id == did for p in problems):
            problems.append(problem("invalid-door", f"{label}: a door needs both end points x1, y1, x2, y2", did))
        return None
    x1, y1, x2, y2 = (snap(c, grid) for c in ends)
    clear = number(row, "clear_width", label, problems, did)
    threshold = number(row, "threshold_mm", label, problems, did)
    rating = number(row, "sound_rating", label, problems, did)
    data = {
        "id": did,
        "points": [(x1, y1), (x2, y2)],
        "clear_width": clear,
        "threshold_mm": threshold if threshold is not None else 0.0,
        "entrance": flag(row.get("entrance"), False),
        "automatic": flag(row.get("automatic"), False),
        **({"sound_rating": rating} if rating is not None else {}),
    }
    try:
        return evolve(original, **data) if original is not None else Door.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        problems.append(problem("invalid-door", f"{label}: {where + ': ' if where else ''}{err['msg']}", did))
        return None
