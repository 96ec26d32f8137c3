"""The kind mapping table: source room names and types to room kinds."""

from __future__ import annotations

import pytest

from floorplans.importers import classify
from floorplans.importers.kind_map import KIND_RULES, normalise
from floorplans.model import RoomKind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("CONFERENCE RM", RoomKind.meeting_room),
        ("TEAM RM", RoomKind.group_room),
        ("OPEN OFFICE", RoomKind.open_office),
        ("CORRIDOR", RoomKind.corridor),
        ("RESTROOM", RoomKind.wc),
        ("MEN", RoomKind.wc),
        ("WOMENS RR", RoomKind.wc),
        ("STAIR", RoomKind.stairs),
        ("ELEV", RoomKind.lift),
        ("ELEV EQ RM", RoomKind.storage),
        ("VEST/ENTRY", RoomKind.entrance),
        ("BREAK RM", RoomKind.staff_room),
        ("S-3 STORAGE", RoomKind.storage),
        ("MECH RM", RoomKind.storage),
        ("Office", RoomKind.open_office),
        ("PatientRoom", RoomKind.meeting_room),
        ("ExamRoom", RoomKind.meeting_room),
        ("CommonRoom", RoomKind.waiting),
        ("Washroom", RoomKind.wc),
        ("Stairs", RoomKind.stairs),
        ("mødelokale", RoomKind.meeting_room),
        ("Samtalerum 3", RoomKind.meeting_room),
        ("gang", RoomKind.corridor),
        ("Indgang", RoomKind.entrance),
        ("toilet", RoomKind.wc),
        ("HC-toilet", RoomKind.wc_accessible),
        ("restroom.wheelchair", RoomKind.wc_accessible),
        ("Venteområde", RoomKind.waiting),
    ],
)
def test_kind_table_maps_known_names(name: str, kind: RoomKind) -> None:
    found = classify([name])
    assert found is not None and found[0] is kind


def test_kind_table_unknown_names_and_order() -> None:
    assert classify(["NOC"]) is None
    assert classify(["", None, "Unit 4"]) is None
    # The first name a rule knows wins: a long name before a type.
    assert classify(["Meeting Room Large", "room"])[0] is RoomKind.meeting_room
    assert classify([None, "bathroom"])[0] is RoomKind.wc
    # "gang" only as a word: "indgang" is an entrance, not a corridor.
    assert classify(["hovedindgang"])[0] is RoomKind.entrance
    assert normalise("PatientRoom") == "patient room"
    assert all(isinstance(kind, RoomKind) for _, kind in KIND_RULES)


def test_extra_rules_come_first() -> None:
    rules = ((r"\bnoc\b", RoomKind.open_office), (r"corridor", RoomKind.waiting))
    assert classify(["NOC"], rules)[0] is RoomKind.open_office
    assert classify(["CORRIDOR"], rules)[0] is RoomKind.waiting
