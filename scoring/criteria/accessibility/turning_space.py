"""turning-space: a wheelchair turning circle fits in each public room and at corridor ends and turns."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from floorplans.model import Opening, Plan, Room, RoomKind

from ...geometry import centroid_fits, clearance_circle, free_space, largest_polygon, points_fit, polygons_of
from ...profiles import RuleProfile
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ...routes import _MANY_HOLES, eroded, passages_by_room
from ..shared import fmt_len, names, public_rooms, share

#: Rooms that need no turning circle of their own (a lift car and stairs are other rules; a plain WC is not the accessible one).
_EXEMPT = frozenset({RoomKind.corridor, RoomKind.wc, RoomKind.stairs, RoomKind.lift, RoomKind.storage})
#: A corridor edge this short between two convex corners is an end of the corridor.
_END_EDGE = 3.0


def corridor_loci(poly: Polygon) -> list[tuple[str, tuple[float, float]]]:
    """The ends (short edges between convex corners) and turns (reflex corners) of a corridor outline.

    Worked out on the corners as Python floats (the same arithmetic, operation by operation, as on
    arrays; a few dozen corners cost less so than in numpy's scalar indexing).
    """
    poly = shapely.geometry.polygon.orient(poly, 1.0)
    pts = shapely.get_coordinates(poly.exterior)[:-1]
    n = len(pts)
    if n < 3:
        return []
    xs, ys = pts[:, 0].tolist(), pts[:, 1].tolist()
    # (this corner - the one before) x (the one after - this corner)
    cross = [(xs[i] - xs[i - 1]) * (ys[(i + 1) % n] - ys[i]) - (ys[i] - ys[i - 1]) * (xs[(i + 1) % n] - xs[i])
             for i in range(n)]
    loci: list[tuple[str, tuple[float, float]]] = []
    for i in range(n):
        j = (i + 1) % n
        if cross[i] > 1e-9 and cross[j] > 1e-9 and math.dist((xs[i], ys[i]), (xs[j], ys[j])) <= _END_EDGE:
            loci.append(("end", ((xs[i] + xs[j]) / 2, (ys[i] + ys[j]) / 2)))
        if cross[i] < -1e-9:
            loci.append(("turn", (xs[i], ys[i])))
    return loci


def _shown_at(kind: str, xy: tuple[float, float]) -> list[float]:
    """A locus's point as the report gives it: to the mm.

    An end's point was numpy's (a mean of array values), which rounds by scaling, rounding to an
    integer (half to even) and scaling back; a turn's was a Python float, correctly rounded. Both are
    kept, for the same reports.
    """
    if kind != "end":
        return [round(xy[0], 3), round(xy[1], 3)]
    return [_numpy_round3(xy[0]), _numpy_round3(xy[1])]


def _numpy_round3(x: float) -> float:
    """``round(numpy.float64(x), 3)``: x * 1000 rounded half to even, / 1000 (keeping the sign of a zero)."""
    scaled = x * 1000.0
    whole = round(scaled)
    return whole / 1000.0 if whole else math.copysign(0.0, scaled)


def _region_parts(plan: Plan, corridor: Room) -> list[BaseGeometry]:
    """The corridor's floor and the floors of the rooms open to it (joined by openings)."""
    parts = [free_space(plan, corridor)]
    for p in passages_by_room(plan).get(corridor.id, []):
        if isinstance(p.feature, Opening):
            parts += [free_space(plan, plan.room(rid)) for rid in p.rooms if rid != corridor.id]
    return parts


def _corridor_region(plan: Plan, corridor: Room):
    """The corridor's floor plus rooms open to it (joined by openings): where one can turn."""
    parts = _region_parts(plan, corridor)
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


def _region_near(parts: list[BaseGeometry], box: BaseGeometry) -> BaseGeometry:
    """The union of the parts cut to the box (its polygons: a part touching the box along its edge leaves a line
    there, far from the points tested)."""
    cut = shapely.get_parts(shapely.intersection(np.array(parts, dtype=object), box))
    return shapely.union_all(cut[shapely.get_type_id(cut) == 3])


#: Margin (m) by which a point's clearance must beat the circle's radius for the quick tests to settle a case.
_SURE = 1e-6
#: A floor with more corners than this tries the inscribed circle before eroding.
_INTRICATE = 40
#: Where the quick corridor test looks for a circle's centre: distances from the locus as shares of the reach
#: (a ring after the other), each in 8 directions.
_RINGS = (0.5, 0.95)
_DIRECTIONS = 8
#: A corridor region with more corners than this is eroded near each doubtful locus, not as a whole.
_COMPLEX = 150
#: ... unless more loci than this are in doubt: then eroding it once is cheaper.
_FEW = 4
#: A region cut about a locus (:func:`_box_about`) reaches this much (m) beyond the walls its quick test looks at
#: and its erosion near the locus needs.
_CUT_MARGIN = 0.05


def _room_fits(floor: BaseGeometry, radius: float, centroid_fit: bool | None = None) -> bool:
    """Whether ``floor.buffer(-radius, quad_segs=4)`` is non-empty: a circle of ``radius`` fits.

    A coarse inscribed circle settles most rooms (its centre is farther than ``radius`` from every
    wall, so it lies in the eroded floor, which polygonised arcs only enlarge); the erosion itself,
    costly on outlines with hundreds of corners, is computed only for the rest (and for simple floors,
    where it is cheaper than the circle). ``centroid_fit``: :func:`centroid_fits` of the floor, where known.
    """
    if centroid_fits(floor, radius) if centroid_fit is None else centroid_fit:  # most rooms: cheaper than the tests below
        return True
    poly = largest_polygon(floor)
    if shapely.get_num_coordinates(floor) > _INTRICATE and not poly.is_empty:
        line = shapely.maximum_inscribed_circle(poly, 0.05)
        if line.length > radius + _SURE:
            return True
    return not floor.buffer(-radius, quad_segs=4).is_empty


def _ring_points(loci: np.ndarray, distance: float) -> np.ndarray:
    """(len(loci), _DIRECTIONS, 2): points at ``distance`` around each locus."""
    return loci[:, None, :] + (_AROUND * distance)[None, :, :]


def _directions() -> np.ndarray:
    """(_DIRECTIONS, 2): the unit vectors of the directions :func:`_ring_points` looks in."""
    angles = np.linspace(0.0, 2 * np.pi, _DIRECTIONS, endpoint=False)
    return np.column_stack([np.cos(angles), np.sin(angles)])


_AROUND = _directions()  # worked out once, not per ring


def _surely_near(region: BaseGeometry, loci: list[tuple[float, float]], radius: float, reach: float) -> np.ndarray:
    """Per locus, True when a point within ``reach`` of it is inside ``region`` and farther than ``radius`` from its edge.

    Such a point lies in the region eroded by ``radius`` (polygonised arcs only enlarge the erosion), so the
    exact test (the erosion's distance to the locus is at most ``reach``) holds: False means "not shown", not "fails".
    The points are tried ring by ring around the loci not yet shown.
    """
    return _surely_near_many([region], [loci], radius, reach)[0]


def _surely_near_many(regions: list[BaseGeometry], loci: list[list[tuple[float, float]]], radius: float,
                      reach: float) -> list[np.ndarray]:
    """:func:`_surely_near` of each region with its loci: each ring's points of all of them in one call of each
    shapely function (the same GEOS tests of the same points against the same regions: the same answers)."""
    if not regions:
        return []
    sizes = [len(some) for some in loci]
    xy = np.asarray([p for some in loci for p in some], dtype=float).reshape(-1, 2)
    owner = np.repeat(np.arange(len(regions)), sizes)
    areas = np.array(regions, dtype=object)
    edges = shapely.boundary(areas)
    shapely.prepare(areas)
    shapely.prepare(edges)
    sure = np.zeros(len(xy), dtype=bool)
    for part in _RINGS:
        todo = np.flatnonzero(~sure)
        if not len(todo):
            break
        pts = _ring_points(xy[todo], part * reach * (1 - _SURE))
        flat = pts.reshape(-1, 2)
        whose = np.repeat(owner[todo], _DIRECTIONS)
        inside = shapely.contains_xy(areas[whose], flat[:, 0], flat[:, 1])
        clear = np.zeros(len(flat), dtype=bool)
        clear[inside] = ~shapely.dwithin(edges[whose[inside]], shapely.points(flat[inside]), radius + _SURE)
        sure[todo] = clear.reshape(pts.shape[:2]).any(axis=1)
    return np.split(sure, np.cumsum(sizes)[:-1])


def _near(eroded: BaseGeometry, xy: tuple[float, float], reach: float) -> bool:
    return (not eroded.is_empty) and eroded.distance(Point(xy)) <= reach


def _whole_erosion(region: BaseGeometry, radius: float) -> list[BaseGeometry]:
    """The region eroded by ``radius``: in one go, or part by part where a part has many holes.

    A stair drawn as dozens of sliver holes makes the one-go buffer slow (GEOS nodes every hole's grown outline
    against every other): such a part is eroded as :func:`scoring.routes.eroded` erodes a floor, the same region
    to rounding, and the parts (apart, or touching at corners where no circle can cross) one by one.
    """
    parts = list(getattr(region, "geoms", [region]))
    if not any(isinstance(p, Polygon) and len(p.interiors) >= _MANY_HOLES for p in parts):
        return [region.buffer(-radius, quad_segs=4)]
    return [eroded(p, radius) for p in parts]


def _near_all(pieces: list[BaseGeometry], xy: np.ndarray, reach: float) -> np.ndarray:
    """Per point (rows of ``xy``): whether a piece is within ``reach`` (:func:`_near`, all the points in one call)."""
    near = np.zeros(len(xy), dtype=bool)
    points = shapely.points(xy)
    for piece in pieces:
        if not piece.is_empty:
            near |= shapely.distance(piece, points) <= reach
    return near


def _local_erosion(region: BaseGeometry, xy: tuple[float, float], radius: float, reach: float) -> BaseGeometry:
    """The region eroded by ``radius``, right within ``reach`` of ``xy``: only the region near it is eroded.

    Eroding is local: within ``reach`` of the point, the erosion of the region cut to a box of half-size
    ``reach + radius`` (and a margin) is the erosion of the whole region.
    """
    return region.intersection(_box_about(xy, radius, reach)).buffer(-radius, quad_segs=4)


def _box_about(xy: tuple[float, float], radius: float, reach: float) -> BaseGeometry:
    """The box :func:`_local_erosion` cuts about ``xy``: half-size ``reach + radius`` and :data:`_CUT_MARGIN`."""
    half = reach + radius + _CUT_MARGIN
    x, y = xy
    return shapely.box(x - half, y - half, x + half, y + half)


def _corridor_checks(floor: BaseGeometry, region: Callable[[], BaseGeometry], loci: list[tuple[str, tuple[float, float]]],
                     d: float, shown: np.ndarray | None = None,
                     parts: Callable[[], list[BaseGeometry]] | None = None) -> list[bool]:
    """Per locus: is a circle of diameter ``d`` (less 1 cm) within ``d`` of it, in the region eroded by its radius.

    ``floor``: the corridor's own floor; ``region()``: it with the rooms open to it, built only when the quick
    test on the floor alone (whose sure points are sure for the larger region too) leaves a locus in doubt.
    Eroding a region with hundreds of corners costs tens of milliseconds: there the few loci still in
    doubt are eroded near the locus only. ``shown``: the quick test on the floor, where already made.
    ``parts()``: the floors that make up the region (:func:`_region_parts`): for a few loci in doubt in a
    region of more than :data:`_COMPLEX` corners and :data:`_FEW` floors, the quick test on the region and, for a locus still in doubt,
    its erosion are made on them cut to the box about each locus of :func:`_local_erosion` and joined
    (:func:`_region_near`): it holds the test's points and the walls within their reach, and the region's
    erosion near the locus. The whole region is never built (joining a dozen rooms' floors costs ten times
    as much as cutting and joining the few about a locus).
    """
    radius = d / 2 - 0.005
    xys = [xy for _, xy in loci]
    sure = _surely_near(floor, xys, radius, d) if shown is None else shown
    if sure.all():
        return [True] * len(loci)
    doubt = np.flatnonzero(~sure)
    pieces = parts() if parts is not None and len(doubt) <= _FEW else None
    if pieces is not None and len(pieces) > _FEW and int(shapely.get_num_coordinates(pieces).sum()) > _COMPLEX:
        try:  # the box of the locus's local erosion: the rings' points lie within d of it, the walls they test within radius
            cuts = [_region_near(pieces, _box_about(xys[i], radius, d)) for i in doubt]
        except shapely.errors.GEOSException:  # an invalid imported floor GEOS cannot cut: the whole region, as before
            cuts = []
        if cuts:
            near = _surely_near_many(cuts, [[xys[i]] for i in doubt], radius, d)
            # still in doubt: the cut region eroded, the whole region never built
            return _settled(sure, doubt, [bool(one[0]) or _near(cut.buffer(-radius, quad_segs=4), xys[i], d)
                                          for one, cut, i in zip(near, cuts, doubt, strict=True)])
    whole = region()
    if whole is not floor:
        sure[doubt] = _surely_near(whole, [xys[i] for i in doubt], radius, d)
    doubtful = int((~sure).sum())
    if doubtful == 0:
        return [True] * len(loci)
    if shapely.get_num_coordinates(whole) <= _COMPLEX or doubtful > _FEW:  # erode it all once
        doubt = np.flatnonzero(~sure)
        sure[doubt] = _near_all(_whole_erosion(whole, radius), np.asarray(xys, dtype=float)[doubt], d)
        return sure.tolist()
    return [bool(ok) or _near(_local_erosion(whole, xy, radius, d), xy, d) for ok, xy in zip(sure, xys, strict=True)]


def _settled(sure: np.ndarray, doubt: np.ndarray, answers: list[bool]) -> list[bool]:
    """``sure`` with the loci in doubt given their answers."""
    sure[doubt] = answers
    return sure.tolist()


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
    rooms = [room for room in public_rooms(plan) if room.kind not in _EXEMPT]
    floors = [free_space(plan, room) for room in rooms]
    # the cheap test first, of all the rooms in one call of each shapely function (the same answers as room by room)
    fits = points_fit(floors, None, d / 2 - 0.005) if rooms else []
    for room, floor, fit in zip(rooms, floors, fits, strict=True):
        ok = _room_fits(floor, d / 2 - 0.005, fit)  # measure only the failures
        width = d if ok else 2 * clearance_circle(floor)[1]
        items.append({"id": room.id, "diameter": round(width, 3), "ok": ok})
        if not ok:
            bad_rooms.append((room, width))
    corridor_fails = []
    corridors = [(c, loci) for c in plan.rooms_of_kind(RoomKind.corridor) if c.is_public and (loci := corridor_loci(c.geometry))]
    corridor_floors = [free_space(plan, c) for c, _ in corridors]
    # the quick test on each corridor's own floor, of all the corridors at once
    sure = _surely_near_many(corridor_floors, [[xy for _, xy in loci] for _, loci in corridors], d / 2 - 0.005, d)
    for (corridor, loci), floor, shown in zip(corridors, corridor_floors, sure, strict=True):
        region = partial(_corridor_region, plan, corridor)
        checks = _corridor_checks(floor, region, loci, d, shown, partial(_region_parts, plan, corridor))
        for (kind, xy), ok in zip(loci, checks, strict=True):
            items.append({"id": corridor.id, "locus": kind, "xy": _shown_at(kind, xy), "ok": ok})
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
