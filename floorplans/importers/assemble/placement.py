"""Step 4: a door or window footprint laid on the wall it sits in, as a segment with the rooms on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ...model import Room
from ...topology import ON_WALL_TOLERANCE
from ..report import ImportOptions, LevelReport
from .shapes import long_side
from .sources import SourceOpening
from .walls import footprint_of

__all__ = ["Placed", "RoomWalls", "place_opening", "segment_on"]

#: Door/window pieces are straightened with this Douglas-Peucker tolerance (m).
_STRAIGHTEN = 0.025
#: A piece of one room's outline this near the other's is their shared wall (m).
_SHARED_WALL = 0.03
#: Rooms tried per opening, the most covered first.
_CANDIDATES = 4
#: The wall found on the footprint itself is kept when it spans this share of the opening's width.
_GOOD_ENOUGH = 0.7
#: A drawn door line may run this many degrees off the wall it lies in.
_MAX_SKEW_DEGREES = 20.0


@dataclass
class Placed:
    """An opening laid on a wall: its segment and the rooms (indices) on either side."""

    segment: LineString
    rooms: tuple[int, ...]
    source: SourceOpening = field(repr=False)


@dataclass(frozen=True)
class RoomWalls:
    """What openings are laid on: the rooms' polygons, a spatial index over them and the building's outline."""

    geoms: list[Polygon]
    tree: shapely.STRtree
    outline: BaseGeometry

    @classmethod
    def of(cls, rooms: Sequence[Room]) -> RoomWalls | None:
        """The rooms' walls; None for a level without rooms."""
        geoms = [r.geometry for r in rooms]
        if not geoms:
            return None
        return cls(geoms, shapely.STRtree(geoms), unary_union(geoms).boundary)


def place_opening(opening: SourceOpening, walls: RoomWalls | None, what: str, options: ImportOptions,
                  report: LevelReport) -> Placed | None:
    """The segment of wall a door or window footprint sits in, and the rooms on it; None (reported) if none.

    First the footprint itself is laid on the walls; failing that, it is
    widened by half the thickest wall (a door symbol drawn beside the wall
    line, a window set back from the outline) and the segment found is cut
    back to the footprint's extent along the wall.
    """
    where = opening.source or what
    if walls is None:
        report.drop(where, "the level has no rooms")
        return None
    zone = footprint_of(opening, options)
    if zone.is_empty:
        report.drop(where, "it has no geometry")
        return None
    if not zone.is_valid:
        zone = shapely.make_valid(zone)
    best = _best_segment(opening, zone, walls, what, options)
    if best is not None:
        return Placed(best[0], best[1], opening)
    c = zone.centroid
    if what == "door":
        why = "it is not on a wall between two rooms nor on an outside wall"
    else:
        why = f"it is not on an outside wall of a room (it lies {walls.outline.distance(c):.1f} m from the outline)"
    report.drop(f"{where} at ({c.x:.1f}, {c.y:.1f})", why)
    return None


Found = tuple[LineString, tuple[int, ...]]


def _best_segment(opening: SourceOpening, zone: BaseGeometry, walls: RoomWalls, what: str, options: ImportOptions) -> Found | None:
    """The longest wall segment under the footprint, searched on the footprint and then widened by half a wall."""
    min_len = 0.3 if what == "door" else 0.2
    best: Found | None = None
    extent = long_side(zone)
    for reach in (ON_WALL_TOLERANCE, options.max_wall / 2):
        if best is not None and best[0].length >= _GOOD_ENOUGH * extent:
            break
        found = _segment_near(zone, reach, walls, what, min_len)
        if found is not None and not _parallel(found[0], opening.geometry):
            found = None  # a drawn door line found a wall across it, not the wall it lies in
        if found is not None and (best is None or found[0].length > best[0].length):
            best = found
    return best


def _segment_near(zone: BaseGeometry, reach: float, walls: RoomWalls, what: str, min_len: float) -> Found | None:
    """Within ``reach`` of the zone: a door's wall between two rooms (the longest), else any room's outside wall."""
    near = zone.buffer(reach)
    hits = walls.tree.query(near, predicate="intersects").tolist()
    candidates = sorted(hits, key=lambda i: -walls.geoms[i].intersection(near).area)[:_CANDIDATES]
    widened = reach > ON_WALL_TOLERANCE
    found: Found | None = None
    # Rooms and the outline are cut to the surroundings before they are widened: buffering whole room
    # outlines of hundreds of corners for every door took most of an import; the pieces found are the same.
    box = _around(near)
    outlines = {i: shapely.clip_by_rect(walls.geoms[i].boundary, *box) for i in candidates}
    if what == "door":
        for n, i in enumerate(candidates):
            for j in candidates[n + 1:]:
                other = walls.geoms[j].intersection(shapely.box(*box))
                piece = outlines[i].intersection(other.buffer(_SHARED_WALL)).intersection(near)
                seg = _clip(segment_on(piece, min_len), zone, widened, min_len)
                if seg is not None and (found is None or seg.length > found[0].length):
                    found = (seg, (i, j))
    if found is None:
        outside = shapely.clip_by_rect(walls.outline, *box).buffer(_SHARED_WALL)
        for i in candidates:
            piece = outlines[i].intersection(outside).intersection(near)
            seg = _clip(segment_on(piece, min_len), zone, widened, min_len)
            if seg is not None:
                return (seg, (i,))
    return found


def _around(near: BaseGeometry) -> tuple[float, float, float, float]:
    """The zone's bounds widened so that whatever lies within _SHARED_WALL of the zone is inside them."""
    minx, miny, maxx, maxy = near.bounds
    d = 2 * _SHARED_WALL
    return minx - d, miny - d, maxx + d, maxy + d


def segment_on(piece: BaseGeometry, min_length: float = 0.0) -> LineString | None:
    """A two-point segment along a boundary piece: its straight fit, or its longest straight run.

    The wall split zigzags by up to half a thin wall's thickness; a straight
    line fitted through the whole piece stays within ``_STRAIGHTEN`` of it,
    so both its ends and its middle lie on the wall within the format's 5 cm.
    """
    if piece.is_empty:
        return None
    lines = [g for g in shapely.get_parts(shapely.line_merge(piece) if isinstance(piece, MultiLineString) else piece)
             if isinstance(g, LineString) and g.length > 0]
    if not lines:
        return None
    coords = np.vstack([np.asarray(g.coords)[:, :2] for g in lines])
    fitted = _fit(coords)
    if fitted is not None and fitted.length >= max(min_length, 0.001):
        return fitted
    best: LineString | None = None
    for line in lines:
        straight = list(line.simplify(_STRAIGHTEN).coords)
        for a, b in zip(straight, straight[1:], strict=False):
            edge = LineString([a, b])
            if best is None or edge.length > best.length:
                best = edge
    if best is None or best.length < max(min_length, 0.001):
        return None
    return best


def _fit(coords: np.ndarray) -> LineString | None:
    """The principal-axis segment through the points, if they all lie within _STRAIGHTEN of it."""
    if len(coords) < 2:
        return None
    mean = coords.mean(axis=0)
    centred = coords - mean
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    u = vt[0]
    t = centred @ u
    off = np.abs(centred @ np.array([-u[1], u[0]]))
    if off.max() > _STRAIGHTEN:
        return None
    return LineString([mean + t.min() * u, mean + t.max() * u])


def _parallel(segment: LineString, source: BaseGeometry, max_degrees: float = _MAX_SKEW_DEGREES) -> bool:
    """Whether a segment runs along a source line (always true for polygon footprints)."""
    if not isinstance(source, LineString):
        return True
    (ax, ay), (bx, by) = segment.coords[0][:2], segment.coords[-1][:2]
    (cx, cy), (dx, dy) = source.coords[0][:2], source.coords[-1][:2]
    a1, a2 = np.arctan2(by - ay, bx - ax), np.arctan2(dy - cy, dx - cx)
    diff = abs((np.degrees(a1 - a2) + 90) % 180 - 90)
    return bool(diff <= max_degrees)


def _clip(seg: LineString | None, zone: BaseGeometry, clip: bool, min_len: float) -> LineString | None:
    """Cut the segment back to the zone's extent along it (when the zone was widened to find it)."""
    if seg is None or not clip:
        return seg
    a, b = np.asarray(seg.coords[0]), np.asarray(seg.coords[-1])
    length = float(np.hypot(*(b - a)))
    u = (b - a) / length
    hull = zone.convex_hull
    xy = np.asarray(hull.exterior.coords) if isinstance(hull, Polygon) else np.asarray(hull.coords)
    t = (xy - a) @ u
    lo, hi = max(0.0, float(t.min())), min(length, float(t.max()))
    if hi - lo < min_len:
        return None
    return LineString([a + lo * u, a + hi * u])
