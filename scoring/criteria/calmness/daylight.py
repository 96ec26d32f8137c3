"""daylight: public rooms where people stay have windows, and seats are near a window."""

from __future__ import annotations

import math

from shapely.geometry import Point

from floorplans.model import Plan, RoomKind

from ...geometry import polygons_of, room_seats
from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding
from ..shared import names, window_rooms

#: WELL v1 "Right to light": seats within 7.5 m of a window.
NEAR_WINDOW = 7.5
#: Rooms passed through or used briefly: no daylight expected.
_TRANSIT = frozenset({RoomKind.corridor, RoomKind.wc, RoomKind.wc_accessible, RoomKind.storage, RoomKind.stairs, RoomKind.lift, RoomKind.entrance})


@criterion(
    id="daylight",
    area="calmness",
    order=60,
    weight=1.0,
    title="Daylight and seats by a window",
    description=(
        "Share of the public rooms where people stay (by area) that have a window, and share of their seats "
        "within 7.5 m of a window of the same room."
    ),
    source="BR18 §379 daylight in rooms for work and stay; WELL v1 Right to light (75 % within 7.5 m); EN 17037 view out [R]",
    da=Texts(
        title="Dagslys og pladser ved vinduer",
        description=(
            "Andelen af de rum, hvor borgerne opholder sig, der har vinduer, og andelen af siddepladserne, der er "
            "højst 7,5 meter fra et vindue."
        ),
        source=(
            "BR18 §379 dagslys i rum til arbejde og ophold; WELL v1 Right to light (75 % inden for 7,5 m); EN 17037 "
            "udsyn (til bekræftelse)"
        ),
    ),
)
def daylight(plan: Plan, profile: RuleProfile) -> Finding:
    rooms = [r for r in plan.rooms if r.is_public and r.kind not in _TRANSIT]
    if not rooms:
        return Finding(score=0.0, detail="the plan has no public rooms to stay in", threshold=0.75, unit="share of seats")
    lit = window_rooms(plan)
    total = sum(r.geometry.area for r in rooms)
    dark = [r for r in rooms if not lit.get(r.id)]
    room_share = 1.0 - sum(r.geometry.area for r in dark) / total
    seats_total, seats_near, far_points = 0, 0, []
    for r in rooms:
        windows = lit.get(r.id, [])
        for _, x, y in room_seats(plan, r):
            seats_total += 1
            seat_point = Point(x, y)
            d = min((w.geometry.distance(seat_point) for w in windows), default=math.inf)
            if d <= NEAR_WINDOW:
                seats_near += 1
            else:
                far_points.append((x, y))
    seat_share = seats_near / seats_total if seats_total else None
    score = room_share if seat_share is None else 0.5 * room_share + 0.5 * seat_share
    detail = f"{room_share:.0%} of the public rooms (by area) have windows"
    if seat_share is not None:
        detail += f"; {seats_near} of {seats_total} seats ({seat_share:.0%}) within {NEAR_WINDOW} m of a window"
    if dark:
        detail += "; no window in " + names([r.label for r in sorted(dark, key=lambda r: -r.geometry.area)])
    return Finding(
        score=score,
        value=seat_share if seat_share is not None else room_share,
        threshold=0.75,
        unit="share of seats near a window" if seat_share is not None else "share of rooms with windows",
        detail=detail,
        where=[r.id for r in dark],
        points=far_points[:50],
        polygons=polygons_of(dark),
    )
