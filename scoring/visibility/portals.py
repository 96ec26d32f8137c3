"""Culling walls that a viewpoint cannot possibly see: rooms and their door gaps as portals.

A sight line from a point strictly inside a room leaves the room only
through a gap in its boundary (an interior door or an opening): everything
else on the boundary is wall, and touching a wall blocks. So a wall that
does not touch the viewer's room is visible only within the angular wedge
of one of the room's gaps. Walls outside every wedge are dropped from the
viewpoint's sweep before the expensive step. The test is conservative (a
kept wall may still be hidden), so the isovist stays exact; it only saves
work, most of all in closed rooms with one door.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from floorplans.model import Plan

from .obstacles import gap_holes, wall_index, wall_segments
from .sweep import pseudo_angle

__all__ = ["Portals", "plan_portals", "keep_mask", "culled_batches"]

#: A hole lies on a room's boundary when its middle is this close to it (m).
_ON_BOUNDARY = 1e-6


@dataclass(frozen=True)
class Portals:
    """Per room: which wall segments touch it, and its gaps (padded with NaN)."""

    rooms: np.ndarray  # (R,) shapely polygons
    touches: np.ndarray  # (R, n) bool over the plan's wall segments
    gaps: np.ndarray  # (R, G, 4) float, NaN where a room has fewer gaps

    def room_of(self, points: np.ndarray) -> np.ndarray:
        """Index of the room each point lies strictly inside, or -1 (on a boundary, outside, ambiguous)."""
        result = np.full(len(points), -1, dtype=np.int64)
        if len(self.rooms) == 0 or len(points) == 0:
            return result
        tree = shapely.STRtree(self.rooms)
        pt, room = tree.query(shapely.points(points), predicate="within")
        counts = np.bincount(pt, minlength=len(points))
        one = counts[pt] == 1
        result[pt[one]] = room[one]
        return result


@lru_cache(maxsize=64)
def _plan_portals(plan: Plan, furniture: tuple[str, ...]) -> Portals:
    walls = wall_segments(plan, furniture)
    holes = gap_holes(plan, furniture)
    rooms = np.array([r.geometry for r in plan.rooms], dtype=object)
    n_rooms = len(rooms)
    touches = np.zeros((n_rooms, len(walls)), dtype=bool)
    if n_rooms and len(walls):
        # ask the walls' index once per room: each (complex) room is then prepared once,
        # not tested afresh for every wall segment near it
        room, seg = wall_index(plan, furniture).query(rooms, predicate="intersects")
        touches[room, seg] = True
    per_room: list[list[np.ndarray]] = [[] for _ in range(n_rooms)]
    if n_rooms and len(holes):
        mids = shapely.points(0.5 * (holes[:, 0:2] + holes[:, 2:4]))
        boundaries = shapely.boundary(rooms)
        tree = shapely.STRtree(boundaries)
        hole, room = tree.query(mids, predicate="dwithin", distance=_ON_BOUNDARY)
        for h, r in zip(hole, room, strict=False):
            per_room[int(r)].append(holes[h])
    width = max((len(g) for g in per_room), default=0)
    gaps = np.full((n_rooms, max(width, 1), 4), np.nan)
    for r, items in enumerate(per_room):
        if items:
            gaps[r, : len(items)] = np.array(items)
    return Portals(rooms=rooms, touches=touches, gaps=gaps)


def plan_portals(plan: Plan, furniture: tuple[str, ...]) -> Portals:
    """The portal data of a plan (cached per plan object and furniture types)."""
    return _plan_portals(plan, tuple(sorted(furniture)))


def _spans(points: np.ndarray, segments: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each segment's angular span from each point: counter-clockwise start and length (pseudo-angles)."""
    ax = segments[None, :, 0] - points[:, 0:1]
    ay = segments[None, :, 1] - points[:, 1:2]
    bx = segments[None, :, 2] - points[:, 0:1]
    by = segments[None, :, 3] - points[:, 1:2]
    pa_a, pa_b = pseudo_angle(ax, ay), pseudo_angle(bx, by)
    ccw = (ax * by - ay * bx) > 0
    lo = np.where(ccw, pa_a, pa_b)
    return lo, np.mod(np.where(ccw, pa_b, pa_a) - lo, 4.0)


def keep_mask(portals: Portals, points: np.ndarray, segments: np.ndarray, room: np.ndarray | None = None) -> np.ndarray:
    """(B, n) mask of the segments (the plan's walls, then any frame) each viewpoint may see.

    Segments beyond the plan's walls (the frame) count as touching no room.
    ``room``: the viewpoints' rooms if already known (:meth:`Portals.room_of`).
    """
    b, n_segments = len(points), len(segments)
    keep = np.ones((b, n_segments), dtype=bool)
    room = portals.room_of(points) if room is None else room
    inside = np.nonzero(room >= 0)[0]
    if len(inside) == 0:
        return keep
    n_walls = portals.touches.shape[1]
    keep[inside] = False
    keep[inside, :n_walls] = portals.touches[room[inside]]
    # per gap slot: the viewpoints whose room has that many gaps (rooms with one door cost one pass)
    gaps = portals.gaps[room[inside]]  # (b_in, G, 4)
    valid = ~np.isnan(gaps[:, :, 0])
    if not valid.any():
        return keep
    span_lo, span_len = _spans(points[inside], segments)  # once per viewpoint, not per gap
    p = points[inside]
    g0x, g0y = gaps[:, :, 0] - p[:, 0:1], gaps[:, :, 1] - p[:, 1:2]
    g1x, g1y = gaps[:, :, 2] - p[:, 0:1], gaps[:, :, 3] - p[:, 1:2]
    pa0, pa1 = pseudo_angle(g0x, g0y), pseudo_angle(g1x, g1y)
    ccw = (g0x * g1y - g0y * g1x) > 0
    g_lo = np.where(ccw, pa0, pa1)
    g_len = np.mod(np.where(ccw, pa1, pa0) - g_lo, 4.0)
    tol = 1e-9
    seen = keep[inside]
    for slot in range(valid.shape[1]):
        rows = np.flatnonzero(valid[:, slot])
        if len(rows) == 0:
            continue
        whole = len(rows) == len(inside)
        s_lo = span_lo if whole else span_lo[rows]
        s_len = span_len if whole else span_len[rows]
        lo, length = g_lo[rows, slot][:, None], g_len[rows, slot][:, None]
        # the cyclic spans [s_lo, s_lo + s_len] and [lo, lo + length] overlap (d in (-4, 4), no modulo)
        d = lo - s_lo
        overlap = ((d >= -length - tol) & (d <= s_len + tol)) | (d <= s_len + (tol - 4.0)) | (d >= (4.0 - tol) - length)
        if whole:
            seen |= overlap
        else:
            seen[rows] |= overlap
    keep[inside] = seen
    return keep


def culled_batches(points: np.ndarray, segments: np.ndarray, portals: Portals | None, size: int):
    """Batches of viewpoints for :func:`.sweep.sweep`: (indices, the batch's segments, keep mask).

    With portals, each batch holds viewpoints of one room only, and each
    viewpoint sweeps only the segments it may see: fewer events to sort,
    fewer rays to cast. ``segments`` are framed (:func:`.sweep.with_frame`,
    the frame last); the frame is kept for every viewpoint so each sweep
    closes. Without portals, plain consecutive batches of all segments.
    """
    n = len(points)
    if portals is None:
        for start in range(0, n, size):
            yield np.arange(start, min(n, start + size)), segments, None
        return
    room = portals.room_of(points)
    order = np.argsort(room, kind="stable")
    bounds = np.flatnonzero(np.diff(room[order])) + 1  # where the next room's viewpoints start
    for group in np.split(order, bounds):
        for start in range(0, len(group), size):
            idx = group[start:start + size]
            keep = keep_mask(portals, points[idx], segments, room[idx])
            keep[:, -4:] = True  # the frame (the last four segments, see with_frame) closes every sweep
            cols = keep.any(axis=0)
            yield idx, segments[cols], keep[:, cols]
