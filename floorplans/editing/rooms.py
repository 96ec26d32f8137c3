"""Drawing rooms and changing their kind, name, capacity or public flag."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import ValidationError
from shapely.geometry import Polygon

from ..model import AcousticFinish, Plan, Room, RoomKind, evolve
from .grid import DEFAULT_GRID, closed_ring, new_id, snap_point
from .result import EditResult, check_edit, problem
from .walls import covered_windows

__all__ = ["add_polygon_room", "add_rect_room", "set_room"]


def add_polygon_room(
    plan: Plan,
    points: Sequence[Sequence[float]],
    kind: RoomKind | str = RoomKind.meeting_room,
    name: str = "",
    *,
    grid: float | None = DEFAULT_GRID,
    room_id: str | None = None,
    capacity: int | None = None,
) -> EditResult:
    """Add a room drawn as a polygon (its corners in order; closing is automatic)."""
    try:
        ring = closed_ring(points, grid)
    except (TypeError, ValueError, IndexError) as exc:
        return EditResult.refused(plan, problem("invalid-polygon", f"the new room's corners are not numbers: {exc}"))
    rid = room_id or new_id(plan, "room")
    if len(ring) < 4:
        return EditResult.refused(plan, problem("invalid-polygon", f"room {rid!r} needs at least 3 distinct corners on the {grid or 0:g} m grid, got {max(len(ring) - 1, 0)}", rid))
    if rid in plan.by_id:
        return EditResult.refused(plan, problem("duplicate-id", f"the id {rid!r} is already used", rid))
    try:
        kind = RoomKind(kind)
    except ValueError:
        return EditResult.refused(plan, problem("unknown-kind", f"{kind!r} is not a room kind (one of {', '.join(k.value for k in RoomKind)})", rid))
    polygon = Polygon(ring)
    if polygon.is_valid and polygon.exterior.is_ccw is False:
        ring = list(reversed(ring))  # GeoJSON right-hand rule: exterior counter-clockwise
    try:
        room = Room(id=rid, kind=kind, name=name, rings=[ring], capacity=capacity)
    except ValidationError as exc:
        return EditResult.refused(plan, problem("invalid-polygon", f"room {rid!r}: {exc.errors()[0]['msg']}", rid))
    area = room.geometry.area if room.geometry.is_valid else 0.0
    new_plan = plan.with_feature(room)
    covered = covered_windows(plan, room)
    for wid in covered:
        new_plan = new_plan.without(wid)
    extra = f"; it covers window{'s' if len(covered) > 1 else ''} {', '.join(covered)}, now removed" if covered else ""
    return check_edit(plan, new_plan, f"added {kind.value.replace('_', ' ')} {rid} ({area:.1f} m²){extra}", rid)


def add_rect_room(
    plan: Plan,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    kind: RoomKind | str = RoomKind.meeting_room,
    name: str = "",
    *,
    grid: float | None = DEFAULT_GRID,
    room_id: str | None = None,
    capacity: int | None = None,
) -> EditResult:
    """Add a rectangular room between two opposite corners."""
    (ax, ay), (bx, by) = snap_point((x0, y0), grid), snap_point((x1, y1), grid)
    lo_x, hi_x, lo_y, hi_y = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
    if hi_x - lo_x <= 0 or hi_y - lo_y <= 0:
        rid = room_id or new_id(plan, "room")
        return EditResult.refused(plan, problem("invalid-polygon", f"room {rid!r} would have no area: drag out a rectangle at least one grid step ({grid or 0.001:g} m) wide and deep", rid))
    corners = [(lo_x, lo_y), (hi_x, lo_y), (hi_x, hi_y), (lo_x, hi_y)]
    return add_polygon_room(plan, corners, kind, name, grid=None, room_id=room_id, capacity=capacity)


def set_room(
    plan: Plan,
    room_id: str,
    *,
    kind: RoomKind | str | None = None,
    name: str | None = None,
    capacity: int | None | Literal["keep"] = "keep",
    public: bool | None | Literal["keep"] = "keep",
    height: float | None = None,
    acoustic_finish: AcousticFinish | str | None = None,
    wall_sound_rating: float | None = None,
) -> EditResult:
    """Change a room's kind, name, capacity, public flag, ceiling height, acoustic finish or wall sound rating."""
    room = plan.get(room_id)
    if not isinstance(room, Room):
        return EditResult.refused(plan, problem("unknown-feature", f"there is no room with id {room_id!r}", room_id))
    changes: dict[str, Any] = {}
    if kind is not None:
        try:
            changes["kind"] = RoomKind(kind)
        except ValueError:
            return EditResult.refused(plan, problem("unknown-kind", f"{kind!r} is not a room kind", room_id))
    if name is not None:
        changes["name"] = name
    if capacity != "keep":
        changes["capacity"] = capacity
    if public != "keep":
        changes["public"] = public
    physical = {"height": height, "acoustic_finish": acoustic_finish, "wall_sound_rating": wall_sound_rating}
    changes.update({k: v for k, v in physical.items() if v is not None})
    changes = {k: v for k, v in changes.items() if getattr(room, k) != v}
    if not changes:
        return EditResult.unchanged(plan)
    try:
        updated = evolve(room, **changes)
    except ValidationError as exc:
        return EditResult.refused(plan, problem("invalid-value", f"room {room_id!r}: {exc.errors()[0]['msg']}", room_id))
    what = ", ".join(f"{k} = {_shown(getattr(updated, k))}" for k in changes)
    return check_edit(plan, plan.with_feature(updated), f"room {room_id}: {what}", room_id)


def _shown(value: Any) -> str:
    """A changed value as the edit's message shows it (an enum by its value)."""
    return repr(value.value) if isinstance(value, (RoomKind, AcousticFinish)) else repr(value)
