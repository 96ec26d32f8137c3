"""Visibility graph analysis (VGA) the way depthmapX computes it, fast and in bounded memory.

    >>> result = vga(plan, grid=0.5)                                  # doctest: +SKIP
    >>> result.integration_hh, result["Visual Clustering Coefficient"]  # doctest: +SKIP

The pipeline: the filled grid (:mod:`.grid`), the visibility graph as packed
bits (:mod:`.graph`, N² / 8 bytes), one multi-source bit-parallel search
from every cell (:mod:`.bfs`), and depthmapX's measures (:mod:`.measures`).
Measure groups are computed on request:

- ``visibility``: Connectivity, Point First Moment, Point Second Moment;
- ``global``: Visual Node Count, Mean Depth, Integration [HH] / [P-value] /
  [Tekl], Entropy, Relativised Entropy at radius n, and with ``radius`` the
  same at that radius (columns suffixed " R3" for radius 3, as depthmapX);
- ``local``: Visual Clustering Coefficient, Control, Controllability;
- ``isovist``: Isovist Area, Perimeter, Compactness, Occlusivity, Min and Max
  Radial, Drift Magnitude and Angle (:func:`.isovist.isovist_properties_grid`).

Where depthmapX writes -1 (undefined) the arrays hold NaN.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from floorplans.model import Plan

from .bfs import DepthCounts, depth_counts
from .bits import pack_rows, popcount_rows
from .graph import to_dense, visibility_bits
from .grid import Grid, make_grid
from .measures import dvalue, global_measures_from, integration_hh, local_measures, point_moments
from .obstacles import VISUAL_OBSTACLE_TYPES, wall_segments
from .portals import Portals, plan_portals

__all__ = ["VGAResult", "vga", "visibility_graph", "global_measures", "dvalue", "integration_hh",
           "MEASURE_GROUPS", "vga_graph"]

MEASURE_GROUPS = ("visibility", "global", "local", "isovist")

#: depthmapX's column names for the measures of :func:`.measures.global_measures_from`.
GLOBAL_COLUMNS = {
    "node_count": "Visual Node Count",
    "mean_depth": "Visual Mean Depth",
    "integration_hh": "Visual Integration [HH]",
    "integration_pv": "Visual Integration [P-value]",
    "integration_tekl": "Visual Integration [Tekl]",
    "entropy": "Visual Entropy",
    "relativised_entropy": "Visual Relativised Entropy",
}
LOCAL_COLUMNS = {"clustering": "Visual Clustering Coefficient", "control": "Visual Control",
                 "controllability": "Visual Controllability"}
ISOVIST_COLUMNS = {"area": "Isovist Area", "perimeter": "Isovist Perimeter", "compactness": "Isovist Compactness",
                   "occlusivity": "Isovist Occlusivity", "min_radial": "Isovist Min Radial",
                   "max_radial": "Isovist Max Radial", "drift_magnitude": "Isovist Drift Magnitude",
                   "drift_angle": "Isovist Drift Angle"}


@dataclass(frozen=True)
class VGAResult:
    """Per-cell VGA measures (arrays aligned with ``xs``, ``ys``) and the CPU seconds each step took.

    ``columns`` holds every computed measure under depthmapX's column name.
    """

    spacing: float
    xs: np.ndarray
    ys: np.ndarray
    columns: dict[str, np.ndarray]
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    def __len__(self) -> int:
        return len(self.xs)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def _get(self, name: str) -> np.ndarray:
        if name not in self.columns:
            raise KeyError(f"{name!r} was not computed; ask vga() for its measure group")
        return self.columns[name]

    @property
    def connectivity(self) -> np.ndarray:
        return self._get("Connectivity")

    @property
    def node_count(self) -> np.ndarray:
        return self._get("Visual Node Count")

    @property
    def mean_depth(self) -> np.ndarray:
        return self._get("Visual Mean Depth")

    @property
    def integration_hh(self) -> np.ndarray:
        return self._get("Visual Integration [HH]")

    def to_frame(self):
        """One row per cell: x, y, connectivity, node_count, mean_depth, integration (HH) where computed,
        then every column under depthmapX's name."""
        import pandas as pd

        short = {"connectivity": "Connectivity", "node_count": "Visual Node Count",
                 "mean_depth": "Visual Mean Depth", "integration": "Visual Integration [HH]"}
        data = {"x": self.xs, "y": self.ys}
        data.update({k: self.columns[v] for k, v in short.items() if v in self.columns})
        data.update({k: v for k, v in self.columns.items() if k not in short.values()})
        return pd.DataFrame(data)

    def to_depthmapx_frame(self):
        """x, y and the columns under depthmapX's names, sorted like its ``pointmap-data-csv`` export."""
        import pandas as pd

        return pd.DataFrame({"x": self.xs, "y": self.ys, **dict(sorted(self.columns.items()))})

    def write_csv(self, path: str | Path) -> Path:
        path = Path(path)
        self.to_frame().to_csv(path, index=False)
        return path


def visibility_graph(segments: np.ndarray, points: np.ndarray, portals: Portals | None = None) -> np.ndarray:
    """The (N, N) Boolean intervisibility matrix (for small grids and tests; VGA itself stays packed)."""
    return to_dense(visibility_bits(segments, points, portals), len(points))


def global_measures(adj: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Node count k (itself included) and total depth from every node of a dense Boolean graph."""
    adj = np.asarray(adj, dtype=bool)
    dc = depth_counts(pack_rows(adj), len(adj))
    return dc.node_count, dc.total_depth


@lru_cache(maxsize=4)
def vga_graph(plan: Plan, spacing: float, furniture: tuple[str, ...]) -> tuple[Grid, np.ndarray]:
    """The filled grid and its packed visibility graph (cached per plan object, spacing, furniture)."""
    grid = make_grid(plan, spacing, furniture)
    bits = visibility_bits(wall_segments(plan, furniture), grid.points, plan_portals(plan, furniture))
    bits.setflags(write=False)
    return grid, bits


@lru_cache(maxsize=2)
def vga_graph_isovists(plan: Plan, spacing: float,
                       furniture: tuple[str, ...]) -> tuple[Grid, np.ndarray, dict[str, np.ndarray]]:
    """:func:`vga_graph` and every cell's isovist measures from the same sweeps (one pass, not two)."""
    grid = make_grid(plan, spacing, furniture)
    isovists: dict[str, np.ndarray] = {}
    bits = visibility_bits(wall_segments(plan, furniture), grid.points, plan_portals(plan, furniture), isovists)
    bits.setflags(write=False)
    return grid, bits, isovists


def _global_columns(counts: DepthCounts, radius: int | None) -> dict[str, np.ndarray]:
    cut = counts.within(radius)
    values = global_measures_from(cut.node_count, cut.total_depth, cut)
    suffix = f" R{radius}" if radius is not None else ""
    return {GLOBAL_COLUMNS[k] + suffix: v for k, v in values.items()}


def _compute(plan: Plan, spacing: float, furniture: tuple[str, ...], groups: tuple[str, ...],
             radius: int | None) -> VGAResult:
    clock = time.process_time
    t0 = clock()
    graph_needed = bool(set(groups) & {"visibility", "global", "local"})
    isovists: dict[str, np.ndarray] | None = None
    if not graph_needed:  # isovists alone: no graph to build
        grid, bits = make_grid(plan, spacing, furniture), np.zeros((0, 0), np.uint64)
    elif "isovist" in groups:
        grid, bits, isovists = vga_graph_isovists(plan, spacing, furniture)
    else:
        grid, bits = vga_graph(plan, spacing, furniture)
    n = len(grid)
    timings = {"cells": float(n), "graph": clock() - t0}
    columns: dict[str, np.ndarray] = {}
    if "visibility" in groups:
        t = clock()
        first, second = point_moments(bits, n, grid.points)
        columns.update({"Connectivity": popcount_rows(bits), "Point First Moment": first,
                        "Point Second Moment": second})
        timings["visibility"] = clock() - t
    if "global" in groups:
        t = clock()
        counts = depth_counts(bits, n)
        columns.update(_global_columns(counts, None))
        if radius is not None:
            columns.update(_global_columns(counts, radius))
        timings["global"] = clock() - t
    if "local" in groups:
        t = clock()
        columns.update({LOCAL_COLUMNS[k]: v for k, v in local_measures(bits, n).items()})
        timings["local"] = clock() - t
    if "isovist" in groups:
        from .isovist import isovist_properties_grid

        t = clock()
        if isovists is None:
            isovists = isovist_properties_grid(plan, grid, furniture).values
        columns.update({ISOVIST_COLUMNS[k]: v.copy() for k, v in isovists.items()})
        timings["isovist"] = clock() - t
    for values in columns.values():
        values.setflags(write=False)
    timings["total"] = clock() - t0
    return VGAResult(spacing=spacing, xs=grid.xs, ys=grid.ys, columns=columns, timings=timings)


@lru_cache(maxsize=8)
def _vga(plan: Plan, spacing: float, furniture: tuple[str, ...], groups: tuple[str, ...],
         radius: int | None) -> VGAResult:
    return _compute(plan, spacing, furniture, groups, radius)


def vga(plan: Plan, grid: float = 0.5, furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES,
        measures: Iterable[str] = ("visibility", "global"), radius: int | None = 3) -> VGAResult:
    """VGA of a plan on a ``grid`` m grid (cached per plan object, grid and request).

    ``measures``: groups from :data:`MEASURE_GROUPS`; ``radius``: the extra
    radius of the global measures (depthmapX's ``-vr``), None for radius n only.
    """
    if not (isinstance(grid, (int, float)) and grid > 0 and np.isfinite(grid)):
        raise ValueError(f"grid spacing must be a positive number of metres, got {grid!r}")
    groups = tuple(sorted(set(measures)))
    unknown = set(groups) - set(MEASURE_GROUPS)
    if unknown:
        raise ValueError(f"unknown measure group {sorted(unknown)[0]!r}; choose from {', '.join(MEASURE_GROUPS)}")
    if radius is not None and not (isinstance(radius, int) and radius >= 1):
        raise ValueError(f"radius must be a whole number of steps >= 1, got {radius!r}")
    return _vga(plan, float(grid), tuple(sorted(furniture)), groups, radius)
