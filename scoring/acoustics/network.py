"""The level arriving in every room from every noisy room, and the speech privacy of conversation rooms.

Sound leaves a noisy room through its partitions (walls, doors, openings) and
goes on room by room. Each crossing is a secondary source:
Lw = L(at the partition) − 6 + 10·lg Σ τS (``transmission``), which makes
in a compact room the diffuse level Lw + 10·lg(4/A) (A with what leaves
through the room's own partitions: an opening loses sound too) and in a
corridor or other open room the ISO 3382-3 decay from where it entered
(``propagation``). Through a closed partition this is exactly
D = R' − 10·lg(S/A). A search (Dijkstra on sound power; a crossing never
adds power) keeps, for every noisy room, its loudest path into every room;
the levels of different noisy rooms add as energy.

Speech privacy of a conversation room, per neighbouring room: ASTM E2638's
SPC = LD(avg) + Lb(avg) (``transmission.boundary_level_difference`` for LD at
the weakest element of the partition, ``background_band_average`` for Lb).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from functools import lru_cache

from floorplans.model import Plan

from .plan_model import AcousticPlan, Element, Partition, acoustic_plan
from .propagation import DECAY, open_plan_level
from .transmission import (
    background_band_average,
    boundary_level_difference,
    diffuse_level,
    energy_sum,
    level_difference,
    passed_power_level,
    speech_privacy_class,
)

__all__ = ["Arrival", "Privacy", "RoomNoise", "level_in_room", "noise_map", "noise_map_of", "privacy"]

#: Paths whose power falls below this (dB) are not followed further.
POWER_FLOOR = -20.0


@dataclass(frozen=True)
class Arrival:
    """What one noisy room contributes to a room: the level (dB(A)) and the partitions crossed, source first."""

    source: str
    level: float
    path: tuple[int, ...]


@dataclass(frozen=True)
class RoomNoise:
    """The level arriving in a room (dB(A), energy sum) and each noisy room's share, loudest first."""

    room: str
    level: float
    arrivals: tuple[Arrival, ...]


@dataclass(frozen=True)
class _Port:
    room: str
    point: tuple[float, float]
    power: float
    via: int | None
    prev: int | None


def level_in_room(ap: AcousticPlan, room_id: str, power: float, source_at: tuple[float, float], at: tuple[float, float]) -> float:
    """L (dB) at ``at`` in the room from a source of ``power`` dB at ``source_at`` in it."""
    room = ap.rooms[room_id]
    if room.open:
        return open_plan_level(power, math.dist(source_at, at), DECAY[room.finish])
    return diffuse_level(power, ap.absorption(room_id))


def _spread(ap: AcousticPlan, source_id: str) -> list[_Port]:
    """Every port (the source itself, then each partition crossing) reached from the source, best power each."""
    src = ap.rooms[source_id]
    assert src.source is not None
    ports = [_Port(source_id, src.centre, src.source, None, None)]
    best: dict[tuple[int, str], float] = {}
    heap = [(-src.source, 0)]
    while heap:
        _, i = heapq.heappop(heap)
        port = ports[i]
        if port.via is not None and best.get((port.via, port.room), -math.inf) > port.power + 1e-9:
            continue
        for k in ap.by_room.get(port.room, ()):
            part = ap.partitions[k]
            nxt = part.other(port.room)
            if nxt == source_id:
                continue
            incident = level_in_room(ap, port.room, port.power, port.point, part.point)
            power = min(port.power, passed_power_level(incident, part.tau_area))
            if power < POWER_FLOOR or power <= best.get((k, nxt), -math.inf) + 0.01:
                continue
            best[(k, nxt)] = power
            ports.append(_Port(nxt, part.point, power, k, i))
            heapq.heappush(heap, (-power, len(ports) - 1))
    return ports


def _path(ports: list[_Port], i: int) -> tuple[int, ...]:
    out: list[int] = []
    while (via := ports[i].via) is not None:
        out.append(via)
        prev = ports[i].prev
        assert prev is not None, "a port reached through a passage has a previous port"
        i = prev
    return tuple(reversed(out))


def arrivals_from(ap: AcousticPlan, source_id: str) -> dict[str, Arrival]:
    """What one noisy room sends to every other room: its loudest path into each, at the room's centre."""
    ports = _spread(ap, source_id)
    best: dict[str, tuple[float, int]] = {}
    for i, port in enumerate(ports):
        if port.via is None or port.room == source_id:
            continue
        level = level_in_room(ap, port.room, port.power, port.point, ap.rooms[port.room].centre)
        if level > best.get(port.room, (-math.inf, -1))[0]:
            best[port.room] = (level, i)
    return {rid: Arrival(source=source_id, level=level, path=_path(ports, i)) for rid, (level, i) in best.items()}


def noise_map(ap: AcousticPlan) -> dict[str, RoomNoise]:
    """For every room, the level arriving from all noisy rooms (other than itself) at its centre."""
    arrivals: dict[str, list[Arrival]] = {rid: [] for rid in ap.rooms}
    for sid, room in ap.rooms.items():
        if room.source is not None:
            for rid, arrival in arrivals_from(ap, sid).items():
                arrivals[rid].append(arrival)
    return {rid: _noise(rid, items) for rid, items in arrivals.items()}


def _noise(room_id: str, items: list[Arrival]) -> RoomNoise:
    items = sorted(items, key=lambda a: -a.level)
    return RoomNoise(room=room_id, level=energy_sum(a.level for a in items), arrivals=tuple(items))


def level_with(ap: AcousticPlan, before: RoomNoise, recompute: int = 3) -> float:
    """The level in ``before.room`` under a changed plan: its loudest ``recompute`` sources traced anew, the rest kept."""
    fresh = [arrivals_from(ap, a.source).get(before.room) for a in before.arrivals[:recompute]]
    levels = [a.level for a in fresh if a is not None] + [a.level for a in before.arrivals[recompute:]]
    return energy_sum(levels)


@lru_cache(maxsize=64)
def noise_map_of(plan: Plan) -> dict[str, RoomNoise]:
    """``noise_map`` of the plan as drawn (cached per plan)."""
    return noise_map(acoustic_plan(plan))


@dataclass(frozen=True)
class Privacy:
    """Speech privacy of a room towards one neighbour: SPC and what it is made of."""

    room: str
    neighbour: str
    partition: Partition
    reduction: float  # composite R' (dB)
    ld: float  # LD(avg) at the weakest element (dB)
    lb: float  # Lb(avg) of the background outside (dB)
    spc: float

    @property
    def weakest(self) -> Element:
        return self.partition.weakest


def privacy(ap: AcousticPlan, room_id: str) -> list[Privacy]:
    """SPC towards each neighbouring room, worst first."""
    out = []
    for part in ap.partitions_of(room_id):
        n = part.other(room_id)
        d = level_difference(part.reduction, part.area, ap.absorption(n))
        ld = boundary_level_difference(part.weakest.r, d)
        lb = background_band_average(ap.rooms[n].background)
        out.append(Privacy(room=room_id, neighbour=n, partition=part, reduction=part.reduction, ld=ld, lb=lb,
                           spc=speech_privacy_class(ld, lb)))
    out.sort(key=lambda p: p.spc)
    return out


@dataclass(frozen=True)
class RoomLevel:
    """The level in a room: what its own activity makes there and what arrives from the other noisy rooms (dB(A))."""

    room: str
    own: float  # -inf for a room that is no source
    arriving: float

    @property
    def total(self) -> float:
        return energy_sum((self.own, self.arriving))


@lru_cache(maxsize=16)
def room_levels(plan: Plan) -> dict[str, RoomLevel]:
    """For every room: its own activity's level (at its centre) and the level arriving from the others."""
    ap = acoustic_plan(plan)
    noise = noise_map_of(plan)
    out = {}
    for rid, room in ap.rooms.items():
        own = -math.inf if room.source is None else level_in_room(ap, rid, room.source, room.centre, room.centre)
        out[rid] = RoomLevel(room=rid, own=own, arriving=noise[rid].level)
    return out


def level_cells(plan: Plan, spacing: float = 0.5) -> tuple[list[float], list[float], list[float]]:
    """A grid over the plan (xs, ys, dB(A)): every cell takes the total level of the room it lies in.

    For the designer's overlay: levels below 0 dB count as 0; rooms with no sound at all are left out.
    """
    import numpy as np
    import shapely

    levels = room_levels(plan)
    xs_out: list[float] = []
    ys_out: list[float] = []
    values: list[float] = []
    for room in plan.rooms:
        total = levels[room.id].total
        if not math.isfinite(total):
            continue
        x0, y0, x1, y1 = room.geometry.bounds
        gx, gy = np.meshgrid(np.arange(x0 + spacing / 2, x1, spacing), np.arange(y0 + spacing / 2, y1, spacing))
        gx, gy = gx.ravel(), gy.ravel()
        inside = shapely.contains_xy(room.geometry, gx, gy)
        xs_out += gx[inside].round(3).tolist()
        ys_out += gy[inside].round(3).tolist()
        values += [round(max(total, 0.0), 1)] * int(inside.sum())
    return xs_out, ys_out, values


__all__ += ["RoomLevel", "room_levels", "level_cells"]
