"""Edit operations on a plan: draw rooms, place doors and windows, move, delete, undo.

Every operation is pure: it takes a ``Plan`` and returns an ``EditResult``
holding the new plan, or, when the edit would make the plan invalid, the
*unchanged* plan and the problems that made it refuse. So an invalid edit can
never destroy the last valid state; the designer sees why and tries again.

Coordinates are snapped to a grid (10 cm by default) before anything is
built, so what a designer draws with a mouse lands on round numbers.

The same operations back the drawing component (``apply_action`` takes its
JSON actions) and the table editor (``apply_rooms_table`` /
``apply_doors_table`` take edited rows).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from shapely.geometry import LineString, Point, Polygon
from shapely.errors import GEOSException
from shapely.validation import explain_validity

from .model import Door, Feature, Furniture, Plan, Room, RoomKind, Window, evolve
from .problems import Problem, errors_only
from .topology import ON_WALL_TOLERANCE, rooms_on_segment
from .validation import validate_plan

__all__ = [
    "DEFAULT_GRID",
    "DEFAULT_DOOR_WIDTH",
    "DEFAULT_WINDOW_WIDTH",
    "EditResult",
    "EditHistory",
    "snap",
    "snap_point",
    "new_id",
    "check_edit",
    "add_rect_room",
    "add_polygon_room",
    "place_door",
    "place_window",
    "move_feature",
    "delete_feature",
    "set_room",
    "update_door",
    "Action",
    "parse_action",
    "apply_action",
    "wall_at",
    "rooms_table",
    "doors_table",
    "apply_rooms_table",
    "apply_doors_table",
    "ROOM_COLUMNS",
    "DOOR_COLUMNS",
]

#: Snap drawn coordinates to 10 cm.
DEFAULT_GRID = 0.1
#: A new door is 1.0 m wide (0.9 m clear leaf plus frame), enough for BR18's 0.77 m.
DEFAULT_DOOR_WIDTH = 1.0
DEFAULT_WINDOW_WIDTH = 1.2
#: Keep a door this far from the corners of its wall.
_CORNER_MARGIN = 0.1
#: Undo depth kept per option.
HISTORY_LIMIT = 50


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class EditResult:
    """The outcome of one edit: the plan to keep and why, if it was refused.

    ``plan`` is the edited plan when ``ok``, else the input plan unchanged.
    ``problems`` holds the errors that made the edit fail (each naming its
    feature); ``warnings`` are kept for display but never block an edit.
    """

    plan: Plan
    ok: bool
    message: str = ""
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    feature_id: str | None = None
    changed: bool = True

    @classmethod
    def refused(cls, plan: Plan, *problems: Problem) -> EditResult:
        return cls(plan=plan, ok=False, message=problems[0].message if problems else "edit refused",
                   problems=tuple(problems), changed=False)

    @classmethod
    def unchanged(cls, plan: Plan, message: str = "nothing changed") -> EditResult:
        return cls(plan=plan, ok=True, message=message, changed=False)


def _problem(code: str, message: str, feature_id: str | None = None) -> Problem:
    return Problem(code=code, message=message, feature_id=feature_id)


def check_edit(before: Plan, after: Plan, message: str, feature_id: str | None = None) -> EditResult:
    """Accept ``after`` unless it has errors that ``before`` did not have.

    Comparing with the plan before the edit (by problem code and feature)
    lets a designer keep working on an imported plan that already had a
    problem, while any edit that adds a new one is refused.
    """
    old = {(p.code, p.feature_id) for p in errors_only(_validate(before))}
    problems = _validate(after)
    new_errors = [p for p in errors_only(problems) if (p.code, p.feature_id) not in old]
    if new_errors:
        return EditResult(plan=before, ok=False, message=f"refused: {new_errors[0]}",
                          problems=tuple(new_errors), changed=False, feature_id=feature_id)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return EditResult(plan=after, ok=True, message=message, warnings=warnings, feature_id=feature_id)


def _validate(plan: Plan) -> list[Problem]:
    """validate_plan, plus the polygon checks first so broken rings never reach GEOS overlays."""
    broken = [
        _problem("self-intersection" if "elf-intersection" in (why := explain_validity(r.geometry)) else "invalid-polygon",
                 f"room {r.label!r} is not a valid polygon: {why.lower()}", r.id)
        for r in plan.rooms
        if not r.geometry.is_valid
    ]
    if broken:
        return broken
    try:
        return validate_plan(plan)
    except GEOSException as exc:  # a geometry GEOS cannot handle must not become a traceback
        return [_problem("invalid-geometry", f"the plan's geometry cannot be processed: {exc}")]


# --------------------------------------------------------------------------- snapping and ids


def snap(value: float, grid: float | None = DEFAULT_GRID) -> float:
    """The value rounded to the nearest grid line (no snapping for a grid of 0 or None)."""
    if not math.isfinite(value):
        raise ValueError(f"coordinate {value!r} is not a finite number")
    if grid:
        value = round(value / grid) * grid
    return round(value, 3) + 0.0


def snap_point(point: Sequence[float], grid: float | None = DEFAULT_GRID) -> tuple[float, float]:
    return (snap(float(point[0]), grid), snap(float(point[1]), grid))


_PREFIX = {"room": "r", "door": "d", "window": "w", "opening": "o", "furniture": "f"}


def new_id(plan: Plan, feature: str, taken: Iterable[str] = ()) -> str:
    """A fresh id like ``r31``: the prefix of the kind, one above the highest number in use."""
    prefix = _PREFIX.get(feature, feature[:1])
    used = set(plan.by_id) | set(taken)
    numbers = [int(m.group(1)) for fid in used if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", fid))]
    n = max(numbers, default=0) + 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


# --------------------------------------------------------------------------- rooms


def _ring(points: Sequence[Sequence[float]], grid: float | None) -> list[tuple[float, float]]:
    ring = [snap_point(p, grid) for p in points]
    # drop consecutive duplicates that snapping may create, then close
    cleaned: list[tuple[float, float]] = []
    for p in ring:
        if not cleaned or cleaned[-1] != p:
            cleaned.append(p)
    if len(cleaned) > 1 and cleaned[0] == cleaned[-1]:
        cleaned.pop()
    return [*cleaned, cleaned[0]] if cleaned else []


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
        ring = _ring(points, grid)
    except (TypeError, ValueError, IndexError) as exc:
        return EditResult.refused(plan, _problem("invalid-polygon", f"the new room's corners are not numbers: {exc}"))
    rid = room_id or new_id(plan, "room")
    if len(ring) < 4:
        return EditResult.refused(plan, _problem("invalid-polygon", f"room {rid!r} needs at least 3 distinct corners on the {grid or 0:g} m grid, got {max(len(ring) - 1, 0)}", rid))
    if rid in plan.by_id:
        return EditResult.refused(plan, _problem("duplicate-id", f"the id {rid!r} is already used", rid))
    try:
        kind = RoomKind(kind)
    except ValueError:
        return EditResult.refused(plan, _problem("unknown-kind", f"{kind!r} is not a room kind (one of {', '.join(k.value for k in RoomKind)})", rid))
    polygon = Polygon(ring)
    if polygon.is_valid and polygon.exterior.is_ccw is False:
        ring = list(reversed(ring))  # GeoJSON right-hand rule: exterior counter-clockwise
    try:
        room = Room(id=rid, kind=kind, name=name, rings=[ring], capacity=capacity)
    except ValidationError as exc:
        return EditResult.refused(plan, _problem("invalid-polygon", f"room {rid!r}: {exc.errors()[0]['msg']}", rid))
    area = room.geometry.area if room.geometry.is_valid else 0.0
    new_plan = plan.with_feature(room)
    covered = _covered_windows(plan, room)
    for wid in covered:
        new_plan = new_plan.without(wid)
    extra = f"; it covers window{'s' if len(covered) > 1 else ''} {', '.join(covered)}, now removed" if covered else ""
    return check_edit(plan, new_plan, f"added {kind.value.replace('_', ' ')} {rid} ({area:.1f} m²){extra}", rid)


def _covered_windows(plan: Plan, room: Room) -> list[str]:
    """Windows of the plan that a new room built against the outside wall would cover."""
    if not room.geometry.is_valid:
        return []
    near = room.geometry.buffer(ON_WALL_TOLERANCE)
    return [w.id for w in plan.windows if w.geometry.intersection(near).length > ON_WALL_TOLERANCE]


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
        return EditResult.refused(plan, _problem("invalid-polygon", f"room {rid!r} would have no area: drag out a rectangle at least one grid step ({grid or 0.001:g} m) wide and deep", rid))
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
) -> EditResult:
    """Change a room's kind, name, capacity or public flag."""
    room = plan.get(room_id)
    if not isinstance(room, Room):
        return EditResult.refused(plan, _problem("unknown-feature", f"there is no room with id {room_id!r}", room_id))
    changes: dict[str, Any] = {}
    if kind is not None:
        try:
            changes["kind"] = RoomKind(kind)
        except ValueError:
            return EditResult.refused(plan, _problem("unknown-kind", f"{kind!r} is not a room kind", room_id))
    if name is not None:
        changes["name"] = name
    if capacity != "keep":
        changes["capacity"] = capacity
    if public != "keep":
        changes["public"] = public
    changes = {k: v for k, v in changes.items() if getattr(room, k) != v}
    if not changes:
        return EditResult.unchanged(plan)
    try:
        updated = evolve(room, **changes)
    except ValidationError as exc:
        return EditResult.refused(plan, _problem("invalid-value", f"room {room_id!r}: {exc.errors()[0]['msg']}", room_id))
    what = ", ".join(f"{k} = {getattr(updated, k).value if k == 'kind' else getattr(updated, k)!r}" for k in changes)
    return check_edit(plan, plan.with_feature(updated), f"room {room_id}: {what}", room_id)


# --------------------------------------------------------------------------- walls, doors, windows


@dataclass(frozen=True)
class Wall:
    """A straight stretch of wall with the same room(s) on it: where a door or window may sit."""

    start: tuple[float, float]
    end: tuple[float, float]
    rooms: tuple[str, ...]

    @property
    def line(self) -> LineString:
        return LineString([self.start, self.end])

    @property
    def is_exterior(self) -> bool:
        return len(self.rooms) == 1


def _edges(room: Room) -> list[LineString]:
    ring = room.rings[0]
    return [LineString([ring[i], ring[i + 1]]) for i in range(len(ring) - 1) if ring[i] != ring[i + 1]]


def wall_at(plan: Plan, x: float, y: float, *, exterior_only: bool = False, max_distance: float = 2.0) -> Wall | None:
    """The wall nearest the point: the stretch of one room edge that has the same neighbour all along.

    A room edge can face several rooms (a corridor wall) or partly the
    outside; the stretch returned is the part around the point's projection
    that faces the same room(s) as the projection itself, so a door placed
    within it joins exactly those rooms.
    """
    point = Point(x, y)
    best: tuple[float, Room, LineString] | None = None
    for room in plan.rooms:
        if not room.geometry.is_valid:
            continue
        for edge in _edges(room):
            d = edge.distance(point)
            if d <= max_distance and (best is None or d < best[0] - 1e-9):
                best = (d, room, edge)
    if best is None:
        return None
    _, owner, edge = best
    t = edge.project(point)
    lo, hi = 0.0, edge.length
    neighbours: list[str] = []
    for other in plan.rooms:
        if other.id == owner.id or not other.geometry.is_valid:
            continue
        if other.geometry.distance(edge) > ON_WALL_TOLERANCE:
            continue
        shared = edge.intersection(other.geometry.boundary.buffer(ON_WALL_TOLERANCE))
        for piece in getattr(shared, "geoms", [shared]):
            if piece.is_empty or piece.length < ON_WALL_TOLERANCE:
                continue
            a, b = sorted(edge.project(Point(c)) for c in (piece.coords[0], piece.coords[-1]))
            # the buffer reaches round a neighbour's corner: trim it back so touching
            # corners do not count as a shared wall
            if a > 1e-6:
                a += ON_WALL_TOLERANCE
            if b < edge.length - 1e-6:
                b -= ON_WALL_TOLERANCE
            if b - a < ON_WALL_TOLERANCE:
                continue
            if a - 1e-6 <= t <= b + 1e-6:
                neighbours.append(other.id)
                lo, hi = max(lo, a), min(hi, b)
            elif b < t:
                lo = max(lo, b)
            else:
                hi = min(hi, a)
    if exterior_only and neighbours:
        return None
    start, end = edge.interpolate(lo), edge.interpolate(hi)
    return Wall(start=(start.x, start.y), end=(end.x, end.y), rooms=(owner.id, *neighbours))


def _segment_on_wall(wall: Wall, x: float, y: float, width: float, grid: float | None) -> tuple[tuple[float, float], tuple[float, float]] | Problem:
    line = wall.line
    length = line.length
    usable = length - 2 * _CORNER_MARGIN
    if usable < 0.3:
        return _problem("wall-too-short", f"that wall is only {length:.2f} m long: too short for an opening")
    width = min(width, usable)
    sx, sy = snap_point((x, y), grid)
    t = line.project(Point(sx, sy))
    t = min(max(t, _CORNER_MARGIN + width / 2), length - _CORNER_MARGIN - width / 2)
    a, b = line.interpolate(t - width / 2), line.interpolate(t + width / 2)
    return (round(a.x, 3), round(a.y, 3)), (round(b.x, 3), round(b.y, 3))


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
        return EditResult.refused(plan, _problem("door-off-wall", f"there is no wall within 2 m of ({x:.2f}, {y:.2f}); click on a wall to place a door"))
    segment = _segment_on_wall(wall, x, y, width, grid)
    if isinstance(segment, Problem):
        return EditResult.refused(plan, segment)
    did = door_id or new_id(plan, "door")
    length = math.dist(*segment)
    try:
        door = Door(id=did, points=list(segment), clear_width=min(clear_width, length) if clear_width else None,
                    entrance=entrance and wall.is_exterior, automatic=automatic, threshold_mm=threshold_mm)
    except ValidationError as exc:
        return EditResult.refused(plan, _problem("invalid-door", f"door {did!r}: {exc.errors()[0]['msg']}", did))
    between = " and ".join(plan.room(r).label for r in wall.rooms) if len(wall.rooms) == 2 else f"{plan.room(wall.rooms[0]).label} (outside wall)"
    return check_edit(plan, plan.with_feature(door), f"placed door {did} ({length:.2f} m) on the wall of {between}", did)


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
        return EditResult.refused(plan, _problem("window-off-wall", f"there is no outside wall near ({x:.2f}, {y:.2f}); windows go on the building's outside walls"))
    segment = _segment_on_wall(wall, x, y, width, grid)
    if isinstance(segment, Problem):
        return EditResult.refused(plan, segment)
    wid = window_id or new_id(plan, "window")
    try:
        window = Window(id=wid, points=list(segment), view=view)
    except ValidationError as exc:
        return EditResult.refused(plan, _problem("invalid-window", f"window {wid!r}: {exc.errors()[0]['msg']}", wid))
    return check_edit(plan, plan.with_feature(window), f"placed window {wid} on the outside wall of {plan.room(wall.rooms[0]).label}", wid)


def update_door(plan: Plan, door_id: str, **changes: Any) -> EditResult:
    """Change a door's properties (clear_width, threshold_mm, entrance, automatic, points)."""
    door = plan.get(door_id)
    if not isinstance(door, Door):
        return EditResult.refused(plan, _problem("unknown-feature", f"there is no door with id {door_id!r}", door_id))
    changes = {k: v for k, v in changes.items() if getattr(door, k) != v}
    if not changes:
        return EditResult.unchanged(plan)
    try:
        updated = evolve(door, **changes)
    except ValidationError as exc:
        return EditResult.refused(plan, _problem("invalid-value", f"door {door_id!r}: {exc.errors()[0]['msg']}", door_id))
    return check_edit(plan, plan.with_feature(updated), f"door {door_id}: changed {', '.join(changes)}", door_id)


# --------------------------------------------------------------------------- move and delete


def _translate_rings(rings: list, dx: float, dy: float) -> list:
    return [[(x + dx, y + dy) for x, y in ring] for ring in rings]


def _attached(plan: Plan, room: Room) -> list[Feature]:
    """Doors, openings and windows on the room's walls, and furniture inside it."""
    attached: list[Feature] = []
    for f in (*plan.doors, *plan.openings, *plan.windows):
        if any(r.id == room.id for r in rooms_on_segment(plan, f.geometry)):
            attached.append(f)
    inside = room.geometry.buffer(ON_WALL_TOLERANCE)
    attached += [f for f in plan.furniture if inside.covers(f.geometry)]
    return attached


def move_feature(plan: Plan, feature_id: str, dx: float, dy: float, *, grid: float | None = DEFAULT_GRID) -> EditResult:
    """Move a feature by (dx, dy), snapped to the grid.

    A room takes its doors, windows and furniture with it. A door or window
    slides to the wall nearest its new middle, keeping its width.
    """
    feature = plan.get(feature_id)
    if feature is None:
        return EditResult.refused(plan, _problem("unknown-feature", f"there is no feature with id {feature_id!r}", feature_id))
    try:
        dx, dy = snap(float(dx), grid), snap(float(dy), grid)
    except (TypeError, ValueError):
        return EditResult.refused(plan, _problem("invalid-value", f"move by ({dx!r}, {dy!r}) is not a pair of numbers", feature_id))
    if dx == 0 and dy == 0:
        return EditResult.unchanged(plan, f"{feature_id} did not move (less than half a grid step)")
    if isinstance(feature, (Door, Window)):
        mid = feature.midpoint
        width = feature.length
        tentative = plan.without(feature_id)
        if isinstance(feature, Door):
            result = place_door(tentative, mid.x + dx, mid.y + dy, width=width, clear_width=feature.clear_width,
                                entrance=feature.entrance, automatic=feature.automatic, threshold_mm=feature.threshold_mm,
                                grid=None, door_id=feature_id)
        else:
            result = place_window(tentative, mid.x + dx, mid.y + dy, width=width, view=feature.view.value if feature.view else None,
                                  grid=None, window_id=feature_id)
        if not result.ok:
            return EditResult(plan=plan, ok=False, message=result.message, problems=result.problems, changed=False, feature_id=feature_id)
        moved = result.plan.get(feature_id)
        # keep the plan's feature order: replace in place
        return check_edit(plan, plan.with_feature(evolve(feature, points=moved.points)), f"moved {feature.feature} {feature_id}", feature_id)
    updated: list[Feature] = []
    covered: list[str] = []
    if isinstance(feature, Room):
        moved_room = evolve(feature, rings=_translate_rings(feature.rings, dx, dy))
        updated.append(moved_room)
        attached = _attached(plan, feature)
        for f in attached:
            updated.append(_translated(f, dx, dy))
        carried = {f.id for f in attached}
        covered = [w for w in _covered_windows(plan.without(feature_id), moved_room) if w not in carried]
    else:
        updated.append(_translated(feature, dx, dy))
    new_plan = plan
    for f in updated:
        new_plan = new_plan.with_feature(f)
    for wid in covered:
        new_plan = new_plan.without(wid)
    extra = f"; it now covers window{'s' if len(covered) > 1 else ''} {', '.join(covered)}, removed" if covered else ""
    return check_edit(plan, new_plan, f"moved {feature.feature} {feature_id} by ({dx:g}, {dy:g}) m{extra}", feature_id)


def _translated(feature: Feature, dx: float, dy: float) -> Feature:
    if isinstance(feature, Room):
        return evolve(feature, rings=_translate_rings(feature.rings, dx, dy))
    if isinstance(feature, Furniture):
        if feature.point is not None:
            return evolve(feature, point=(feature.point[0] + dx, feature.point[1] + dy))
        return evolve(feature, rings=_translate_rings(feature.rings or [], dx, dy))
    return evolve(feature, points=[(x + dx, y + dy) for x, y in feature.points])


def delete_feature(plan: Plan, feature_id: str) -> EditResult:
    """Delete a feature. Deleting a room also deletes the doors, windows and furniture that belong to it."""
    feature = plan.get(feature_id)
    if feature is None:
        return EditResult.refused(plan, _problem("unknown-feature", f"there is no feature with id {feature_id!r}", feature_id))
    removed = [feature_id]
    new_plan = plan.without(feature_id)
    if isinstance(feature, Room):
        if len(plan.rooms) == 1:
            return EditResult.refused(plan, _problem("no-rooms", "the last room cannot be deleted", feature_id))
        for f in _attached(plan, feature):
            new_plan = new_plan.without(f.id)  # a door or window on a deleted room's wall opens onto nothing
            removed.append(f.id)
    extra = f" (and {', '.join(removed[1:])})" if len(removed) > 1 else ""
    return check_edit(plan, new_plan, f"deleted {feature.feature} {feature_id}{extra}", feature_id)


# --------------------------------------------------------------------------- component actions


class _ActionBase(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    seq: int | str | None = None


class AddRoom(_ActionBase):
    op: Literal["add_room"]
    rings: list[list[tuple[float, float]]] = Field(min_length=1)
    kind: str = RoomKind.meeting_room.value
    name: str = ""


class AddRect(_ActionBase):
    op: Literal["add_rect"]
    x0: float
    y0: float
    x1: float
    y1: float
    kind: str = RoomKind.meeting_room.value
    name: str = ""


class PlaceDoor(_ActionBase):
    op: Literal["place_door"]
    x: float
    y: float
    width: float = DEFAULT_DOOR_WIDTH
    entrance: bool = False


class PlaceWindow(_ActionBase):
    op: Literal["place_window"]
    x: float
    y: float
    width: float = DEFAULT_WINDOW_WIDTH


class Move(_ActionBase):
    op: Literal["move"]
    id: str
    dx: float
    dy: float


class Delete(_ActionBase):
    op: Literal["delete"]
    id: str


class Select(_ActionBase):
    op: Literal["select"]
    id: str | None = None


class Click(_ActionBase):
    op: Literal["click"]
    x: float
    y: float


Action = Annotated[AddRoom | AddRect | PlaceDoor | PlaceWindow | Move | Delete | Select | Click, Field(discriminator="op")]
_ACTION = TypeAdapter(Action)


def parse_action(raw: Any) -> Action | Problem:
    """The component's JSON action as a typed model, or a problem saying what is wrong with it."""
    try:
        return _ACTION.validate_python(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return _problem("bad-action", f"the drawing tool sent an action that cannot be used ({where}: {err['msg']})")


def apply_action(plan: Plan, raw: Any, *, grid: float | None = DEFAULT_GRID, kind: str | None = None) -> EditResult:
    """Apply one edit action from the drawing component.

    ``select`` and ``click`` do not change the plan; they come back as an
    unchanged result whose ``feature_id`` (select) is the chosen feature.
    ``kind`` overrides the kind of a drawn room (the page's kind picker).
    """
    action = parse_action(raw)
    if isinstance(action, Problem):
        return EditResult.refused(plan, action)
    match action:
        case AddRoom():
            return add_polygon_room(plan, action.rings[0], kind or action.kind, action.name, grid=grid)
        case AddRect():
            return add_rect_room(plan, action.x0, action.y0, action.x1, action.y1, kind or action.kind, action.name, grid=grid)
        case PlaceDoor():
            return place_door(plan, action.x, action.y, width=action.width, entrance=action.entrance, grid=grid)
        case PlaceWindow():
            return place_window(plan, action.x, action.y, width=action.width, grid=grid)
        case Move():
            return move_feature(plan, action.id, action.dx, action.dy, grid=grid)
        case Delete():
            return delete_feature(plan, action.id)
        case Select():
            return EditResult(plan=plan, ok=True, message=f"selected {action.id}" if action.id else "", feature_id=action.id, changed=False)
        case Click():
            return EditResult(plan=plan, ok=True, message=f"point ({action.x:.1f}, {action.y:.1f})", changed=False)
    return EditResult.refused(plan, _problem("bad-action", f"unknown action {raw!r}"))  # pragma: no cover


# --------------------------------------------------------------------------- history


@dataclass
class EditHistory:
    """Undo/redo over whole plans (plans are immutable, so a snapshot is a reference).

    ``present`` is always a plan that was accepted; a refused edit never
    reaches the history.
    """

    present: Plan
    past: list[Plan] = field(default_factory=list)
    future: list[Plan] = field(default_factory=list)
    limit: int = HISTORY_LIMIT

    def push(self, plan: Plan) -> None:
        if plan is self.present:
            return
        self.past.append(self.present)
        del self.past[: max(0, len(self.past) - self.limit)]
        self.present = plan
        self.future.clear()

    def apply(self, result: EditResult) -> EditResult:
        """Record an accepted, changing edit; ignore the rest."""
        if result.ok and result.changed:
            self.push(result.plan)
        return result

    @property
    def can_undo(self) -> bool:
        return bool(self.past)

    @property
    def can_redo(self) -> bool:
        return bool(self.future)

    def undo(self) -> Plan:
        if self.past:
            self.future.append(self.present)
            self.present = self.past.pop()
        return self.present

    def redo(self) -> Plan:
        if self.future:
            self.past.append(self.present)
            self.present = self.future.pop()
        return self.present


# --------------------------------------------------------------------------- table editing

ROOM_COLUMNS = ("id", "kind", "name", "capacity", "public", "x0", "y0", "x1", "y1", "coords", "area")
DOOR_COLUMNS = ("id", "x1", "y1", "x2", "y2", "clear_width", "threshold_mm", "entrance", "automatic")


def _rect_of(room: Room) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) when the room is an axis-aligned rectangle without holes."""
    if len(room.rings) != 1:
        return None
    geom = room.geometry
    minx, miny, maxx, maxy = geom.bounds
    if abs(geom.area - (maxx - minx) * (maxy - miny)) > 1e-6:
        return None
    return (minx, miny, maxx, maxy)


def format_coords(ring: Sequence[Sequence[float]]) -> str:
    """A ring as ``x y; x y; ...`` without the closing point (what the table shows)."""
    points = list(ring)[:-1] if len(ring) > 1 and tuple(ring[0]) == tuple(ring[-1]) else list(ring)
    return "; ".join(f"{x:g} {y:g}" for x, y in points)


def parse_coords(text: str) -> list[tuple[float, float]]:
    """``x y; x y; ...`` (also ``x,y x,y`` or a WKT POLYGON) as a list of points."""
    text = text.strip()
    if text.upper().startswith("POLYGON"):
        inner = text[text.index("(") :].strip("() ")
        text = inner.split(")")[0].strip("( ")
        pairs = [p.split() for p in text.split(",")]
    elif ";" in text:
        pairs = [p.replace(",", " ").split() for p in text.split(";")]
    else:
        pairs = [p.split(",") for p in text.split()]
    points = []
    for pair in pairs:
        if not pair or all(not s.strip() for s in pair):
            continue
        if len(pair) != 2:
            raise ValueError(f"{' '.join(pair)!r} is not an 'x y' pair")
        points.append((float(pair[0]), float(pair[1])))
    return points


def rooms_table(plan: Plan) -> list[dict[str, Any]]:
    """One row per room: the editable fields, rectangle corners where it is one, else its coordinates."""
    rows = []
    for room in plan.rooms:
        rect = _rect_of(room)
        rows.append({
            "id": room.id,
            "kind": room.kind.value,
            "name": room.name,
            "capacity": room.capacity,
            "public": room.is_public,
            "x0": rect[0] if rect else None,
            "y0": rect[1] if rect else None,
            "x1": rect[2] if rect else None,
            "y1": rect[3] if rect else None,
            "coords": format_coords(room.rings[0]),
            "area": round(room.geometry.area, 2),
        })
    return rows


def doors_table(plan: Plan) -> list[dict[str, Any]]:
    """One row per door with its end points and properties."""
    return [
        {
            "id": d.id,
            "x1": d.points[0][0], "y1": d.points[0][1], "x2": d.points[1][0], "y2": d.points[1][1],
            "clear_width": d.clear_width, "threshold_mm": d.threshold_mm,
            "entrance": d.entrance, "automatic": d.automatic,
        }
        for d in plan.doors
    ]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _number(row: Mapping[str, Any], key: str, label: str, problems: list[Problem], fid: str | None) -> float | None:
    value = row.get(key)
    if _missing(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        problems.append(_problem("invalid-value", f"{label}: {key} = {value!r} is not a number", fid))
        return None
    if not math.isfinite(number):
        problems.append(_problem("invalid-value", f"{label}: {key} = {value!r} is not a finite number", fid))
        return None
    return number


def _flag(value: Any, default: bool) -> bool:
    if _missing(value):
        return default
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1", "ja", "x"}
    return bool(value)


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 5e-4)


def apply_rooms_table(plan: Plan, rows: Sequence[Mapping[str, Any]], *, grid: float | None = None) -> EditResult:
    """Rebuild the plan's rooms from edited table rows.

    Changed rectangle corners (x0..y1) reshape a room as that rectangle;
    otherwise changed ``coords`` reshape it as that polygon; unchanged
    geometry keeps the original rings (holes included). A row without an id
    is a new room; a room whose row is gone is deleted with its doors and
    windows. Precise numbers are kept unless a ``grid`` is given.
    """
    problems: list[Problem] = []
    old = {r.id: r for r in plan.rooms}
    old_rows = {row["id"]: row for row in rooms_table(plan)}
    rooms: list[Room] = []
    seen: set[str] = set()
    taken: set[str] = set()
    for index, row in enumerate(rows, start=1):
        rid = None if _missing(row.get("id")) else str(row["id"]).strip()
        label = f"row {index}" + (f" ({rid})" if rid else "")
        if rid is None:
            rid = new_id(plan, "room", taken | seen)
        if rid in seen:
            problems.append(_problem("duplicate-id", f"{label}: the id {rid!r} appears twice in the table", rid))
            continue
        seen.add(rid)
        taken.add(rid)
        original = old.get(rid)
        before = old_rows.get(rid, {})
        kind_value = row.get("kind")
        if _missing(kind_value):
            if original is None:
                problems.append(_problem("unknown-kind", f"{label}: a new room needs a kind", rid))
                continue
            kind = original.kind
        else:
            try:
                kind = RoomKind(str(kind_value).strip())
            except ValueError:
                problems.append(_problem("unknown-kind", f"{label}: {kind_value!r} is not a room kind", rid))
                continue
        corners = [_number(row, k, label, problems, rid) for k in ("x0", "y0", "x1", "y1")]
        rect_changed = original is None or not all(_same(c, before.get(k)) for c, k in zip(corners, ("x0", "y0", "x1", "y1")))
        coords_text = row.get("coords")
        coords_changed = not _missing(coords_text) and (original is None or str(coords_text).strip() != before.get("coords"))
        rings: list | None = None
        if rect_changed and all(c is not None for c in corners):
            x0, y0, x1, y1 = (snap(c, grid) for c in corners)  # type: ignore[arg-type]
            if x1 <= x0 or y1 <= y0:
                problems.append(_problem("invalid-polygon", f"{label}: the rectangle needs x1 > x0 and y1 > y0 (got {x0:g}..{x1:g} × {y0:g}..{y1:g})", rid))
                continue
            rings = [[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]
        elif coords_changed:
            try:
                points = parse_coords(str(coords_text))
            except ValueError as exc:
                problems.append(_problem("invalid-polygon", f"{label}: coords {exc}", rid))
                continue
            ring = _ring(points, grid)
            if len(ring) < 4:
                problems.append(_problem("invalid-polygon", f"{label}: a room needs at least 3 corners, got {max(len(ring) - 1, 0)}", rid))
                continue
            rings = [ring]
        elif original is not None:
            rings = original.rings
        else:
            problems.append(_problem("invalid-polygon", f"{label}: give the new room x0, y0, x1, y1 or coords", rid))
            continue
        capacity_number = _number(row, "capacity", label, problems, rid)
        capacity = None if capacity_number is None else int(capacity_number)
        if capacity is not None and capacity < 0:
            problems.append(_problem("invalid-value", f"{label}: capacity cannot be negative", rid))
            continue
        name = "" if _missing(row.get("name")) else str(row["name"])
        public_default = original.is_public if original else (kind not in {RoomKind.staff_room, RoomKind.storage, RoomKind.open_office})
        public = _flag(row.get("public"), public_default)
        by_kind = kind not in {RoomKind.staff_room, RoomKind.storage, RoomKind.open_office}
        public_field = None if (public == by_kind and (original is None or original.public is None)) else public
        data = {"id": rid, "kind": kind, "name": name, "capacity": capacity, "public": public_field, "rings": rings}
        try:
            if original is not None:
                room = evolve(original, **data)
            else:
                room = Room(**data)
        except ValidationError as exc:
            err = exc.errors()[0]
            problems.append(_problem("invalid-polygon", f"{label}: {err['msg']}", rid))
            continue
        rooms.append(room)
    if problems:
        return EditResult.refused(plan, *problems)
    new_plan = plan.replace(rooms=tuple(rooms))
    removed = [rid for rid in old if rid not in seen]
    for rid in removed:
        for f in _attached(plan, old[rid]):
            new_plan = new_plan.without(f.id)
    changed = [r.id for r in rooms if old.get(r.id) is None or old[r.id] != r]
    if not changed and not removed:
        return EditResult.unchanged(plan)
    parts = []
    if changed:
        parts.append(f"changed {', '.join(changed)}")
    if removed:
        parts.append(f"removed {', '.join(removed)}")
    return check_edit(plan, new_plan, "rooms: " + "; ".join(parts), changed[0] if changed else None)


def apply_doors_table(plan: Plan, rows: Sequence[Mapping[str, Any]], *, grid: float | None = None) -> EditResult:
    """Rebuild the plan's doors from edited table rows (a row without an id is a new door)."""
    problems: list[Problem] = []
    old = {d.id: d for d in plan.doors}
    doors: list[Door] = []
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        did = None if _missing(row.get("id")) else str(row["id"]).strip()
        label = f"door row {index}" + (f" ({did})" if did else "")
        if did is None:
            did = new_id(plan, "door", seen)
        if did in seen:
            problems.append(_problem("duplicate-id", f"{label}: the id {did!r} appears twice in the table", did))
            continue
        seen.add(did)
        coords = [_number(row, k, label, problems, did) for k in ("x1", "y1", "x2", "y2")]
        if any(c is None for c in coords):
            if not any(p.feature_id == did for p in problems):
                problems.append(_problem("invalid-door", f"{label}: a door needs both end points x1, y1, x2, y2", did))
            continue
        x1, y1, x2, y2 = (snap(c, grid) for c in coords)  # type: ignore[arg-type]
        clear = _number(row, "clear_width", label, problems, did)
        threshold = _number(row, "threshold_mm", label, problems, did)
        original = old.get(did)
        data = {
            "id": did,
            "points": [(x1, y1), (x2, y2)],
            "clear_width": clear,
            "threshold_mm": threshold if threshold is not None else 0.0,
            "entrance": _flag(row.get("entrance"), False),
            "automatic": _flag(row.get("automatic"), False),
        }
        try:
            doors.append(evolve(original, **data) if original is not None else Door(**data))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            problems.append(_problem("invalid-door", f"{label}: {where + ': ' if where else ''}{err['msg']}", did))
    if problems:
        return EditResult.refused(plan, *problems)
    changed = [d.id for d in doors if old.get(d.id) != d]
    removed = [did for did in old if did not in seen]
    if not changed and not removed:
        return EditResult.unchanged(plan)
    parts = ([f"changed {', '.join(changed)}"] if changed else []) + ([f"removed {', '.join(removed)}"] if removed else [])
    return check_edit(plan, plan.replace(doors=tuple(doors)), "doors: " + "; ".join(parts), changed[0] if changed else None)

