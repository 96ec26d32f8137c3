"""Wall edits: carve a quiet nook out of a corner of a large room, with a new wall and a door."""

from __future__ import annotations

from shapely.geometry import LineString, Polygon, box
from shapely.geometry.polygon import orient

from floorplans.editing import new_id
from floorplans.model import Door, Plan, Room, RoomKind, evolve

from .context import Context, num_da
from .edits import Edit, replaced
from .gen_rooms import NOOK_NAME, USE_AFFECTS

__all__ = ["carve_nooks"]

#: The carved nook, m (about 7.7 m²: an armchair or two and a side table).
NOOK_W, NOOK_D = 2.4, 3.2
#: Rooms large enough to give up a corner, and what they may be.
MIN_AREA = 40.0
CARVE_KINDS = frozenset({RoomKind.waiting, RoomKind.job_search, RoomKind.group_room, RoomKind.green_area,
                         RoomKind.play_area})
#: The new door: leaf and clear width, m.
DOOR_LEAF, DOOR_CLEAR = 1.0, 0.9
#: Keep the corner clear of doors, openings and furniture by this much, m.
CLEAR = 0.15
CARVE_AFFECTS = (*USE_AFFECTS, "reverberation", "noise-separation")
MAX_CARVES = 2


def _rectangle(room: Room) -> tuple[float, float, float, float] | None:
    if len(room.rings) != 1:
        return None
    g = room.geometry
    minx, miny, maxx, maxy = g.bounds
    return (minx, miny, maxx, maxy) if abs(g.area - (maxx - minx) * (maxy - miny)) < 1e-6 else None


def _ring(poly: Polygon) -> list[tuple[float, float]]:
    return [(round(x, 3), round(y, 3)) for x, y in orient(poly, 1.0).exterior.coords]


def _pieces(bounds: tuple[float, float, float, float]) -> list[Polygon]:
    minx, miny, maxx, maxy = bounds
    out = []
    for w, d in ((NOOK_W, NOOK_D), (NOOK_D, NOOK_W)):
        if w > (maxx - minx) / 2 or d > (maxy - miny) / 2:
            continue
        out += [box(minx, miny, minx + w, miny + d), box(maxx - w, miny, maxx, miny + d),
                box(minx, maxy - d, minx + w, maxy), box(maxx - w, maxy - d, maxx, maxy)]
    return out


def _inner_edge(piece: Polygon, room: Polygon) -> LineString | None:
    """The piece's longest edge that runs through the room (the new wall)."""
    coords = list(piece.exterior.coords)
    edges = [LineString([coords[i], coords[i + 1]]) for i in range(len(coords) - 1)]
    inner = [e for e in edges if room.boundary.distance(e.interpolate(0.5, normalized=True)) > 0.01]
    return max(inner, key=lambda e: (round(e.length, 3), e.coords[0]), default=None)


def _clear(plan: Plan, piece: Polygon) -> bool:
    ring = piece.exterior
    if any(f.geometry.distance(ring) < CLEAR for f in (*plan.doors, *plan.openings)):
        return False
    return not any(f.is_obstacle and f.geometry.intersects(piece) for f in plan.furniture)


def carve_nooks(plan: Plan, ctx: Context) -> list[Edit]:
    if plan.rooms_of_kind(RoomKind.quiet_nook):
        return []
    entrances = [d.midpoint for d in plan.entrances]
    edits = []
    rooms = [r for r in plan.rooms if r.kind in CARVE_KINDS and r.is_public and r.geometry.area >= MIN_AREA and ctx.free(r.id)]
    for room in sorted(rooms, key=lambda r: (-round(r.geometry.area, 1), r.id)):
        bounds = _rectangle(room)
        if bounds is None:
            continue
        pieces = [p for p in _pieces(bounds) if _clear(plan, p)]
        if not pieces:
            continue
        # the corner farthest from the public entrances (ties: the first in a fixed order)
        piece = max(pieces, key=lambda p: round(min((e.distance(p.centroid) for e in entrances), default=0.0), 2))
        edge = _inner_edge(piece, room.geometry)
        if edge is None or edge.length < DOOR_LEAF + 0.3:
            continue
        a, b = edge.interpolate(edge.length / 2 - DOOR_LEAF / 2), edge.interpolate(edge.length / 2 + DOOR_LEAF / 2)
        rid = new_id(plan, "room")
        did = new_id(plan, "door")
        rest = room.geometry.difference(piece)
        if not isinstance(rest, Polygon) or rest.is_empty:
            continue
        remainder = evolve(room, rings=[_ring(rest)])
        nook = Room(id=rid, kind=RoomKind.quiet_nook, name=NOOK_NAME, capacity=2, rings=[_ring(piece)])
        door = Door(id=did, points=[(round(a.x, 3), round(a.y, 3)), (round(b.x, 3), round(b.y, 3))], clear_width=DOOR_CLEAR)
        area = piece.area
        edits.append(Edit(
            op="carve-nook", features=(room.id, rid, did),
            en=f"Build a quiet nook ({NOOK_NAME}, {area:.1f} m²) in the corner of {room.label} farthest from the entrance, "
               f"with a new wall and a door ({did})",
            da=f"Byg en stille krog ({NOOK_NAME}, {num_da(area, 1)} m²) i det hjørne af {room.label}, der ligger længst "
               f"fra indgangen, med en ny væg og en dør ({did})",
            apply=replaced(remainder, nook, door), affects=CARVE_AFFECTS, geometric=True))
        if len(edits) == MAX_CARVES:
            break
    return edits
