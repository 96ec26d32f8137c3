"""What criteria share: score curves and wording, which doors and rooms count, sight lines, counters.

One module so that a criterion never imports another criterion's module for a
helper. Visibility comes from ``scoring.visibility`` (isovists with interior
doors and openings treated as see-through gaps, exterior doors closed).
Isovists are cached per plan and point and computed in one batched sweep, so
full scoring needs only a handful. Plan hashes by identity, so ``lru_cache``
on a plan is a per-plan cache.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from floorplans.model import Door, Furniture, Opening, Plan, Room, RoomKind, View, Window
from floorplans.plausibility import implausible_rooms
from floorplans.topology import arrival_rooms, passages, room_at, rooms_on_segment

from ..daylight.rooms import windows_by_room
from ..geometry import largest_polygon, room_centre
from ..visibility import Isovist, can_see, isovist, isovists_at

__all__ = [
    # score curves and wording
    "ramp", "share", "plural", "names", "fmt_m", "fmt_len", "mid",
    # which doors and rooms count
    "public_doors", "public_rooms", "rooms_by_kind", "implausible", "plausible_rooms",
    # sight lines, zones, green and windows
    "isovists", "isovist_at", "sees", "entrance_viewpoints", "zone", "GREEN_KINDS", "green_targets",
    "window_rooms", "green_windows",
    # reception counters
    "COUNTER_TYPES", "counters_in", "number_prop", "counter_length",
]

XY = tuple[float, float]


# --- score curves and wording -----------------------------------------------------------------------

def ramp(value: float, bad: float, good: float) -> float:
    """0 at ``bad``, 1 at ``good``, linear between (either direction)."""
    if good == bad:
        return 1.0 if value >= good else 0.0
    t = (value - bad) / (good - bad)
    return max(0.0, min(1.0, t))


def share(ok: int, total: int) -> float:
    return ok / total if total else 1.0


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def names(items: Sequence[str], limit: int = 4) -> str:
    """'a, b and c' (or 'a, b, c, d and 3 more')."""
    if not items:
        return ""
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def fmt_m(value: float) -> str:
    return f"{value:.2f} m"


def fmt_len(value: float) -> str:
    """A length in metres with 2 decimals, or 3 where the third matters (0.815)."""
    return f"{value:.2f}" if abs(value * 100 - round(value * 100)) < 1e-6 else f"{value:.3f}"


def mid(feature: Door | Opening | Window) -> XY:
    """The mid point of a door, opening or window (rounded to mm, as findings report points)."""
    (x1, y1), (x2, y2) = feature.points
    return (round((x1 + x2) / 2, 3), round((y1 + y2) / 2, 3))


# --- which doors and rooms count ----------------------------------------------------------------------

@lru_cache(maxsize=64)
def _public_doors(plan: Plan) -> tuple[Door, ...]:
    out = []
    for p in passages(plan):
        f = p.feature
        if not isinstance(f, Door):
            continue
        rooms = [plan.room(rid) for rid in p.rooms]
        if (f.entrance and len(rooms) <= 1) or any(r.is_public for r in rooms):
            out.append(f)
    return tuple(out)


def public_doors(plan: Plan) -> list[Door]:
    """Doors citizens use: on a public room's wall, or a public entrance."""
    return list(_public_doors(plan))


_NOT_ROOMS_TO_VISIT = frozenset({RoomKind.stairs, RoomKind.lift, RoomKind.storage})


def public_rooms(plan: Plan, *, visitable: bool = True) -> list[Room]:
    """Public rooms (without stairs, lifts and storage when ``visitable``)."""
    return [r for r in plan.rooms if r.is_public and (not visitable or r.kind not in _NOT_ROOMS_TO_VISIT)]


def rooms_by_kind(plan: Plan, *kinds: RoomKind) -> list[Room]:
    return plan.rooms_of_kind(*kinds)


@lru_cache(maxsize=64)
def _implausible(plan: Plan) -> frozenset[str]:
    return frozenset(implausible_rooms(plan))


def implausible(plan: Plan) -> frozenset[str]:
    """Ids of rooms too small or too large for their kind (``floorplans.plausibility``): criteria leave them out."""
    return _implausible(plan)


def plausible_rooms(plan: Plan, *kinds: RoomKind) -> list[Room]:
    """The rooms of those kinds whose size fits their kind: a 0.1 m² "quiet nook" or a 10,000 m² "waiting room"
    is a slip or a relabelled room, and a criterion that counts rooms must not count it."""
    odd = _implausible(plan)
    return [r for r in plan.rooms_of_kind(*kinds) if r.id not in odd]


# --- sight lines, zones, green and windows -----------------------------------------------------------

GREEN_KINDS = (RoomKind.green_area,)


@lru_cache(maxsize=256)
def _cache(plan: Plan) -> dict[XY, Isovist]:
    return {}


def _key(xy: XY) -> XY:
    return (round(float(xy[0]), 3), round(float(xy[1]), 3))


def isovists(plan: Plan, points: Sequence[XY]) -> list[Isovist]:
    """Isovists from the points (cached per plan; missing ones computed in one batch)."""
    cache = _cache(plan)
    keys = [_key(p) for p in points]
    missing = [k for k in dict.fromkeys(keys) if k not in cache]
    if missing:
        try:
            for k, iso in zip(missing, isovists_at(plan, missing), strict=True):
                cache[k] = iso
        except ValueError:  # a point on a wall: fall back one by one
            for k in missing:
                cache[k] = _one(plan, k)
    return [cache[k] for k in keys]


def _one(plan: Plan, xy: XY) -> Isovist:
    try:
        return isovist(plan, xy)
    except ValueError:  # on a wall: nudge towards the room's centre
        room = room_at(plan, *xy)
        if room is None:
            raise
        cx, cy = room_centre(plan, room)
        d = math.hypot(cx - xy[0], cy - xy[1]) or 1.0
        return isovist(plan, (xy[0] + 0.05 * (cx - xy[0]) / d, xy[1] + 0.05 * (cy - xy[1]) / d))


def isovist_at(plan: Plan, xy: XY) -> Isovist:
    return isovists(plan, [xy])[0]


def sees(plan: Plan, a: XY, b: XY) -> bool:
    """Whether a clear sight line joins a and b."""
    return bool(can_see(plan, a, b))


@lru_cache(maxsize=64)
def entrance_viewpoints(plan: Plan) -> tuple[XY, ...]:
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
        room_geometry = rooms[0].geometry
        (x1, y1), (x2, y2) = d.points
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        length = math.hypot(x2 - x1, y2 - y1)
        nx, ny = -(y2 - y1) / length, (x2 - x1) / length
        for sign in (1, -1):
            p_xy = (mx + sign * 0.75 * nx, my + sign * 0.75 * ny)
            if room_geometry.contains(Point(p_xy)):
                out.append((round(p_xy[0], 3), round(p_xy[1], 3)))
                break
    return tuple(out)


@lru_cache(maxsize=256)
def _zone(plan: Plan, kinds: tuple[RoomKind, ...], public_only: bool) -> BaseGeometry:
    odd = _implausible(plan)
    geoms = [r.geometry for r in plan.rooms if r.kind in kinds and (r.is_public or not public_only) and r.id not in odd]
    return shapely.union_all(geoms) if geoms else shapely.Polygon()


def zone(plan: Plan, *kinds: RoomKind, public_only: bool = False) -> BaseGeometry:
    """The union of the rooms of those kinds (without rooms of implausible size: see ``plausible_rooms``)."""
    return _zone(plan, tuple(kinds), public_only)


@lru_cache(maxsize=64)
def green_targets(plan: Plan) -> tuple[tuple[str, XY, str | None], ...]:
    """Green things: (id, point, room id) for plants and green areas (their centres)."""
    out = []
    for p in plan.plants:
        x, y = (p.point if p.point is not None else (p.geometry.centroid.x, p.geometry.centroid.y))
        r = room_at(plan, x, y)
        out.append((p.id, (x, y), r.id if r else None))
    for r in plan.rooms_of_kind(*GREEN_KINDS):
        out.append((r.id, room_centre(plan, r), r.id))
    return tuple(out)


def window_rooms(plan: Plan) -> dict[str, list[Window]]:
    """Windows by the id of the room they light (one cached search per plan, shared with scoring.daylight)."""
    return {rid: list(ws) for rid, ws in windows_by_room(plan).items()}


def green_windows(plan: Plan) -> list[Window]:
    return [w for w in plan.windows if w.view == View.green]


# --- reception counters ---------------------------------------------------------------------------------

COUNTER_TYPES = frozenset({"counter", "reception_counter", "reception_desk", "desk_counter"})


def counters_in(plan: Plan, rooms: Iterable[Room]) -> list[Furniture]:
    """The counters (furniture of a counter type) standing in those rooms."""
    geoms = [r.geometry for r in rooms]
    out = []
    for f in plan.furniture:
        if f.type.lower() in COUNTER_TYPES and any(g.intersects(f.geometry) for g in geoms):
            out.append(f)
    return out


def number_prop(extra: Mapping[str, Any], *keys: str) -> float | None:
    """The first numeric property of those names, in metres (a ``<key>_mm`` variant is read too)."""
    for k in keys:
        for key, factor in ((k, 1.0), (f"{k}_mm", 0.001)):
            v = extra.get(key)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return float(v) * factor
    return None


def counter_length(f: Furniture) -> float | None:
    """The long side of a counter drawn as a polygon (None for a point)."""
    if f.rings is None:
        return None
    rect = largest_polygon(f.geometry).minimum_rotated_rectangle
    c = list(rect.exterior.coords)
    a = ((c[0][0] - c[1][0]) ** 2 + (c[0][1] - c[1][1]) ** 2) ** 0.5
    b = ((c[1][0] - c[2][0]) ** 2 + (c[1][1] - c[2][1]) ** 2) ** 0.5
    return max(a, b)
