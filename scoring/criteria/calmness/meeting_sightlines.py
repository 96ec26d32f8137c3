"""meeting-sightlines: how much waiting-area and corridor floor can see into each conversation room.

(Until the acoustic speech privacy class took the id ``meeting-privacy``, this
was it. What can be *heard* outside is ``meeting-privacy``; what can be *seen*
is judged here: no fishbowl.)

By symmetry of sight, the floor from which a seat can be seen is the seat's
isovist. A conversation room's exposure is the floor area of the waiting
area, entrance and reception (counted fully: people linger there) and of
corridors (counted half: people pass) inside the isovist of its seats (or its
centre). Sight passes through doorways and openings (the visibility package
treats interior doors as open: what is seen when the door opens); glazing
counts only as drawn in the plan, as openings.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from floorplans.model import Plan, RoomKind

from ...geometry import polygons_of, room_points
from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding
from ..shared import isovists, names, plausible_rooms, ramp, zone

#: Exposure (m² of weighted public floor that sees a seat) at which privacy is gone / complete.
EXPOSED, PRIVATE = 25.0, 3.0
LINGER = (RoomKind.waiting, RoomKind.entrance, RoomKind.reception)
PASS = (RoomKind.corridor,)
CORRIDOR_WEIGHT = 0.5


def _seen_areas(seen: np.ndarray, zone: BaseGeometry) -> np.ndarray:
    """Area of the zone within each seen region; 0 without overlaying where a (prepared) test finds them apart.

    One shapely call per step for all regions: the same overlay of each region with the zone as one by one.
    """
    areas = np.zeros(len(seen))
    if zone.is_empty or not len(seen):
        return areas
    shapely.prepare(zone)
    hit = np.flatnonzero(shapely.intersects(zone, seen))
    areas[hit] = shapely.area(shapely.intersection(seen[hit], zone))
    return areas


@criterion(
    id="meeting-sightlines",
    area="calmness",
    order=35,
    weight=1.0,
    title="Sight lines into conversation rooms",
    description=(
        "For each conversation room: how much floor of the waiting area, entrance and reception (fully) and of "
        "corridors (half) can see its seats through doorways and openings (isovists; glazing only as drawn in the plan)."
    ),
    source="trauma-informed design: private spaces for sensitive conversations, no fishbowl (research note §3.7); exposure E (§1.5)",
    da=Texts(
        title="Indkig i samtalerummene",
        description=(
            "For hvert samtalerum: hvor meget gulv i venteområdet, indgangen og receptionen (tæller fuldt) og i "
            "gangene (tæller halvt) der kan se ind til siddepladserne gennem døre og åbninger."
        ),
        source=(
            "traumebevidst design: private rum til følsomme samtaler, intet »akvarium« (forskningsnotat §3.7); "
            "eksponering E (§1.5)"
        ),
    ),
)
def meeting_sightlines(plan: Plan, profile: RuleProfile) -> Finding:
    rooms = plausible_rooms(plan, RoomKind.meeting_room)
    if not rooms:
        return Finding.not_applicable("the plan has no conversation rooms", "planen har ingen samtalerum", threshold=PRIVATE,
                                      unit="m² of public floor that sees in")
    linger = zone(plan, *LINGER, public_only=True)
    passing = zone(plan, *PASS, public_only=True)
    points = {r.id: room_points(plan, r, limit=1) for r in rooms}
    flat = list(dict.fromkeys(p for r in rooms for p in points[r.id]))
    isos = dict(zip(flat, isovists(plan, flat), strict=True))
    # every (room, point) at once: each isovist outside its room, then its overlap with either zone
    pairs = [(room, p) for room in rooms for p in points[room.id]]
    outside = shapely.difference(np.array([isos[p].polygon for _, p in pairs], dtype=object),
                                 np.array([room.geometry for room, _ in pairs], dtype=object))
    seen_linger, seen_passing = _seen_areas(outside, linger).tolist(), _seen_areas(outside, passing).tolist()
    items: list[dict[str, Any]] = []
    scores, seen = [], []
    k = 0
    for room in rooms:
        exposure = 0.0
        for _ in points[room.id]:
            e = seen_linger[k] + CORRIDOR_WEIGHT * seen_passing[k]
            exposure = max(exposure, e)
            k += 1
        s = ramp(exposure, EXPOSED, PRIVATE)
        scores.append(s)
        items.append({"id": room.id, "exposure_m2": round(exposure, 1), "score": round(s, 3)})
        if s < 0.5:
            seen.append((room, exposure))
    worst = max(i["exposure_m2"] for i in items)
    if seen:
        seen.sort(key=lambda t: -t[1])
        detail = f"{len(seen)} of {len(rooms)} conversation {'room' if len(seen) == 1 else 'rooms'} can be seen into from the waiting area or corridors: " + names(
            [f"{r.label} ({e:.0f} m²)" for r, e in seen])
    else:
        detail = f"all {len(rooms)} conversation rooms are private (at most {worst:.0f} m² of waiting/corridor floor sees a seat)"
    return Finding(
        score=sum(scores) / len(scores),
        value=worst,
        threshold=PRIVATE,
        unit="m² of public floor that sees in",
        detail=detail,
        where=[r.id for r, _ in seen],
        points=[p for r, _ in seen for p in points[r.id]],
        polygons=polygons_of([r for r, _ in seen]),
        items=items,
    )
