"""The staff comments section: comments counted per option and category, and each declined one with its reason.

Staff comments name their author only as ``StaffComment.shown_as`` (the role, with the name only when
the author chose to show it); nothing else about the author is read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from input_forms import comments

from .i18n import Catalogue

__all__ = ["CommentCountRow", "OptionComments", "DeclinedComment", "CommentsSection", "comments_section"]


@dataclass(frozen=True)
class CommentCountRow:
    """Staff comments of one option in one category (``all``: every category), and how they were answered."""

    category: str  # problem | idea | question | all
    n: int
    open: int
    taken: int
    declined: int
    taken_share: float
    declined_share: float


@dataclass(frozen=True)
class OptionComments:
    name: str
    n: int
    taken: int
    declined: int
    rows: list[CommentCountRow]  # per category, the ``all`` row last
    sentence: str  # "Option A: 5 comments, 3 answered (2 taken, 1 declined)." in the report's language

    @property
    def answered(self) -> int:
        return self.taken + self.declined


@dataclass(frozen=True)
class DeclinedComment:
    option_name: str
    category: str
    text: str
    shown_as: str  # the role, or "Name (role)" when the author chose to show the name
    made_on_version: int
    reason: str


@dataclass(frozen=True)
class CommentsSection:
    options: list[OptionComments]
    declined: list[DeclinedComment]

    @property
    def n_total(self) -> int:
        return sum(o.n for o in self.options)

    @property
    def n_answered(self) -> int:
        return sum(o.answered for o in self.options)


def comments_section(engine: Engine, project_id: int, cat: Catalogue) -> CommentsSection:
    """Staff comments counted per option and category, and every declined comment with its reason."""
    counts = comments.comment_counts(engine, project_id)
    names: dict[int, str] = {}
    by_option: dict[int, list[CommentCountRow]] = {}
    for r in counts.to_dict("records"):
        option_id = int(r["option_id"])
        names[option_id] = str(r["option"])
        by_option.setdefault(option_id, []).append(CommentCountRow(
            category=str(r["category"]), n=int(r["n"]), open=int(r["open"]), taken=int(r["taken"]),
            declined=int(r["declined"]), taken_share=float(r["taken_share"]), declined_share=float(r["declined_share"])))
    options: list[OptionComments] = []
    for option_id, rows in by_option.items():
        total = next(row for row in rows if row.category == "all")
        options.append(OptionComments(
            name=names[option_id], n=total.n, taken=total.taken, declined=total.declined, rows=rows,
            sentence=cat.t("comments.option_line", n=total.n, name=names[option_id],
                           answered=total.taken + total.declined, taken=total.taken, declined=total.declined)))
    declined = [DeclinedComment(option_name=names.get(c.option_id, str(c.option_id)), category=c.category, text=c.text,
                                shown_as=c.shown_as, made_on_version=c.option_version, reason=c.reason)
                for c in comments.declined_comments(engine, project_id)]
    return CommentsSection(options=options, declined=declined)
