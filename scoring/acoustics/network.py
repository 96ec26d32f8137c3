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
the levels of different noisy rooms add as energy. It works from per-plan
tables of what each port passes on (``_Network``, the same sums term by
term) and skips a visit to a room that cannot pass on more than the room's
first visit did (``_Network.passes_less``).

Speech privacy of a conversation room, per neighbouring room: ASTM E2638's
SPC = LD(avg) + Lb(avg) (``transmission.boundary_level_difference`` for LD at
the weakest element of the partition, ``background_band_average`` for Lb).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from floorplans.model import Plan

from .plan_model import AcousticPlan, Element, Partition, acoustic_plan
from .propagation import DECAY, NEAREST, SPEECH_REFERENCE, open_plan_level
from .transmission import (
    _SIX,
    background_band_average,
    boundary_level_difference,
    diffuse_level,
    energy_sum,
    level_difference,
    speech_privacy_class,
)

__all__ = ["Arrival", "Privacy", "RoomNoise", "level_in_room", "noise_in", "noise_map", "noise_map_of", "privacy"]

#: Paths whose power falls below this (dB) are not followed further.
POWER_FLOOR = -20.0
#: The largest float below ``POWER_FLOOR``: ``new <= bar`` is ``new < POWER_FLOOR`` for a port not reached yet.
_BELOW_FLOOR = math.nextafter(POWER_FLOOR, -math.inf)
#: A search for some rooms only leaves out power this far (dB) below what could still reach them (``_Network.bars``).
_PRUNE_MARGIN = 1.0


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


def level_in_room(ap: AcousticPlan, room_id: str, power: float, source_at: tuple[float, float], at: tuple[float, float]) -> float:
    """L (dB) at ``at`` in the room from a source of ``power`` dB at ``source_at`` in it."""
    room = ap.rooms[room_id]
    if room.open:
        return open_plan_level(power, math.dist(source_at, at), DECAY[room.finish])
    return diffuse_level(power, ap.absorption(room_id))


#: One step of the network from a port: (the port beyond, gain, 10·lg ΣτS).
_Step = tuple[int, float, float]
#: The steps from a port: (l4m of an open room or None, the diffuse room's gain, its steps).
_Steps = tuple[float | None, float, list[_Step]]


class _Network:
    """The constants of a plan's sound network, built as the search first needs them.

    A port is where sound enters a room: state ``2·k + side`` for partition k
    into its room ``a`` (side 0) or ``b`` (side 1). From a port, crossing
    partition j of its room costs the same for every noisy room, so each
    port's steps are worked out once per plan (in a diffuse room, once for
    all its ports); the sums are the ones ``level_in_room`` and
    ``passed_power_level`` make, term by term, so the levels are the same to
    the last bit.
    """

    def __init__(self, ap: AcousticPlan) -> None:
        self.ap = ap
        self.parts = ap.partitions
        self.steps: dict[int | str, _Steps] = {}
        self.to_centre: list[tuple[float | None, float] | None] = [None] * (2 * len(ap.partitions))
        self.exits: dict[str, list[tuple[int, tuple[float, float], float]]] = {}
        self.crossing = [10.0 * math.log10(p.tau_area) for p in ap.partitions]
        self.rooms = [room for p in ap.partitions for room in (p.a, p.b)]  # the room of each state
        self.diffuse = [not ap.rooms[room].open for room in self.rooms]  # whether that room is diffuse
        index = {rid: k for k, rid in enumerate(ap.rooms)}
        self.room_index = [index[room] for room in self.rooms]  # the search's rooms by number: a list, not a dict
        self.barred: dict[frozenset[str] | None, list[float]] = {}  # ``bars``' lists, by the rooms wanted

    def passes_less(self, first: tuple[float, int], power: float, state: int) -> bool:
        """Whether a visit to a room through port ``state`` passes on less everywhere than its ``first`` (power, port).

        The search visits rooms loudest first, and a visit passes on through
        partition j its power less the room's loss to j. In a diffuse room
        that loss is the same from every port, so a later, no louder visit
        passes on no more. In an open room the loss d2s·log2(max(r, 2)/4)
        from port k to j is less than from port i by at most
        d2s·log2(1 + |ik|/2) (r shrinks by at most |ik|, and r ≥ 2); a visit
        quieter than the first by more than that (and 1 dB against rounding)
        passes on less.
        """
        if self.diffuse[state]:
            return True
        first_power, first_state = first
        if first_power - power <= 1.0:
            return False
        room = self.ap.rooms[self.rooms[state]]
        at = room.centre if first_state < 0 else self.parts[first_state >> 1].point
        moved = math.dist(at, self.parts[state >> 1].point)
        return first_power - power > DECAY[room.finish].d2s * math.log2(1.0 + moved / 2.0) + 1.0

    def bars(self, wanted: frozenset[str] | None) -> list[float]:
        """What a port's first power must beat: the floor, or where it leads to none of the ``wanted`` rooms, more.

        A crossing out of a room loses at least ``_least_exit`` less its
        10·lg ΣτS, and never less than 0 dB (a step passes on at most the
        power it had); ``least`` is the least sum of these from a room into a
        wanted one (0 in a wanted room). So power P entering a room leads into
        a wanted room only if P − least ≥ POWER_FLOOR (to rounding). Ports
        entered with P − least at most 1 dB (``_PRUNE_MARGIN``) below that are
        barred: what such a visit would pass on stays 0.5 dB and more below
        every power that can still reach a wanted room, so it never bars one
        (the search bars by 0.01 dB), and ``passes_less`` skips a visit only
        where all its steps fall short anyway. The ports into the wanted rooms
        get the same powers, paths and order as in the full search.
        """
        bars = self.barred.get(wanted)
        if bars is None:
            if wanted is None:
                bars = [_BELOW_FLOOR] * len(self.rooms)
            else:
                least, cut = self._least_loss(wanted), POWER_FLOOR - _PRUNE_MARGIN
                bars = [max(_BELOW_FLOOR, cut + least[room]) for room in self.rooms]
            self.barred[wanted] = bars
        return bars

    def _least_exit(self, room_id: str) -> float:
        """The least a crossing out of the room loses before 10·lg ΣτS: 6 − 10·lg(4/A), or 68.4 − l4m + 6 − d2s in an open room (r ≥ 2 m)."""
        room = self.ap.rooms[room_id]
        if room.open:
            decay = DECAY[room.finish]
            return SPEECH_REFERENCE - decay.l4m - decay.d2s + _SIX
        return _SIX - 10.0 * math.log10(4.0 / self.ap.absorption(room_id))

    def _least_loss(self, wanted: frozenset[str]) -> dict[str, float]:
        """For every room, the least loss (dB) from sound entering it to sound entering a wanted room: a Dijkstra back from them."""
        least = dict.fromkeys(self.ap.rooms, math.inf)
        heap = [(0.0, rid) for rid in sorted(wanted) if rid in least]
        for _, rid in heap:
            least[rid] = 0.0
        heapq.heapify(heap)
        exits: dict[str, float] = {}
        while heap:
            loss, rid = heapq.heappop(heap)
            if loss > least[rid]:
                continue
            for k in self.ap.by_room.get(rid, ()):
                other = self.parts[k].other(rid)  # sound from ``other`` into ``rid`` through k
                out = exits.get(other)
                if out is None:
                    out = exits[other] = self._least_exit(other)
                step = loss + max(0.0, out - self.crossing[k])
                if step < least[other]:
                    least[other] = step
                    heapq.heappush(heap, (step, other))
        return least

    def steps_from(self, key: int | str) -> _Steps:
        """The steps from a port (a state) or from a noisy room's centre (its id)."""
        steps = self.steps.get(key)
        if steps is None:
            room = key if isinstance(key, str) else self.rooms[key]
            if self.ap.rooms[room].open:
                steps = self._open_steps(room, self.ap.rooms[room].centre if isinstance(key, str) else self.parts[key >> 1].point)
            else:  # diffuse: the same from wherever sound enters
                steps = self.steps.get(room) or self._diffuse_steps(room)
                self.steps[room] = steps
            self.steps[key] = steps
        return steps

    def _exits(self, room: str) -> list[tuple[int, tuple[float, float], float]]:
        """(the port beyond, crossing point, 10·lg ΣτS) of each partition of the room."""
        exits = self.exits.get(room)
        if exits is None:
            parts, crossing = self.parts, self.crossing
            exits = [(2 * j + (room == parts[j].a), parts[j].point, crossing[j]) for j in self.ap.by_room.get(room, ())]
            self.exits[room] = exits
        return exits

    def _diffuse_steps(self, room: str) -> _Steps:
        gain = 10.0 * math.log10(4.0 / self.ap.absorption(room))  # ``diffuse_level`` less the power
        return None, gain, [(port, gain, crossing) for port, _, crossing in self._exits(room)]

    def _open_steps(self, room: str, at: tuple[float, float]) -> _Steps:
        decay = DECAY[self.ap.rooms[room].finish]  # ``open_plan_level`` less the power: d2s·log2(max(r, 2)/4)
        l4m, d2s, dist, log2, near = decay.l4m, decay.d2s, math.dist, math.log2, NEAREST
        return l4m, 0.0, [
            (port, d2s * log2((r if (r := dist(at, point)) > near else near) / 4.0), crossing)
            for port, point, crossing in self._exits(room)
        ]

    def centre_gain(self, state: int) -> tuple[float | None, float]:
        """(l4m, d2s·log2(r/4)) in an open room, (None, 10·lg(4/A)) in a diffuse one, from a port to its room's centre."""
        gain = self.to_centre[state]
        if gain is None:
            room = self.ap.rooms[self.rooms[state]]
            if room.open:
                decay = DECAY[room.finish]
                r = max(math.dist(self.parts[state >> 1].point, room.centre), NEAREST)
                gain = (decay.l4m, decay.d2s * math.log2(r / 4.0))
            else:
                gain = (None, 10.0 * math.log10(4.0 / self.ap.absorption(room.id)))
            self.to_centre[state] = gain
        return gain


def _network(ap: AcousticPlan) -> _Network:
    """The plan's ``_Network``, built once per plan (a changed plan gets its own)."""
    net = ap.memo.get("network")
    if not isinstance(net, _Network):
        net = ap.memo["network"] = _Network(ap)
    return net


def _spread(ap: AcousticPlan, source_id: str, wanted: frozenset[str] | None = None) -> tuple[list[int], list[float], list[int]]:
    """Every port reached from the source, best power each: (state, power, previous port) lists.

    Port 0 is the source itself (state −1); a Dijkstra on power, loudest first.
    The ports back into the source room are barred (+inf): never taken.
    ``wanted``: only the ports on the way into these rooms are needed; those
    leading to none of them with power to spare are barred (``_Network.bars``),
    and the ports into the wanted rooms are the same, with the same powers and paths.

    ``bar[to]`` is what a new power into a port must beat: the port's best
    power + 0.01, or the floor; ``latest[to]`` is the index of its best, so a
    popped port is stale when a louder way in was found since. A step's sum
    keeps the order of ``level_in_room`` and ``passed_power_level``
    (((power + gain) − 6) + ΣτS, and ((l4m + (power − 68.4)) − gain) − 6 + ΣτS),
    its first terms taken once per visit.
    """
    net = _network(ap)
    power0 = ap.rooms[source_id].source
    assert power0 is not None
    states, powers, prevs = [-1], [power0], [-1]
    bar = list(net.bars(wanted))
    latest = [0] * (2 * len(ap.partitions))
    for to, _, _ in net.steps_from(source_id)[2]:
        bar[to ^ 1] = math.inf
    heap: list[tuple[float, int]] = []
    first: list[tuple[float, int] | None] = [None] * len(ap.rooms)  # each room's first visit: power, port
    table, room_index, diffuse, passes_less = net.steps, net.room_index, net.diffuse, net.passes_less
    pop, push, six, ref = heapq.heappop, heapq.heappush, _SIX, SPEECH_REFERENCE
    add_state, add_power, add_prev = states.append, powers.append, prevs.append
    n = 0  # the last port's index
    i, power = 0, power0
    key: int | str = source_id  # the source's own visit first: no port, so no test of it in the loop
    while True:
        l4m, gain, steps = table.get(key) or net.steps_from(key)
        is_open = l4m is not None
        base = l4m + (power - ref) if l4m is not None else power + gain - six
        for to, loss, crossing in steps:
            passed = base - loss - six + crossing if is_open else base + crossing
            new = passed if passed < power else power
            if new <= bar[to]:
                continue
            bar[to] = new + 0.01
            n += 1
            latest[to] = n
            add_state(to)
            add_power(new)
            add_prev(i)
            seen = first[room_index[to]]
            if seen is None or not (diffuse[to] or (seen[0] - new > 1.0 and passes_less(seen, new, to))):
                push(heap, (-new, n))  # else its visit would be passed over: its room's first visit passed on more
        while heap:  # the next visit: the loudest port that passes on something
            i = pop(heap)[1]
            key = states[i]
            if latest[key] != i:
                continue  # a louder way in was found since
            power = powers[i]
            r = room_index[key]
            seen = first[r]
            if seen is None:
                first[r] = (power, key)
                break
            if not (diffuse[key] or (seen[0] - power > 1.0 and passes_less(seen, power, key))):
                break
            # else every step would fall short of what the room's first visit passed on
        else:
            return states, powers, prevs


def _path(states: list[int], prevs: list[int], i: int) -> tuple[int, ...]:
    """The partitions crossed to port i, source first."""
    out: list[int] = []
    while states[i] >= 0:
        out.append(states[i] >> 1)
        i = prevs[i]
    return tuple(reversed(out))


def arrivals_from(ap: AcousticPlan, source_id: str, only: Collection[str] | None = None) -> dict[str, Arrival]:
    """What one noisy room sends to every other room: its loudest path into each, at the room's centre.

    ``only``: the rooms whose arrivals are wanted (the search leaves out what cannot reach them; the ports of other
    rooms are not read).
    """
    net = _network(ap)
    wanted = None if only is None else only if isinstance(only, frozenset) else frozenset(only)
    states, powers, prevs = _spread(ap, source_id, wanted)
    rooms, to_centre, ref = net.rooms, net.to_centre, SPEECH_REFERENCE
    loudest: dict[str, float] = {}
    port: dict[str, int] = {}
    reached = range(1, len(states)) if wanted is None else [i for i in range(1, len(states)) if rooms[states[i]] in wanted]
    for i in reached:
        state, power = states[i], powers[i]
        l4m, gain = to_centre[state] or net.centre_gain(state)
        level = power + gain if l4m is None else l4m + (power - ref) - gain
        room = rooms[state]
        if level > loudest.get(room, -math.inf):
            loudest[room], port[room] = level, i
    return {rid: Arrival(source=source_id, level=level, path=_path(states, prevs, port[rid])) for rid, level in loudest.items()}


def noise_map(ap: AcousticPlan, only: Collection[str] | None = None) -> dict[str, RoomNoise]:
    """For every room (or the rooms in ``only``, in plan order), the level arriving from all noisy rooms (other than
    itself) at its centre."""
    wanted = None if only is None else frozenset(only)
    arrivals: dict[str, list[Arrival]] = {rid: [] for rid in ap.rooms if wanted is None or rid in wanted}
    for sid, room in ap.rooms.items():
        if room.source is not None:
            for rid, arrival in arrivals_from(ap, sid, wanted).items():
                arrivals[rid].append(arrival)
    return {rid: _noise(rid, items) for rid, items in arrivals.items()}


def _noise(room_id: str, items: list[Arrival]) -> RoomNoise:
    items = sorted(items, key=lambda a: -a.level)
    return RoomNoise(room=room_id, level=energy_sum(a.level for a in items), arrivals=tuple(items))


def level_with(ap: AcousticPlan, before: RoomNoise, recompute: int = 3) -> float:
    """The level in ``before.room`` under a changed plan: its loudest ``recompute`` sources traced anew, the rest kept."""
    fresh = [arrivals_from(ap, a.source, (before.room,)).get(before.room) for a in before.arrivals[:recompute]]
    levels = [a.level for a in fresh if a is not None] + [a.level for a in before.arrivals[recompute:]]
    return energy_sum(levels)


@lru_cache(maxsize=64)
def noise_map_of(plan: Plan) -> dict[str, RoomNoise]:
    """``noise_map`` of the plan as drawn (cached per plan)."""
    return noise_map(acoustic_plan(plan))


@lru_cache(maxsize=64)
def noise_in(plan: Plan, rooms: tuple[str, ...]) -> dict[str, RoomNoise]:
    """``noise_map`` of the plan as drawn for these rooms only (cached per plan): no paths traced into the others."""
    return noise_map(acoustic_plan(plan), rooms)


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
