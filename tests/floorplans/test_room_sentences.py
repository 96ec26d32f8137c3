"""Kinds by their human names and room edits told in plain sentences (issue 17): one source, floorplans.kinds."""

from __future__ import annotations

import pytest

from floorplans import RoomKind
from floorplans.drawing import KIND_LABELS as DRAWING_LABELS
from floorplans.editing import add_rect_room, set_room
from floorplans.kinds import KIND_LABELS, kind_label, kind_noun, with_article
from floorplans.model import Plan, Room


def rect(x0: float, y0: float, x1: float, y1: float) -> list:
    return [[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]


@pytest.fixture
def plan() -> Plan:
    return Plan(name="small", rooms=(
        Room(id="c", kind=RoomKind.corridor, name="Gang", rings=rect(0, 0, 10, 2)),
        Room(id="sr1", kind=RoomKind.meeting_room, name="Samtale 1", rings=rect(0, 2, 5, 6)),
        Room(id="r2", kind=RoomKind.open_office, rings=rect(5, 2, 10, 6)),
    ))


def test_every_kind_has_one_name_and_the_legend_uses_the_same():
    assert set(KIND_LABELS) == set(RoomKind)
    assert DRAWING_LABELS is KIND_LABELS  # the plan legend and the pages read one table
    assert kind_label("quiet_nook") == "Quiet nook" and kind_label(RoomKind.meeting_room) == "Conversation room"
    assert kind_label("sauna") == "sauna"  # a value from a newer file is shown as it is, never an error


@pytest.mark.parametrize(("kind", "phrase"), [
    ("quiet_nook", "a quiet nook"), ("open_office", "an open office"), ("wc", "a WC"),
    ("wc_accessible", "an accessible WC"), ("waiting", "a waiting area"), ("entrance", "an entrance"),
    ("unknown", "a room of unknown kind"),
])
def test_kinds_read_as_nouns_in_a_sentence(kind, phrase):
    assert with_article(kind_noun(kind)) == phrase


def test_a_kind_change_reads_as_a_sentence(plan):
    result = set_room(plan, "sr1", kind="quiet_nook", name="Stille krog", public=True)
    assert result.ok
    assert result.message == "Room Stille krog (sr1), renamed from “Samtale 1”, is now a quiet nook, open to citizens."
    assert set_room(plan, "sr1", kind="quiet_nook").message == "Room Samtale 1 (sr1) is now a quiet nook."


def test_physical_changes_read_as_a_sentence(plan):
    message = set_room(plan, "r2", public=False, capacity=4, height=2.6, acoustic_finish="absorbent",
                       wall_sound_rating=48).message
    assert message == ("Room r2 is for staff only, seats 4 people and has a 2.6 m ceiling, an absorbent finish "
                       "and walls of R'w 48 dB.")
    assert "_" not in message and "=" not in message and "'" not in message.replace("R'w", "")
    seated = set_room(plan, "sr1", capacity=4).plan
    assert set_room(seated, "sr1", capacity=None).message == "Room Samtale 1 (sr1) has no seat count."


def test_a_new_room_is_named_by_its_kind(plan):
    result = add_rect_room(plan, 0, 6, 4, 9, "quiet_nook", "Stille")
    assert result.ok
    (new,) = [r for r in result.plan.rooms if r.name == "Stille"]
    assert result.message == f"Added a quiet nook, Stille ({new.id}), of 12.0 m²."
    refused = add_rect_room(plan, 0, 6, 4, 9, "ballroom")
    assert not refused.ok and "“ballroom” is not a room kind" in refused.message and "Quiet nook" in refused.message
