"""Applying the edited doors table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from ..model import Door, Plan, evolve
from ..problems import Problem
from .grid import new_id, snap
from .result import EditResult, check_edit, problem
from .tables import all_given, change_summary, flag, number, row_id

__all__ = ["apply_doors_table"]

_ENDS = ("x1", "y1", "x2", "y2")


def apply_doors_table(plan: Plan, rows: Sequence[Mapping[str, Any]], *, grid: float | None = None) -> EditResult:
    """Rebuild the plan's doors from edited table rows (a row without an id is a new door)."""
    problems: list[Problem] = []
    old = {d.id: d for d in plan.doors}
    doors: list[Door] = []
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        did = row_id(row)
        label = f"door row {index}" + (f" ({did})" if did else "")
        if did is None:
            did = new_id(plan, "door", seen)
        if did in seen:
            problems.append(problem("duplicate-id", f"{label}: the id {did!r} appears twice in the table", did))
            continue
        seen.add(did)
        door = _door_from_row(row, did, label, old.get(did), grid, problems)
        if door is not None:
            doors.append(door)
    if problems:
        return EditResult.refused(plan, *problems)
    changed = [d.id for d in doors if old.get(d.id) != d]
    removed = [did for did in old if did not in seen]
    if not changed and not removed:
        return EditResult.unchanged(plan)
    return check_edit(plan, plan.replace(doors=tuple(doors)), change_summary("doors", changed, removed), changed[0] if changed else None)


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
