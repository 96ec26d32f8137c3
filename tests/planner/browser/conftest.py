"""Fixtures for browser tests: a real `streamlit run` server and Debian's Chromium.

The server gets a fresh SQLite file seeded with the demo (`python -m input_forms seed-demo`),
so every test session starts from the same known data. Every test in this folder is marked
`browser` (run them with `pytest -m browser`). Helpers the tests call are in helpers.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.planner.browser.helpers import DESKTOP, ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "size(viewport): the browser viewport a kiosk test uses")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test; skip them all when Chromium is missing."""
    here = Path(__file__).parent
    missing = not os.access(CHROMIUM, os.X_OK)
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} not found: run `make browser` (apt-get install chromium)"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
            return r.read() == b"ok"
    except OSError:
        return False


#: The database the test server runs on, for tests that compare a page with what is stored.
SERVER_DATABASE: dict[str, str] = {}


@contextmanager
def demo_server(workdir: Path, **extra_env: str) -> Iterator[str]:
    """`streamlit run planner/app.py` on a free port against a fresh demo database in ``workdir``
    (``extra_env`` adds settings, e.g. short kiosk idle times); yields its base address."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'e2e.db'}", "PYTHONPATH": str(ROOT),
           "INPUT_FORMS_MIN_GAP_S": "1", **extra_env}  # two test citizens follow each other faster than real ones
    seed = subprocess.run(
        [sys.executable, "-m", "input_forms", "seed-demo"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    if seed.returncode != 0:
        pytest.fail(f"seed-demo failed: {seed.stderr.strip()[-800:]}")
    port = _free_port()
    log = open(workdir / "streamlit.log", "w")  # a file, not a PIPE: a full pipe would block the server
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "planner" / "app.py"),
            "--server.headless", "true",
            "--server.port", str(port),
            "--server.address", "127.0.0.1",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
            "--global.developmentMode", "false",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not _healthy(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.fail("streamlit did not start: " + (workdir / "streamlit.log").read_text()[-2000:])
        time.sleep(0.3)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shared test server: a fresh demo database, the app's own settings."""
    workdir = tmp_path_factory.mktemp("e2e_server")
    SERVER_DATABASE["url"] = f"sqlite:///{workdir / 'e2e.db'}"
    with demo_server(workdir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no `playwright install`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser) -> Iterator[object]:
    """A fresh browser context (own cookies and storage) with a desktop-sized page."""
    context = browser.new_context(viewport=DESKTOP)
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    try:
        yield pg
    finally:
        context.close()
