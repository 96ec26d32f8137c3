"""Build the four sample plans of an invented job centre ("Jobcenter Åby") in code.

The plans are drawn here, not by hand in GeoJSON, so that every door sits
exactly on the wall it belongs to and rooms tile without gaps. Run

    python -m floorplans.samples.build

to rewrite the ``*.geojson`` files next to this module (they are committed,
so the app and the tests never need to run this).

All four options share the outer walls (48 × 26 m, entrance on the south
street side, a park to the east, a courtyard to the north) and the staff
rooms at the west end; they differ in the public part. See README.md for
what each option is meant to show, including its deliberate flaws.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, Point, Polygon
from shapely.ops import linemerge

from floorplans.geojson_io import write_plan
from floorplans.model import Door, Furniture, Opening, Plan, Room, RoomKind, View, Window

__all__ = ["WIDTH", "DEPTH", "PLAN_BUILDERS", "build_all", "write_all", "main"]

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

    def _geom(self, rid: str) -> Polygon:
        return self.rooms[rid].geometry

    # -- walls -------------------------------------------------------------

    def _wall(self, a: str, b: str) -> LineString:
        """The straight wall room ``a`` shares with room ``b`` or with facade ``b`` ("S", "N", "E", "W")."""
        other = _FACADES[b] if b in _FACADES else self._geom(b).boundary
        shared = self._geom(a).boundary.intersection(other)
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
        c = self._geom(rid).centroid
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


# ---------------------------------------------------------------------------
# Parts every option shares: the west offices, the main corridor, the back zone skeleton.
# ---------------------------------------------------------------------------

K = RoomKind


def _common_skeleton(b: PlanBuilder) -> None:
    """West offices, the main corridor (y 12–14), WCs, the link and back corridors, staff room."""
    b.rect("kontor_vest", K.open_office, "Kontor – Team Vest", 0, 0, 12, 12, capacity=14)
    b.rect("gang", K.corridor, "Gang", 0, 12, WIDTH, 14)
    b.rect("kontor_nord", K.open_office, "Kontor – Team Nord", 0, 14, 14, 26, capacity=16)
    b.rect("depot", K.storage, "Depot", 14, 14, 17, 19)
    b.rect("hc_toilet", K.wc_accessible, "Handicaptoilet", 17, 14, 19.6, 16.6)
    b.rect("wc1", K.wc, "WC 1", 19.6, 14, 21.3, 16.6)
    b.rect("wc2", K.wc, "WC 2", 21.3, 14, 23, 16.6)
    b.rect("rengoring", K.storage, "Rengøring", 17, 16.6, 23, 19)
    b.rect("gang_link", K.corridor, "Gang (forbindelse)", 23, 14, 25.4, 19)
    b.rect("gang_nord", K.corridor, "Gang (nord)", 14, 19, 43.0, 20.6)
    b.rect("gang_ost", K.corridor, "Gang (nordøst)", 43.0, 14, 44.6, 26)
    b.rect("frokoststue", K.staff_room, "Frokoststue", 14, 20.6, 22, 26, capacity=20)

    b.door("kontor_vest", "gang", 6)
    b.door("kontor_nord", "gang", 7)
    b.door("depot", "gang")
    b.door("hc_toilet", "gang", leaf=1.1, clear=1.0)
    b.door("rengoring", "gang_nord", 20)
    b.opening("gang_link", "gang")
    b.opening("gang_link", "gang_nord")
    b.opening("gang_ost", "gang")
    b.opening("gang_nord", "gang_ost")
    b.door("frokoststue", "gang_nord", 18)
    b.block("table", 15.5, 22.5, 20.5, 23.7)
    b.block("counter", 14.1, 25.3, 17.5, 25.9, height_mm=900)  # kitchenette


def _entrance_and_reception(b: PlanBuilder, *, counter_mm: int, nook_corner: bool = False) -> None:
    """Vestibule (x 20–27, y 0–4) with the automatic entrance door, and the reception hall behind it."""
    b.rect("indgang", K.entrance, "Indgang", 20, 0, 27, 4)
    if nook_corner:  # option B: the reception gives up its south-west corner to a quiet nook
        b.poly("reception", K.reception, "Reception", [(20, 7.6), (22.4, 7.6), (22.4, 4), (27, 4), (27, 12), (20, 12)])
    else:
        b.rect("reception", K.reception, "Reception", 20, 4, 27, 12)
    b.door("indgang", "S", 23.5, leaf=1.6, clear=1.5, entrance=True, automatic=True)
    b.door("indgang", "reception", 24.2 if nook_corner else 23.5, leaf=1.6, clear=1.5, automatic=True)
    b.window("indgang", "S", 21.3, 1.6)
    b.window("indgang", "S", 25.7, 1.6)
    b.door("reception", "gang", 24)
    if counter_mm >= TALL_COUNTER_MM:
        b.block("counter", 21.8, 8.4, 25.2, 9.2, height_mm=counter_mm)  # long, tall, straight across from the door
    else:
        b.block("counter", 24.0, 8.8, 25.8, 9.6, height_mm=counter_mm)  # short, low, off to one side
    b.point("seat", 22.8, 10.2)  # staff
    b.point("seat", 24.2, 10.2)


def _finish(b: PlanBuilder) -> Plan:
    """Windows on the facades and a table in every conversation room, then the Plan."""
    b.facade_windows()
    for rid, room in b.rooms.items():
        if room.kind == K.meeting_room:
            b.table_in(rid)
    return b.build()


# ---------------------------------------------------------------------------
# The four options
# ---------------------------------------------------------------------------


def baseline() -> Plan:
    """Today's layout: tall counter, a crowded waiting area with conversation rooms opening onto it."""
    b = PlanBuilder(
        "Jobcenter Åby – nuværende indretning",
        "Nuværende indretning: høj skranke, tæt venteområde, samtalerum med dør direkte ud til venteområdet, "
        "intet stille rum og ingen planter.",
    )
    _common_skeleton(b)
    _entrance_and_reception(b, counter_mm=TALL_COUNTER_MM)
    # Front: job café with two conversation rooms off it; waiting area with five off it.
    b.rect("sr7", K.meeting_room, "Samtalerum 7", 12, 0, 16, 4, capacity=3)
    b.rect("sr8", K.meeting_room, "Samtalerum 8", 16, 0, 20, 4, capacity=3)
    b.rect("jobcafe", K.job_search, "Jobcafé", 12, 4, 20, 12, capacity=12)
    b.rect("venteomraade", K.waiting, "Venteområde", 27, 4, 37, 12)
    b.rect("sr1", K.meeting_room, "Samtalerum 1", 27, 0, 30.4, 4, capacity=3)
    b.rect("sr2", K.meeting_room, "Samtalerum 2", 30.4, 0, 33.7, 4, capacity=3)
    b.rect("sr3", K.meeting_room, "Samtalerum 3", 33.7, 0, 37, 4, capacity=3)
    b.rect("sr4", K.meeting_room, "Samtalerum 4", 37, 4, 41, 8, capacity=4)
    b.rect("sr5", K.meeting_room, "Samtalerum 5", 37, 8, 41, 12, capacity=4)
    b.rect("sr6", K.meeting_room, "Samtalerum 6", 37, 0, 41, 4, capacity=3)
    b.rect("gang_syd", K.corridor, "Gang (sydøst)", 41, 0, 42.6, 12)
    b.rect("sr9", K.meeting_room, "Samtalerum 9", 42.6, 0, 48, 3, capacity=2)
    b.rect("sr10", K.meeting_room, "Samtalerum 10", 42.6, 3, 48, 6, capacity=2)
    b.rect("grupperum1", K.group_room, "Grupperum 1", 42.6, 6, 48, 12, capacity=12)
    # Back zone.
    b.rect("grupperum2", K.group_room, "Grupperum 2", 25.4, 14, 33, 19, capacity=10)
    b.rect("kopirum", K.storage, "Kopirum", 33, 14, 37, 19)
    b.rect("personale_wc", K.wc, "Personale-WC", 37, 14, 40, 16.6, public=False)
    b.rect("garderobe", K.storage, "Garderobe", 37, 16.6, 40, 19)
    b.rect("arkiv", K.storage, "Arkiv", 40, 14, 43.0, 19)
    b.rect("kontor_ledelse", K.open_office, "Kontor – ledelse", 22, 20.6, 28, 26, capacity=3)
    b.rect("kontor_nord2", K.open_office, "Kontor – Team Nord 2", 28, 20.6, 43.0, 26, capacity=10)
    b.rect("kontor_ost", K.open_office, "Kontor – Team Øst", 44.6, 14, 48, 26, capacity=5)

    b.door("sr7", "jobcafe")
    b.door("sr8", "jobcafe")
    b.door("jobcafe", "reception", 6)
    b.door("jobcafe", "gang", 16)
    b.opening("reception", "venteomraade", 8, 6)
    b.door("venteomraade", "gang", 35)
    for rid in ("sr1", "sr2", "sr3", "sr4", "sr5"):
        b.door(rid, "venteomraade")
    b.door("sr6", "gang_syd")
    b.opening("gang_syd", "gang")
    for rid in ("sr9", "sr10", "grupperum1"):
        b.door(rid, "gang_syd")
    b.door("wc1", "gang", leaf=0.9, clear=0.8)
    b.door("wc2", "gang", leaf=0.9, clear=0.8)
    b.door("grupperum2", "gang")
    b.door("kopirum", "gang")
    b.door("personale_wc", "gang", leaf=0.9, clear=0.8)
    b.door("garderobe", "gang_nord")
    b.door("arkiv", "gang_ost")
    b.door("kontor_ledelse", "gang_nord")
    b.door("kontor_nord2", "gang_nord", 36)
    b.door("kontor_ost", "gang_ost", 17)

    # A dense waiting area: 4 rows of 16 chairs, 0.55 m apart.
    xs = [28.0 + 0.55 * i for i in range(16)]
    b.set_capacity("venteomraade", b.seats(xs, [5.8, 6.4, 8.8, 9.4]))
    for x in (13, 16.4):
        b.block("table", x, 8.5, x + 2.6, 9.3)  # PC tables in the job café
    b.block("table", 44, 8.4, 46.6, 9.6)
    b.block("table", 27.5, 16, 31, 17.2)
    return _finish(b)


def option_a() -> Plan:
    """The calm option: low reception, green oasis by the waiting area, quiet nooks far from the entrance."""
    b = PlanBuilder(
        "Option A – Rolige nicher og uformel modtagelse",
        "Lav, uformel modtagelse; luftigt venteområde med udsyn til en grøn oase; samtalerum bag en gang; "
        "tre stille rum med vindue mod parken, langt fra indgangen.",
    )
    _common_skeleton(b)
    _entrance_and_reception(b, counter_mm=LOW_COUNTER_MM)
    b.rect("jobcafe", K.job_search, "Jobcafé", 12, 0, 20, 12, capacity=12)
    b.rect("venteomraade", K.waiting, "Venteområde", 27, 0, 37, 12)
    b.rect("groen_oase", K.green_area, "Grøn oase", 37, 4, 48, 12, capacity=8)
    b.rect("hc_toilet_vent", K.wc_accessible, "Handicaptoilet ved venteområdet", 37, 0, 40, 4)
    b.rect("wc_vent", K.wc, "WC", 40, 0, 42.4, 4)
    b.rect("barnevogne", K.storage, "Barnevogne og overtøj", 42.4, 0, 48, 4, public=True)
    # Back zone: conversation rooms behind the corridors, quiet nooks at the far north-east.
    b.rect("grupperum1", K.group_room, "Grupperum 1", 25.4, 14, 33, 19, capacity=10)
    b.rect("grupperum2", K.group_room, "Grupperum 2", 33, 14, 40, 19, capacity=10)
    b.rect("sr8", K.meeting_room, "Samtalerum 8", 40, 14, 43.0, 19, capacity=4)
    for i in range(6):
        x = 22 + 3 * i
        b.rect(f"sr{i + 1}", K.meeting_room, f"Samtalerum {i + 1}", x, 20.6, x + 3, 26, capacity=3)
    b.rect("sr7", K.meeting_room, "Samtalerum 7", 40, 20.6, 43.0, 26, capacity=4)
    b.rect("depot2", K.storage, "Depot 2", 44.6, 14, 48, 18.2)
    b.rect("stille3", K.quiet_nook, "Stille rum 3", 44.6, 18.2, 48, 20.8, capacity=1)
    b.rect("stille2", K.quiet_nook, "Stille rum 2", 44.6, 20.8, 48, 23.4, capacity=1)
    b.rect("stille1", K.quiet_nook, "Stille rum 1", 44.6, 23.4, 48, 26, capacity=1)

    b.door("jobcafe", "reception", 8)
    b.door("jobcafe", "gang", 16)
    b.opening("reception", "venteomraade", 8, 6)
    b.door("venteomraade", "gang", 32)
    b.opening("venteomraade", "groen_oase", 8, 6)
    b.door("hc_toilet_vent", "venteomraade", 2, leaf=1.1, clear=1.0)
    b.door("wc_vent", "groen_oase")
    b.door("barnevogne", "groen_oase", 44)
    b.door("wc1", "gang")
    b.door("wc2", "gang")
    b.door("grupperum1", "gang")
    b.door("grupperum2", "gang")
    b.door("sr8", "gang_ost")
    for i in range(1, 8):
        b.door(f"sr{i}", "gang_nord")
    b.door("depot2", "gang_ost")
    for rid in ("stille1", "stille2", "stille3"):
        b.door(rid, "gang_ost")

    # A roomy waiting area: small groups of chairs and a row facing the green oasis.
    seats = 0
    for cx, cy in ((29.5, 2.4), (33.5, 2.4), (29.5, 9.6), (33.5, 9.6)):
        seats += b.seats([cx - 0.7, cx + 0.7], [cy - 0.7, cy + 0.7])
        b.block("table", cx - 0.3, cy - 0.3, cx + 0.3, cy + 0.3)
    seats += b.seats([35.6], [4.8, 5.9, 7.0, 8.1, 9.2])  # facing the green oasis
    seats += b.seats([28.2, 30.0, 32.0], [6.0])  # solo chairs
    seats += b.seats([31.0, 32.0], [0.7])  # by the street window
    seats += b.seats([28.5, 29.5, 34.5, 35.5], [11.3])
    b.set_capacity("venteomraade", seats)
    for x, y in ((27.6, 0.5), (36.4, 0.5), (27.6, 11.4)):
        b.point("plant", x, y)
    # The green oasis: plants along the park windows and a few armchairs among them.
    for y in (4.8, 6.4, 8.0, 9.6, 11.2):
        b.point("plant", 47.3, y)
    for x in (39.0, 41.5, 44.0):
        b.point("plant", x, 11.4)
    b.point("plant", 39.0, 4.6)
    b.point("plant", 42.0, 4.6)
    b.seats([41.0, 43.0, 45.0], [6.6, 8.8])
    b.seats([38.8], [7.7])
    b.seats([39.6], [7.7])
    for rid in ("stille1", "stille2", "stille3"):
        c = b._geom(rid).centroid
        b.point("seat", c.x + 0.6, c.y)
        b.point("plant", 47.5, c.y - 0.9)
    for x in (13, 16.4):
        b.block("table", x, 5.5, x + 2.6, 6.3)
    b.block("table", 27.5, 16, 31, 17.2)
    b.block("table", 34.8, 16, 38.2, 17.2)
    return _finish(b)


def option_b() -> Plan:
    """A green oasis and daylight, but a quiet nook by the entrance, a narrow door and a threshold."""
    b = PlanBuilder(
        "Option B – Grøn oase",
        "Stor grøn oase med planter og dagslys ved venteområdet. Bevidste mangler: det stille rum ligger lige "
        "ved indgangen i fuld udsyn, Samtalerum 2 har en smal dør (0,75 m fri bredde), og døren til "
        "Grupperum 1 har et 25 mm dørtrin.",
    )
    _common_skeleton(b)
    _entrance_and_reception(b, counter_mm=TALL_COUNTER_MM, nook_corner=True)
    b.rect("stille_rum", K.quiet_nook, "Stille rum", 20, 4, 22.4, 7.6, capacity=1)
    b.rect("jobcafe", K.job_search, "Jobcafé", 12, 0, 20, 12, capacity=12)
    b.rect("venteomraade", K.waiting, "Venteområde", 27, 4, 37, 12)
    b.rect("sr1", K.meeting_room, "Samtalerum 1", 27, 0, 30.4, 4, capacity=3)
    b.rect("sr2", K.meeting_room, "Samtalerum 2", 30.4, 0, 33.7, 4, capacity=3)
    b.rect("sr3", K.meeting_room, "Samtalerum 3", 33.7, 0, 37, 4, capacity=3)
    b.rect("groen_oase", K.green_area, "Grøn oase", 37, 4, 48, 12, capacity=8)
    b.rect("hc_toilet_vent", K.wc_accessible, "Handicaptoilet ved venteområdet", 37, 0, 40, 4)
    b.rect("wc_vent", K.wc, "WC", 40, 0, 42.4, 4)
    b.rect("barnevogne", K.storage, "Barnevogne og overtøj", 42.4, 0, 48, 4, public=True)
    b.rect("grupperum1", K.group_room, "Grupperum 1", 25.4, 14, 33, 19, capacity=10)
    b.rect("grupperum2", K.group_room, "Grupperum 2", 33, 14, 40, 19, capacity=10)
    b.rect("arkiv", K.storage, "Arkiv", 40, 14, 43.0, 19)
    for i in range(6):
        x = 22 + 3 * i
        b.rect(f"sr{i + 4}", K.meeting_room, f"Samtalerum {i + 4}", x, 20.6, x + 3, 26, capacity=3)
    b.rect("sr10", K.meeting_room, "Samtalerum 10", 40, 20.6, 43.0, 26, capacity=4)
    b.rect("kontor_ost", K.open_office, "Kontor – Team Øst", 44.6, 14, 48, 26, capacity=5)

    b.opening("stille_rum", "reception", 5.8, 2.4)  # open to the reception: seen from the door and the waiting area
    b.door("jobcafe", "reception", 10)
    b.door("jobcafe", "gang", 16)
    b.opening("reception", "venteomraade", 8, 6)
    b.door("venteomraade", "gang", 32)
    b.opening("venteomraade", "groen_oase", 8, 6)
    b.door("sr1", "venteomraade")
    b.door("sr2", "venteomraade", leaf=0.8, clear=0.75)  # deliberate flaw: too narrow for a wheelchair
    b.door("sr3", "venteomraade")
    b.door("hc_toilet_vent", "groen_oase", 38.5, leaf=1.1, clear=1.0)
    b.door("wc_vent", "groen_oase")
    b.door("barnevogne", "groen_oase", 44)
    b.door("wc1", "gang")
    b.door("wc2", "gang")
    b.door("grupperum1", "gang", threshold_mm=25)  # deliberate flaw: an old raised threshold
    b.door("grupperum2", "gang")
    b.door("arkiv", "gang_ost")
    for i in range(4, 11):
        b.door(f"sr{i}", "gang_nord")
    b.door("kontor_ost", "gang_ost", 17)

    # A medium-dense waiting area: 4 rows of 11 chairs, 0.75 m apart.
    xs = [28.5 + 0.75 * i for i in range(11)]
    b.set_capacity("venteomraade", b.seats(xs, [5.8, 6.5, 9.0, 9.7]))
    b.point("seat", 21.2, 5.8)  # the armchair in the quiet nook
    b.point("plant", 27.6, 11.4)
    b.point("plant", 36.4, 11.4)
    for y in (4.8, 6.4, 8.0, 9.6, 11.2):
        b.point("plant", 47.3, y)
    for x in (39.0, 41.5, 44.0):
        b.point("plant", x, 11.4)
    for x in (39.0, 42.0, 45.0):
        b.point("plant", x, 4.6)
    b.seats([41.0, 43.0, 45.0], [6.6, 8.8])
    b.seats([38.8, 39.6], [7.7])
    for x in (13, 16.4):
        b.block("table", x, 5.5, x + 2.6, 6.3)
    b.block("table", 27.5, 16, 31, 17.2)
    b.block("table", 34.8, 16, 38.2, 17.2)
    return _finish(b)


def option_c() -> Plan:
    """Open plan: job café, reception and waiting area in one space; dense, accessible, not calm."""
    b = PlanBuilder(
        "Option C – Åbent landskab",
        "Jobcafé, reception og venteområde er åbnet op til ét stort rum. Tilgængeligt, men tæt og uroligt: "
        "intet stille rum, samtalerum direkte ud til venteområdet og kun to planter.",
    )
    _common_skeleton(b)
    _entrance_and_reception(b, counter_mm=850)
    b.rect("jobcafe", K.job_search, "Jobcafé", 12, 0, 20, 12, capacity=16)
    b.rect("venteomraade", K.waiting, "Venteområde", 27, 4, 37, 12)
    b.rect("sr1", K.meeting_room, "Samtalerum 1", 27, 0, 30.4, 4, capacity=3)
    b.rect("sr2", K.meeting_room, "Samtalerum 2", 30.4, 0, 33.7, 4, capacity=3)
    b.rect("sr3", K.meeting_room, "Samtalerum 3", 33.7, 0, 37, 4, capacity=3)
    b.rect("sr4", K.meeting_room, "Samtalerum 4", 37, 4, 41, 8, capacity=4)
    b.rect("sr5", K.meeting_room, "Samtalerum 5", 37, 8, 41, 12, capacity=4)
    b.rect("sr6", K.meeting_room, "Samtalerum 6", 37, 0, 41, 4, capacity=3)
    b.rect("gang_syd", K.corridor, "Gang (sydøst)", 41, 0, 42.6, 12)
    b.rect("sr7", K.meeting_room, "Samtalerum 7", 42.6, 0, 48, 3, capacity=2)
    b.rect("sr8", K.meeting_room, "Samtalerum 8", 42.6, 3, 48, 6, capacity=2)
    b.rect("grupperum1", K.group_room, "Grupperum 1", 42.6, 6, 48, 12, capacity=12)
    b.rect("grupperum2", K.group_room, "Grupperum 2", 25.4, 14, 33, 19, capacity=10)
    b.rect("kopirum", K.storage, "Kopirum", 33, 14, 37, 19)
    b.rect("personale_wc", K.wc, "Personale-WC", 37, 14, 40, 16.6, public=False)
    b.rect("garderobe", K.storage, "Garderobe", 37, 16.6, 40, 19)
    b.rect("sr9", K.meeting_room, "Samtalerum 9", 40, 14, 43.0, 19, capacity=4)
    b.rect("kontor_ledelse", K.open_office, "Kontor – ledelse", 22, 20.6, 28, 26, capacity=3)
    b.rect("kontor_nord2", K.open_office, "Kontor – Team Nord 2", 28, 20.6, 43.0, 26, capacity=10)
    b.rect("kontor_ost", K.open_office, "Kontor – Team Øst", 44.6, 14, 48, 26, capacity=5)

    b.opening("jobcafe", "reception", 8, 7.6)
    b.opening("reception", "venteomraade", 8, 7.6)
    b.door("jobcafe", "gang", 16)
    b.door("venteomraade", "gang", 35)
    for rid in ("sr1", "sr2", "sr3", "sr4", "sr5"):
        b.door(rid, "venteomraade")
    b.door("sr6", "gang_syd")
    b.opening("gang_syd", "gang")
    for rid in ("sr7", "sr8", "grupperum1"):
        b.door(rid, "gang_syd")
    b.door("wc1", "gang")
    b.door("wc2", "gang")
    b.door("grupperum2", "gang")
    b.door("kopirum", "gang")
    b.door("personale_wc", "gang")
    b.door("garderobe", "gang_nord")
    b.door("sr9", "gang_ost")
    b.door("kontor_ledelse", "gang_nord")
    b.door("kontor_nord2", "gang_nord", 36)
    b.door("kontor_ost", "gang_ost", 17)

    # The densest waiting area: 5 rows of 14 chairs, 0.6 m apart.
    xs = [28.1 + 0.6 * i for i in range(14)]
    b.set_capacity("venteomraade", b.seats(xs, [5.2, 5.8, 7.8, 8.4, 10.4]))
    b.point("plant", 27.6, 11.4)
    b.point("plant", 36.4, 11.4)
    for x in (13, 16.4):
        for y in (5.5, 8.5):
            b.block("table", x, y, x + 2.6, y + 0.8)
    b.block("table", 44, 8.4, 46.6, 9.6)
    b.block("table", 27.5, 16, 31, 17.2)
    return _finish(b)


PLAN_BUILDERS = {"baseline": baseline, "option_a": option_a, "option_b": option_b, "option_c": option_c}


def build_all() -> dict[str, Plan]:
    return {name: make() for name, make in PLAN_BUILDERS.items()}


def write_all(directory: Path | None = None) -> list[Path]:
    """Write every sample next to this module (or into ``directory``); returns the paths."""
    target = directory or Path(__file__).resolve().parent
    paths = []
    for name, plan in build_all().items():
        path = target / f"{name}.geojson"
        write_plan(plan, path)
        paths.append(path)
    return paths


def main() -> int:
    from floorplans.problems import errors_only
    from floorplans.validation import validate_plan

    status = 0
    for name, plan in build_all().items():
        errors = errors_only(validate_plan(plan))
        if errors:
            status = 2
            for problem in errors:
                print(f"{name}: {problem.feature_id}: {problem.message}", file=sys.stderr)
    if status:
        return status
    for path in write_all():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
