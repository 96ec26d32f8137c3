"""View out from a seat: the horizontal angle of window glass it sees, as EN 17037 measures a view.

EN 17037:2018+A1:2021 grades a view out by the horizontal sight angle of the
view opening seen from the reference point: ≥ 14° minimum, ≥ 28° medium,
≥ 54° high (the research note's §3.5; thresholds confirmed by a secondary
source, status S). The reference point of a seated person is 1.2 m above the
floor, so only glass spanning that height gives a view: a slit under the
ceiling lets light in but shows sky only.

Visibility is the seat's isovist (``scoring.visibility``): the parts of a
window's line that lie on the isovist's boundary are the parts seen. The angle
is the union of the angular intervals they subtend at the seat, so two panes
in the same direction are not counted twice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from floorplans.model import View, Window

__all__ = ["EYE_HEIGHT", "VIEW_MINIMUM", "VIEW_MEDIUM", "VIEW_HIGH", "angle_of", "at_eye_height", "reach", "reach_many", "visible_parts",
           "seen_parts",
           "sight_angle"]

#: Eye height of a seated person above the floor (m), EN 17037's reference for a view out.
EYE_HEIGHT = 1.2
#: EN 17037 horizontal sight angle, minimum / medium / high (degrees).
VIEW_MINIMUM, VIEW_MEDIUM, VIEW_HIGH = 14.0, 28.0, 54.0
#: A window counts as seen where its line lies within this distance (m) of the isovist.
_ON_BOUNDARY = 0.02


def at_eye_height(window: Window, eye: float = EYE_HEIGHT) -> bool:
    """Whether a seated person looks through the glass: it spans eye height and looks out on something."""
    return window.sill <= eye <= window.head and window.view != View.none


def reach(isovist_polygon: Polygon) -> Polygon:
    """The isovist grown by the tolerance within which a window on its edge counts as seen (make it once per seat)."""
    return isovist_polygon.buffer(_ON_BOUNDARY, quad_segs=2)


def reach_many(isovist_polygons: Sequence[Polygon]) -> np.ndarray:
    """:func:`reach` of many isovists in one call (the same polygons), prepared for the tests that follow."""
    grown = shapely.buffer(np.asarray(isovist_polygons, dtype=object), _ON_BOUNDARY, quad_segs=2)
    shapely.prepare(grown)
    return grown


def visible_parts(window: Window, isovist_polygon: Polygon, reached: Polygon | None = None) -> list[LineString]:
    """The pieces of the window's line that the isovist reaches (``reached``: ``reach(isovist_polygon)``, if made)."""
    return seen_parts(window.geometry.intersection(reach(isovist_polygon) if reached is None else reached))


def seen_parts(seen: BaseGeometry) -> list[LineString]:
    """The pieces of a window's line in what an isovist reaches (the intersection of the two), slivers left out."""
    return [g for g in getattr(seen, "geoms", [seen]) if isinstance(g, LineString) and g.length > 1e-3]


def _interval(origin: tuple[float, float], part: LineString) -> tuple[float, float] | None:
    """The angular interval (radians, start ≤ end, width < π) a segment subtends at the origin."""
    (x1, y1), (x2, y2) = part.coords[0], part.coords[-1]
    ox, oy = origin
    a1, a2 = math.atan2(y1 - oy, x1 - ox), math.atan2(y2 - oy, x2 - ox)
    width = (a2 - a1 + math.pi) % (2 * math.pi) - math.pi  # signed, in (-π, π]
    if abs(width) < 1e-9:
        return None
    start = a1 if width > 0 else a2
    return start, start + abs(width)


def _union_width(intervals: Iterable[tuple[float, float]]) -> float:
    """Total angle (radians) covered by intervals on a circle."""
    pieces: list[tuple[float, float]] = []
    for start, end in intervals:
        width = end - start
        start %= 2 * math.pi
        end = start + width
        if end > 2 * math.pi:
            pieces += [(start, 2 * math.pi), (0.0, end - 2 * math.pi)]
        else:
            pieces.append((start, end))
    pieces.sort()
    total, current = 0.0, None
    for start, end in pieces:
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = [start, end]
        else:
            current[1] = max(current[1], end)
    if current is not None:
        total += current[1] - current[0]
    return total


def sight_angle(origin: tuple[float, float], isovist_polygon: Polygon, windows: Iterable[Window],
                reached: Polygon | None = None) -> float:
    """Degrees of window seen horizontally from ``origin`` (the union over the windows given)."""
    grown = reach(isovist_polygon) if reached is None else reached
    return angle_of(origin, [part for window in windows for part in visible_parts(window, isovist_polygon, grown)])


def angle_of(origin: tuple[float, float], parts: Iterable[LineString]) -> float:
    """Degrees covered at ``origin`` by the union of the angular intervals the pieces subtend."""
    intervals = []
    for part in parts:
        interval = _interval(origin, part)
        if interval is not None:
            intervals.append(interval)
    return math.degrees(_union_width(intervals))
