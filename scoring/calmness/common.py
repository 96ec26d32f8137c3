"""Shared pieces of the calmness criteria: cached isovists, the entrance viewpoint, zones, green things.

Visibility comes from ``scoring.visibility`` (isovists with interior doors and
openings treated as see-through gaps, exterior doors closed). Isovists are
cached per plan and point, and computed in one batched sweep where the
visibility package offers it, so full scoring needs only a handful.
"""

from __future__ import annotations

import math
from functools import lru_cache

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from floorplans.model import Plan, RoomKind, View
from floorplans.topology import arrival_rooms, rooms_on_segment

from ..geometry import room_centre

__all__ = ["isovists", "isovist_at", "sees", "entrance_viewpoints", "zone", "green_targets", "GREEN_KINDS", "window_rooms"]

GREEN_KINDS = (RoomKind.green_area,)


def _vis():
    from .. import visibility as v

    if not hasattr(v, "isovist"):  # the package may export from its submodule only
        from ..visibility import isovist as v  # type: ignore[no-redef]
    return v


@lru_cache(maxsize=256)
def _cache(plan: Plan) -> dict[tuple[float, float], object]:
    return {}


def _key(xy: tuple[float, float]) -> tuple[float, float]:
    return (round(float(xy[0]), 3), round(float(xy[1]), 3))


def isovists(plan: Plan, points: list[tuple[float, float]]) -> list:
    """Isovists from the points (cached per plan; missing ones computed in one batch)."""
    cache = _cache(plan)
    keys = [_key(p) for p in points]
    missing = [k for k in dict.fromkeys(keys) if k not in cache]
    if missing:
        v = _vis()
        batch = getattr(v, "isovists_at", None)
        if batch is not None:
            try:
                for k, iso in zip(missing, batch(plan, missing), strict=True):
                    cache[k] = iso
            except ValueError:  # a point on a wall: fall back one by one
                for k in missing:
                    cache[k] = _one(v, plan, k)
        else:
            for k in missing:
                cache[k] = _one(v, plan, k)
    return [cache[k] for k in keys]


def _one(v, plan: Plan, xy: tuple[float, float]):
    try:
        return v.isovist(plan, xy)
    except ValueError:  # on a wall: nudge towards the room's centre
        from floorplans.topology import room_at

        room = room_at(plan, *xy)
        if room is None:
            raise
        cx, cy = room_centre(plan, room)
        d = math.hypot(cx - xy[0], cy - xy[1]) or 1.0
        return v.isovist(plan, (xy[0] + 0.05 * (cx - xy[0]) / d, xy[1] + 0.05 * (cy - xy[1]) / d))


def isovist_at(plan: Plan, xy: tuple[float, float]):
    return isovists(plan, [xy])[0]


def sees(plan: Plan, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether a clear sight line joins a and b."""
    return bool(_vis().can_see(plan, a, b))


@lru_cache(maxsize=64)
def entrance_viewpoints(plan: Plan) -> tuple[tuple[float, float], ...]:
    """A point 0.75 m inside each public entrance door (where a visitor first looks round).

    On an upper floor with no entrance door: a point in each lift and stair room one arrives by.
    """
    out = []
    for room in arrival_rooms(plan):
        p = room.geometry.representative_point()
        out.append((round(p.x, 3), round(p.y, 3)))
    for d in plan.entrances:
        rooms = rooms_on_segment(plan, d.geometry)
        if not rooms:
            continue
        room = rooms[0].geometry
        (x1, y1), (x2, y2) = d.points
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        length = math.hypot(x2 - x1, y2 - y1)
        nx, ny = -(y2 - y1) / length, (x2 - x1) / length
        for sign in (1, -1):
            p = (mx + sign * 0.75 * nx, my + sign * 0.75 * ny)
            if room.contains(Point(p)):
                out.append((round(p[0], 3), round(p[1], 3)))
                break
    return tuple(out)


@lru_cache(maxsize=256)
def _zone(plan: Plan, kinds: tuple[RoomKind, ...], public_only: bool) -> BaseGeometry:
    geoms = [r.geometry for r in plan.rooms if r.kind in kinds and (r.is_public or not public_only)]
    return shapely.union_all(geoms) if geoms else shapely.Polygon()


def zone(plan: Plan, *kinds: RoomKind, public_only: bool = False) -> BaseGeometry:
    """The union of the rooms of those kinds."""
    return _zone(plan, tuple(kinds), public_only)


@lru_cache(maxsize=64)
def green_targets(plan: Plan) -> tuple[tuple[str, tuple[float, float], str | None], ...]:
    """Green things: (id, point, room id) for plants and green areas (their centres)."""
    from floorplans.topology import room_at

    out = []
    for p in plan.plants:
        x, y = (p.point if p.point is not None else (p.geometry.centroid.x, p.geometry.centroid.y))
        r = room_at(plan, x, y)
        out.append((p.id, (x, y), r.id if r else None))
    for r in plan.rooms_of_kind(*GREEN_KINDS):
        out.append((r.id, room_centre(plan, r), r.id))
    return tuple(out)


@lru_cache(maxsize=64)
def window_rooms(plan: Plan) -> dict[str, list]:
    """Windows by the id of the room they light."""
    out: dict[str, list] = {}
    for w in plan.windows:
        for r in rooms_on_segment(plan, w.geometry):
            out.setdefault(r.id, []).append(w)
    return out


def green_windows(plan: Plan) -> list:
    return [w for w in plan.windows if w.view == View.green]


__all__ += ["green_windows"]
