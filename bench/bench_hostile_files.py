"""Hostile files: how long each takes to refuse, the reader's peak memory, and kiosk latency meanwhile.

The files of issue 15 are generated piece by piece in a temporary folder: a
GeoJSON plan with one room of 1,000,000 corners, a zip of 150,000 entries, a
zip of zeros that unpacks to 490 MB, a zip whose entry lies about its size,
and a DXF of 1,000,000 entities. Each goes through the designer's import path
(floorplans.intake.import_upload in the bounded worker process) while four
kiosk threads of the same process keep submitting answers. Before the budgets
and the worker, these took 66-160 s and 1.15-2.6 GB, and kiosks slowed to 0.5-5.5 s.

    .venv/bin/python bench/bench_hostile_files.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from floorplans.budgets import Budget
from floorplans.intake import import_upload
from floorplans.worker import WALL_FACTOR, run_bounded
from input_forms import feedback, kiosks, projects
from input_forms.db import make_engine
from input_forms.tiny_plan import tiny_plan_geojson
from tests import hostile

FILES = [
    ("GeoJSON, 1,000,000 corners", "corners.geojson", lambda p: hostile.many_corners_geojson(p, 1_000_000)),
    ("zip, 150,000 entries", "entries.zip", lambda p: hostile.many_entries_zip(p, 150_000)),
    ("zip bomb, 490 MB of zeros", "bomb.zip", lambda p: hostile.zip_bomb(p, 490)),
    ("zip bomb, 60 MB in 3 entries", "near.zip", lambda p: hostile.zip_bomb(p, 60, 20)),
    ("zip entry lying about its size", "lying.zip", lambda p: hostile.lying_zip(p, 200, 1000)),
    ("DXF, 1,000,000 entities", "entities.dxf", lambda p: hostile.many_entities_dxf(p, 1_000_000)),
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Kiosks:
    """Four kiosk threads submitting answers (rate limit off) until told to stop; latencies per window."""

    def __init__(self, folder: Path, count: int = 4) -> None:
        self.engine = make_engine(f"sqlite:///{folder / 'kiosk.db'}")
        project = projects.create_project(self.engine, "bench")
        self.option = projects.add_option(self.engine, project.id, "plan", tiny_plan_geojson())
        self.tokens = [kiosks.register_kiosk(self.engine, project.id, f"k{n}", option_id=self.option.id).token
                       for n in range(count)]
        self.window: list[float] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(t,), daemon=True) for t in self.tokens]
        for thread in self.threads:
            thread.start()

    def _run(self, token: str) -> None:
        for _ in range(1_000_000):  # bounded; ends when told to stop
            if self.stop.is_set():
                return
            entry = {"client_id": uuid.uuid4().hex, "kiosk_token": token, "rating": 3, "language": "da"}
            start = time.perf_counter()
            feedback.submit_feedback(self.engine, entry, min_gap_s=0)
            with self.lock:
                self.window.append(time.perf_counter() - start)

    def take(self) -> list[float]:
        with self.lock:
            taken, self.window = self.window, []
        return taken

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)
        self.engine.dispose()


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * (len(ordered) - 1)))] * 1000 if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="write the hostile files here (and keep them) instead of a temporary folder")
    args = parser.parse_args()
    budget = Budget.from_env()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"\nHostile files through the designer's import (budget: {budget.max_vertices:,} corners, "
              f"{budget.max_zip_entries:,} zip entries, {budget.max_unpacked_bytes // 2**20} MB unpacked, "
              f"{budget.max_dxf_entities:,} DXF entities, {budget.time_limit_s:g} s, {budget.memory_limit_mb} MB)")
        print(f"{'file':<32} {'size MB':>8} {'refused in s':>12} {'reader peak MB':>15} {'kiosk p50 ms':>13} "
              f"{'kiosk p99 ms':>13}  answer")
        kiosk = Kiosks(folder)
        server_before = _rss_mb()
        failed = False
        try:
            for label, name, make in FILES:
                path = make(folder / name)
                kiosk.take()
                run = run_bounded(import_upload, str(path), budget, budget=budget)
                latencies = kiosk.take()
                try:
                    run.unwrap()
                    line, refused = "accepted", False
                except ValueError as exc:
                    line, refused = getattr(exc, "problems", [exc])[0].__str__(), True
                failed |= not refused or run.elapsed_s > WALL_FACTOR * budget.time_limit_s
                print(f"{label:<32} {path.stat().st_size / 2**20:>8.1f} {run.elapsed_s:>12.2f} {run.peak_mb:>15.0f} "
                      f"{_pct(latencies, 50):>13.1f} {_pct(latencies, 99):>13.1f}  {line}")
                if not args.keep:
                    path.unlink()
        finally:
            kiosk.close()
        print(f"server process peak memory: {server_before:.0f} MB before, {_rss_mb():.0f} MB after "
              "(the hostile files are read in the worker, never in the server)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
