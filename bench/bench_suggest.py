"""Benchmark: suggestions (python -m scoring suggest) for a 40-room plan and for the largest real level.

Goals (issue 19): the default search (top 5, at most 3 edits) in under 10 s
for a 40-room plan and under 60 s for a 200-room real level, on this
machine (2 cores). Rows: the baseline sample, the synthetic 40-room plan of
bench_scoring.py, and the real level with the most rooms among the imported
third-party plans in ../shared/plans (a row is skipped with a note when its
file is missing). Each row is one run in this process after a warm-up on a
small plan, with wall and CPU seconds (CPU shows the work when other processes
share the cores), full scorings and screened edits, and the best gain.

    .venv/bin/python bench/bench_suggest.py [--profile br18] [--plans DIR] [--no-real]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scoring import PLANS, real_levels, synthetic_40_rooms

from floorplans import plan_from_geojson
from floorplans.model import Plan
from floorplans.samples import load_sample
from scoring.suggest import suggest
from tests.factory import two_rooms

GOALS = {"40 rooms": 10.0, "200 rooms": 60.0}


def goal_of(plan: Plan) -> tuple[str, float]:
    return ("200 rooms", GOALS["200 rooms"]) if len(plan.rooms) > 60 else ("40 rooms", GOALS["40 rooms"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profile", default="br18")
    ap.add_argument("--plans", type=Path, default=PLANS, help=f"the real plans folder (default {PLANS})")
    ap.add_argument("--no-real", action="store_true", help="only the sample and the synthetic plan")
    ns = ap.parse_args(argv)
    plans: list[tuple[str, Plan | str]] = [("baseline", load_sample("baseline")), ("synthetic_40", synthetic_40_rooms())]
    if not ns.no_real:
        real = real_levels(ns.plans)
        found = [(n, p) for n, p in real if not isinstance(p, str)]
        plans += [max(found, key=lambda item: len(item[1].rooms))] if found else real[:1]
    suggest(plan_from_geojson(two_rooms()), ns.profile, max_edits=1)  # warm-up: imports and module caches
    try:
        load = f"; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    except OSError:
        load = ""
    print(f"suggestions (top 5, at most 3 edits, profile {ns.profile}), one run per plan{load}")
    print(f"{'plan':<22} {'rooms':>5} {'wall s':>7} {'cpu s':>6} {'scored':>6} {'screened':>8} {'found':>5} "
          f"{'best Δcalm':>10} {'best Δacc':>9}  goal")
    for name, plan in plans:
        if isinstance(plan, str):
            print(f"{name:<22} ({plan})")
            continue
        t0, c0 = time.perf_counter(), time.process_time()
        result = suggest(plan, ns.profile)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        best = result.suggestions[0] if result.suggestions else None
        dc = f"{best.calmness - result.report.calmness:+.1f}" if best else "-"
        da = f"{best.accessibility - result.report.accessibility:+.1f}" if best else "-"
        label, goal = goal_of(plan)
        verdict = "ok" if wall < goal else ("ok (cpu)" if cpu < goal else "SLOW")
        print(f"{name[:22]:<22} {len(plan.rooms):>5} {wall:>7.1f} {cpu:>6.1f} {result.stats.scored:>6} "
              f"{result.stats.screened:>8} {len(result.suggestions):>5} {dc:>10} {da:>9}  < {goal:.0f} s ({label}): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
