"""View out from a seat: the horizontal angle of window glass it sees, as EN 17037 measures a view.

EN 17037:2018+A1:2021 grades a view out by the horizontal sight angle of the
view opening seen from the reference point: ≥ 14° minimum, ≥ 28° medium,
≥ 54° high (the research note's §3.5; thresholds confirmed by a secondary
source, status S). The reference point of a seated person is 1.2 m above the
floor, so only glass spanning that height gives a view: a slit under the
ceiling lets light in but shows sky only.

Visibility is the seat's isovist (``scoring.visibility``): the parts of a
window's line that lie on the isovist's boundary are the parts seen. The angle
is the union of the angular intervals they subtend at the seat, so two panes
in the same direction are not counted twice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from floorplans.model import View, Window

from ..arrays import ranges

__all__ = ["EYE_HEIGHT", "VIEW_MINIMUM", "VIEW_MEDIUM", "VIEW_HIGH", "angle_of", "angle_of_ends", "seen_ends", "at_eye_height", "reach", "reach_many", "surely_reached", "visible_parts",
           "seen_parts",
           "sight_angle", "surely_hidden", "hidden_windows", "near_walls"]

#: Eye height of a seated person above the floor (m), EN 17037's reference for a view out.
EYE_HEIGHT = 1.2
#: EN 17037 horizontal sight angle, minimum / medium / high (degrees).
VIEW_MINIMUM, VIEW_MEDIUM, VIEW_HIGH = 14.0, 28.0, 54.0
#: A window counts as seen where its line lies within this distance (m) of the isovist.
_ON_BOUNDARY = 0.02


def at_eye_height(window: Window, eye: float = EYE_HEIGHT) -> bool:
    """Whether a seated person looks through the glass: it spans eye height and looks out on something."""
    return window.sill <= eye <= window.head and window.view != View.none


def reach(isovist_polygon: Polygon) -> Polygon:
    """The isovist grown by the tolerance within which a window on its edge counts as seen (make it once per seat)."""
    return isovist_polygon.buffer(_ON_BOUNDARY, quad_segs=2)


def reach_many(isovist_polygons: Sequence[Polygon]) -> np.ndarray:
    """:func:`reach` of many isovists in one call (the same polygons), prepared for the tests that follow."""
    grown = shapely.buffer(np.asarray(isovist_polygons, dtype=object), _ON_BOUNDARY, quad_segs=2)
    shapely.prepare(grown)
    return grown


#: A window's line within this distance (m) of an isovist's edges lies inside :func:`reach`, clear of its boundary:
#: the growth's arcs, two chords a quadrant, keep cos(22.5°) × :data:`_ON_BOUNDARY` ≈ 0.0185 m of it everywhere.
_SURELY_REACHED = 0.015
#: Gaps (m) along a window between the stretches near one edge and the next that are not counted (rounding only).
_SEAM = 1e-9


def surely_reached(polygons: np.ndarray, lines: np.ndarray, at: np.ndarray, win: np.ndarray) -> np.ndarray:
    """Which (isovist ``at``, window ``win``) pairs surely have the whole window line inside the isovist's reach,
    clear of its boundary: cut with it, the line comes back whole (its isovist need not be grown for it).

    Sure where the window's stretches near edges of the isovist (both ends of the edge within
    :data:`_SURELY_REACHED` of the window's line, so all of the edge, so the stretch of window alongside)
    cover it end to end; else in doubt (False): a window seen in part, or a seat looking at it across
    the room, is left to the grown isovist. Only a polygon without holes and a line of two points are tried.
    """
    out = np.zeros(len(at), dtype=bool)
    plain = np.flatnonzero((shapely.get_type_id(polygons) == 3) & (shapely.get_num_interior_rings(polygons) == 0))
    xy, owner = shapely.get_coordinates(shapely.get_exterior_ring(polygons[plain]), return_index=True)
    edges = np.zeros(len(polygons), dtype=np.int64)  # each polygon's edges, from its first corner in ``xy``
    first = np.zeros(len(polygons), dtype=np.int64)
    per = np.bincount(owner, minlength=len(plain))
    edges[plain], first[plain] = np.maximum(per - 1, 0), np.cumsum(per) - per
    w = shapely.get_coordinates(lines).reshape(-1, 4) if len(lines) and (shapely.get_num_coordinates(lines) == 2).all() \
        else None
    if w is None:
        return out
    d = w[:, 2:] - w[:, :2]
    length = np.hypot(d[:, 0], d[:, 1])
    tried = np.flatnonzero((edges[at] > 0) & (length[win] > 1e-6))
    n = edges[at[tried]]
    pair = np.repeat(tried, n)
    corner = ranges(first[at[tried]], n)
    wi = win[pair]
    p0, dx, dy, size = w[wi, :2], d[wi, 0], d[wi, 1], length[wi]
    ends = []
    for c in (corner, corner + 1):
        vx, vy = xy[c, 0] - p0[:, 0], xy[c, 1] - p0[:, 1]
        ends.append((np.abs(dx * vy - dy * vx) <= _SURELY_REACHED * size, (vx * dx + vy * dy) / (size * size)))
    (near_a, s_a), (near_b, s_b) = ends
    rows = np.flatnonzero(near_a & near_b)
    if len(rows) == 0:
        return out
    seam = _SEAM / size[rows]
    pr = pair[rows]
    lo = np.clip(np.minimum(s_a[rows], s_b[rows]) - seam, -1.0, 2.0)
    hi = np.clip(np.maximum(s_a[rows], s_b[rows]) + seam, -1.0, 2.0)
    order = np.lexsort((lo, pr))
    pr, lo, hi = pr[order], lo[order], hi[order]
    # how far along its window each stretch and those before it reach (pairs 4 apart: the last pair's are below 0)
    reached = np.maximum.accumulate(4.0 * pr + hi)
    before = np.maximum(np.r_[-np.inf, reached[:-1]] - 4.0 * pr, 0.0)
    gap = (lo > before) & (before < 1.0)
    last = np.r_[pr[1:] != pr[:-1], True]
    out[pr[last]] = reached[last] - 4.0 * pr[last] >= 1.0
    out[pr[gap]] = False
    return out


def visible_parts(window: Window, isovist_polygon: Polygon, reached: Polygon | None = None) -> list[LineString]:
    """The pieces of the window's line that the isovist reaches (``reached``: ``reach(isovist_polygon)``, if made)."""
    return seen_parts(window.geometry.intersection(reach(isovist_polygon) if reached is None else reached))


def seen_parts(seen: BaseGeometry) -> list[LineString]:
    """The pieces of a window's line in what an isovist reaches (the intersection of the two), slivers left out."""
    return [g for g in getattr(seen, "geoms", [seen]) if isinstance(g, LineString) and g.length > 1e-3]


def _interval(origin: tuple[float, float], part: LineString) -> tuple[float, float] | None:
    """The angular interval (radians, start ≤ end, width < π) a segment subtends at the origin."""
    (x1, y1), (x2, y2) = part.coords[0], part.coords[-1]
    return _interval_of_ends(origin, x1, y1, x2, y2)


def _interval_of_ends(origin: tuple[float, float], x1: float, y1: float, x2: float, y2: float) -> tuple[float, float] | None:
    """:func:`_interval` of a piece given by its first and last points."""
    ox, oy = origin
    a1, a2 = math.atan2(y1 - oy, x1 - ox), math.atan2(y2 - oy, x2 - ox)
    width = (a2 - a1 + math.pi) % (2 * math.pi) - math.pi  # signed, in (-π, π]
    if abs(width) < 1e-9:
        return None
    start = a1 if width > 0 else a2
    return start, start + abs(width)


def _union_width(intervals: Iterable[tuple[float, float]]) -> float:
    """Total angle (radians) covered by intervals on a circle."""
    pieces: list[tuple[float, float]] = []
    for start, end in intervals:
        width = end - start
        start %= 2 * math.pi
        end = start + width
        if end > 2 * math.pi:
            pieces += [(start, 2 * math.pi), (0.0, end - 2 * math.pi)]
        else:
            pieces.append((start, end))
    pieces.sort()
    total, current = 0.0, None
    for start, end in pieces:
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = [start, end]
        else:
            current[1] = max(current[1], end)
    if current is not None:
        total += current[1] - current[0]
    return total


def sight_angle(origin: tuple[float, float], isovist_polygon: Polygon, windows: Iterable[Window],
                reached: Polygon | None = None) -> float:
    """Degrees of window seen horizontally from ``origin`` (the union over the windows given)."""
    grown = reach(isovist_polygon) if reached is None else reached
    return angle_of(origin, [part for window in windows for part in visible_parts(window, isovist_polygon, grown)])


def angle_of_ends(origin: tuple[float, float], ends: Iterable[tuple[float, float, float, float]]) -> float:
    """:func:`angle_of` of pieces given by their first and last points (x1, y1, x2, y2)."""
    intervals = []
    for x1, y1, x2, y2 in ends:
        interval = _interval_of_ends(origin, x1, y1, x2, y2)
        if interval is not None:
            intervals.append(interval)
    return math.degrees(_union_width(intervals))


def seen_ends(seen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`seen_parts` of many intersections at once: each part's first and last points (x1, y1, x2, y2) and
    which intersection it is of, in the same order (the same numbers as reading each part's coordinates)."""
    parts, owner = shapely.get_parts(seen, return_index=True)
    keep = (shapely.get_type_id(parts) == 1) & (shapely.length(parts) > 1e-3)
    parts, owner = parts[keep], owner[keep]
    first = shapely.get_coordinates(shapely.get_point(parts, 0))
    last = shapely.get_coordinates(shapely.get_point(parts, -1))
    return np.hstack([first, last]).reshape(-1, 4), owner


def angle_of(origin: tuple[float, float], parts: Iterable[LineString]) -> float:
    """Degrees covered at ``origin`` by the union of the angular intervals the pieces subtend."""
    intervals = []
    for part in parts:
        interval = _interval(origin, part)
        if interval is not None:
            intervals.append(interval)
    return math.degrees(_union_width(intervals))


#: A window counts as surely hidden when walls nearer than it by this much (m) cover it; well over the seen tolerance.
_HIDDEN_MARGIN = 0.05
#: Angles (radians) closer than this are not trusted to order two wall ends the way the isovist's sweep orders them.
_ANGLE_SLACK = 1e-10
#: Walls farther than this (m) are not tried by default: so far off, the isovist costs less than the proof.
_HIDDEN_REACH = 25.0


def surely_hidden(points: np.ndarray, windows: np.ndarray, walls: np.ndarray, index: shapely.STRtree,
                  near: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Which viewpoints provably see no part of any window (see :func:`hidden_windows`)."""
    blind, hidden = hidden_windows(points, windows, walls, index, near)
    return blind & hidden.all(axis=1)


def near_walls(points: np.ndarray, index: shapely.STRtree) -> np.ndarray:
    """Which viewpoints lie within 3 × :data:`_HIDDEN_MARGIN` of a wall (none of them is shown blind)."""
    close = np.zeros(len(points), dtype=bool)
    close[index.query(shapely.points(points), predicate="dwithin", distance=3 * _HIDDEN_MARGIN)[0]] = True
    return close


_TURN = 2 * np.pi


def _wrap_angle(v: np.ndarray, out: np.ndarray | None = None, spend: bool = False) -> np.ndarray:
    """``(v + π) % 2π - π`` for v + π in (-2π, 4π) (differences of two atan2 angles, say), with no float modulo.

    numpy's remainder of such a number u = v + π is u + 2π below 0 (one rounded sum), u - 2π from 2π on (exact,
    as fmod is), u itself between, and +0 for ±0 (the same once π is taken off): so is this.
    ``out``: where to write it (not ``v``); ``spend``: v may be written over (no fresh arrays with both).
    """
    u = np.add(v, np.pi, out=v if spend else None)
    out = np.subtract(u, _TURN, out=out)
    np.copyto(out, u, where=u < _TURN)
    np.add(u, _TURN, out=out, where=u < 0)
    out -= np.pi
    return out


@dataclass(frozen=True)
class Wedges:
    """Each (viewpoint, window) pair's distance and directions, the first step of :func:`hidden_windows`.

    Flat arrays, one entry per pair (viewpoint by viewpoint, then window), each entry worked out from its own pair
    alone: the entries of a subset of the pairs (:meth:`take`) are the numbers the subset alone gives, so the
    later passes of a proof over fewer viewpoints take them from the first pass's instead of again.
    """

    dist: np.ndarray  # from the viewpoint to the nearest point of the window's line
    lo: np.ndarray  # the window's directions, grown by the margin: lo..hi (absolute radians, hi - lo < 2π)
    hi: np.ndarray
    start: np.ndarray  # lo wrapped into [-π, π)
    width: np.ndarray  # the width added to ``start`` for the end of the window's directions
    open: np.ndarray  # (bool) the viewpoint may not be shown blind (the window is near, or fills most of the view)

    def take(self, pairs: np.ndarray) -> Wedges:
        """The entries of these pairs (flat indices), in that order."""
        return Wedges(*(getattr(self, f.name)[pairs] for f in fields(self)))


def window_wedges(points: np.ndarray, windows: np.ndarray, each: bool = False) -> Wedges:
    """:class:`Wedges` of every viewpoint with every window (or with ``each`` its own one, windows aligned with points)."""
    m, k = len(points), 1 if each else len(windows)
    r = _HIDDEN_MARGIN
    if each:
        a, b = windows[:, :2] - points, windows[:, 2:] - points
    else:  # every viewpoint with every window (viewpoint by viewpoint): broadcast, not gathered pair by pair
        a = (windows[None, :, :2] - points[:, None, :]).reshape(m * k, 2)
        b = (windows[None, :, 2:] - points[:, None, :]).reshape(m * k, 2)
    d = b - a
    t = np.clip(-_row_sum(a * d) / _row_sum(d * d), 0.0, 1.0)
    dist = np.hypot(a[:, 0] + t * d[:, 0], a[:, 1] + t * d[:, 1])
    ref = np.arctan2(a[:, 1] + b[:, 1], a[:, 0] + b[:, 0])  # towards the window's middle
    with np.errstate(invalid="ignore"):
        half_a = np.arcsin(np.minimum(1.0, r / np.hypot(a[:, 0], a[:, 1])))
        half_b = np.arcsin(np.minimum(1.0, r / np.hypot(b[:, 0], b[:, 1])))
    ang_a = _wrap_angle(np.arctan2(a[:, 1], a[:, 0]) - ref)
    ang_b = _wrap_angle(np.arctan2(b[:, 1], b[:, 0]) - ref)
    low = np.minimum(ang_a - half_a, ang_b - half_b)
    lo = ref + low  # in [-5π/2, 2π]
    hi = ref + np.maximum(ang_a + half_a, ang_b + half_b)
    return Wedges(dist=dist, lo=lo, hi=hi, start=_wrap_angle(lo), width=hi - ref - low,
                  open=(dist <= 3 * r) | (hi - lo >= np.pi * 0.9))


def _row_sum(v: np.ndarray) -> np.ndarray:
    """``v.sum(axis=1)`` of an (n, 2) array without the reduction's overhead: numpy adds both to 0 (so -0.0 and -0.0
    sum to +0.0), and so does this."""
    return (0.0 + v[:, 0]) + v[:, 1]


def hidden_windows(points: np.ndarray, windows: np.ndarray, walls: np.ndarray, index: shapely.STRtree,
                   near: tuple[np.ndarray, np.ndarray] | None = None, each: bool = False,
                   doubt: np.ndarray | None = None, by_wall: np.ndarray | None = None,
                   wedges: Wedges | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Which viewpoints may be shown blind at all (m,), and which windows each provably does not see (m, k).

    ``windows`` and ``walls`` are (k, 4) and (n, 4) arrays x1, y1, x2, y2; ``index`` holds the walls as lines, in order.
    ``near``: (viewpoint, wall) pairs, the walls to try for each viewpoint; by default every wall within
    :data:`_HIDDEN_REACH` m of it, or with ``each`` those in the box of the window's wedge (any wall stops sight, so any
    choice is sound; fewer walls cost less). ``each``: ``windows`` holds one window per viewpoint (k = 1).
    ``doubt``: (m, k), the windows still to prove hidden; the walls are then cut short of the nearest of
    those only (reaching farther proves more), and what is returned for the other windows is not sound.
    ``by_wall``: (m,), which viewpoints lie within 3 × :data:`_HIDDEN_MARGIN` of a wall, if already known.
    ``wedges``: :func:`window_wedges` of these viewpoints and windows, if already known (taken from a larger set).

    A viewpoint's isovist reaches no farther in a direction than the first wall there. The walls, cut to a
    disc around the viewpoint a margin short of its nearest window, close arcs of directions; where a
    window, grown by :data:`_HIDDEN_MARGIN` (well over the tolerance :func:`reach` adds), lies within one
    closed arc, no part of its line is within that tolerance of the isovist: it adds nothing to the view
    angle, and a point blind to every window sees 0° without an isovist being made. The test errs one way
    only: a gap, two arcs that meet at the ends of two different walls, a viewpoint by a wall or a window
    near it leave the window (or the point) to the isovist.
    """
    m, k = len(points), 1 if each else len(windows)
    if m == 0 or k == 0:
        return np.full(m, True), np.ones((m, k), dtype=bool)
    r = _HIDDEN_MARGIN
    blind = np.ones(m, dtype=bool)
    # a viewpoint on or by a wall: its isovist may start elsewhere (nudged off the wall)
    blind[near_walls(points, index) if by_wall is None else by_wall] = False
    # each window's directions as seen from each viewpoint, grown by the margin: [lo, hi] (absolute, radians)
    w = window_wedges(points, windows, each) if wedges is None else wedges
    pi = np.arange(m) if each else np.repeat(np.arange(m), k)
    blind[pi[w.open]] = False
    lo, hi = w.lo, w.hi
    # a margin short of the nearest window (of those in ``doubt``: what is found of the others is not to be used)
    short = (w.dist - r).reshape(m, k)
    radius = short.min(axis=1) - 1e-6
    cut = radius if doubt is None else np.where(doubt, short, np.inf).min(axis=1) - 1e-6
    if near is None and each:  # the walls in the window's wedge, short of it (a triangle holds that piece of disc)
        ask = np.flatnonzero(blind)
        half = (hi - lo)[ask] / 2
        far = (np.minimum(radius, _HIDDEN_REACH)[ask] / np.cos(half))[:, None]
        apex = points[ask]
        u1 = np.column_stack([np.cos(lo[ask]), np.sin(lo[ask])])
        u2 = np.column_stack([np.cos(hi[ask]), np.sin(hi[ask])])
        corners = np.stack([apex, apex + far * u1, apex + far * u2], axis=1)
        low, high = corners.min(axis=1), corners.max(axis=1)
        # the walls in the triangle's box: a few more than in the triangle, but no exact test per wall
        near = index.query(shapely.box(low[:, 0], low[:, 1], high[:, 0], high[:, 1]))
        near = (ask[near[0]], near[1])
    elif near is None:
        near = _walls_around(points, np.minimum(radius, _HIDDEN_REACH), blind, index)
    q, s = near
    mine = blind[q]
    q, s, phi0, phi1, width, at0, at1 = _pieces(points, walls, q[mine], s[mine], cut)
    if len(q) == 0:
        return blind, np.zeros((m, k), dtype=bool)
    arc_q, arc_start, arc_end = _closed_arcs(q, s, phi0, phi1, width, at0, at1, walls)
    # each window's directions (split at ±π) within one arc of its viewpoint
    lo = w.start
    hi = lo + w.width
    over = hi > np.pi
    need_q = np.r_[pi, pi[over]]
    need_pair = np.r_[np.arange(m * k), np.flatnonzero(over)]
    need_lo = np.r_[lo, np.full(int(over.sum()), -np.pi)]
    need_hi = np.r_[np.minimum(hi, np.pi), hi[over] - 2 * np.pi]
    key = arc_q * 8.0 + (arc_start + np.pi)
    j = np.maximum(np.searchsorted(key, need_q * 8.0 + (need_lo + np.pi), side="right") - 1, 0)
    ok = (arc_q[j] == need_q) & (arc_start[j] <= need_lo) & (arc_end[j] >= need_hi)
    hidden = np.bincount(need_pair[ok], minlength=m * k) == np.bincount(need_pair, minlength=m * k)
    return blind, hidden.reshape(m, k)


#: Pairs cut at a time by :func:`_pieces`: a step's buffers stay small enough to be handed out again at once and
#: to stay in the cache (tens of thousands of pairs in one go spend more on fresh memory than on the sums).
_CHUNK = 8192


def _pieces(points: np.ndarray, walls: np.ndarray, q: np.ndarray, s: np.ndarray,
            cut: np.ndarray) -> tuple[np.ndarray, ...]:
    """Each (viewpoint ``q``, wall ``s``) pair's wall cut to the disc of radius ``cut`` round its viewpoint, the pieces
    that close directions: (q, s, the directions of the piece's two ends, its signed width, whether each end is the
    wall's own) of each, in the pairs' order.

    Pair by pair, so :data:`_CHUNK` pairs at a time give the same numbers as all at once.
    """
    # x and y apart: gathers from contiguous columns, cheaper, the same numbers
    columns = (*np.ascontiguousarray(points.T), *np.ascontiguousarray(walls.T))
    parts = []
    for a in range(0, max(len(q), 1), _CHUNK):
        qa, sa = q[a:a + _CHUNK], s[a:a + _CHUNK]
        phi0, phi1, width, at0, at1, keep = _cut_walls(columns, qa, sa, cut)
        kept = np.flatnonzero(keep)
        parts.append(tuple(v[kept] for v in (qa, sa, phi0, phi1, width, at0, at1)))
    return parts[0] if len(parts) == 1 else tuple(np.concatenate(c) for c in zip(*parts, strict=True))


def _cut_walls(columns: tuple[np.ndarray, ...], q: np.ndarray, s: np.ndarray, cut: np.ndarray) -> tuple[np.ndarray, ...]:
    """:func:`_pieces` of every pair, and which to keep (``columns``: the viewpoints' x and y, the walls' x1, y1, x2, y2).

    Every pair at once, the cut pieces left out only at the end (nearly all are kept): invalid numbers where the disc
    misses the wall, the kept pieces' the same as filtering first. The sums are worked in a few buffers reused in
    place (the same operations on the same numbers), let go on return.
    """
    ptx, pty, wx1, wy1, wx2, wy2 = columns
    px, py = ptx[q], pty[q]
    ax, ay, bx, by = wx1[s], wy1[s], wx2[s], wy2[s]
    ax -= px
    ay -= py
    bx -= px
    by -= py
    dx, dy = bx - ax, by - ay
    rad = cut[q]
    tmp = px  # scratch from here on
    aa = dx * dx
    aa += np.multiply(dy, dy, out=tmp)
    bb = ax * dx
    bb += np.multiply(ay, dy, out=tmp)
    c = ax * ax  # |a|² - rad², times aa: bb² - aa·c is the discriminant
    c += np.multiply(ay, ay, out=tmp)
    c -= np.multiply(rad, rad, out=tmp)
    np.multiply(aa, c, out=c)
    disc = bb * bb
    disc -= c
    with np.errstate(invalid="ignore"):
        root = np.sqrt(disc, out=py)
        t0 = np.negative(bb, out=c)
        t0 -= root
        t0 /= aa
        np.maximum(0.0, t0, out=t0)
        t1 = np.negative(bb, out=bb)
        t1 += root
        t1 /= aa
        np.minimum(1.0, t1, out=t1)
        at0, at1 = t0 == 0.0, t1 == 1.0
        x0 = np.multiply(t0, dx, out=root)  # ax + t0·dx, an uncut end the wall's own
        x0 += ax
        np.copyto(x0, ax, where=at0)
        y0 = np.multiply(t0, dy, out=aa)
        y0 += ay
        np.copyto(y0, ay, where=at0)
        x1 = np.multiply(t1, dx, out=tmp)
        x1 += ax
        np.copyto(x1, bx, where=at1)
        y1 = np.multiply(t1, dy, out=dx)
        y1 += ay
        np.copyto(y1, by, where=at1)
    # a piece must lie wholly nearer than every window (the cut ends land on the disc's edge, give or take a hair)
    phi0, phi1 = np.arctan2(y0, x0, out=ax), np.arctan2(y1, x1, out=ay)
    width = _wrap_angle(np.subtract(phi1, phi0, out=bx), out=by, spend=True)
    keep = (disc > 0) & (t0 < t1) & _within(rad, (x0, y0), (x1, y1), scratch=(dy, bx))  # both spent by now
    keep &= np.abs(width) > _ANGLE_SLACK  # a wall seen edge-on closes no gap here
    return phi0, phi1, width, at0, at1, keep


def _closed_arcs(q: np.ndarray, s: np.ndarray, phi0: np.ndarray, phi1: np.ndarray, width: np.ndarray, at0: np.ndarray,
                 at1: np.ndarray, walls: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The arcs of directions the pieces (:func:`_pieces`) close round each viewpoint: (viewpoint, start, end), by
    viewpoint and start, each arc within [-π, π].

    Where two pieces meet within :data:`_ANGLE_SLACK` the arc goes on only if they meet at the same wall corner:
    the pieces' wall ends are looked up for those few meetings only.
    """
    fwd = width > 0
    start, end = np.where(fwd, phi0, phi1), np.where(fwd, phi1, phi0)
    n = len(q)
    wrap = np.flatnonzero(end < start)  # across ±π: split there (the second halves appended, from -π)
    if len(wrap):
        q = np.concatenate([q, q[wrap]])
        start = np.concatenate([start, np.full(len(wrap), -np.pi)])
        end = np.concatenate([end, end[wrap]])
        end[wrap] = np.pi
    # by viewpoint, then start (8 apart: angles span 2π); the order only decides how much is proved, not whether soundly
    order = np.argsort(start + 8.0 * q)
    q, start, end = q[order], start[order], end[order]
    # the piece reaching farthest so far within each viewpoint (the same keys: a new viewpoint starts above the last)
    key = end + 8.0 * q
    best = np.maximum.accumulate(np.where(key >= np.maximum.accumulate(key), np.arange(len(q)), 0))
    first = np.r_[True, q[1:] != q[:-1]]
    prev = np.r_[0, best[:-1]]
    reach_prev = end[prev]
    tie = np.abs(start - reach_prev) <= _ANGLE_SLACK
    at = np.flatnonzero(tie)  # few: the corner test only there
    if len(at):
        ends = _PieceEnds(n, wrap, s, fwd, at0, at1)
        tie[at] = _same_corner(ends.first(order[at]), ends.last(order[prev[at]]), walls)
    opens = first | ~((start < reach_prev - _ANGLE_SLACK) | tie)  # a new closed arc starts here
    opening = np.flatnonzero(opens)
    return q[opening], start[opening], np.maximum.reduceat(end, opening)


@dataclass(frozen=True)
class _PieceEnds:
    """The wall ends (2 × the wall's index + which end; -1 where the disc cut the wall) at which pieces start and end
    in the order of their directions, the pieces split across ±π (:func:`_closed_arcs`) numbered after the ``n``
    others: the first half of a split piece ends, and its second half starts, at -1 (a cut, not a corner)."""

    n: int
    wrap: np.ndarray  # the split pieces
    s: np.ndarray  # each piece's wall
    fwd: np.ndarray  # whether its directions run from its first point to its last
    at0: np.ndarray  # whether its first / last point is the wall's own end
    at1: np.ndarray

    def _ends(self, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The wall ends at the start and the end of pieces ``j``, split pieces taken whole."""
        own = j if len(self.wrap) == 0 else np.where(j < self.n, j, self.wrap[np.maximum(j - self.n, 0)])
        s, fwd = self.s[own], self.fwd[own]
        end0, end1 = np.where(self.at0[own], 2 * s, -1), np.where(self.at1[own], 2 * s + 1, -1)
        return np.where(fwd, end0, end1), np.where(fwd, end1, end0)

    def first(self, j: np.ndarray) -> np.ndarray:
        """The wall ends at which pieces ``j`` start."""
        return np.where(j < self.n, self._ends(j)[0], -1)

    def last(self, j: np.ndarray) -> np.ndarray:
        """The wall ends at which pieces ``j`` end."""
        split = np.zeros(self.n + len(self.wrap), dtype=bool)
        split[self.wrap] = True
        return np.where(split[j], -1, self._ends(j)[1])

#: Relative margin on squared lengths within which :func:`_within` asks ``np.hypot``: far over the rounding of either.
_SQUARE_MARGIN = 1e-9
#: Below this radius (m) :func:`_within` asks ``np.hypot`` (squares of smaller numbers lose digits).
_TINY = 1e-100


def _within(rad: np.ndarray, *ends: tuple[np.ndarray, np.ndarray],
            scratch: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Whether ``np.hypot(x, y) <= rad`` for every end (x, y) given, the costly hypot only where the cheap squares
    leave it in doubt (the same answers); the squared radius and its margins worked out once for all the ends.

    Summed squares and hypot differ by a few units in the last place, far inside the margin either way.
    ``scratch``: two arrays like ``rad`` to work the squares in (else fresh ones).
    """
    one, two = (None, None) if scratch is None else scratch
    rr = rad * rad
    below, above = rr * (1.0 - _SQUARE_MARGIN), np.multiply(rr, 1.0 + _SQUARE_MARGIN, out=rr)
    big, tiny = rad > _TINY, rad <= _TINY
    out = None
    for x, y in ends:
        sq = np.multiply(x, x, out=one)
        sq += np.multiply(y, y, out=two)
        sure = big & (sq <= below)
        doubt = np.flatnonzero(~sure & ~(sq > above) | tiny)
        sure[doubt] = np.hypot(x[doubt], y[doubt]) <= rad[doubt]
        out = sure if out is None else np.logical_and(out, sure, out=out)
    return np.ones(len(rad), dtype=bool) if out is None else out


#: A viewpoint with more walls than this in its box tries only those in a smaller box (walls of many corners).
_MOST_WALLS = 300


def _walls_around(points: np.ndarray, reach: np.ndarray, ask: np.ndarray, index: shapely.STRtree) -> tuple[np.ndarray, np.ndarray]:
    """(viewpoint, wall) pairs: the walls in the box of half-side ``reach`` round each viewpoint in ``ask``.

    Where that box holds more than :data:`_MOST_WALLS` walls (curved walls drawn as many short ones), the box
    shrinks to hold about that many: fewer walls prove less, never wrongly, and cost less than the isovist saved.
    """
    at = np.flatnonzero(ask)
    x, y = points[at, 0], points[at, 1]
    q, s = index.query(shapely.box(x - reach[at], y - reach[at], x + reach[at], y + reach[at]))
    count = np.bincount(q, minlength=len(at))
    dense = np.flatnonzero(count > _MOST_WALLS)
    if len(dense):
        keep = count[q] <= _MOST_WALLS
        r = reach[at[dense]] * np.sqrt(_MOST_WALLS / count[dense])
        dq, ds = index.query(shapely.box(x[dense] - r, y[dense] - r, x[dense] + r, y[dense] + r))
        q, s = np.r_[q[keep], dense[dq]], np.r_[s[keep], ds]
    return at[q], s


def _same_corner(a: np.ndarray, b: np.ndarray, walls: np.ndarray) -> np.ndarray:
    """Whether wall ends ``a`` and ``b`` (2 × wall index + which end; -1: none) are the same point, exactly."""
    ok = (a >= 0) & (b >= 0)
    flat = walls.reshape(-1, 2)
    ia, ib = np.where(ok, a, 0), np.where(ok, b, 0)
    return ok & (flat[ia, 0] == flat[ib, 0]) & (flat[ia, 1] == flat[ib, 1])
