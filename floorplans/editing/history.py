"""Undo and redo over whole plans."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Plan
from .result import EditResult

__all__ = ["HISTORY_LIMIT", "EditHistory"]

#: Undo depth kept per option.
HISTORY_LIMIT = 50


@dataclass
class EditHistory:
    """Undo/redo over whole plans (plans are immutable, so a snapshot is a reference).

    ``present`` is always a plan that was accepted; a refused edit never
    reaches the history.
    """

    present: Plan
    past: list[Plan] = field(default_factory=list)
    future: list[Plan] = field(default_factory=list)
    limit: int = HISTORY_LIMIT

    def push(self, plan: Plan) -> None:
        if plan is self.present:
            return
        self.past.append(self.present)
        del self.past[: max(0, len(self.past) - self.limit)]
        self.present = plan
        self.future.clear()

    def apply(self, result: EditResult) -> EditResult:
        """Record an accepted, changing edit; ignore the rest."""
        if result.ok and result.changed:
            self.push(result.plan)
        return result

    @property
    def can_undo(self) -> bool:
        return bool(self.past)

    @property
    def can_redo(self) -> bool:
        return bool(self.future)

    def undo(self) -> Plan:
        if self.past:
            self.future.append(self.present)
            self.present = self.past.pop()
        return self.present

    def redo(self) -> Plan:
        if self.future:
            self.past.append(self.present)
            self.present = self.future.pop()
        return self.present
