"""Furniture edits: plants where the findings see no green, seats by the entrance, a low section on a tall counter."""

from __future__ import annotations

import math

from floorplans.editing import new_id
from floorplans.model import Furniture, Plan, Room, RoomKind, evolve

from .context import Context, num_da
from .edits import Edit, added, replaced
from .places import free_spots

__all__ = ["add_plants", "add_seats", "low_counters", "thin_seats"]

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


def _add(plan: Plan, kind: str, spots: list[tuple[float, float]]) -> tuple[list[Furniture], tuple[str, ...]]:
    taken: list[str] = []
    items = []
    for xy in spots:
        fid = new_id(plan, "furniture", taken)
        taken.append(fid)
        items.append(Furniture(id=fid, type=kind, point=xy))
    return items, tuple(taken)


def add_plants(plan: Plan, ctx: Context) -> list[Edit]:
    flagged = ctx.flagged(PLANT_AFFECTS)
    rooms = [r for r in plan.rooms if r.kind in GREEN_KINDS and r.is_public and r.id in flagged and ctx.free(r.id)]
    edits = []
    for room in sorted(rooms, key=lambda r: (-round(r.geometry.area, 1), r.id))[:MAX_PLANTS]:
        spots = free_spots(plan, room, PLANTS_PER_EDIT)
        if len(spots) < PLANTS_PER_EDIT:
            continue
        items, ids = _add(plan, "plant", spots)
        edits.append(Edit(
            op="add-plants", features=(room.id, *ids),
            en=f"Put {len(items)} large plants in {room.label}, in its corners away from the doors",
            da=f"Stil {len(items)} store planter i {room.label}, i hjørnerne væk fra dørene",
            apply=added(items), affects=PLANT_AFFECTS, geometric=True))
    return edits


def add_seats(plan: Plan, ctx: Context) -> list[Edit]:
    """Seats in the entrance room where it has none (somewhere to sit straight away)."""
    edits = []
    for room in sorted(plan.rooms_of_kind(RoomKind.entrance, RoomKind.reception), key=lambda r: r.id):
        if not ctx.free(room.id) or not room.is_public:
            continue
        if any(f.type.lower() in SEAT_TYPES and room.geometry.covers(f.geometry) for f in plan.furniture):
            continue
        spots = free_spots(plan, room, SEATS_PER_EDIT)
        if len(spots) < SEATS_PER_EDIT:
            continue
        items, ids = _add(plan, "seat", spots)
        edits.append(Edit(
            op="add-seats", features=(room.id, *ids),
            en=f"Put {len(items)} chairs in {room.label}, so visitors can sit down as soon as they arrive",
            da=f"Stil {len(items)} stole i {room.label}, så man kan sætte sig, så snart man kommer ind",
            apply=added(items), affects=SEAT_AFFECTS, geometric=True))
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
    """The ``n`` seats to take out: each time the one with the nearest neighbour (ties by id)."""
    left = {f.id: f.geometry.centroid for f in seats}
    out = []
    for _ in range(n):
        def crowding(fid: str) -> tuple[float, str]:
            p = left[fid]
            return (round(min((p.distance(q) for k, q in left.items() if k != fid), default=math.inf), 3), fid)
        victim = min(left, key=crowding)
        del left[victim]
        out.append(victim)
    return [f for f in seats if f.id in set(out)]


def _without(room: Room, ids: frozenset[str], capacity: int | None):  # noqa: ANN202 - an apply function
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
