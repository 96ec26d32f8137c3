"""The visibility graph of grid cells as packed bits (N² / 8 bytes, never an N x N byte matrix).

Two cells are linked when the straight line between their centres touches
no wall. Every cell's exact isovist comes from the batched angular sweep of
:mod:`.sweep`; the later cells inside its bounding box are tested against
it by a binary search in its sorted angles (no pairwise wall tests), the
links are set as bits, and the upper triangle is mirrored at the end.
Candidate pairs are handled a bounded slice at a time, so memory stays at
the packed matrix plus a few tens of MB whatever the grid.
"""

from __future__ import annotations

import numpy as np

from .bits import n_words, or_transpose, pack_rows, popcount_rows, unpack_rows
from .isovist import batch_size, isovist_properties
from .portals import Portals, culled_batches
from .sweep import sweep, visible_pairs, with_frame

__all__ = ["visibility_bits", "connectivity", "to_dense"]

#: Candidate (viewpoint, cell) pairs tested at once.
PAIR_SLICE = 1_000_000


def visibility_bits(
    segments: np.ndarray, points: np.ndarray, portals: Portals | None = None, isovists: dict[str, np.ndarray] | None = None
) -> np.ndarray:
    """The packed (N, ceil(N / 64)) symmetric intervisibility matrix of the points, no self links.

    ``isovists``: a dict to fill with every point's isovist measures
    (:func:`.isovist.isovist_properties`) from the same sweeps, for free of a second pass.
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    n = len(pts)
    bits = np.zeros((n, n_words(n)), dtype=np.uint64)
    if n < 2:
        return bits
    framed = with_frame(segments, pts)
    xs, ys = pts[:, 0], pts[:, 1]
    order = np.argsort(xs, kind="stable")  # cells by x: a bounding box is one slice of this order
    xs_sorted = xs[order]
    size = max(8, min(batch_size(len(framed)), PAIR_SLICE // max(1, n // 4)))
    for rows, segs_b, keep in culled_batches(pts, framed, portals, size):
        sw = sweep(pts[rows], segs_b, keep, framed=True)  # the frame is last: cast only where sight escapes
        if isovists is not None:
            for name, values in isovist_properties(sw).items():
                isovists.setdefault(name, np.zeros(n))[rows] = values
        starts = sw.offsets[:-1]
        lo = np.minimum(np.minimum.reduceat(sw.start, starts), np.minimum.reduceat(sw.end, starts)) + sw.points
        hi = np.maximum(np.maximum.reduceat(sw.start, starts), np.maximum.reduceat(sw.end, starts)) + sw.points
        block = np.zeros((len(rows), n), dtype=bool)
        for v, q in _candidates(rows, lo, hi, order, xs_sorted, ys):
            ok = visible_pairs(sw, v, xs[q], ys[q])
            block[v[ok], q[ok]] = True
        bits[rows] |= pack_rows(block)
    or_transpose(bits, n)
    return bits


def _candidates(rows: np.ndarray, lo: np.ndarray, hi: np.ndarray, order: np.ndarray, xs_sorted: np.ndarray, ys: np.ndarray):
    """(viewpoint row, cell) pairs with the cell later than the viewpoint and inside its isovist's box,
    in slices of at most about :data:`PAIR_SLICE` pairs."""
    first = np.searchsorted(xs_sorted, lo[:, 0], side="left")
    stop = np.searchsorted(xs_sorted, hi[:, 0], side="right")
    span = stop - first
    v_all = np.repeat(np.arange(len(rows)), span)
    if len(v_all) == 0:
        return
    offsets = np.cumsum(span) - span
    for s0 in range(0, len(v_all), PAIR_SLICE):
        v = v_all[s0 : s0 + PAIR_SLICE]
        pos = np.arange(s0, s0 + len(v)) - offsets[v] + first[v]
        q = order[pos]
        inside = (q > rows[v]) & (ys[q] >= lo[v, 1]) & (ys[q] <= hi[v, 1])
        yield v[inside], q[inside]


def connectivity(bits: np.ndarray) -> np.ndarray:
    """Links per cell (depthmapX's Connectivity: the cells each one sees, itself excluded)."""
    return popcount_rows(bits)


def to_dense(bits: np.ndarray, n: int) -> np.ndarray:
    """The Boolean matrix (for tests and small graphs only)."""
    return unpack_rows(bits, n)
