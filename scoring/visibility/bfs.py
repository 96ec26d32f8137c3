"""Breadth-first search on a packed visibility graph: from every cell at once, or from chosen cells.

All-source search (:func:`depth_counts`): a multi-source, bit-parallel BFS
in the spirit of Then et al., "The More the Merrier: Efficient Multi-Source
Graph Traversal" (VLDB 2015): every source's reached set is a row of bits,
and one level of the search advances every source together,
``reach_{d+1} = reach_d ∪ (frontier_d ⊗ A)``, the Boolean product done on
64-bit words with the four-Russians tables of :mod:`.bits`. Only the
frontier (the cells first reached at depth d) drives the product, so byte
groups that no source's frontier touches are skipped, and sources whose
search has covered their component drop out. Visibility graphs have a
diameter of a handful of steps, so there are few levels. While every cell
is still a source, the cells first reached at a level form a symmetric
matrix, so only its upper triangle is multiplied out and the rest is
mirrored (about half the work of those levels, the costliest ones).

Cells with the same closed neighbourhood ("twins", common in open rooms)
are at the same depth from every other cell: the search runs on one
representative per class, each class counted with its size.

What comes out is the depth distribution of every cell (how many cells at
depth 1, 2, ...): global measures at radius n and at any radius derive from
it (see :mod:`.measures`), as in depthmapX's ``vgavisualglobal.cpp``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .bits import (
    ROW_BLOCK,
    TableCache,
    bool_product,
    mirror_upper,
    n_words,
    product_rows,
    select_columns,
    unpack_rows,
    weight_planes,
    weighted_count,
)

__all__ = ["DepthCounts", "depth_counts", "step_depth", "closed_rows", "twin_classes", "components"]


@dataclass(frozen=True)
class DepthCounts:
    """Per cell, how many cells lie at each depth (column d: depth d; column 0 is the cell itself)."""

    counts: np.ndarray  # (N, L) int64

    @property
    def node_count(self) -> np.ndarray:
        """k: cells reached, the cell itself included (radius n)."""
        return self.counts.sum(axis=1)

    @property
    def total_depth(self) -> np.ndarray:
        return self.counts @ np.arange(self.counts.shape[1], dtype=np.int64)

    def within(self, radius: int | None) -> DepthCounts:
        """The distribution cut at ``radius`` steps (None: all of it)."""
        if radius is None:
            return self
        return DepthCounts(self.counts[:, : radius + 1])


def closed_rows(adj: np.ndarray, n: int) -> np.ndarray:
    """The packed adjacency with the diagonal set (each cell in its own neighbourhood)."""
    closed = adj.copy()
    idx = np.arange(n)
    closed[idx, idx >> 6] |= np.left_shift(np.uint64(1), (idx & 63).astype(np.uint64))
    return closed


def twin_classes(closed: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Classes of identical closed rows: (representative per class, class of each cell, class sizes)."""
    if len(closed) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    rows = np.ascontiguousarray(closed).view(np.dtype((np.void, closed.shape[1] * 8))).ravel()
    _, rep, cls, size = np.unique(rows, return_index=True, return_inverse=True, return_counts=True)
    return rep.astype(np.int64), cls.ravel().astype(np.int64), size.astype(np.int64)


def components(adj: np.ndarray, n: int) -> np.ndarray:
    """Connected component label of each cell (a search on the packed rows from each unlabelled cell)."""
    label = np.full(n, -1, dtype=np.int64)
    current = 0
    for start in range(n):
        if label[start] < 0:
            label[step_depth(adj, n, np.array([start])) >= 0] = current
            current += 1
    return label


def depth_counts(adj: np.ndarray, n: int) -> DepthCounts:
    """The depth distribution of every cell: one multi-source BFS over the twin classes."""
    if n == 0:
        return DepthCounts(np.zeros((0, 1), np.int64))
    label = components(adj, n)
    k = np.bincount(label)[label]
    closed = closed_rows(adj, n)
    rep, cls, size = twin_classes(closed)
    if len(rep) == n:  # no twins: the graph itself, in its own order
        rep, cls, size = np.arange(n), np.arange(n), np.ones(n, np.int64)
        step = closed
    else:
        step = np.empty((len(rep), n_words(len(rep))), dtype=np.uint64)  # the quotient graph, a block at a time
        for s0 in range(0, len(rep), ROW_BLOCK):
            step[s0 : s0 + ROW_BLOCK] = select_columns(closed[rep[s0 : s0 + ROW_BLOCK]], n, rep)
    del closed
    planes = weight_planes(size)
    k_cls = k[rep]
    levels: list[np.ndarray] = [np.ones(len(rep), np.int64)]  # depth 0: the cell itself
    reached = weighted_count(step, planes)  # within one step (twins of the source are at depth 1)
    levels.append(reached - 1)
    active = np.flatnonzero(reached < k_cls)
    reach = step[active]
    frontier = reach.copy()
    cache = TableCache(step)
    # at most four (sources x cells) bit arrays live at once: the step matrix, reach, frontier and the product
    while len(active):
        frontier, reach = _advance(frontier, reach, step, cache, symmetric=len(active) == len(rep))
        count = weighted_count(frontier, planes)
        level = np.zeros(len(rep), np.int64)
        level[active] = count
        levels.append(level)
        reached = reached.copy()
        reached[active] += count
        still = reached[active] < k_cls[active]
        if not still.all():
            active = active[still]
            frontier = _compact(frontier, still)
            reach = _compact(reach, still)
    counts = np.stack(levels, axis=1)
    return DepthCounts(counts[cls])


def _advance(
    frontier: np.ndarray, reach: np.ndarray, step: np.ndarray, cache: TableCache, symmetric: bool
) -> tuple[np.ndarray, np.ndarray]:
    """One level: (cells first reached now, cells reached so far) per source.

    While every cell is still a source, the cells first reached at depth d
    form a symmetric matrix (i at depth d from j is j at depth d from i):
    only its upper triangle is multiplied out and the rest is mirrored,
    about half the work.
    """
    grown = bool_product(frontier, step, cache, upper=symmetric)
    if symmetric:
        np.bitwise_and(grown, reach, out=frontier)
        np.bitwise_xor(grown, frontier, out=frontier)  # grown & ~reach, no temporary; only the upper part so far
        del grown
        mirror_upper(frontier, len(frontier), product_rows(step.shape[1]))
        reach |= frontier
        return frontier, reach
    grown |= reach
    np.bitwise_xor(grown, reach, out=frontier)  # reach is within grown: the cells first reached now
    return frontier, grown


def _compact(rows: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """The kept rows, moved to the front of the same buffer (no second full-size copy)."""
    idx = np.flatnonzero(keep)
    for s0 in range(0, len(idx), ROW_BLOCK):
        part = idx[s0 : s0 + ROW_BLOCK]
        rows[s0 : s0 + len(part)] = rows[part]  # part[i] >= s0 + i: never overwrites a row still to move
    return rows[: len(idx)]


def step_depth(adj: np.ndarray, n: int, sources: np.ndarray) -> np.ndarray:
    """Visual step depth of every cell from the nearest of ``sources`` (-1 where unreachable).

    One search from the set of sources together (depthmapX's "Visual Step
    Depth" from a selection, ``vgavisualglobaldepth.cpp``).
    """
    depth = np.full(n, -1, dtype=np.int64)
    sources = np.unique(np.asarray(sources, dtype=np.int64))
    if n == 0 or len(sources) == 0:
        return depth
    depth[sources] = 0
    seen = np.zeros(n_words(n), dtype=np.uint64)
    np.bitwise_or.at(seen, sources >> 6, np.left_shift(np.uint64(1), (sources & 63).astype(np.uint64)))
    frontier = sources
    d = 0
    while len(frontier):
        d += 1
        nxt = np.zeros_like(seen)
        for s0 in range(0, len(frontier), ROW_BLOCK):  # a block of rows at a time, never all of them
            nxt |= np.bitwise_or.reduce(adj[frontier[s0 : s0 + ROW_BLOCK]], axis=0)
        nxt &= ~seen
        seen |= nxt
        frontier = np.flatnonzero(unpack_rows(nxt[None, :], n)[0])
        depth[frontier] = d
    return depth
