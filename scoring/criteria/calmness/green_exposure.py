"""green-exposure: seats that see green through a window, and indoor plants by the floor they cover.

Two parts:

* **View of green (70 %).** From each seat in the public rooms where people
  stay (``scoring.daylight.seats``, the same isovists as view-out), the
  horizontal angle of window glass at seated eye height that looks onto green
  (``view: green``). A seat sees green at 14° or more (EN 17037's minimum view
  angle, applied to the green part); partial credit below. The share of seats
  that see green scores from 0 to full at 75 % (Terrapin P1: ≥ 75 % of
  waiting seats; Fitwel: ≥ 51 %).
* **Indoor greenery (30 %).** Plants count by the floor they cover (a pot drawn
  as a point: 0.25 m²) against WELL's 1 % of the public floor, with
  diminishing returns (``scoring.greenery``): one pot in a 600 m² public floor
  is worth a few hundredths of the criterion, well under a point of calmness.

A room relabelled ``green_area`` earns nothing by its label: only plants and
windows onto green count.
"""

from __future__ import annotations

from collections import defaultdict

from floorplans.model import Plan, RoomKind

from ...acoustics.wording import Text, join, num
from ...daylight.rooms import rooms_to_light
from ...daylight.seats import SeatView, seat_views, view_points
from ...daylight.view import VIEW_MINIMUM
from ...geometry import polygons_of
from ...greenery import PLANT_COVER_TARGET, greenery_credit, plants_in
from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding
from ..shared import green_windows, implausible, isovists, ramp

#: Share of seats seeing green for full marks (Terrapin P1: 75 % of waiting seats).
GREEN_SEATS = 0.75
#: Degrees of glass onto green a seat must see to count fully (EN 17037's minimum view angle).
GREEN_ANGLE = VIEW_MINIMUM
#: Weights of the two parts.
VIEW_PART, PLANT_PART = 0.7, 0.3
_NOT_FLOOR = frozenset({RoomKind.wc, RoomKind.wc_accessible, RoomKind.storage, RoomKind.stairs, RoomKind.lift})


def _seat_green(v: SeatView) -> float:
    return min(1.0, v.green_angle / GREEN_ANGLE)


@criterion(
    id="green-exposure",
    area="calmness",
    order=50,
    weight=1.0,
    title="Green exposure",
    description=(
        f"Share of the seats in the public rooms where people stay that see at least {GREEN_ANGLE:.0f}° of window onto green "
        f"(isovists at seated eye height; full marks at {GREEN_SEATS:.0%}), 70 %; and indoor plants by the floor they "
        f"cover against {PLANT_COVER_TARGET:.0%} of the public floor, with diminishing returns, 30 %."
    ),
    source=("Terrapin 14 Patterns P1 visual connection with nature (≥ 75 % of waiting seats); Ulrich 1984; Fitwel views of "
            "nature (≥ 51 %); EN 17037 view angle 14°; WELL v1 Feature 100 Biophilia II part 2 (plants cover ≥ 1 % of the floor)"),
    da=Texts(
        title="Grønt i synsfeltet",
        description=(
            f"Andelen af pladserne i de offentlige opholdsrum, der ser mindst {GREEN_ANGLE:.0f}° vindue ud mod grønt "
            f"(isovister i siddende øjenhøjde; fuld score ved 75 %), 70 %; og planter efter det gulvareal, de dækker, "
            f"mod 1 % af det offentlige gulv, med aftagende udbytte, 30 %."
        ),
        source=("Terrapin 14 Patterns P1 visuel forbindelse til naturen (≥ 75 % af ventepladserne); Ulrich 1984; Fitwel udsyn "
                "til natur (≥ 51 %); EN 17037 synsvinkel 14°; WELL v1 Feature 100 Biophilia II del 2 (planter dækker ≥ 1 % af "
                "gulvet)"),
    ),
)
def green_exposure(plan: Plan, profile: RuleProfile) -> Finding:
    skip = implausible(plan)
    stay = rooms_to_light(plan, skip=skip)
    floor_rooms = [r for r in plan.rooms if r.is_public and r.kind not in _NOT_FLOOR and r.id not in skip]
    floor = sum(r.geometry.area for r in floor_rooms)
    if not stay or floor <= 0:
        return Finding.not_applicable("the plan has no public rooms where people stay", "planen har ingen offentlige opholdsrum",
                                      threshold=GREEN_SEATS, unit="share of seats seeing green")
    views = seat_views(plan, stay, isovists) if green_windows(plan) else []
    n_seats = len(views) or sum(len(view_points(plan, r)[0]) for r in stay)  # no window onto green: no seat sees any
    seen = sum(_seat_green(v) for v in views) / n_seats
    plants = plants_in(plan, floor_rooms)
    cover = sum(p.covered_area for p in plants)
    credit = greenery_credit(cover, floor)
    score = VIEW_PART * ramp(seen, 0.0, GREEN_SEATS) + PLANT_PART * credit

    by_room: dict[str, list[SeatView]] = defaultdict(list)
    for v in views:
        by_room[v.room_id].append(v)
    without = [r for r in stay if not any(v.green_angle >= GREEN_ANGLE for v in by_room.get(r.id, []))]
    without.sort(key=lambda r: -r.geometry.area)
    n_green = sum(v.green_angle >= GREEN_ANGLE for v in views)
    text = Text(f"{n_green} of {n_seats} seats ({seen:.0%}) see at least {GREEN_ANGLE:.0f}° of window onto green; ",
                f"{n_green} af {n_seats} pladser ({num(100 * seen, 0, 'da')} %) ser mindst {GREEN_ANGLE:.0f}° vindue mod grønt; ")
    share = cover / floor
    text = text + Text(
        f"plants cover {num(cover, 1)} m² ({num(100 * share, 2)} % of the {num(floor)} m² public floor; WELL: 1 %)",
        f"planter dækker {num(cover, 1, 'da')} m² ({num(100 * share, 2, 'da')} % af det offentlige gulv på {num(floor, 0, 'da')} m²; WELL: 1 %)")
    if without:
        text = text + Text(f". No green in view from {join([r.label for r in without])}",
                           f". Intet grønt i synsfeltet fra {join([r.label for r in without], 'da')}")
    text = text + Text(".", ".")
    if seen < GREEN_SEATS and without:
        r = without[0]
        text = text + Text(f" Seats in {r.label} facing a window onto green (a courtyard planted, or the use moved to a room by "
                           "one) would count.",
                           f" Pladser i {r.label} med udsyn til et vindue mod grønt (en beplantet gård, eller funktionen flyttet "
                           "til et rum ved et sådant) ville tælle med.")
    if share < PLANT_COVER_TARGET:
        more = PLANT_COVER_TARGET * floor - cover
        text = text + Text(f" Plants covering {num(more, 1)} m² more would reach WELL's 1 %.",
                           f" Planter, der dækker {num(more, 1, 'da')} m² mere, ville nå WELL's 1 %.")
    return Finding(
        score=score,
        value=seen,
        threshold=GREEN_SEATS,
        unit="share of seats seeing green",
        detail=text.en,
        detail_da=text.da,
        where=[r.id for r in without],
        polygons=polygons_of(without),
        points=[v.xy for v in views if v.green_angle < GREEN_ANGLE][:50],
        items=[{"id": r.id, "seats": len(by_room.get(r.id, [])),
                "seeing_green": sum(v.green_angle >= GREEN_ANGLE for v in by_room.get(r.id, []))} for r in stay]
        + [{"plants": len(plants), "cover_m2": round(cover, 2), "public_floor_m2": round(floor, 1),
            "greenery_credit": round(credit, 3)}],
    )


__all__ = ["green_exposure"]
