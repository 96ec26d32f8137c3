"""Drive stand-in app servers (tests/kiosk_server.py) from a test: start, send, await answers, kill, restart.

Used by the several-servers, fault and bench runs. Every wait is bounded; a server that does not
answer in time fails the test instead of hanging it.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
_ids = itertools.count(1)


class ServerGone(RuntimeError):
    """The server process died (or was killed) before it answered."""


class KioskServer:
    """One stand-in app server process on ``url``, answering JSON requests by id."""

    def __init__(self, url: str, threads: int = 8, env: dict[str, str] | None = None) -> None:
        self.url = url
        self.replies: dict[int, dict] = {}
        self.changed = threading.Condition()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.kiosk_server", url], cwd=ROOT, text=True, bufsize=1,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env={**os.environ, "KIOSK_SERVER_THREADS": str(threads), **(env or {})},
        )
        self._write_lock = threading.Lock()
        ready = self.proc.stdout.readline()
        if not ready.startswith('{"ready"'):
            self.proc.kill()
            raise ServerGone(f"the kiosk server did not start (said {ready!r})")
        self.pid = json.loads(ready)["ready"]
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            reply = json.loads(line)
            with self.changed:
                self.replies[reply["id"]] = reply
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def send(self, request: dict) -> int:
        """Queue a request; returns its id (raises ServerGone if the process is gone)."""
        rid = next(_ids)
        try:
            with self._write_lock:
                self.proc.stdin.write(json.dumps({**request, "id": rid}) + "\n")
                self.proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            raise ServerGone("the kiosk server is gone") from None
        return rid

    def wait(self, rid: int, timeout: float = 60.0) -> dict:
        """The reply to one request; ServerGone if the process died first, TimeoutError past ``timeout``."""
        with self.changed:
            ok = self.changed.wait_for(lambda: rid in self.replies or self.proc.poll() is not None or not self.reader.is_alive(),
                                       timeout=timeout)
            if rid in self.replies:
                return self.replies.pop(rid)
        if not ok:
            raise TimeoutError(f"no answer to request {rid} within {timeout} s")
        raise ServerGone("the kiosk server died before it answered")

    def call(self, request: dict, timeout: float = 60.0) -> dict:
        return self.wait(self.send(request), timeout)

    def kill(self) -> None:
        """SIGKILL: no clean-up, as a crash or an OOM kill."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def entry(token: str, n: int, option_id: int | None = None) -> dict:
    """One kiosk answer with a fresh client id (a pin on every fourth, a comment on every 25th)."""
    return {"client_id": uuid.uuid4().hex, "kiosk_token": token, "rating": 1 + n % 5, "language": "da",
            "calmer": ["plants", "daylight"][: n % 3],
            "pin": {"option_id": option_id, "x": 1 + n % 8, "y": 1 + n % 5, "category": "calm"}
            if option_id and n % 4 == 0 else None,
            "text": "Mere ro ved skranken" if n % 25 == 0 else None}


def pg_schema_url(base: str, schema: str, app_name: str = "") -> str:
    """A URL whose connections use ``schema`` (and name themselves ``app_name`` for pg_stat_activity)."""
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    return f"{url}&application_name={app_name}" if app_name else url
