"""Reviewing an imported level's room kinds before it is saved: the table, bulk assignment, the check before saving.

Pure functions on a Plan (the designer's review step draws them): each
assignment gives back a new Plan whose reviewed rooms carry confidence 1.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Plan, Room, RoomKind, evolve
from ..topology import room_at
from .assemble.kinds import KIND_CONFIDENCE

__all__ = ["ReviewRow", "assign_kind", "label_contains", "review_rows", "rooms_matching", "toggle_room_at", "unknown_rooms"]


@dataclass(frozen=True)
class ReviewRow:
    """One imported room as the review table shows it."""

    id: str
    label: str
    kind: RoomKind
    confidence: float | None  # None: the room was not guessed (a plan in our own format)
    area_m2: float
    public: bool


def review_rows(plan: Plan) -> list[ReviewRow]:
    """The plan's rooms, least sure first (unknown ones at the top), then by label."""
    rows = [ReviewRow(r.id, r.name, r.kind, _confidence(r), round(r.geometry.area, 1), r.is_public) for r in plan.rooms]
    return sorted(rows, key=lambda row: (row.kind is not RoomKind.unknown, row.confidence if row.confidence is not None else 1.0, row.label))


def _confidence(room: Room) -> float | None:
    value = room.extra.get(KIND_CONFIDENCE)
    return float(value) if isinstance(value, (int, float)) else None


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    return text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace("é", "e")


def label_contains(label: str, pattern: str) -> bool:
    """Whether the label contains the pattern, ignoring case and Danish letters written out ("moede" in "Mødelokale")."""
    pattern = _folded(pattern.strip())
    return bool(pattern) and pattern in _folded(label)


def rooms_matching(plan: Plan, pattern: str) -> list[Room]:
    """The rooms whose label contains the pattern ("samtale" -> every Samtalerum)."""
    return [r for r in plan.rooms if label_contains(r.name, pattern)]


def assign_kind(plan: Plan, room_ids: Iterable[str], kind: RoomKind | str) -> Plan:
    """The plan with those rooms given the kind, as reviewed (confidence 1)."""
    wanted = set(room_ids)
    kind = RoomKind(kind)
    rooms = tuple(evolve(r, kind=kind, extra={**r.extra, KIND_CONFIDENCE: 1.0}) if r.id in wanted else r for r in plan.rooms)
    return plan.replace(rooms=rooms)


def unknown_rooms(plan: Plan) -> list[Room]:
    """The rooms still of unknown kind (saving asks the designer to name them or leave them so on purpose)."""
    return [r for r in plan.rooms if r.kind is RoomKind.unknown]


def toggle_room_at(plan: Plan, selected: Sequence[str], point: tuple[float, float] | None) -> tuple[str, ...]:
    """The selection after a tap at a plan point: the room under it added, or taken out if it was selected.

    A tap outside every room (or no point: a tap off the picture) leaves the selection as it was.
    """
    room = room_at(plan, *point) if point is not None else None
    if room is None:
        return tuple(selected)
    if room.id in selected:
        return tuple(r for r in selected if r != room.id)
    return (*selected, room.id)
