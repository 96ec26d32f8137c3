"""Which rooms need daylight, their windows, and each one's daylight figures (cached per plan)."""

from __future__ import annotations

from functools import lru_cache

from floorplans.model import Plan, Room, RoomKind, Window
from floorplans.topology import exterior_wall, rooms_on_segments

from .glazing import RoomDaylight, room_daylight, within_room

__all__ = ["TRANSIT_KINDS", "rooms_to_light", "windows_by_room", "room_windows", "plan_daylight", "outside_wall"]

#: Rooms passed through or used briefly: BR18 §379 asks daylight of rooms for work and stay, not of these.
TRANSIT_KINDS = frozenset({RoomKind.corridor, RoomKind.wc, RoomKind.wc_accessible, RoomKind.storage,
                           RoomKind.stairs, RoomKind.lift, RoomKind.entrance})


def rooms_to_light(plan: Plan, skip: frozenset[str] = frozenset()) -> list[Room]:
    """Public rooms where people stay (not ``skip``: rooms the caller finds implausible)."""
    return [r for r in plan.rooms if r.is_public and r.kind not in TRANSIT_KINDS and r.id not in skip]


@lru_cache(maxsize=64)
def _windows_by_room(plan: Plan) -> dict[str, tuple[Window, ...]]:
    out: dict[str, list[Window]] = {}
    for w, rooms in zip(plan.windows, rooms_on_segments(plan, [w.geometry for w in plan.windows]), strict=True):
        for r in rooms:
            out.setdefault(r.id, []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def windows_by_room(plan: Plan) -> dict[str, tuple[Window, ...]]:
    """The windows on each room's outline, by room id."""
    return _windows_by_room(plan)


def outside_wall(plan: Plan, room_id: str) -> float:
    """Metres of the room's outline on the building's outline (where a window could go); cached per plan.

    Worked out for the asked room only (:func:`exterior_wall`): the criteria ask it of the few rooms they suggest for.
    """
    wall = exterior_wall(plan, room_id)
    return 0.0 if wall is None else float(wall.length)


def room_windows(plan: Plan, room: Room) -> list[Window]:
    """The room's windows, each clipped to its ceiling (glass above it is left out)."""
    out = []
    for w in windows_by_room(plan).get(room.id, ()):
        clipped = within_room(w, room.height)
        if clipped is not None:
            out.append(clipped)
    return out


def plan_daylight(plan: Plan, rooms: list[Room]) -> list[RoomDaylight]:
    """Glass ratio and average daylight factor of each room (its windows clipped to its ceiling)."""
    return [room_daylight(r.id, room_windows(plan, r), r.geometry.area, r.geometry.length, r.height) for r in rooms]
