"""Where new furniture can stand in a room: inside it, clear of its walls, doors and other furniture."""

from __future__ import annotations

from shapely.geometry import Point, Polygon

from floorplans.model import Plan, Room

__all__ = ["free_spots"]

#: Distance from the walls of a new plant or seat, m.
WALL_CLEARANCE = 0.5
#: Keep this far from a door or opening, m (its swing and the way through).
DOOR_CLEARANCE = 1.3
#: Keep this far from other furniture, m.
FURNITURE_CLEARANCE = 0.6


def free_spots(plan: Plan, room: Room, count: int) -> list[tuple[float, float]]:
    """Up to ``count`` points in the room's corners (inset from the walls), farthest from its doors first.

    Deterministic: candidates are the inset ring's corners and the middles of
    its sides, ordered by distance from the nearest door (farthest first),
    then by x and y.
    """
    inner = room.geometry.buffer(-WALL_CLEARANCE, join_style="mitre")
    if inner.is_empty:
        return []
    polys = [inner] if isinstance(inner, Polygon) else sorted(inner.geoms, key=lambda g: -g.area)
    coords: list[tuple[float, float]] = []
    for poly in polys:
        ring = list(poly.exterior.coords)[:-1]
        for i, a in enumerate(ring):
            b = ring[(i + 1) % len(ring)]
            coords.append((round(a[0], 2), round(a[1], 2)))
            coords.append((round((a[0] + b[0]) / 2, 2), round((a[1] + b[1]) / 2, 2)))
    passages = [f.geometry for f in (*plan.doors, *plan.openings) if f.geometry.distance(room.geometry) < 0.1]
    furniture = [f.geometry for f in plan.furniture if f.geometry.distance(room.geometry) < 0.1]
    chosen: list[tuple[float, float]] = []
    scored = []
    for xy in dict.fromkeys(coords):
        p = Point(xy)
        if not room.geometry.contains(p):
            continue
        near_door = min((g.distance(p) for g in passages), default=99.0)
        if near_door < DOOR_CLEARANCE:
            continue
        if any(g.distance(p) < FURNITURE_CLEARANCE for g in furniture):
            continue
        scored.append((-round(near_door, 2), xy[0], xy[1]))
    for _, x, y in sorted(scored):
        if all(Point(x, y).distance(Point(c)) >= 1.0 for c in chosen):
            chosen.append((x, y))
        if len(chosen) == count:
            break
    return chosen
