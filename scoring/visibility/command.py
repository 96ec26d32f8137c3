"""``python -m scoring vga``: every depthmapX VGA column for a plan, as one CSV row per cell.

    python -m scoring vga PLAN --grid 0.5 --csv out.csv [--measures visibility,global,local,isovist]
                               [--radius 3] [--from X,Y ...]

The first columns keep their short names (x, y, connectivity, node_count,
mean_depth, integration = Visual Integration [HH]); the others carry
depthmapX's names (Point First Moment, Visual Integration [HH] R3, Visual
Clustering Coefficient, Isovist Area, ...); ``--from`` adds Visual Step Depth, Metric Step Shortest-Path Length,
Metric Step Shortest-Path Angle and Metric Straight-Line Distance from the nearest chosen point. Undefined
values (depthmapX's -1) are empty.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from floorplans.model import Plan

__all__ = ["add_arguments", "parse_point", "parse_measures", "parse_radius", "vga_frame", "run"]


def parse_point(text: str) -> tuple[float, float]:
    """'X,Y' in metres."""
    parts = text.replace(";", ",").split(",")
    try:
        x, y = (float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a point: give X,Y in metres, e.g. 12.5,3") from None
    return x, y


def parse_measures(text: str) -> tuple[str, ...]:
    from .vga import MEASURE_GROUPS

    groups = tuple(g.strip() for g in text.split(",") if g.strip())
    if groups == ("all",):
        return MEASURE_GROUPS
    unknown = [g for g in groups if g not in MEASURE_GROUPS]
    if unknown or not groups:
        raise argparse.ArgumentTypeError(f"unknown measure group {unknown[0] if unknown else text!r}: "
                                         f"choose from {', '.join(MEASURE_GROUPS)} or all")
    return groups


def parse_radius(text: str) -> int | None:
    if text.strip().lower() == "n":
        return None
    try:
        radius = int(text)
    except ValueError:
        radius = 0
    if radius < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is no radius: give a whole number of steps >= 1, or n")
    return radius


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("plan", help="a plan file (GeoJSON exchange format)")
    p.add_argument("--grid", type=float, default=0.5, help="cell size in metres (default 0.5)")
    p.add_argument("--csv", required=True, help="output CSV, one row per cell with depthmapX's column names")
    p.add_argument("--measures", type=parse_measures, default=("visibility", "global"),
                   help="comma-separated groups: visibility, global, local, isovist, or all "
                        "(default visibility,global)")
    p.add_argument("--radius", type=parse_radius, default=3,
                   help="an extra radius for the global measures in steps, or n for none (default 3)")
    p.add_argument("--from", dest="origins", type=parse_point, action="append", default=[], metavar="X,Y",
                   help="add visual and metric step depth from this point (repeatable: from the nearest)")


def vga_frame(plan: Plan, grid: float, measures: Sequence[str], radius: int | None,
              origins: Sequence[tuple[float, float]]):
    """The table the command writes (ValueError for a point off the grid)."""
    from .steps import metric_step_measures, visual_step_depth
    from .vga import vga

    frame = vga(plan, grid=grid, measures=measures, radius=radius).to_frame()
    if origins:
        _, depth = visual_step_depth(plan, origins, grid)
        _, metric = metric_step_measures(plan, origins, grid)
        frame["Visual Step Depth"] = depth
        for name, values in metric.items():
            frame[name] = values
    return frame


def run(plan: Plan, ns: argparse.Namespace) -> str:
    """Compute and write the CSV; the line to print. ValueError / OSError for what cannot be done."""
    frame = vga_frame(plan, ns.grid, ns.measures, ns.radius, ns.origins)
    frame.to_csv(ns.csv, index=False)
    return f"wrote {len(frame)} cells x {frame.shape[1] - 2} measures ({ns.grid:g} m grid) to {ns.csv}"
