"""The first line of every staff page: who may see it, the shared engine, and the chosen project.

    ctx = page("Results", roles=("facilitator",))
    ctx.user, ctx.engine, ctx.project

``page`` checks the sign-in and the role (a page stops itself for anyone else: hiding it from
the menu is not protection), shows the page title, and puts the project picker in the sidebar.
With ``project="required"`` (the default) a page without a chosen project stops after its title.
The citizen kiosk and the sign-in page have no signed-in user by design and start on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, overload

import streamlit as st
from sqlalchemy import Engine

from input_forms.models import Project, User
from planner.common.auth import require_role
from planner.common.services import get_engine, project_picker

__all__ = ["Page", "ProjectPage", "page"]

ProjectNeed = Literal["required", "optional", "none"]


@dataclass(frozen=True)
class Page:
    """What a page needs from the app: the signed-in user, the engine, the project (if any)."""

    user: User
    engine: Engine
    project: Project | None = None


@dataclass(frozen=True)
class ProjectPage(Page):
    """A page that only makes sense inside a project: the project is always there."""

    project: Project


@overload
def page(title: str, *, roles: Iterable[str] = (), project: Literal["required"] = "required",
         caption: str | None = None) -> ProjectPage: ...


@overload
def page(title: str, *, roles: Iterable[str] = (), project: Literal["optional", "none"],
         caption: str | None = None) -> Page: ...


def page(title: str, *, roles: Iterable[str] = (), project: ProjectNeed = "required",
         caption: str | None = None) -> Page:
    """Check the user, show the title (and caption), pick the project; stop the page when it cannot go on.

    ``roles``: who may open the page (empty: any signed-in user). ``project``: "required" stops
    the page when there is no project to pick, "optional" lets it run without one, "none" shows
    no picker at all.
    """
    user = require_role(*roles)
    engine = get_engine()
    st.title(title)
    if caption:
        st.caption(caption)
    if project == "none":
        return Page(user, engine)
    chosen = project_picker()
    if chosen is None:
        if project == "required":
            st.stop()
        return Page(user, engine)
    return ProjectPage(user, engine, chosen) if project == "required" else Page(user, engine, chosen)
