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

import numpy as np

__all__ = ["Sweep", "pseudo_angle", "direction", "sweep", "with_frame", "visible_pairs"]

#: Two directions closer than this (pseudo-angle units, ~rad) are the same ray.
ANGLE_TOL = 1e-9
#: Pseudo-angles of viewpoint v are offset by v * KEY_STRIDE so one sorted array holds a batch.
KEY_STRIDE = 8.0


def pseudo_angle(dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """A number in [0, 4) that orders directions like atan2 does (counter-clockwise from +x)."""
    s = np.abs(dx) + np.abs(dy)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(s > 0, dy / np.where(s > 0, s, 1.0), 0.0)
    return np.where(dx >= 0, np.where(dy >= 0, r, 4.0 + r), 2.0 - r)


def direction(pa: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A (not normalised) direction vector for a pseudo-angle: the inverse of :func:`pseudo_angle`."""
    pa = np.mod(pa, 4.0)
    q = np.floor(pa)
    f = pa - q
    dx = np.select([q == 0, q == 1, q == 2], [1.0 - f, -f, f - 1.0], f)
    dy = np.select([q == 0, q == 1, q == 2], [f, 1.0 - f, -f], f - 1.0)
    return dx, dy


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
    """The sweep of a batch of B viewpoints over n segments (m = 2n events each).

    Arrays are (B, m) in each viewpoint's angular order; interval k runs from
    event k to event k + 1 (the last one wraps round to event 0).
    """

    points: np.ndarray  # (B, 2) viewpoints
    segments: np.ndarray  # (n, 4) walls incl. frame
    keys: np.ndarray  # (B*m,) sorted pseudo-angles offset by row * KEY_STRIDE
    event_dist: np.ndarray  # (B, m) distance of each event (segment end point) from its viewpoint
    event_rel: np.ndarray  # (B, m, 2) event position relative to the viewpoint
    nearest: np.ndarray  # (B, m) index of the nearest segment in each interval
    start: np.ndarray  # (B, m, 2) where the visible piece of the interval's wall starts (relative)
    end: np.ndarray  # (B, m, 2) ... and ends

    @property
    def m(self) -> int:
        return self.event_dist.shape[1]

    def open_intervals(self) -> np.ndarray:
        """(B, m) mask of the intervals wider than :data:`ANGLE_TOL`.

        Events on one ray (collinear wall corners, a wall seen edge-on from a
        viewpoint on its line, the jambs of a door gap the viewpoint stands
        in) leave zero-width intervals between them. Those bound no area;
        drawn as polygon pieces they are spikes out and back along the ray,
        which the exact (regularised) isovist does not have.
        """
        key = self.keys.reshape(self.points.shape[0], -1)
        width = np.empty_like(key)
        width[:, :-1] = key[:, 1:] - key[:, :-1]
        width[:, -1] = key[:, 0] + 4.0 - key[:, -1]
        return width > ANGLE_TOL


def _cross(ax, ay, bx, by):
    return ax * by - ay * bx


def sweep(points: np.ndarray, segments: np.ndarray, keep: np.ndarray | None = None) -> Sweep:
    """Sweep every viewpoint in ``points`` (B, 2) over ``segments`` (n, 4, framed).

    Viewpoints must not lie on a segment (their isovist would be degenerate).
    ``keep`` (B, n): the segments each viewpoint may see (see
    :func:`.portals.culled_batches`); the others skip the costly step.
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    segs = np.asarray(segments, dtype=float)
    n_pts, n = len(pts), len(segs)
    m = 2 * n
    ax, ay, bx, by = segs[:, 0], segs[:, 1], segs[:, 2], segs[:, 3]
    dx, dy = bx - ax, by - ay
    # events: the end points of every segment seen from every viewpoint
    ex = np.concatenate([ax, bx])[None, :] - pts[:, 0:1]  # (B, m)
    ey = np.concatenate([ay, by])[None, :] - pts[:, 1:2]
    pa = pseudo_angle(ex, ey)
    dist = np.hypot(ex, ey)
    order = np.argsort(pa, axis=-1)  # ties need no order: the look-ups take the whole tie window
    pa_sorted = np.take_along_axis(pa, order, axis=1)
    rows = np.arange(n_pts)
    keys = (pa_sorted + rows[:, None] * KEY_STRIDE).ravel()
    event_dist = np.take_along_axis(dist, order, axis=1)
    event_rel = np.stack([np.take_along_axis(ex, order, axis=1), np.take_along_axis(ey, order, axis=1)], axis=-1)

    # the angular span of every segment: counter-clockwise from its first to its second end
    rel_ax, rel_ay = ex[:, :n], ey[:, :n]
    num = _cross(rel_ax, rel_ay, dx[None, :], dy[None, :])  # (B, n): cross(a - p, b - a)
    ccw = num > 0  # b lies counter-clockwise of a
    pa_a, pa_b = pa[:, :n], pa[:, n:]
    lo = np.where(ccw, pa_a, pa_b) + rows[:, None] * KEY_STRIDE
    hi = np.where(ccw, pa_b, pa_a) + rows[:, None] * KEY_STRIDE
    base = (rows * m)[:, None]
    first = np.searchsorted(keys, lo.ravel(), side="left").reshape(n_pts, n) - base
    last = np.searchsorted(keys, hi.ravel(), side="left").reshape(n_pts, n) - base
    count = np.mod(last - first, m)
    count[np.abs(num) <= 1e-12 * (np.abs(dx) + np.abs(dy))[None, :]] = 0  # seen edge-on: spans no interval
    if keep is not None:
        count[~keep] = 0

    # one (viewpoint, segment, interval) triple per interval a segment spans
    flat_count = count.ravel()
    total = int(flat_count.sum())
    pair = np.repeat(np.arange(n_pts * n), flat_count)
    offsets = np.cumsum(flat_count) - flat_count
    step = np.arange(total) - np.repeat(offsets, flat_count)
    v = pair // n
    s = pair - v * n
    k = np.mod(first.ravel()[pair] + step, m)
    vk = v * m + k

    # the ray through the middle of each interval
    nxt = np.roll(pa_sorted, -1, axis=1)
    nxt[:, -1] += 4.0
    mx, my = direction(0.5 * (pa_sorted + nxt))
    mx, my = mx.ravel(), my.ravel()
    t = num.ravel()[pair] / _cross(mx[vk], my[vk], dx[s], dy[s])
    best = np.full(n_pts * m, np.inf)
    np.minimum.at(best, vk, t)
    nearest = np.zeros(n_pts * m, dtype=np.int64)
    win = t <= best[vk]
    nearest[vk[win]] = s[win]
    nearest = nearest.reshape(n_pts, m)

    # where the nearest wall meets the rays through the interval's two end events
    sx, sy = dx[nearest], dy[nearest]
    snum = np.take_along_axis(num, nearest, axis=1)
    e0 = event_rel
    e1 = np.roll(event_rel, -1, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        t0 = snum / _cross(e0[..., 0], e0[..., 1], sx, sy)
        t1 = snum / _cross(e1[..., 0], e1[..., 1], sx, sy)
    start = e0 * t0[..., None]
    end = e1 * t1[..., None]
    return Sweep(pts, segs, keys, event_dist, event_rel, nearest, start, end)


def visible_pairs(sw: Sweep, v: np.ndarray, qx: np.ndarray, qy: np.ndarray) -> np.ndarray:
    """For pairs (viewpoint row v of the sweep, target point q), whether q is visible.

    Visible means the segment from the viewpoint to q touches no wall: like
    depthmapX, a sight line that grazes a wall's end point is blocked.
    """
    p = sw.points[v]
    rx, ry = qx - p[:, 0], qy - p[:, 1]
    d = np.hypot(rx, ry)
    key = pseudo_angle(rx, ry) + v * KEY_STRIDE
    m = sw.m
    first = np.searchsorted(sw.keys, key - ANGLE_TOL, side="left")
    stop = np.searchsorted(sw.keys, key + ANGLE_TOL, side="right")
    base = v * m
    lo = first - 1
    lo = np.where(lo < base, base + m - 1, lo)
    hi = stop - 1
    hi = np.where(hi < base, base + m - 1, hi)
    segs = sw.segments
    ok = np.ones(len(v), dtype=bool)
    for interval in (lo, hi):
        s = sw.nearest.ravel()[interval]
        ax, ay = segs[s, 0] - p[:, 0], segs[s, 1] - p[:, 1]
        sdx, sdy = segs[s, 2] - segs[s, 0], segs[s, 3] - segs[s, 1]
        with np.errstate(invalid="ignore", divide="ignore"):
            u = _cross(ax, ay, sdx, sdy) / _cross(rx, ry, sdx, sdy)
        ok &= ~(u <= 1.0 + 1e-9)  # the wall is hit before q (nan: parallel, not hit)
    # a wall end point lying on the sight line (within the angle tolerance) blocks it
    window = stop > first
    if window.any():
        ed = np.append(sw.event_dist.ravel(), np.inf)  # reduceat needs every bound to be a valid index
        idx = np.nonzero(window)[0]
        near = np.minimum(ed[first[idx]], ed[stop[idx] - 1])
        wide = idx[stop[idx] - first[idx] > 2]
        if len(wide):
            bounds = np.stack([first[wide], stop[wide]], axis=1).ravel()
            near_wide = np.minimum.reduceat(ed, bounds)[::2]
            near[np.searchsorted(idx, wide)] = near_wide
        ok[idx] &= near >= d[idx] * (1.0 + 1e-9)
    return ok
