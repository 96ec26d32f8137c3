"""Benchmark: isovists and global VGA on the largest sample plan, against depthmapX's figures.

Prints one table: the time per single isovist (median), isovist measures for
every 0.5 m cell, and the global VGA (graph build, all-source search, total,
peak traced memory) at 1.0, 0.5 and 0.25 m, with the cell counts. The
depthmapX column quotes shared/research/scoring-criteria.md (§1.3: a 1000 m²
floor, 773 / 3,561 / 15,124 cells; §7: a 1,320 m² floor, 4,377 cells at 0.5 m).
Goal (issue 3): global VGA at 0.5 m (~4,400 cells) under 15 s, then much faster.
A grid whose estimate exceeds --max-seconds or --max-gb is skipped with the estimate.

    .venv/bin/python bench/bench_visibility.py [--plan NAME] [--max-seconds 240] [--max-gb 6]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from floorplans.model import Plan  # noqa: E402
from floorplans.samples import load_sample, sample_names  # noqa: E402
from scoring.visibility import (  # noqa: E402
    VISUAL_OBSTACLE_TYPES,
    global_measures,
    integration_hh,
    isovist,
    isovist_properties_grid,
    make_grid,
    visibility_graph,
    wall_segments,
)
from scoring.visibility.portals import plan_portals  # noqa: E402

GOAL_05_S = 15.0

DEPTHMAPX = {
    "isovist": "ms (GUI/CLI per point)",
    "isovist_all_0.5": "0.03 s (3,561 cells)",
    1.0: ("0.03 s", "0.26 s", "773 cells"),
    0.5: ("0.42 s / 0.17 s", "15.4 s / 14.5 s", "3,561 / 4,377 cells"),
    0.25: ("7.3 s", "not run (est. 15-20 min)", "15,124 cells"),
}


def _fresh(plan: Plan) -> Plan:
    """An unchanged copy, so per-plan caches miss as after an edit."""
    return plan.replace()


def _largest_plan(name: str | None) -> tuple[str, Plan]:
    if name:
        return name, load_sample(name)
    plans = {n: load_sample(n) for n in sample_names()}
    best = max(plans, key=lambda n: len(make_grid(plans[n], 0.5)))
    return best, plans[best]


def _vga_steps(plan: Plan, spacing: float) -> dict[str, float]:
    """The steps of :func:`scoring.visibility.vga`, timed one by one (wall clock and CPU)."""
    tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    grid = make_grid(plan, spacing)
    walls = wall_segments(plan)
    portals = plan_portals(plan, VISUAL_OBSTACLE_TYPES)
    t1 = time.perf_counter()
    adj = visibility_graph(walls, grid.points, portals)
    t2, c2 = time.perf_counter(), time.process_time()
    k, td = global_measures(adj)
    integration_hh(k, td)
    t3, c3 = time.perf_counter(), time.process_time()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"cells": len(grid), "edges": int(adj.sum()) // 2, "grid": t1 - t0, "graph": t2 - t1, "bfs": t3 - t2,
            "total": t3 - t0, "cpu_graph": c2 - c0, "cpu_bfs": c3 - c2, "peak_mb": peak / 2**20}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", choices=sample_names(), help="sample plan (default: the one with most cells)")
    parser.add_argument("--max-seconds", type=float, default=240.0)
    parser.add_argument("--max-gb", type=float, default=6.0)
    parser.add_argument("--points", type=int, default=40, help="single isovists to time")
    args = parser.parse_args(argv)

    name, plan = _largest_plan(args.plan)
    walls = wall_segments(plan)
    print(f"plan {name!r}: {len(plan.rooms)} rooms, {plan.floor_area:,.0f} m², {len(walls)} wall segments")
    rows: list[tuple[str, str, str, str, str]] = []

    # single isovists (fresh plan each time is not needed: walls are cached like in the app)
    grid05 = make_grid(plan, 0.5)
    pick = np.random.default_rng(1).choice(len(grid05), min(args.points, len(grid05)), replace=False)
    times, cpu = [], []
    for i in pick:
        t, c = time.perf_counter(), time.process_time()
        isovist(plan, (grid05.xs[i], grid05.ys[i]))
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    rows.append(("isovist, one point (median)", f"{statistics.median(times) * 1e3:.2f} ms",
                 f"{statistics.median(cpu) * 1e3:.2f} ms", "", DEPTHMAPX["isovist"]))

    fresh = _fresh(plan)
    t, c = time.perf_counter(), time.process_time()
    field = isovist_properties_grid(fresh, 0.5)
    rows.append((f"isovist measures, all {len(field.xs):,} cells at 0.5 m", f"{time.perf_counter() - t:.2f} s",
                 f"{time.process_time() - c:.2f} s", "", DEPTHMAPX["isovist_all_0.5"]))

    measured: dict[float, dict[str, float]] = {}
    for spacing in (1.0, 0.5, 0.25):
        fresh = _fresh(plan)
        cells = len(make_grid(fresh, spacing))
        ref_graph, ref_vga, ref_cells = DEPTHMAPX[spacing]
        if spacing < 0.5 and 0.5 in measured:
            base = measured[0.5]
            ratio = cells / base["cells"]
            # the graph build grows with the pairs (N^2), the bit-matrix search with N^3;
            # memory: the N x N Boolean graph, its closed copy, the quotient and its 4-Russians table (~4 B/cell pair)
            est_s = base["grid"] + base["graph"] * ratio**2 + base["bfs"] * ratio**3
            est_gb = cells**2 * (1 + 1 + 1 + 4) / 2**30
            if est_s > args.max_seconds or est_gb > args.max_gb:
                rows.append((f"VGA {spacing:g} m, {cells:,} cells",
                             f"skipped: est. {est_s:,.0f} s, {est_gb:.1f} GB", "", "", f"{ref_graph} | {ref_vga} ({ref_cells})"))
                continue
        m = _vga_steps(fresh, spacing)
        measured[spacing] = m
        rows.append((
            f"VGA {spacing:g} m, {m['cells']:,} cells, {m['edges']:,} links",
            f"graph {m['graph']:.2f} s + BFS {m['bfs']:.2f} s = {m['total']:.2f} s",
            f"{m['cpu_graph']:.2f} s + {m['cpu_bfs']:.2f} s",
            f"{m['peak_mb']:,.0f} MB",
            f"{ref_graph} | {ref_vga} ({ref_cells})",
        ))

    header = ("step", "wall time", "CPU time", "peak mem", "depthmapX: graph | global VGA")
    widths = [max(len(r[i]) for r in [*rows, header]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))
    print(f"load average (other processes share the cores): {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if 0.5 in measured:
        total = measured[0.5]["total"]
        verdict = "meets" if total < GOAL_05_S else "MISSES"
        print(f"goal: VGA at 0.5 m under {GOAL_05_S:.0f} s -> {total:.2f} s ({verdict} it; depthmapX 14.5-15.4 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
