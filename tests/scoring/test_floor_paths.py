"""In-room walking paths on outlines with hundreds of corners: the lazy search finds what testing every pair finds.

Imported plans (the DXF office, Westport, IFC) have walls that jog by a
millimetre every few centimetres, so a room can have 500 reflex corners.
``scoring.floor_paths`` then searches the visibility graph lazily instead of
testing all pairs of nodes; these tests pin that it returns the same
distances (and routes) as the all-pairs Floyd–Warshall it replaces, while
testing only a small share of the pairs.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from scoring import floor_paths
from scoring.floor_paths import _all_pairs, _clearly_off, _covers, _segments, _SegmentTest, grown_floor, in_room_paths, reflex_vertices


def _jagged(a: tuple[float, float], b: tuple[float, float], step: float, jog: float, rng: np.random.Generator) -> list[tuple[float, float]]:
    """The wall from a to b (exclusive of b) with a small step in or out every ``step`` metres, as CAD imports draw them."""
    (ax, ay), (bx, by) = a, b
    length = math.hypot(bx - ax, by - ay)
    ux, uy = (bx - ax) / length, (by - ay) / length
    nx, ny = -uy, ux
    out, offset = [a], 0.0
    for k in range(1, int(length / step)):
        x, y = ax + ux * k * step, ay + uy * k * step
        new = float(rng.choice([-jog, 0.0, jog]))
        out += [(round(x + nx * offset, 3), round(y + ny * offset, 3)), (round(x + nx * new, 3), round(y + ny * new, 3))]
        offset = new
    return out


def jagged_l_room(seed: int = 0, step: float = 0.12, jog: float = 0.001) -> Polygon:
    """An L-shaped corridor (20 x 17 m round a 14 x 6 m block) whose walls jog by a millimetre, with a pillar."""
    rng = np.random.default_rng(seed)
    corners = [(0, 0), (20, 0), (20, 17), (0, 17), (0, 11.5), (14.5, 11.5), (14.5, 5), (0, 5)]
    ring: list[tuple[float, float]] = []
    for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
        ring += _jagged(a, b, step, jog, rng)
    room = Polygon(ring).buffer(0)
    return room.difference(box(17, 8, 17.6, 8.6))


def _points(room: Polygon) -> list[tuple[float, float]]:
    """A centre and door mid points: on the walls, round the corner from each other, one 4 mm off its wall."""
    return [(17.3, 13.0), (4.4, 5.0), (1.1, 16.9), (14.5, 9.0), (19.95, 2.0), (8.0, -0.004), (10.0, 11.5)]


def _same(a, b) -> None:
    (da, pa, na), (db, pb, nb) = a, b
    assert np.array_equal(np.isinf(da), np.isinf(db))
    assert np.allclose(np.where(np.isinf(da), 0, da), np.where(np.isinf(db), 0, db), rtol=0, atol=1e-9)
    n = len(da)
    for i in range(n):
        for j in range(n):
            assert bool(pa[i][j]) == bool(pb[i][j])
            if pa[i][j]:  # a route is a polyline of the same length (ties may be drawn either way)
                la = sum(math.dist(na[u], na[v]) for u, v in zip(pa[i][j], pa[i][j][1:], strict=False))
                lb = sum(math.dist(nb[u], nb[v]) for u, v in zip(pb[i][j], pb[i][j][1:], strict=False))
                assert la == pytest.approx(da[i, j], abs=1e-9) and lb == pytest.approx(db[i, j], abs=1e-9)


def _reference(room: Polygon, points: list[tuple[float, float]]):
    nodes = list(points) + reflex_vertices(room)
    return _all_pairs(grown_floor(room), np.asarray(nodes, dtype=float), len(points)) + (nodes,)


class _CountingSight(floor_paths._Sight):
    tested = 0

    def pair(self, u: int, v: int) -> bool:
        _CountingSight.tested += int(self.known[u, v] == 0)
        return super().pair(u, v)

    def ways_in(self, via, v):
        _CountingSight.tested += int((self.known[v][via] == 0).sum())
        return super().ways_in(via, v)


def test_a_jagged_corridor_gets_the_all_pairs_answer_testing_few_pairs(monkeypatch) -> None:
    room = jagged_l_room()
    points = _points(room)
    corners = len(reflex_vertices(room))
    assert corners > 250  # the case the lazy search is for
    pairs = (corners + len(points)) * (corners + len(points) - 1) // 2
    monkeypatch.setattr(floor_paths, "_Sight", _CountingSight)
    _CountingSight.tested = 0
    got = in_room_paths(room, points)
    _same(got, _reference(room, points))
    assert _CountingSight.tested < 0.1 * pairs
    dist = got[0]
    assert np.isinf(dist[5]).sum() == len(points) - 1  # the door 4 mm off its wall is cut off, as before
    assert math.isfinite(dist[1, 2]) and dist[1, 2] > 25  # round the block, not through it


@pytest.mark.parametrize("seed", range(6))
def test_the_lazy_search_matches_all_pairs_on_small_rooms_too(monkeypatch, seed: int) -> None:
    """Forced onto the lazy search, rooms of a few dozen corners (rooms with furniture holes, U shapes) agree too."""
    rng = np.random.default_rng(100 + seed)
    room = jagged_l_room(seed, step=1.5, jog=float(rng.choice([0.001, 0.05, 0.3])))
    for _ in range(3):  # tables and screens: holes
        x, y = rng.uniform(1, 19), rng.uniform(0.5, 4.5)
        room = room.difference(box(x, y, x + rng.uniform(0.3, 1.2), y + rng.uniform(0.3, 1.2)))
    floor = max(getattr(room, "geoms", [room]), key=lambda g: g.area)
    points = [(17.3, 13.0), (4.4, 5.0), (1.1, 16.9), (14.5, 9.0)] + [tuple(p) for p in rng.uniform((0, 0), (20, 5), (4, 2))]
    monkeypatch.setattr(floor_paths, "_EAGER_PAIRS", 0)
    _same(in_room_paths(floor, points), _reference(floor, points))


def test_few_corners_still_test_every_pair() -> None:
    """A room with a table: the plain all-pairs graph (nothing lazy about it)."""
    room = box(0, 0, 6, 4).difference(box(2, 1.5, 4, 2.5))
    points = [(1.0, 2.0), (5.0, 2.0), (3.0, 0.0)]
    dist, paths, nodes = in_room_paths(room, points)
    _same((dist, paths, nodes), _reference(room, points))
    assert dist[0, 1] > 4.0 and len(paths[0][1]) == 4  # round a corner of the table


def test_the_cheap_segment_test_answers_as_covers_does() -> None:
    """Blocked (meets the floor grown 1.2 mm), inside (meets no outline) and grazing (asks covers): all as GEOS's covers."""
    room = jagged_l_room()
    grown = grown_floor(room)
    test = _SegmentTest(room, grown)
    assert shapely.distance(grown.boundary, test.off) > 1.5e-4 and not shapely.intersects(grown, test.off)
    xy = np.asarray(reflex_vertices(room))
    rng = np.random.default_rng(1)
    near = rng.integers(0, len(xy), 3000)  # corners a few jogs apart along one wall: many graze the grown outline
    a = np.concatenate([near, rng.integers(0, len(xy), 2000)])
    b = np.concatenate([np.clip(near + rng.integers(1, 12, 3000), 0, len(xy) - 1), rng.integers(0, len(xy), 2000)])
    segs = _segments(xy[a], xy[b])
    want = shapely.covers(grown, segs)
    off, edge = shapely.intersects(test.off, segs), shapely.intersects(test.edge, segs)
    assert off.sum() > 500 and (~off & edge).sum() > 50 and (~off & ~edge).sum() > 500  # every branch is taken
    assert np.array_equal(test.many(xy[a], xy[b]), want)
    assert [test.one(xy[[u, v]]) for u, v in zip(a[:400].tolist(), b[:400].tolist(), strict=True)] == want[:400].tolist()


@pytest.mark.parametrize("seed", range(4))
def test_segments_settled_by_a_point_off_the_floor_are_answered_as_covers_does(seed: int) -> None:
    """All pairs' test: a middle or quarter point clearly off the floor settles a segment; covers the rest, the same answers."""
    rng = np.random.default_rng(seed)
    room = jagged_l_room(seed, step=float(rng.choice([0.12, 1.5])), jog=float(rng.choice([0.001, 0.05, 0.3])))
    room = room.difference(box(3, 1, 4, 2))
    grown = grown_floor(room)
    off = _clearly_off(room, grown)
    assert off is not None and shapely.distance(grown.boundary, off.boundary) > 1.5e-4
    xy = np.vstack([np.asarray(reflex_vertices(room)), rng.uniform((0, 0), (20, 17), (100, 2))])
    a, b = rng.integers(0, len(xy), 5000), rng.integers(0, len(xy), 5000)
    want = shapely.covers(grown, _segments(xy[a], xy[b]))
    assert 500 < want.sum() < 4500
    assert np.array_equal(_covers(grown, xy[a], xy[b], off), want)
    assert np.array_equal(_covers(grown, xy[a], xy[b], None), want)


def test_an_outline_not_clear_of_the_grown_floor_is_not_used(monkeypatch) -> None:
    """Were the outer outline ever to cut into the grown floor, meeting it would prove nothing: covers answers instead."""
    monkeypatch.setattr(floor_paths, "_CLEARLY_OFF", 0.5e-3)  # inside the 1 mm grown floor
    room = jagged_l_room()
    grown = grown_floor(room)
    test = _SegmentTest(room, grown)
    assert test.off.is_empty
    xy = np.asarray(reflex_vertices(room))
    rng = np.random.default_rng(2)
    a, b = rng.integers(0, len(xy), 500), rng.integers(0, len(xy), 500)
    assert np.array_equal(test.many(xy[a], xy[b]), shapely.covers(grown, _segments(xy[a], xy[b])))


def test_a_room_with_one_point_on_its_floor_tests_no_pair(monkeypatch) -> None:
    """Every other door drawn off the wall: nothing to join, so neither every pair nor any search is tested."""
    room = jagged_l_room(step=1.5)
    points = [(17.3, 13.0), (8.0, -0.004), (-0.01, 8.0)]

    def refuse(*args):
        raise AssertionError("tested every pair")

    monkeypatch.setattr(floor_paths, "_all_pairs", refuse)
    monkeypatch.setattr(floor_paths, "_Sight", _CountingSight)
    _CountingSight.tested = 0
    dist, paths, _ = in_room_paths(room, points)
    assert np.isinf(dist[0, 1:]).all() and np.isinf(dist[1, 2]) and paths[0][1] == []
    assert _CountingSight.tested == 0
    _same(in_room_paths(room, points), _reference(room, points))


def test_the_cheap_coarse_floor_test_answers_as_covers_does() -> None:
    """The lower bounds' segment test: off (meets the outline 2 um out), inside, grazing, an end outside: as covers."""
    room = jagged_l_room()
    coarse = shapely.simplify(room.buffer(floor_paths._COARSE_GROW, join_style="mitre"), floor_paths._COARSE_SIMPLIFY)
    clear = floor_paths._Clear(coarse)
    off, rim = clear.outlines
    assert not off.is_empty
    outline = shapely.get_coordinates(clear.wide.exterior)[:-1]
    xy = np.vstack([outline, shapely.get_coordinates(coarse.exterior)[:-1], np.asarray(reflex_vertices(room)),
                    [(30.0, 30.0), (10.0, 8.0)]])  # the last two: outside
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, len(xy), 4000), rng.integers(0, len(xy), 4000)
    a[:300] = np.arange(300) % len(outline)
    b[:300] = (a[:300] + rng.integers(1, 3, 300)) % len(outline)  # along the widened outline, or cutting a corner of it
    on = clear.points(xy)
    segs = _segments(xy[a], xy[b])
    want = shapely.covers(clear.wide, segs)
    off, rim = shapely.intersects(off, segs), shapely.intersects(rim, segs)
    assert off.sum() > 500 and (~off & rim).sum() > 50 and (~off & ~rim & want).sum() > 500 and (~on).sum() == 2
    assert np.array_equal(clear(xy[a], xy[b], on[a] & on[b]), want)


class _OpenSight(floor_paths._Sight):
    """Remembers itself, to check after the searches that ``open`` still says what ``known`` says."""

    made: list[floor_paths._Sight] = []

    def __init__(self, *args) -> None:
        super().__init__(*args)
        _OpenSight.made.append(self)


def test_the_searches_blocked_distances_are_the_segments_known_blocked(monkeypatch) -> None:
    """``open`` (what the search adds its costs to) is the straight distance, infinite exactly where blocked."""
    room = jagged_l_room(step=1.5)
    points = [(17.3, 13.0), (4.4, 5.0), (1.1, 16.9), (14.5, 9.0), (8.0, -0.004)]
    monkeypatch.setattr(floor_paths, "_Sight", _OpenSight)
    monkeypatch.setattr(floor_paths, "_EAGER_PAIRS", 0)
    _OpenSight.made = []
    _same(in_room_paths(room, points), _reference(room, points))
    (sight,) = _OpenSight.made
    blocked = sight.known == -1
    assert blocked[4].sum() == len(blocked) - 1  # the door off its wall is cut off
    blocked[4], blocked[:, 4] = False, False
    assert blocked.sum() > 0  # and the searches found blocked segments
    d = floor_paths._pairwise(sight.xy, sight.xy)
    assert np.array_equal(sight.open, np.where(sight.known == -1, np.inf, d))


@pytest.mark.parametrize("sizes", [[], [2], [3, 1, 5, 2, 12]])
def test_straight_rows_are_each_rooms_straight_distances(sizes: list[int]) -> None:
    rng = np.random.default_rng(len(sizes))
    rooms = [[(float(x), float(y)) for x, y in rng.uniform(-50, 50, (n, 2))] for n in sizes]
    assert floor_paths.straight_rows(rooms) == [floor_paths.straight_distances(pts).tolist() for pts in rooms]


def test_points_on_a_floor_as_covers_sees_them() -> None:
    """_covers_xy (GEOS's intersects on the coordinates) answers as covers of drawn points: on the outline
    (vertices, points along the edges, a hole's rim) as well as inside and outside."""
    room = jagged_l_room(seed=5)
    rng = np.random.default_rng(5)
    for floor in (room, grown_floor(room)):
        c = shapely.get_coordinates(floor)
        t = rng.random((len(c) - 1, 1))
        xy = np.vstack([c, c[:-1] * t + c[1:] * (1 - t), (c[:-1] + c[1:]) / 2, rng.random((500, 2)) * [21, 18] - 0.5])
        want = shapely.covers(floor, shapely.points(xy))
        assert np.array_equal(floor_paths._covers_xy(floor, xy), want)
        assert np.array_equal(floor_paths._covers_xy(np.array([floor] * len(xy), dtype=object), xy), want)


def test_a_room_with_one_point_on_its_floor_cuts_every_point_off() -> None:
    """Fewer than two points on the grown floor: no path, each point at 0 from itself, the nodes the points and
    the reflex corners, as the lazy search answers (never laid out)."""
    room = jagged_l_room(seed=6)
    points = [(17.3, 13.0), (8.0, -0.5), (25.0, 3.0)]  # one inside, two well off the floor
    dist, paths, nodes = floor_paths.around_corners(room, points)
    want = np.full((3, 3), np.inf)
    np.fill_diagonal(want, 0.0)
    assert np.array_equal(dist, want)
    assert paths == [[[0], [], []], [[], [1], []], [[], [], [2]]]
    assert nodes == points + reflex_vertices(room)
