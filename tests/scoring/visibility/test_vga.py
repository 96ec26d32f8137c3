"""VGA: grid convention, visibility graph, depthmapX's global measures, the sample plans."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely

from floorplans import plan_from_geojson
from floorplans.samples import load_sample, sample_names
from scoring.visibility import dvalue, global_measures, integration_hh, make_grid, vga, visibility_graph, wall_segments
from scoring.visibility.obstacles import VISUAL_OBSTACLE_TYPES
from scoring.visibility.portals import plan_portals
from tests.factory import collection, door, room, two_rooms


def _plan(*features, **top):
    return plan_from_geojson(collection(*features, **top))


def _cell(result, x, y):
    hit = np.nonzero((np.abs(result.xs - x) < 1e-9) & (np.abs(result.ys - y) < 1e-9))[0]
    assert len(hit) == 1, f"no cell at ({x}, {y})"
    return int(hit[0])


def _brute_force(segs, points):
    """Pairwise reference: linked unless the sight line comes within 1e-9 m of a wall (touching blocks)."""
    n = len(points)
    iu = np.triu_indices(n, 1)
    lines = shapely.linestrings(np.stack([points[iu[0]], points[iu[1]]], axis=1))
    tree = shapely.STRtree(shapely.linestrings(segs.reshape(-1, 2, 2)))
    blocked, _ = tree.query(lines, predicate="dwithin", distance=1e-9)
    adj = np.zeros((n, n), dtype=bool)
    free = np.ones(len(lines), dtype=bool)
    free[blocked] = False
    adj[iu[0][free], iu[1][free]] = True
    return adj | adj.T


# --- grid convention -------------------------------------------------------------------------------

def test_cells_sit_at_multiples_of_the_spacing_and_cells_on_walls_are_dropped():
    # a 2 x 1.5 m room from the origin: centres on its outline (x = 0 or 2, y = 0 or 1.5) lie on walls
    grid = make_grid(_plan(room("r", "waiting", (0, 0, 2, 1.5))), 0.5)
    assert sorted(zip(grid.xs, grid.ys, strict=False)) == [(x, y) for x in (0.5, 1.0, 1.5) for y in (0.5, 1.0)]
    assert grid.dropped_on_wall == 5 * 4 - 6
    assert np.allclose(grid.xs / 0.5, np.round(grid.xs / 0.5))


def test_small_rectangle_counted_by_hand():
    # shifted by a quarter cell, no centre is on a wall: 4 x 3 = 12 cells, all see each other
    result = vga(_plan(room("r", "waiting", (0.25, 0.25, 2.25, 1.75))), 0.5)
    assert len(result) == 12
    assert set(result.xs) == {0.5, 1.0, 1.5, 2.0} and set(result.ys) == {0.5, 1.0, 1.5}
    assert (result.connectivity == 11).all()
    assert (result.node_count == 12).all()
    assert (result.mean_depth == 1.0).all()
    assert np.isnan(result.integration_hh).all()  # RA = 0: depthmapX writes -1, this writes NaN


def _l_room():
    return _plan({"type": "Feature", "id": "l", "geometry": {"type": "Polygon", "coordinates": [
        [[0, 0], [3, 0], [3, 1], [1, 1], [1, 3], [0, 3], [0, 0]]]}, "properties": {"feature": "room", "kind": "corridor"}})


def test_l_shaped_room_corner_cells():
    # arms [0,3]x[0,1] and [0,1]x[0,3] at 0.5 m: 5 cells along the bottom, 4 up the side;
    # centres on the inner walls (x = 1 or y = 1 beyond the corner, and the corner itself) are dropped
    plan = _l_room()
    result = vga(plan, 0.5)
    assert len(result) == 9
    conn = {(x, y): c for x, y, c in zip(result.xs, result.ys, result.connectivity, strict=False)}
    assert conn[(0.5, 0.5)] == 8  # the crook sees both arms
    # the far end of the bottom arm sees its own arm and (0.5, 1) just past the inner corner (1, 1)
    assert conn[(2.5, 0.5)] == 5
    assert conn[(0.5, 2.5)] == 5
    pts = make_grid(plan, 0.5).points
    graph = visibility_graph(wall_segments(plan), pts)
    index = {tuple(p): i for i, p in enumerate(pts)}
    assert not graph[index[(1.5, 0.5)], index[(0.5, 1.5)]]  # the sight line grazes the corner (1, 1)
    assert graph[index[(1.0, 0.5)], index[(0.5, 1.5)]]
    assert not graph[index[(2.5, 0.5)], index[(0.5, 2.5)]]
    assert (graph == graph.T).all() and not graph.diagonal().any()
    # depths by hand from (2.5, 0.5): 4 cells of its arm and (0.5, 1) at 1; (0.5, 1.5..2.5) at 2
    v = _cell(result, 2.5, 0.5)
    assert result.mean_depth[v] == pytest.approx((5 * 1 + 3 * 2) / 8)


def test_vga_sees_through_a_door_and_fills_through_it():
    plan = plan_from_geojson(two_rooms())
    result = vga(plan, 0.5)
    # the hall [0,5]x[0,4] and waiting room [5,10]x[0,4]: 9 x 7 cells each off the walls,
    # plus (5, 1.5) in the door gap (5,1)-(5,2); (5, 1) and (5, 2) lie on the door's jambs
    assert len(result) == 2 * 9 * 7 + 1
    assert _cell(result, 5.0, 1.5) >= 0
    hall, far = _cell(result, 2.5, 1.5), _cell(result, 9.5, 1.5)
    graph = visibility_graph(wall_segments(plan), np.column_stack([result.xs, result.ys]))
    assert graph[hall, far]  # level with the door (5,1)-(5,2)
    assert not graph[_cell(result, 2.5, 3.5), _cell(result, 9.5, 3.5)]
    assert result.connectivity[hall] > 9 * 7 - 1
    assert (result.node_count == 2 * 9 * 7 + 1).all()
    # without the door the waiting room is unreachable from the entrance: the fill stops at the hall
    closed = plan.without("d-mid")
    shut = vga(closed, 0.5)
    assert len(shut) == 9 * 7
    assert make_grid(closed, 0.5).dropped_unreached == 9 * 7


def test_fill_crosses_a_door_gap_between_two_grid_columns_diagonally():
    # a 0.46 m door in the wall y = 1.25, from x = 1.02 to 1.48: no column of the 0.5 m grid passes
    # through it, only the diagonal step (1, 1) -> (1.5, 1.5) does (as depthmapX's eight-way fill)
    plan = _plan(room("a", "entrance", (0, 0, 4, 1.25)), room("b", "waiting", (0, 1.25, 4, 4)),
                 door("d0", (2, 0), (3, 0), entrance=True), door("d1", (1.02, 1.25), (1.48, 1.25)))
    grid = make_grid(plan, 0.5)
    assert len(grid) == 7 * 2 + 7 * 5  # room a: rows 0.5 and 1; room b: rows 1.5 .. 3.5
    assert grid.dropped_unreached == 0
    shut = make_grid(plan.without("d1"), 0.5)
    assert len(shut) == 7 * 2 and shut.dropped_unreached == 7 * 5


def test_plan_without_entrance_keeps_every_cell():
    plan = _plan(room("a", "waiting", (0, 0, 2, 2)), room("b", "waiting", (2, 0, 4, 2)))
    result = vga(plan, 0.5)
    assert len(result) == 2 * 3 * 3
    assert (result.node_count == 9).all()  # two separate rooms: each search reaches its own room


def test_graph_equals_pairwise_segment_tests():
    plan = plan_from_geojson(collection(
        room("hall", "entrance", (0, 0, 6, 5)),
        room("corr", "corridor", (6, 0, 8, 12)),
        room("m1", "meeting_room", (0, 5, 6, 8.5)),
        room("m2", "meeting_room", (0, 8.5, 6, 12)),
        room("w", "waiting", (8, 0, 14, 12)),
        door("d0", (2, 0), (3, 0), entrance=True),
        door("d1", (6, 1), (6, 2.3)),
        door("d2", (6, 6), (6, 7)),
        door("d3", (6, 9.7), (6, 10.6)),
        {"type": "Feature", "id": "o1", "geometry": {"type": "LineString", "coordinates": [[8, 2], [8, 10]]},
         "properties": {"feature": "opening"}},
    ))
    grid = make_grid(plan, 0.5)
    segs = wall_segments(plan)
    assert len(grid) > 500
    reference = _brute_force(segs, grid.points)
    assert (visibility_graph(segs, grid.points) == reference).all()
    assert (visibility_graph(segs, grid.points, plan_portals(plan, VISUAL_OBSTACLE_TYPES)) == reference).all()


def test_graph_on_a_sample_matches_pairwise_tests():
    plan = load_sample("baseline")
    points = make_grid(plan, 1.0).points
    pick = np.random.default_rng(7).choice(len(points), 300, replace=False)
    segs = wall_segments(plan)
    sub = points[np.sort(pick)]
    assert (visibility_graph(segs, sub, plan_portals(plan, VISUAL_OBSTACLE_TYPES)) == _brute_force(segs, sub)).all()


# --- global measures --------------------------------------------------------------------------------

def _adjacency(graph: nx.Graph) -> np.ndarray:
    return nx.to_numpy_array(graph, nodelist=sorted(graph), dtype=bool)


def test_integration_on_a_path_by_hand():
    k, td = global_measures(_adjacency(nx.path_graph(4)))
    assert k.tolist() == [4, 4, 4, 4]
    assert td.tolist() == [6, 4, 4, 6]
    md, hh = integration_hh(k, td)
    # end: MD 2, RA = 2(2-1)/2 = 1, D_4 = 2{4[log2(2) - 1] + 1}/(3*2) = 1/3
    assert dvalue(4) == pytest.approx(1 / 3)
    assert md.tolist() == pytest.approx([2, 4 / 3, 4 / 3, 2])
    assert hh.tolist() == pytest.approx([1 / 3, 1.0, 1.0, 1 / 3])


def test_integration_on_a_star_by_hand():
    k, td = global_measures(_adjacency(nx.star_graph(4)))  # centre 0 and four leaves
    assert td.tolist() == [4, 7, 7, 7, 7]
    md, hh = integration_hh(k, td)
    assert math.isnan(hh[0])  # MD = 1 at the centre
    d5 = 2 * (5 * (math.log2(7 / 3) - 1) + 1) / (4 * 3)
    assert hh[1] == pytest.approx(d5 / (2 * (7 / 4 - 1) / 3))


def test_bfs_matches_networkx_on_random_graphs_with_twins_and_components():
    rng = np.random.default_rng(3)
    for n, p in ((40, 0.08), (60, 0.3), (30, 0.02)):
        graph = nx.gnp_random_graph(n, p, seed=int(rng.integers(1000)))
        graph.add_edges_from([(0, n), (1, n)])  # node n: a near-twin of nobody; keeps things irregular
        graph.add_edges_from((n + 1, u) for u in graph[0])
        graph.add_edge(n + 1, 0)  # n + 1 is a true twin of 0
        k, td = global_measures(_adjacency(graph))
        for v in sorted(graph):
            depth = nx.single_source_shortest_path_length(graph, v)
            assert k[v] == len(depth)
            assert td[v] == sum(depth.values())


# --- the result object and the samples ----------------------------------------------------------------

def test_result_frame_csv_and_cache(tmp_path):
    plan = plan_from_geojson(two_rooms())
    result = vga(plan, 0.5)
    assert vga(plan, 0.5) is result
    frame = result.to_frame()
    assert list(frame.columns)[:6] == ["x", "y", "connectivity", "node_count", "mean_depth", "integration"]
    assert {"Point First Moment", "Visual Integration [HH] R3", "Visual Entropy"} <= set(frame.columns)
    path = result.write_csv(tmp_path / "vga.csv")
    back = pd.read_csv(path)
    assert len(back) == len(result)
    assert np.allclose(back["integration"], result.integration_hh, equal_nan=True)
    with pytest.raises(ValueError, match="grid spacing"):
        vga(plan, 0)
    with pytest.raises(ValueError, match="unknown measure group 'nonsense'"):
        vga(plan, 0.5, measures=("global", "nonsense"))
    with pytest.raises(ValueError, match="radius"):
        vga(plan, 0.5, radius=0)
    with pytest.raises(KeyError, match="was not computed"):
        vga(plan, 0.5, measures=("local",)).integration_hh


@pytest.mark.parametrize("name", sample_names())
def test_vga_on_the_samples(name):
    plan = load_sample(name)
    result = vga(plan, 1.0)
    grid = make_grid(plan, 1.0)
    assert len(result) == len(grid) > 0.5 * plan.floor_area / 1.0
    assert (result.connectivity >= 1).all()
    assert (result.node_count == len(result)).all()  # everything filled is connected to the entrance
    finite = np.isfinite(result.integration_hh)
    assert finite.mean() > 0.95
    assert (result.mean_depth[finite] > 1).all()
    # the fill starts in the room behind the entrance door
    entrance = plan.entrances[0]
    nearest = np.hypot(result.xs - entrance.midpoint.x, result.ys - entrance.midpoint.y).min()
    assert nearest <= entrance.length / 2 + 1.5
    # integration from the matrix search equals a plain BFS from a few cells
    graph = nx.from_numpy_array(visibility_graph(wall_segments(plan), grid.points))
    for v in (0, len(result) // 2, len(result) - 1):
        depth = nx.single_source_shortest_path_length(graph, v)
        md = sum(depth.values()) / (len(depth) - 1)
        assert result.mean_depth[v] == pytest.approx(md)
        assert result.integration_hh[v] == pytest.approx(dvalue(len(depth)) / (2 * (md - 1) / (len(depth) - 2)))
