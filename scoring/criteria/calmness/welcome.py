"""welcome: a low-threshold reception: the entrance sees the reception, no tall counter faces the door, a seat is near."""

from __future__ import annotations

import math

from floorplans.model import Plan, RoomKind
from floorplans.topology import arrival_rooms

from ...geometry import seat_points
from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding
from ...routes import routes_from_entrances, walk_graph
from ..shared import counters_in, entrance_viewpoints, isovists, names, number_prop, sees

#: A counter above this height (m) is a standing, "bank-style" barrier.
TALL_COUNTER = 1.0
#: A seat within this walk (m) of the entrance is "within reach".
SEAT_REACH = 10.0
#: Share of the reception's floor the entrance must see.
SEES_RECEPTION = 0.2


def _nearest_seat(plan: Plan) -> tuple[float, tuple[float, float] | None]:
    routes = routes_from_entrances(plan)
    g = walk_graph(plan)
    best, where = math.inf, None
    for _, x, y, rid in seat_points(plan):
        if rid is None or not plan.room(rid).is_public:
            continue
        rt = routes.get(rid)
        if rt is None:
            continue
        # walk to the last doorway before the seat's room, then straight to the seat
        last = next((n for n in reversed(rt.nodes) if g.nodes[n]["kind"] == "passage"), None)
        if last is None:
            continue
        d_last = rt.length - g.edges[last, rt.nodes[-1]]["weight"] if rt.nodes[-1] != last else rt.length
        d = d_last + math.dist(g.nodes[last]["xy"], (x, y))
        if d < best:
            best, where = d, (x, y)
    return best, where


@criterion(
    id="welcome",
    area="calmness",
    order=40,
    weight=1.5,
    title="Low-threshold welcome",
    description=(
        "On entering: the reception is in view, no tall counter faces the door as a barrier, "
        "and a seat is within a short walk (10 m)."
    ),
    source="trauma-informed design: clear sightlines on arrival, no barrier counters (research note §3.7); PAS 6463 wayfinding and preview",
    da=Texts(
        title="En rolig modtagelse",
        description=(
            "Når man kommer ind: receptionen kan ses, ingen høj skranke står som en barriere ud for døren, og der er "
            "en siddeplads inden for 10 meters gang."
        ),
        source=(
            "traumebevidst design: frit udsyn ved ankomsten, ingen skranker som barriere (forskningsnotat §3.7); PAS "
            "6463 om at finde vej og se, hvad der venter"
        ),
    ),
)
def welcome(plan: Plan, profile: RuleProfile) -> Finding:
    views = entrance_viewpoints(plan)
    receptions = plan.rooms_of_kind(RoomKind.reception)
    problems, where, pts = [], [], []
    # 1. the entrance sees the reception
    if not views:
        sees_reception = 0.0
        problems.append("no public entrance")
    elif not receptions:
        sees_reception = 0.5
        problems.append("no reception room")
    else:
        isos = isovists(plan, list(views))
        frac = max(iso.polygon.intersection(r.geometry).area / r.geometry.area for iso in isos for r in receptions)
        sees_reception = min(1.0, frac / SEES_RECEPTION)
        if frac < SEES_RECEPTION:
            problems.append(f"the entrance sees only {frac:.0%} of the reception")
            where += [r.id for r in receptions]
    # 2. no tall counter facing the door
    counters = counters_in(plan, receptions) if receptions else []
    tall = []
    unknown = []
    for c in counters:
        h = number_prop(c.extra, "height")
        low = c.extra.get("low_section") is True
        cxy = (c.geometry.centroid.x, c.geometry.centroid.y)
        facing = any(sees(plan, v, cxy) for v in views)
        if not facing:
            continue
        if h is None:
            unknown.append(c)
        elif h > TALL_COUNTER and not low:
            tall.append((c, h))
    counter_ok = 0.0 if tall else (0.5 if unknown else 1.0)
    if tall:
        problems.append("a tall counter faces the door: " + names([f"{c.id} ({h:.2f} m)" for c, h in tall]))
        where += [c.id for c, _ in tall]
        pts += [(c.geometry.centroid.x, c.geometry.centroid.y) for c, _ in tall]
    elif unknown:
        problems.append("counter height not given for " + names([c.id for c in unknown]))
    # 3. a seat within reach
    d, seat = _nearest_seat(plan)
    seat_ok = 1.0 if d <= SEAT_REACH else max(0.0, 1.0 - (d - SEAT_REACH) / SEAT_REACH)
    if d > SEAT_REACH:
        problems.append(f"no seat within {SEAT_REACH:.0f} m walk of the entrance" + (f" (nearest {d:.1f} m)" if math.isfinite(d) else ""))
        where += [door.id for door in plan.entrances] or [r.id for r in arrival_rooms(plan)]
        if seat is not None:
            pts.append(seat)
    elif seat is not None:
        pts.append(seat)
    score = (sees_reception + counter_ok + seat_ok) / 3
    if problems:
        detail = "; ".join(problems)
    else:
        detail = f"the entrance sees the reception, no tall counter faces the door, and a seat is {d:.0f} m away"
    return Finding(
        score=score,
        value=d if math.isfinite(d) else None,
        threshold=SEAT_REACH,
        unit="m to the nearest seat",
        detail=detail,
        where=where,
        points=pts,
        lines=[],
    )


__all__ = ["welcome"]
