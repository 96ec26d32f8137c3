"""Step depth from chosen points: visual (turns) and metric (metres along sight lines).

Visual step depth is depthmapX's "Visual Step Depth" from a selection
(``vgamodules/vgavisualglobaldepth.cpp``): the fewest sight lines from the
nearest chosen cell, e.g. how many turns from the entrance a nook is.

Metric step depth is the length of the shortest path through the
visibility graph, each step as long as the straight line between the two
cell centres ("Metric Step Shortest-Path Length", ``vgametricdepth.cpp``),
and the straight-line distance from the chosen point. depthmapX speeds its
search up by turning only at cells next to a wall, an approximation this
exact search does not make. Its "Metric Step Shortest-Path Angle" (the turns
along that path, in quarter turns) follows the path found here.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from floorplans.model import Plan

from .bfs import step_depth
from .bits import ROW_BLOCK, unpack_rows
from .obstacles import VISUAL_OBSTACLE_TYPES

__all__ = ["cells_at", "visual_step_depth", "metric_step_depth", "metric_step_measures", "path_angle",
           "entrance_step_depth"]


def cells_at(points: np.ndarray, xy: Iterable[tuple[float, float]], spacing: float) -> np.ndarray:
    """The cell nearest each chosen point; ValueError for a point not within a cell of the grid."""
    chosen = np.asarray(list(xy), dtype=float).reshape(-1, 2)
    if len(chosen) == 0:
        raise ValueError("choose at least one point to measure step depth from")
    if not np.isfinite(chosen).all():
        raise ValueError("points must be finite numbers")
    if len(points) == 0:
        raise ValueError("the plan has no grid cells to measure from")
    d2 = ((chosen[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)
    nearest = d2.argmin(axis=1)
    far = np.sqrt(d2[np.arange(len(chosen)), nearest]) > spacing
    if far.any():
        x, y = chosen[np.argmax(far)]
        raise ValueError(f"point ({x:g}, {y:g}) is not on the filled grid (more than {spacing:g} m from any cell)")
    return nearest


def _graph(plan: Plan, grid: float, furniture: Iterable[str]):
    from .vga import vga_graph

    return vga_graph(plan, float(grid), tuple(sorted(furniture)))


def visual_step_depth(plan: Plan, points: Iterable[tuple[float, float]], grid: float = 0.5,
                      furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES) -> tuple[np.ndarray, np.ndarray]:
    """(cell centres (N, 2), visual step depth of each cell from the nearest chosen point; NaN if unreachable)."""
    g, bits = _graph(plan, grid, furniture)
    depth = step_depth(bits, len(g), cells_at(g.points, points, g.spacing)).astype(float)
    depth[depth < 0] = np.nan
    return g.points, depth


def metric_steps(adj: np.ndarray, points: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """Shortest path length through the visibility graph (Euclidean steps) from the nearest source."""
    return metric_tree(adj, points, sources)[0]


def metric_tree(adj: np.ndarray, points: np.ndarray, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(shortest path length from the nearest source, the cell before each on its path; -1 for none).

    A label-correcting search: each round relaxes every cell from the cells
    whose distance fell in the round before, a block of rows at a time.
    """
    n = len(points)
    dist = np.full(n, np.inf)
    pred = np.full(n, -1, dtype=np.int64)
    dist[sources] = 0.0
    changed = np.unique(sources)
    while len(changed):
        best = dist.copy()
        for s0 in range(0, len(changed), ROW_BLOCK):
            rows = changed[s0:s0 + ROW_BLOCK]
            seen = unpack_rows(adj[rows], n)
            step = np.hypot(points[rows, 0:1] - points[None, :, 0], points[rows, 1:2] - points[None, :, 1])
            cand = np.where(seen, dist[rows, None] + step, np.inf)
            arg = cand.argmin(axis=0)
            low = cand[arg, np.arange(n)]
            better = low < best
            best[better] = low[better]
            pred[better] = rows[arg[better]]
        changed = np.flatnonzero(best < dist - 1e-12)
        dist = best
    return dist, pred


def path_angle(dist: np.ndarray, pred: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The turns along each cell's shortest path, summed, in quarter turns (depthmapX's "Metric Step
    Shortest-Path Angle": 1 = 90 degrees; ``Bin::extractMetric`` adds, on reaching a cell from c, the
    angle between the step into c and the step out of it). NaN where a cell is not reached."""
    angle = np.full(len(points), np.nan)
    reached = np.flatnonzero(np.isfinite(dist))
    angle[reached] = 0.0
    for v in reached[np.argsort(dist[reached], kind="stable")]:  # a cell's predecessor is nearer: done first
        c = pred[v]
        if c < 0:
            continue
        b = pred[c]
        turn = 0.0
        if b >= 0:
            out_, in_ = points[v] - points[c], points[c] - points[b]
            norm = float(np.hypot(*out_) * np.hypot(*in_))
            if norm > 0:
                turn = float(np.arccos(np.clip(out_ @ in_ / norm, -1.0, 1.0))) / (0.5 * np.pi)
        angle[v] = angle[c] + turn
    return angle


def metric_step_depth(plan: Plan, points: Iterable[tuple[float, float]], grid: float = 0.5,
                      furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(cell centres, shortest-path length in m, straight-line distance in m to the nearest chosen point).

    NaN where a cell cannot be reached from any chosen point.
    """
    p, columns = metric_step_measures(plan, points, grid, furniture)
    return p, columns["Metric Step Shortest-Path Length"], columns["Metric Straight-Line Distance"]


def metric_step_measures(plan: Plan, points: Iterable[tuple[float, float]], grid: float = 0.5,
                         furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES
                         ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """(cell centres, depthmapX's metric step columns): Shortest-Path Length (m), Shortest-Path Angle
    (quarter turns along that path) and Straight-Line Distance (m; depthmapX writes it only for a single
    chosen point, here it is the distance to the nearest). NaN where a cell cannot be reached."""
    g, bits = _graph(plan, grid, furniture)
    sources = cells_at(g.points, points, g.spacing)
    dist, pred = metric_tree(bits, g.points, sources)
    angle = path_angle(dist, pred, g.points)
    path = dist.copy()
    path[~np.isfinite(path)] = np.nan
    p = g.points
    straight = np.sqrt(((p[:, None, :] - p[sources][None, :, :]) ** 2).sum(axis=2)).min(axis=1)
    return p, {"Metric Step Shortest-Path Length": path, "Metric Step Shortest-Path Angle": angle,
               "Metric Straight-Line Distance": straight}


def entrance_step_depth(plan: Plan, grid: float = 0.5,
                        furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES) -> tuple[np.ndarray, np.ndarray]:
    """(cell centres, visual step depth from the entrance): how many turns from the way in each spot is.

    The entrance is where the grid's fill starts (:func:`.grid.entrance_cells`:
    inside each entrance door, or in the lifts and stairs of an upper floor).
    ValueError when the plan has neither.
    """
    from .grid import entrance_cells

    g, bits = _graph(plan, grid, furniture)
    start = entrance_cells(plan, g)
    if len(start) == 0:
        raise ValueError("the plan has no entrance door and no lift or stairs to measure step depth from")
    depth = step_depth(bits, len(g), start).astype(float)
    depth[depth < 0] = np.nan
    return g.points, depth
