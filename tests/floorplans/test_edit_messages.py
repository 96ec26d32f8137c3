"""Edit messages are plain sentences naming what the designer sees (issue: status lines read like code)."""

from __future__ import annotations

from floorplans.editing import delete_feature, move_feature, place_door, update_door
from floorplans.editing.wording import distance_words, named
from floorplans.samples import load_sample


def test_a_moved_room_is_named_and_the_move_said_in_compass_words() -> None:
    plan = load_sample("baseline")
    room = next(r for r in plan.rooms if r.name and r.name != r.id)
    result = move_feature(plan, room.id, 0.0, 0.0)
    assert result.message == f"The room {room.name} ({room.id}) did not move (less than half a grid step)."
    moved = next(m for m in (move_feature(plan, r.id, 0.0, -0.5) for r in plan.rooms if r.name and r.name != r.id) if m.ok)
    mover = plan.room(moved.feature_id)
    assert moved.message.startswith(f"Moved the room {mover.name} ({mover.id}) 0.5 m south")
    assert distance_words(1, 0) == "1 m east" and distance_words(-2, 0.5) == "2 m west and 0.5 m north"


def test_door_edits_read_as_sentences() -> None:
    plan = load_sample("baseline")
    door = plan.doors[0]
    changed = update_door(plan, door.id, clear_width=0.95, threshold_mm=10)
    assert changed.ok, changed.message
    assert changed.message == f"Changed the clear width and threshold (mm) of door {door.id}."
    assert "_" not in changed.message and "=" not in changed.message
    gone = delete_feature(plan, door.id)
    assert gone.message == f"Deleted {named(door)}."


def test_a_placed_door_says_between_which_rooms() -> None:
    plan = load_sample("baseline")
    door = plan.doors[0]
    mid = door.geometry.interpolate(0.5, normalized=True)
    placed = place_door(plan.without(door.id), mid.x, mid.y, width=0.9)
    assert placed.ok, placed.message
    assert placed.message.startswith("Placed a 0.90 m door (") and (" between " in placed.message or "outside wall" in placed.message)
    assert placed.message.endswith(".")
