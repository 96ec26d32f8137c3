"""The sample plans' drawing tool: rooms on a 0.1 m grid, doors and windows placed on the walls they join.

All samples share the outer walls (``WIDTH`` × ``DEPTH``) and what each
facade looks out on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import LineString, Point, Polygon
from shapely.ops import linemerge

from floorplans.model import Door, Furniture, Opening, Plan, Room, RoomKind, View, Window

__all__ = ["DEPTH", "FACADE_VIEWS", "LOW_COUNTER_MM", "TALL_COUNTER_MM", "WIDTH", "PlanBuilder"]

#: Outer walls shared by every option (metres).
WIDTH = 48.0
DEPTH = 26.0

#: What each facade looks out on.
FACADE_VIEWS = {"S": View.street, "W": View.street, "N": View.courtyard, "E": View.green}
_FACADES = {
    "S": LineString([(0, 0), (WIDTH, 0)]),
    "N": LineString([(0, DEPTH), (WIDTH, DEPTH)]),
    "W": LineString([(0, 0), (0, DEPTH)]),
    "E": LineString([(WIDTH, 0), (WIDTH, DEPTH)]),
}
#: Room kinds that get no windows of their own by default.
_WINDOWLESS = {RoomKind.storage, RoomKind.wc, RoomKind.wc_accessible, RoomKind.entrance}

#: Tall reception counter (standing height) versus a sit-down/low one.
TALL_COUNTER_MM = 1100
LOW_COUNTER_MM = 750


def _r(value: float) -> float:
    return round(value, 3) + 0.0


@dataclass
class PlanBuilder:
    """Collects rooms, doors, windows and furniture, then makes a Plan.

    Rooms are given as rectangles (or polygons) on a 0.1 m grid; doors and
    openings are given by the two rooms they join and are placed on the
    wall those rooms share, so they cannot end up off a wall.
    """

    name: str
    description: str = ""
    rooms: dict[str, Room] = field(default_factory=dict)
    doors: list[Door] = field(default_factory=list)
    openings: list[Opening] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)

    def _next_id(self, prefix: str, width: int = 2) -> str:
        self._counts[prefix] = self._counts.get(prefix, 0) + 1
        return f"{prefix}{self._counts[prefix]:0{width}d}"

    # -- rooms -------------------------------------------------------------

    def rect(self, rid: str, kind: RoomKind, name: str, x0: float, y0: float, x1: float, y1: float, **props: Any) -> str:
        """A rectangular room from (x0, y0) to (x1, y1)."""
        return self.poly(rid, kind, name, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], **props)

    def poly(self, rid: str, kind: RoomKind, name: str, corners: list[tuple[float, float]], **props: Any) -> str:
        """A room from its corners, counter-clockwise, without repeating the first."""
        if rid in self.rooms:
            raise ValueError(f"room id {rid!r} used twice in {self.name!r}")
        ring = [(_r(x), _r(y)) for x, y in corners]
        self.rooms[rid] = Room(id=rid, kind=kind, name=name, rings=[[*ring, ring[0]]], **props)
        return rid

    def geom(self, rid: str) -> Polygon:
        return self.rooms[rid].geometry

    # -- walls -------------------------------------------------------------

    def _wall(self, a: str, b: str) -> LineString:
        """The straight wall room ``a`` shares with room ``b`` or with facade ``b`` ("S", "N", "E", "W")."""
        other = _FACADES[b] if b in _FACADES else self.geom(b).boundary
        shared = self.geom(a).boundary.intersection(other)
        lines = [g for g in getattr(shared, "geoms", [shared]) if isinstance(g, LineString) and g.length > 0]
        if not lines:
            raise ValueError(f"{self.name}: rooms {a!r} and {b!r} share no wall")
        merged = linemerge(lines) if len(lines) > 1 else lines[0]
        parts = list(getattr(merged, "geoms", [merged]))
        return max(parts, key=lambda g: g.length)

    def _segment(self, a: str, b: str, at: float | None, length: float, margin: float = 0.1) -> list[tuple[float, float]]:
        """A segment of ``length`` on the wall between a and b, centred at ``at`` (x or y along the wall)."""
        wall = self._wall(a, b)
        (x0, y0), (x1, y1) = wall.coords[0], wall.coords[-1]
        horizontal = abs(y1 - y0) < 1e-9
        lo, hi = sorted((x0, x1) if horizontal else (y0, y1))
        centre = (lo + hi) / 2 if at is None else at
        start, end = centre - length / 2, centre + length / 2
        if start < lo + margin - 1e-9 or end > hi - margin + 1e-9:
            raise ValueError(f"{self.name}: a {length} m passage at {centre} does not fit the wall {lo}..{hi} between {a!r} and {b!r}")
        if horizontal:
            return [(_r(start), _r(y0)), (_r(end), _r(y0))]
        return [(_r(x0), _r(start)), (_r(x0), _r(end))]

    def door(self, a: str, b: str, at: float | None = None, *, leaf: float = 1.0, clear: float = 0.9, threshold_mm: float = 0.0,
             entrance: bool = False, automatic: bool = False) -> str:
        """A door between rooms a and b (or from a to facade b) with an explicit clear width."""
        did = self._next_id("d")
        self.doors.append(Door(id=did, points=self._segment(a, b, at, leaf), clear_width=clear, threshold_mm=threshold_mm,
                               entrance=entrance, automatic=automatic))
        return did

    def opening(self, a: str, b: str, at: float | None = None, length: float | None = None, margin: float = 0.1) -> str:
        """A wall-less passage between rooms a and b; by default the whole shared wall less ``margin`` at each end."""
        if length is None:
            length = round(self._wall(a, b).length - 2 * margin, 3)
        oid = self._next_id("o")
        self.openings.append(Opening(id=oid, points=self._segment(a, b, at, length, margin)))
        return oid

    def window(self, rid: str, side: str, at: float | None = None, length: float = 1.6, view: View | None = None) -> str:
        wid = self._next_id("w")
        self.windows.append(Window(id=wid, points=self._segment(rid, side, at, length, margin=0.3), view=view or FACADE_VIEWS[side]))
        return wid

    def facade_windows(self) -> None:
        """Windows on every outside wall of every room that has one (except WCs, storage, the vestibule).

        One window per started 3.5 m of wall, each 40–60 % of its share.
        """
        for rid, room in self.rooms.items():
            if room.kind in _WINDOWLESS:
                continue
            for side, facade in _FACADES.items():
                shared = room.geometry.boundary.intersection(facade)
                if shared.length < 1.4:
                    continue
                wall = self._wall(rid, side)
                (x0, y0), (x1, y1) = wall.coords[0], wall.coords[-1]
                lo, hi = sorted((x0, x1) if abs(y1 - y0) < 1e-9 else (y0, y1))
                count = max(1, round((hi - lo) / 3.5))
                bay = (hi - lo) / count
                length = round(min(2.4, bay * 0.6), 1)
                for i in range(count):
                    self.window(rid, side, at=lo + bay * (i + 0.5), length=length)

    # -- furniture ---------------------------------------------------------

    def point(self, kind: str, x: float, y: float, **extra: Any) -> str:
        fid = self._next_id(kind, 3 if kind == "seat" else 2)
        self.furniture.append(Furniture(id=fid, type=kind, point=(_r(x), _r(y)), extra=extra))
        return fid

    def block(self, kind: str, x0: float, y0: float, x1: float, y1: float, **extra: Any) -> str:
        fid = self._next_id(kind)
        ring = [(_r(x0), _r(y0)), (_r(x1), _r(y0)), (_r(x1), _r(y1)), (_r(x0), _r(y1)), (_r(x0), _r(y0))]
        self.furniture.append(Furniture(id=fid, type=kind, rings=[ring], extra=extra))
        return fid

    def seats(self, xs: list[float], ys: list[float]) -> int:
        """A grid of seats (points); returns how many."""
        for y in ys:
            for x in xs:
                self.point("seat", x, y)
        return len(xs) * len(ys)

    def table_in(self, rid: str, w: float = 1.2, d: float = 0.8) -> str:
        """A table centred in the room (conversation and group rooms)."""
        c = self.geom(rid).centroid
        return self.block("table", c.x - w / 2, c.y - d / 2, c.x + w / 2, c.y + d / 2)

    def set_capacity(self, rid: str, capacity: int) -> None:
        room = self.rooms[rid]
        self.rooms[rid] = Room.model_validate({**room.model_dump(), "capacity": capacity})

    # -- result ------------------------------------------------------------

    def build(self) -> Plan:
        rooms = _noded(list(self.rooms.values()))
        extra = {"description": self.description} if self.description else {}
        return Plan(name=self.name, rooms=tuple(rooms), doors=tuple(self.doors), openings=tuple(self.openings),
                    windows=tuple(self.windows), furniture=tuple(self.furniture), extra=extra)


def _noded(rooms: list[Room]) -> list[Room]:
    """Put a vertex wherever another room's corner lies on a wall, so shared walls coincide edge for edge."""
    corners = {pt for room in rooms for pt in room.rings[0][:-1]}
    result = []
    for room in rooms:
        ring = room.rings[0]
        out: list[tuple[float, float]] = []
        for (ax, ay), (bx, by) in zip(ring[:-1], ring[1:], strict=True):
            out.append((ax, ay))
            edge = LineString([(ax, ay), (bx, by)])
            inner = [c for c in corners if c not in ((ax, ay), (bx, by)) and edge.distance(Point(c)) < 1e-6]
            out.extend(sorted(inner, key=lambda c: edge.project(Point(c))))
        result.append(Room.model_validate({**room.model_dump(), "rings": [[*out, out[0]]]}))
    return result
