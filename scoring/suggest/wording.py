"""What a suggestion says: per edit, what it does and what it achieves; per criterion, the findings that go away."""

from __future__ import annotations

from dataclasses import dataclass

from ..registry import get_criterion
from ..report import CriterionResult, ScoreReport
from .context import num_da

__all__ = ["CriterionChange", "changes", "achieved", "title"]

#: A criterion counts as changed when its score moves at least this much.
MOVED = 0.0005


@dataclass(frozen=True)
class CriterionChange:
    """One criterion's score before and after, and the ids its finding no longer names."""

    id: str
    area: str
    before: float
    after: float
    resolved: tuple[str, ...]
    detail_before: str
    detail_after: str

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "area": self.area, "before": round(self.before, 3), "after": round(self.after, 3),
                "resolved": list(self.resolved), "detail_before": self.detail_before, "detail_after": self.detail_after}


def changes(before: ScoreReport, after: ScoreReport) -> list[CriterionChange]:
    """The criteria whose score moved, in report order."""
    old = {c.id: c for c in before.criteria}
    out = []
    for c in after.criteria:
        b = old.get(c.id)
        if b is None or abs(c.score - b.score) < MOVED:
            continue
        resolved = tuple(i for i in b.where if i not in set(c.where)) if c.score > b.score else ()
        out.append(CriterionChange(c.id, c.area, b.score, c.score, resolved, b.detail, c.detail))
    return out


def title(result: CriterionResult, lang: str) -> str:
    if lang == "da":
        try:
            return get_criterion(result.id).texts("da").title
        except KeyError:
            return result.title
    return result.title


def achieved(before: ScoreReport, after: ScoreReport, lang: str) -> str:
    """What one edit achieves, from the two full reports: the criteria it raised most (by weight)."""
    moved = []
    for ch in changes(before, after):
        c = after.by_id(ch.id)
        moved.append((-(ch.after - ch.before) * c.weight, ch.id, c, ch))
    gains = sorted(m for m in moved if m[0] < 0)[:2]
    if not gains:
        return ""
    parts = []
    for _, _, c, ch in gains:
        if lang == "da":
            parts.append(f"{title(c, 'da').lower()} {num_da(ch.before)} → {num_da(ch.after)}")
        else:
            parts.append(f"{title(c, 'en').lower()} {ch.before:.2f} → {ch.after:.2f}")
    return ("hæver " if lang == "da" else "raises ") + (" og " if lang == "da" else " and ").join(parts)
