"""Splitting a room in two along a drawn line: how a nook or a conversation room is carved out of an open office.

The line is extended to the room's walls (the straight cut through the room
that the drawn line lies on), the room is cut there (``shapely.ops.split``),
and a door is put in the middle of the new wall so both parts stay
reachable. The larger part keeps the room's id, name and kind; the smaller
part is a new room of the chosen kind. Doors, windows and furniture are not
reassigned: rooms own them by where they lie, so each goes with its part.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from shapely import affinity
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.polygon import orient
from shapely.ops import split

from ..kinds import kind_label, kind_noun
from ..model import Door, Opening, Plan, Room, RoomKind, Window, evolve
from ..topology import ON_WALL_TOLERANCE
from .grid import DEFAULT_GRID, new_id, snap_point
from .openings import DEFAULT_DOOR_WIDTH, place_door
from .result import EditResult, check_edit, problem
from .walls import CORNER_MARGIN
from .wording import sentence

__all__ = ["cut_line", "split_room"]


def cut_line(room: Room, a: Sequence[float], b: Sequence[float]) -> LineString | None:
    """The wall-to-wall cut through the room along the line a-b: the piece of that line inside the room nearest the drawn one."""
    geom = room.geometry
    (ax, ay), (bx, by) = a, b
    length = math.hypot(bx - ax, by - ay)
    if length == 0:
        return None
    minx, miny, maxx, maxy = geom.bounds
    reach = 2 * math.hypot(maxx - minx, maxy - miny) + length
    line = affinity.scale(LineString([(ax, ay), (bx, by)]), xfact=reach / length, yfact=reach / length)
    inside = line.intersection(geom)
    pieces = [g for g in getattr(inside, "geoms", [inside]) if isinstance(g, LineString) and g.length > 0]
    if not pieces:
        return None
    drawn = LineString([(ax, ay), (bx, by)])
    return min(pieces, key=lambda piece: (piece.distance(drawn), -piece.length))


def split_room(
    plan: Plan,
    room_id: str,
    a: Sequence[float],
    b: Sequence[float],
    kind: RoomKind | str | None = None,
    *,
    name: str = "",
    grid: float | None = DEFAULT_GRID,
    door_width: float = DEFAULT_DOOR_WIDTH,
) -> EditResult:
    """Cut the room in two along the line through a and b, with a door in the new wall.

    ``kind`` is the smaller part's kind (the room's own when not given); it
    gets a fresh id and, unless ``name`` is given, a name from its kind.
    """
    room = plan.get(room_id)
    if not isinstance(room, Room):
        return EditResult.refused(plan, problem("unknown-feature", f"there is no room with id {room_id!r}", room_id))
    try:
        a, b = snap_point(a, grid), snap_point(b, grid)
        new_kind = RoomKind(kind) if kind else room.kind
    except (TypeError, ValueError, IndexError) as exc:
        return EditResult.refused(plan, problem("invalid-value", f"cannot split room {room.label!r}: {exc}", room_id))
    if not room.geometry.is_valid:
        return EditResult.refused(plan, problem("invalid-polygon", f"room {room.label!r} is not a valid polygon, so it cannot be split", room_id))
    chord = cut_line(room, a, b)
    if chord is None:
        return EditResult.refused(plan, problem("split-outside", f"the line does not cross room {room.label!r}: draw it from one wall to another", room_id))
    cut = affinity.scale(chord, xfact=1 + 1e-6 / chord.length + 1e-3, yfact=1 + 1e-6 / chord.length + 1e-3)
    parts = [g for g in split(room.geometry, cut).geoms if isinstance(g, Polygon) and g.area > 1e-6]
    if len(parts) != 2:
        return EditResult.refused(plan, problem(
            "split-failed", f"the line must cut room {room.label!r} into two parts from wall to wall (it gives {len(parts)})", room_id))
    if chord.length < door_width + 2 * CORNER_MARGIN:
        return EditResult.refused(plan, problem(
            "split-too-narrow", f"the new wall in room {room.label!r} would be {chord.length:.2f} m long: too short for a "
                                f"{door_width:g} m door", room_id))
    items: tuple[Door | Opening | Window, ...] = (*plan.doors, *plan.openings, *plan.windows)
    for item in items:
        for end in chord.boundary.geoms:
            seg = item.geometry
            if seg.distance(end) <= ON_WALL_TOLERANCE and min(end.distance(Point(c)) for c in seg.coords) > ON_WALL_TOLERANCE:
                return EditResult.refused(plan, problem(
                    "split-cuts-opening", f"the new wall in room {room.label!r} would cut {item.feature} {item.id} in two: "
                                          "draw the line beside it", item.id))
    big, small = sorted(parts, key=lambda g: g.area, reverse=True)
    rid = new_id(plan, "room")
    same = sum(r.kind == new_kind for r in plan.rooms)
    keep = evolve(room, rings=_rings(big))
    carved = evolve(room, id=rid, kind=new_kind, name=name or f"{kind_label(new_kind)} {same + 1}", rings=_rings(small),
                    capacity=None, public=None, extra={})
    cut_plan = plan.with_feature(keep).with_feature(carved)
    mid = chord.interpolate(0.5, normalized=True)
    with_door = place_door(cut_plan, mid.x, mid.y, width=door_width, grid=None)
    if not with_door.ok:
        return EditResult.refused(plan, problem("split-door", f"cannot split room {room.label!r}: {with_door.message}", room_id))
    where = ", ".join(f.id for f in plan.furniture if small.buffer(0.05).covers(f.geometry))
    carried = f"; {where} went with it" if where else ""
    message = sentence(f"split {room.label}: {carved.label} ({small.area:.1f} m², {kind_noun(new_kind)}) carved out, "
                       f"{keep.label} keeps {big.area:.1f} m², a door joins them{carried}")
    result = check_edit(plan, with_door.plan, message, rid)
    if not result.ok:
        why = result.problems[0] if result.problems else result.message
        return EditResult(plan=plan, ok=False, message=f"cannot split room {room.label!r}: {why}", problems=result.problems,
                          changed=False, feature_id=room_id)
    return result


def _rings(polygon: Polygon) -> list[list[tuple[float, float]]]:
    """The polygon's rings, exterior counter-clockwise (GeoJSON's right-hand rule), to the millimetre."""
    poly = orient(polygon, sign=1.0)
    rings = [poly.exterior, *poly.interiors]
    return [[(round(x, 3), round(y, 3)) for x, y in ring.coords] for ring in rings]
