"""The engine factory and migrations: SQLite by default (WAL, foreign keys), PostgreSQL by URL.

Why this shape: a kiosk, a results page and a vote can all write at once, so
SQLite runs in WAL mode with a 15 s busy timeout, and every write transaction
starts with ``BEGIN IMMEDIATE`` (a deferred transaction that later upgrades to
a write can fail with "database is locked" no matter the timeout). The schema
is managed by alembic; a fresh database is created and migrated to the head
revision the first time an engine is made for it. PostgreSQL connections set a
statement timeout (15 s), so a held lock makes a writer wait that long at most.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, CursorResult, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

__all__ = ["DEFAULT_URL", "REPO_ROOT", "make_engine", "migrate", "write_tx", "write_lock", "read_tx", "utcnow", "hour_of", "is_sqlite", "inserted_id"]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{REPO_ROOT / 'data' / 'jobcenter.db'}"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: Seconds a SQLite write waits for another writer before giving up (INPUT_FORMS_BUSY_TIMEOUT_S).
BUSY_TIMEOUT_S = float(os.environ.get("INPUT_FORMS_BUSY_TIMEOUT_S", "15"))
#: Seconds a PostgreSQL statement may run or wait for a lock before it is cancelled (INPUT_FORMS_STATEMENT_TIMEOUT_S).
STATEMENT_TIMEOUT_S = float(os.environ.get("INPUT_FORMS_STATEMENT_TIMEOUT_S", "15"))
_migrated: set[str] = set()
_migrate_lock = threading.Lock()


def utcnow() -> datetime:
    """Now, as naive UTC (what the tables store)."""
    return datetime.now(UTC).replace(tzinfo=None)


def hour_of(moment: datetime | None = None) -> datetime:
    """The UTC hour a moment falls in: the only time kept for anonymous input."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(minute=0, second=0, microsecond=0)


def inserted_id(result: CursorResult) -> int:
    """The primary key of the row a single-row INSERT just wrote."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("the INSERT returned no primary key")
    return int(key[0])


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str | None = None, *, migrate_now: bool = True) -> Engine:
    """An engine for ``url`` (default: env DATABASE_URL, else data/jobcenter.db), migrated to head."""
    url = url or os.environ.get("DATABASE_URL") or DEFAULT_URL
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # not a URL, or a port that is no number: the caller's input error
        raise ValueError(f"database URL {url!r} is not a valid SQLAlchemy URL") from None
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed)
    else:
        engine = create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=30, pool_timeout=STATEMENT_TIMEOUT_S)
        if parsed.get_backend_name() == "postgresql":
            _statement_timeout(engine)
    if migrate_now:
        migrate(engine)
    return engine


def _statement_timeout(engine: Engine) -> None:
    """Every PostgreSQL connection gives up on a statement (or a lock) after STATEMENT_TIMEOUT_S: a held lock
    makes a kiosk wait that long at most, never without limit."""

    @event.listens_for(engine, "connect")
    def _timeouts(dbapi_conn, _record) -> None:
        ms = int(STATEMENT_TIMEOUT_S * 1000)
        autocommit = dbapi_conn.autocommit
        dbapi_conn.autocommit = True
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET statement_timeout = {ms}")
            cur.execute(f"SET idle_in_transaction_session_timeout = {4 * ms}")
        dbapi_conn.autocommit = autocommit


def _sqlite_engine(parsed) -> Engine:
    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    memory = not database or database == ":memory:"
    # in memory: one shared connection (else every thread would see its own empty database); single-user use only
    kwargs = {"poolclass": StaticPool} if memory else {"pool_size": 10, "max_overflow": 30}
    engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}, **kwargs)
    busy_ms = int(BUSY_TIMEOUT_S * 1000)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _begin)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={busy_ms}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode != "NONE":  # NONE: autocommit reads, one statement at a time
            conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


@contextmanager
def write_lock(engine: Engine) -> Iterator[None]:
    """On SQLite, one writing thread per engine at a time.

    SQLite lets one writer in at a time anyway; waiting here on a lock wakes the
    next thread the moment the writer is done, where SQLite's busy handler
    would poll with growing sleeps (long tails, even "database is locked" after
    the busy timeout under 20 threads). Other processes are still held off by
    the busy timeout. PostgreSQL needs no such lock.
    """
    if engine.dialect.name != "sqlite":
        yield
        return
    lock = getattr(engine, "_input_forms_write_lock", None)
    if lock is None:
        with _migrate_lock:
            lock = getattr(engine, "_input_forms_write_lock", None)
            if lock is None:
                lock = engine._input_forms_write_lock = threading.Lock()  # type: ignore[attr-defined]  # per-engine state rides on the Engine and dies with it
    with lock:
        yield


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """One short write transaction (BEGIN IMMEDIATE on SQLite); commits, or rolls back on error."""
    with engine.connect() as conn:
        conn.execution_options(sqlite_begin="IMMEDIATE")
        with write_lock(engine):
            with conn.begin():
                yield conn


@contextmanager
def read_tx(engine: Engine) -> Iterator[Connection]:
    """A read-only snapshot (one transaction) for consistent multi-query reads."""
    with engine.connect() as conn:
        with conn.begin():
            yield conn


def _alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision; safe to call from many processes at once."""
    key = str(engine.url)
    if key in _migrated:
        return
    with _migrate_lock:
        head = head_revision()
        if current_revision(engine) != head:
            with _cross_process_lock(engine):
                if current_revision(engine) != head:
                    with engine.connect() as conn:
                        if engine.dialect.name == "postgresql":
                            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7310452)")
                        command.upgrade(_alembic_config(conn), "head")
                        conn.commit()
        # an in-memory database is new on every engine; never cache it as migrated
        if engine.url.database not in (None, "", ":memory:"):
            _migrated.add(key)


@contextmanager
def _cross_process_lock(engine: Engine) -> Iterator[None]:
    """A file lock beside a SQLite file, so two processes never migrate it at once."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    lock_path = Path(database).expanduser().with_name(Path(database).name + ".migrate-lock")
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
