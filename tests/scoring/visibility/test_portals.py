"""Portal culling: walls hidden behind chains of door gaps are dropped, and isovists stay exact."""

from __future__ import annotations

import numpy as np
import pytest

from floorplans import plan_from_geojson
from floorplans.samples import load_sample, sample_names
from scoring.visibility import isovist, isovist_properties_grid, make_grid, wall_segments
from scoring.visibility.isovist import isovist_properties
from scoring.visibility.obstacles import VISUAL_OBSTACLE_TYPES
from scoring.visibility.portals import keep_mask, plan_portals
from scoring.visibility.sweep import sweep, with_frame
from tests.factory import collection, door, room


def _three_rooms():
    """Rooms a, b, c, d in a row (4 m each); a wide door a|b, a narrow door b|c near the top, c|d near the bottom."""
    return plan_from_geojson(
        collection(
            room("a", "waiting", (0, 0, 4, 4)),
            room("b", "waiting", (4, 0, 8, 4)),
            room("c", "waiting", (8, 0, 12, 4)),
            room("d", "waiting", (12, 0, 16, 4)),
            door("ab", (4, 0.5), (4, 3.5)),
            door("bc", (8, 3.0), (8, 3.5)),
            door("cd", (12, 0.5), (12, 1.0)),
        )
    )


def _index(walls: np.ndarray, a: tuple[float, float], b: tuple[float, float]) -> int:
    ends = {(a, b), (b, a)}
    hits = [i for i, (x1, y1, x2, y2) in enumerate(walls) if ((x1, y1), (x2, y2)) in ends]
    assert len(hits) == 1
    return hits[0]


def test_a_wall_two_rooms_away_outside_the_narrowed_wedge_is_culled() -> None:
    plan = _three_rooms()
    walls = np.asarray(wall_segments(plan))
    viewpoint = np.array([[1.0, 2.0]])
    keep = keep_mask(plan_portals(plan, VISUAL_OBSTACLE_TYPES), viewpoint, with_frame(walls, viewpoint))[0]
    # d's far wall lies in the wedge of door a|b, but sight through doors b|c and c|d never reaches it
    assert not keep[_index(walls, (16.0, 0.0), (16.0, 4.0))]
    # c's far wall above door c|d is seen through doors a|b and b|c
    assert keep[_index(walls, (12.0, 1.0), (12.0, 4.0))]
    culled, every_wall = isovist(plan, (1.0, 2.0)), isovist(walls, (1.0, 2.0))
    assert culled.area == pytest.approx(every_wall.area, rel=1e-12)
    assert culled.polygon.symmetric_difference(every_wall.polygon).area < 1e-9


@pytest.mark.parametrize("name", sample_names())
def test_culled_isovist_measures_equal_a_sweep_over_every_wall(name: str) -> None:
    plan = load_sample(name)
    grid = make_grid(plan, 1.0)
    field = isovist_properties_grid(plan, grid)
    points = np.column_stack([grid.xs, grid.ys])
    framed = with_frame(np.asarray(wall_segments(plan)), points)
    every_wall = isovist_properties(sweep(points, framed))
    for measure, values in field.values.items():
        want = every_wall[measure]
        if measure == "drift_angle":  # an angle: compare round the circle
            gap = np.abs(np.mod(values - want + 180.0, 360.0) - 180.0)
            assert gap.max() <= 1e-6, measure
        else:
            assert np.allclose(values, want, rtol=1e-9, atol=1e-9), measure


def _states_by_all_four(edges, edge: np.ndarray, walls: np.ndarray, wall: np.ndarray) -> np.ndarray:
    """The edge/wall states with all four end distances and both side tests worked out for every pair."""
    from scoring.visibility import portals as p

    ax, ay, bx, by = edges.x0[edge], edges.y0[edge], edges.x1[edge], edges.y1[edge]
    cx, cy, dx, dy = (np.ascontiguousarray(c)[wall] for c in walls.T)
    sq = p._to_xy_squared
    ends = np.minimum(np.minimum(sq(cx, cy, ax, ay, bx, by), sq(dx, dy, ax, ay, bx, by)),
                      np.minimum(sq(ax, ay, cx, cy, dx, dy), sq(bx, by, cx, cy, dx, dy)))
    ex, ey, wx, wy = bx - ax, by - ay, dx - cx, dy - cy
    one_side = p._one_side(ex * (cy - ay) - ey * (cx - ax), ex * (dy - ay) - ey * (dx - ax), np.hypot(ex, ey))
    one_side |= p._one_side(wx * (ay - cy) - wy * (ax - cx), wx * (by - cy) - wy * (bx - cx), np.hypot(wx, wy))
    return np.where(ends <= p._SURELY_NEAR**2, 2, np.where((ends > p._SURELY_APART**2) & one_side, 0, 1))


def test_edge_wall_states_settled_by_the_first_end_equal_all_four_distances() -> None:
    from scoring.visibility.portals import _edge_wall_states, _Edges

    rng = np.random.default_rng(7)
    n = 4000
    a = rng.uniform(0, 10, (n, 2))
    b = a + rng.normal(0, 1, (n, 2))
    edges = _Edges(a[:, 0], a[:, 1], b[:, 0], b[:, 1], np.zeros(n, dtype=np.int64))
    # walls starting on, within a micron of, just beyond and far from their edge, ending anywhere (some crossing)
    t = rng.uniform(0, 1, (n, 1))
    off = rng.choice([0.0, 3e-7, 1.5e-6, 3e-6, 0.5], (n, 1)) * rng.normal(0, 1, (n, 2))
    c = a + t * (b - a) + off
    d = np.where(rng.uniform(size=(n, 1)) < 0.5, c + rng.normal(0, 1, (n, 2)), b + 1e-7 * rng.normal(0, 1, (n, 2)))
    walls = np.hstack([c, d])
    idx = np.arange(n)
    expected = _states_by_all_four(edges, idx, walls, idx)
    assert set(np.unique(expected)) == {0, 1, 2}
    got = _edge_wall_states(edges, idx, walls, idx)
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)
    walls[5, 3] = np.nan  # a coordinate not finite: every pair by all four distances
    np.testing.assert_array_equal(_edge_wall_states(edges, idx, walls, idx), _states_by_all_four(edges, idx, walls, idx))


def test_wedge_meeting_equals_the_one_by_np_mod() -> None:
    from scoring.visibility import portals as p

    def by_mod(lo, length, lo2, len2):
        lo2, len2 = lo2 - p._TOL, len2 + 2 * p._TOL
        d = np.mod(lo2 - lo, 4.0)
        second_inside = d <= length
        e = 4.0 - d
        new_len = np.where(second_inside, np.minimum(len2, length - d), np.minimum(length, len2 - e))
        return np.where(second_inside, lo2, lo), np.maximum(new_len, 0.0), second_inside | (e <= len2)

    rng = np.random.default_rng(11)
    n = 20000
    lo, lo2 = rng.choice([0.0, 1.0, 2.0, 3.0, 4.0 - 1e-16], n) + rng.choice([0.0, 1e-9, 0.37], n), rng.uniform(0, 4, n)
    lo2[::7] = lo[::7] + p._TOL  # starts that meet exactly
    lo2[::11] = lo[::11] - 4.0 + p._TOL
    length, len2 = rng.uniform(0, 2, n), rng.uniform(0, 2, n)
    for got, expected in zip(p._meet(lo, length, lo2, len2), by_mod(lo, length, lo2, len2), strict=True):
        assert got.dtype == expected.dtype
        np.testing.assert_array_equal(got.view(np.uint8), expected.view(np.uint8))  # bit for bit, zeros' signs too
