"""Staff comments pinned on layout options, answered by the designer.

Why: caseworkers and reception staff know where conversations go wrong and which
room is too exposed; a ranked vote at the end does not capture that. A comment
sits on a point (plan metres) or a feature of one option, has a category
(problem, idea, question), a short text and the option's version it was made on.
The designer answers it: taken into the next version, or declined with a reason.

Privacy: a comment is shown under the author's role (their staff title, e.g.
"caseworker", else the account's role), never the name, unless the author ticked
"show my name"; only then is the name stored. The row carries a keyed pseudonym
of the account (``input_forms.pseudonym``) so authors can find their own
comments. The text is scrubbed of CPR numbers, phone numbers and e-mail
addresses before it is stored, as citizens' text is.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy import Engine, delete, insert, select, update

from floorplans import Plan, parse_plan

from . import schema as t
from .db import hour_of, inserted_id, read_tx, utcnow, write_tx
from .errors import Forbidden, NotFound, ValidationFailed, validation_failed
from .models import CommentCategory, StaffComment, User
from .pseudonym import author_ref
from .scrub import scrub_text
from .users import get_user

__all__ = ["CommentIn", "StaffComment", "CATEGORIES", "STATUSES", "MAX_COMMENT", "PIN_MARGIN_M", "add_comment",
           "list_comments", "get_comment", "answer_comment", "withdraw_comment", "comment_counts",
           "declined_comments", "parse_comment"]

CATEGORIES: tuple[str, ...] = ("problem", "idea", "question")
STATUSES: tuple[str, ...] = ("open", "taken", "declined")
MAX_COMMENT = 1000
MAX_REASON = 1000
#: How far outside the building's rooms a pin may sit (an entrance step, a facade): metres.
PIN_MARGIN_M = 3.0
#: Roles that answer comments (set their status).
ANSWERING_ROLES = ("designer", "facilitator")
_ROLE_WORDS = {"facilitator": "facilitator", "designer": "designer", "staff": "staff"}


class CommentIn(BaseModel):
    """A new comment as a page or a script sends it: a pin (x, y) or a feature id, or both."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
    option_id: int = Field(gt=0, strict=True)
    category: CommentCategory
    text: str = Field(min_length=1, max_length=MAX_COMMENT)
    x: float | None = Field(default=None, allow_inf_nan=False)
    y: float | None = Field(default=None, allow_inf_nan=False)
    feature_id: str | None = Field(default=None, max_length=100)
    show_name: bool = False

    @field_validator("feature_id")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _somewhere(self) -> CommentIn:
        if (self.x is None) != (self.y is None):
            raise ValueError("a pin needs both x and y")
        if self.x is None and self.feature_id is None:
            raise ValueError("say where: a pin (x, y) on the plan or a feature id (a room, a door)")
        return self


def parse_comment(data: CommentIn | dict) -> CommentIn:
    """A CommentIn from a dict; ValidationFailed naming every bad field."""
    if isinstance(data, CommentIn):
        return data
    try:
        return CommentIn.model_validate(data)
    except ValidationError as exc:
        raise validation_failed(exc) from None


@lru_cache(maxsize=64)
def _plan(plan_geojson: str) -> Plan:
    return parse_plan(plan_geojson)


def _anchor(plan: Plan, feature_id: str | None) -> tuple[float, float]:
    """A point on the feature, so a comment on a room or door can be drawn where it belongs."""
    feature = plan.get(feature_id) if feature_id is not None else None
    if feature is None:
        raise ValidationFailed("a comment needs either a point (x, y) or the id of a feature of the plan")
    geometry = feature.geometry
    point = geometry.representative_point() if geometry.geom_type == "Polygon" else geometry.centroid
    return round(point.x, 2), round(point.y, 2)


def _check_place(plan: Plan, entry: CommentIn) -> tuple[float, float]:
    """The pin of the comment, checked against the plan it is made on (ValidationFailed says what is off)."""
    if entry.feature_id is not None and plan.get(entry.feature_id) is None:
        raise ValidationFailed(f"feature_id: {entry.feature_id!r} is not a feature of this option's plan")
    if entry.x is None or entry.y is None:
        return _anchor(plan, entry.feature_id)
    xs = [x for room in plan.rooms for ring in room.rings for x, *_ in ring]
    ys = [y for room in plan.rooms for ring in room.rings for _, y, *_ in ring]
    m = PIN_MARGIN_M
    if xs and not (min(xs) - m <= entry.x <= max(xs) + m and min(ys) - m <= entry.y <= max(ys) + m):
        raise ValidationFailed(
            f"pin ({entry.x:g}, {entry.y:g}) lies outside the plan (x {min(xs):g} to {max(xs):g}, "
            f"y {min(ys):g} to {max(ys):g} m)")
    return round(entry.x, 2), round(entry.y, 2)


def _active_user(engine: Engine, user: User) -> User:
    stored = get_user(engine, user.id)
    if not stored.active:
        raise Forbidden(f"the account {stored.username!r} is not active")
    return stored


def _role_label(user: User) -> str:
    return (user.staff_title or "").strip() or _ROLE_WORDS.get(user.role, user.role)


def add_comment(engine: Engine, author: User, data: CommentIn | dict) -> StaffComment:
    """Store a comment on the option's current version; ValidationFailed (nothing stored) for a bad field."""
    entry = parse_comment(data)
    author = _active_user(engine, author)
    text = scrub_text(entry.text).strip()
    o, v = t.layout_options, t.option_versions
    with write_tx(engine) as conn:
        row = conn.execute(
            select(o.c.project_id, o.c.version, v.c.plan_geojson)
            .select_from(o.join(v, (v.c.option_id == o.c.id) & (v.c.version == o.c.version)))
            .where(o.c.id == entry.option_id)).first()
        if row is None:
            raise NotFound(f"no layout option with id {entry.option_id}")
        x, y = _check_place(_plan(row.plan_geojson), entry)
        new_id = inserted_id(conn.execute(insert(t.staff_comments).values(
            project_id=row.project_id, option_id=entry.option_id, option_version=row.version,
            feature_id=entry.feature_id, pin_x=x, pin_y=y, category=entry.category, text=text,
            author_role=_role_label(author)[:100],
            author_name=(author.display_name or author.username)[:200] if entry.show_name else None,
            author_ref=author_ref(author.id, engine), status="open", reason="", created_hour=hour_of(),
        )))
    return get_comment(engine, new_id, viewer=author)


def _comment(row, viewer_ref: str | None) -> StaffComment:
    return StaffComment(
        id=row.id, project_id=row.project_id, option_id=row.option_id, option_version=row.option_version,
        category=row.category, text=row.text, x=row.pin_x, y=row.pin_y, feature_id=row.feature_id,
        author_role=row.author_role, author_name=row.author_name, status=row.status, reason=row.reason or "",
        answered_version=row.answered_version, created_hour=row.created_hour, answered_at=row.answered_at,
        mine=viewer_ref is not None and row.author_ref == viewer_ref,
    )


def get_comment(engine: Engine, comment_id: int, viewer: User | None = None) -> StaffComment:
    with read_tx(engine) as conn:
        row = conn.execute(select(t.staff_comments).where(t.staff_comments.c.id == comment_id)).first()
    if row is None:
        raise NotFound(f"no staff comment with id {comment_id}")
    return _comment(row, author_ref(viewer.id, engine) if viewer else None)


def _check_filter(values, allowed: tuple[str, ...], what: str) -> list[str] | None:
    if values is None:
        return None
    values = [values] if isinstance(values, str) else list(values)
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ValidationFailed(f"{what} {bad[0]!r} is not one of {', '.join(allowed)}")
    return values


def list_comments(engine: Engine, *, option_id: int | None = None, project_id: int | None = None,
                  viewer: User | None = None, categories=None, statuses=None,
                  mine_only: bool = False) -> list[StaffComment]:
    """Comments of one option or a whole project, oldest first, optionally filtered by category and status."""
    if option_id is None and project_id is None:
        raise ValidationFailed("say which comments: an option_id or a project_id")
    categories = _check_filter(categories, CATEGORIES, "category")
    statuses = _check_filter(statuses, STATUSES, "status")
    c = t.staff_comments
    query = select(c).order_by(c.c.id)
    if option_id is not None:
        query = query.where(c.c.option_id == option_id)
    if project_id is not None:
        query = query.where(c.c.project_id == project_id)
    if categories is not None:
        query = query.where(c.c.category.in_(categories))
    if statuses is not None:
        query = query.where(c.c.status.in_(statuses))
    ref = author_ref(viewer.id, engine) if viewer else None
    if mine_only:
        if ref is None:
            return []
        query = query.where(c.c.author_ref == ref)
    with read_tx(engine) as conn:
        rows = conn.execute(query).all()
    return [_comment(r, ref) for r in rows]


def answer_comment(engine: Engine, comment_id: int, by: User, status: str, reason: str = "") -> StaffComment:
    """Set a comment's status (designers and facilitators only); declining needs a reason.

    ``taken`` records the option's version at the time of answering; ``open`` reopens a comment.
    """
    if status not in STATUSES:
        raise ValidationFailed(f"status {status!r} is not one of {', '.join(STATUSES)}")
    by = _active_user(engine, by)
    if by.role not in ANSWERING_ROLES:
        raise Forbidden(f"only a designer or facilitator answers comments; {by.username!r} is {by.role}")
    reason = scrub_text((reason or "").strip())
    if status == "declined" and not reason:
        raise ValidationFailed("reason: say why the comment is declined (staff see the reason)")
    if len(reason) > MAX_REASON:
        raise ValidationFailed(f"reason: at most {MAX_REASON} characters (got {len(reason)})")
    c = t.staff_comments
    with write_tx(engine) as conn:
        row = conn.execute(select(c.c.option_id).where(c.c.id == comment_id)).first()
        if row is None:
            raise NotFound(f"no staff comment with id {comment_id}")
        version: int = conn.execute(select(t.layout_options.c.version)
                               .where(t.layout_options.c.id == row.option_id)).scalar_one()
        answered = status != "open"
        conn.execute(update(c).where(c.c.id == comment_id).values(
            status=status, reason=reason if answered else "", answered_version=version if answered else None,
            answered_at=utcnow().replace(microsecond=0) if answered else None))
    return get_comment(engine, comment_id)


def withdraw_comment(engine: Engine, comment_id: int, by: User) -> None:
    """The author takes back a comment that nobody has answered yet (it is deleted)."""
    comment = get_comment(engine, comment_id, viewer=by)
    if not comment.mine:
        raise Forbidden("only its author can withdraw a comment")
    if comment.status != "open":
        raise Forbidden(f"comment {comment_id} has been answered ({comment.status}); it stays on record")
    with write_tx(engine) as conn:
        conn.execute(delete(t.staff_comments).where((t.staff_comments.c.id == comment_id)
                                                    & (t.staff_comments.c.status == "open")))


COUNT_COLUMNS = ["option_id", "option", "category", "n", "open", "taken", "declined", "taken_share", "declined_share"]


def comment_counts(engine: Engine, project_id: int) -> pd.DataFrame:
    """Comments per option and category, with how many were taken or declined and their shares.

    One row per option and category that has comments, plus an ``all`` row per option.
    Shares are of all comments in the row (0..1); counts are not suppressed: they say
    nothing about who wrote what.
    """
    c, o = t.staff_comments, t.layout_options
    with read_tx(engine) as conn:
        rows = conn.execute(select(c.c.option_id, o.c.name, c.c.category, c.c.status)
                            .select_from(c.join(o, o.c.id == c.c.option_id))
                            .where(c.c.project_id == project_id).order_by(c.c.option_id)).all()
    frame = pd.DataFrame(rows, columns=["option_id", "option", "category", "status"])
    if frame.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    both = pd.concat([frame, frame.assign(category="all")])
    counts = (pd.crosstab([both.option_id, both.option, both.category], both.status)
              .reindex(columns=list(STATUSES), fill_value=0).reset_index())
    counts["n"] = counts[list(STATUSES)].sum(axis=1)
    counts["taken_share"] = (counts["taken"] / counts["n"]).round(3)
    counts["declined_share"] = (counts["declined"] / counts["n"]).round(3)
    order = {name: i for i, name in enumerate((*CATEGORIES, "all"))}
    counts = counts.sort_values(["option_id", "category"], key=lambda s: s.map(order) if s.name == "category" else s)
    counts = counts[COUNT_COLUMNS].reset_index(drop=True)
    counts.columns.name = None
    for col in ("n", "open", "taken", "declined"):
        counts[col] = counts[col].astype(int)
    return counts


def declined_comments(engine: Engine, project_id: int) -> list[StaffComment]:
    """Every declined comment of the project with its reason, so the process shows input was answered."""
    return list_comments(engine, project_id=project_id, statuses=["declined"])
