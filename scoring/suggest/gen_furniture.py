"""Furniture edits: plants where the findings see no green, seats by the entrance, a low section on a tall counter."""

from __future__ import annotations

import math

import numpy as np
from shapely.geometry import Point, Polygon

from floorplans.editing import new_id
from floorplans.model import Door, Furniture, Opening, Plan, Room, RoomKind, evolve

from .context import Context, door_rooms, num_da
from .edits import Edit, added, replaced
from .places import free_spots

__all__ = ["add_plants", "add_screens", "add_seats", "low_counters", "thin_seats"]

PLANTS_PER_EDIT = 3
SEATS_PER_EDIT = 2
COUNTER_TYPES = frozenset({"counter", "reception_counter", "reception_desk", "desk_counter"})
SEAT_TYPES = frozenset({"seat", "chair", "sofa", "bench", "armchair", "stool"})
PLANT_AFFECTS = ("green-exposure", "quiet-refuge", "view-out")
COUNTER_AFFECTS = ("reception-counter", "welcome")
SEAT_AFFECTS = ("welcome", "waiting-density", "quiet-refuge")
#: Rooms where plants are worth suggesting: where visitors spend time.
GREEN_KINDS = frozenset({RoomKind.entrance, RoomKind.reception, RoomKind.waiting, RoomKind.job_search,
                         RoomKind.quiet_nook, RoomKind.group_room, RoomKind.play_area})
MAX_PLANTS = 2
#: Floor per seat a thinned-out waiting area gets, m² (between the AusHFG guide of 1.5 and a roomy 2.5).
THIN_TO_M2 = 2.0
THIN_AFFECTS = ("waiting-density", "quiet-refuge", "welcome")
#: A screen stands this far inside a conversation room's door, this much wider than the door, m.
SCREEN_SET_BACK, SCREEN_OVERHANG, SCREEN_THICKNESS = 1.1, 0.3, 0.06
SCREEN_AFFECTS = ("meeting-sightlines", "turning-space", "step-free-route")
#: Rooms people wait in or walk through, from where a conversation room should not be seen into.
LOOKING_IN = frozenset({RoomKind.waiting, RoomKind.entrance, RoomKind.reception, RoomKind.corridor})
MAX_SCREENS = 3


def _furnish(plan: Plan, room: Room, kind: str, count: int, op: str, en: str, da: str,
             affects: tuple[str, ...]) -> Edit | None:
    """``count`` new pieces of ``kind`` on free spots of the room, as one edit; None when the room has no room for them.
    ``en``/``da`` take ``{n}`` (how many) and ``{room}`` (its label)."""
    spots = free_spots(plan, room, count)
    if len(spots) < count:
        return None
    taken: list[str] = []
    items = []
    for xy in spots:
        fid = new_id(plan, "furniture", taken)
        taken.append(fid)
        items.append(Furniture(id=fid, type=kind, point=xy))
    words = {"n": len(items), "room": room.label}
    return Edit(op=op, features=(room.id, *taken), en=en.format(**words), da=da.format(**words),
                apply=added(items), affects=affects, geometric=True)


def add_plants(plan: Plan, ctx: Context) -> list[Edit]:
    flagged = ctx.flagged(PLANT_AFFECTS)
    rooms = [r for r in plan.rooms if r.kind in GREEN_KINDS and r.is_public and r.id in flagged and ctx.free(r.id)]
    edits = []
    for room in sorted(rooms, key=lambda r: (-round(r.geometry.area, 1), r.id))[:MAX_PLANTS]:
        edit = _furnish(plan, room, "plant", PLANTS_PER_EDIT, "add-plants",
                        "Put {n} large plants in {room}, in its corners away from the doors",
                        "Stil {n} store planter i {room}, i hjørnerne væk fra dørene", PLANT_AFFECTS)
        if edit is not None:
            edits.append(edit)
    return edits


def add_seats(plan: Plan, ctx: Context) -> list[Edit]:
    """Seats in the entrance room where it has none (somewhere to sit straight away)."""
    edits = []
    for room in sorted(plan.rooms_of_kind(RoomKind.entrance, RoomKind.reception), key=lambda r: r.id):
        if not ctx.free(room.id) or not room.is_public:
            continue
        if any(f.type.lower() in SEAT_TYPES and room.geometry.covers(f.geometry) for f in plan.furniture):
            continue
        edit = _furnish(plan, room, "seat", SEATS_PER_EDIT, "add-seats",
                        "Put {n} chairs in {room}, so visitors can sit down as soon as they arrive",
                        "Stil {n} stole i {room}, så man kan sætte sig, så snart man kommer ind", SEAT_AFFECTS)
        if edit is not None:
            edits.append(edit)
    return edits[:2]


def low_counters(plan: Plan, ctx: Context) -> list[Edit]:
    """A lowered section on each reception counter that has none: wheelchair height, and no barrier at the door."""
    max_h = ctx.profile.counter_max_height.value
    min_len = ctx.profile.counter_min_length.value
    receptions = [r.geometry for r in plan.rooms_of_kind(RoomKind.reception)]
    edits = []
    for f in sorted(plan.furniture, key=lambda f: f.id):
        if f.type.lower() not in COUNTER_TYPES or f.extra.get("low_section") is True or not ctx.free(f.id):
            continue
        if not any(g.intersects(f.geometry) for g in receptions):
            continue
        height = f.extra.get("height")
        if isinstance(height, (int, float)) and not isinstance(height, bool) and height <= max_h:
            continue
        low_h, low_len = round(min(0.75, max_h), 3), round(max(0.9, min_len), 3)
        new = evolve(f, extra={**f.extra, "low_section": True, "low_section_height": low_h, "low_section_length": low_len})
        edits.append(Edit(
            op="low-counter", features=(f.id,),
            en=f"Lower a {low_len:.2f} m stretch of counter {f.id} to {low_h:.2f} m, to sit at eye level",
            da=f"Sænk {num_da(low_len)} m af skranken {f.id} til {num_da(low_h)} m, så man kan sidde i øjenhøjde",
            apply=replaced(new), affects=COUNTER_AFFECTS))
    return edits


def _crowded_first(seats: list[Furniture], n: int) -> list[Furniture]:
    """The ``n`` seats to take out: each time the one with the nearest neighbour (to the mm; ties by id)."""
    ids = [f.id for f in seats]
    xy = np.array([(f.geometry.centroid.x, f.geometry.centroid.y) for f in seats], dtype=float).reshape(-1, 2)
    dist = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    np.fill_diagonal(dist, np.inf)
    alive = np.ones(len(ids), dtype=bool)
    out: set[str] = set()
    for _ in range(min(n, len(ids))):
        nearest = np.where(alive[None, :], dist, np.inf).min(axis=1)
        victim = min((i for i in range(len(ids)) if alive[i]), key=lambda i: (round(float(nearest[i]), 3), ids[i]))
        alive[victim] = False
        out.add(ids[victim])
    return [f for f in seats if f.id in out]


def _without(room: Room, ids: frozenset[str], capacity: int | None):
    def apply(plan: Plan) -> Plan:
        kept = tuple(f for f in plan.furniture if f.id not in ids)
        new = plan.replace(furniture=kept)
        return new.with_feature(evolve(room, capacity=capacity)) if capacity != room.capacity else new

    return apply


def thin_seats(plan: Plan, ctx: Context) -> list[Edit]:
    """Fewer chairs in a crowded waiting area: the most crowded ones go until each has 2 m² of floor."""
    edits = []
    for room in sorted(plan.rooms_of_kind(RoomKind.waiting), key=lambda r: r.id):
        seats = [f for f in plan.furniture if f.type.lower() in SEAT_TYPES and f.point is not None
                 and room.geometry.covers(f.geometry)]
        keep = max(1, math.floor(room.geometry.area / THIN_TO_M2))
        if len(seats) <= keep or not ctx.free(room.id):
            continue
        gone = [f for f in _crowded_first(sorted(seats, key=lambda f: f.id), len(seats) - keep) if ctx.free(f.id)]
        if len(gone) != len(seats) - keep:
            continue
        capacity = keep if room.capacity is not None and room.capacity > keep else room.capacity
        edits.append(Edit(
            op="thin-seats", features=(room.id, *sorted(f.id for f in gone)),
            en=f"Take {len(gone)} of the {len(seats)} chairs out of {room.label}, the most crowded first "
               f"({room.geometry.area / keep:.1f} m² a seat instead of {room.geometry.area / len(seats):.1f})",
            da=f"Tag {len(gone)} af de {len(seats)} stole ud af {room.label}, de tættest placerede først "
               f"({num_da(room.geometry.area / keep, 1)} m² pr. plads i stedet for {num_da(room.geometry.area / len(seats), 1)})",
            apply=_without(room, frozenset(f.id for f in gone), capacity), affects=THIN_AFFECTS))
    return edits


def _screen_ring(room: Room, passage: Door | Opening) -> list[tuple[float, float]] | None:
    """A thin screen inside the room, parallel to the passage and set back from it; None where it does not fit."""
    (x1, y1), (x2, y2) = passage.points
    length = passage.length
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    nx, ny = -uy, ux
    if not room.geometry.contains(Point(mx + 0.1 * nx, my + 0.1 * ny)):
        nx, ny = -nx, -ny
    cx, cy = mx + SCREEN_SET_BACK * nx, my + SCREEN_SET_BACK * ny
    half, t = length / 2 + SCREEN_OVERHANG, SCREEN_THICKNESS / 2
    corners = [(cx + a * half * ux + b * t * nx, cy + a * half * uy + b * t * ny) for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
    ring = [(round(x, 3), round(y, 3)) for x, y in corners]
    ring.append(ring[0])
    return ring if room.geometry.buffer(-0.3).contains(Polygon(ring)) else None


def add_screens(plan: Plan, ctx: Context) -> list[Edit]:
    """A screen inside each conversation room seen into from the waiting area or corridors, in front of that door."""
    flagged = ctx.flagged(("meeting-sightlines",))
    edits = []
    for room in sorted(plan.rooms_of_kind(RoomKind.meeting_room), key=lambda r: r.id):
        if room.id not in flagged or not ctx.free(room.id):
            continue
        rings = []
        passages: tuple[Door | Opening, ...] = (*plan.doors, *plan.openings)
        for passage in passages:
            rooms = door_rooms(plan, passage)
            if room.id in {r.id for r in rooms} and any(r.kind in LOOKING_IN for r in rooms if r.id != room.id):
                ring = _screen_ring(room, passage)
                if ring is not None:
                    rings.append(ring)
        if not rings:
            continue
        taken: list[str] = []
        items = []
        for ring in rings:
            fid = new_id(plan, "furniture", taken)
            taken.append(fid)
            items.append(Furniture(id=fid, type="screen", rings=[ring]))
        edits.append(Edit(
            op="add-screen", features=(room.id, *taken),
            en=f"Stand a screen inside {room.label}, {SCREEN_SET_BACK:g} m in from the door, so the waiting area and "
               f"corridor cannot see in",
            da=f"Stil en skærmvæg inde i {room.label}, {num_da(SCREEN_SET_BACK, 1)} m fra døren, så man ikke kan se ind "
               f"fra venteområdet og gangen",
            apply=added(items), affects=SCREEN_AFFECTS, geometric=True))
        if len(edits) == MAX_SCREENS:
            break
    return edits
