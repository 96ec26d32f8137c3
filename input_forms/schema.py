"""The tables, as SQLAlchemy Core metadata: one place that says what is stored.

Alembic migrations (``input_forms/migrations``) create and change these tables;
this module is what the code reads and writes through. Times are naive UTC.
Feedback rows deliberately have no name, case number, IP address or exact
time: only the hour (``created_hour``) is kept.

No column holds a time finer than an hour: every time column is an ``Hour``
(cut to the hour on the way in, whatever the caller passes) or a ``Day`` (cut
to midnight: ballots and staff comments keep dates, not instants). With a
kiosk's highest feedback id, an exact time of anything would date one
citizen's entry; see docs/data-protection.md.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)


def to_hour(value: datetime) -> datetime:
    """The naive UTC hour ``value`` falls in (an aware time is converted to UTC first)."""
    if value.tzinfo is not None:
        from datetime import UTC

        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.replace(minute=0, second=0, microsecond=0)


class Hour(TypeDecorator):
    """A naive UTC time kept to the hour: minutes, seconds and microseconds are cut off on the way in."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            value = datetime(value.year, value.month, value.day)
        return self.coarsen(value)

    def coarsen(self, value: datetime) -> datetime:
        return to_hour(value)


class Day(Hour):
    """A date, stored as the naive UTC midnight it starts with."""

    cache_ok = True

    def coarsen(self, value: datetime) -> datetime:
        return to_hour(value).replace(hour=0)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(128), nullable=False),
    Column("role", String(16), nullable=False),
    Column("display_name", String(200), nullable=False, default=""),
    Column("staff_title", String(100), nullable=False, default=""),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", Hour, nullable=False),
    CheckConstraint("role IN ('facilitator', 'designer', 'staff')", name="role"),
)

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("created_at", Hour, nullable=False),
    # The day the project was closed (no more input); raw kiosk text is deleted a retention period after it.
    Column("closed_on", Day, nullable=True),
    # A closed round's count is shown only from this many ballots on (secret ballot); never below 3.
    Column("min_ballots", Integer, nullable=False, default=5, server_default="5"),
    # The address tablets and phones reach the app at (https://planner.example.dk): kiosk links and QR codes.
    Column("public_base_url", String(500), nullable=True),
    CheckConstraint("min_ballots >= 3", name="min_ballots"),
)

layout_options = Table(
    "layout_options",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", Hour, nullable=False),
    # Today's layout: never edited in place (an edit makes a copy), so every comparison has a fixed reference.
    Column("is_baseline", Boolean, nullable=False, default=False, server_default=false()),
    UniqueConstraint("project_id", "name", name="uq_layout_options_project_name"),
)

option_versions = Table(
    "option_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("option_id", Integer, ForeignKey("layout_options.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("plan_geojson", Text, nullable=False),
    Column("author", String(200), nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    Column("created_at", Hour, nullable=False),
    UniqueConstraint("option_id", "version", name="uq_option_versions_option_version"),
)

kiosks = Table(
    "kiosks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("option_id", Integer, ForeignKey("layout_options.id", ondelete="SET NULL"), nullable=True),
    Column("location_label", String(200), nullable=False),
    Column("token", String(100), nullable=False, unique=True),
    Column("active", Boolean, nullable=False, default=True),
    # The rate limit across processes, coarse on purpose: the hour of the kiosk's latest accepted entries and how
    # many were accepted in it (never an exact time; the exact gap between two entries is kept in memory only).
    Column("accepted_hour", Hour, nullable=True),
    Column("accepted_in_hour", Integer, nullable=False, default=0, server_default="0"),
    Column("created_at", Hour, nullable=False),
    # Where the kiosk stands on its plan (plan metres), for the citizen's "you are here"; both NULL when unset.
    Column("here_x", Float, nullable=True),
    Column("here_y", Float, nullable=True),
)

calmer_items = Table(
    "calmer_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(64), nullable=False),
    Column("label_da", String(200), nullable=False),
    Column("label_en", String(200), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("project_id", "key", name="uq_calmer_items_project_key"),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kiosk_id", Integer, ForeignKey("kiosks.id", ondelete="CASCADE"), nullable=False),
    Column("client_id", String(64), nullable=False),
    # The option the entry is about: the pin's option, else the option the kiosk showed.
    Column("option_id", Integer, ForeignKey("layout_options.id", ondelete="SET NULL"), nullable=True),
    Column("rating", Integer, nullable=False),
    Column("language", String(8), nullable=False),
    Column("created_hour", Hour, nullable=False),
    Column("pin_option_id", Integer, ForeignKey("layout_options.id", ondelete="SET NULL"), nullable=True),
    Column("pin_x", Float, nullable=True),
    Column("pin_y", Float, nullable=True),
    Column("pin_category", String(16), nullable=True),
    Column("text", Text, nullable=True),
    Column("text_status", String(16), nullable=False, default="none"),
    UniqueConstraint("kiosk_id", "client_id", name="uq_feedback_kiosk_client"),
    CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),
    CheckConstraint("text_status IN ('none', 'pending', 'approved', 'rejected')", name="text_status"),
    CheckConstraint("pin_category IS NULL OR pin_category IN ('calm', 'stressful', 'idea')", name="pin_category"),
)
Index("ix_feedback_text_status", feedback.c.project_id, feedback.c.text_status)

feedback_calmer = Table(
    "feedback_calmer",
    metadata,
    Column("feedback_id", Integer, ForeignKey("feedback.id", ondelete="CASCADE"), primary_key=True),
    Column("item_key", String(64), primary_key=True),
)

voting_rounds = Table(
    "voting_rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(200), nullable=False, default=""),
    Column("status", String(8), nullable=False, default="open"),
    Column("opened_at", Hour, nullable=False),
    Column("closed_at", Hour, nullable=True),
    # 'decisive' (the vote that decides) or 'trial' (practice: left out of the report by default).
    Column("purpose", String(8), nullable=False, default="decisive", server_default="decisive"),
    # Fewer ballots than the project's min_ballots: the winner is shown only once the facilitator publishes it.
    Column("publish_winner", Boolean, nullable=False, default=False, server_default=false()),
    # Ballots voided when the round was reopened to take a newer version of an option (a count, nothing more).
    Column("voided_ballots", Integer, nullable=False, default=0, server_default="0"),
    # Random per round: with the installation's key it makes the ballots' voter keys (input_forms.voting).
    Column("ballot_salt", String(32), nullable=False, default="", server_default=""),
    CheckConstraint("status IN ('open', 'closed')", name="status"),
    CheckConstraint("purpose IN ('decisive', 'trial')", name="purpose"),
)

round_options = Table(
    "round_options",
    metadata,
    Column("round_id", Integer, ForeignKey("voting_rounds.id", ondelete="CASCADE"), primary_key=True),
    Column("option_id", Integer, ForeignKey("layout_options.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
    # The exact version on the ballot (option_versions rows never change): later edits stay outside the round.
    Column("option_version_id", Integer, ForeignKey("option_versions.id"), nullable=False),
)

ballots = Table(
    "ballots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("voting_rounds.id", ondelete="CASCADE"), nullable=False),
    # Secret ballot: not the account, only a keyed hash of it and the round (input_forms.voting.voter_key),
    # enough for one ballot per person and for finding one's own ballot, never for naming its voter.
    Column("voter_key", String(64), nullable=False),
    # JSON text: tiers best first, e.g. [[3], [1, 2]]; options left out are unranked.
    Column("ranking", Text, nullable=False),
    Column("cast_at", Day, nullable=False),
    Column("updated_at", Day, nullable=False),
    UniqueConstraint("round_id", "voter_key", name="uq_ballots_round_voter"),
)

surveys = Table(
    "surveys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("created_at", Hour, nullable=False),
)

survey_items = Table(
    "survey_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("survey_id", Integer, ForeignKey("surveys.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", String(500), nullable=False),
)

survey_responses = Table(
    "survey_responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("survey_id", Integer, ForeignKey("surveys.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("phase", String(16), nullable=False),
    Column("kiosk_id", Integer, ForeignKey("kiosks.id", ondelete="SET NULL"), nullable=True),
    Column("created_hour", Hour, nullable=False),
    CheckConstraint("phase IN ('baseline', 'after')", name="phase"),
)

survey_answers = Table(
    "survey_answers",
    metadata,
    Column("response_id", Integer, ForeignKey("survey_responses.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", Integer, ForeignKey("survey_items.id", ondelete="CASCADE"), primary_key=True),
    Column("value", Integer, nullable=False),
    Column("why", Text, nullable=True),
    CheckConstraint("value BETWEEN 1 AND 5", name="value"),
)

staff_comments = Table(
    "staff_comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("option_id", Integer, ForeignKey("layout_options.id", ondelete="CASCADE"), nullable=False, index=True),
    # The option's version the comment was made on: later versions keep the comment and show this.
    Column("option_version", Integer, nullable=False),
    Column("feature_id", String(100), nullable=True),
    Column("pin_x", Float, nullable=True),
    Column("pin_y", Float, nullable=True),
    Column("category", String(16), nullable=False),
    Column("text", Text, nullable=False),
    # Shown instead of a name: the author's staff title ("caseworker") or role, copied when written.
    Column("author_role", String(100), nullable=False),
    # Only when the author ticked "show my name"; otherwise NULL and the name is nowhere in the row.
    Column("author_name", String(200), nullable=True),
    # A keyed hash of the author's account (input_forms.pseudonym), so one can find one's own comments.
    Column("author_ref", String(64), nullable=False),
    Column("status", String(16), nullable=False, default="open"),
    Column("reason", Text, nullable=False, default=""),
    Column("answered_version", Integer, nullable=True),
    Column("created_hour", Day, nullable=False),  # the day, despite the name (a date, not an instant)
    Column("answered_at", Day, nullable=True),
    CheckConstraint("category IN ('problem', 'idea', 'question')", name="category"),
    CheckConstraint("status IN ('open', 'taken', 'declined')", name="status"),
)

# Failed sign-ins, per account ("account:<name>") and per client ("client:<address>"): the throttle
# must hold across app servers, so it lives here and not in process memory. No password is kept.
sign_in_throttle = Table(
    "sign_in_throttle",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False, default=0),
    # Epoch seconds of the last failed (or still unanswered) attempt.
    Column("last_failed_at", Float, nullable=False),
)

# Signed-in sessions behind the session token a browser keeps: signing out or deactivating the
# account revokes them. The token itself (an HMAC under a server secret) is never stored.
auth_sessions = Table(
    "auth_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    # Epoch seconds after which the token is refused.
    Column("expires_at", Float, nullable=False),
    Column("revoked_at", DateTime, nullable=True),
)
