"""Kiosk load on separate app server processes: SQLite (one and two servers) and two servers on PostgreSQL.

Each server is a process (tests/kiosk_server.py) that stores answers through the kiosk page's own
path (input_forms.delivery.deliver). 20 kiosks send 50 answers each, in turn to either server;
every tenth answer is sent twice at once, the second copy to the other server. The rate limit is
off. Printed: p50/p99 of an answer as the kiosk waits for it, answers stored, lost (sent, never
stored) and doubled (stored twice), and each server's peak memory. Exits 1 if anything was lost
or doubled.

PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local
postgresql+psycopg://postgres@127.0.0.1:5432/test (a throwaway schema, dropped after).

    .venv/bin/python bench/bench_kiosk_servers.py [--kiosks 20] [--answers 50]
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, func, select

from input_forms import kiosks, projects, schema
from input_forms.db import make_engine
from input_forms.tiny_plan import tiny_plan_geojson
from tests.kiosk_cluster import KioskServer, entry, pg_schema_url

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _peak_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as handle:
            return next(int(line.split()[1]) / 1024 for line in handle if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return float("nan")


def run(url: str, servers_n: int, kiosk_n: int, answers: int) -> dict:
    engine = make_engine(url)
    project = projects.create_project(engine, "bench")
    option = projects.add_option(engine, project.id, "plan", tiny_plan_geojson())
    tokens = [kiosks.register_kiosk(engine, project.id, f"kiosk {n}", option_id=option.id).token for n in range(kiosk_n)]
    servers = [KioskServer(url) for _ in range(servers_n)]
    latencies: list[float] = []
    errors: list[str] = []
    sent: set[str] = set()
    lock = threading.Lock()

    def kiosk(k: int) -> None:
        for n in range(answers):
            answer = entry(tokens[k], n, option.id)
            first, other = servers[(k + n) % servers_n], servers[(k + n + 1) % servers_n]
            start = time.perf_counter()
            ids = [(first, first.send({"op": "feedback", "entry": answer}))]
            if n % 10 == 0:
                ids.append((other, other.send({"op": "feedback", "entry": answer})))
            replies = [server.wait(rid, timeout=120) for server, rid in ids]
            elapsed = time.perf_counter() - start
            with lock:
                sent.add(answer["client_id"])
                latencies.append(elapsed)
                errors.extend(f"{r['error']}: {r.get('message', '')}" for r in replies if not r["ok"])

    threads = [threading.Thread(target=kiosk, args=(k,)) for k in range(kiosk_n)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    elapsed = time.perf_counter() - start
    peaks = [_peak_mb(s.pid) for s in servers]
    for server in servers:
        server.stop()
    f = schema.feedback
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(f)).scalar()
        ids = {r[0] for r in conn.execute(select(f.c.client_id))}
    engine.dispose()
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * (len(ordered) - 1)))] * 1000 if ordered else float("nan")

    return {"p50": pct(50), "p99": pct(99), "stored": stored, "expected": kiosk_n * answers, "lost": len(sent - ids),
            "doubled": stored - len(ids), "errors": errors, "rate": len(latencies) / elapsed if elapsed else 0.0,
            "peak": max(peaks)}


def _postgres(base: str, servers_n: int, kiosk_n: int, answers: int) -> dict | str:
    name = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    except Exception as exc:
        return f"skipped: cannot reach {base.split('@')[-1]} ({type(exc).__name__})"
    try:
        return run(pg_schema_url(base, name, app_name=name), servers_n, kiosk_n, answers)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--answers", type=int, default=50)
    args = parser.parse_args()
    rows: list[tuple[str, dict | str]] = []
    for servers_n in (1, 2):
        with tempfile.TemporaryDirectory() as folder:
            rows.append((f"sqlite, {servers_n} server{'s' if servers_n > 1 else ''}",
                         run(f"sqlite:///{Path(folder) / 'bench.db'}", servers_n, args.kiosks, args.answers)))
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL") or PG_DEFAULT
    rows.append(("postgresql, 2 servers", _postgres(base, 2, args.kiosks, args.answers)))
    print(f"\nKiosk load on app server processes: {args.kiosks} kiosks x {args.answers} answers, every tenth sent "
          "twice (to the other server); rate limit off")
    print(f"{'database':<22} {'answers/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'stored':>7} {'lost':>5} {'doubled':>8} "
          f"{'errors':>7} {'server peak MB':>15}")
    failed = False
    for label, r in rows:
        if isinstance(r, str):
            print(f"{label:<22} {r}")
            continue
        print(f"{label:<22} {r['rate']:>9.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['stored']:>7} {r['lost']:>5} "
              f"{r['doubled']:>8} {len(r['errors']):>7} {r['peak']:>15.0f}")
        for error in sorted(set(r["errors"]))[:3]:
            print(f"    error: {error}")
        failed |= bool(r["lost"] or r["doubled"] or r["errors"] or r["stored"] != r["expected"])
    print(f"nothing lost or doubled: {'no' if failed else 'yes'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
