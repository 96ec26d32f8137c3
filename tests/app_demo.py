"""A demo-seeded database for the page tests of part 1 (kiosk, results, moderation, admin, nav).

The demo is seeded once per test session into a template file (about 3 s); each test gets a
copy made with SQLite's backup API, so tests never see each other's writes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "planner" / "app.py")
TOKEN = "demo-kiosk"


@dataclass
class Demo:
    engine: object
    url: str
    project: object
    options: list
    users: dict = field(default_factory=dict)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from input_forms.db import make_engine
    from input_forms.demo import seed_demo

    path = tmp_path_factory.mktemp("demo_template") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    seed_demo(engine, if_empty=False)
    engine.dispose()
    return path


@pytest.fixture
def demo(demo_template, tmp_path, monkeypatch) -> Demo:
    """A private copy of the demo database, with DATABASE_URL pointing at it."""
    from input_forms import feedback
    from input_forms.db import make_engine
    from input_forms.projects import list_options, list_projects
    from input_forms.users import list_users

    path = tmp_path / "demo.db"
    with sqlite3.connect(demo_template) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(feedback, "DEFAULT_MIN_GAP_S", 0.0)  # tests submit faster than a person
    engine = make_engine(url)
    project = list_projects(engine)[0]
    users = {u.username: u for u in list_users(engine)}
    yield Demo(engine, url, project, list_options(engine, project.id), users)
    engine.dispose()


def kiosk_app(token: str | None = TOKEN) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if token is not None:
        at.query_params["kiosk"] = token
    return at.run()


def signed_in(user, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = user
    at.run()
    if page is not None:
        at.switch_page(f"{page}/page.py").run()
    return at


def all_text(at) -> str:
    """Every piece of visible text in the page body of the last run, for "is it on screen" checks.

    The sidebar (project picker, "Signed in as ...", Sign out) is left out: it is the app's frame,
    not the page's content.
    """
    body = at.main
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error"):
        parts += [str(e.value) for e in getattr(body, kind)]
    parts += [b.label for b in body.button]
    return "\n".join(parts)
