"""Longitude/latitude to local metres: a transverse Mercator centred on the building.

Within a building (well under a kilometre) the scale error of a local
transverse Mercator is far below a millimetre, and every level of a venue
uses the same origin, so storeys stay aligned.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

__all__ = ["LocalProjection", "looks_like_lonlat"]


class LocalProjection:
    """Project lon/lat (WGS 84) to metres east/north of ``origin``."""

    def __init__(self, lon: float, lat: float) -> None:
        self.origin = (lon, lat)
        self._transformer = Transformer.from_crs(
            "EPSG:4326", f"+proj=tmerc +lat_0={lat} +lon_0={lon} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m", always_xy=True
        )

    def geometry(self, geometry: BaseGeometry) -> BaseGeometry:
        def project(coords: np.ndarray) -> np.ndarray:
            x, y = self._transformer.transform(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        return shapely.transform(geometry, project)


def looks_like_lonlat(points: Iterable[tuple[float, float]]) -> bool:
    """Whether every coordinate pair could be lon/lat and they span less than a degree (one site)."""
    xy = np.asarray(list(points), dtype=float)
    if xy.size == 0:
        return False
    if np.abs(xy[:, 0]).max() > 180 or np.abs(xy[:, 1]).max() > 90:
        return False
    return bool(np.ptp(xy[:, 0]) < 1 and np.ptp(xy[:, 1]) < 1)
