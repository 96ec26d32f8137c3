"""An edit the search may propose: what it changes, what it costs, how it reads, and how to apply it.

Edits are plain data plus a pure ``apply`` (plan in, new plan out, or None when
the edit does not fit the plan). They never touch the plan they are given:
plans are immutable, so every edit builds a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from floorplans.model import Feature, Furniture, Plan

__all__ = ["COSTS", "Edit", "added", "cost_rank", "replaced"]

#: Cost classes, cheapest first (a cheaper fix ranks first at equal gain).
COSTS = ("furniture", "finish", "door", "room use", "wall")

#: Edit kinds (``op``) by cost class.
OPS = {
    "add-plants": "furniture",
    "add-seats": "furniture",
    "low-counter": "furniture",
    "thin-seats": "furniture",
    "add-screen": "furniture",
    "absorbent-finish": "finish",
    "widen-door": "door",
    "move-door": "door",
    "sound-door": "door",
    "swap-uses": "room use",
    "move-nook": "room use",
    "make-nook": "room use",
    "carve-nook": "wall",
    "add-window": "wall",
}


#: Edits that add furniture or a window (their first feature is the room it goes in).
ADDS = frozenset({"add-plants", "add-seats", "add-screen", "add-window"})


def cost_rank(cost: str) -> int:
    return COSTS.index(cost)


@dataclass(frozen=True)
class Edit:
    """One proposed change.

    ``features``: the ids it changes or adds (for furniture: the room it goes in
    first); ``affects``: the criterion ids it can move (None: any), used to
    screen it cheaply before the plan is scored in full; ``en``/``da``: the
    sentence naming the features (the search appends what it achieves).
    """

    op: str
    features: tuple[str, ...]
    en: str
    da: str
    apply: Callable[[Plan], Plan | None] = field(compare=False, repr=False)
    affects: tuple[str, ...] | None = None
    priority: int = 0  # lower first within a generator's list (findings-driven targets first)
    geometric: bool = False  # moves or adds geometry: the edited plan is validated before it is scored

    @property
    def cost(self) -> str:
        return OPS[self.op]

    @property
    def key(self) -> str:
        """Unique and deterministic: the kind and the features it changes (new furniture by the room it goes in).

        New furniture takes the next free ids, which depend on what earlier edits
        added; keying it by its room makes the same edit in a different order the same.
        """
        changed = self.features[:1] if self.op in ADDS else self.features
        return f"{self.op}:{','.join(changed)}"


def replaced(*features: Feature) -> Callable[[Plan], Plan]:
    """An ``apply`` that puts these features in place of the ones with their ids."""
    def apply(plan: Plan) -> Plan:
        for f in features:
            plan = plan.with_feature(f)
        return plan

    return apply


def added(items: list[Furniture]) -> Callable[[Plan], Plan]:
    """An ``apply`` that adds new furniture."""
    def apply(plan: Plan) -> Plan:
        return plan.replace(furniture=(*plan.furniture, *items))

    return apply
