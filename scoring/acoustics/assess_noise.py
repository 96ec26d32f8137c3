"""Noise at quiet places: the level arriving in each quiet room and conversation room, and what would lower it.

A room is quiet enough when the activity noise arriving from the noisy rooms
(``network``) stays at or below the background its own use allows
(``sources.background_level``: 30 dB(A), BR18's design value for meeting
rooms); it scores 0 at 10 dB above. The loudest path names the noisy room and
the walls, doors and openings the sound crosses; the sentence of what would
help is the best of: a sound-rated door (35 dB) on a door of that path, a wall
with such a door in an opening of it, walls of R'w 52 dB round the room, or an
absorbent finish in it, each traced anew through the plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from floorplans.model import Plan, RoomKind

from .network import Arrival, RoomNoise, level_with, noise_in
from .plan_model import AcousticPlan, Partition, acoustic_plan, acoustic_rooms
from .wording import Text, db, join, ramp

__all__ = ["MARGIN", "RATED_DOOR", "RATED_WALL", "RECEIVER_KINDS", "NoiseResult", "noise_results", "path_text"]

#: Rooms whose quiet is judged.
RECEIVER_KINDS = (RoomKind.quiet_nook, RoomKind.green_area, RoomKind.meeting_room)
#: dB above the background at which the score reaches 0.
MARGIN = 10.0
#: The door and wall ratings suggested (dB).
RATED_DOOR, RATED_WALL = 35.0, 52.0


@dataclass(frozen=True)
class NoiseResult:
    room: str
    label: str
    level: float  # dB(A) arriving, all noisy rooms together
    target: float  # dB(A): the background the room's use allows
    loudest: Arrival | None
    score: float
    suggestion: Text | None = None


def _crossing(ap: AcousticPlan, part: Partition) -> Text:
    """How sound crosses a partition: the opening, the door, or the wall between two rooms."""
    a, b = ap.rooms[part.a].label, ap.rooms[part.b].label
    opening = next((e for e in part.elements if e.kind == "opening"), None)
    if opening is not None:
        return Text(f"the opening {opening.id} between {a} and {b}", f"åbningen {opening.id} mellem {a} og {b}")
    door = max(part.doors, key=lambda e: e.area * 10 ** (-(e.r or 0) / 10), default=None)
    if door is not None:
        r = f"{door.r:.0f} dB"
        return Text(f"door {door.id} ({r}) between {a} and {b}", f"døren {door.id} ({r}) mellem {a} og {b}")
    wall = part.elements[0]
    r = f"{wall.r:.0f} dB" if wall.r is not None else ""
    return Text(f"the wall ({r}) between {a} and {b}", f"væggen ({r}) mellem {a} og {b}")


def path_text(ap: AcousticPlan, arrival: Arrival) -> Text:
    """"from Venteområde through door d15 (25 dB) between …" in both languages."""
    src = ap.rooms[arrival.source].label
    steps = [_crossing(ap, ap.partitions[k]) for k in arrival.path]
    return Text(f"from {src} through " + join([s.en for s in steps], "en"),
                f"fra {src} gennem " + join([s.da for s in steps], "da"))


def _candidates(ap: AcousticPlan, room_id: str, arrival: Arrival) -> list[tuple[Text, dict]]:
    """Changes worth trying for the loudest path: (what, changes for ``with_changes``)."""
    out: list[tuple[Text, dict]] = []
    for k in arrival.path:
        part = ap.partitions[k]
        for e in part.elements:
            if e.kind == "opening":
                out.append((Text(f"a wall with a sound-rated door ({RATED_DOOR:.0f} dB) in opening {e.id}",
                                 f"en væg med en lyddør ({RATED_DOOR:.0f} dB) i åbningen {e.id}"),
                            {"openings": {e.id: RATED_DOOR}}))
            elif e.kind == "door" and (e.r or 0) < RATED_DOOR:
                out.append((Text(f"a sound-rated door ({RATED_DOOR:.0f} dB) on {e.id}", f"en lyddør ({RATED_DOOR:.0f} dB) i {e.id}"),
                            {"doors": {e.id: RATED_DOOR}}))
    room = ap.rooms[room_id]
    last = ap.partitions[arrival.path[-1]] if arrival.path else None
    if last is not None and not last.is_open and not last.doors:
        out.append((Text(f"walls of R'w {RATED_WALL:.0f} dB round {room.label}", f"vægge med R'w {RATED_WALL:.0f} dB omkring {room.label}"),
                    {"walls": {room_id: RATED_WALL}}))
    if room.finish != "absorbent":
        out.append((Text(f"an absorbent finish in {room.label}", f"en absorberende overflade i {room.label}"),
                    {"finishes": {room_id: "absorbent"}}))
    return out


def _suggest(ap: AcousticPlan, noise: RoomNoise, label: str) -> Text | None:
    if not noise.arrivals:
        return None
    best: tuple[float, Text] | None = None
    for what, changes in _candidates(ap, noise.room, noise.arrivals[0]):
        new = level_with(ap.with_changes(**changes), noise)
        if best is None or new < best[0]:
            best = (new, what)
    if best is None or best[0] >= noise.level - 0.5:
        return None
    new, what = best
    return Text(f" {what.en[0].upper()}{what.en[1:]} would bring the level in {label} to {db(new)}.",
                f" {what.da[0].upper()}{what.da[1:]} ville sænke niveauet i {label} til {db(new, 'da')}.")


def noise_results(plan: Plan, skip: frozenset[str] = frozenset(), target: float | None = None,
                  suggest: int = 2) -> list[NoiseResult]:
    """Every quiet and conversation room of the plan (rooms in ``skip`` left out), in plan order.

    ``target``: the level (dB(A)) each room is held to; default the background its use allows.
    The ``suggest`` loudest rooms over it get a sentence of what would help (each costs a few traces).
    """
    receivers = [room for room in acoustic_rooms(plan).values() if room.id not in skip and room.kind in RECEIVER_KINDS]
    if not receivers:
        return []  # nothing to judge: neither the partitions nor the paths are needed
    ap = acoustic_plan(plan)
    noise = noise_in(plan, tuple(room.id for room in receivers))  # the paths into the rooms judged only
    out = []
    for room in receivers:
        n = noise[room.id]
        limit = room.background if target is None else target
        score = ramp(n.level, limit + MARGIN, limit) if math.isfinite(n.level) else 1.0
        out.append(NoiseResult(room=room.id, label=room.label, level=n.level, target=limit,
                               loudest=n.arrivals[0] if n.arrivals else None, score=score))
    worst = sorted((r for r in out if r.score < 1.0), key=lambda r: -r.level)[:suggest]
    helped = {r.room: _suggest(ap, noise[r.room], r.label) for r in worst}
    return [NoiseResult(**{**r.__dict__, "suggestion": helped.get(r.room)}) for r in out]
