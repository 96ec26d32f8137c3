"""corridor-width: each public corridor keeps the profile's clear width between all its doors."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from floorplans.model import Plan, RoomKind

from ...geometry import clearance_circle, free_space, polygons_of
from ...profiles import RuleProfile
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ...routes import eroded, passages_by_room
from ..shared import fmt_len, names, share

_TOUCH = 0.06
#: The search's first width: the widest disc, less this (m).
_WIDEST = 1e-3


def connects(floor: BaseGeometry, segments: list, width: float, middles: np.ndarray | None = None) -> bool:
    """Whether a disc of diameter ``width`` can move on ``floor`` between all the segments (doors).

    A piece of the eroded floor within the reach of every segment joins them. Measuring a segment against a
    piece (GEOS: a segment to every edge of the piece, after asking whether the piece contains it) costs some
    6 us on a corridor of hundreds of corners; the segment's middle to the piece's outline, a few times less:
    a point of the piece that near a point of the segment settles it (with :data:`_MARGIN` to spare for the
    rounding), all the segments in one call (GEOS's ``dwithin`` on the prepared outline: its answer is that
    of the distance, to the rounding, which the margin covers). Only the others, and the first (where most
    pieces fail), are measured. ``middles``: the segments' middles (:func:`_middles`), kept by a search that asks again.
    """
    eroded_floor = eroded(floor, width / 2)
    parts = [g for g in getattr(eroded_floor, "geoms", [eroded_floor]) if isinstance(g, Polygon) and not g.is_empty]
    if not parts:
        return False
    if not segments:
        return True
    reach = width / 2 + _TOUCH
    for part in parts:
        if part.distance(segments[0]) > reach:
            continue
        if middles is None:
            middles = _middles(segments)
        outline = part.exterior
        shapely.prepare(outline)  # an indexed test of all the middles: a third of the time of their distances
        near = shapely.dwithin(outline, middles[1:], reach - _MARGIN).tolist()
        if all(ok or part.distance(s) <= reach for ok, s in zip(near, segments[1:], strict=True)):
            return True
    return False


#: A segment's middle nearer a piece's outline than the reach less this (m) puts the piece within the reach of the
#: segment as GEOS measures it: far more than the rounding of either distance (about 1e-15 m).
_MARGIN = 1e-9


def _middles(segments: list) -> np.ndarray:
    """The middle of each segment (a point on it, to rounding)."""
    return shapely.line_interpolate_point(np.array(segments, dtype=object), 0.5, normalized=True)


def clear_width(floor: BaseGeometry, segments: list, known: _Known | None = None) -> float:
    """The widest disc that still joins all the segments (binary search, ±1 cm).

    Each step of the search erodes the floor (a few ms on an imported
    corridor of hundreds of corners). So the search is first run on a
    coarse copy of the floor (simplified 2 cm: a few dozen corners, when
    that is a lot fewer), and the widths where its answer turns (or the
    first width, if it passes) are tested on the real floor (if one gets
    the other answer there, the step before it, and so on).
    A disc that passes passes every narrower one and a disc that does not
    no wider one, so the real search then follows the same steps knowing
    those answers, and erodes the real floor only for steps that still
    lie between them (none when the coarse copy turned where the floor does).
    ``known``: the real floor's answers so far, kept for further questions.
    """
    centre, radius = clearance_circle(floor)
    top = 2 * radius
    if top <= 0:
        return 0.0
    real = known or _Known(floor, segments)
    coarse = _coarse_copy(floor)
    if coarse is not None:
        real.local = False  # the real floor is asked where the copy's search turns: near the answer, where it shows nothing
        _guess(real, _coarse_test(coarse, segments, top, centre, real.middles), top)
    return _bisect(real, top)[0]


def _coarse_test(coarse: BaseGeometry, segments: list, top: float, centre: tuple[float, float],
                 middles: np.ndarray | None) -> Callable[[float], bool]:
    """The coarse copy's answer for a width; for the search's first, the widest disc, a guess without eroding.

    The widest disc fits only about the inscribed circle's centre: it joins the doors when they are all
    within its reach from there (eroding by nearly the widest radius costs the most of all the steps).
    """
    widest = top - _WIDEST

    def test(w: float) -> bool:
        if w >= widest:
            at = Point(centre)
            return all(at.distance(s) <= w / 2 + _TOUCH for s in segments)
        return connects(coarse, segments, w, middles)

    return test


def _coarse_copy(floor: BaseGeometry) -> BaseGeometry | None:
    """A copy of the floor with a lot fewer corners, to guess where the search turns (None: no such copy).

    Simplified 2 cm; or, on a floor of hundreds of corners that this leaves alike (a stair drawn into the
    outline as a comb of treads, slots of a few cm no disc enters), with the slots first closed (an opening
    by half their width, mitred to keep the corners).
    """
    corners = shapely.get_num_coordinates(floor)
    coarse = shapely.simplify(floor, _COARSE, preserve_topology=True)
    if _CHEAPER * shapely.get_num_coordinates(coarse) < corners:
        return coarse
    if corners < _COMB:
        return None
    opened = floor.buffer(-_SLOT / 2, join_style="mitre").buffer(_SLOT / 2, join_style="mitre")
    coarse = shapely.simplify(opened, _COARSE, preserve_topology=True)
    return coarse if _CHEAPER * shapely.get_num_coordinates(coarse) < corners else None


def _guess(real: _Known, coarse: Callable[[float], bool], top: float) -> None:
    """Ask the real floor where the search on the coarse copy turns (and the steps before, while it answers otherwise)."""
    asked = _bisect(coarse, top)[1]
    for w in sorted((w for w, ok in asked if ok), reverse=True):  # where the coarse copy turned, then the steps before
        if real(w):
            break
    for w in sorted(w for w, ok in asked if not ok):
        if not real(w):
            break


#: The coarse copy of a corridor's floor that guesses where the search turns: simplified this much (m),
#: used when it has this many times fewer corners (else eroding it costs about as much as the real floor).
_COARSE, _CHEAPER = 0.02, 3
#: From this many corners on, a floor that simplifying leaves alike gets a copy with slots this wide (m) closed.
_COMB, _SLOT = 200, 0.12


class _Known:
    """Whether a disc of a width joins the doors, with what earlier answers settle answered without eroding."""

    def __init__(self, floor: BaseGeometry, segments: list) -> None:
        self.floor, self.segments = floor, segments
        self.middles = _middles(segments) if segments else None
        self.passes, self.fails = -math.inf, math.inf  # the widest disc known to pass, the narrowest known to fail
        # the local proof (:func:`_fails_near`) is tried on intricate floors until it first shows nothing
        # (and not after a guess on a coarse copy: see clear_width)
        self.local = bool(segments) and shapely.get_num_coordinates(floor) > _INTRICATE

    def __call__(self, w: float) -> bool:
        if w <= self.passes:
            return True
        if w >= self.fails:
            return False
        if self.local:
            self.local = _fails_near(self.floor, self.segments[0], w)
        ok = not self.local and connects(self.floor, self.segments, w, self.middles)
        if ok:
            self.passes = w
        else:
            self.fails = w
        return ok


#: From this many corners on, a floor's failures are first sought near its first door (:func:`_fails_near`).
_INTRICATE = 40
#: The local proof erodes by this share of the radius: less than the 97 % below which no point of the real
#: erosion lies nearer the walls (1 % GEOS's simplifying of the outline, 2 % the polygonised arcs), less again
#: by the 1 % by which GEOS may simplify the cut floor, with room to spare.
_LOCAL_SHARE = 0.95
#: The cut floor reaches this much (m) beyond what a disc within reach of the door can touch.
_CUT_MARGIN = 0.05


def _fails_near(floor: BaseGeometry, segment: BaseGeometry, width: float) -> bool:
    """Whether the door is shown out of reach of every piece of ``floor`` eroded by ``width / 2`` (False: not shown).

    A piece of the real erosion within reach of the door holds a point farther than 97 % of the radius from the
    walls, which lies in the floor cut to a box around the door (reaching a radius and a margin beyond the reach)
    eroded by :data:`_LOCAL_SHARE` of the radius: if that erosion is farther than the reach from the door, no
    piece is within it, and :func:`connects` fails. The cut floor has a few corners: its erosion costs a
    fraction of the whole floor's (on imported corridors of a hundred corners and dozens of doors, the
    search's widest discs fail at their first door).
    """
    radius = width / 2
    reach = radius + _TOUCH
    half = reach + radius + _CUT_MARGIN
    x0, y0, x1, y1 = segment.bounds
    try:
        near = floor.intersection(shapely.box(x0 - half, y0 - half, x1 + half, y1 + half))
    except shapely.errors.GEOSException:  # an invalid imported floor that GEOS cannot cut (eroding it still works)
        return False
    local = eroded(near, _LOCAL_SHARE * radius)
    return local.is_empty or local.distance(segment) > reach + _MARGIN


def _bisect(test: Callable[[float], bool], top: float) -> tuple[float, list[tuple[float, bool]]]:
    """The search of :func:`clear_width` with the given test: its answer, and the widths asked with their answers."""
    asked: list[tuple[float, bool]] = []

    def ask(w: float) -> bool:
        ok = test(w)
        asked.append((w, ok))
        return ok

    lo, hi = 0.0, top
    if ask(hi - _WIDEST):
        return hi, asked
    for _ in range(8):
        midw = (lo + hi) / 2
        if ask(midw):
            lo = midw
        else:
            hi = midw
        if hi - lo < 0.01:
            break
    return lo, asked


WIDTH = Limit("corridor_width", en="Clear width of corridors", da="Fri bredde i gange")


@criterion(
    id="corridor-width",
    area="accessibility",
    order=40,
    weight=1.5,
    title="Corridor width",
    description="Every public corridor leaves the profile's clear width (walls and furniture counted) between all of its doors.",
    source="rule profile: corridor clear width",
    da=Texts(
        title="Bredde af gange",
        description="Hver offentlig gang har standardens frie bredde mellem alle sine døre (vægge og møbler regnes med).",
        source="standardens grænse: fri bredde i gange",
    ),
    thresholds=(WIDTH,),
)
def corridor_width(plan: Plan, profile: RuleProfile) -> Finding:
    th = WIDTH.of(profile)
    corridors = [r for r in plan.rooms_of_kind(RoomKind.corridor) if r.is_public]
    if not corridors:
        return Finding.not_applicable(
            "the plan has no corridors (open plan): nothing to check",
            "planen har ingen gange (åben plan): intet at vurdere",
            threshold=th.value,
            unit="m",
            source=th.source,
        )
    by_room = passages_by_room(plan)
    items: list[dict[str, Any]] = []
    narrow = []
    for c in corridors:
        floor = free_space(plan, c)
        segs = [p.feature.geometry for p in by_room.get(c.id, [])]
        known = _Known(floor, segs)
        width = clear_width(floor, segs, known)
        ok = known(th.value - 0.005)  # often settled by the search's answers: no erosion of its own
        if ok:
            width = max(width, th.value)
        items.append({"id": c.id, "clear_width": round(width, 3), "ok": ok})
        if not ok:
            narrow.append((c, width))
    narrowest = min(i["clear_width"] for i in items)
    if narrow:
        detail = (
            f"{len(narrow)} of {len(corridors)} {'corridor narrows' if len(narrow) == 1 else 'corridors narrow'} below {fmt_len(th.value)} m: "
            + names([f"{c.label} ({w:.2f} m)" for c, w in narrow])
        )
    else:
        detail = f"all {len(corridors)} corridors keep at least {fmt_len(th.value)} m clear between their doors"
    return Finding(
        score=share(len(corridors) - len(narrow), len(corridors)) * (1.0 if not narrow else min(1.0, narrowest / th.value)),
        passed=(not narrow) if th.binding else None,
        value=narrowest,
        threshold=th.value,
        unit="m",
        detail=detail,
        where=[c.id for c, _ in narrow],
        polygons=polygons_of([c for c, _ in narrow]),
        source=th.source,
        items=items,
    )
