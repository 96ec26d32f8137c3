"""waiting-density: floor area per seat in the waiting area."""

from __future__ import annotations

from floorplans.model import Plan, RoomKind

from ...geometry import room_seats
from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding
from ..shared import names, plausible_rooms, ramp

#: m² per seated person: crowded below 1.0, the AusHFG guide 1.2–1.5, roomy and calm from 2.5.
CROWDED, GUIDE, ROOMY = 1.0, 1.5, 2.5


@criterion(
    id="waiting-density",
    area="calmness",
    order=70,
    weight=1.0,
    title="Waiting-area density",
    description="Waiting floor area per seat (seats drawn in the plan, else the rooms' capacity).",
    source="Australasian Health Facility Guidelines, waiting: 1.2 m² per person + 1.5 m² per wheelchair space; < 1.0 m² crowded (research note §3.6)",
    da=Texts(
        title="Plads i venteområdet",
        description="Gulvareal i venteområdet pr. siddeplads (de tegnede siddepladser, ellers rummenes kapacitet).",
        source=(
            "Australasian Health Facility Guidelines, venteområder: 1,2 m² pr. person + 1,5 m² pr. kørestolsplads; < "
            "1,0 m² er trangt (forskningsnotat §3.6)"
        ),
    ),
)
def waiting_density(plan: Plan, profile: RuleProfile) -> Finding:
    rooms = plausible_rooms(plan, RoomKind.waiting)
    if not rooms:
        return Finding.not_applicable("the plan has no waiting area", "planen har intet venteområde", threshold=GUIDE, unit="m² per seat")
    area = sum(r.geometry.area for r in rooms)
    seats = sum(len(room_seats(plan, r)) for r in rooms)
    counted = "seats"
    if seats == 0:
        seats = sum(r.capacity or 0 for r in rooms)
        counted = "places (capacity)"
    if seats == 0:
        return Finding.not_applicable(
            f"the waiting area ({area:.0f} m²) has no seats or capacity in the plan: draw the seats or set its capacity",
            f"venteområdet ({area:.0f} m²) har ingen siddepladser eller kapacitet i planen: tegn pladserne eller angiv kapaciteten",
            threshold=GUIDE, unit="m² per seat",
                       where=[r.id for r in rooms])
    per = area / seats
    if per < CROWDED:
        verdict = "crowded"
    elif per < GUIDE:
        verdict = "tight"
    elif per < ROOMY:
        verdict = "adequate"
    else:
        verdict = "roomy"
    return Finding(
        score=0.6 * ramp(per, CROWDED, GUIDE) + 0.4 * ramp(per, GUIDE, ROOMY),
        value=per,
        threshold=GUIDE,
        unit="m² per seat",
        detail=f"{area:.0f} m² of waiting area for {seats} {counted}: {per:.1f} m² each ({verdict}; guide ≥ {GUIDE} m², calm from {ROOMY} m²) in {names([r.label for r in rooms])}",
        where=[r.id for r in rooms] if per < ROOMY else [],  # short of calm: point at the waiting rooms
    )
