"""Wording and plan marks for staff comments: pure functions, no streamlit, so they are tested alone.

The pages (Comments, the designer's workspace) show the same comment the same way:
its number, category, who (role, or the name when the author chose it), the
version it was made on, where on the plan, and the designer's answer.
"""

from __future__ import annotations

from collections.abc import Iterable

from floorplans import Plan
from floorplans.topology import room_at
from input_forms.models import StaffComment

__all__ = ["CATEGORY_LABELS", "STATUS_LABELS", "matching", "place_label", "status_sentence", "heading", "markers",
           "payload_comments", "room_choices", "picture_alt"]

CATEGORY_LABELS = {"problem": "Problem", "idea": "Idea", "question": "Question"}
STATUS_LABELS = {"open": "Open", "taken": "Taken into the plan", "declined": "Declined"}
PIN_CATEGORY_LABELS = {"calm": "Feels calm", "stressful": "Feels stressful", "idea": "Idea"}


def matching(comments: Iterable[StaffComment], categories: Iterable[str], statuses: Iterable[str],
             mine_only: bool = False) -> list[StaffComment]:
    """The comments a filter row lets through (the pages keep the full list for their counts)."""
    categories, statuses = set(categories), set(statuses)
    return [c for c in comments if c.category in categories and c.status in statuses and (c.mine or not mine_only)]


def place_label(plan: Plan, comment: StaffComment) -> str:
    """Where the comment is, in words: the feature's label, else the room under its pin, else the point."""
    if comment.feature_id:
        feature = plan.get(comment.feature_id)
        if feature is not None:
            return getattr(feature, "label", None) or f"{feature.feature} {feature.id}"
    if comment.x is not None and comment.y is not None:
        room = room_at(plan, comment.x, comment.y)
        if room is not None:
            return room.label
        return f"({comment.x:.1f}, {comment.y:.1f}) m"
    return "the plan"


def status_sentence(comment: StaffComment) -> str:
    """The designer's answer as staff read it."""
    if comment.status == "taken":
        return f"Taken into the plan (answered at version {comment.answered_version})."
    if comment.status == "declined":
        return f"Declined: {comment.reason}"
    return "Open: not answered yet."


def heading(comment: StaffComment, plan: Plan) -> str:
    """One line: number, category, who, version, where."""
    who = comment.shown_as + (" (you)" if comment.mine and not comment.author_name else "")
    return (f"#{comment.id} · {CATEGORY_LABELS.get(comment.category, comment.category)} · {who} · "
            f"made on v{comment.option_version} · {place_label(plan, comment)}")


def markers(comments: Iterable[StaffComment]) -> list[tuple[float, float, str, str]]:
    """(x, y, category, label) of each comment with a pin, for drawing numbered marks on a plan picture."""
    return [(c.x, c.y, c.category, str(c.id)) for c in comments if c.x is not None and c.y is not None]


def payload_comments(comments: Iterable[StaffComment]) -> list[dict]:
    """The comments layer of the plan editor's payload."""
    return [{"id": c.id, "x": c.x, "y": c.y, "category": c.category, "status": c.status}
            for c in comments if c.x is not None and c.y is not None]


def room_choices(plan: Plan) -> dict[str, str]:
    """Room id -> label, sorted by label, for "choose a room" instead of tapping."""
    return dict(sorted(((r.id, r.label) for r in plan.rooms), key=lambda item: (item[1].lower(), item[0])))


def picture_alt(option_name: str, plan: Plan, comments: Iterable[StaffComment], pinned: bool) -> str:
    """The plan picture's text alternative: which plan, what is marked on it, and what a tap does."""
    rooms = sorted({r.label for r in plan.rooms}, key=str.lower)
    shown = ", ".join(rooms[:6]) + (f" and {len(rooms) - 6} more" if len(rooms) > 6 else "")
    marked = sum(1 for c in comments if c.x is not None and c.y is not None)
    marks = {0: "no comments marked", 1: "1 comment marked as a numbered square"}.get(
        marked, f"{marked} comments marked as numbered squares")
    pin = "; a round pin shows the spot you tapped" if pinned else ""
    return (f"Floor plan of {option_name} with the rooms {shown}; {marks}{pin}. "
            "Tap a spot to place a new comment, or choose a room from the list below.")
