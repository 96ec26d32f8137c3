"""Step 3: each room's kind and how sure the import is (kind_map), from its names, the file's categories, or its shape."""

from __future__ import annotations

import re

import numpy as np
from shapely.geometry import Polygon

from ...model import Door, Plan, Room, RoomKind, evolve
from ...topology import rooms_on_segment
from ..kind_map import Evidence, KindGuess, decide, mapped_kind, name_evidence
from ..report import ImportOptions, LevelReport
from .sources import SourceRoom

__all__ = ["KIND_CONFIDENCE", "inner_entrances_to_corridors", "room_kind"]

#: The room property (plan-format.md, room ``kind_confidence``) saying how sure the import was of the kind, 0-1.
KIND_CONFIDENCE = "kind_confidence"

#: How much a long, narrow shape alone says a room is a corridor.
SHAPE_CONFIDENCE = 0.4


def room_kind(src: SourceRoom, polygon: Polygon, options: ImportOptions, report: LevelReport) -> KindGuess:
    """The room's kind: the designer's mapping, else the file's names and categories weighed, else its shape, else unknown."""
    key = src.label or next((n for n in src.names if n), None) or src.category or "(unnamed)"
    guess = _guess(src, polygon, options)
    if not guess.known and options.default_kind is not RoomKind.unknown:
        guess = KindGuess(options.default_kind, 0.0, f"nothing names its kind; the import's default kind, {options.default_kind.value}")
        report.map(key, guess.kind, None, 0.0)
        return guess
    earlier = report.mapped.get(key)
    if earlier is not None and earlier.kind is not guess.kind:
        key = f"{key} ({guess.kind.value.replace('_', ' ')})"  # same name, another kind: listed apart
    report.map(key, guess.kind, guess.why if guess.known else None, guess.confidence)
    return guess


def _guess(src: SourceRoom, polygon: Polygon, options: ImportOptions) -> KindGuess:
    names = (*src.names, src.label) if src.label not in src.names else src.names
    mapped = mapped_kind(names, options.kind_mapping)
    if mapped is not None:
        return KindGuess(mapped.kind, 1.0, mapped.why)
    for pattern, kind in options.kind_rules:
        rx = re.compile(pattern, re.IGNORECASE)
        for name in names:
            if name and rx.search(str(name)):
                return KindGuess(RoomKind(kind), 1.0, f"your rule {pattern!r} (name {name!r})")
    evidence = name_evidence(names) + list(src.evidence)
    if not evidence and src.unnamed and options.guess_corridors and _looks_like_corridor(polygon):
        evidence.append(Evidence(RoomKind.corridor, SHAPE_CONFIDENCE, "its shape: long and narrow, no name"))
    return decide(evidence)


def _looks_like_corridor(polygon: Polygon) -> bool:
    rect = polygon.minimum_rotated_rectangle
    xy = np.asarray(rect.exterior.coords)
    sides = sorted(float(np.hypot(*(xy[k + 1] - xy[k]))) for k in range(2))
    short, long_ = sides
    if short > 0 and long_ / short >= 3.5 and short <= 3.0:
        return True
    mean_width = 2 * polygon.area / polygon.length if polygon.length else 0
    return polygon.area >= 15 and mean_width <= 1.3


def inner_entrances_to_corridors(rooms: list[Room], doors: list[Door], report: LevelReport) -> list[Room]:
    """A room named as an entrance ("VEST", "Lobby") with no door to the outside is a hall inside: a corridor.

    Only where some other room of the level does have a door to the outside
    (else the file simply did not draw the outside doors, and the name stands).
    """
    plan = Plan(rooms=tuple(rooms))
    outside = {rs[0].id for d in doors if len(rs := rooms_on_segment(plan, d.geometry)) == 1}
    if not outside:
        return rooms
    result = []
    for room in rooms:
        if room.kind is RoomKind.entrance and room.id not in outside:
            confidence = round(float(room.extra.get(KIND_CONFIDENCE, 0.5)) * 0.7, 2)
            room = evolve(room, kind=RoomKind.corridor, extra={**room.extra, KIND_CONFIDENCE: confidence})
            report.guessed.append(f"{room.label!r} is named as an entrance but has no door to the outside: taken as a corridor")
        result.append(room)
    return result
