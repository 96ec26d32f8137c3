"""depthmapX's VGA measures by hand and against networkx; step depth; bounded memory."""

from __future__ import annotations

import math
import tracemalloc

import networkx as nx
import numpy as np
import pytest

from floorplans import plan_from_geojson
from floorplans.samples import load_sample
from scoring.visibility import bits, make_grid, metric_step_depth, vga, visual_step_depth
from scoring.visibility.bfs import depth_counts
from scoring.visibility.measures import global_measures_from, local_measures, point_moments, pvalue
from scoring.visibility.steps import metric_step_measures
from scoring.visibility.vga import vga_graph
from tests.factory import two_rooms


def _packed(graph: nx.Graph) -> tuple[np.ndarray, int]:
    dense = nx.to_numpy_array(graph, nodelist=sorted(graph), dtype=bool)
    return bits.pack_rows(dense), len(dense)


def test_global_measures_on_a_path_by_hand():
    adj, n = _packed(nx.path_graph(5))
    counts = depth_counts(adj, n)
    out = global_measures_from(counts.node_count, counts.total_depth, counts)
    # the end cell: depths 1, 2, 3, 4 once each -> TD 10, MD 2.5, RA = 2 * 1.5 / 3 = 1
    assert out["mean_depth"][0] == pytest.approx(2.5)
    assert out["integration_pv"][0] == pytest.approx(pvalue(5) / 1.0)
    assert out["integration_pv"][0] == pytest.approx(2 * (5 - math.log2(5) - 1) / 12)
    assert out["integration_tekl"][0] == pytest.approx(math.log(1.5) / math.log(10 - 5 + 1))
    assert out["entropy"][0] == pytest.approx(2.0)  # four depths, a quarter each
    q = [2.5**d / math.factorial(d + 1) * math.exp(-2.5) for d in (1, 2, 3, 4)]
    assert out["relativised_entropy"][0] == pytest.approx(sum(0.25 * math.log2(0.25 / qd) for qd in q))
    # radius 2 from the end: two cells within reach
    cut = counts.within(2)
    assert cut.node_count[0] == 3 and cut.total_depth[0] == 3


def test_undefined_measures_are_nan():
    adj, n = _packed(nx.star_graph(3))  # the centre sees everyone: MD = 1
    counts = depth_counts(adj, n)
    out = global_measures_from(counts.node_count, counts.total_depth, counts)
    assert np.isnan(out["integration_hh"][0]) and np.isnan(out["integration_tekl"][0])
    assert np.isfinite(out["integration_hh"][1:]).all()
    lonely, m = _packed(nx.empty_graph(2))
    local = local_measures(lonely, m)
    assert np.isnan(local["clustering"]).all() and np.isnan(local["controllability"]).all()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_local_measures_equal_their_definitions(seed):
    graph = nx.gnp_random_graph(70, 0.15, seed=seed)
    adj, n = _packed(graph)
    got = local_measures(adj, n)
    for i in graph:
        hood = set(graph[i])
        k = len(hood)
        if k <= 1:
            assert np.isnan(got["clustering"][i])
            continue
        links = sum(len(set(graph[j]) & hood) for j in hood)
        assert got["clustering"][i] == pytest.approx(links / (k * (k - 1)))
        assert got["control"][i] == pytest.approx(sum(1 / len(graph[j]) for j in hood))
        union = set().union(*(set(graph[j]) for j in hood))
        assert got["controllability"][i] == pytest.approx(k / len(union))


def test_point_moments_sum_distances_to_the_cells_seen():
    graph = nx.cycle_graph(6)
    adj, n = _packed(graph)
    pts = np.array([[math.cos(a), math.sin(a)] for a in np.linspace(0, 2 * math.pi, 6, endpoint=False)]) * 2
    first, second = point_moments(adj, n, pts)
    side = 2.0  # neighbours on a hexagon of radius 2 are 2 m apart
    assert first == pytest.approx([2 * side] * 6) and second == pytest.approx([2 * side**2] * 6)


def test_point_moments_over_all_pairs_masked_equal_those_over_the_links(monkeypatch):
    """Dense blocks (all pairs, masked) and sparse ones (the links listed) sum the same distances in the same
    order: the same bits."""
    from scoring.visibility import measures
    from scoring.visibility.grid import VISUAL_OBSTACLE_TYPES

    grid, adj = vga_graph(load_sample("baseline"), 1.0, tuple(sorted(VISUAL_OBSTACLE_TYPES)))
    n = len(grid)
    monkeypatch.setattr(measures, "DENSE_SHARE", 2.0)  # never dense
    sparse = point_moments(adj, n, grid.points)
    monkeypatch.setattr(measures, "DENSE_SHARE", 0.0)  # always dense
    dense = point_moments(adj, n, grid.points)
    assert sparse[0].sum() > 0
    for a, b in zip(sparse, dense, strict=True):
        assert np.array_equal(a, b)


def test_step_depth_through_a_door_from_the_hall():
    plan = plan_from_geojson(two_rooms())  # hall [0,5]x[0,4], waiting [5,10]x[0,4], door (5,1)-(5,2)
    points, depth = visual_step_depth(plan, [(2.5, 1.5)])
    at = {tuple(p): d for p, d in zip(points, depth, strict=False)}
    assert at[(2.5, 1.5)] == 0 and at[(4.5, 3.5)] == 1  # the hall is convex
    assert at[(9.5, 1.5)] == 1  # level with the door
    assert at[(9.5, 3.5)] == 2  # around the jamb
    pts, path, straight = metric_step_depth(plan, [(2.5, 1.5)])
    i = int(np.flatnonzero((pts[:, 0] == 9.5) & (pts[:, 1] == 3.5))[0])
    assert straight[i] == pytest.approx(math.hypot(7, 2))
    # the shortest path bends at a cell by the jamb (5, 2): longer than the straight line, shorter than via (5, 1.5)
    assert straight[i] < path[i] <= math.hypot(2.5, 0) + math.hypot(4.5, 2) + 1e-9
    j = int(np.flatnonzero((pts[:, 0] == 9.5) & (pts[:, 1] == 1.5))[0])
    assert path[j] == pytest.approx(7.0)
    _, metric = metric_step_measures(plan, [(2.5, 1.5)])
    angle = metric["Metric Step Shortest-Path Angle"]
    assert np.array_equal(metric["Metric Step Shortest-Path Length"], path, equal_nan=True)
    assert angle[j] == 0 and angle[np.flatnonzero((pts[:, 0] == 2.5) & (pts[:, 1] == 1.5))[0]] == 0  # seen directly
    # one bend by the jamb, less than a quarter turn: the path turns from heading (2.5, 0.5) to (4.5, 1.5) or so
    assert 0 < angle[i] < 1
    assert (angle[np.isfinite(path)] >= 0).all()
    with pytest.raises(ValueError, match="not on the filled grid"):
        visual_step_depth(plan, [(30, 30)])


def test_vga_keeps_the_graph_packed_and_memory_bounded():
    plan = load_sample("option_b").replace()
    tracemalloc.start()
    result = vga(plan, 0.5, measures=("visibility", "global", "local"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    n = len(result)
    grid, graph = vga_graph(plan, 0.5, ("screen",))
    assert graph.shape == (n, bits.n_words(n)) and graph.dtype == np.uint64
    assert n > 4000 and peak < 150 * 2**20, f"peak {peak / 2**20:.0f} MB"
    assert len(make_grid(plan, 0.5)) == n


def test_isovists_from_the_graph_sweeps_equal_the_isovist_pass():
    from scoring.visibility import isovist_properties_grid
    from scoring.visibility.vga import ISOVIST_COLUMNS

    plan = load_sample("option_b").replace()
    both = vga(plan, 0.5, measures=("visibility", "isovist"), radius=None)
    alone = vga(plan, 0.5, measures=("isovist",), radius=None)
    field = isovist_properties_grid(plan, 0.5)
    assert len(both) == len(field.xs) > 100
    for key, column in ISOVIST_COLUMNS.items():
        assert np.allclose(both[column], field.values[key], rtol=1e-12, atol=1e-12, equal_nan=True), column
        assert np.array_equal(alone[column], field.values[key], equal_nan=True), column
    assert (both.connectivity == vga(plan, 0.5, measures=("visibility",), radius=None).connectivity).all()
