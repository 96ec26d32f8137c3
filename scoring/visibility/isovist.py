"""Isovists: the exact region visible from a point, and depthmapX's measures of it.

Measures follow depthmapX (``salalib/isovist.cpp``, ``Isovist::setData``):
area (shoelace), perimeter, compactness 4πA/P², occlusivity (total length
of the radial edges where a nearer wall hides a farther one), max radial,
min radial (the distance to the nearest point of the isovist's boundary, as
depthmapX computes it), and drift (from the viewpoint to the centroid).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from floorplans.model import Plan
from floorplans.topology import building_footprint, room_index

from .obstacles import VISUAL_OBSTACLE_TYPES, wall_index, wall_segments
from .portals import culled_batches, plan_portals
from .sweep import Sweep, sweep, with_frame

if TYPE_CHECKING:
    from .grid import Grid

__all__ = [
    "Isovist",
    "IsovistField",
    "isovist",
    "isovists_at",
    "isovist_properties",
    "isovist_properties_grid",
    "visible_area_fraction",
    "can_see",
    "batches",
]

#: Where the visible piece of each open interval's wall starts and ends, x and y apart (:meth:`.Sweep.pieces`).
_Pieces = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]

#: Viewpoints closer than this (m) to a wall are on it: their isovist is not defined.
ON_WALL = 1e-9


@dataclass(frozen=True)
class Isovist:
    """The visible region from ``origin`` and its measures (metres, m², degrees)."""

    origin: tuple[float, float]
    polygon: Polygon = field(repr=False)
    area: float
    perimeter: float
    occlusivity: float
    max_radial: float
    min_radial: float
    drift_magnitude: float
    drift_angle: float

    @property
    def compactness(self) -> float:
        """4πA/P²: 1 for a circle, smaller the more stretched or jagged."""
        return 4.0 * math.pi * self.area / self.perimeter**2 if self.perimeter > 0 else 0.0

    @property
    def drift(self) -> tuple[float, float]:
        """(magnitude m, angle degrees counter-clockwise from +x) from the viewpoint to the centroid."""
        return self.drift_magnitude, self.drift_angle


#: The measures an :class:`Isovist` holds, in the order of its fields after the polygon.
_MEASURES = ("area", "perimeter", "occlusivity", "max_radial", "min_radial", "drift_magnitude", "drift_angle")


def _portals(plan_or_segments: Plan | np.ndarray, furniture: Iterable[str]):
    return plan_portals(plan_or_segments, tuple(furniture)) if isinstance(plan_or_segments, Plan) else None


def _segments(plan_or_segments: Plan | np.ndarray, furniture: Iterable[str]) -> np.ndarray:
    if isinstance(plan_or_segments, Plan):
        return wall_segments(plan_or_segments, tuple(furniture))
    segs = np.asarray(plan_or_segments, dtype=float)
    if segs.ndim != 2 or segs.shape[1] != 4:
        raise ValueError(f"segments must be an (n, 4) array of x1, y1, x2, y2; got shape {segs.shape}")
    return segs


#: :func:`batch_size`'s budget for :func:`isovist_properties_grid` (measures only, no polygons kept).
GRID_BUDGET = 5e5


def batch_size(n_segments: int, budget: float = 3e6) -> int:
    """Viewpoints per sweep, small enough that one sweep's arrays stay in a few hundred MB."""
    return int(max(8, min(2048, budget / (2 * (n_segments + 4) * 16))))


def batches(n_points: int, n_segments: int, budget: float = 3e6) -> Iterable[slice]:
    """Slices of viewpoints of :func:`batch_size`."""
    size = batch_size(n_segments, budget)
    for start in range(0, n_points, size):
        yield slice(start, min(n_points, start + size))


def _check_points(segs: np.ndarray, pts: np.ndarray, tree: shapely.STRtree | None = None) -> None:
    """Raise for a viewpoint that is not finite or lies on a wall (``tree``: the walls' index, if at hand)."""
    if not np.all(np.isfinite(pts)):
        raise ValueError("viewpoints must be finite numbers")
    if len(segs) == 0:
        return
    if tree is None:
        tree = shapely.STRtree(shapely.linestrings(segs.reshape(-1, 2, 2)))
    hits, _ = tree.query(shapely.points(pts), predicate="dwithin", distance=ON_WALL)
    if len(hits):
        x, y = pts[hits[0]]
        raise ValueError(f"viewpoint ({x:g}, {y:g}) lies on a wall; an isovist needs a point off the walls")


def _outside(plan: Plan, pts: np.ndarray, within: np.ndarray | None = None) -> np.ndarray:
    """Which points lie outside the building: those in no room are tested against the footprint.

    A room's point is inside the rooms' union, so the union (costly on a real level) is built only
    when some point lies in no room, which is then an error to report. ``within``: the points already
    known to lie strictly inside a room (inside, so not tested again), if at hand.
    """
    outside = np.ones(len(pts), bool)
    if not plan.rooms:
        return outside
    if within is not None:
        outside[within] = False
    ask = np.flatnonzero(outside)
    geoms = shapely.points(pts[ask])
    in_room, _ = room_index(plan).query(geoms, predicate="covered_by")
    outside[ask[in_room]] = False
    if outside.any():
        outside[outside] = ~shapely.covers(building_footprint(plan), shapely.points(pts[outside]))
    return outside


def _check_inside(plan: Plan, pts: np.ndarray, within: np.ndarray | None = None) -> None:
    outside = _outside(plan, pts, within)
    if outside.any():
        x, y = pts[np.argmax(outside)]
        raise ValueError(f"viewpoint ({x:g}, {y:g}) is outside the building; isovists are taken from inside it")


def _open_and_next(sw: Sweep) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The open intervals (flat indices), their viewpoint rows, the position (among the open intervals)
    of the open interval after each (a row's last continues with its first), and the open intervals per row."""
    flat = np.flatnonzero(sw.open_intervals())
    counts = np.diff(np.searchsorted(flat, sw.offsets))
    row = np.repeat(np.arange(len(sw.points)), counts)
    ends = np.cumsum(counts)
    nxt = np.arange(1, len(flat) + 1)
    some = counts > 0
    nxt[ends[some] - 1] = (ends - counts)[some]
    return flat, row, nxt, counts


def isovist_properties(sw: Sweep, pieces: _Pieces | None = None) -> dict[str, np.ndarray]:
    """depthmapX's isovist measures for every viewpoint of a sweep, as arrays of length B.

    The isovist is the regularised visible region: zero-width intervals (see
    :meth:`.Sweep.open_intervals`) are left out, so a ray along collinear
    corners or an edge-on wall adds one radial edge from the wall before it
    to the wall after it, never a spike out and back.
    ``pieces``: ``sw.pieces`` of the open intervals, if already at hand (read, not written).
    """
    b = len(sw.points)
    flat, row, nxt, counts = _open_and_next(sw)
    # x and y apart, each contiguous, of the open intervals only: every sum below is the same float sum
    sx, sy, ex, ey = sw.pieces(flat) if pieces is None else pieces
    tri = sx * ey
    tri -= sy * ex
    tri *= 0.5
    area = np.bincount(row, tri, minlength=b)
    dx, dy = ex - sx, ey - sy
    chord = np.hypot(dx, dy)
    jump = np.hypot(sx[nxt] - ex, sy[nxt] - ey)
    occlusivity = np.bincount(row, jump, minlength=b)
    perimeter = np.bincount(row, chord, minlength=b) + occlusivity
    max_radial = _extreme_norm(np.maximum, ((sx, sy), (ex, ey)), row, counts, -np.inf)
    # nearest point of each visible wall piece to the viewpoint (the origin here)
    dd = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        u = np.clip(np.where(dd > 0, -(sx * dx + sy * dy) / dd, 0.0), 0.0, 1.0)
    min_radial = _extreme_norm(np.minimum, ((sx + dx * u, sy + dy * u),), row, counts, np.inf)
    with np.errstate(invalid="ignore", divide="ignore"):
        cx = np.bincount(row, tri * (sx + ex), minlength=b) / (3.0 * area)
        cy = np.bincount(row, tri * (sy + ey), minlength=b) / (3.0 * area)
        compactness = np.where(perimeter > 0, 4.0 * np.pi * area / perimeter**2, 0.0)
    return {
        "area": area,
        "perimeter": perimeter,
        "compactness": compactness,
        "occlusivity": occlusivity,
        "max_radial": max_radial,
        "min_radial": min_radial,
        "drift_magnitude": np.hypot(cx, cy),
        "drift_angle": np.mod(np.degrees(np.arctan2(cy, cx)), 360.0),
    }


def _per_row(op: np.ufunc, values: np.ndarray, row: np.ndarray, counts: np.ndarray, empty: float) -> np.ndarray:
    """``op`` (maximum or minimum) of the values of each viewpoint (``row`` sorted, ``counts`` values per
    viewpoint), ``empty`` for none."""
    if len(values) == 0 or not counts.all():
        result = np.full(len(counts), empty)
        op.at(result, row, values)
        return result
    return op.reduceat(values, np.cumsum(counts) - counts)  # one pass over runs, not a scatter


#: Relative margin on squared lengths within which a length may still be the longest (shortest) by hypot.
_NORM_MARGIN = 1e-9


def _extreme_norm(op: np.ufunc, vectors: tuple[tuple[np.ndarray, np.ndarray], ...], row: np.ndarray,
                  counts: np.ndarray, empty: float) -> np.ndarray:
    """``op`` (maximum or minimum) per viewpoint of ``np.hypot`` over the vectors (x, y arrays aligned with
    ``row``): the same numbers as taking every hypot, but hypot (costly) only where it can be the extreme.

    The extreme of the cheap squared lengths picks the candidates: hypot and the square root of the
    summed squares differ by a few units in the last place, far inside the margin. A NaN stays a candidate.
    """
    squares = []
    for x, y in vectors:
        sq = x * x
        sq += y * y
        squares.append(sq)
    fill = -np.inf if op is np.maximum else np.inf
    ext = _per_row(op, squares[0] if len(squares) == 1 else op(*squares), row, counts, fill)
    bound = ext * (1.0 - _NORM_MARGIN if op is np.maximum else 1.0 + _NORM_MARGIN)
    result = np.full(len(counts), empty)
    for (x, y), sq in zip(vectors, squares, strict=True):
        beaten = sq < bound[row] if op is np.maximum else sq > bound[row]
        idx = np.flatnonzero(~beaten)
        op.at(result, row[idx], np.hypot(x[idx], y[idx]))
    return result


def _polygons(sw: Sweep, pieces: _Pieces | None = None) -> np.ndarray:
    """The isovist polygons of a sweep (vectorised: one shapely call for the batch).

    ``pieces``: ``sw.pieces`` of the open intervals, if already at hand (the closed ones' are never worked out).
    """
    flat = np.flatnonzero(sw.open_intervals())  # no spikes along zero-width intervals
    sx, sy, ex, ey = sw.pieces(flat) if pieces is None else pieces
    row = np.searchsorted(sw.offsets, flat, side="right") - 1  # each interval's viewpoint (sw.rows[flat])
    # each interval's start, then its end, made absolute: x and y apart (1-d gathers and adds, not 2-d ones)
    vx, vy = np.empty(2 * len(flat)), np.empty(2 * len(flat))
    px, py = sw.points[:, 0][row], sw.points[:, 1][row]
    np.add(sx, px, out=vx[0::2])
    np.add(ex, px, out=vx[1::2])
    np.add(sy, py, out=vy[0::2])
    np.add(ey, py, out=vy[1::2])
    keep = _not_repeated(vx, vy)
    if len(flat):  # a viewpoint's first corner is kept whatever the one before (the last of the viewpoint before)
        first = np.empty(len(flat), dtype=bool)
        first[1:] = row[1:] != row[:-1]
        first[0] = row[0] != row[-1]
        keep[0::2] |= first
    at = np.flatnonzero(keep)
    coords = np.empty((len(at), 2))
    coords[:, 0], coords[:, 1] = vx[at], vy[at]
    rings = shapely.linearrings(coords, indices=row[at >> 1])
    polys = shapely.polygons(rings)
    bad = ~shapely.is_valid(polys)
    if bad.any():
        polys[bad] = shapely.make_valid(polys[bad])
    return polys


#: A corner this near (m) to the one before it repeats it, and is dropped from the outline.
_REPEAT = 1e-12


def _not_repeated(vx: np.ndarray, vy: np.ndarray) -> np.ndarray:
    """Whether each corner lies over :data:`_REPEAT` from the one before it (cyclic), by ``np.hypot``.

    hypot (costly) only where both differences are within the bound: hypot is never below the larger of
    them (it is faithfully rounded, and the larger is a float under the true length), so a larger one over
    the bound decides.
    """
    dx, dy = np.empty_like(vx), np.empty_like(vy)
    if len(vx) == 0:
        return np.zeros(0, dtype=bool)
    np.subtract(vx[1:], vx[:-1], out=dx[1:])
    np.subtract(vy[1:], vy[:-1], out=dy[1:])
    dx[0], dy[0] = vx[0] - vx[-1], vy[0] - vy[-1]
    far = np.maximum(np.abs(dx), np.abs(dy)) > _REPEAT
    near = np.flatnonzero(~far)
    far[near] = np.hypot(dx[near], dy[near]) > _REPEAT
    return far


def _clip(iso: Isovist, sw: Sweep, row: int, radius: float) -> Isovist:
    """The isovist limited to ``radius`` around its origin (a field of view by distance)."""
    disk = Point(iso.origin).buffer(radius, quad_segs=64)
    poly = iso.polygon.intersection(disk)
    lo, hi = sw.offsets[row], sw.offsets[row + 1]
    open_ = sw.open_intervals()[lo:hi]
    s, e = sw.start[lo:hi][open_], sw.end[lo:hi][open_]
    r_end = np.hypot(e[:, 0], e[:, 1])
    r_next = np.roll(np.hypot(s[:, 0], s[:, 1]), -1)
    near, far = np.minimum(r_end, r_next), np.maximum(r_end, r_next)
    occl = float(np.clip(np.minimum(far, radius) - np.minimum(near, radius), 0, None).sum())
    c = poly.centroid if not poly.is_empty else Point(iso.origin)
    dx, dy = c.x - iso.origin[0], c.y - iso.origin[1]
    return Isovist(
        origin=iso.origin,
        polygon=poly,
        area=poly.area,
        perimeter=poly.length,
        occlusivity=occl,
        max_radial=min(iso.max_radial, radius),
        min_radial=min(iso.min_radial, radius),
        drift_magnitude=math.hypot(dx, dy),
        drift_angle=math.degrees(math.atan2(dy, dx)) % 360.0,
    )


def isovists_at(
    plan_or_segments: Plan | np.ndarray,
    points: Iterable[tuple[float, float]] | np.ndarray,
    max_radius: float | None = None,
    furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES,
) -> list[Isovist]:
    """The exact isovists from several points (one batched sweep).

    ``plan_or_segments`` is a Plan (its :func:`wall_segments`) or an (n, 4)
    array of wall segments. ``max_radius`` limits sight to that distance.
    Raises ValueError when a point lies on a wall, or outside the plan's building.
    """
    segs = _segments(plan_or_segments, furniture)
    pts = np.asarray(list(points) if not isinstance(points, np.ndarray) else points, dtype=float).reshape(-1, 2)
    if max_radius is not None and not (max_radius > 0):
        raise ValueError(f"max_radius must be positive, got {max_radius!r}")
    if len(pts) == 0:
        return []
    _check_points(segs, pts, wall_index(plan_or_segments, tuple(furniture)) if isinstance(plan_or_segments, Plan) else None)
    portals = _portals(plan_or_segments, furniture)
    # each viewpoint's room (strictly inside it), for the portals; a point inside a room is inside the building
    room = portals.room_of(pts) if portals is not None else None
    if isinstance(plan_or_segments, Plan):
        _check_inside(plan_or_segments, pts, None if room is None else room >= 0)
    framed = with_frame(segs, pts)
    result: list[Isovist | None] = [None] * len(pts)
    for idx, segs_b, keep in culled_batches(pts, framed, portals, batch_size(len(framed)), room=room):
        sw = sweep(pts[idx], segs_b, keep, open_only=True)  # the isovist reads its open intervals only
        pieces = sw.pieces(np.flatnonzero(sw.open_intervals()))  # the measures and the outline read the same pieces
        props = isovist_properties(sw, pieces)
        polys = _polygons(sw, pieces)
        # the measures as Python floats, a column at a time (the same numbers as float() of each element)
        columns = [props[f] for f in _MEASURES]
        rows = zip(idx.tolist(), sw.points.tolist(), polys.tolist(), *(c.tolist() for c in columns), strict=True)
        for row, (i, (x, y), polygon, *measures) in enumerate(rows):
            iso = Isovist((x, y), polygon, *measures)
            result[i] = _clip(iso, sw, row, max_radius) if max_radius is not None else iso
    return [iso for iso in result if iso is not None]  # every point lies in exactly one batch


def isovist(
    plan_or_segments: Plan | np.ndarray,
    point: tuple[float, float],
    max_radius: float | None = None,
    furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES,
) -> Isovist:
    """The exact isovist from one point (see :func:`isovists_at`)."""
    return isovists_at(plan_or_segments, [point], max_radius=max_radius, furniture=furniture)[0]


@dataclass(frozen=True)
class IsovistField:
    """Isovist measures at every cell of a grid (arrays aligned with ``xs``, ``ys``)."""

    xs: np.ndarray
    ys: np.ndarray
    values: dict[str, np.ndarray]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]

    def to_frame(self):
        """One row per cell: x, y and each measure (pandas is imported here, not when scoring starts)."""
        import pandas as pd

        return pd.DataFrame({"x": self.xs, "y": self.ys, **self.values})


#: Bytes of the block :func:`keep_heap` allocates and frees (under glibc's 32 MB cap on its threshold).
_HEAP_BLOCK = 30 << 20


@cache
def keep_heap() -> None:
    """Allocate and free one large block (untouched: no page is faulted in), once per process.

    glibc raises its mmap threshold to the size of a freed mapped block, and trims the heap only past twice
    that. Without this, the sweeps' temporaries (a few MB, allocated and freed batch after batch) are mapped,
    zero-filled by the kernel and unmapped again every few batches: system time of the order of a third of
    the user time on a small floor. Nothing computed changes; under another allocator it costs nothing.
    """
    np.empty(_HEAP_BLOCK, dtype=np.uint8)


def isovist_properties_grid(plan: Plan, grid: float | Grid = 0.5,
                            furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES) -> IsovistField:
    """Isovist measures from every cell centre of a VGA grid (``grid``: a spacing in m or a Grid)."""
    from .grid import Grid, make_grid  # late import: grid imports this module's helpers

    g = grid if isinstance(grid, Grid) else make_grid(plan, float(grid), furniture=tuple(furniture))
    keep_heap()
    segs = _segments(plan, furniture)
    pts = np.column_stack([g.xs, g.ys])
    framed = with_frame(segs, pts)
    portals = _portals(plan, furniture)
    names = ["area", "perimeter", "compactness", "occlusivity", "max_radial", "min_radial", "drift_magnitude", "drift_angle"]
    values = {k: np.zeros(len(pts)) for k in names}
    # small batches: the sweep's temporaries stay in cache and are not paged in afresh (system time)
    for idx, segs_b, keep in culled_batches(pts, framed, portals, 2048, pairs=int(GRID_BUDGET // 32)):
        props = isovist_properties(sweep(pts[idx], segs_b, keep, framed=True, open_only=True))
        for k in names:
            values[k][idx] = props[k]
    return IsovistField(g.xs.copy(), g.ys.copy(), values)


def visible_area_fraction(plan: Plan, point: tuple[float, float], region: BaseGeometry,
                          max_radius: float | None = None,
                          furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES) -> float:
    """The share (0..1) of a region's area that is visible from the point (0 for an empty region)."""
    if region.is_empty or region.area <= 0:
        return 0.0
    iso = isovist(plan, point, max_radius=max_radius, furniture=furniture)
    return float(min(1.0, iso.polygon.intersection(region).area / region.area))


def can_see(plan_or_segments: Plan | np.ndarray, a: tuple[float, float], b: tuple[float, float],
            furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES) -> bool:
    """Whether the straight sight line from a to b touches no wall (grazing a wall's end blocks it)."""
    segs = _segments(plan_or_segments, furniture)
    if len(segs) == 0:
        return True
    line = shapely.linestrings([a, b]) if a != b else shapely.points(a)
    if isinstance(plan_or_segments, Plan):  # the plan's walls are indexed once, not rebuilt per sight line
        return len(wall_index(plan_or_segments, tuple(furniture)).query(line, predicate="intersects")) == 0
    walls = shapely.linestrings(segs.reshape(-1, 2, 2))
    return not bool(shapely.intersects(walls, line).any())
