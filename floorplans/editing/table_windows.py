"""Applying the edited windows table: end points, view, sill, head and light transmittance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from ..model import Plan, View, Window, evolve
from ..problems import Problem
from .grid import new_id, snap
from .result import EditResult, check_edit, problem
from .tables import all_given, change_summary, missing, number, row_id

__all__ = ["apply_windows_table"]

_ENDS = ("x1", "y1", "x2", "y2")
_PHYSICAL = ("sill", "head", "light_transmittance")


def apply_windows_table(plan: Plan, rows: Sequence[Mapping[str, Any]], *, grid: float | None = None) -> EditResult:
    """Rebuild the plan's windows from edited table rows (a row without an id is a new window).

    An empty sill, head or transmittance cell keeps the window's value (a new
    window takes the format's default); an empty view cell means "not given".
    """
    problems: list[Problem] = []
    old = {w.id: w for w in plan.windows}
    windows: list[Window] = []
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        wid = row_id(row)
        label = f"window row {index}" + (f" ({wid})" if wid else "")
        if wid is None:
            wid = new_id(plan, "window", seen)
        if wid in seen:
            problems.append(problem("duplicate-id", f"{label}: the id {wid!r} appears twice in the table", wid))
            continue
        seen.add(wid)
        window = _window_from_row(row, wid, label, old.get(wid), grid, problems)
        if window is not None:
            windows.append(window)
    if problems:
        return EditResult.refused(plan, *problems)
    changed = [w.id for w in windows if old.get(w.id) != w]
    removed = [wid for wid in old if wid not in seen]
    if not changed and not removed:
        return EditResult.unchanged(plan)
    return check_edit(plan, plan.replace(windows=tuple(windows)), change_summary("windows", changed, removed),
                      changed[0] if changed else None)


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
