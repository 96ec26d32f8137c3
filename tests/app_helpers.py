"""Helpers for the AppTest page tests: a fresh database with a designer, staff and options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "planner" / "app.py")


@dataclass
class World:
    engine: object
    project: object
    options: list
    users: dict


def make_world(tmp_path, monkeypatch, samples=("baseline", "option_a", "option_b")) -> World:
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
        "designer": create_user(engine, "designer", "designer-pw", "designer"),
        "facilitator": create_user(engine, "facilitator", "facilitator-pw", "facilitator"),
        "staff1": create_user(engine, "staff1", "staff-pw", "staff"),
        "staff2": create_user(engine, "staff2", "staff-pw", "staff"),
    }
    return World(engine, project, options, users)


def app_as(user, page: str | None = None, timeout: float = 60) -> AppTest:
    """The app with `user` signed in, run once (on the role's landing page, or `page`)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.session_state["user"] = user
    at.run()
    if page is not None:
        at.switch_page(f"{page}/page.py").run()
    return at
