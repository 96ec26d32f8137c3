"""The fast paths of the acoustics give what the plain computations give.

``network`` searches from per-plan step tables and skips visits that cannot
pass on more; ``plan_model`` finds the shared walls of all room pairs in a few
array calls. Each is held here to a plain, step-by-step version of itself:
the search with ``level_in_room`` and ``passed_power_level`` at every step and
no skipping (to the last bit), the shared line one pair at a time (the same
line, drawn either way, its corners and length within 1e-9 m: the fast path
finds coinciding walls by arithmetic, not by an overlay).
"""

from __future__ import annotations

import heapq
import math

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString

from floorplans.model import Plan, Room, RoomKind
from floorplans.samples import load_sample, sample_names
from floorplans.topology import ON_WALL_TOLERANCE
from scoring.acoustics import network, plan_model
from scoring.acoustics.network import POWER_FLOOR, Arrival, arrivals_from, level_in_room
from scoring.acoustics.plan_model import AcousticPlan, _shared_lines, _touching_pairs, acoustic_plan
from scoring.acoustics.transmission import passed_power_level
from tests.scoring.plans import door, mini_centre, opening, rect


def plain_arrivals(ap: AcousticPlan, source_id: str) -> dict[str, Arrival]:
    """The search as written out: every port expanded, every step summed anew."""
    src = ap.rooms[source_id]
    assert src.source is not None
    ports: list[tuple[str, tuple[float, float], float, int | None, int | None]] = [(source_id, src.centre, src.source, None, None)]
    best: dict[tuple[int, str], float] = {}
    heap = [(-src.source, 0)]
    while heap:
        _, i = heapq.heappop(heap)
        room, point, power, via, _prev = ports[i]
        if via is not None and best.get((via, room), -math.inf) > power + 1e-9:
            continue
        for k in ap.by_room.get(room, ()):
            part = ap.partitions[k]
            nxt = part.other(room)
            if nxt == source_id:
                continue
            new = min(power, passed_power_level(level_in_room(ap, room, power, point, part.point), part.tau_area))
            if new < POWER_FLOOR or new <= best.get((k, nxt), -math.inf) + 0.01:
                continue
            best[(k, nxt)] = new
            ports.append((nxt, part.point, new, k, i))
            heapq.heappush(heap, (-new, len(ports) - 1))
    loudest: dict[str, tuple[float, int]] = {}
    for i, (room, point, power, via, _prev) in enumerate(ports):
        if via is not None:
            level = level_in_room(ap, room, power, point, ap.rooms[room].centre)
            if level > loudest.get(room, (-math.inf, -1))[0]:
                loudest[room] = (level, i)
    return {rid: Arrival(source_id, level, _plain_path(ports, i)) for rid, (level, i) in loudest.items()}


def _plain_path(ports: list, i: int) -> tuple[int, ...]:
    out = []
    while ports[i][3] is not None:
        out.append(ports[i][3])
        i = ports[i][4]
    return tuple(reversed(out))


def long_corridor() -> Plan:
    """A 40 m corridor with small rooms off it and a long waiting area opening onto it and onto a lobby that opens onto it.

    Sound enters the corridor many times, often far quieter than the first time (skipped), and from the
    waiting area through the lobby not much quieter than straight through its own opening (not skipped).
    """
    plan = mini_centre(nook="none").with_feature(rect("cor", "corridor", 4, 2.25, 44, 3.75, name="Corridor"))
    for n, x in enumerate(range(28, 44, 4)):
        plan = plan.with_feature(rect(f"r{n}", "meeting_room", x, 3.75, x + 4, 8.75)).with_feature(
            door(f"d_r{n}", (x + 1, 3.75), (x + 2, 3.75))
        )
    plan = plan.with_feature(rect("far", "waiting", 28, -2.25, 40, 2.25)).with_feature(opening("o_far", (30, 2.25), (32, 2.25)))
    plan = plan.with_feature(rect("lobby", "meeting_room", 40, -2.25, 44, 2.25)).with_feature(opening("o_lobby", (40, -1), (40, 1)))
    return plan.with_feature(opening("o_lobby_cor", (41, 2.25), (43, 2.25)))


def plans() -> list[tuple[str, Plan]]:
    return [(name, load_sample(name)) for name in sample_names()] + [("long corridor", long_corridor())]


@pytest.mark.parametrize(("name", "plan"), plans())
def test_the_search_from_step_tables_equals_the_plain_search(name: str, plan: Plan) -> None:
    ap = acoustic_plan(plan)
    sources = [rid for rid, room in ap.rooms.items() if room.source is not None]
    assert sources, name
    for sid in sources:
        assert arrivals_from(ap, sid) == plain_arrivals(ap, sid), (name, sid)
    changed = ap.with_changes(finishes={sid: "hard" for sid in sources}, walls={sources[0]: 30.0})
    for sid in sources:
        assert arrivals_from(changed, sid) == plain_arrivals(changed, sid), (name, sid, "changed")


def test_the_search_skips_some_visits_to_an_open_room_and_not_others(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a vacuous comparison: on the long corridor the skipping is at work both ways (and agrees above)."""
    seen: list[tuple[str, bool]] = []
    real = network._Network.passes_less

    def recording(self: network._Network, first: tuple[float, int], power: float, state: int) -> bool:
        out = real(self, first, power, state)
        seen.append((self.rooms[state], out))
        return out

    monkeypatch.setattr(network._Network, "passes_less", recording)
    ap = acoustic_plan(long_corridor())
    assert ap.rooms["cor"].open
    for sid, room in ap.rooms.items():
        if room.source is not None:
            arrivals_from(ap, sid)
    assert ("cor", True) in seen and ("cor", False) in seen


@pytest.mark.parametrize(("name", "plan"), plans())
def test_the_search_for_some_rooms_equals_the_full_search_there(name: str, plan: Plan) -> None:
    """With ``only``, the ports that cannot reach those rooms are left out: their arrivals stay the same to the last bit, in order."""
    ap = acoustic_plan(plan)
    changed = ap.with_changes(finishes={rid: "hard" for rid in list(ap.rooms)[::2]}, walls={rid: 30.0 for rid in list(ap.rooms)[1::3]})
    for plan_ap in (ap, changed):
        rooms = list(plan_ap.rooms)
        wanted = [frozenset([rid]) for rid in rooms] + [frozenset(rooms[::3]), frozenset(rooms[1::2])]
        for sid, room in plan_ap.rooms.items():
            if room.source is None:
                continue
            full = arrivals_from(plan_ap, sid)
            for only in wanted:
                got = arrivals_from(plan_ap, sid, tuple(sorted(only)))
                assert list(got.items()) == [(rid, a) for rid, a in full.items() if rid in only], (name, sid, sorted(only))


def test_the_search_for_some_rooms_leaves_ports_out() -> None:
    """Not a vacuous comparison: on the long corridor a search for one room reaches fewer ports than the full search."""
    ap = acoustic_plan(long_corridor())
    sid = next(rid for rid, room in ap.rooms.items() if room.source is not None)
    full = network._spread(ap, sid)[0]
    some = [network._spread(ap, sid, frozenset([rid]))[0] for rid in ap.rooms if rid != sid]
    assert any(len(states) < len(full) for states in some)


def plain_shared_line(plan: Plan, a_id: str, b_id: str):
    """One pair's shared line, one shapely call at a time."""
    a, b = plan.room(a_id), plan.room(b_id)
    zone = b.geometry.buffer(ON_WALL_TOLERANCE, quad_segs=2)
    x0, y0, x1, y1 = zone.bounds
    a_edge = shapely.clip_by_rect(a.geometry.boundary, x0, y0, x1, y1)

    def lines(geom) -> list:
        return [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, (LineString, MultiLineString)) and g.length > 0]

    near = lines(a_edge.intersection(zone))
    if not near:
        return None
    exact = lines(shapely.intersection(a_edge, shapely.clip_by_rect(b.geometry.boundary, x0, y0, x1, y1)))
    chosen = exact if exact and sum(g.length for g in exact) >= 0.5 * sum(g.length for g in near) else near
    if len(chosen) == 1 and isinstance(chosen[0], LineString):
        return chosen[0]
    return shapely.line_merge(shapely.union_all(chosen))


@pytest.mark.parametrize(("name", "plan"), plans())
def test_the_shared_lines_of_all_pairs_at_once_equal_them_pair_by_pair(name: str, plan: Plan) -> None:
    pairs = sorted((a, b) for a, b in map(sorted, _touching_pairs(plan)))
    assert pairs, name
    for (a, b), line in zip(pairs, _shared_lines(plan, pairs), strict=True):
        plain = plain_shared_line(plan, a, b)
        assert (line is None) == (plain is None), (name, a, b)
        if line is not None:
            assert abs(line.length - plain.length) <= 1e-9, (name, a, b)
            assert shapely.equals_exact(shapely.normalize(line), shapely.normalize(plain), tolerance=1e-9), (name, a, b)


def _polygon_room(room_id: str, points: list[tuple[float, float]]) -> Room:
    return Room(id=room_id, kind=RoomKind.meeting_room, name=room_id, rings=[[*points, points[0]]])


@pytest.mark.parametrize(
    ("name", "b"),
    [
        ("b wraps round two sides of a", _polygon_room("b", [(0, 0), (4, 0), (4, 1), (1, 1), (1, 4), (0, 4)])),
        ("a's wall runs inside b", rect("b", "meeting_room", 1, -3, 6, 2)),
        ("a's wall crosses b", _polygon_room("b", [(1, 2), (1, 3), (-3, 3), (-3, 6), (6, 6), (6, 2)])),
    ],
)
def test_the_tighter_bound_on_walls_near_b_leaves_the_shared_line_as_traced(name: str, b: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where b wraps round a, a's walls in b's box are twice what they share; where a's walls run inside b, they are not."""
    monkeypatch.setattr(plan_model, "_FEW_LOOSE", 0)  # the bound for a single pair too
    plan = Plan(rooms=[rect("a", "meeting_room", 1, 1, 3, 3), b])
    for x, y in (("a", "b"), ("b", "a")):
        (line,) = _shared_lines(plan, [(x, y)])
        plain = plain_shared_line(plan, x, y)
        assert line is not None and plain is not None, (name, x)
        assert abs(line.length - plain.length) <= 1e-9, (name, x, line.length, plain.length)
        assert shapely.equals_exact(shapely.normalize(line), shapely.normalize(plain), tolerance=1e-9), (name, x)


@pytest.mark.parametrize("seed", range(6))
def test_the_boxes_that_meet_are_those_a_plain_pairing_finds(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The grid pairing of segment boxes gives every (i, j) of a pair whose boxes meet, each once, by i then j.

    On a quarter-metre lattice with no slack, so boxes touch at their sides and corners; some boxes are long
    or large, so they cover many cells.
    """
    monkeypatch.setattr(plan_model, "_BOX_SLACK", 0.0)
    rng = np.random.default_rng(seed)
    for _ in range(50):
        sides = []
        for n in rng.integers(0, 40, 2).tolist():
            lo = rng.integers(-20, 20, (n, 2)) / 4.0
            sides.append((np.sort(rng.integers(0, 4, n)), lo, lo + rng.integers(0, 6, (n, 2)) * rng.choice([0.25, 2.0], (n, 1))))
        (pa, a_lo, a_hi), (pb, b_lo, b_hi) = sides
        plain = [(i, j) for i in range(len(pa)) for j in range(len(pb))
                 if pa[i] == pb[j] and (a_lo[i] <= b_hi[j]).all() and (b_lo[j] <= a_hi[i]).all()]
        i, j = plan_model._boxes_meet(pa, a_lo, a_hi, pb, b_lo, b_hi)
        assert list(zip(i.tolist(), j.tolist(), strict=True)) == plain


@pytest.mark.parametrize(("name", "plan"), plans())
def test_the_touching_pairs_are_those_within_the_tolerance(name: str, plan: Plan) -> None:
    """Rooms with a corner in common skip the distance test: the pairs are what it gives for every pair."""
    plain = {frozenset((a.id, b.id)) for k, a in enumerate(plan.rooms) for b in plan.rooms[k + 1:]
             if shapely.dwithin(a.geometry, b.geometry, ON_WALL_TOLERANCE)}
    assert _touching_pairs(plan) == plain, name


def test_the_boxes_that_meet_far_apart_keep_their_keys_in_range() -> None:
    """Boxes a million kilometres apart widen the grid's cells rather than overflow the integer keys."""
    pa, pb = np.array([0, 0, 1]), np.array([0, 1, 1])
    a_lo = np.array([[0.0, 0.0], [1e9, 1e9], [5e8, 3.0]])
    b_lo = np.array([[0.5, 0.5], [5e8 + 0.5, 3.5], [7.0, 7.0]])
    i, j = plan_model._boxes_meet(pa, a_lo, a_lo + 1.0, pb, b_lo, b_lo + 1.0)
    assert (i.tolist(), j.tolist()) == ([0, 2], [0, 1])
