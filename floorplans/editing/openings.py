"""Placing doors and windows on walls, and changing a door's properties."""

from __future__ import annotations

import math
from typing import Any

from pydantic import ValidationError

from ..model import Door, Plan, Window, evolve
from ..problems import Problem
from .grid import DEFAULT_GRID, new_id
from .result import EditResult, check_edit, problem
from .walls import segment_on_wall, wall_at
from .wording import sentence

__all__ = ["DEFAULT_DOOR_WIDTH", "DEFAULT_WINDOW_WIDTH", "place_door", "place_window", "update_door", "update_window"]

#: A new door is 1.0 m wide (0.9 m clear leaf plus frame), enough for BR18's 0.77 m.
DEFAULT_DOOR_WIDTH = 1.0
DEFAULT_WINDOW_WIDTH = 1.2


def place_door(
    plan: Plan,
    x: float,
    y: float,
    *,
    width: float = DEFAULT_DOOR_WIDTH,
    clear_width: float | None = None,
    entrance: bool = False,
    automatic: bool = False,
    threshold_mm: float = 0.0,
    grid: float | None = DEFAULT_GRID,
    door_id: str | None = None,
) -> EditResult:
    """Put a door on the wall nearest the point, centred where the point projects onto it."""
    wall = wall_at(plan, x, y)
    if wall is None:
        return EditResult.refused(plan, problem("door-off-wall", f"there is no wall within 2 m of ({x:.2f}, {y:.2f}); click on a wall to place a door"))
    segment = segment_on_wall(wall, x, y, width, grid)
    if isinstance(segment, Problem):
        return EditResult.refused(plan, segment)
    did = door_id or new_id(plan, "door")
    length = math.dist(*segment)
    try:
        door = Door(id=did, points=list(segment), clear_width=min(clear_width, length) if clear_width else None,
                    entrance=entrance and wall.is_exterior, automatic=automatic, threshold_mm=threshold_mm)
    except ValidationError as exc:
        return EditResult.refused(plan, problem("invalid-door", f"door {did!r}: {exc.errors()[0]['msg']}", did))
    where = (f"between {plan.room(wall.rooms[0]).label} and {plan.room(wall.rooms[1]).label}" if len(wall.rooms) == 2
             else f"of {plan.room(wall.rooms[0]).label}, an outside wall")
    return check_edit(plan, plan.with_feature(door), sentence(f"placed a {length:.2f} m door ({did}) in the wall {where}"), did)


def place_window(
    plan: Plan,
    x: float,
    y: float,
    *,
    width: float = DEFAULT_WINDOW_WIDTH,
    view: str | None = None,
    grid: float | None = DEFAULT_GRID,
    window_id: str | None = None,
) -> EditResult:
    """Put a window on the outside wall nearest the point."""
    wall = wall_at(plan, x, y)
    if wall is None or not wall.is_exterior:
        return EditResult.refused(plan, problem("window-off-wall", f"there is no outside wall near ({x:.2f}, {y:.2f}); windows go on the building's outside walls"))
    segment = segment_on_wall(wall, x, y, width, grid)
    if isinstance(segment, Problem):
        return EditResult.refused(plan, segment)
    wid = window_id or new_id(plan, "window")
    try:
        window = Window.model_validate({"id": wid, "points": list(segment), "view": view})
    except ValidationError as exc:
        return EditResult.refused(plan, problem("invalid-window", f"window {wid!r}: {exc.errors()[0]['msg']}", wid))
    return check_edit(plan, plan.with_feature(window), sentence(f"placed a window ({wid}) in the outside wall of {plan.room(wall.rooms[0]).label}"), wid)


def update_door(plan: Plan, door_id: str, **changes: Any) -> EditResult:
    """Change a door's properties (clear_width, threshold_mm, entrance, automatic, points)."""
    door = plan.get(door_id)
    if not isinstance(door, Door):
        return EditResult.refused(plan, problem("unknown-feature", f"there is no door with id {door_id!r}", door_id))
    changes = {k: v for k, v in changes.items() if getattr(door, k) != v}
    if not changes:
        return EditResult.unchanged(plan)
    try:
        updated = evolve(door, **changes)
    except ValidationError as exc:
        return EditResult.refused(plan, problem("invalid-value", f"door {door_id!r}: {exc.errors()[0]['msg']}", door_id))
    return check_edit(plan, plan.with_feature(updated), sentence(f"changed the {_listed(changes)} of door {door_id}"), door_id)


def update_window(plan: Plan, window_id: str, **changes: Any) -> EditResult:
    """Change a window's properties (view, sill, head, light_transmittance, points)."""
    window = plan.get(window_id)
    if not isinstance(window, Window):
        return EditResult.refused(plan, problem("unknown-feature", f"there is no window with id {window_id!r}", window_id))
    changes = {k: v for k, v in changes.items() if getattr(window, k) != v}
    if not changes:
        return EditResult.unchanged(plan)
    try:
        updated = evolve(window, **changes)
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        return EditResult.refused(plan, problem("invalid-value", f"window {window_id!r}: {message}", window_id))
    return check_edit(plan, plan.with_feature(updated), sentence(f"changed the {_listed(changes)} of window {window_id}"), window_id)


def _listed(changes: dict[str, Any]) -> str:
    """'clear width and threshold': the changed fields in words."""
    words = [name.replace("_", " ").replace("mm", "(mm)") for name in changes]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
