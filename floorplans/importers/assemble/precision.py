"""Step 2b: room shapes settled on the model's 1 mm grid without overlaps or lost shared walls."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from .shapes import largest

__all__ = ["settle_on_millimetres"]

#: Rounding to millimetres can bring a sliver back; cut and round at most this often.
_ROUNDS = 3
#: Overlaps of less than this (m²) are no overlap (validation's view).
_NO_OVERLAP = 1e-7


def settle_on_millimetres(polygons: list[Polygon]) -> list[Polygon]:
    """The polygons rounded to 1 mm, with the hair-thin overlaps rounding makes cut away."""
    polygons = [largest(shapely.set_precision(p, 0.001)) for p in polygons]
    for _ in range(_ROUNDS):
        polygons = [_rounded(p) for p in _disjoint(polygons)]
        if not _overlapping(polygons):
            break
    return polygons


def _floating(geometry: BaseGeometry) -> BaseGeometry:
    """The same coordinates without shapely's precision model (overlays then work as validation's do)."""
    return shapely.from_wkb(shapely.to_wkb(geometry))


def _rounded(polygon: BaseGeometry) -> Polygon:
    """Coordinates rounded to 1 mm as the model stores them, vertex by vertex.

    Unlike a snap-rounding overlay (set_precision) this leaves every vertex
    already on the grid where it is, so walls two rooms share stay shared.
    """
    rounded = shapely.transform(polygon, lambda xy: np.round(xy, 3))
    return largest(rounded) if rounded.is_valid else largest(shapely.make_valid(rounded))


def _touching_pairs(polygons: list[BaseGeometry]) -> list[tuple[int, int]]:
    """Index pairs (i, j) of polygons whose envelopes say they may intersect, as the tree lists them."""
    arr = np.array(polygons, dtype=object)
    left, right = shapely.STRtree(arr).query(arr, predicate="intersects")
    return list(zip(left.tolist(), right.tolist(), strict=True))


def _overlapping(polygons: list[Polygon]) -> bool:
    if len(polygons) < 2:
        return False
    return any(i < j and polygons[i].intersection(polygons[j]).area > _NO_OVERLAP for i, j in _touching_pairs(polygons))


def _disjoint(polygons: list[Polygon]) -> list[BaseGeometry]:
    """Remove the hair-thin overlaps left by rounding to millimetres (the larger room gives way).

    Works in floating precision, as validation does (a grid-snapped overlay
    would call a 0.4 mm sliver along a shared wall "no overlap"), and cuts
    1.5 mm clear so that rounding the result to millimetres cannot bring the
    overlap back.
    """
    result = [_floating(p) for p in polygons]  # drop the 1 mm precision model
    if len(result) < 2:
        return result
    for i, j in _touching_pairs(result):
        if i >= j or result[i].intersection(result[j]).area <= _NO_OVERLAP:
            continue
        big, small = (i, j) if result[i].area >= result[j].area else (j, i)
        # A snap-rounding overlay on the 1 mm grid: vertices already on the grid (the walls this
        # room shares with its other neighbours) stay exactly where they are.
        cut = shapely.difference(result[big], result[small].buffer(0.0015, join_style="mitre"), grid_size=0.001)
        result[big] = _floating(largest(cut))
    return result
