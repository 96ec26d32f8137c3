"""What an edit generator knows about the plan it expands: the rule profile, the locks, the current findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from floorplans.kinds import kind_noun
from floorplans.model import Door, Opening, Plan, Room, RoomKind
from floorplans.topology import rooms_on_segment

from ..profiles import RuleProfile
from ..report import ScoreReport

__all__ = ["Context", "KIND_DA", "KIND_EN", "QUIET_KINDS", "door_name", "door_rooms", "num_da"]

#: Rooms where people talk in confidence or rest: their doors are worth sound-rating.
QUIET_KINDS = frozenset({RoomKind.meeting_room, RoomKind.group_room, RoomKind.quiet_nook})

KIND_EN = {k: kind_noun(k) for k in RoomKind}  # the designer's names (floorplans.kinds), in sentences
KIND_DA = {
    RoomKind.entrance: "indgang", RoomKind.reception: "reception", RoomKind.waiting: "venteområde",
    RoomKind.quiet_nook: "stille krog", RoomKind.green_area: "grønt område", RoomKind.meeting_room: "samtalerum",
    RoomKind.group_room: "grupperum", RoomKind.job_search: "jobcafé", RoomKind.open_office: "kontor",
    RoomKind.staff_room: "personalerum", RoomKind.corridor: "gang", RoomKind.wc: "toilet",
    RoomKind.wc_accessible: "handicaptoilet", RoomKind.play_area: "legeområde", RoomKind.storage: "depot",
    RoomKind.stairs: "trappe", RoomKind.lift: "elevator",
}


@dataclass(frozen=True)
class Context:
    """The state a generator expands: ``touched`` are the features earlier edits of the chain changed."""

    profile: RuleProfile
    report: ScoreReport
    locked: frozenset[str]
    touched: frozenset[str]

    def free(self, *ids: str) -> bool:
        """Whether an edit may change these features (none locked, none changed earlier in the chain)."""
        return not any(i in self.locked or i in self.touched for i in ids)

    def flagged(self, criteria: Iterable[str]) -> set[str]:
        """Ids the findings of these criteria name, where a criterion is short of full marks."""
        out: set[str] = set()
        known = {c.id: c for c in self.report.criteria}
        for cid in criteria:
            c = known.get(cid)
            if c is not None and c.score < 0.999:
                out.update(c.where)
        return out


@lru_cache(maxsize=64)
def _passage_rooms(plan: Plan) -> dict[str, tuple[Room, ...]]:
    return {d.id: tuple(rooms_on_segment(plan, d.geometry)) for d in (*plan.doors, *plan.openings)}


def door_rooms(plan: Plan, door: Door | Opening) -> list[Room]:
    """The rooms a door or opening joins (looked up once per plan: generators ask for every door at every step)."""
    if plan.get(door.id) is door:
        return list(_passage_rooms(plan)[door.id])
    return rooms_on_segment(plan, door.geometry)


def door_name(plan: Plan, door: Door, lang: str) -> str:
    """'the door between Samtalerum 1 and Venteområde (d15)', or the outside door of a room."""
    rooms = door_rooms(plan, door)
    labels = [r.label for r in rooms]
    if lang == "da":
        if len(labels) == 2:
            return f"døren mellem {labels[0]} og {labels[1]} ({door.id})"
        return f"yderdøren i {labels[0]} ({door.id})" if labels else f"døren {door.id}"
    if len(labels) == 2:
        return f"the door between {labels[0]} and {labels[1]} ({door.id})"
    return f"the outside door of {labels[0]} ({door.id})" if labels else f"door {door.id}"


def num_da(value: float, digits: int = 2) -> str:
    """A number as Danish writes it (decimal comma)."""
    return f"{value:.{digits}f}".replace(".", ",")
