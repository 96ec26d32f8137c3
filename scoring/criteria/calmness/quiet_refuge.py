"""quiet-refuge: each quiet nook is a refuge with prospect: little seen from the entrance and waiting area, some view out."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from floorplans.model import Plan, RoomKind, View

from ...geometry import polygons_of, room_points
from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding
from ..shared import entrance_viewpoints, isovists, names, plausible_rooms, ramp, sees, zone

#: Exposure (share of entrance + waiting + reception floor that sees the seat) at which refuge is gone / complete.
EXPOSED, SHELTERED = 0.30, 0.05
#: Back protection: share of the 360° around a seat closed off within this distance (m); refuge wants ≥ 0.4.
BACK_RADIUS, BACK_GOOD = 1.2, 0.4


def back_protection(iso, rays: int = 36) -> float:
    """Share of directions in which a wall or screen stands within 1.2 m of the seat (research note §1.5, B(s))."""
    x, y = iso.origin
    angles = np.linspace(0.0, 2 * np.pi, rays, endpoint=False)
    ends = np.column_stack([x + 60.0 * np.cos(angles), y + 60.0 * np.sin(angles)])
    lines = shapely.linestrings(np.stack([np.tile([x, y], (rays, 1)), ends], axis=1))
    radial = shapely.length(shapely.intersection(lines, iso.polygon))
    return float(np.mean(radial <= BACK_RADIUS))


def _view_out(plan: Plan, iso) -> float:
    """1 for a view of green (window onto green, a plant, a green area), 0.7 for another window, else 0."""
    poly = iso.polygon.buffer(0.05)
    best = 0.0
    for w in plan.windows:
        if poly.intersects(w.geometry):
            best = max(best, 1.0 if w.view == View.green else 0.7)
    if best < 1.0:
        for p in plan.plants:
            if poly.intersects(p.geometry):
                return 1.0
        for r in plan.rooms_of_kind(RoomKind.green_area):
            if iso.polygon.intersection(r.geometry).area > 1.0:
                return 1.0
    return best


@criterion(
    id="quiet-refuge",
    area="calmness",
    order=10,
    weight=2.0,
    title="Quiet nooks: refuge with prospect",
    description=(
        "From each seat of each quiet nook (isovists): how much of the entrance, reception and waiting area can see it "
        "(refuge: little), whether the entrance sees it, walls close behind it (back protection), and whether it has "
        "a view out to a window or green (prospect)."
    ),
    source="Appleton 1975 prospect–refuge; Dosen & Ostwald 2016; Terrapin 14 Patterns P11/P12 (research note §1.5: exposure ≤ 0.10, focal length ≥ 6 m)",
    da=Texts(
        title="Stille kroge: i ly, men med udsyn",
        description=(
            "Fra hver siddeplads i de stille kroge: hvor meget af indgang, reception og venteområde der kan se den "
            "(jo mindre, jo bedre), om den ses fra indgangen, om der er væg tæt bag ryggen, og om man kan se ud ad et"
            " vindue eller på grønt."
        ),
        source=(
            "Appleton 1975 udsyn og ly (prospect–refuge); Dosen & Ostwald 2016; Terrapin 14 Patterns P11/P12 "
            "(forskningsnotat §1.5: eksponering ≤ 0,10, udsynslængde ≥ 6 m)"
        ),
    ),
)
def quiet_refuge(plan: Plan, profile: RuleProfile) -> Finding:
    nooks = plausible_rooms(plan, RoomKind.quiet_nook)
    if not nooks:
        waiting = plan.rooms_of_kind(RoomKind.waiting, RoomKind.entrance)  # where one would need somewhere to withdraw
        if not waiting and not plan.entrances:  # no one waits or comes in here: nothing to withdraw from
            return Finding.not_applicable("the plan has no quiet nook and no entrance or waiting area to withdraw from",
                                          "planen har ingen stille krog og intet indgangs- eller venteområde at trække sig fra",
                                          threshold=0.10, unit="share seen")
        return Finding(score=0.0, detail="the plan has no quiet nook to withdraw to from the entrance or waiting area",
                       threshold=0.10, unit="share seen", where=[r.id for r in waiting] or [d.id for d in plan.entrances])
    public = zone(plan, RoomKind.entrance, RoomKind.waiting, RoomKind.reception)
    area = public.area or 1.0
    doors = entrance_viewpoints(plan)
    items: list[dict[str, Any]] = []
    scores, exposed, pts = [], [], []
    for nook in nooks:
        seats = room_points(plan, nook, limit=3)
        isos = isovists(plan, seats)
        point_scores, worst_e, seen_from_door, view = [], 0.0, False, 0.0
        for xy, iso in zip(seats, isos, strict=True):
            e = iso.polygon.intersection(public).area / area if not public.is_empty else 0.0
            by_door = any(sees(plan, d, xy) for d in doors)
            out = _view_out(plan, iso)
            back = back_protection(iso)
            refuge = (0.75 * ramp(e, EXPOSED, SHELTERED) + 0.25 * ramp(back, 0.0, BACK_GOOD)) * (0.4 if by_door else 1.0)
            prospect = 0.6 * out + 0.4 * ramp(iso.max_radial, 2.0, 6.0)
            point_scores.append(0.65 * refuge + 0.35 * prospect)
            worst_e = max(worst_e, e)
            seen_from_door |= by_door
            view = max(view, out)
        s = sum(point_scores) / len(point_scores)
        scores.append(s)
        items.append({"id": nook.id, "score": round(s, 3), "exposure": round(worst_e, 3), "seen_from_entrance": seen_from_door, "view_out": view})
        if s < 0.6:
            why = []
            if seen_from_door:
                why.append("seen from the entrance")
            if worst_e > SHELTERED:
                why.append(f"{worst_e:.0%} of the entrance/waiting floor sees it")
            if view == 0:
                why.append("no view out")
            exposed.append((nook, why or ["little refuge"]))
            pts += seats
    worst = max(i["exposure"] for i in items)
    if exposed:
        detail = f"{len(exposed)} of {len(nooks)} quiet {'nook gives' if len(exposed) == 1 else 'nooks give'} poor refuge: " + "; ".join(f"{n.label} ({names(w)})" for n, w in exposed)
    else:
        detail = f"all {len(nooks)} quiet nooks are sheltered (at most {worst:.0%} of the entrance/waiting floor sees a seat) " + (
            "and have a view out" if all(i["view_out"] > 0 for i in items) else "but some lack a view out")
    return Finding(
        score=sum(scores) / len(scores),
        value=worst,
        threshold=0.10,
        unit="share of entrance/waiting floor that sees the nook",
        detail=detail,
        where=[n.id for n, _ in exposed] or [n.id for n in nooks],  # the poor ones, else every nook it judged
        points=pts,
        polygons=polygons_of([n for n, _ in exposed]),
        items=items,
    )
