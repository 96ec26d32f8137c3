"""Databases and helpers for the AppTest page tests (loaded for every test by tests/conftest.py).

Two kinds of database:

* ``demo``: the seeded demo project (kiosk feedback, votes, comments). The demo is seeded once
  per test session into a template file (about 3 s); each test gets a copy made with SQLite's
  backup API, so tests never see each other's writes.
* ``make_world``: a fresh file with one project, sample options and one user per role.

Both point DATABASE_URL at their file, which is where the app's engine looks.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from input_forms.models import LayoutOption, Project, User

APP = str(Path(__file__).resolve().parents[3] / "planner" / "app.py")
TOKEN = "demo-kiosk"
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before ASCII punctuation


@dataclass
class Demo:
    engine: Engine
    url: str
    project: Project
    options: list[LayoutOption]
    users: dict[str, User] = field(default_factory=dict)


@dataclass
class World:
    engine: Engine
    project: Project
    options: list[LayoutOption]
    users: dict[str, User]


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from input_forms.db import make_engine
    from input_forms.demo import seed_demo

    path = tmp_path_factory.mktemp("demo_template") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    seed_demo(engine, if_empty=False)
    engine.dispose()
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Demo]:
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


def make_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               samples: tuple[str, ...] = ("baseline", "option_a", "option_b")) -> World:
    """A migrated SQLite file with one project, sample options and one user per role."""
    from floorplans import dumps_plan
    from floorplans.samples import load_sample
    from input_forms.db import make_engine
    from input_forms.projects import add_option, create_project
    from input_forms.users import create_user

    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    project = create_project(engine, "Jobcenter test")
    options = [add_option(engine, project.id, name.replace("_", " ").title(), dumps_plan(load_sample(name)))
               for name in samples]
    users = {
        "designer": create_user(engine, "designer", "drawing-board-pw", "designer"),
        "facilitator": create_user(engine, "facilitator", "workshop-lead-pw", "facilitator"),
        "staff1": create_user(engine, "staff1", "front-desk-pw", "staff"),
        "staff2": create_user(engine, "staff2", "front-desk-pw", "staff"),
    }
    return World(engine, project, options, users)


def kiosk_app(token: str | None = TOKEN) -> AppTest:
    """The app opened with a kiosk URL (``?kiosk=<token>``), run once."""
    at = AppTest.from_file(APP, default_timeout=60)
    if token is not None:
        at.query_params["kiosk"] = token
    return at.run()


def signed_in(user: User, page: str | None = None, timeout: float = 60) -> AppTest:
    """The app with `user` signed in, run once (on the role's landing page, or on planner/<page>/page.py)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.session_state["user"] = user
    at.run()
    if page is not None:
        at.switch_page(f"{page}/page.py").run()
    return at


def seen(markdown: str) -> str:
    """Markdown source as the reader sees it, as far as backslash escapes go (``\\(`` reads ``(``)."""
    return _UNESCAPE.sub(r"\1", markdown)


def all_text(at: AppTest) -> str:
    """Every piece of visible text in the page body of the last run, for "is it on screen" checks.

    The sidebar (project picker, "Signed in as ...", Sign out) is left out: it is the app's frame,
    not the page's content. Markdown backslash escapes (planner.common.plain.md_escape, used for citizen
    and staff text) are read as the reader sees them: ``\\*`` is a ``*``.
    """
    body = at.main
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error"):
        parts += [seen(str(e.value)) for e in getattr(body, kind)]
    parts += [b.label for b in body.button]
    return "\n".join(parts)
