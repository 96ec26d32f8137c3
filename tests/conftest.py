"""Shared fixtures. ``engine``: a fresh, migrated database per test, on SQLite always and on
PostgreSQL when TEST_DATABASE_URL is set (each test then gets its own schema, dropped afterwards,
so runs are independent and parallel-safe)."""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

# The AppTest databases and helpers (demo, demo_template) for every test that opens a page.
pytest_plugins = ("tests.planner.app.fixtures",)

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
# Staff-comment pseudonyms: a fixed key for tests, and a configuration folder of their own, so no test (nor a
# server process a test starts) writes a key into the real ~/.config or the work tree.
os.environ.setdefault("INPUT_FORMS_AUTHOR_KEY", "tests-only-author-key")
os.environ.setdefault("INPUT_FORMS_CONFIG_DIR", __import__("tempfile").mkdtemp(prefix="jobcenter-tests-config-"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    from input_forms.db import make_engine

    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        yield eng
        eng.dispose()
        return
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    from sqlalchemy import create_engine

    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in POSTGRES_URL else "?"
    eng = make_engine(f"{POSTGRES_URL}{sep}options={quote(f'-csearch_path={schema}')}")
    try:
        yield eng
    finally:
        eng.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


REAL_PLANS_DIR = __import__("pathlib").Path(__file__).resolve().parents[1].parent / "shared" / "plans"


def require_real_plans() -> None:
    """Skip (locally) or fail (in CI, where ../shared/plans is always laid) when the real plans are absent."""
    if REAL_PLANS_DIR.is_dir():
        return
    message = f"the real plans folder {REAL_PLANS_DIR} is absent"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must have it beside the checkout")
    pytest.skip(message)
