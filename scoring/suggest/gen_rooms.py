"""Room edits: an absorbent finish; swap the uses of two rooms; turn a room into a quiet nook or move the nook."""

from __future__ import annotations

from floorplans.model import AcousticFinish, Plan, Room, RoomKind, evolve

from .context import KIND_DA, KIND_EN, Context
from .edits import Edit, replaced

__all__ = ["absorbent_finishes", "swap_uses", "nook_edits", "NOOK_NAME"]

#: Uses that can change rooms: the entrance, reception, corridors, WCs, stairs and lifts stay where they are.
MOVABLE_USES = frozenset({RoomKind.waiting, RoomKind.quiet_nook, RoomKind.green_area, RoomKind.meeting_room,
                          RoomKind.group_room, RoomKind.job_search, RoomKind.play_area})
#: Two rooms are of compatible size when the larger is at most this many times the smaller.
SIZE_RATIO = 1.5
#: A quiet nook for one to three people: floor area, m².
NOOK_AREA = (5.0, 25.0)
#: What a new quiet nook is called (plans are in Danish).
NOOK_NAME = "Stille krog"
FINISH_AFFECTS = ("reverberation", "noise-separation", "meeting-privacy")
#: What a change of use is screened on (the full report decides): the criteria that read room kinds most.
USE_AFFECTS = ("quiet-refuge", "meeting-privacy", "meeting-sightlines", "wayfinding", "route-length", "waiting-density",
               "welcome", "green-exposure", "daylight", "view-out")
#: Moving the nook: screened on what a nook and a conversation room are judged by.
NOOK_AFFECTS = ("quiet-refuge", "meeting-privacy", "meeting-sightlines", "wayfinding", "route-length")
MAX_FINISH, MAX_SWAPS, MAX_NOOKS = 4, 4, 5


def absorbent_finishes(plan: Plan, ctx: Context) -> list[Edit]:
    flagged = ctx.flagged(FINISH_AFFECTS)
    edits = []
    for room in plan.rooms:
        if room.acoustic_finish == AcousticFinish.absorbent or not ctx.free(room.id):
            continue
        if room.id not in flagged:
            continue
        new = evolve(room, acoustic_finish=AcousticFinish.absorbent)
        edits.append(Edit(
            op="absorbent-finish", features=(room.id,),
            en=f"Give {room.label} an absorbent finish (class A ceiling and wall panels)",
            da=f"Giv {room.label} en lyddæmpende overflade (klasse A-loft og vægabsorbenter)",
            apply=replaced(new), affects=FINISH_AFFECTS,
            priority=0 if room.id in flagged else 1,
        ))
    edits.sort(key=lambda e: (e.priority, -plan.room(e.features[0]).geometry.area, e.key))
    return edits[:MAX_FINISH]


def _swapped(a: Room, b: Room) -> tuple[Room, Room]:
    """The two rooms with their uses exchanged: kind, name, capacity and public flag."""
    def use(r: Room) -> dict[str, object]:
        return {"kind": r.kind, "name": r.name, "capacity": r.capacity, "public": r.public}

    return evolve(a, **use(b)), evolve(b, **use(a))


def _swap_edit(a: Room, b: Room, op: str, en: str, da: str, priority: int) -> Edit:
    na, nb = _swapped(a, b)
    return Edit(op=op, features=(a.id, b.id), en=en, da=da,
                apply=replaced(na, nb), affects=NOOK_AFFECTS if op == "move-nook" else USE_AFFECTS, priority=priority)


def _movable(room: Room) -> bool:
    return room.kind in MOVABLE_USES and room.is_public


def swap_uses(plan: Plan, ctx: Context) -> list[Edit]:
    """Two public rooms of compatible size and different use exchange their uses (the nook's moves are nook_edits)."""
    rooms = sorted((r for r in plan.rooms if _movable(r) and r.kind != RoomKind.quiet_nook and ctx.free(r.id)), key=lambda r: r.id)
    flagged = ctx.flagged(c.id for c in ctx.report.area("calmness"))
    edits = []
    for i, a in enumerate(rooms):
        for b in rooms[i + 1:]:
            if a.kind == b.kind:
                continue
            big, small = max(a.geometry.area, b.geometry.area), min(a.geometry.area, b.geometry.area)
            if small <= 0 or big / small > SIZE_RATIO:
                continue
            edits.append(_swap_edit(
                a, b, "swap-uses",
                f"Swap the uses of {a.label} ({KIND_EN[a.kind]}) and {b.label} ({KIND_EN[b.kind]})",
                f"Byt om på brugen af {a.label} ({KIND_DA[a.kind]}) og {b.label} ({KIND_DA[b.kind]})",
                priority=0 if (a.id in flagged or b.id in flagged) else 1))
    return sorted(edits, key=lambda e: (e.priority, e.key))[:MAX_SWAPS]


def _nook_size(room: Room) -> bool:
    return NOOK_AREA[0] <= room.geometry.area <= NOOK_AREA[1]


def _far_first(plan: Plan, rooms: list[Room]) -> list[Room]:
    """Rooms farthest (straight line) from the public entrances first: candidates for a refuge."""
    doors = [d.midpoint for d in plan.entrances]
    if not doors:
        return sorted(rooms, key=lambda r: r.id)
    return sorted(rooms, key=lambda r: (-round(min(d.distance(r.geometry.centroid) for d in doors), 1), r.id))


def nook_edits(plan: Plan, ctx: Context) -> list[Edit]:
    """Without a quiet nook: turn a spare room of nook size into one. With one: move it into another room of nook size."""
    nooks = plan.rooms_of_kind(RoomKind.quiet_nook)
    edits: list[Edit] = []
    if not nooks:
        counts: dict[RoomKind, int] = {}
        for r in plan.rooms:
            counts[r.kind] = counts.get(r.kind, 0) + 1
        spare = [r for r in plan.rooms if _movable(r) and counts[r.kind] >= 2 and _nook_size(r) and ctx.free(r.id)
                 and r.kind in (RoomKind.meeting_room, RoomKind.group_room)]
        for r in _far_first(plan, spare)[:MAX_NOOKS]:
            new = evolve(r, kind=RoomKind.quiet_nook, name=NOOK_NAME, capacity=min(r.capacity or 2, 2))
            edits.append(Edit(
                op="make-nook", features=(r.id,),
                en=f"Turn {r.label} into a quiet nook ({NOOK_NAME}) with an armchair instead of the meeting table",
                da=f"Lav {r.label} om til en stille krog ({NOOK_NAME}) med en lænestol i stedet for mødebordet",
                apply=replaced(new), affects=USE_AFFECTS))
        return edits
    for nook in sorted(nooks, key=lambda r: r.id):
        if not ctx.free(nook.id):
            continue
        targets = [r for r in plan.rooms if _movable(r) and r.kind != RoomKind.quiet_nook and _nook_size(r) and ctx.free(r.id)]
        for r in _far_first(plan, targets)[:MAX_NOOKS]:
            edits.append(_swap_edit(
                nook, r, "move-nook",
                f"Move the quiet nook {nook.label} into {r.label}, and {r.label} ({KIND_EN[r.kind]}) into the nook's room",
                f"Flyt den stille krog {nook.label} over i {r.label}, og {r.label} ({KIND_DA[r.kind]}) over i krogens rum",
                priority=0))
    return edits
