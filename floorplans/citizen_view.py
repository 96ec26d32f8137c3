"""The plan as a citizen sees it at the kiosk: soft shapes of the rooms one may visit, staff areas grey.

Why not the CAD drawing: a citizen needs to recognise "the waiting area" and "the toilet", not walls,
ids and 6 px names. `citizen_view` turns a Plan into shapes a browser draws (rounded, slightly inset
so neighbouring rooms read as separate places) with a point for each room's icon and name;
`pin_spot` decides where a tap puts a pin: always inside a room a citizen can visit, or nowhere.
Pure (no streamlit), so both are tested on their own.
"""

from __future__ import annotations

from typing import Literal

import shapely
from pydantic import BaseModel, ConfigDict
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, polylabel

from .model import Plan, Room, RoomKind

__all__ = ["CitizenRoom", "CitizenView", "PinSpot", "Refusal", "citizen_view", "pin_spot", "pinnable", "SNAP_M"]

XY = tuple[float, float]
Role = Literal["public", "passage", "staff"]
#: Why a tap placed no pin: on a staff area, or in a corridor / outside and too far from any public room.
Refusal = Literal["staff", "outside"]

#: A tap in a corridor or just outside the building this close (metres) to a public room pins that room.
SNAP_M = 1.0
#: A room hint from the browser (its enlarged tap target) is trusted up to this far (metres) from the room.
HINT_M = 4.0
#: Half the gap drawn between neighbouring rooms, metres.
INSET_M = 0.12
#: Rooms a citizen passes through but does not pin: drawn as a walkway, without a label.
PASSAGE_KINDS = frozenset({RoomKind.corridor})
_DECIMALS = 2


class CitizenRoom(BaseModel):
    """One room of the citizen's plan, in plan metres."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: str
    #: public: shown with its icon and name, takes pins; passage: a walkway; staff: grey, no label.
    role: Role
    #: The room's outline, simplified (what a tap is tested against).
    outline: tuple[XY, ...]
    #: The soft shape drawn: the outline slightly inset, corners rounded.
    shape: tuple[XY, ...]
    #: Where the icon and the name go: the point deepest inside the room.
    anchor: XY
    #: Width and height of the room's bounding box, metres (whether a name fits).
    size: XY
    area: float


class CitizenView(BaseModel):
    """The whole picture: rooms drawn largest first (a room inside another comes on top)."""

    model_config = ConfigDict(frozen=True)

    name: str
    #: xmin, ymin, xmax, ymax in metres, with a margin.
    extent: tuple[float, float, float, float]
    rooms: tuple[CitizenRoom, ...]

    @property
    def kinds(self) -> list[str]:
        """The kinds of the public rooms, each once, in the order RoomKind lists them (for a legend)."""
        present = {r.kind for r in self.rooms if r.role == "public"}
        return [k.value for k in RoomKind if k.value in present]


class PinSpot(BaseModel):
    """Where a pin goes: a public room and a point inside it (plan metres, 2 decimals as stored)."""

    model_config = ConfigDict(frozen=True)

    room_id: str
    x: float
    y: float


def pinnable(room: Room) -> bool:
    """A room a citizen may pin: one the public uses, a corridor excepted."""
    return room.is_public and room.kind not in PASSAGE_KINDS


def _role(room: Room) -> Role:
    if not room.is_public:
        return "staff"
    return "passage" if room.kind in PASSAGE_KINDS else "public"


def _largest(geometry: BaseGeometry) -> Polygon | None:
    if isinstance(geometry, Polygon):
        return None if geometry.is_empty else geometry
    if isinstance(geometry, MultiPolygon) and not geometry.is_empty:
        return max(geometry.geoms, key=lambda g: g.area)
    return None


def _ring(polygon: Polygon) -> tuple[XY, ...]:
    """The exterior on a 1 cm grid, still a valid ring (plain rounding can make a narrow part cross itself)."""
    ring = tuple((round(x, _DECIMALS), round(y, _DECIMALS)) for x, y in polygon.exterior.coords)
    if Polygon(ring).is_valid:
        return ring
    snapped = _largest(shapely.set_precision(Polygon(polygon.exterior), 10 ** -_DECIMALS)) or polygon
    return tuple((round(x, _DECIMALS), round(y, _DECIMALS)) for x, y in snapped.exterior.coords)


def _base(room: Room) -> Polygon:
    """The room's exterior, valid and without tiny jogs (a hole's content is a room of its own)."""
    polygon = Polygon(room.rings[0])
    if not polygon.is_valid:
        polygon = _largest(polygon.buffer(0)) or polygon.envelope
    simpler = polygon.simplify(0.05, preserve_topology=True)
    return simpler if isinstance(simpler, Polygon) and not simpler.is_empty and simpler.area > 0.5 * polygon.area \
        else polygon


def _soft(base: Polygon) -> Polygon:
    """Inset a little and round the corners: a friendly shape that still reads as the room."""
    xmin, ymin, xmax, ymax = base.bounds
    radius = min(0.6, 0.2 * min(xmax - xmin, ymax - ymin))
    soft = _largest(base.buffer(-(INSET_M + radius), join_style="mitre").buffer(radius, quad_segs=4))
    if soft is None or soft.area < 0.3 * base.area:  # a narrow room: only the small inset
        soft = _largest(base.buffer(-min(INSET_M, 0.1 * min(xmax - xmin, ymax - ymin)), join_style="mitre"))
    if soft is None:
        return base
    simpler = soft.simplify(0.02, preserve_topology=True)
    return simpler if isinstance(simpler, Polygon) and not simpler.is_empty else soft


def _anchor(room: Room, base: Polygon) -> XY:
    """Deepest point of the room, holes (a pillar, a room inside) left out."""
    whole = room.geometry if room.geometry.is_valid else _largest(room.geometry.buffer(0))
    if isinstance(whole, Polygon) and not whole.is_empty:
        base = whole
    try:
        point = polylabel(base, tolerance=0.05)
    except (ValueError, shapely.errors.GEOSException):  # a degenerate ring: any point inside will do
        point = base.representative_point()
    if not base.contains(point):
        point = base.representative_point()
    centre = base.centroid  # in a long room every point of the middle line is as deep: take the middle
    if base.contains(centre) and base.boundary.distance(centre) >= 0.9 * base.boundary.distance(point):
        point = centre
    return (round(point.x, _DECIMALS), round(point.y, _DECIMALS))


def citizen_view(plan: Plan, margin: float = 0.5) -> CitizenView:
    """The plan simplified for citizens. Raises ValueError for a plan without rooms (nothing to show)."""
    if not plan.rooms:
        raise ValueError(f"plan {plan.name!r} has no rooms to show")
    rooms = []
    for room in plan.rooms:
        base = _base(room)
        xmin, ymin, xmax, ymax = base.bounds
        rooms.append(CitizenRoom(
            id=room.id, kind=room.kind.value, role=_role(room), outline=_ring(base), shape=_ring(_soft(base)),
            anchor=_anchor(room, base), size=(round(xmax - xmin, _DECIMALS), round(ymax - ymin, _DECIMALS)),
            area=round(base.area, _DECIMALS),
        ))
    rooms.sort(key=lambda r: -r.area)
    xs = [x for r in rooms for x, _ in r.outline]
    ys = [y for r in rooms for _, y in r.outline]
    extent = (min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin)
    return CitizenView(name=plan.name, extent=extent, rooms=tuple(rooms))


def _inside(room: Room, point: Point) -> PinSpot:
    """The tap itself when it lies inside the room, else the nearest point well inside."""
    geometry = room.geometry
    x, y = round(point.x, _DECIMALS), round(point.y, _DECIMALS)
    if geometry.contains(Point(x, y)):
        return PinSpot(room_id=room.id, x=x, y=y)
    xmin, ymin, xmax, ymax = geometry.bounds
    for inset in (min(0.3, 0.2 * min(xmax - xmin, ymax - ymin)), 0.02):
        core = geometry.buffer(-inset)
        if core.is_empty:
            continue
        near = nearest_points(core, point)[0]
        x, y = round(near.x, _DECIMALS), round(near.y, _DECIMALS)
        if geometry.contains(Point(x, y)):
            return PinSpot(room_id=room.id, x=x, y=y)
    label = polylabel(Polygon(room.rings[0]), tolerance=0.01)
    return PinSpot(room_id=room.id, x=round(label.x, _DECIMALS), y=round(label.y, _DECIMALS))


def pin_spot(plan: Plan, x: float, y: float, room_hint: str | None = None) -> PinSpot | Refusal:
    """Where a tap at (x, y) puts the pin.

    In a public room: there. Else `room_hint` (the browser's enlarged tap target, at least 44 px) names
    a public room close by: inside it, at the point nearest the tap. On a staff area: refused
    ("staff"). In a corridor or outside: the nearest public room within SNAP_M, else refused ("outside").
    """
    point = Point(x, y)
    under = sorted((r for r in plan.rooms if r.geometry.covers(point)), key=lambda r: r.geometry.area)
    if under and pinnable(under[0]):
        return _inside(under[0], point)
    candidates = [r for r in plan.rooms if pinnable(r)]
    hinted = next((r for r in candidates if r.id == room_hint), None)
    if hinted is not None and hinted.geometry.distance(point) <= HINT_M:
        return _inside(hinted, point)
    if under and not under[0].is_public:
        return "staff"
    near = [(r.geometry.distance(point), r) for r in candidates]
    near = [(d, r) for d, r in near if d <= SNAP_M]
    if not near:
        return "outside"
    return _inside(min(near, key=lambda dr: dr[0])[1], point)
