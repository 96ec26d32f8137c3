"""The faster wall preparation for isovists gives the very same arrays as the plain version.

``cut_gaps_with_holes`` now runs its per-gap test only on the walls near a
gap, and ``plan_portals`` sifts the walls near each room in numpy first. Both must
return exactly what the straightforward loops returned: isovists depend
on the order of the segments as well as on their values.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from floorplans.samples import load_sample, sample_names
from scoring.visibility import obstacles
from scoring.visibility.obstacles import _MIN_PIECE, cut_gaps_with_holes
from scoring.visibility.portals import plan_portals


def _plain_cut(segments, gaps, tolerance=obstacles.ON_WALL_TOLERANCE):
    """The former loop: every gap against every wall."""
    segs = np.asarray(segments, dtype=float).reshape(-1, 4)
    holes = [np.zeros((0, 4))]
    for (ax, ay), (bx, by) in gaps:
        p = segs[:, 0:2]
        d = segs[:, 2:4] - p
        length = np.hypot(d[:, 0], d[:, 1])
        u = d / length[:, None]
        da = (ax - p[:, 0]) * u[:, 1] - (ay - p[:, 1]) * u[:, 0]
        db = (bx - p[:, 0]) * u[:, 1] - (by - p[:, 1]) * u[:, 0]
        ta = (ax - p[:, 0]) * u[:, 0] + (ay - p[:, 1]) * u[:, 1]
        tb = (bx - p[:, 0]) * u[:, 0] + (by - p[:, 1]) * u[:, 1]
        lo = np.clip(np.minimum(ta, tb), 0.0, length)
        hi = np.clip(np.maximum(ta, tb), 0.0, length)
        hit = (np.abs(da) <= tolerance) & (np.abs(db) <= tolerance) & (hi - lo > _MIN_PIECE)
        if not hit.any():
            continue
        keep = segs[~hit]
        h_p, h_u, h_lo, h_hi, h_len = p[hit], u[hit], lo[hit], hi[hit], length[hit]
        holes.append(np.hstack([h_p + h_u * h_lo[:, None], h_p + h_u * h_hi[:, None]]))
        before = np.hstack([h_p, h_p + h_u * h_lo[:, None]])[h_lo > _MIN_PIECE]
        after = np.hstack([h_p + h_u * h_hi[:, None], h_p + h_u * h_len[:, None]])[h_len - h_hi > _MIN_PIECE]
        segs = np.vstack([keep, before, after])
    return segs, np.vstack(holes)


@pytest.mark.parametrize("seed", range(5))
def test_cutting_door_gaps_matches_the_plain_loop(seed: int) -> None:
    rng = np.random.default_rng(seed)
    walls = rng.uniform(0, 30, (400, 4)).round(3)
    gaps = []
    for w in walls[rng.choice(len(walls), 60, replace=False)]:  # gaps on walls, a little off them, overlapping ends
        t0, t1 = sorted(rng.uniform(-0.2, 1.2, 2))
        off = rng.normal(0, 0.03, 2)
        a = w[:2] + t0 * (w[2:] - w[:2]) + off
        b = w[:2] + t1 * (w[2:] - w[:2]) + off
        gaps.append((tuple(a), tuple(b)))
    gaps += [((1.0, 1.0), (2.0, 2.0)), ((5.0, 5.0), (5.0, 5.0))]  # a gap on no wall, a zero-length one
    got, got_holes = cut_gaps_with_holes(walls, gaps)
    want, want_holes = _plain_cut(walls, gaps)
    assert len(want_holes) > 20  # plenty of walls were cut
    assert np.array_equal(got, want) and np.array_equal(got_holes, want_holes)


@pytest.mark.parametrize("name", sample_names())
def test_the_samples_walls_match_the_plain_loop(name: str) -> None:
    plan = load_sample(name)
    rings = shapely.union_all([r.geometry.boundary for r in plan.rooms])
    segs = obstacles.segments_of(rings)
    gaps = obstacles._gap_segments(plan)
    assert np.array_equal(cut_gaps_with_holes(segs, gaps)[0], _plain_cut(segs, gaps)[0])
    lone = obstacles._lone_cuts(segs, np.asarray(gaps, dtype=float).reshape(-1, 2, 2), 0.1, 0.05)
    assert 0 < len(lone) < len(gaps)  # some gaps worked out at once, some in turn


@pytest.mark.parametrize("name", sample_names())
def test_portal_wall_contacts_are_the_pairwise_near_tests(name: str) -> None:
    plan = load_sample(name)
    portals = plan_portals(plan, obstacles.VISUAL_OBSTACLE_TYPES)
    walls = shapely.linestrings(obstacles.wall_segments(plan).reshape(-1, 2, 2))
    want = np.array([shapely.dwithin(room.geometry, walls, 1e-6) for room in plan.rooms])
    assert np.array_equal(portals.near, want)
    touching = np.array([shapely.intersects(room.geometry, walls) for room in plan.rooms])
    assert (portals.near >= touching).all() and touching.any()  # every wall touching a room is one of its own


def test_near_walls_match_the_pairwise_near_tests_inside_rooms_and_by_rounding() -> None:
    """A screen inside a room (far from its edges), a wall that misses a room by a rounding error or by a
    little more, and a slanted room: the numpy sifting leaves the same contacts as asking GEOS every pair."""
    from scoring.visibility.portals import _edge_boxes, _near_walls, _room_edges

    rooms = np.array([shapely.box(0, 0, 4, 4), shapely.box(4, 0, 8, 4), shapely.Polygon([(8, 0), (12, 1), (11, 5), (8, 4)])])
    walls = np.array([
        [1, 1, 1, 3],  # a screen inside room 0
        [4 + 1e-12, 0.5, 4 + 1e-12, 3.5],  # on the shared wall, off by rounding
        [4 + 0.9e-6, 1, 6, 1],  # starts just within 1e-6 of room 0
        [4 + 1.1e-6, 2, 6, 2],  # starts just beyond it (inside room 1)
        [9, 0.25 + 1e-7, 10, 0.5 + 1e-7],  # along the slanted edge, a hair off
        [13, 0, 13, 6],  # beside the slanted room
        [10, 2, 10.5, 6],  # crosses the slanted room's edge
        [-1, -1, 13, -1],  # below everything
        [-1, 5, 1, 3],  # through room 0's corner into it
        [-1, 3, 1, 5],  # grazing room 0's corner only
    ], dtype=float)
    index = shapely.STRtree(shapely.linestrings(walls.reshape(-1, 2, 2)))
    want = np.array([shapely.dwithin(r, index.geometries, 1e-6) for r in rooms])
    edges = _room_edges(rooms)
    assert np.array_equal(_near_walls(rooms, walls, index, edges, _edge_boxes(edges)), want)
    assert want[0, 0] and want[0, 1] and want[0, 2] and not want[0, 3] and want[2, 4] and want[2, 6]
    assert want[0, 8] and want[0, 9]


def test_near_holes_match_the_index_query() -> None:
    """Holes on an edge, off it by rounding or a little more, through and grazing a corner: the same
    (hole, room) pairs as asking GEOS for every hole near every room's boundary."""
    from scoring.visibility.portals import _edge_boxes, _near_holes, _room_edges

    rooms = np.array([shapely.box(0, 0, 4, 4), shapely.box(4, 0, 8, 4), shapely.Polygon([(8, 0), (12, 1), (11, 5), (8, 4)])])
    holes = np.array([
        [4, 1, 4, 2],  # on the shared wall
        [4 + 1e-12, 2.5, 4 + 1e-12, 3.5],  # off it by rounding
        [4 + 1.1e-6, 3.6, 4 + 1.1e-6, 3.9],  # off it by a little more
        [-1, 5, 1, 3],  # through room 0's corner
        [-1, 3, 1, 5],  # grazing room 0's corner
        [9, 0.25 + 1e-7, 10, 0.5 + 1e-7],  # along the slanted edge, a hair off
        [2, 1, 2, 3],  # inside room 0, away from its boundary
    ], dtype=float)
    lines = shapely.linestrings(holes.reshape(-1, 2, 2))
    boundaries = shapely.boundary(rooms)
    want = shapely.STRtree(boundaries).query(lines, predicate="dwithin", distance=1e-6)
    want = want[:, np.lexsort((want[1], want[0]))]
    edges = _room_edges(rooms)
    got = _near_holes(rooms, holes, lines, boundaries, edges, _edge_boxes(edges))
    assert np.array_equal(np.array(got[:2]), want)
    assert {(3, 0), (4, 0), (0, 1), (5, 2)} <= set(zip(*want.tolist(), strict=True))


@pytest.mark.parametrize("seed", range(4))
def test_near_pairs_by_index_are_the_pairwise_box_tests(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(seed)
    start = rng.integers(0, 20, (300, 2)).astype(float) * 0.5
    segs = np.hstack([start, start + rng.choice([-1.0, 0.0, 1.0], (300, 2)) * rng.integers(0, 6, (300, 1))])
    at = rng.integers(0, 300, 150)
    ends = (segs[at, :2] + rng.random((150, 1)) * (segs[at, 2:] - segs[at, :2]))[:, None, :] + np.array([[0.0, 0.0], [0.5, 0.0]])
    by_index = obstacles._near_pairs(segs, ends, 0.25)
    monkeypatch.setattr(obstacles, "_INDEXED_GAPS", 10**9)
    pairwise = obstacles._near_pairs(segs, ends, 0.25)
    assert len(by_index[0]) > 150
    assert all(np.array_equal(a, b) for a, b in zip(by_index, pairwise, strict=True))
