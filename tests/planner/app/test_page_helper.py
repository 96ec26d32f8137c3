"""planner.common.page.page: the role check, the title, the project picker and the stop every staff page starts with."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from input_forms.models import User


def _required_page() -> None:
    import streamlit as st

    from planner.common.page import page

    ctx = page("Probe", roles=("facilitator", "designer"), caption="A probe page.")
    st.write(f"user={ctx.user.username} project={ctx.project.name} engine={ctx.engine.dialect.name}")


def _optional_page() -> None:
    import streamlit as st

    from planner.common.page import page

    ctx = page("Probe", roles=("facilitator",), project="optional")
    st.write(f"project={ctx.project.name if ctx.project else None}")


def _no_project_page() -> None:
    import streamlit as st

    from planner.common.page import page

    ctx = page("Probe", project="none")
    st.write(f"user={ctx.user.username} project={ctx.project}")


def _run(fn: Callable[[], None], user: User | None) -> AppTest:
    at = AppTest.from_function(fn, default_timeout=30)
    if user is not None:
        at.session_state["user"] = user
    return at.run()


@pytest.fixture
def people(tmp_path, monkeypatch):
    """A fresh database with one user per role and no project yet."""
    from input_forms.db import make_engine
    from input_forms.users import create_user

    url = f"sqlite:///{tmp_path / 'page.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    users = {role: create_user(engine, role, f"the {role[::-1]} passphrase", role) for role in ("facilitator", "designer", "staff")}
    yield engine, users
    engine.dispose()


def _add_project(engine: Engine, name: str = "Jobcenter Nord") -> None:
    from input_forms.projects import create_project

    create_project(engine, name)


def test_a_permitted_user_gets_title_caption_picker_and_the_chosen_project(people):
    engine, users = people
    _add_project(engine)
    at = _run(_required_page, users["designer"])
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Probe"]
    assert at.caption[0].value == "A probe page."
    assert at.sidebar.selectbox[0].label == "Project"
    assert at.markdown[0].value == "user=designer project=Jobcenter Nord engine=sqlite"


def test_another_role_is_stopped_before_the_title(people):
    engine, users = people
    _add_project(engine)
    at = _run(_required_page, users["staff"])
    assert not at.exception
    assert at.error[0].value == "This page is for: Facilitator, Designer. You are signed in as Staff."
    assert not at.title and not at.markdown and not at.sidebar.selectbox


def test_a_signed_out_visitor_is_asked_to_sign_in(people):
    at = _run(_required_page, None)
    assert at.error[0].value == "Please sign in to open this page."
    assert not at.title


def test_without_a_project_a_page_that_needs_one_stops_after_its_title(people):
    _, users = people
    at = _run(_required_page, users["facilitator"])
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Probe"]
    assert "No project yet" in at.sidebar.info[0].value
    assert not at.markdown


def test_an_optional_project_lets_the_page_run_on(people):
    engine, users = people
    at = _run(_optional_page, users["facilitator"])
    assert at.markdown[0].value == "project=None"
    _add_project(engine, "Jobcenter Syd")
    at = _run(_optional_page, users["facilitator"])
    assert at.markdown[0].value == "project=Jobcenter Syd"


def test_a_page_without_projects_shows_no_picker_and_lets_any_role_in(people):
    engine, users = people
    _add_project(engine)
    at = _run(_no_project_page, users["staff"])
    assert not at.exception, at.exception
    assert at.markdown[0].value == "user=staff project=None"
    assert not at.sidebar.selectbox
