"""Shortest walking paths between a few points on one room's floor.

The paths live in a visibility graph: its nodes are the points and the
floor's reflex corners (where a shortest path may bend), and two nodes are
joined when the straight segment between them lies on the floor grown by
1 mm (:func:`grown_floor`: a path may touch walls and slip past corners).
Building that graph in full costs one polygon test per pair of nodes:
fine for a room with a few dozen corners (done so: one vectorised test,
then Floyd–Warshall), hopeless for imported outlines whose walls jog by
millimetres (hundreds of corners, 100 000+ tests, seconds per room), and
wasted where at most one point is on the floor. So a room with many
corners for its points on the floor explores the same graph lazily; the distances are
the same (to 1e-12; of two routes that long, either may be drawn):

* a point off the grown floor (a door drawn a few mm off its wall) ends no
  segment on it, so it is cut off without testing anything;
* pairs of points in plain sight are joined straight (the common case);
* the rest come from an A* search per point that tests a segment only when
  the search is about to walk it (lazy edge evaluation) and remembers every
  answer for the next search (most answers are certain from two cheap
  outline tests, :class:`_SegmentTest`);
* the search is steered, and impossible segments are skipped untested, by
  lower bounds: walking distances on a coarse copy of the floor (grown
  10 cm, simplified 5 cm: a few dozen corners), which contains every path
  on the real floor, so no path on the real floor is shorter.
"""

from __future__ import annotations

import heapq
import math
from functools import cached_property, lru_cache

import numpy as np
import shapely
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from .arrays import ranges
from .geometry import largest_polygon

__all__ = ["in_room_paths", "in_plain_sight", "around_corners", "straight_distances", "straight_rows", "reflex_vertices",
           "grown_floor"]

#: Tolerance for "a path lies on the room's floor" (m).
ON_FLOOR = 1e-3
#: Up to this many pairs of nodes per point on the floor but one, testing them all in one go beats
#: searching lazily (the lazy search costs about one search per point on the floor; none when a
#: single point, or none, is on it: the others are cut off untested).
_EAGER_PAIRS = 200
#: The coarse floor for the lower bounds: grown by this much, then simplified by that much (m).
_COARSE_GROW, _COARSE_SIMPLIFY = 0.1, 0.05


def reflex_vertices(poly: Polygon) -> list[tuple[float, float]]:
    """Corners a shortest path may bend around: reflex corners of the outline, every hole corner."""
    return [tuple(p) for p in _turning(poly, 1e-9, reflex=True).tolist()]


def _turning(poly: Polygon, tol: float, reflex: bool) -> np.ndarray:
    """Vertices of the polygon's rings that turn right (reflex) beyond ``tol``, or that do not turn left by more."""
    out = [np.zeros((0, 2))]
    poly = orient(poly, 1.0)  # exterior counter-clockwise, holes clockwise
    for ring in [poly.exterior, *poly.interiors]:
        pts = np.asarray(ring.coords)[:-1]
        if len(pts) < 3:
            continue
        prev, nxt = np.concatenate([pts[-1:], pts[:-1]]), np.concatenate([pts[1:], pts[:1]])
        cross = (pts[:, 0] - prev[:, 0]) * (nxt[:, 1] - pts[:, 1]) - (pts[:, 1] - prev[:, 1]) * (nxt[:, 0] - pts[:, 0])
        # on a CCW exterior a right turn (cross < 0) is reflex; holes are CW, so their convex corners also turn right
        out.append(pts[cross < -tol] if reflex else pts[cross < tol])
    return np.vstack(out)


def grown_floor(floor: BaseGeometry) -> BaseGeometry:
    g = floor.buffer(ON_FLOOR, quad_segs=2)
    shapely.prepare(g)
    return g


@lru_cache(maxsize=512)
def _pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.triu_indices(n, 1)``, computed once per size (read-only)."""
    ii, jj = np.triu_indices(n, 1)
    ii.setflags(write=False)
    jj.setflags(write=False)
    return ii, jj


def _pairwise(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1])


def _segments(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Segments from the rows of ``a`` to those of ``b`` (their ends written into one array: ``np.stack`` costs more)."""
    ends = np.empty((len(a), 2, 2))
    ends[:, 0] = a
    ends[:, 1] = b
    return shapely.linestrings(ends)


def _covers_xy(geoms: BaseGeometry | np.ndarray, xy: np.ndarray) -> np.ndarray:
    """``shapely.covers(geoms, shapely.points(xy))`` without drawing the points: a geometry covers a point
    exactly where it meets it (inside or on its outline), and GEOS answers that from the coordinates."""
    return shapely.intersects_xy(geoms, xy[:, 0], xy[:, 1])


#: ``shapely.linestrings``'s default NaN handling ("allow"), for the direct calls below.
_ALLOW_NAN = np.intc(0)
#: A point on the outline of the floor grown this much (m) is off the grown floor, with room to spare:
#: both buffers round each corner with the same number of chords (it depends on the corner's angle
#: only; one chord cuts at most 34 degrees off the arc either side), so this outline runs at least
#: 0.2 mm x cos(34 degrees) = 0.17 mm outside the grown floor's (0.166 mm at the closest on every
#: floor of the samples and real levels).
_CLEARLY_OFF = 1.2e-3


class _SegmentTest:
    """``shapely.covers(grown floor, segment)`` between nodes, answered cheaply where the answer is certain.

    The lazy search asks this thousands of times per imported room, and
    GEOS's covers costs ~15 us against an outline of thousands of
    vertices. Two cheaper questions settle most segments: one that meets
    the outline of the floor grown 1.2 mm leaves the grown floor (blocked);
    one that meets neither that nor the grown floor's own outline lies
    inside it (its ends are nodes on the grown floor). The rest (a
    segment grazing the grown outline) ask covers. Single segments go
    through shapely's C functions: the public wrappers cost as much again.
    """

    def __init__(self, floor: BaseGeometry, grown: BaseGeometry) -> None:
        self.grown = grown
        self.edge = grown.boundary
        off = floor.buffer(_CLEARLY_OFF, quad_segs=2).boundary
        # what makes "meets it: blocked" certain; never seen to fail, checked all the same (~0.5 ms)
        self.off = off if not shapely.intersects(grown, off) else shapely.LineString()
        shapely.prepare(self.edge)
        shapely.prepare(self.off)

    def one(self, a: np.ndarray) -> bool:
        """The segment between the two rows of ``a``."""
        seg = shapely.lib.linestrings(a, _ALLOW_NAN)
        if shapely.lib.intersects(self.off, seg):
            return False
        return not shapely.lib.intersects(self.edge, seg) or bool(shapely.lib.covers(self.grown, seg))

    def many(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        segs = _segments(a, b)
        ok = ~shapely.intersects(self.off, segs)
        grazing = np.flatnonzero(ok)[shapely.intersects(self.edge, segs[ok])]
        ok[grazing] = shapely.covers(self.grown, segs[grazing])
        return ok


def straight_distances(points: list[tuple[float, float]]) -> np.ndarray:
    """The distances between the points as the crow flies (what :func:`in_room_paths` gives points in plain sight)."""
    xy = np.asarray(points, dtype=float).reshape(-1, 2)
    return _pairwise(xy, xy)


def straight_rows(rooms: list[list[tuple[float, float]]]) -> list[list[list[float]]]:
    """:func:`straight_distances` of each room's points, as Python lists, worked out for all the rooms in one go.

    A level has a few hundred rooms in plain sight with a few doors each: asked room by room, numpy's
    overhead costs more than the distances. The same differences and ``hypot`` per pair, so the same floats.
    """
    if not rooms:
        return []
    sizes = np.array([len(pts) for pts in rooms], dtype=np.intp)
    xy = np.asarray([p for pts in rooms for p in pts], dtype=float).reshape(-1, 2)
    cells = sizes * sizes
    cell = ranges(np.zeros_like(sizes), cells)  # 0 .. n*n - 1 per room, row by row
    size, first = np.repeat(sizes, cells), np.repeat(np.cumsum(sizes) - sizes, cells)
    i, j = first + cell // size, first + cell % size
    flat = np.hypot(xy[i, 0] - xy[j, 0], xy[i, 1] - xy[j, 1]).tolist()
    out, at = [], 0
    for n in sizes.tolist():
        out.append([flat[at + r * n : at + (r + 1) * n] for r in range(n)])
        at += n * n
    return out


def _straight(points: list[tuple[float, float]]) -> tuple[np.ndarray, list[list[list[int]]], list[tuple[float, float]]]:
    n = len(points)
    return straight_distances(points), [[[i, j] for j in range(n)] for i in range(n)], list(points)


#: What :func:`in_room_paths` returns: distances among the points, path index lists, all node coordinates.
_Paths = tuple[np.ndarray, list[list[list[int]]], list[tuple[float, float]]]


def in_room_paths(floor: BaseGeometry, points: list[tuple[float, float]]) -> _Paths:
    """All-pairs shortest paths between ``points`` on the floor polygon.

    Returns (distance matrix among the points, inf where cut off; path index
    lists, [] where cut off; all node coordinates incl. corner nodes).
    """
    return _straight(points) if in_plain_sight([floor], [points])[0] else around_corners(floor, points)


def in_plain_sight(floors: list[BaseGeometry], points: list[list[tuple[float, float]]],
                   convex: list[bool | None] | None = None) -> list[bool]:
    """Per room: whether its points are in plain sight of each other on its floor (True for fewer than two points).

    Most rooms of a level have their points in plain sight of each other on the floor itself: the floor
    is convex (a polygon without holes that fills its hull, to 1e-6 m2), has no polygon at all, or every
    point and every segment between two of them lies on it. Asked room by room, the shapely calls that
    show it cost more in their wrapping than in GEOS; here each is one call over all the rooms.
    ``convex``: per floor, whether it is convex so, where already known (None: not known).
    """
    ask = [i for i, pts in enumerate(points) if len(pts) >= 2]
    plain_at: dict[int, bool] = {}
    if ask:
        geoms = np.array([floors[i] for i in ask], dtype=object)
        known = [None if convex is None else convex[i] for i in ask]
        plain = np.array([bool(c) for c in known], dtype=bool)
        todo = [k for k, c in enumerate(known) if c is None]
        if todo:
            some = geoms[todo]
            polygon = np.array([isinstance(g, Polygon) for g in some], dtype=bool)
            hull = shapely.area(shapely.convex_hull(some)) - shapely.area(some)
            plain[todo] = polygon & (shapely.get_num_interior_rings(some) == 0) & (hull < 1e-6)
        plain |= np.array([largest_polygon(g).is_empty for g in geoms], dtype=bool)
        rest = [k for k in range(len(ask)) if not plain[k]]
        if rest:  # every point on the floor itself, then (only there) every segment between them: in plain sight
            sizes = [len(points[ask[k]]) for k in rest]
            owner = np.repeat(np.arange(len(rest)), sizes)
            on = _covers_xy(geoms[rest][owner], np.asarray([p for k in rest for p in points[ask[k]]], dtype=float))
            rest = [k for k, off in zip(rest, np.bincount(owner[~on], minlength=len(rest)).tolist(), strict=True) if not off]
        if rest:
            sizes = [len(points[ask[k]]) for k in rest]
            xy = np.asarray([p for k in rest for p in points[ask[k]]], dtype=float)
            first = np.cumsum([0, *sizes])
            pairs = [_pairs(n) for n in sizes]
            a = np.concatenate([first[j] + ii for j, (ii, _) in enumerate(pairs)])
            b = np.concatenate([first[j] + jj for j, (_, jj) in enumerate(pairs)])
            owner = np.repeat(np.arange(len(rest)), [len(ii) for ii, _ in pairs])
            seen = shapely.covers(geoms[rest][owner], _segments(xy[a], xy[b]))
            plain[np.asarray(rest, dtype=np.intp)[np.bincount(owner[~seen], minlength=len(rest)) == 0]] = True
        plain_at = dict(zip(ask, plain.tolist(), strict=True))
    return [plain_at.get(i, True) for i in range(len(points))]


def around_corners(floor: BaseGeometry, points: list[tuple[float, float]]) -> _Paths:
    """:func:`in_room_paths` past its first tests (:func:`in_plain_sight`): some point or segment between
    them is off the floor itself."""
    n = len(points)
    xy = np.asarray(points, dtype=float)
    ii, jj = _pairs(n)
    grown = grown_floor(floor)
    on = _covers_xy(grown, xy)
    if n >= 2 and int(on.sum()) <= 1:  # no two points on the grown floor: no path (what the lazy search gives, untested)
        return _cut_off(points, floor)
    both = on[ii] & on[jj]  # a segment with an end off the grown floor is not on it: tested only between points on it
    direct = np.zeros(len(ii), dtype=bool)
    off = _OffFloor(floor, grown)
    a, b = xy[ii[both]], xy[jj[both]]
    direct[both] = _covers(grown, a, b, off(len(a), _PROBED_POINTS))
    if bool(direct.all()):  # every pair in plain sight of each other (most rooms, even with a table in them)
        return _straight(points)
    nodes = _nodes(points, floor)
    xy = np.asarray(nodes, dtype=float)
    if len(nodes) * (len(nodes) - 1) // 2 <= _EAGER_PAIRS * (int(on.sum()) - 1):
        return _all_pairs(grown, xy, n, on, direct, off) + (nodes,)
    d = _pairwise(xy, xy)
    sight = _Sight(floor, grown, xy, d)
    sight.record(ii, jj, direct)
    sight.cut_off(np.nonzero(~on)[0])
    seen = sight.known[:n, :n] == 1
    dist = np.where(seen, d[:n, :n], np.inf)
    seen_at, on_at = seen.tolist(), on.tolist()  # Python lists: n x n lookups, cheaper than numpy's scalar indexing
    paths = [[([i, j] if i != j else [i]) if seen_at[i][j] else [] for j in range(n)] for i in range(n)]
    todo = {s: [t for t in range(s + 1, n) if on_at[t] and not seen_at[s][t]] for s in range(n) if on_at[s]}
    todo = {s: targets for s, targets in todo.items() if targets}
    if not todo:
        return dist, paths, nodes
    ends = sorted({s for s in todo} | {t for targets in todo.values() for t in targets})
    lower = dict(zip(ends, _lower_bounds(floor, xy, ends), strict=True))
    for s, targets in todo.items():
        g_at, parent = _search(sight, d, lower, s, targets)
        g, back = g_at.tolist(), parent.tolist()  # read node by node: Python lists
        for t in targets:
            if math.isfinite(g[t]):
                p = [t]
                while p[-1] != s:
                    p.append(back[p[-1]])
                dist[s, t] = dist[t, s] = g[t]
                paths[s][t], paths[t][s] = p[::-1], p
    return dist, paths, nodes


def _nodes(points: list[tuple[float, float]], floor: BaseGeometry) -> list[tuple[float, float]]:
    """The graph's nodes: the points, then the floor's reflex corners."""
    return list(points) + [c for part in getattr(floor, "geoms", [floor]) if isinstance(part, Polygon) for c in reflex_vertices(part)]


def _cut_off(points: list[tuple[float, float]], floor: BaseGeometry) -> _Paths:
    """Every point cut off from every other (each at 0 from itself, its path itself), with the nodes all the same."""
    n = len(points)
    dist = np.full((n, n), np.inf)
    np.fill_diagonal(dist, 0.0)
    return dist, [[([i] if i == j else []) for j in range(n)] for i in range(n)], _nodes(points, floor)


def _all_pairs(grown: BaseGeometry, xy: np.ndarray, n: int, on: np.ndarray | None = None,
               direct: np.ndarray | None = None, off: _OffFloor | None = None) -> tuple[np.ndarray, list[list[list[int]]]]:
    """Few corners: test every pair of nodes at once, then Floyd–Warshall with a next-hop matrix.

    ``on``: which of the first ``n`` nodes (the points) are on the grown floor; ``direct``: the
    segments between the points, tested in :func:`_pairs` order (both tested here if not given);
    ``off``: the floor ``grown`` was grown from, grown a little more, to settle most blocked segments cheaply
    (:func:`_covers`; from :data:`_PROBED` segments on).
    A point off the grown floor ends no segment on it, so it is left out of the test and of the
    search (on imported plans, half the doors are drawn a few mm off their wall). Floyd–Warshall
    over the nodes kept is the same as over all of them: a node joined to none changes nothing.
    """
    if on is None:
        on = _covers_xy(grown, xy[:n])
    keep = np.concatenate([np.flatnonzero(on), np.arange(n, len(xy))])  # in node order: the same steps, in the same order
    sub = xy[keep]
    m = len(sub)
    ii, jj = _pairs(m)
    both = jj < len(keep) - (len(xy) - n)  # pairs of two points: already tested
    ok = np.empty(len(ii), dtype=bool)
    if direct is None:
        ok[both] = shapely.covers(grown, _segments(sub[ii[both]], sub[jj[both]]))
    else:
        seen = np.zeros((n, n), dtype=bool)
        pi, pj = _pairs(n)
        seen[pi, pj] = direct
        ok[both] = seen[keep[ii[both]], keep[jj[both]]]
    rest = ~both
    a, b = sub[ii[rest]], sub[jj[rest]]
    ok[rest] = _covers(grown, a, b, None if off is None else off(len(a), _PROBED))
    dist = np.full((m, m), np.inf)
    np.fill_diagonal(dist, 0.0)
    lengths = np.hypot(sub[ii, 0] - sub[jj, 0], sub[ii, 1] - sub[jj, 1])
    dist[ii[ok], jj[ok]] = lengths[ok]
    dist[jj[ok], ii[ok]] = lengths[ok]
    nxt = np.tile(np.arange(m), (m, 1))
    via, better = np.empty((m, m)), np.empty((m, m), dtype=bool)
    slack = dist - 1e-12  # what a path via k must undercut: worked out again only where a step changed dist
    add, less, changed, copyto, subtract = np.add, np.less, np.count_nonzero, np.copyto, np.subtract
    for k in range(m):  # in place, no arrays allocated per step (row and column k never change at step k)
        add(dist[:, k : k + 1], dist[k : k + 1, :], out=via)
        less(via, slack, out=better)
        if changed(better):  # (cheaper to call than better.any())
            copyto(dist, via, where=better)
            subtract(dist, 1e-12, out=slack)
            copyto(nxt, nxt[:, k : k + 1], where=better)
    pts = len(keep) - (len(xy) - n)  # the points kept come first
    out = np.full((n, n), np.inf)
    np.fill_diagonal(out, 0.0)
    at = keep[:pts]
    out[np.ix_(at, at)] = dist[:pts, :pts]
    paths = [[([i] if i == j else []) for j in range(n)] for i in range(n)]
    _walk_next_hops(paths, keep.tolist(), nxt.tolist(), np.isfinite(dist[:pts, :pts]).tolist(), pts)
    return out, paths


def _clearly_off(floor: BaseGeometry, grown: BaseGeometry) -> BaseGeometry | None:
    """The floor grown :data:`_CLEARLY_OFF`, mitred (prepared), when the grown floor lies inside it clear of its outline (else None).

    Mitred, its outline runs 1.2 mm or more from the floor (the grown floor's, 1 mm or less): a point not
    inside it is 0.2 mm or more off the grown floor (0.2 mm at the closest on every floor of the samples
    and real levels). Cheaper to draw than rounded corners.
    """
    off = floor.buffer(_CLEARLY_OFF, join_style="mitre")
    shapely.prepare(off)
    return off if shapely.contains_properly(off, grown) else None  # never seen to fail, checked all the same


#: Where :func:`_covers` looks for a point of a segment off the floor: its middle, then (still on the floor) its quarters.
_PROBES = (0.5, 0.25, 0.75)
#: From this many segments between corners (or between points: doors on the walls, dearer to test) on, the
#: points save more than drawing the outline for them costs.
_PROBED, _PROBED_POINTS = 300, 100


class _OffFloor:
    """:func:`_clearly_off` of a floor, drawn when first wanted: for ``count`` segments, from ``least`` on (else None;
    once drawn, for any number)."""

    def __init__(self, floor: BaseGeometry, grown: BaseGeometry) -> None:
        self.floor, self.grown = floor, grown
        self.drawn, self.off = False, None

    def __call__(self, count: int, least: int) -> BaseGeometry | None:
        if not self.drawn:
            if count < least:
                return None
            self.off, self.drawn = _clearly_off(self.floor, self.grown), True
        return self.off


def _covers(grown: BaseGeometry, a: np.ndarray, b: np.ndarray, off: BaseGeometry | None) -> np.ndarray:
    """``shapely.covers(grown, segments from the rows of a to those of b)``, most blocked ones settled by points.

    Most segments between a room's corners cross a wall, and GEOS's covers works those out in full (about
    1 us each, more than building the segment). A point of the segment outside ``off`` (:func:`_clearly_off`)
    is off the grown floor with 0.2 mm to spare, far more than the rounding of the point (1e-13 m): the
    segment leaves the grown floor. Its middle and quarters settle 94 % of the blocked segments of the
    FloorspaceJS ground floor; covers answers for the rest (``off`` None: for all). The same answers.
    """
    ok = np.zeros(len(a), dtype=bool)
    ask = np.arange(len(a)) if off is None else _probes_inside(off, a, b, np.arange(len(a)), _PROBES)
    ok[ask] = shapely.covers(grown, _segments(a[ask], b[ask]))
    return ok


def _probes_inside(outer: BaseGeometry, a: np.ndarray, b: np.ndarray, ask: np.ndarray,
                   probes: tuple[float, ...]) -> np.ndarray:
    """Those of the segments ``ask`` (rows of ``a`` to rows of ``b``) whose points at the shares ``probes`` of their
    length all lie inside ``outer`` (a prepared polygon), tried in turn. The others have a point outside it, so
    they leave whatever ``outer`` holds clear of its outline, by more than the rounding of the point."""
    for t in probes:
        probe = a[ask] * (1.0 - t) + b[ask] * t
        ask = ask[shapely.contains_xy(outer, probe[:, 0], probe[:, 1])]
    return ask


def _walk_next_hops(paths: list[list[list[int]]], names: list[int], nxt: list[list[int]], joined: list[list[bool]],
                    n: int) -> None:
    """Fill in ``paths`` (by point) the path between every two of the first ``n`` nodes, from the next-hop table.

    Node k is point ``names[k]`` (or a corner); Python lists: fast to index. Walked from the lower node only;
    the way back is that path reversed (as long; Floyd–Warshall might draw another of the same length).
    """
    m = len(nxt)
    for i in range(n):
        row, name = joined[i], names[i]
        for j in range(i + 1, n):
            if not row[j]:
                continue
            p, cur = [name], i
            while cur != j and len(p) <= m:
                cur = nxt[cur][j]
                p.append(names[cur])
            paths[name][names[j]], paths[names[j]][name] = p, p[::-1]


class _Sight:
    """Whether the segment between two nodes lies on the grown floor: tested on demand, remembered.

    ``open``: the straight distances ``d`` between the nodes, infinite where the segment is known to be
    blocked. An offer along it then costs infinity, which undercuts nothing: the search drops blocked
    segments with the cost test it makes anyway, not with a test of ``known`` of its own.
    """

    def __init__(self, floor: BaseGeometry, grown: BaseGeometry, xy: np.ndarray, d: np.ndarray) -> None:
        self.floor, self.grown, self.xy = floor, grown, xy
        self.coords: list[list[float]] = xy.tolist()  # one segment's ends, cheaper than fancy indexing
        self._ends = np.empty((2, 2))
        self.known = np.zeros((len(xy), len(xy)), dtype=np.int8)  # 0 untested, 1 on the floor, -1 not
        np.fill_diagonal(self.known, 1)
        self.open = d.copy()

    @cached_property
    def test(self) -> _SegmentTest:
        """Drawn when a segment is first tested: where the points' own segments settle every pair, never."""
        return _SegmentTest(self.floor, self.grown)

    def record(self, a: np.ndarray, b: np.ndarray, ok: np.ndarray) -> None:
        value = np.where(ok, 1, -1).astype(np.int8)
        self.known[a, b] = value
        self.known[b, a] = value
        blocked = ~ok
        self.open[a[blocked], b[blocked]] = np.inf
        self.open[b[blocked], a[blocked]] = np.inf

    def cut_off(self, nodes: np.ndarray) -> None:
        """Nodes off the grown floor: no segment that ends there lies on it."""
        self.known[nodes, :] = -1
        self.known[:, nodes] = -1
        self.known[nodes, nodes] = 1
        self.open[nodes, :] = np.inf
        self.open[:, nodes] = np.inf
        self.open[nodes, nodes] = 0.0

    def pair(self, u: int, v: int) -> bool:
        """One segment (the search's usual question: a few microseconds of overhead, not tens)."""
        known = self.known[u, v]
        if known == 0:
            known = self.test_one(u, v)
        return known == 1

    def test_one(self, u: int, v: int) -> int:
        """Test the segment from ``u`` to ``v`` and remember the answer (1 on the floor, -1 not)."""
        ends = self._ends  # GEOS copies the coordinates: one array serves every segment
        ends[0] = self.coords[u]
        ends[1] = self.coords[v]
        if self.test.one(ends):
            self.known[u, v] = self.known[v, u] = 1
            return 1
        self.known[u, v] = self.known[v, u] = -1
        self.open[u, v] = self.open[v, u] = np.inf
        return -1

    def ways_in(self, via: list[int], v: int) -> list[bool]:
        """Whether the segments from each of ``via`` to ``v`` lie on the grown floor (untested ones tested in one go)."""
        row = self.known[v]
        todo = [u for u in via if row[u] == 0]
        if len(todo) <= 2:  # mostly one: the single-segment test costs less than the vectorised one's overhead
            for u in todo:
                self.test_one(u, v)
        else:
            ok = self.test.many(self.xy[todo], self.xy[np.full(len(todo), v)])
            value = np.where(ok, 1, -1).astype(np.int8)
            self.known[todo, v] = value
            row[todo] = value
            blocked = np.asarray(todo)[~ok]
            self.open[blocked, v] = np.inf
            self.open[v, blocked] = np.inf
        return [row[u] == 1 for u in via]


def _lower_bounds(floor: BaseGeometry, xy: np.ndarray, sources: list[int]) -> np.ndarray:
    """(len(sources), m): no walk on the floor from a source node to a node is shorter (inf: none exists).

    The walking distance on a coarse floor that contains the grown floor with
    centimetres to spare (so rounding cannot matter): a shortest path there
    bends only at the coarse floor's corners that do not turn left, and its
    segments pass the (slightly widened) coarse floor's test. Every walk on
    the real floor is a walk on the coarse one, hence at least that long.
    """
    coarse = shapely.simplify(floor.buffer(_COARSE_GROW, join_style="mitre"), _COARSE_SIMPLIFY, preserve_topology=True)
    bends = np.vstack([np.zeros((0, 2))] + [_turning(p, 1e-9, reflex=False) for p in getattr(coarse, "geoms", [coarse]) if isinstance(p, Polygon)])
    clear = _Clear(coarse)
    on = clear.points(xy)

    def legs(a: np.ndarray, b: np.ndarray, a_on: np.ndarray, b_on: np.ndarray) -> np.ndarray:
        i, j = np.meshgrid(np.arange(len(a)), np.arange(len(b)), indexing="ij")
        ok = clear(a[i.ravel()], b[j.ravel()], a_on[i.ravel()] & b_on[j.ravel()]).reshape(len(a), len(b))
        return np.where(ok, _pairwise(a, b), np.inf)

    src, k = xy[sources], len(sources)
    hubs = np.vstack([src, bends])
    hubs_on = np.concatenate([on[sources], clear.points(bends)])
    i, j = np.triu_indices(len(hubs), 1)
    ok = clear(hubs[i], hubs[j], hubs_on[i] & hubs_on[j])
    i, j = i[ok], j[ok]
    lengths = np.hypot(*(hubs[i] - hubs[j]).T)
    # the pairs come row by row (triu_indices), so the sparse rows are laid out directly: what csr_matrix makes of
    # (lengths, (i, j)), without its conversion
    starts = np.zeros(len(hubs) + 1, dtype=np.int32)
    np.cumsum(np.bincount(i, minlength=len(hubs)), out=starts[1:])
    graph = csr_matrix((lengths, j.astype(np.int32), starts), shape=(len(hubs), len(hubs)))
    via = dijkstra(graph, directed=False, indices=np.arange(k))
    bound = legs(src, xy, on[sources], on)
    hidden = np.nonzero(~np.isfinite(bound).all(axis=0))[0]  # in sight of a source, the straight line is the bound
    if len(bends) and len(hidden):
        bound[:, hidden] = _through_bends(bound[:, hidden], via[:, k:], bends, hubs_on[k:], xy[hidden], on[hidden], clear)
    return bound * (1.0 - 1e-9)


class _Clear:
    """``shapely.covers(wide, segment)`` for the coarse floor widened 1 um (``wide``), answered cheaply where certain.

    Most segments the bounds ask about leave the coarse floor, and GEOS
    works those out in full (~4 us each, thousands per imported room). A
    segment that meets the outline of the coarse floor widened 2 um (outside
    ``wide``: checked) is not covered; one that meets neither that nor
    ``wide``'s outline lies wholly inside or wholly outside, as its ends do;
    only the rest (grazing ``wide``'s outline) ask covers. Before any of
    that, a segment whose middle lies outside the coarse floor grown 2 um
    leaves ``wide`` too (most of those that do): it is not even drawn. Where few leave
    the floor, or few are asked, covers answers straight away (the outlines
    are drawn when first needed).
    """

    #: Fewer segments than this ask covers straight away, and all do once fewer than this share of those
    #: asked so far proved to leave the floor (covers answers a segment inside as fast as an outline test).
    FEW, MOSTLY_OFF = 32, 0.3

    def __init__(self, coarse: BaseGeometry) -> None:
        self.coarse = coarse
        self.wide = coarse.buffer(1e-6, join_style="mitre")
        shapely.prepare(self.wide)
        self._outlines: tuple[BaseGeometry, BaseGeometry] | None = None
        self._beyond: BaseGeometry | None = None  # the coarse floor grown 2 um, prepared, where its outline is clear of ``wide``
        self.asked = self.off_hits = 0

    @property
    def outlines(self) -> tuple[BaseGeometry, BaseGeometry]:
        """(the outline 2 um out, or an empty line if it is not clear of ``wide``; ``wide``'s outline), prepared."""
        if self._outlines is None:
            beyond = self.coarse.buffer(2e-6, join_style="mitre")
            off = beyond.boundary
            clear = not shapely.intersects(self.wide, off)
            off = off if clear else shapely.LineString()
            rim = self.wide.boundary
            shapely.prepare(off)
            shapely.prepare(rim)
            if clear:
                shapely.prepare(beyond)
                self._beyond = beyond
            self._outlines = off, rim
        return self._outlines

    def points(self, xy: np.ndarray) -> np.ndarray:
        """Whether ``wide`` covers each row of ``xy``."""
        return _covers_xy(self.wide, xy)

    def __call__(self, a: np.ndarray, b: np.ndarray, ends_on: np.ndarray) -> np.ndarray:
        """The segments from the rows of ``a`` to those of ``b``; ``ends_on``: whether ``wide`` covers both ends of each."""
        if len(a) < self.FEW or self.off_hits < self.asked * self.MOSTLY_OFF:
            return shapely.covers(self.wide, _segments(a, b))
        off, rim = self.outlines
        at = np.flatnonzero(ends_on)
        if self._beyond is not None:  # a middle outside the outline 2 um out: off ``wide`` (by 1 um, not 1e-14 of rounding)
            at = _probes_inside(self._beyond, a, b, at, (0.5,))
        ok = np.zeros(len(a), dtype=bool)
        segs = _segments(a[at], b[at])
        inside = ~shapely.intersects(off, segs)
        ok[at] = inside
        self.asked += len(ok)
        kept = int(inside.sum())
        self.off_hits += len(ok) - kept
        if kept:  # (shapely's calls cost microseconds even on no segments; most calls here have none grazing)
            grazing = inside.nonzero()[0][shapely.intersects(rim, segs[inside])]
            if len(grazing):
                ok[at[grazing]] = shapely.covers(self.wide, segs[grazing])
        return ok


def _through_bends(bound: np.ndarray, via: np.ndarray, bends: np.ndarray, bends_on: np.ndarray, targets: np.ndarray,
                   targets_on: np.ndarray, clear: _Clear) -> np.ndarray:
    """``bound`` lowered, per source row, to the walk to a bend (``via``) plus a clear straight leg on to the target.

    The bends are taken nearest first, and a leg is tested only where it
    could still lower some source's bound (a leg is never shorter than the
    straight line): most of the bends x targets legs are never tested. A
    minimum depends neither on the order of its terms nor on terms that
    cannot lower it.
    """
    best = bound.copy()
    nearest = via.min(axis=0)
    lines = _pairwise(bends, targets)
    for b in np.argsort(nearest, kind="stable"):
        if nearest[b] == np.inf:
            break  # the rest are reached from no source either: nothing plus infinity lowers a bound
        reach, line = via[:, b, None], lines[b]
        cand = ((reach + line < best).any(axis=0)).nonzero()[0]
        if len(cand):
            ok = clear(np.broadcast_to(bends[b], (len(cand), 2)), targets[cand], targets_on[cand] & bends_on[b])
            cand = cand[ok]  # a blocked leg lowers nothing
            if len(cand):
                best[:, cand] = np.minimum(best[:, cand], reach + line[cand])
    return best


def _search(sight: _Sight, d: np.ndarray, lower: dict[int, np.ndarray], s: int, targets: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """A* from node ``s`` until every target is reached: exact distances ``g`` and each reached node's parent."""
    return _AStar(sight, d, lower, s, targets).run()


class _AStar:
    """One A* search from node ``s`` over the lazily tested visibility graph.

    ``lower[p]`` bounds the walk from point ``p`` to every node from below.
    The heuristic is that bound to the nearest target still sought. It is
    admissible but not quite consistent (the coarse floor's corners are not
    the real ones), so a node reached again more cheaply is expanded again;
    a target's distance is final when it is reached. Edges are lazy: a node
    is offered from each reached node at the cost of the straight segment,
    which is tested only when that offer comes first; if it is blocked, the
    node's next cheapest way in is looked for among the reached nodes.
    Offers cheaper than the bound from ``s`` are impossible, so never made.

    The search pops tens of thousands of offers per imported room, so what
    it reads one node at a time (the open offers, the heuristic) is kept in
    Python lists, and ``bar`` keeps ``min(offer cost, g) * (1 - 1e-12)`` (what
    an offer must undercut) up to date instead of recomputing it per offer.
    """

    def __init__(self, sight: _Sight, d: np.ndarray, lower: dict[int, np.ndarray], s: int, targets: list[int]) -> None:
        m = len(d)
        self.sight, self.d, self.lower, self.s = sight, d, lower, s
        self.g = np.full(m, np.inf)
        self.g[s] = 0.0
        self.parent = np.full(m, -1)
        self.offer_cost = [math.inf] * m  # the cheapest offer still open per node, and from where
        self.offer_from = [-1] * m
        self.bar = np.full(m, np.inf)
        self.bar[s] = 0.0
        self.done = np.empty(m, dtype=np.intp)  # the reached nodes, in the order first reached: done[:n_done]
        self.done[0], self.n_done = s, 1
        self.regained = 0  # how many times a reached node was reached again more cheaply
        self.kept: dict[int, tuple[int, int, list[tuple[float, int, int]]]] = {}  # per node: see ways_in
        self.least = lower[s]  # no node can be reached from s more cheaply than this
        self.left = list(targets)
        self.rows = np.array([lower[t] for t in targets])  # the bounds to the targets, stacked once per search
        self.alive = np.ones(len(targets), dtype=bool)  # which rows are targets still sought
        self.slot = {t: k for k, t in enumerate(targets)}
        self.set_heuristic()
        self.heap: list[tuple[float, float, int, int]] = []

    def set_heuristic(self) -> None:
        """The bound to the nearest target still sought (an array for offers, a list for single nodes)."""
        self.h = self.rows[self.alive].min(axis=0)
        self.h_list: list[float] = self.h.tolist()

    def run(self) -> tuple[np.ndarray, np.ndarray]:
        heap, offer_from, offer_cost = self.heap, self.offer_from, self.offer_cost
        pair, pop, push = self.sight.pair, heapq.heappop, heapq.heappush
        self.offer(self.s, 0.0)
        while heap and self.left:
            f, c, v, u = pop(heap)
            if offer_from[v] != u or c != offer_cost[v]:
                continue  # superseded by a cheaper offer
            h = self.h_list[v]
            if f < c + h - 1e-12:  # a target was reached since: the heuristic grew
                push(heap, (c + h, c, v, u))
                continue
            if not pair(u, v):
                self.reroute(v)
                continue
            self.reach(v, u, c)
        return self.g, self.parent

    def reach(self, v: int, u: int, c: float) -> None:
        """``v`` reached from ``u`` at cost ``c``: record it, drop it from the targets, offer its neighbours."""
        self.offer_cost[v], self.offer_from[v] = math.inf, -1
        self.bar[v] = c * (1 - 1e-12)
        if not math.isfinite(self.g[v]):
            self.done[self.n_done] = v
            self.n_done += 1
        else:
            self.regained += 1  # the ways in through v cost less now
        self.g[v], self.parent[v] = c, u
        if v in self.left:
            self.left.remove(v)
            self.alive[self.slot[v]] = False
            if self.left:
                self.set_heuristic()
        self.offer(v, c)

    def offer(self, u: int, gu: float) -> None:
        """Offer the nodes from ``u``, reached at cost ``gu`` (``g[u]``, as a Python float: cheaper to add)."""
        cost = gu + self.sight.open[u]  # infinite along a blocked segment: fails cost < bar
        ok = cost < self.bar
        ok &= cost >= self.least
        to = ok.nonzero()[0]
        if not len(to):
            return
        cost = cost[to]
        self.bar[to] = cost * (1 - 1e-12)  # cost < bar <= g: the new minimum
        offer_cost, offer_from, heap, push = self.offer_cost, self.offer_from, self.heap, heapq.heappush
        for v, c, f in zip(to.tolist(), cost.tolist(), (cost + self.h[to]).tolist(), strict=True):
            offer_cost[v], offer_from[v] = c, u
            push(heap, (f, c, v, u))

    def reroute(self, v: int) -> None:
        """Offer ``v`` again from its cheapest reached node not known to be blocked.

        The ways in that would come off the heap next anyway are tested
        together, cheapest first (ties in the order reached); the first that
        is not blocked is offered, or else the cheapest of the rest, untested
        as usual. (``known`` and ``d`` are symmetric: row ``v`` is column ``v``.)
        """
        self.offer_cost[v], self.offer_from[v] = math.inf, -1
        cap = float(self.g[v]) * (1 - 1e-12)
        self.bar[v] = cap
        ways = self.ways_in(v, cap)
        if not ways:
            return
        top = self.heap[0][0] if self.heap else math.inf
        h = self.h_list[v]
        soon = sorted(w for w in ways if w[0] + h <= top)
        if soon:
            ok = self.sight.ways_in([u for _, _, u in soon], v)
            for (c, _, u), clear in zip(soon, ok, strict=True):
                if clear:
                    self.offer_via(v, u, c)
                    return
            if len(soon) == len(ways):
                return
            ways = [w for w in ways if not w[0] + h <= top]  # the rest (finite: cheaper than g[v])
        c, _, u = min(ways)
        self.offer_via(v, u, c)

    def ways_in(self, v: int, cap: float) -> list[tuple[float, int, int]]:
        """(cost, order reached, node) of the reached nodes that ``v`` could be reached from more cheaply than ``cap``.

        Not blocked, not cheaper than the bound from ``s``. A node is rerouted
        again and again (ten times on average on the DXF office), and between
        two times one node or none was reached: the ways in of last time are
        kept and checked again (a segment found blocked or a cost no longer
        below ``cap``, which only falls, drops them), and only the nodes
        reached since are added. When a reached node was reached again more
        cheaply (rare), every way in is worked out afresh.
        """
        n, row = self.n_done, self.sight.known[v]
        kept = self.kept.get(v)
        if kept is None or kept[0] != self.regained:
            via = self.done[:n]
            cost = self.g[via]
            cost += self.sight.open[v][via]  # infinite along a blocked segment: fails cost < cap
            keep = cost < cap
            keep &= cost >= self.least[v]
            at = keep.nonzero()[0]
            ways = list(zip(cost[at].tolist(), at.tolist(), via[at].tolist(), strict=True))
        else:
            ways = kept[2]
            if len(ways) > 16:  # a Python list is faster to index, once made
                blocked = row.tolist()
                ways = [w for w in ways if w[0] < cap and blocked[w[2]] != -1]
            else:
                ways = [w for w in ways if w[0] < cap and row[w[2]] != -1]
            if kept[1] < n:
                dv, least, g, done = self.d[v], self.least[v], self.g, self.done
                for k in range(kept[1], n):
                    u = int(done[k])
                    c = float(g[u]) + float(dv[u])
                    if c < cap and c >= least and row[u] != -1:
                        ways.append((c, k, u))
        self.kept[v] = (self.regained, n, ways)
        return ways

    def offer_via(self, v: int, u: int, c: float) -> None:
        self.offer_cost[v], self.offer_from[v] = c, u
        self.bar[v] = min(c, float(self.g[v])) * (1 - 1e-12)
        heapq.heappush(self.heap, (c + self.h_list[v], c, v, u))
