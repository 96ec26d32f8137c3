"""turning-space: a wheelchair turning circle fits in each public room and at corridor ends and turns."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, Polygon

from floorplans.model import Opening, Plan, Room, RoomKind

from ...geometry import clearance_circle, free_space, polygons_of
from ...profiles import RuleProfile
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ...routes import passages_by_room
from ..shared import fmt_len, names, public_rooms, share

#: Rooms that need no turning circle of their own (a lift car and stairs are other rules; a plain WC is not the accessible one).
_EXEMPT = frozenset({RoomKind.corridor, RoomKind.wc, RoomKind.stairs, RoomKind.lift, RoomKind.storage})
#: A corridor edge this short between two convex corners is an end of the corridor.
_END_EDGE = 3.0


def corridor_loci(poly: Polygon) -> list[tuple[str, tuple[float, float]]]:
    """The ends (short edges between convex corners) and turns (reflex corners) of a corridor outline."""
    poly = shapely.geometry.polygon.orient(poly, 1.0)
    pts = np.asarray(poly.exterior.coords)[:-1]
    n = len(pts)
    if n < 3:
        return []
    prev, nxt = np.roll(pts, 1, axis=0), np.roll(pts, -1, axis=0)
    cross = (pts[:, 0] - prev[:, 0]) * (nxt[:, 1] - pts[:, 1]) - (pts[:, 1] - prev[:, 1]) * (nxt[:, 0] - pts[:, 0])
    convex = cross > 1e-9
    loci: list[tuple[str, tuple[float, float]]] = []
    for i in range(n):
        j = (i + 1) % n
        if convex[i] and convex[j] and math.dist(pts[i], pts[j]) <= _END_EDGE:
            loci.append(("end", ((pts[i, 0] + pts[j, 0]) / 2, (pts[i, 1] + pts[j, 1]) / 2)))
        if cross[i] < -1e-9:
            loci.append(("turn", (float(pts[i, 0]), float(pts[i, 1]))))
    return loci


def _corridor_region(plan: Plan, corridor: Room):
    """The corridor's floor plus rooms open to it (joined by openings): where one can turn."""
    parts = [free_space(plan, corridor)]
    for p in passages_by_room(plan).get(corridor.id, []):
        if isinstance(p.feature, Opening):
            parts += [free_space(plan, plan.room(rid)) for rid in p.rooms if rid != corridor.id]
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


DIAMETER = Limit("turning_diameter", en="Wheelchair turning circle", da="Vendecirkel for kørestol")


@criterion(
    id="turning-space",
    area="accessibility",
    order=50,
    weight=1.0,
    title="Wheelchair turning space",
    description="A turning circle of the profile's diameter fits in every public room (furniture counted) and near every corridor end and turn.",
    source="rule profile: turning diameter",
    da=Texts(
        title="Plads til at vende en kørestol",
        description="En vendecirkel af standardens størrelse kan være i hvert offentligt rum (møbler regnes med) "
                    "og ved hver ende og drejning af gangene.",
        source="standardens grænse: vendecirklens diameter",
    ),
    thresholds=(DIAMETER,),
)
def turning_space(plan: Plan, profile: RuleProfile) -> Finding:
    th = DIAMETER.of(profile)
    d = th.value
    items: list[dict[str, Any]] = []
    bad_rooms, bad_points = [], []
    for room in public_rooms(plan):
        if room.kind in _EXEMPT:
            continue
        floor = free_space(plan, room)
        ok = not floor.buffer(-(d / 2 - 0.005), quad_segs=4).is_empty  # cheap test first; measure only the failures
        width = d if ok else 2 * clearance_circle(floor)[1]
        items.append({"id": room.id, "diameter": round(width, 3), "ok": ok})
        if not ok:
            bad_rooms.append((room, width))
    corridor_fails = []
    for corridor in plan.rooms_of_kind(RoomKind.corridor):
        if not corridor.is_public:
            continue
        loci = corridor_loci(corridor.geometry)
        if not loci:
            continue
        eroded = _corridor_region(plan, corridor).buffer(-(d / 2 - 0.005), quad_segs=4)
        for kind, xy in loci:
            ok = (not eroded.is_empty) and eroded.distance(Point(xy)) <= d
            items.append({"id": corridor.id, "locus": kind, "xy": [round(xy[0], 3), round(xy[1], 3)], "ok": ok})
            if not ok:
                corridor_fails.append((corridor, kind, xy))
                bad_points.append(xy)
    total = len(items)
    if not total:
        return Finding.not_applicable("the plan has no public rooms or corridors where a wheelchair must turn",
                                      "planen har ingen offentlige rum eller gange, hvor en kørestol skal vende",
                                      threshold=d, unit="m", source=th.source)
    failed = len(bad_rooms) + len(corridor_fails)
    smallest = min((i["diameter"] for i in items if "diameter" in i), default=None)  # d when all fit
    parts = []
    if bad_rooms:
        parts.append(f"{len(bad_rooms)} {'room is' if len(bad_rooms) == 1 else 'rooms are'} too tight for a {fmt_len(d)} m circle: " + names([f"{r.label} ({w:.2f} m)" for r, w in bad_rooms]))
    if corridor_fails:
        parts.append(f"{len(corridor_fails)} corridor {'end or turn has' if len(corridor_fails) == 1 else 'ends or turns have'} no {fmt_len(d)} m circle nearby (" + names(sorted({c.label for c, _, _ in corridor_fails})) + ")")
    detail = "; ".join(parts) if parts else f"a {fmt_len(d)} m turning circle fits in all {total} rooms, corridor ends and turns checked"
    where = [r.id for r, _ in bad_rooms] + sorted({c.id for c, _, _ in corridor_fails})
    return Finding(
        score=share(total - failed, total),
        passed=(failed == 0) if th.binding else None,
        value=smallest,
        threshold=d,
        unit="m",
        detail=detail,
        where=where,
        points=bad_points,
        polygons=polygons_of([r for r, _ in bad_rooms]),
        source=th.source,
        items=items,
    )
