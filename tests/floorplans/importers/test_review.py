"""The review of an imported level's kinds (floorplans.importers.review) and DXF label cleaning."""

from __future__ import annotations

import pytest

from floorplans.importers.dxf.labels import clean_label
from floorplans.importers.review import (
    assign_kind,
    label_contains,
    review_rows,
    rooms_matching,
    toggle_room_at,
    unknown_rooms,
)
from floorplans.model import Plan, Room, RoomKind


def _room(rid: str, name: str, kind: str, confidence: float, x: float) -> Room:
    return Room(id=rid, name=name, kind=RoomKind(kind), extra={"kind_confidence": confidence},
                rings=[[(x, 0), (x + 4, 0), (x + 4, 3), (x, 3), (x, 0)]])


PLAN = Plan(rooms=(
    _room("r1", "Samtalerum 1", "meeting_room", 0.9, 0),
    _room("r2", "SAMTALERUM 2", "meeting_room", 0.8, 4),
    _room("r3", "Rum 3", "unknown", 0.0, 8),
    _room("r4", "Mødelokale", "meeting_room", 0.9, 12),
    _room("r5", "Staff WC", "wc", 0.68, 16),
))


def test_rows_least_sure_first() -> None:
    rows = review_rows(PLAN)
    assert [r.id for r in rows] == ["r3", "r5", "r2", "r4", "r1"]
    assert rows[0].kind is RoomKind.unknown and rows[0].area_m2 == 12.0 and not rows[0].public


def test_bulk_assignment_by_name() -> None:
    assert [r.id for r in rooms_matching(PLAN, "samtale")] == ["r1", "r2"]
    assert label_contains("Mødelokale", "moede") and label_contains("Mødelokale", "MØDE") and not label_contains("Gang", "")
    reviewed = assign_kind(PLAN, [r.id for r in rooms_matching(PLAN, "samtale")], "quiet_nook")
    assert [r.kind.value for r in reviewed.rooms] == ["quiet_nook", "quiet_nook", "unknown", "meeting_room", "wc"]
    assert reviewed.room("r1").extra["kind_confidence"] == 1.0 and reviewed.room("r4").extra["kind_confidence"] == 0.9
    assert [r.id for r in unknown_rooms(reviewed)] == ["r3"]
    assert unknown_rooms(assign_kind(reviewed, ["r3"], RoomKind.storage)) == []


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("2.14", ""), ("12,5 m²", ""), ("Areal: 12 m2", ""), ("SAMTALERUM", "SAMTALERUM"),
        (r"{\fArial|b1;\H2.5x;Mødelokale}\P2.14\P18,2 m²", "Mødelokale"), ("2.14 Samtalerum", "Samtalerum"),
        ("Samtalerum 3", "Samtalerum 3"), ("Kontor 3.1", "Kontor"), ("%%uWC", "WC"), ("R12", ""), ("1.02a Depot", "Depot"),
    ],
)
def test_dxf_labels_lose_codes_numbers_and_areas(raw: str, name: str) -> None:
    assert clean_label(raw) == name


def test_a_tap_toggles_the_room_under_it() -> None:
    assert toggle_room_at(PLAN, (), (6.0, 1.5)) == ("r2",)  # inside r2 (x 4..8)
    assert toggle_room_at(PLAN, ("r2",), (13.0, 2.0)) == ("r2", "r4")
    assert toggle_room_at(PLAN, ("r2", "r4"), (5.0, 1.0)) == ("r4",)  # a second tap takes it out
    assert toggle_room_at(PLAN, ("r4",), (6.0, 9.0)) == ("r4",)  # outside every room: no change
    assert toggle_room_at(PLAN, ("r4",), None) == ("r4",)  # a tap off the picture
