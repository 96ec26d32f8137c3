"""Applying the edited windows table: end points, view, sill, head and light transmittance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from ..model import Plan, View, Window, evolve
from ..problems import Problem
from .grid import snap
from .result import EditResult, problem
from .tables import all_given, apply_feature_rows, missing, number

__all__ = ["apply_windows_table"]

_ENDS = ("x1", "y1", "x2", "y2")
_PHYSICAL = ("sill", "head", "light_transmittance")


def apply_windows_table(plan: Plan, rows: Sequence[Mapping[str, Any]], *, grid: float | None = None) -> EditResult:
    """Rebuild the plan's windows from edited table rows (a row without an id is a new window).

    An empty sill, head or transmittance cell keeps the window's value (a new
    window takes the format's default); an empty view cell means "not given".
    """
    return apply_feature_rows(plan, rows, "window", "windows",
                              lambda row, fid, label, original, problems: _window_from_row(row, fid, label, original, grid, problems))


def _window_from_row(row: Mapping[str, Any], wid: str, label: str, original: Window | None,
                     grid: float | None, problems: list[Problem]) -> Window | None:
    """The window one row describes, or None (with a problem added) when it cannot be one."""
    ends = all_given([number(row, k, label, problems, wid) for k in _ENDS])
    if ends is None:
        if not any(p.feature_id == wid for p in problems):
            problems.append(problem("invalid-window", f"{label}: a window needs both end points x1, y1, x2, y2", wid))
        return None
    x1, y1, x2, y2 = (snap(c, grid) for c in ends)
    view = _view(row, label, wid, problems)
    physical = {k: v for k in _PHYSICAL if (v := number(row, k, label, problems, wid)) is not None}
    data: dict[str, Any] = {"id": wid, "points": [(x1, y1), (x2, y2)], "view": view, **physical}
    try:
        return evolve(original, **data) if original is not None else Window.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        message = str(err["msg"]).removeprefix("Value error, ")
        problems.append(problem("invalid-window", f"{label}: {where + ': ' if where else ''}{message}", wid))
        return None


def _view(row: Mapping[str, Any], label: str, wid: str, problems: list[Problem]) -> View | None:
    value = row.get("view")
    if missing(value):
        return None
    try:
        return View(str(value).strip())
    except ValueError:
        problems.append(problem("invalid-value", f"{label}: view {value!r} is not one of "
                                                 f"{', '.join(v.value for v in View)}", wid))
        return None
