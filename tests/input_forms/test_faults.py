"""Faults while kiosks send: a database locked past its timeout, PostgreSQL dropping connections, a server
killed mid-answer. Each time: nothing lost, nothing doubled, and the kiosk is told (Unavailable, never a
raw error) so it keeps the answer and sends it again with the same client id.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from input_forms import db, delivery, kiosks, projects, schema
from input_forms.errors import Unavailable
from input_forms.tiny_plan import tiny_plan_geojson
from tests.conftest import POSTGRES_URL
from tests.kiosk_cluster import KioskServer, ServerGone, entry, pg_schema_url
from tests.tcp_proxy import TcpProxy


def _world(engine, count: int):
    project = projects.create_project(engine, "faults")
    option = projects.add_option(engine, project.id, "plan", tiny_plan_geojson())
    return option, [kiosks.register_kiosk(engine, project.id, f"kiosk {n}", option_id=option.id) for n in range(count)]


def _stored(engine) -> tuple[int, int]:
    f = schema.feedback
    with engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(f)).scalar(),
                conn.execute(select(func.count(func.distinct(f.c.client_id)))).scalar())


@pytest.fixture
def pg_url():
    if not POSTGRES_URL:
        pytest.skip("needs TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    try:
        yield pg_schema_url(POSTGRES_URL, name, app_name=name), name, admin
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{name}'")
            conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
        admin.dispose()


# --- a database locked beyond the timeout -------------------------------------------------------


def test_sqlite_locked_past_the_busy_timeout_tells_the_kiosk_and_the_resend_is_stored_once(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 1.0)
    path = tmp_path / "locked.db"
    engine = db.make_engine(f"sqlite:///{path}")
    option, devices = _world(engine, 4)
    answers = [entry(d.token, n, option.id) for n, d in enumerate(devices)]
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the write lock longer than the timeout
    told: list[BaseException] = []

    def kiosk(answer: dict) -> None:
        try:
            delivery.deliver(engine, answer, min_gap_s=0)
        except Exception as exc:
            told.append(exc)

    threads = [threading.Thread(target=kiosk, args=(a,)) for a in answers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    holder.rollback()
    holder.close()
    assert len(told) == len(answers) and all(isinstance(e, Unavailable) for e in told), told
    assert _stored(engine) == (0, 0)
    for answer in answers:  # the kiosks send again, the same answers with the same client ids
        assert delivery.deliver(engine, answer, min_gap_s=0).stored
        assert delivery.deliver(engine, answer, min_gap_s=0).duplicate  # and a double tap on top
    assert _stored(engine) == (4, 4)
    engine.dispose()


@pytest.mark.postgres
def test_postgres_lock_held_past_the_statement_timeout_tells_the_kiosk(pg_url, monkeypatch):
    monkeypatch.setattr(db, "STATEMENT_TIMEOUT_S", 1.0)
    url, _, _ = pg_url
    engine = db.make_engine(url)
    option, (device,) = _world(engine, 1)
    answer = entry(device.token, 1, option.id)
    holder = create_engine(url).connect()
    holder.exec_driver_sql(f"SELECT * FROM kiosks WHERE id = {device.id} FOR UPDATE")  # held, uncommitted
    try:
        with pytest.raises(Unavailable, match="send again"):
            delivery.deliver(engine, answer, min_gap_s=0)
        assert _stored(engine) == (0, 0)
    finally:
        holder.rollback()
        holder.close()
    assert delivery.deliver(engine, answer, min_gap_s=0).stored
    assert delivery.deliver(engine, answer, min_gap_s=0).duplicate
    assert _stored(engine) == (1, 1)
    engine.dispose()


# --- PostgreSQL drops every connection while kiosks send ----------------------------------------


@pytest.mark.postgres
def test_postgres_connections_terminated_during_submissions_lose_and_double_nothing(pg_url):
    url, app_name, admin = pg_url
    engine = db.make_engine(url)
    option, devices = _world(engine, 8)
    per_kiosk = 40
    confirmed = threading.Semaphore(0)
    told: list[str] = []
    raw: list[str] = []
    lock = threading.Lock()

    def kiosk(k: int) -> None:
        for n in range(per_kiosk):
            answer = entry(devices[k].token, n, option.id)
            for _ in range(20):  # the kiosk keeps the answer and sends it again until it is confirmed
                try:
                    delivery.deliver(engine, answer, min_gap_s=0)
                    break
                except Unavailable:
                    with lock:
                        told.append(answer["client_id"])
                except Exception as exc:
                    with lock:
                        raw.append(f"{type(exc).__name__}: {exc}")
                    break
            confirmed.release()

    def restart_postgres() -> int:
        """Terminate every backend of this test's connections, as a server restart does."""
        with admin.connect() as conn:
            return len(conn.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE application_name = '{app_name}' AND pid <> pg_backend_pid()").all())

    threads = [threading.Thread(target=kiosk, args=(k,)) for k in range(len(devices))]
    for thread in threads:
        thread.start()
    terminated = 0
    for _ in range(5):  # five restarts, each after another 40 confirmed answers
        for _ in range(40):
            confirmed.acquire(timeout=60)
        terminated += restart_postgres()
    for thread in threads:
        thread.join(timeout=120)
    assert raw == []
    assert terminated > 0
    assert _stored(engine) == (len(devices) * per_kiosk, len(devices) * per_kiosk)
    engine.dispose()


@pytest.mark.postgres
def test_postgres_restarting_tells_the_kiosks_and_their_resends_are_stored_once(pg_url):
    """The server goes away for a moment (through a proxy only this test uses): kiosks are told, then resend."""
    url, _, _ = pg_url
    target = make_url(url)
    proxy = TcpProxy((target.host or "127.0.0.1", target.port or 5432))
    engine = db.make_engine(target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False))
    option, devices = _world(engine, 6)
    per_kiosk = 30
    serving = threading.Event()
    serving.set()
    confirmed = threading.Semaphore(0)
    told: list[str] = []
    raw: list[str] = []
    news = threading.Condition()

    def kiosk(k: int) -> None:
        for n in range(per_kiosk):
            answer = entry(devices[k].token, n, option.id)
            for _ in range(50):
                try:
                    delivery.deliver(engine, answer, min_gap_s=0)
                    break
                except Unavailable:  # "tap Send again": the kiosk keeps the answer
                    with news:
                        told.append(answer["client_id"])
                        news.notify_all()
                    serving.wait(timeout=30)
                except Exception as exc:
                    raw.append(f"{type(exc).__name__}: {exc}")
                    break
            confirmed.release()

    threads = [threading.Thread(target=kiosk, args=(k,)) for k in range(len(devices))]
    for thread in threads:
        thread.start()
    for _ in range(40):
        confirmed.acquire(timeout=60)
    serving.clear()
    proxy.down()
    with news:
        assert news.wait_for(lambda: len(told) >= 3, timeout=60), "no kiosk was told while the database was away"
    proxy.up()
    serving.set()
    for thread in threads:
        thread.join(timeout=120)
    proxy.down()
    assert raw == []
    checker = db.make_engine(url)
    assert _stored(checker) == (len(devices) * per_kiosk, len(devices) * per_kiosk)
    checker.dispose()
    engine.dispose()


# --- an app server killed mid-answer and started again -------------------------------------------


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_server_killed_mid_answer_and_restarted_loses_and_doubles_nothing(database, tmp_path, request):
    if database == "sqlite":
        url = f"sqlite:///{tmp_path / 'kill.db'}"
    else:
        url = request.getfixturevalue("pg_url")[0]
    engine = db.make_engine(url)
    option, devices = _world(engine, 10)
    answers = [[entry(d.token, n, option.id) for n in range(30)] for d in devices]
    current = {"server": KioskServer(url)}
    restarted = threading.Condition()
    replies = threading.Semaphore(0)
    told: list[str] = []
    outcomes: dict[str, list[dict]] = {}

    def kiosk(k: int) -> None:
        for answer in answers[k]:
            for _ in range(10):
                server = current["server"]
                try:
                    reply = server.call({"op": "feedback", "entry": answer}, timeout=60)
                except ServerGone:  # the kiosk shows "tap Send again" and keeps the answer
                    told.append(answer["client_id"])
                    with restarted:
                        restarted.wait_for(lambda: current["server"] is not server, timeout=60)  # noqa: B023 - runs at once, inside this iteration
                    continue
                outcomes.setdefault(answer["client_id"], []).append(reply)
                replies.release()
                break

    threads = [threading.Thread(target=kiosk, args=(k,)) for k in range(len(devices))]
    for thread in threads:
        thread.start()
    for _ in range(100):
        replies.acquire(timeout=60)
    current["server"].kill()  # mid-answer: other kiosks have requests in flight right now
    with restarted:
        current["server"] = KioskServer(url)
        restarted.notify_all()
    for thread in threads:
        thread.join(timeout=180)
    current["server"].stop()
    expected = sum(len(a) for a in answers)
    assert told, "no answer was in flight when the server was killed"
    assert len(outcomes) == expected and all(r[-1]["ok"] for r in outcomes.values())
    assert _stored(engine) == (expected, expected)
    engine.dispose()


def test_an_entry_stamped_a_moment_before_the_last_accepted_one_is_still_too_soon(engine):
    """Two servers stamp entries, then queue for the kiosk's row: the later commit may carry the earlier stamp."""
    from datetime import UTC, datetime, timedelta

    from input_forms.errors import RateLimited

    option, (device,) = _world(engine, 1)
    moment = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    assert delivery.deliver(engine, entry(device.token, 1), now=moment + timedelta(seconds=0.5), min_gap_s=60).stored
    with pytest.raises(RateLimited, match="wait 60.5 s"):
        delivery.deliver(engine, entry(device.token, 2), now=moment, min_gap_s=60)
    # a last time far ahead (a clock that jumped) does not lock the kiosk out
    assert delivery.deliver(engine, entry(device.token, 3), now=moment - timedelta(hours=1), min_gap_s=60).stored
    assert _stored(engine) == (2, 2)
