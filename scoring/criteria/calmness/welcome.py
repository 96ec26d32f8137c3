"""welcome: a low-threshold reception: the entrance sees the reception, no tall counter faces the door, a seat is near."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from floorplans.model import Furniture, Plan, Room, RoomKind
from floorplans.topology import arrival_rooms

from ...geometry import seat_points
from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding
from ...routes import routes_from_entrances, walk_graph
from ..shared import counters_in, entrance_viewpoints, isovists, names, number_prop, plausible_rooms, sees

XY = tuple[float, float]

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
    if not views:
        return Finding.not_applicable("the plan has no public entrance, lift or stair to arrive by",
                                      "planen har ingen offentlig indgang, elevator eller trappe at ankomme ad",
                                      threshold=SEAT_REACH, unit="m to the nearest seat")
    receptions = plausible_rooms(plan, RoomKind.reception)
    d, seat = _nearest_seat(plan)
    checks: tuple[_Check, ...] = (_seat_within_reach(plan, d, seat),)
    if receptions or plan.entrances:  # an upper floor without a reception has its reception where citizens come in
        checks = (_reception_in_view(plan, views, receptions), _no_tall_counter(plan, views, receptions), *checks)
    problems = [text for check in checks for text in check.problems]
    if problems:
        detail = "; ".join(problems)
    else:
        detail = f"the entrance sees the reception, no tall counter faces the door, and a seat is {d:.0f} m away"
    return Finding(
        score=sum(c.score for c in checks) / len(checks),
        value=d if math.isfinite(d) else None,
        threshold=SEAT_REACH,
        unit="m to the nearest seat",
        detail=detail,
        where=[fid for check in checks for fid in check.where],
        points=[xy for check in checks for xy in check.points],
        lines=[],
    )


@dataclass
class _Check:
    """One of the three parts of a welcome: its score 0..1, what is wrong, and where."""

    score: float
    problems: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    points: list[XY] = field(default_factory=list)


def _reception_in_view(plan: Plan, views: tuple[XY, ...], receptions: list[Room]) -> _Check:
    """1. the entrance sees the reception (a share of its floor)."""
    if not receptions:
        return _Check(0.0, ["no reception room by the entrance"], [d.id for d in plan.entrances])
    isos = isovists(plan, list(views))
    frac = max(iso.polygon.intersection(r.geometry).area / r.geometry.area for iso in isos for r in receptions)
    check = _Check(min(1.0, frac / SEES_RECEPTION))
    if frac < SEES_RECEPTION:
        check.problems.append(f"the entrance sees only {frac:.0%} of the reception")
        check.where += [r.id for r in receptions]
    return check


def _no_tall_counter(plan: Plan, views: tuple[XY, ...], receptions: list[Room]) -> _Check:
    """2. no tall counter in the reception faces the door (a counter of unknown height counts half)."""
    tall: list[tuple[Furniture, float]] = []
    unknown: list[Furniture] = []
    for c in counters_in(plan, receptions) if receptions else []:
        h = number_prop(c.extra, "height")
        low = c.extra.get("low_section") is True
        cxy = (c.geometry.centroid.x, c.geometry.centroid.y)
        if not any(sees(plan, v, cxy) for v in views):
            continue
        if h is None:
            unknown.append(c)
        elif h > TALL_COUNTER and not low:
            tall.append((c, h))
    if tall:
        return _Check(0.0, ["a tall counter faces the door: " + names([f"{c.id} ({h:.2f} m)" for c, h in tall])],
                      [c.id for c, _ in tall], [(c.geometry.centroid.x, c.geometry.centroid.y) for c, _ in tall])
    if unknown:
        return _Check(0.5, ["counter height not given for " + names([c.id for c in unknown])])
    return _Check(1.0)


def _seat_within_reach(plan: Plan, d: float, seat: XY | None) -> _Check:
    """3. a seat within SEAT_REACH of the entrance (``d``: the walk to the nearest, at ``seat``)."""
    check = _Check(1.0 if d <= SEAT_REACH else max(0.0, 1.0 - (d - SEAT_REACH) / SEAT_REACH))
    if d > SEAT_REACH:
        check.problems.append(f"no seat within {SEAT_REACH:.0f} m walk of the entrance" + (f" (nearest {d:.1f} m)" if math.isfinite(d) else ""))
        check.where += [door.id for door in plan.entrances] or [r.id for r in arrival_rooms(plan)]
    if seat is not None:
        check.points.append(seat)
    return check


__all__ = ["welcome"]
