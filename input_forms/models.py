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
    #: A closed round's count is shown only from this many ballots on (never below 3).
    min_ballots: int = 5
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
    #: The id of this exact version (option_versions.id): it never changes and is what a voting round stores.
    version_id: int = 0
    #: Today's layout: not edited in place (input_forms.projects.update_option makes a copy).
    is_baseline: bool = False

    @property
    def label(self) -> str:
        """"Option A (v3)", and "today's layout" for the baseline."""
        return f"{self.name} (v{self.version}" + (", today's layout)" if self.is_baseline else ")")

    def plan(self) -> Plan:
        """The parsed plan (cached by text, so the same version gives the same Plan object)."""
        return _parsed(self.plan_geojson)


class LayoutOptionVersion(_Frozen):
    id: int = 0
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
    #: Where the kiosk stands on its plan (x, y in plan metres), for the citizen's "you are here"; None when unset.
    here: tuple[float, float] | None = None


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
    purpose: Literal["decisive", "trial"] = "decisive"
    #: The frozen version on the ballot, per option (same order as option_ids): version numbers and their ids.
    option_versions: tuple[int, ...] = ()
    version_ids: tuple[int, ...] = ()
    publish_winner: bool = False
    voided_ballots: int = 0

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def is_trial(self) -> bool:
        return self.purpose == "trial"

    def version_of(self, option_id: int) -> int:
        """The version number of ``option_id`` on this round's ballot."""
        return self.option_versions[self.option_ids.index(option_id)]


class RoundOption(_Frozen):
    """An option of a round at the version on the ballot, and the option's latest version now."""

    option: LayoutOption
    latest_version: int

    @property
    def newer_exists(self) -> bool:
        return self.latest_version > self.option.version


class Ballot(_Frozen):
    """One person's ballot. No account: ``voter_key`` is a keyed hash, only good for one-ballot-per-person."""

    round_id: int
    voter_key: str
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


class RoundOutcome(_Frozen):
    """What may be shown of a closed round (secret ballot).

    ``result`` (count, margins, every method) only when the round has at least ``min_ballots``
    ballots; below that ``result`` is None, nothing says how many ballots there were, and
    ``winners`` holds the official winner(s) only once the facilitator has published them.
    """

    round: VotingRound
    min_ballots: int
    result: VoteResult | None
    winners: list[int]
    option_names: dict[int, str]

    @property
    def shown(self) -> bool:
        return self.result is not None

    @property
    def hidden(self) -> bool:
        return self.result is None

    @property
    def winner_published(self) -> bool:
        return self.result is None and bool(self.winners)

    @property
    def empty(self) -> bool:
        """Shown, and no ballot at all (a round closed unused)."""
        return self.result is not None and self.result.n_ballots == 0

    def hidden_sentence(self) -> str:
        return f"The round closed with fewer than {self.min_ballots} ballots."


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
