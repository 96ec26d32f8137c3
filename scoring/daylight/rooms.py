"""Which rooms need daylight, their windows, and each one's daylight figures (cached per plan)."""

from __future__ import annotations

from functools import lru_cache

from floorplans.model import Plan, Room, RoomKind, Window
from floorplans.topology import exterior_walls, rooms_on_segment

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
    for w in plan.windows:
        for r in rooms_on_segment(plan, w.geometry):
            out.setdefault(r.id, []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def windows_by_room(plan: Plan) -> dict[str, tuple[Window, ...]]:
    """The windows on each room's outline, by room id."""
    return _windows_by_room(plan)


@lru_cache(maxsize=64)
def _outside_walls(plan: Plan) -> dict[str, float]:
    return {rid: float(g.length) for rid, g in exterior_walls(plan).items()}


def outside_wall(plan: Plan, room_id: str) -> float:
    """Metres of the room's outline on the building's outline (where a window could go); cached per plan."""
    return _outside_walls(plan).get(room_id, 0.0)


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
