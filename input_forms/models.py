"""The entities handed to callers: frozen pydantic models, never live ORM rows.

Why frozen copies: the app caches and passes these around between reruns and
threads; a detached value cannot lazily hit the database or go stale silently.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from floorplans import Plan, parse_plan

Role = Literal["facilitator", "designer", "staff"]
ROLES: tuple[str, ...] = ("facilitator", "designer", "staff")
Phase = Literal["baseline", "after"]
PinCategory = Literal["calm", "stressful", "idea"]
CommentCategory = Literal["problem", "idea", "question"]
CommentStatus = Literal["open", "taken", "declined"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class User(_Frozen):
    id: int
    username: str
    role: Role
    display_name: str = ""
    staff_title: str = ""
    active: bool = True

    @property
    def label(self) -> str:
        return self.display_name or self.username


class Project(_Frozen):
    id: int
    name: str
    description: str = ""
    created_at: datetime
    #: the day the project was closed (input stopped); raw kiosk text is deleted a retention period later
    closed_on: date | None = None


@lru_cache(maxsize=64)
def _parsed(plan_geojson: str) -> Plan:
    return parse_plan(plan_geojson)


class LayoutOption(_Frozen):
    """A named plan of a project, at its current (or a requested) version."""

    id: int
    project_id: int
    name: str
    version: int
    plan_geojson: str
    author: str = ""
    notes: str = ""
    created_at: datetime

    def plan(self) -> Plan:
        """The parsed plan (cached by text, so the same version gives the same Plan object)."""
        return _parsed(self.plan_geojson)


class LayoutOptionVersion(_Frozen):
    option_id: int
    version: int
    plan_geojson: str
    author: str = ""
    notes: str = ""
    created_at: datetime

    def plan(self) -> Plan:
        return _parsed(self.plan_geojson)


class Kiosk(_Frozen):
    id: int
    project_id: int
    option_id: int | None
    location_label: str
    token: str
    active: bool


class CalmerItem(_Frozen):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    label_da: str = Field(min_length=1, max_length=200)
    label_en: str = Field(min_length=1, max_length=200)
    active: bool = True


class SubmitResult(_Frozen):
    stored: bool
    duplicate: bool
    feedback_id: int


class PendingText(_Frozen):
    """A free text waiting for a facilitator (already scrubbed of CPR, phone, e-mail)."""

    feedback_id: int
    text: str
    rating: int
    language: str
    kiosk_label: str
    option_id: int | None
    hour: datetime


class VotingRound(_Frozen):
    id: int
    project_id: int
    title: str
    status: Literal["open", "closed"]
    option_ids: tuple[int, ...]
    opened_at: datetime
    closed_at: datetime | None = None
    n_ballots: int = 0

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class Ballot(_Frozen):
    round_id: int
    user_id: int
    ranking: tuple[tuple[int, ...], ...]
    cast_at: datetime
    updated_at: datetime


class VoteResult(_Frozen):
    """The outcome of a closed round, with what is needed to explain it."""

    round_id: int
    option_ids: tuple[int, ...]
    option_names: dict[int, str]
    winners: list[int]
    method_winners: dict[str, list[int]]
    margins: dict[tuple[int, int], int]
    n_ballots: int
    explanation: list[str]
    #: Per-method scores for display: "borda" (symmetric Borda), "copeland" (wins - losses), "approval" (count).
    scores: dict[str, dict[int, float]] = Field(default_factory=dict)

    @property
    def is_tie(self) -> bool:
        return len(self.winners) > 1

    def margin_table(self) -> list[list[int | None]]:
        """Rows and columns in ``option_ids`` order; cell = margin of row over column (None on the diagonal)."""
        return [[None if a == b else self.margins[(a, b)] for b in self.option_ids] for a in self.option_ids]


class SurveyItem(_Frozen):
    id: int
    position: int
    text: str


class Survey(_Frozen):
    id: int
    project_id: int
    title: str
    items: tuple[SurveyItem, ...]
    created_at: datetime


class StaffComment(_Frozen):
    """A stored comment as readers see it; ``mine`` is relative to the viewer who asked."""

    id: int
    project_id: int
    option_id: int
    option_version: int
    category: CommentCategory
    text: str
    x: float | None
    y: float | None
    feature_id: str | None
    author_role: str
    author_name: str | None
    status: CommentStatus
    reason: str = ""
    answered_version: int | None = None
    created_hour: datetime
    answered_at: datetime | None = None
    mine: bool = False

    @property
    def shown_as(self) -> str:
        """Who wrote it, as others see it: the role, with the name only when the author chose to show it."""
        return f"{self.author_name} ({self.author_role})" if self.author_name else self.author_role
