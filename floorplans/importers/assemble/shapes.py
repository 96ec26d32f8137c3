"""Small geometry helpers the assembly steps share."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

__all__ = ["closing", "largest", "long_side", "model_points", "model_rings", "polygon_parts"]


def polygon_parts(geometry: BaseGeometry | None) -> list[Polygon]:
    """The valid polygons in any geometry (invalid rings repaired, lines and points ignored)."""
    if geometry is None or geometry.is_empty:
        return []
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    out: list[Polygon] = []
    for part in shapely.get_parts(geometry):
        if isinstance(part, Polygon):
            if part.area > 0:
                out.append(part)
        elif hasattr(part, "geoms"):
            out += polygon_parts(part)
    return out


def largest(geometry: BaseGeometry) -> Polygon:
    """The largest polygon in the geometry (an empty one if there is none)."""
    parts = polygon_parts(geometry)
    return max(parts, key=lambda q: q.area) if parts else Polygon()


def closing(geometry: BaseGeometry, radius: float) -> BaseGeometry:
    """A morphological closing: gaps narrower than twice ``radius`` are bridged."""
    return geometry.buffer(radius, join_style="mitre", mitre_limit=2.0).buffer(-radius, join_style="mitre", mitre_limit=2.0)


def long_side(zone: BaseGeometry) -> float:
    """The long side of the zone's minimum rotated rectangle (a door's or window's width)."""
    rect = zone.minimum_rotated_rectangle
    if not isinstance(rect, Polygon):
        return rect.length
    xy = np.asarray(rect.exterior.coords)
    return float(max(np.hypot(*(xy[1] - xy[0])), np.hypot(*(xy[2] - xy[1]))))


def model_rings(polygon: Polygon) -> list[list[tuple[float, float]]]:
    """The polygon's rings as a Room stores them (normalised orientation and start)."""
    polygon = shapely.normalize(polygon)
    return [[(x, y) for x, y, *_ in ring.coords] for ring in (polygon.exterior, *polygon.interiors)]


def model_points(segment: LineString) -> list[tuple[float, float]]:
    """The segment's ends rounded to millimetres, as a door or window stores them."""
    (x0, y0), (x1, y1) = segment.coords[0][:2], segment.coords[-1][:2]
    return [(round(x0, 3), round(y0, 3)), (round(x1, 3), round(y1, 3))]
