"""What an edit gives back, and the check that refuses an edit which would break the plan.

Every edit is pure: it returns an ``EditResult`` holding the new plan, or,
when the edit would make the plan invalid, the *unchanged* plan and the
problems that made it refuse. So an invalid edit can never destroy the last
valid state; the designer sees why and tries again.
"""

from __future__ import annotations

from dataclasses import dataclass

from shapely.errors import GEOSException
from shapely.validation import explain_validity

from ..model import Plan
from ..problems import Problem, errors_only
from ..validation import validate_plan

__all__ = ["EditResult", "check_edit", "problem"]


@dataclass(frozen=True)
class EditResult:
    """The outcome of one edit: the plan to keep and why, if it was refused.

    ``plan`` is the edited plan when ``ok``, else the input plan unchanged.
    ``problems`` holds the errors that made the edit fail (each naming its
    feature); ``warnings`` are kept for display but never block an edit.
    """

    plan: Plan
    ok: bool
    message: str = ""
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    feature_id: str | None = None
    changed: bool = True

    @classmethod
    def refused(cls, plan: Plan, *problems: Problem) -> EditResult:
        return cls(plan=plan, ok=False, message=problems[0].message if problems else "edit refused",
                   problems=tuple(problems), changed=False)

    @classmethod
    def unchanged(cls, plan: Plan, message: str = "nothing changed") -> EditResult:
        return cls(plan=plan, ok=True, message=message, changed=False)


def problem(code: str, message: str, feature_id: str | None = None) -> Problem:
    """An error found while editing (shorthand the edit operations share)."""
    return Problem(code=code, message=message, feature_id=feature_id)


def check_edit(before: Plan, after: Plan, message: str, feature_id: str | None = None) -> EditResult:
    """Accept ``after`` unless it has errors that ``before`` did not have.

    Comparing with the plan before the edit (by problem code and feature)
    lets a designer keep working on an imported plan that already had a
    problem, while any edit that adds a new one is refused.
    """
    old = {(p.code, p.feature_id) for p in errors_only(_validate(before))}
    problems = _validate(after)
    new_errors = [p for p in errors_only(problems) if (p.code, p.feature_id) not in old]
    if new_errors:
        return EditResult(plan=before, ok=False, message=f"refused: {new_errors[0]}",
                          problems=tuple(new_errors), changed=False, feature_id=feature_id)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return EditResult(plan=after, ok=True, message=message, warnings=warnings, feature_id=feature_id)


def _validate(plan: Plan) -> list[Problem]:
    """validate_plan, plus the polygon checks first so broken rings never reach GEOS overlays."""
    broken = [
        problem("self-intersection" if "elf-intersection" in (why := explain_validity(r.geometry)) else "invalid-polygon",
                f"room {r.label!r} is not a valid polygon: {why.lower()}", r.id)
        for r in plan.rooms
        if not r.geometry.is_valid
    ]
    if broken:
        return broken
    try:
        return validate_plan(plan)
    except GEOSException as exc:  # a geometry GEOS cannot handle must not become a traceback
        return [problem("invalid-geometry", f"the plan's geometry cannot be processed: {exc}")]
