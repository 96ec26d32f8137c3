"""The windows an isovist surely reaches whole are those its grown polygon gives back whole when cut with it."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon, box

from scoring.daylight.seats import _reached
from scoring.daylight.view import reach_many, surely_reached


def _old_way(polygons: np.ndarray, lines: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every isovist grown, then cut with every window it meets (by isovist, then window)."""
    grown = reach_many(list(polygons))
    at, win = shapely.STRtree(lines).query(grown, predicate="intersects")
    order = np.lexsort((win, at))
    at, win = at[order], win[order]
    return at, win, shapely.intersection(lines[win], grown[at])


def test_a_window_along_the_edge_is_surely_reached_and_one_past_the_corner_is_not() -> None:
    room = np.array([box(0, 0, 4, 3)], dtype=object)
    lines = np.array([LineString([(1, 3), (2.5, 3)]), LineString([(3, 3), (4.5, 3)]), LineString([(1, 3.01), (2, 3.01)]),
                      LineString([(1, 3.05), (2, 3.05)])], dtype=object)
    sure = surely_reached(room, lines, np.zeros(4, dtype=np.int64), np.arange(4))
    assert sure.tolist() == [True, False, True, False]


def test_a_window_along_two_edges_in_a_row_is_surely_reached() -> None:
    # the isovist's edge along the wall broken at (2, 3): the window is near one edge, then the next
    iso = np.array([Polygon([(0, 0), (4, 0), (4, 3), (2, 3), (0, 3)])], dtype=object)
    lines = np.array([LineString([(1, 3), (3, 3)]), LineString([(1, 3.2), (3, 3.2)])], dtype=object)
    assert surely_reached(iso, lines, np.zeros(2, dtype=np.int64), np.arange(2)).tolist() == [True, False]


def test_the_pairs_and_the_parts_seen_are_those_of_growing_every_isovist() -> None:
    rng = np.random.default_rng(3)
    polygons = np.array([Polygon([(0, 0), (4, 0), (4, 3), (2.5, 3), (2, 1.5), (1.5, 3), (0, 3)]), box(5, 0, 8, 3),
                         box(0, 4, 3, 7), Polygon()], dtype=object)
    ends: list[list[float]] = [[0.5, 3, 1.4, 3], [1, 3, 3, 3], [3, 3, 4, 3], [5, 3, 8, 3], [4.5, 3, 5.5, 3], [0, 4, 0, 7],
                               [3.01, 4, 3.01, 6]]
    ends += [[float(v) for v in row] for row in rng.uniform(-1, 9, (40, 4))]
    lines = np.array([LineString([e[:2], e[2:]]) for e in ends], dtype=object)
    at, win, seen = _reached(polygons, lines)
    old_at, old_win, old_seen = _old_way(polygons, lines)
    assert at.tolist() == old_at.tolist() and win.tolist() == old_win.tolist()
    assert [shapely.to_wkb(g) for g in seen] == [shapely.to_wkb(g) for g in old_seen]
