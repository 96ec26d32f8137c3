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

from collections.abc import Iterator

import numpy as np

from .bits import n_words, or_transpose, pack_rows, popcount_rows, unpack_rows
from .isovist import batch_size, isovist_properties, keep_heap
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
    keep_heap()  # the slices' temporaries (a few MB each) reuse heap pages, not fresh zeroed mappings
    framed = with_frame(segments, pts)
    cells = _Cells(pts)
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
        for v, q in cells.later_in_boxes(rows, lo, hi):
            ok = visible_pairs(sw, v, cells.xs[q], cells.ys[q])
            block[v[ok], q[ok]] = True
        bits[rows] |= pack_rows(block)
    or_transpose(bits, n)
    return bits


class _Cells:
    """The points in rows of equal y, each row sorted by x: the cells inside a box are one slice per row.

    Keys are integers (row rank times a stride plus x rank), so the slices hold exactly the cells with
    ``lo <= (x, y) <= hi``, as comparing the coordinates themselves would.
    """

    def __init__(self, pts: np.ndarray) -> None:
        self.xs, self.ys = pts[:, 0], pts[:, 1]
        self.ux, x_rank = np.unique(self.xs, return_inverse=True)
        self.uy, y_rank = np.unique(self.ys, return_inverse=True)
        self.stride = len(self.ux) + 1
        self.order = np.lexsort((self.xs, self.ys))  # by row, then by x
        key = y_rank * self.stride + x_rank
        self.keys = key[self.order]
        # a grid's cells are numbered in this order already: "later" is then "later in the same row, or in a later
        # row", so the earlier cells of a box need not be listed and dropped
        self.in_order = bool((self.order == np.arange(len(self.order))).all())
        self.row = y_rank

    def later_in_boxes(self, rows: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(viewpoint row, cell) pairs with the cell later than the viewpoint (``rows``: their cells) and inside
        its box ``lo``..``hi``, in slices of at most about :data:`PAIR_SLICE` pairs."""
        r0 = np.searchsorted(self.uy, lo[:, 1], side="left")
        r1 = np.searchsorted(self.uy, hi[:, 1], side="right")
        if self.in_order:
            r0 = np.maximum(r0, self.row[rows])
        x0 = np.searchsorted(self.ux, lo[:, 0], side="left")
        x1 = np.searchsorted(self.ux, hi[:, 0], side="right")
        n_rows = np.maximum(r1 - r0, 0)
        vr = np.repeat(np.arange(len(rows)), n_rows)  # one entry per (viewpoint, row of its box)
        if len(vr) == 0:
            return
        r = np.arange(len(vr)) - np.repeat(np.cumsum(n_rows) - n_rows - r0, n_rows)
        base = r * self.stride
        start = np.searchsorted(self.keys, base + x0[vr], side="left")
        stop = np.searchsorted(self.keys, base + x1[vr], side="left")
        if self.in_order:
            np.maximum(start, rows[vr] + 1, out=start)  # position is cell number: only the later ones
        count = np.maximum(stop - start, 0)
        ends = np.cumsum(count)
        cuts = np.searchsorted(ends, np.arange(PAIR_SLICE, int(ends[-1]), PAIR_SLICE), side="left") + 1
        for g in np.split(np.arange(len(vr)), cuts):
            if not len(g):
                continue
            c = count[g]
            v = np.repeat(vr[g], c)
            pos = np.arange(len(v)) - np.repeat(np.cumsum(c) - c - start[g], c)
            q = self.order[pos]
            if not self.in_order:
                later = q > rows[v]
                v, q = v[later], q[later]
            yield v, q


def connectivity(bits: np.ndarray) -> np.ndarray:
    """Links per cell (depthmapX's Connectivity: the cells each one sees, itself excluded)."""
    return popcount_rows(bits)


def to_dense(bits: np.ndarray, n: int) -> np.ndarray:
    """The Boolean matrix (for tests and small graphs only)."""
    return unpack_rows(bits, n)
