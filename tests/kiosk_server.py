"""A stand-in app server for the multi-process tests: kiosk answers in, on the kiosk page's own code path.

``python -m tests.kiosk_server DATABASE_URL`` reads one JSON request a line on stdin and answers
each on stdout (in any order, by id), from a pool of threads as Streamlit serves sessions:

    {"id": 1, "op": "feedback", "entry": {...}, "min_gap_s": 0}   -> input_forms.delivery.deliver
    {"id": 2, "op": "ballot", "round_id": 1, "user_id": 2, "ranking": [[3], [1]]}

A refusal comes back as {"ok": false, "error": "RateLimited", ...}; anything that is not one of
input_forms' own errors comes back as "raw:<type>" (a test fails on those: a kiosk would crash).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor


def _handle(engine, request: dict, out_lock: threading.Lock) -> None:
    from input_forms.delivery import deliver
    from input_forms.errors import InputError
    from input_forms.voting import cast_ballot

    reply: dict = {"id": request["id"], "pid": os.getpid()}
    try:
        if request["op"] == "feedback":
            result = deliver(engine, request["entry"], min_gap_s=request.get("min_gap_s", 0))
            reply.update(ok=True, stored=result.stored, duplicate=result.duplicate, feedback_id=result.feedback_id)
        elif request["op"] == "ballot":
            ballot = cast_ballot(engine, request["round_id"], request["user_id"], request["ranking"])
            reply.update(ok=True, ranking=[list(tier) for tier in ballot.ranking])
        else:
            reply.update(ok=False, error="raw:UnknownOp", message=request["op"])
    except InputError as exc:
        reply.update(ok=False, error=type(exc).__name__, message=str(exc))
    except Exception as exc:
        reply.update(ok=False, error=f"raw:{type(exc).__name__}", message=str(exc)[:300])
    with out_lock:
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


def main() -> int:
    from input_forms import delivery, voting  # noqa: F401 - imported before "ready", as a server does at start
    from input_forms.db import make_engine

    engine = make_engine(sys.argv[1])
    out_lock = threading.Lock()
    with ThreadPoolExecutor(max_workers=int(os.environ.get("KIOSK_SERVER_THREADS", "8"))) as pool:
        sys.stdout.write(json.dumps({"ready": os.getpid()}) + "\n")
        sys.stdout.flush()
        for line in sys.stdin:
            if line.strip():
                pool.submit(_handle, engine, json.loads(line), out_lock)
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
