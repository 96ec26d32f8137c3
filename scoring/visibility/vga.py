"""Visibility graph analysis (VGA) the way depthmapX computes it, fast.

Two filled cells are linked when the straight line between their centres
touches no wall. Building the graph pairwise (every pair against every
wall) is what makes naive VGA slow; here every cell's exact isovist comes
from one batched angular sweep, and all other cell centres are tested
against it by a binary search in its sorted angles: N sweeps plus N
vectorised look-ups, no pairwise wall tests.

Global measures (depthmapX ``vgavisualglobal.cpp``, radius n): a
breadth-first search from every cell gives k = nodes reached (itself
included), total depth TD, mean depth MD = TD / (k - 1),
RA = 2 (MD - 1) / (k - 2), D_k = 2 {k [log2((k + 2) / 3) - 1] + 1} / ((k - 1)(k - 2))
and integration [HH] = D_k / RA. The all-source search runs as Boolean
matrix products, R_{d+1} = R_d · (A + I), on bit-packed rows with the
"four Russians" table method (no BLAS threads, so it degrades gracefully on
a busy machine); visibility graphs have a diameter of a handful of steps,
and rows that have reached their whole component drop out of the next product.
Where depthmapX writes -1 (k <= 2, or MD <= 1 so RA = 0) this writes NaN.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from floorplans.model import Plan

from .grid import Grid, make_grid
from .isovist import batch_size
from .obstacles import VISUAL_OBSTACLE_TYPES, wall_segments
from .portals import Portals, culled_batches, plan_portals
from .sweep import sweep, visible_pairs, with_frame

__all__ = ["VGAResult", "vga", "visibility_graph", "global_measures", "dvalue", "integration_hh"]


@dataclass(frozen=True)
class VGAResult:
    """Per-cell VGA measures (arrays aligned with ``xs``, ``ys``) and the time each step took."""

    spacing: float
    xs: np.ndarray
    ys: np.ndarray
    connectivity: np.ndarray  # visible cells, itself excluded
    node_count: np.ndarray  # k: cells reached by the search, itself included
    mean_depth: np.ndarray
    integration_hh: np.ndarray
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    def __len__(self) -> int:
        return len(self.xs)

    def to_frame(self) -> pd.DataFrame:
        """One row per cell: x, y, connectivity, node_count, mean_depth, integration (HH)."""
        return pd.DataFrame({
            "x": self.xs,
            "y": self.ys,
            "connectivity": self.connectivity,
            "node_count": self.node_count,
            "mean_depth": self.mean_depth,
            "integration": self.integration_hh,
        })

    def write_csv(self, path: str | Path) -> Path:
        path = Path(path)
        self.to_frame().to_csv(path, index=False)
        return path


def visibility_graph(segments: np.ndarray, points: np.ndarray, portals: Portals | None = None) -> np.ndarray:
    """The (N, N) Boolean intervisibility matrix of the points (symmetric, no self links).

    One exact sweep per point (in batches); each point tests only the later
    points inside its isovist's bounding box, then the matrix is mirrored.
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    n = len(pts)
    adj = np.zeros((n, n), dtype=bool)
    if n < 2:
        return adj
    framed = with_frame(segments, pts)
    xs, ys = pts[:, 0], pts[:, 1]
    for rows, segs_b, keep in culled_batches(pts, framed, portals, batch_size(len(framed))):
        sw = sweep(pts[rows], segs_b, keep)
        lo = np.minimum(sw.start.min(axis=1), sw.end.min(axis=1)) + sw.points
        hi = np.maximum(sw.start.max(axis=1), sw.end.max(axis=1)) + sw.points
        after = np.arange(n)[None, :] > rows[:, None]
        inside = (
            after
            & (xs[None, :] >= lo[:, 0:1]) & (xs[None, :] <= hi[:, 0:1])
            & (ys[None, :] >= lo[:, 1:2]) & (ys[None, :] <= hi[:, 1:2])
        )
        v, q = np.nonzero(inside)
        ok = visible_pairs(sw, v, xs[q], ys[q])
        adj[rows[v[ok]], q[ok]] = True
    adj |= adj.T
    return adj


def dvalue(k: np.ndarray | float) -> np.ndarray:
    """Hillier & Hanson's D_k for k nodes (depthmapX ``pafmath.h`` dvalue)."""
    k = np.asarray(k, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return 2.0 * (k * (np.log2((k + 2.0) / 3.0) - 1.0) + 1.0) / ((k - 1.0) * (k - 2.0))


def integration_hh(node_count: np.ndarray, total_depth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean depth and integration [HH] from node counts k (itself included) and total depths."""
    k = np.asarray(node_count, dtype=float)
    td = np.asarray(total_depth, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        md = np.where(k > 1, td / (k - 1.0), np.nan)
        ra = 2.0 * (md - 1.0) / (k - 2.0)
        hh = np.where((k > 2) & (md > 1.0), dvalue(k) / ra, np.nan)
    return md, hh


def _pack(rows: np.ndarray) -> np.ndarray:
    """Boolean rows as bits in uint64 words (bit j of byte g is column 8g + j)."""
    packed = np.packbits(rows, axis=1, bitorder="little")
    pad = (-packed.shape[1]) % 8
    if pad:
        packed = np.pad(packed, ((0, 0), (0, pad)))
    return np.ascontiguousarray(packed).view(np.uint64)


def _or_table(step_bits: np.ndarray) -> np.ndarray:
    """For every group of 8 rows of the step matrix, the OR of each of the 256 subsets of them.

    The "method of four Russians" for Boolean matrix products: one row of a
    product is then the OR of one table entry per byte of the left row.
    """
    n, words = step_bits.shape
    groups = -(-n // 8)
    rows = np.zeros((groups * 8, words), dtype=np.uint64)
    rows[:n] = step_bits
    rows = rows.reshape(groups, 8, words)
    table = np.zeros((groups, 256, words), dtype=np.uint64)
    for x in range(1, 256):
        low = x & -x
        table[:, x] = table[:, x ^ low] | rows[:, low.bit_length() - 1]
    return table


def _bool_product(left_bits: np.ndarray, table: np.ndarray) -> np.ndarray:
    """left · step over the Boolean semiring, with both as packed bits (see :func:`_or_table`).

    One pass per group of 8 columns of ``left`` (not per cell): each pass
    gathers, for every row at once, the table entry its byte selects.
    """
    groups, _, words = table.shape
    keys = left_bits.view(np.uint8)[:, :groups]
    out = np.zeros((len(left_bits), words), dtype=np.uint64)
    for g in range(groups):
        out |= table[g][keys[:, g]]
    return out


def global_measures(adj: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Node count k (itself included) and total depth from every node: all-source BFS on bit matrices.

    Cells with the same closed neighbourhood ("twins", common in open
    rooms) are at the same depth from every other cell, so the search runs
    on one representative per class, weighting each class by its size.
    Level by level, reach_{d+1} = reach_d · (A + I) as a Boolean product on
    packed bits; rows that have reached their whole component drop out.
    """
    n = len(adj)
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    _, label = connected_components(csr_matrix(adj), directed=False)
    k = np.bincount(label)[label].astype(np.int64)
    closed = adj.copy()
    np.fill_diagonal(closed, True)
    _, rep, cls, size = np.unique(np.packbits(closed, axis=1), axis=0, return_index=True,
                                  return_inverse=True, return_counts=True)
    cls = cls.ravel()
    step = closed[np.ix_(rep, rep)]  # quotient graph, self loops included
    weight = size.astype(np.float64)
    n_cls = len(rep)
    k_cls = k[rep]

    def reached(bits: np.ndarray) -> np.ndarray:
        flags = np.unpackbits(bits.view(np.uint8), axis=1, count=n_cls, bitorder="little")
        return np.rint(flags @ weight).astype(np.int64)

    step_bits = _pack(step)
    reach_count = reached(step_bits)  # cells within depth 1 (twins are at depth 1)
    total_cls = (k_cls - 1) + (k_cls - reach_count)  # sum over d >= 0 of (k - |reach_d|), first two terms
    active = np.nonzero(reach_count < k_cls)[0]
    if len(active):
        table = _or_table(step_bits)
        reach = step_bits[active]
        while len(active):
            reach = _bool_product(reach, table)
            count = reached(reach)
            total_cls[active] += k_cls[active] - count
            still = count < k_cls[active]
            active, reach = active[still], reach[still]
    return k, total_cls[cls]


@lru_cache(maxsize=8)
def _vga(plan: Plan, spacing: float, furniture: tuple[str, ...]) -> VGAResult:
    t0 = time.perf_counter()
    grid: Grid = make_grid(plan, spacing, furniture)
    walls = wall_segments(plan, furniture)
    t1 = time.perf_counter()
    adj = visibility_graph(walls, grid.points, plan_portals(plan, furniture))
    t2 = time.perf_counter()
    k, td = global_measures(adj)
    md, hh = integration_hh(k, td)
    t3 = time.perf_counter()
    arrays = [grid.xs, grid.ys, adj.sum(axis=1).astype(np.int64), k, md, hh]
    for a in arrays:
        a.setflags(write=False)
    xs, ys, conn, k, md, hh = arrays
    return VGAResult(
        spacing=spacing, xs=xs, ys=ys, connectivity=conn, node_count=k, mean_depth=md, integration_hh=hh,
        timings={"grid": t1 - t0, "graph": t2 - t1, "bfs": t3 - t2, "total": t3 - t0, "cells": float(len(xs))},
    )


def vga(plan: Plan, grid: float = 0.5, furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES) -> VGAResult:
    """Global VGA of a plan on a ``grid`` m grid (cached per plan object and grid)."""
    if not (isinstance(grid, (int, float)) and grid > 0 and np.isfinite(grid)):
        raise ValueError(f"grid spacing must be a positive number of metres, got {grid!r}")
    return _vga(plan, float(grid), tuple(sorted(furniture)))
