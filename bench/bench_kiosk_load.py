"""Kiosk load benchmark: 20 concurrent kiosk writers x 200 submissions each, on SQLite and PostgreSQL.

The rate limit is off for the run. Every 10th submission is sent twice (a
double tap), which must come back as a duplicate. Prints throughput, p50/p99
submission latency and the number stored; the goal is p99 under 100 ms on
SQLite, with nothing lost or doubled. Exits 1 if anything was lost or doubled.

PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local
postgresql+psycopg://postgres@127.0.0.1:5432/test; a throwaway schema is used
and dropped. If the server cannot be reached, that row says so.

    .venv/bin/python bench/bench_kiosk_load.py [--writers 20] [--per-writer 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, func, select

from input_forms import feedback, kiosks, projects, schema
from input_forms.db import make_engine
from input_forms.tiny_plan import tiny_plan_geojson

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SQLITE_P99_GOAL_MS = 100.0


def run(engine, writers: int, per_writer: int) -> dict:
    project = projects.create_project(engine, "bench")
    option = projects.add_option(engine, project.id, "plan", tiny_plan_geojson())
    devices = [kiosks.register_kiosk(engine, project.id, f"kiosk {n}", option_id=option.id) for n in range(writers)]
    latencies: list[list[float]] = [[] for _ in range(writers)]
    errors: list[str] = []
    duplicates = [0] * writers
    barrier = threading.Barrier(writers + 1)

    def writer(n: int) -> None:
        kiosk = devices[n]
        barrier.wait()
        for i in range(per_writer):
            entry = {"client_id": uuid.uuid4().hex, "kiosk_token": kiosk.token, "rating": 1 + i % 5,
                     "calmer": ["plants", "daylight"][: i % 3], "language": "da",
                     "pin": {"option_id": option.id, "x": 1 + i % 10, "y": 1 + i % 6, "category": "calm"} if i % 4 == 0 else None,
                     "text": "Mere ro, ring 12345678" if i % 25 == 0 else None}
            try:
                start = time.perf_counter()
                feedback.submit_feedback(engine, entry, min_gap_s=0)
                latencies[n].append(time.perf_counter() - start)
                if i % 10 == 0:
                    duplicates[n] += feedback.submit_feedback(engine, entry, min_gap_s=0).duplicate
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(schema.feedback)).scalar()
        distinct = conn.execute(select(func.count(func.distinct(schema.feedback.c.client_id)))).scalar()
    flat = sorted(x for per in latencies for x in per)

    def pct(p: float) -> float:
        return flat[min(len(flat) - 1, int(round(p / 100 * (len(flat) - 1))))] * 1000 if flat else float("nan")

    return {"stored": stored, "distinct": distinct, "expected": writers * per_writer, "errors": errors,
            "duplicates_seen": sum(duplicates), "duplicates_expected": writers * len(range(0, per_writer, 10)),
            "throughput": len(flat) / elapsed if elapsed else 0.0, "p50": pct(50), "p99": pct(99), "max": pct(100),
            "elapsed": elapsed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--per-writer", type=int, default=200)
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="run one database only")
    args = parser.parse_args()
    rows: list[tuple[str, dict | str]] = []
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
            rows.append(("sqlite (WAL)", run(engine, args.writers, args.per_writer)))
            engine.dispose()
    if args.only == "sqlite":
        return _report(args, rows)
    pg_url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL") or PG_DEFAULT
    schema_name = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema_name}"')
    except Exception as exc:
        rows.append(("postgresql", f"skipped: cannot reach {pg_url.split('@')[-1]} ({type(exc).__name__})"))
    else:
        sep = "&" if "?" in pg_url else "?"
        engine = make_engine(f"{pg_url}{sep}options={quote(f'-csearch_path={schema_name}')}")
        try:
            rows.append(("postgresql", run(engine, args.writers, args.per_writer)))
        finally:
            engine.dispose()
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA "{schema_name}" CASCADE')
            admin.dispose()
    return _report(args, rows)


def _report(args: argparse.Namespace, rows: list[tuple[str, dict | str]]) -> int:
    print(f"\nKiosk load: {args.writers} concurrent writers x {args.per_writer} submissions (rate limit off; "
          f"every 10th sent twice)")
    print(f"{'database':<14} {'entries/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'stored':>8} {'expected':>9} "
          f"{'doubled':>8} {'dup taps':>9} {'errors':>7}")
    failed = False
    for name, r in rows:
        if isinstance(r, str):
            print(f"{name:<14} {r}")
            continue
        doubled = r["stored"] - r["distinct"]
        print(f"{name:<14} {r['throughput']:>10.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f} {r['stored']:>8} "
              f"{r['expected']:>9} {doubled:>8} {r['duplicates_seen']:>4}/{r['duplicates_expected']:<4} {len(r['errors']):>7}")
        for error in sorted(set(r["errors"]))[:3]:
            print(f"    error: {error}")
        if r["stored"] != r["expected"] or doubled or r["errors"] or r["duplicates_seen"] != r["duplicates_expected"]:
            failed = True
    sqlite = rows[0][1] if rows and rows[0][0].startswith("sqlite") else None
    if isinstance(sqlite, dict):
        verdict = "met" if sqlite["p99"] < SQLITE_P99_GOAL_MS else "NOT met"
        print(f"goal p99 < {SQLITE_P99_GOAL_MS:.0f} ms on SQLite: {verdict}; nothing lost or doubled: {'no' if failed else 'yes'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
