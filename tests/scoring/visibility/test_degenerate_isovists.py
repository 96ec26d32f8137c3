"""Isovists at degenerate viewpoints against an independent exact construction.

Occlusivity is depthmapX's: the length of the isovist's radial edges (from
a nearer wall to a farther one), even where such an edge runs along a wall
seen edge-on.

The oracle: the visible region is everything minus the shadow of every
wall (the quadrilateral from the wall away from the viewpoint), unioned by
shapely. A wall seen edge-on casts no shadow with area, so, like the
regularised isovist, it leaves no slit. Degenerate viewpoints are the ones
where the angular sweep meets several events on one ray: a viewpoint in a
door gap (on the line of both jambs), on the extension of a wall, or in
line with wall corners at different distances.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box
from shapely.ops import unary_union

from floorplans.samples import load_sample
from scoring.visibility import isovist, isovist_properties_grid, make_grid, wall_segments
from scoring.visibility.obstacles import segments_of


def _oracle(segs: np.ndarray, p: tuple[float, float]) -> dict[str, float]:
    px, py = p
    x0, y0 = segs[:, [0, 2]].min() - 1, segs[:, [1, 3]].min() - 1
    x1, y1 = segs[:, [0, 2]].max() + 1, segs[:, [1, 3]].max() + 1
    far = 10 * math.hypot(x1 - x0, y1 - y0)
    shadows = []
    for ax, ay, bx, by in segs:
        da, db = (ax - px, ay - py), (bx - px, by - py)
        if abs(da[0] * db[1] - da[1] * db[0]) < 1e-12:
            continue  # seen edge-on: a shadow without area
        la, lb = math.hypot(*da), math.hypot(*db)
        shadows.append(Polygon([(ax, ay), (bx, by), (px + db[0] / lb * far, py + db[1] / lb * far),
                                (px + da[0] / la * far, py + da[1] / la * far)]))
    # shadows grown by a nanometre: two shadows meeting along one ray (collinear corners) must
    # close without the rounding sliver that a union of exactly touching polygons can leave
    region = box(x0, y0, x1, y1).difference(unary_union(shapely.buffer(shadows, 1e-9, join_style="mitre")))
    viewpoint = shapely.Point(p)
    region = min(shapely.get_parts(region), key=lambda g: (g.distance(viewpoint), -g.area))
    boundary = region.exterior
    vertices = np.asarray(boundary.coords)
    a, b = vertices[:-1], vertices[1:]
    length = np.hypot(*(b - a).T)
    # occluding edges, as depthmapX counts them: boundary edges on a ray from the viewpoint
    lever = np.abs((b - a)[:, 0] * (py - a[:, 1]) - (b - a)[:, 1] * (px - a[:, 0]))
    radial = lever <= 1e-7 * np.maximum(length, 1e-12)
    return {
        "area": region.area,
        "perimeter": boundary.length,
        "occlusivity": float(length[radial].sum()),
        "max_radial": float(np.hypot(vertices[:, 0] - px, vertices[:, 1] - py).max()),
        "min_radial": boundary.distance(viewpoint),
    }


def _two_rooms_with_partition() -> np.ndarray:
    """Rooms [0,6]x[0,4] and [6,12]x[0,4], a door gap (6,1)-(6,2), a free-standing partition
    (2,3)-(4,3) in the left room and two pillars on the row y = 1 in the right room."""
    outline = segments_of(box(0, 0, 12, 4))
    inner = np.array([[6, 0, 6, 1], [6, 2, 6, 4], [2, 3, 4, 3]], dtype=float)
    pillars = np.vstack([segments_of(box(8, 0.5, 8.5, 1)), segments_of(box(10, 0.5, 10.5, 1))])
    return np.vstack([outline, inner, pillars])


@pytest.mark.parametrize("point", [
    (6.0, 1.5),  # in the door gap: on the line of both jambs
    (6.0, 1.25),
    (1.0, 3.0),  # on the extension of the partition (2,3)-(4,3)
    (5.0, 3.0),  # ... from its other side
    (7.0, 1.0),  # in line with the tops of both pillars (8,1), (8.5,1), (10,1), (10.5,1)
    (7.0, 0.5),  # in line with their bottoms
    (3.0, 1.0),  # in line with the door jamb (6,1) and the pillars' tops
    (3.0, 2.0),  # in line with the jamb (6,2), and nothing else on the ray
])
def test_degenerate_viewpoints_match_the_shadow_construction(point):
    segs = _two_rooms_with_partition()
    want = _oracle(segs, point)
    got = isovist(segs, point)
    for name, value in want.items():
        assert getattr(got, name) == pytest.approx(value, rel=1e-6, abs=1e-6), name
    assert got.polygon.is_valid
    assert got.polygon.symmetric_difference(shapely.Polygon(got.polygon.exterior)).area < 1e-9


def test_grid_cells_of_an_axis_aligned_sample_match_the_shadow_construction():
    # the samples are drawn on a 0.5 m raster: many cells sit in door gaps and in line with corners
    plan = load_sample("option_b")
    segs = np.asarray(wall_segments(plan))
    grid = make_grid(plan, 0.5)
    field = isovist_properties_grid(plan, grid)
    pick = np.random.default_rng(5).choice(len(grid), 40, replace=False)
    in_gap = [i for i in range(len(grid)) if shapely.Point(grid.points[i]).distance(
        shapely.MultiLineString(list(segs.reshape(-1, 2, 2)))) < 0.6 and i % 7 == 0][:20]
    for i in [*pick, *in_gap]:
        want = _oracle(segs, tuple(grid.points[i]))
        for name in ("area", "perimeter", "occlusivity", "max_radial", "min_radial"):
            assert field[name][i] == pytest.approx(want[name], rel=1e-6, abs=1e-6), (name, grid.points[i])
