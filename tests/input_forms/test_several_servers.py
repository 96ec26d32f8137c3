"""Two app server processes on one PostgreSQL database: every guarantee rests on the database.

Each server is a separate process (tests/kiosk_server.py) that stores answers through
``input_forms.delivery.deliver``, the kiosk page's own path, from a pool of threads.
Kiosks send to either server; what must hold across processes is checked here: one entry
per client id, the per-kiosk rate limit, one ballot per person, and no stale cache.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter

import pytest
from sqlalchemy import create_engine, func, select

from input_forms import calmer, kiosks, projects, schema, users, voting
from input_forms.db import make_engine
from input_forms.tiny_plan import tiny_plan_geojson
from tests.conftest import POSTGRES_URL
from tests.kiosk_cluster import KioskServer, entry, pg_schema_url

pytestmark = pytest.mark.postgres
KIOSKS, ANSWERS = 20, 50


@pytest.fixture
def pg():
    """A fresh schema on the test server: (URL for the servers, engine for the test)."""
    if not POSTGRES_URL:
        pytest.skip("needs TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    url = pg_schema_url(POSTGRES_URL, name, app_name=name)
    engine = make_engine(url)
    try:
        yield url, engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{name}'")
            conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
        admin.dispose()


@pytest.fixture
def servers(pg):
    url, _ = pg
    started = [KioskServer(url), KioskServer(url)]
    try:
        yield started
    finally:
        for server in started:
            server.stop()


def _project(engine, count: int = KIOSKS):
    project = projects.create_project(engine, "two servers")
    option = projects.add_option(engine, project.id, "plan", tiny_plan_geojson())
    return project, option, [kiosks.register_kiosk(engine, project.id, f"kiosk {n}", option_id=option.id) for n in range(count)]


def _stored(engine) -> tuple[int, int]:
    f = schema.feedback
    with engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(f)).scalar(),
                conn.execute(select(func.count(func.distinct(func.concat(f.c.kiosk_id, ":", f.c.client_id))))).scalar())


def test_twenty_kiosks_on_two_servers_store_every_answer_exactly_once(pg, servers):
    _, engine = pg
    _, option, devices = _project(engine)
    pairs: list[tuple[dict, ...]] = []
    problems: list[dict] = []
    lock = threading.Lock()

    def kiosk(k: int) -> None:
        for n in range(ANSWERS):
            answer = entry(devices[k].token, n, option.id)
            first, other = servers[(k + n) % 2], servers[(k + n + 1) % 2]
            sent = [(first, first.send({"op": "feedback", "entry": answer}))]
            if n % 10 == 0:  # sent twice, to the other server, at the same moment
                sent.append((other, other.send({"op": "feedback", "entry": answer})))
            replies = tuple(server.wait(rid) for server, rid in sent)
            with lock:
                pairs.append(replies)
                problems.extend(r for r in replies if not r["ok"])

    threads = [threading.Thread(target=kiosk, args=(k,)) for k in range(KIOSKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert problems == []
    assert len(pairs) == KIOSKS * ANSWERS
    assert _stored(engine) == (KIOSKS * ANSWERS, KIOSKS * ANSWERS)
    doubles = [p for p in pairs if len(p) == 2]
    assert len(doubles) == KIOSKS * ANSWERS // 10
    for a, b in doubles:  # one of the two stored it, the other found it stored: the same entry
        assert sorted([a["stored"], b["stored"]]) == [False, True] and a["feedback_id"] == b["feedback_id"]
    assert {r["pid"] for p in pairs for r in p} == {servers[0].pid, servers[1].pid}


def test_the_rate_limit_of_a_kiosk_holds_across_servers(pg, servers):
    """Each server keeps the exact gap in its memory; across servers the stored hourly count holds: with a gap of
    an hour, one entry an hour, whichever server takes it."""
    _, engine = pg
    _, option, (device,) = _project(engine, 1)
    sent = [(server, server.send({"op": "feedback", "entry": entry(device.token, n), "min_gap_s": 3600}))
            for n in range(8) for server in [servers[n % 2]]]
    replies = [server.wait(rid) for server, rid in sent]
    assert Counter(r.get("error", "stored") for r in replies) == {"stored": 1, "RateLimited": 7}
    assert _stored(engine) == (1, 1)


def test_one_ballot_per_person_across_servers(pg, servers):
    _, engine = pg
    project, option, _ = _project(engine, 0)
    second = projects.add_option(engine, project.id, "other", tiny_plan_geojson())
    voter = users.create_user(engine, "voter", "a long enough ballot passphrase", "staff", bcrypt_rounds=4)
    ballot_round = voting.open_round(engine, project.id, [option.id, second.id])
    sent = [(servers[n % 2], servers[n % 2].send({"op": "ballot", "round_id": ballot_round.id, "user_id": voter.id,
                                                  "ranking": [[option.id], [second.id]] if n % 2 else [[second.id]]}))
            for n in range(10)]
    replies = [server.wait(rid) for server, rid in sent]
    assert [r for r in replies if not r["ok"]] == []
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.ballots)).scalar() == 1


def test_items_and_plans_changed_on_another_server_count_at_once(pg):
    """The server has the item list and the plan in its cache (for a minute here); the database says otherwise, and wins."""
    url, engine = pg
    project, option, (device,) = _project(engine, 1)
    server = KioskServer(url, env={"INPUT_FORMS_HOT_CACHE_S": "60"})
    try:
        _switch_off_and_send(engine, server, project, device)
    finally:
        server.stop()
    assert _stored(engine) == (2, 2)


def _switch_off_and_send(engine, server: KioskServer, project, device) -> None:
    first = server.call({"op": "feedback", "entry": {**entry(device.token, 1), "calmer": ["plants"]}})
    assert first["ok"] and first["stored"]
    items = calmer.list_calmer_items(engine, project.id)
    calmer.set_calmer_items(engine, project.id, [i for i in items if i.key != "plants"])  # another process
    again = server.call({"op": "feedback", "entry": {**entry(device.token, 2), "calmer": ["plants"]}})
    assert again["error"] == "ValidationFailed" and "'plants' not in this project's list" in again["message"]
    option = projects.list_options(engine, project.id)[0]
    pin = {"option_id": option.id, "x": 11.0, "y": 4.0, "category": "calm"}
    assert server.call({"op": "feedback", "entry": {**entry(device.token, 3), "pin": pin}})["stored"]
    projects.update_option(engine, option.id, tiny_plan_geojson(width=9))  # the plan shrinks: x 11 is outside now
    outside = server.call({"op": "feedback", "entry": {**entry(device.token, 6), "pin": pin}})
    assert outside["error"] == "ValidationFailed" and "lies outside the plan" in outside["message"]
