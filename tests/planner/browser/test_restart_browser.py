"""A real browser against a real server that is restarted: a staff sign-in survives a page reload
(the session cookie), and a kiosk answer typed before a server restart comes back and is stored once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from planner.kiosk.i18n import t
from tests.planner.browser.conftest import _free_port, _healthy
from tests.planner.browser.helpers import ROOT, TABLET, press_when_steady, sign_in, wait_for_app

KIOSK = "/?kiosk=demo-kiosk&embed=true"
COMMENT = "Lyset i gangen er for skarpt om morgenen"


class Server:
    """`streamlit run planner/app.py` on a fixed port, which the test may stop and start again."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = _free_port()
        self.env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'restart.db'}", "PYTHONPATH": str(ROOT),
                    "INPUT_FORMS_MIN_GAP_S": "1"}
        self.proc: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = open(self.workdir / "streamlit.log", "a")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "planner" / "app.py"), "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false", "--global.developmentMode", "false"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + 60
        while not _healthy(self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("streamlit did not start: " + (self.workdir / "streamlit.log").read_text()[-2000:])
            time.sleep(0.3)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()  # as a crash would: no goodbye to the browser
            self.proc.wait(timeout=15)
            self.proc = None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("restart_server")
    srv = Server(workdir)
    seed = subprocess.run([sys.executable, "-m", "input_forms", "seed-demo"], cwd=ROOT, env=srv.env,
                          capture_output=True, text=True, timeout=300)
    if seed.returncode != 0:
        pytest.fail(f"seed-demo failed: {seed.stderr.strip()[-800:]}")
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def test_a_sign_in_survives_a_reload_and_sign_out_ends_it(page, server):
    sign_in(page, server.url, "facilitator", "facilitator")
    cookie = next(c for c in page.context.cookies() if c["name"] == "jc_session")
    assert cookie["sameSite"] == "Strict" and "facilitator" not in cookie["value"]
    page.reload()
    wait_for_app(page, timeout=60_000)  # the Results page takes a few seconds on a busy machine
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    wait_for_app(page, timeout=60_000)
    page.reload()
    wait_for_app(page, timeout=60_000)
    expect(page.get_by_role("textbox", name="Username")).to_be_visible()
    assert not [c for c in page.context.cookies() if c["name"] == "jc_session" and c["value"]]


def _stored_texts(server: Server) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(server.env["DATABASE_URL"])
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(text("SELECT text FROM feedback WHERE text IS NOT NULL"))]
    finally:
        engine.dispose()


def test_a_kiosk_answer_typed_before_a_server_restart_comes_back_and_is_stored_once(browser, server):
    context = browser.new_context(viewport=TABLET, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(server.url + KIOSK)
        wait_for_app(page)
        page.locator('[class*="st-key-k_face_4_"] button').first.click()
        wait_for_app(page)
        page.locator('[class*="st-key-k_fwd_0_"] button').first.click()  # Next
        wait_for_app(page)
        expect(page.locator("h1").first).to_have_text(t("q.pin", "da"))
        press_when_steady(page, '[class*="st-key-k_fwd_0_"] button', t("q.text", "da"))  # Skip
        field = page.locator('[class*="st-key-k_text_"] textarea')
        field.fill(COMMENT)
        field.press("Control+Enter")  # a text area keeps Enter for new lines
        wait_for_app(page)
        # the browser keeps the answer so far, the comment included
        page.wait_for_function("""(text) => Object.keys(localStorage).some(
            k => k.startsWith('jc_kiosk_draft:') && JSON.parse(localStorage.getItem(k)).draft.text === text)""",
                               arg=COMMENT, timeout=10_000)

        server.stop()  # the server goes away mid-answer (4 s in the field report) and comes back
        # once the browser has noticed (it is trying to reconnect): a condition, not a fixed sleep
        page.locator("[data-testid='stApp']:not([data-test-connection-state='CONNECTED'])").wait_for(
            state="attached", timeout=30_000)
        server.start()
        expect(page.get_by_text(t("kiosk.restored", "da"))).to_be_visible(timeout=60_000)
        wait_for_app(page, timeout=30_000)
        expect(page.locator("h1").first).to_have_text(t("q.text", "da"))
        expect(page.locator('[class*="st-key-k_text_"] textarea')).to_have_value(COMMENT)
        page.locator('[class*="st-key-k_fwd_0_"] button').first.click()  # Send
        wait_for_app(page)
        expect(page.locator("h1").first).to_have_text(t("thanks.title", "da"))
        assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('jc_kiosk_draft:')).length") == 0
        assert _stored_texts(server).count(COMMENT) == 1
    finally:
        context.close()
