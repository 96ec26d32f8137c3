"""Step 2: rooms grown into the walls between them, so a door can lie on a boundary two rooms share.

In a drawing rooms stop at the wall face; in the plan format neighbours
share a boundary. The wall zone (building footprint minus rooms) is split
along its middle and each part given to the room beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
import shapely.errors
from shapely.geometry import LineString, MultiLineString, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ..report import ImportOptions
from .shapes import closing, polygon_parts
from .sources import SourceOpening

__all__ = ["footprint_of", "grow_into_walls"]

#: Vertices are sampled this far apart along room outlines for the wall split.
_SAMPLE_STEP = 0.1
#: The wall split is simplified with this tolerance (shared edges stay shared).
_COVERAGE_SIMPLIFY = 0.1


def grow_into_walls(polygons: list[Polygon], openings: Sequence[SourceOpening], options: ImportOptions,
                    footprint: BaseGeometry | None = None) -> list[Polygon]:
    """The rooms grown into the walls around them (up to ``options.max_wall``), their split straightened.

    Without a footprint from the file, the building is the rooms and openings
    with gaps up to half the thickest wall closed.
    """
    if footprint is None:
        footprint = closing(unary_union([*polygons, *(footprint_of(o, options) for o in openings)]), options.max_wall / 2)
    grown = _share_wall_zone(polygons, footprint, options.max_wall)
    # The split follows sampled points: straighten its zigzag, keeping shared edges shared.
    return list(shapely.coverage_simplify(np.array(grown, dtype=object), _COVERAGE_SIMPLIFY))


def footprint_of(opening: SourceOpening, options: ImportOptions) -> BaseGeometry:
    """An opening's footprint: a drawn line widened to half the thickest wall, a polygon as it is."""
    g = opening.geometry
    if isinstance(g, (LineString, MultiLineString)):
        return g.buffer(options.max_wall / 2, cap_style="flat")
    return g


def _outline_samples(polygons: list[Polygon]) -> tuple[np.ndarray, np.ndarray]:
    """Points every ``_SAMPLE_STEP`` along every room outline (rounded, without repeats) and the room each belongs to."""
    coords, labels = [], []
    for i, polygon in enumerate(polygons):
        for ring in (polygon.exterior, *polygon.interiors):
            ring_coords = np.asarray(shapely.segmentize(ring, _SAMPLE_STEP).coords)[:-1]
            coords.append(ring_coords)
            labels.append(np.full(len(ring_coords), i))
    points = np.round(np.vstack(coords), 3)
    owner = np.concatenate(labels)
    _, first = np.unique(points, axis=0, return_index=True)
    return points[first], owner[first]


def _share_wall_zone(polygons: list[Polygon], footprint: BaseGeometry, reach: float) -> list[Polygon]:
    """Share the wall zone (footprint minus rooms) out to the nearest room, up to ``reach`` away.

    Points sampled along every room outline seed a Voronoi diagram; each
    room takes the cells of its own points, so two rooms meet in the middle
    of the wall between them, and exterior walls go to the room inside.
    """
    points, owner = _outline_samples(polygons)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(points), extend_to=footprint.envelope.buffer(reach + 1), ordered=True)
    )
    wall_zone = footprint.difference(unary_union(polygons))
    grown: list[Polygon] = []
    extensions: list[BaseGeometry] = []
    for i, polygon in enumerate(polygons):
        extension = _cells_of(cells[owner == i]).intersection(wall_zone).intersection(
            polygon.buffer(reach, join_style="mitre", mitre_limit=2.0))
        # Cells repaired after a GEOS hiccup can overlap: first come, first served.
        earlier = [e for e in extensions if e.intersects(extension)]
        if earlier:
            extension = extension.difference(unary_union(earlier))
        extensions.append(extension)
        parts = polygon_parts(unary_union([polygon, extension]))
        grown.append(max(parts, key=lambda p: p.intersection(polygon).area) if parts else polygon)
    return grown


def _cells_of(cells: np.ndarray) -> BaseGeometry:
    """One room's Voronoi cells as one shape."""
    try:
        return shapely.coverage_union_all(cells)  # fast: Voronoi cells share edges
    except shapely.errors.GEOSException:
        return shapely.union_all(shapely.make_valid(cells), grid_size=0.001)
