"""Packed bit matrices and the multi-source search against plain numpy and networkx."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from scoring.visibility import bfs, bits
from scoring.visibility.bfs import components, depth_counts, step_depth


def _random_bool(rng, rows, cols, p):
    return rng.random((rows, cols)) < p


@pytest.mark.parametrize("n", [1, 63, 64, 65, 200])
def test_pack_unpack_and_transpose(n):
    rng = np.random.default_rng(n)
    dense = _random_bool(rng, n, n, 0.3)
    packed = bits.pack_rows(dense)
    assert packed.shape == (n, bits.n_words(n)) and packed.dtype == np.uint64
    assert (bits.unpack_rows(packed, n) == dense).all()
    assert (bits.popcount_rows(packed) == dense.sum(axis=1)).all()
    upper = np.triu(dense, 1)
    sym = bits.pack_rows(upper)
    bits.or_transpose(sym, n, block=64)
    assert (bits.unpack_rows(sym, n) == (upper | upper.T)).all()


@pytest.mark.parametrize(("n", "block"), [(64, 64), (130, 64), (300, 128), (1000, 2048)])
def test_or_transpose_of_any_matrix_is_its_union_with_the_transpose(n, block):
    """Not only a triangle: blocks of rows read after earlier blocks OR-ed into them still give A | A.T."""
    dense = _random_bool(np.random.default_rng(n), n, n, 0.2)
    packed = bits.pack_rows(dense)
    bits.or_transpose(packed, n, block=block)
    assert (bits.unpack_rows(packed, n) == (dense | dense.T)).all()


def test_transpose_blocks_transposes_each_64_bit_block():
    dense = _random_bool(np.random.default_rng(7), 3 * 64, 2 * 64, 0.5)  # 3 stripes of 2 blocks
    a = bits.pack_rows(dense).reshape(3, 64, 2)
    bits.transpose_blocks(a)
    for s in range(3):
        for w in range(2):
            block = dense[64 * s : 64 * s + 64, 64 * w : 64 * w + 64]
            assert (bits.unpack_rows(a[s, :, w : w + 1], 64) == block.T).all()


def test_bool_product_equals_the_dense_product():
    rng = np.random.default_rng(1)
    for rows, n, p in ((5, 70, 0.5), (300, 130, 0.05), (64, 257, 0.01), (40, 9, 0.9)):
        left = _random_bool(rng, rows, n, p)
        right = _random_bool(rng, n, n, 0.1)
        want = (left.astype(int) @ right.astype(int)) > 0
        got = bits.bool_product(bits.pack_rows(left), bits.pack_rows(right))
        assert (bits.unpack_rows(got, n) == want).all()
        cache = bits.TableCache(bits.pack_rows(right))
        again = bits.bool_product(bits.pack_rows(left), bits.pack_rows(right), cache)
        assert (again == got).all()


def test_small_table_budget_gives_the_same_product(monkeypatch):
    rng = np.random.default_rng(2)
    left, right = _random_bool(rng, 50, 300, 0.2), _random_bool(rng, 300, 300, 0.05)
    want = bits.bool_product(bits.pack_rows(left), bits.pack_rows(right))
    monkeypatch.setattr(bits, "TABLE_BUDGET", 256 * 5 * 8 * 3)  # three groups per chunk
    assert (bits.bool_product(bits.pack_rows(left), bits.pack_rows(right)) == want).all()
    monkeypatch.setattr(bits, "CACHE_BUDGET", 0)  # too big to keep: chunks rebuilt in the cache's one buffer
    cache = bits.TableCache(bits.pack_rows(right))
    assert cache.full is None
    for _ in range(2):
        assert (bits.bool_product(bits.pack_rows(left), bits.pack_rows(right), cache) == want).all()


def test_upper_product_mirrored_equals_the_symmetric_product(monkeypatch):
    monkeypatch.setattr(bits, "product_rows", lambda words: 64)  # several row blocks, so the mirror runs
    rng = np.random.default_rng(5)
    for n, p in ((300, 0.01), (300, 0.2), (129, 0.5)):
        upper = np.triu(_random_bool(rng, n, n, p), 1)
        sym = bits.pack_rows(upper | upper.T | np.eye(n, dtype=bool))
        want = bits.unpack_rows(sym, n).astype(int)
        want = (want @ want) > 0
        for cache in (None, bits.TableCache(sym)):
            got = bits.bool_product(sym, sym, cache, upper=True)
            bits.mirror_upper(got, n, 64)
            assert (bits.unpack_rows(got, n) == want).all()


def test_column_selection_and_weighted_counts():
    rng = np.random.default_rng(3)
    dense = _random_bool(rng, 30, 150, 0.4)
    cols = np.array([149, 3, 64, 65, 0])
    assert (bits.unpack_rows(bits.select_columns(bits.pack_rows(dense), 150, cols), 5) == dense[:, cols]).all()
    weights = rng.integers(1, 40, 150)
    got = bits.weighted_count(bits.pack_rows(dense), bits.weight_planes(weights))
    assert (got == dense @ weights).all()
    assert bits.weight_planes(np.ones(5, int)) is None


def _graphs():
    rng = np.random.default_rng(4)
    for n, p in ((40, 0.08), (60, 0.3), (30, 0.02), (150, 0.05), (100, 0.6)):
        graph = nx.gnp_random_graph(n, p, seed=int(rng.integers(1000)))
        graph.add_edges_from((n, u) for u in list(graph[0]))
        graph.add_edge(n, 0)  # n is a twin of 0
        yield graph


@pytest.mark.parametrize("graph", list(_graphs()), ids=lambda g: f"{len(g)}-{g.number_of_edges()}")
def test_depth_distribution_of_every_cell_equals_networkx(graph):
    dense = nx.to_numpy_array(graph, nodelist=sorted(graph), dtype=bool)
    n = len(dense)
    counts = depth_counts(bits.pack_rows(dense), n)
    for v in sorted(graph):
        depth = nx.single_source_shortest_path_length(graph, v)
        want = np.bincount(list(depth.values()))
        row = counts.counts[v]
        assert (row[: len(want)] == want).all() and not row[len(want) :].any()
    assert (
        counts.within(2).node_count == [sum(1 for d in nx.single_source_shortest_path_length(graph, v, 2).values()) for v in sorted(graph)]
    ).all()
    label = components(bits.pack_rows(dense), n)
    assert len(set(label)) == nx.number_connected_components(graph)


def test_depth_distribution_with_small_row_blocks(monkeypatch):
    """The mirrored levels with several row blocks give networkx's depths (a graph too big for one block)."""
    monkeypatch.setattr(bits, "product_rows", lambda words: 64)
    monkeypatch.setattr(bfs, "product_rows", lambda words: 64)
    graph = nx.connected_watts_strogatz_graph(400, 6, 0.05, seed=7)
    graph.add_edges_from((400, u) for u in list(graph[0]))
    graph.add_edge(400, 0)  # a twin, so the search runs on the quotient graph
    dense = nx.to_numpy_array(graph, nodelist=sorted(graph), dtype=bool)
    counts = depth_counts(bits.pack_rows(dense), len(dense)).counts
    for v in sorted(graph):
        want = np.bincount(list(nx.single_source_shortest_path_length(graph, v).values()))
        assert (counts[v, : len(want)] == want).all() and not counts[v, len(want) :].any()


def test_step_depth_from_several_sources():
    graph = nx.grid_2d_graph(7, 5)
    graph = nx.convert_node_labels_to_integers(graph)
    graph.add_node(35)  # an island
    dense = nx.to_numpy_array(graph, nodelist=sorted(graph), dtype=bool)
    got = step_depth(bits.pack_rows(dense), len(dense), np.array([0, 34, 0]))
    want = nx.multi_source_dijkstra_path_length(graph, {0, 34})
    assert [got[v] for v in sorted(graph)] == [want.get(v, -1) for v in sorted(graph)]
