"""The human names of the room kinds: the one source for legends, forms, pickers, tables and edit messages.

Kept apart from floorplans.drawing so that editing and the pages can name a kind without
importing matplotlib; drawing re-exports KIND_LABELS for its legend.
"""

from __future__ import annotations

from .model import RoomKind

__all__ = ["KIND_LABELS", "kind_label", "kind_noun", "with_article"]

#: English names per kind, as a legend or a picker shows them (capitalised).
KIND_LABELS: dict[RoomKind, str] = {
    RoomKind.entrance: "Entrance",
    RoomKind.reception: "Reception",
    RoomKind.waiting: "Waiting",
    RoomKind.quiet_nook: "Quiet nook",
    RoomKind.green_area: "Green area",
    RoomKind.meeting_room: "Conversation room",
    RoomKind.group_room: "Group room",
    RoomKind.job_search: "Job search",
    RoomKind.open_office: "Open office",
    RoomKind.staff_room: "Staff room",
    RoomKind.corridor: "Corridor",
    RoomKind.wc: "WC",
    RoomKind.wc_accessible: "Accessible WC",
    RoomKind.play_area: "Play area",
    RoomKind.storage: "Storage",
    RoomKind.stairs: "Stairs",
    RoomKind.lift: "Lift",
    RoomKind.unknown: "Unknown (to review)",
}

#: Kinds whose label is not a countable noun in a sentence ("a waiting" reads wrong): the phrase used instead.
_NOUNS: dict[RoomKind, str] = {
    RoomKind.waiting: "waiting area",
    RoomKind.reception: "reception",
    RoomKind.job_search: "job search area",
    RoomKind.storage: "store room",
    RoomKind.stairs: "stairwell",
    RoomKind.unknown: "room of unknown kind",
}


def kind_label(kind: RoomKind | str, labels: dict[RoomKind, str] | None = None) -> str:
    """A kind's name for a picker or a table ("Quiet nook"); an unknown value is shown as it is."""
    try:
        member = RoomKind(kind)
    except ValueError:
        return str(kind)
    return (labels or {}).get(member) or KIND_LABELS[member]


def kind_noun(kind: RoomKind | str) -> str:
    """A kind's name inside a sentence ("quiet nook", "accessible WC")."""
    try:
        member = RoomKind(kind)
    except ValueError:
        return str(kind).replace("_", " ")
    if member in _NOUNS:
        return _NOUNS[member]
    label = KIND_LABELS[member]
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def with_article(noun: str) -> str:
    """ "quiet nook" -> "a quiet nook", "open office" -> "an open office" ("a WC": said "a double-u")."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun
