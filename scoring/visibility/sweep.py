"""The exact angular sweep behind isovists and the visibility graph, batched in numpy.

For a viewpoint p, sort the end points of all wall segments by their angle
around p. Between two neighbouring angles (an "interval") no end point
lies, so (walls being noded: they touch but never cross) one wall is the
nearest along every ray of the interval. It is found by casting the ray
through the interval's middle against the walls that span the interval,
and the isovist is the sequence of those nearest walls, each cut to its
interval. This is depthmapX's isovist (blocks in angular gaps), computed
for a whole batch of viewpoints at once with no Python loop per viewpoint.

Angles are "pseudo-angles" in [0, 4): monotone in the true angle but free of
trigonometry (the diamond angle, dy / (|dx| + |dy|) per quadrant). The
order of directions is all the sweep needs.

A frame (a rectangle well outside everything) closes every sweep, so every
interval has a nearest wall even where sight escapes through a gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

__all__ = ["Sweep", "pseudo_angle", "direction", "sweep", "with_frame", "visible_pairs"]

#: Two directions closer than this (pseudo-angle units, ~rad) are the same ray.
ANGLE_TOL = 1e-9
#: Pseudo-angles of viewpoint v are offset by v * KEY_STRIDE so one sorted array holds a batch.
KEY_STRIDE = 8.0


def pseudo_angle(dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """A number in [0, 4) that orders directions like atan2 does (counter-clockwise from +x)."""
    s = np.abs(dx)
    s += np.abs(dy)
    if s.all():  # no zero vector (the usual case): the same quotient without masking
        r = dy / s
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            r = np.where(s > 0, dy / np.where(s > 0, s, 1.0), 0.0)
    # 2 - r in the left half-plane, r above and 4 + r below the +x axis in the right one: the same numbers
    # as nested np.where, written into one array (fewer passes over these large arrays)
    right = dx >= 0
    out = np.subtract(2.0, r, out=np.empty_like(r))
    np.copyto(out, r, where=right)
    right &= dy < 0
    np.add(r, 4.0, out=out, where=right)
    return out


#: Per quadrant q of a pseudo-angle q + f: direction = (_DX0[q] + _DXF[q] * f, _DY0[q] + _DYF[q] * f).
_DX0, _DXF = np.array([1.0, 0.0, -1.0, 0.0]), np.array([-1.0, -1.0, 1.0, 1.0])
_DY0, _DYF = np.array([0.0, 1.0, 0.0, -1.0]), np.array([1.0, -1.0, -1.0, 1.0])


def direction(pa: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A (not normalised) direction vector for a pseudo-angle: the inverse of :func:`pseudo_angle`."""
    # pa modulo 4 as pa - 4 floor(pa / 4): the same number as np.mod's (both are the exact remainder rounded
    # once), at a fraction of its cost
    turns = np.floor(np.asarray(pa, dtype=float) * 0.25)
    turns *= -4.0
    turns += pa
    pa = turns
    q = np.floor(pa)
    f = pa - q
    qi = q.astype(np.intp)
    return _DX0[qi] + _DXF[qi] * f, _DY0[qi] + _DYF[qi] * f


def with_frame(segments: np.ndarray, points: np.ndarray, margin: float = 10.0) -> np.ndarray:
    """The segments plus a rectangle around them and the points (so every ray ends somewhere).

    The rectangle also encloses the origin, so it exists even with nothing to enclose.
    """
    segs = np.asarray(segments, dtype=float).reshape(-1, 4)
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    xs = np.concatenate([segs[:, 0], segs[:, 2], pts[:, 0], [0.0]])
    ys = np.concatenate([segs[:, 1], segs[:, 3], pts[:, 1], [0.0]])
    x0, x1 = xs.min() - margin, xs.max() + margin
    y0, y1 = ys.min() - margin, ys.max() + margin
    frame = np.array([[x0, y0, x1, y0], [x1, y0, x1, y1], [x1, y1, x0, y1], [x0, y1, x0, y0]])
    return np.vstack([segs, frame])


@dataclass
class Sweep:
    """The sweep of a batch of B viewpoints, each over the segments it may see (ragged).

    Viewpoint v owns the events ``offsets[v]:offsets[v + 1]`` (the end points
    of its segments, in its angular order); interval k runs from event k to
    the next event of the same viewpoint (the last wraps round to its first).
    """

    points: np.ndarray  # (B, 2) viewpoints
    segments: np.ndarray  # (n, 4) walls incl. frame
    offsets: np.ndarray  # (B + 1,) where each viewpoint's events start
    keys: np.ndarray  # (E,) sorted pseudo-angles offset by row * KEY_STRIDE
    event_x: np.ndarray  # (E,) event position relative to the viewpoint: x
    event_y: np.ndarray  # (E,) ... and y
    nearest: np.ndarray  # (E,) index of the nearest segment in each interval
    # the nearest segment's (viewpoint, segment) pair per interval, and per pair the segment's b - a and
    # cross(a - p, b - a): where the visible pieces start and end follows from them, for the intervals asked
    nearest_pair: np.ndarray  # (E,)
    pair_dx: np.ndarray  # (P,)
    pair_dy: np.ndarray  # (P,)
    pair_num: np.ndarray  # (P,)

    @property
    def event_rel(self) -> np.ndarray:
        """(E, 2) event positions relative to their viewpoint."""
        return np.column_stack([self.event_x, self.event_y])

    @cached_property
    def event_dist(self) -> np.ndarray:
        """(E,) distance of each event (segment end point) from its viewpoint: only sight-line tests need it."""
        return np.hypot(self.event_x, self.event_y)

    def pieces(self, idx: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Where the visible piece of each interval's wall starts (x, y) and ends (x, y), relative to the
        viewpoint: where the wall meets the rays through the interval's two events (``idx``: those intervals only).
        """
        nxt = self.next_event()
        if idx is not None:
            nxt = nxt[idx]
        pair = self.nearest_pair if idx is None else self.nearest_pair[idx]
        sx, sy, snum = self.pair_dx[pair], self.pair_dy[pair], self.pair_num[pair]
        x0, y0 = (self.event_x, self.event_y) if idx is None else (self.event_x[idx], self.event_y[idx])
        x1, y1 = self.event_x[nxt], self.event_y[nxt]
        with np.errstate(invalid="ignore", divide="ignore"):  # (a sweep of the open intervals only: not theirs)
            t0 = snum / _cross(x0, y0, sx, sy)
            t1 = snum / _cross(x1, y1, sx, sy)
            return x0 * t0, y0 * t0, x1 * t1, y1 * t1

    @cached_property
    def _start_end(self) -> tuple[np.ndarray, np.ndarray]:
        x0, y0, x1, y1 = self.pieces()
        return np.column_stack([x0, y0]), np.column_stack([x1, y1])

    @property
    def start(self) -> np.ndarray:
        """(E, 2) where the visible piece of each interval's wall starts (relative to the viewpoint)."""
        return self._start_end[0]

    @property
    def end(self) -> np.ndarray:
        """(E, 2) ... and where it ends."""
        return self._start_end[1]

    @property
    def rows(self) -> np.ndarray:
        """The viewpoint of each event."""
        return np.repeat(np.arange(len(self.points)), np.diff(self.offsets))

    def next_event(self) -> np.ndarray:
        """Index of the next event of the same viewpoint (cyclic); computed once per sweep, not to be written to."""
        return self._next_event

    @cached_property
    def _next_event(self) -> np.ndarray:
        nxt = np.arange(1, len(self.keys) + 1)
        nxt[self.offsets[1:] - 1] = self.offsets[:-1]
        nxt.flags.writeable = False  # shared by every caller
        return nxt

    def open_intervals(self) -> np.ndarray:
        """(E,) mask of the intervals wider than :data:`ANGLE_TOL` (computed once per sweep, read-only).

        Events on one ray (collinear wall corners, a wall seen edge-on from a
        viewpoint on its line, the jambs of a door gap the viewpoint stands
        in) leave zero-width intervals between them. Those bound no area;
        drawn as polygon pieces they are spikes out and back along the ray,
        which the exact (regularised) isovist does not have.
        """
        return self._open

    @cached_property
    def _open(self) -> np.ndarray:
        mask = _open_mask(self.keys, self.offsets)
        mask.flags.writeable = False  # shared by every caller
        return mask


def _open_mask(keys: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """:meth:`Sweep.open_intervals` from the sorted keys and the viewpoints' offsets."""
    width = np.empty_like(keys)
    np.subtract(keys[1:], keys[:-1], out=width[:-1])  # the next event's key less this one's, without a gather
    last = offsets[1:] - 1
    width[last] = keys[offsets[:-1]] - keys[last]  # a viewpoint's last event: its first one's, a turn on
    width[last] += 4.0
    return width > ANGLE_TOL


def _cross(ax, ay, bx, by):
    return ax * by - ay * bx


def sweep(points: np.ndarray, segments: np.ndarray, keep: np.ndarray | None = None, framed: bool = False,
          open_only: bool = False) -> Sweep:
    """Sweep every viewpoint in ``points`` (B, 2) over ``segments`` (n, 4, framed).

    Viewpoints must not lie on a segment (their isovist would be degenerate).
    ``keep`` (B, n): the segments each viewpoint may see (see
    :func:`.portals.culled_batches`); only those are sorted and cast against.
    ``framed``: the last four segments are the frame of :func:`with_frame`;
    it is then cast against only where sight escapes (the same result).
    ``open_only``: find the nearest segment of the open intervals only (see
    :meth:`Sweep.open_intervals`; the others get segment 0): all that the
    isovist's measures and outline read, and about half the intervals.
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    segs = np.asarray(segments, dtype=float)
    n_pts, n = len(pts), len(segs)
    if keep is None:
        keep = np.ones((n_pts, n), dtype=bool)
    # (viewpoint, segment) pairs, grouped by viewpoint: np.nonzero's pairs, from the flat indices (2-d nonzero
    # is several times slower)
    pv, ps = np.divmod(np.flatnonzero(keep), max(1, n))
    n_pairs = len(pv)
    px, py = pts[:, 0][pv], pts[:, 1][pv]
    x1, y1, x2, y2 = np.ascontiguousarray(segs.T)
    # both end points of every pair relative to its viewpoint, the a ends then the b ends (the events)
    end_x, end_y = np.empty(2 * n_pairs), np.empty(2 * n_pairs)
    ax, bx = end_x[:n_pairs], end_x[n_pairs:]
    ay, by = end_y[:n_pairs], end_y[n_pairs:]
    np.subtract(x1[ps], px, out=ax)
    np.subtract(y1[ps], py, out=ay)
    np.subtract(x2[ps], px, out=bx)
    np.subtract(y2[ps], py, out=by)
    dx, dy = bx - ax, by - ay
    # events sorted by viewpoint then angle
    ev_key = pseudo_angle(end_x, end_y)
    ev_key.reshape(2, n_pairs)[:] += pv * KEY_STRIDE
    # a stable sort: the events of a tie (collinear with the viewpoint) keep their order, a ends before b ends.
    # The keys come in runs (each viewpoint's pairs in turn), which the merge sort uses: faster than quicksort here
    order = np.argsort(ev_key, kind="stable")
    keys = ev_key[order]
    same = keys[1:] == keys[:-1]
    # where each event landed, moved back to the first event of its tie (what a left search would find)
    tie_start = np.arange(len(keys))
    tie_start[1:][same] = 0
    np.maximum.accumulate(tie_start, out=tie_start)
    ev_x, ev_y = end_x[order], end_y[order]
    landed = np.empty_like(order)
    landed[order] = tie_start
    per_row = 2 * np.bincount(pv, minlength=n_pts)
    offsets = np.zeros(n_pts + 1, dtype=np.int64)
    np.cumsum(per_row, out=offsets[1:])

    # the angular span of every pair's segment: counter-clockwise from its first to its second end
    num = _cross(ax, ay, dx, dy)  # cross(a - p, b - a)
    ccw = num > 0  # b lies counter-clockwise of a
    at_a, at_b = landed[:n_pairs], landed[n_pairs:]  # the events of each pair's two ends
    base, m = offsets[pv], per_row[pv]
    first = np.where(ccw, at_a, at_b) - base
    last = np.where(ccw, at_b, at_a) - base
    count = last - first
    count[count < 0] += m[count < 0]  # cyclic: a span that wraps round the viewpoint's last event
    count[np.abs(num) <= 1e-12 * (np.abs(dx) + np.abs(dy))] = 0  # seen edge-on: spans no interval

    late = ps >= n - 4 if framed else None
    open_ = _open_mask(keys, offsets) if open_only else None
    nearest_pair = _nearest_pairs(keys, offsets, base, first, m, count, num, dx, dy, late, open_)

    sw = Sweep(pts, segs, offsets, keys, ev_x, ev_y, ps[nearest_pair], nearest_pair, dx, dy, num)
    if open_ is not None:
        open_.flags.writeable = False
        sw.__dict__["_open"] = open_  # the cached mask of open_intervals(), already at hand
    return sw


def _nearest_pairs(
    keys: np.ndarray,
    offsets: np.ndarray,
    base: np.ndarray,
    first: np.ndarray,
    m: np.ndarray,
    count: np.ndarray,
    num: np.ndarray,
    dx: np.ndarray,
    dy: np.ndarray,
    late: np.ndarray | None = None,
    open_: np.ndarray | None = None,
) -> np.ndarray:
    """For every interval, the (viewpoint, segment) pair whose segment is nearest along its middle ray.

    Each pair spans ``count`` intervals from its viewpoint's event ``first``
    (cyclic within the ``m`` events from ``base``); one ray per (pair,
    interval) triple is cast against the pair's segment. ``late``: pairs
    farther than every other pair wherever those hit (the frame); they are
    cast only in the intervals where nothing else is hit. ``open_``: a mask
    of the intervals to cast in (the others get pair 0); the rest of the
    intervals are left out of the arrays, so each pair's rays are cast in
    the same order among the same pairs as over all of them.
    """
    nxt_key = np.empty_like(keys)
    nxt_key[:-1] = keys[1:]
    nxt_key[offsets[1:] - 1] = keys[offsets[:-1]] + 4.0
    if open_ is None:
        mid = 0.5 * (keys + nxt_key)
    else:
        kept = np.flatnonzero(open_)
        mid = 0.5 * (keys[kept] + nxt_key[kept])
        base, first, m, count = _compressed(open_, base, first, m, count)
    mx, my = direction(mid)  # the ray through the middle of each interval
    rays = (mx, my, base, first, m, num, dx, dy)
    if late is None:
        nearest = _cast(rays, count)[0]
    else:
        nearest, best = _cast(rays, np.where(late, 0, count))
        escape = best == np.inf  # sight escapes: the frame is nearest (ties resolve as among all pairs)
        if escape.any():
            nearest_late, _ = _cast(rays, np.where(late, count, 0), escape)
            nearest[escape] = nearest_late[escape]
    if open_ is None:
        return nearest
    full = np.zeros(len(keys), dtype=nearest.dtype)
    full[kept] = nearest
    return full


def _compressed(open_: np.ndarray, base: np.ndarray, first: np.ndarray, m: np.ndarray,
                count: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each pair's viewpoint's start, first interval, number of intervals and span (``base``, ``first``,
    ``m``, ``count`` as in :func:`_nearest_pairs`) counted in the open intervals only."""
    before = np.zeros(len(open_) + 1, dtype=np.int64)  # open intervals before each event
    np.cumsum(open_, out=before[1:])
    start = base + first
    stop = base + m
    c_base = before[base]
    c_m = before[stop] - c_base
    at_start = before[start]
    c_first = at_start - c_base
    # the span's open intervals up to the viewpoint's last event, then (a wrapped span) those from its first
    end = start + count
    c_count = before[np.minimum(end, stop)] - at_start
    wrap = np.flatnonzero(end > stop)
    c_count[wrap] += before[end[wrap] - m[wrap]] - c_base[wrap]
    return c_base, c_first, c_m, c_count


def _cast(rays: tuple, count: np.ndarray, only: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The nearest pair and its ray parameter per interval, over the pairs' ``count`` intervals each
    (``only``: a mask of the intervals to cast in; the others get pair 0 and infinity)."""
    mx, my, base, first, m, num, dx, dy = rays
    # each pair's run split where it wraps round its viewpoint's last event: two runs per pair, in order
    # (the ties between pairs resolve as before), so a triple's interval is its run's start plus its step
    head = np.minimum(count, m - first)
    runs = np.column_stack([head, count - head]).ravel()
    start = np.column_stack([base + first, base]).ravel()
    total = int(runs.sum())
    ends = np.cumsum(runs)
    k = np.repeat(start - (ends - runs), runs)
    k += np.arange(total)
    # the pair of each ray (a pair's two runs are consecutive): per-pair values are gathered through it,
    # and a winning ray's pair is read off it, not searched for among the runs' ends
    pair = np.repeat(np.arange(len(count)), count)
    if only is not None:
        wanted = np.flatnonzero(only[k])
        k, pair = k[wanted], pair[wanted]
    # t = num / cross(m, d) per ray, in place (the same operations as _cross, fewer temporaries)
    cross = mx[k]
    cross *= dy[pair]
    other = my[k]
    other *= dx[pair]
    cross -= other
    del other
    t = num[pair]
    t /= cross
    del cross
    best = np.full(len(mx), np.inf)
    np.minimum.at(best, k, t)
    nearest_pair = np.zeros(len(mx), dtype=np.int64)
    win = np.flatnonzero(t <= best[k])
    nearest_pair[k[win]] = pair[win]  # among tied rays the last (the latest pair) wins, as before
    return nearest_pair, best


def visible_pairs(sw: Sweep, v: np.ndarray, qx: np.ndarray, qy: np.ndarray) -> np.ndarray:
    """For pairs (viewpoint row v of the sweep, target point q), whether q is visible.

    Visible means the segment from the viewpoint to q touches no wall: like
    depthmapX, a sight line that grazes a wall's end point is blocked.
    """
    p = sw.points[v]
    rx, ry = qx - p[:, 0], qy - p[:, 1]
    d = np.hypot(rx, ry)
    key = pseudo_angle(rx, ry) + v * KEY_STRIDE
    first = np.searchsorted(sw.keys, key - ANGLE_TOL, side="left")
    stop = np.searchsorted(sw.keys, key + ANGLE_TOL, side="right")
    base, end = sw.offsets[v], sw.offsets[v + 1]
    lo = first - 1
    lo = np.where(lo < base, end - 1, lo)
    hi = stop - 1
    hi = np.where(hi < base, end - 1, hi)
    segs = sw.segments
    ok = np.ones(len(v), dtype=bool)
    for interval in (lo, hi):
        s = sw.nearest[interval]
        ax, ay = segs[s, 0] - p[:, 0], segs[s, 1] - p[:, 1]
        sdx, sdy = segs[s, 2] - segs[s, 0], segs[s, 3] - segs[s, 1]
        with np.errstate(invalid="ignore", divide="ignore"):
            u = _cross(ax, ay, sdx, sdy) / _cross(rx, ry, sdx, sdy)
        ok &= ~(u <= 1.0 + 1e-9)  # the wall is hit before q (nan: parallel, not hit)
    # a wall end point lying on the sight line (within the angle tolerance) blocks it
    window = stop > first
    if window.any():
        ed = np.append(sw.event_dist, np.inf)  # reduceat needs every bound to be a valid index
        idx = np.nonzero(window)[0]
        near = np.minimum(ed[first[idx]], ed[stop[idx] - 1])
        wide = idx[stop[idx] - first[idx] > 2]
        if len(wide):
            bounds = np.stack([first[wide], stop[wide]], axis=1).ravel()
            near_wide = np.minimum.reduceat(ed, bounds)[::2]
            near[np.searchsorted(idx, wide)] = near_wide
        ok[idx] &= near >= d[idx] * (1.0 + 1e-9)
    return ok
