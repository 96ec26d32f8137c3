"""Rooms too small or too large for their kind: a warning naming the room, and a list scoring leaves out."""

from __future__ import annotations

import pytest

from floorplans import validate_plan
from floorplans.plausibility import ROOM_SIZES, implausible_rooms, room_size_reason
from floorplans.problems import errors_only
from floorplans.samples import load_sample, sample_names
from tests.scoring.plans import change, mini_centre, rect


def _warnings(plan, code: str, **kw) -> dict[str, str]:
    return {p.feature_id: p.message for p in validate_plan(plan, **kw) if p.code == code}


@pytest.mark.parametrize("name", sample_names())
def test_the_samples_are_plausible(name: str) -> None:
    plan = load_sample(name)
    assert implausible_rooms(plan) == {}
    assert not _warnings(plan, "implausible-room-size") and not _warnings(plan, "accessible-wc-too-small")
    assert not _warnings(plan, "implausible-sound-rating")


def test_a_tiny_doorless_nook_and_a_huge_waiting_room_are_warned_about_and_left_out() -> None:
    plan = mini_centre(nook="none").with_feature(rect("nook", "quiet_nook", 24, 3.75, 24.3, 4.083))  # 0.1 m², no door
    assert not errors_only(validate_plan(plan))  # a warning, not an error: the plan still reads and scores
    plan = change(plan.without("w_wait"), "wait", rings=rect("x", "waiting", 9, 3.75, 16, 1432.3).rings)  # 10,000 m²
    warned = _warnings(plan, "implausible-room-size")
    assert set(warned) == {"nook", "wait"}
    assert "0.1 m² is too small for a quiet nook" in warned["nook"]
    assert "10,000 m² is implausibly large for a waiting area (over 1,000 m²)" in warned["wait"]
    assert set(implausible_rooms(plan)) == {"nook", "wait"}


@pytest.mark.parametrize(("kind", "area", "plausible"), [
    ("quiet_nook", 1.9, False), ("quiet_nook", 2.1, True), ("meeting_room", 5.9, False), ("meeting_room", 6.1, True),
    ("meeting_room", 249.0, True), ("meeting_room", 251.0, False), ("waiting", 999.0, True), ("waiting", 1001.0, False),
    ("corridor", 50_000.0, True), ("storage", 0.2, True),
])
def test_size_limits_per_kind(kind: str, area: float, plausible: bool) -> None:
    side = area**0.5
    room = rect("r", kind, 0, 0, side, side)
    assert (room_size_reason(room) is None) == plausible
    low, high = ROOM_SIZES[room.kind]
    assert low <= area <= (high or float("inf")) or not plausible


def test_accessible_wc_under_the_profile_size_is_warned_about() -> None:
    plan = mini_centre()  # its accessible WC is 2.5 × 2.5 m
    assert not _warnings(plan, "accessible-wc-too-small")
    small = change(plan, "wca", rings=rect("x", "wc_accessible", 4, 0.25, 6.0, 2.25).rings)  # 2.0 × 2.0 m
    message = _warnings(small, "accessible-wc-too-small")["wca"]
    assert "2.00 × 2.00 m" in message and "2.2 × 2.2 m" in message  # BR18's size by default
    assert not _warnings(small, "accessible-wc-too-small", wc_min=(1.525, 2.0))  # a profile that accepts it


def test_sound_ratings_beyond_built_construction_are_warned_about_naming_the_wall_or_door() -> None:
    plan = mini_centre()
    assert not _warnings(plan, "implausible-sound-rating")
    at_limits = change(change(plan, "m1", wall_sound_rating=65), "d_m1", sound_rating=50)
    assert not _warnings(at_limits, "implausible-sound-rating")  # a studio wall, the best door sets: still plausible
    beyond = change(change(plan, "m1", wall_sound_rating=72), "d_m1", sound_rating=58)
    assert not errors_only(validate_plan(beyond))  # warnings: the plan still reads and scores
    warned = _warnings(beyond, "implausible-sound-rating")
    assert set(warned) == {"m1", "d_m1"}
    assert "R'w 72 dB" in warned["m1"] and "'Meeting 1'" in warned["m1"] and "65 dB" in warned["m1"]
    assert "Rw 58 dB" in warned["d_m1"] and "50 dB" in warned["d_m1"] and "two doors" in warned["d_m1"]
