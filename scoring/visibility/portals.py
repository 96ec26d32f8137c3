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

from .obstacles import gap_holes, wall_segments

__all__ = ["Portals", "plan_portals", "keep_mask"]

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
        tree = shapely.STRtree(rooms)
        seg, room = tree.query(shapely.linestrings(walls.reshape(-1, 2, 2)), predicate="intersects")
        touches[room, seg] = True
    per_room: list[list[np.ndarray]] = [[] for _ in range(n_rooms)]
    if n_rooms and len(holes):
        mids = shapely.points(0.5 * (holes[:, 0:2] + holes[:, 2:4]))
        boundaries = shapely.boundary(rooms)
        tree = shapely.STRtree(boundaries)
        hole, room = tree.query(mids, predicate="dwithin", distance=_ON_BOUNDARY)
        for h, r in zip(hole, room):
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


def keep_mask(portals: Portals, points: np.ndarray, n_segments: int, seg_lo: np.ndarray, seg_len: np.ndarray,
              pseudo_angle) -> np.ndarray:
    """(B, n_segments) mask of the segments each viewpoint may see.

    ``seg_lo`` / ``seg_len``: each segment's angular span from each viewpoint
    (pseudo-angles, counter-clockwise). Segments beyond the plan's walls
    (the frame) count as touching no room.
    """
    b = len(points)
    keep = np.ones((b, n_segments), dtype=bool)
    room = portals.room_of(points)
    inside = np.nonzero(room >= 0)[0]
    if len(inside) == 0:
        return keep
    r = room[inside]
    n_walls = portals.touches.shape[1]
    own = np.zeros((len(inside), n_segments), dtype=bool)
    own[:, :n_walls] = portals.touches[r]
    gaps = portals.gaps[r]  # (b, G, 4)
    p = points[inside][:, None, :]
    g0 = gaps[..., 0:2] - p
    g1 = gaps[..., 2:4] - p
    pa0 = pseudo_angle(g0[..., 0], g0[..., 1])
    pa1 = pseudo_angle(g1[..., 0], g1[..., 1])
    ccw = (g0[..., 0] * g1[..., 1] - g0[..., 1] * g1[..., 0]) > 0
    g_lo = np.where(ccw, pa0, pa1)
    g_len = np.mod(np.where(ccw, pa1, pa0) - g_lo, 4.0)
    valid = ~np.isnan(gaps[..., 0])
    tol = 1e-9
    s_lo = seg_lo[inside][:, :, None]
    s_len = seg_len[inside][:, :, None]
    gl, gn = g_lo[:, None, :], g_len[:, None, :]
    with np.errstate(invalid="ignore"):
        overlap = (np.mod(gl - s_lo, 4.0) <= s_len + tol) | (np.mod(s_lo - gl, 4.0) <= gn + tol)
    overlap &= valid[:, None, :]
    keep[inside] = own | overlap.any(axis=2)
    return keep
