"""Westport House level 1: the depths behind integration [HH] are exact.

depthmapX's global VGA (``salalib/vgamodules/vgavisualglobal.cpp``) walks
each cell's own visible pixels level by level; its ``extractUnseen``
shortcut (pixel runs already extended past in their direction) skips only
pixels already queued, so its depths are exact breadth-first depths on the
graph of each cell's own view, k being the cells of the connected component
(the cell included). Level 1 has no depthmapX export here (only level 4
has, see test_depthmapx_reference.py), so this checks what makes our
integration equal to its own there: (1) the graph is what each viewpoint
sees from itself (the symmetric graph built from one triangle loses
nothing), and (2) the bit-parallel search over twin classes gives the same
node counts and total depths as an independent breadth-first search, on a
floor with several separate components.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, shortest_path

from tests.conftest import REAL_PLANS_DIR, require_real_plans

WESTPORT = REAL_PLANS_DIR / "wrld_westport_house_geojson" / "main.json"
GRID = 1.0


@pytest.fixture(scope="module")
def level1():
    require_real_plans()
    from floorplans.importers import import_file
    from scoring.visibility.obstacles import VISUAL_OBSTACLE_TYPES
    from scoring.visibility.vga import vga_graph

    plan = import_file(WESTPORT, level="1").levels["1"]
    furniture = tuple(sorted(VISUAL_OBSTACLE_TYPES))
    grid, bits = vga_graph(plan, GRID, furniture)
    return plan, furniture, grid, bits


def test_each_cell_sees_what_its_row_says(level1):
    from scoring.visibility.bits import unpack_rows
    from scoring.visibility.obstacles import wall_segments
    from scoring.visibility.sweep import sweep, visible_pairs, with_frame

    plan, furniture, grid, bits = level1
    n, pts = len(grid), grid.points
    assert n > 2000
    rows = np.random.default_rng(18).choice(n, 60, replace=False)
    sw = sweep(pts[rows], with_frame(wall_segments(plan, furniture), pts))
    v = np.repeat(np.arange(len(rows)), n)
    q = np.tile(np.arange(n), len(rows))
    own = visible_pairs(sw, v, pts[q, 0], pts[q, 1]).reshape(len(rows), n)
    own[np.arange(len(rows)), rows] = False
    assert (own == unpack_rows(bits[rows], n)).all()


def test_depths_equal_an_independent_search(level1):
    from scoring.visibility import vga
    from scoring.visibility.bfs import depth_counts
    from scoring.visibility.bits import unpack_rows

    plan, _, grid, bits = level1
    n = len(grid)
    graph = csr_matrix(unpack_rows(bits, n))
    n_components, label = connected_components(graph, directed=False)
    # k is the size of the part a cell is in (the importer now joins open-plan spaces, so there may be one part)
    counts = depth_counts(bits, n)
    sources = np.random.default_rng(1).choice(n, 150, replace=False)
    depth = shortest_path(graph, unweighted=True, indices=sources)
    reached = np.isfinite(depth)
    assert (counts.node_count[sources] == reached.sum(axis=1)).all()
    assert (counts.node_count == np.bincount(label)[label]).all()
    assert (counts.total_depth[sources] == np.where(reached, depth, 0).sum(axis=1)).all()
    k = reached.sum(axis=1).astype(float)
    md = np.where(reached, depth, 0).sum(axis=1) / (k - 1)
    ok = (k > 2) & (md > 1)
    d_k = 2 * (k * (np.log2((k + 2) / 3) - 1) + 1) / ((k - 1) * (k - 2))  # depthmapX's dvalue
    want = d_k[ok] / (2 * (md[ok] - 1) / (k[ok] - 2))
    got = vga(plan, GRID, radius=None).integration_hh[sources[ok]]
    assert np.allclose(got, want, rtol=1e-12)
