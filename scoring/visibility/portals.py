"""Culling walls that a viewpoint cannot possibly see: rooms and their door gaps as portals.

A sight line from a point strictly inside a room leaves the room only
through a gap in its boundary (an interior door or an opening): everything
else on the boundary is wall, and touching a wall blocks. Past the gap it
runs inside the room on the other side, where again it can only hit that
room's walls or leave through one of its gaps, and so on. So, as in a
portal renderer, the walls a viewpoint may see are those touching its room,
then the walls of each room reached through a chain of gaps that lie in
the angular wedge common to all the chain's gaps (the wedge narrows at every
gap until it closes). Where a gap leads to space that is no single room
beyond it, every wall in its wedge is kept. Walls outside all of this are
dropped from the viewpoint's sweep before the expensive step. The test is
conservative (a kept wall may still be hidden), so the isovist stays exact;
it only saves work, most of all in plans of many closed rooms.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from floorplans.model import Plan

from ..arrays import ranges
from .obstacles import gap_holes, wall_index, wall_segments
from .sweep import pseudo_angle

__all__ = ["Portals", "plan_portals", "keep_mask", "culled_batches"]

#: A hole lies on a room's boundary where it is this close to it (m).
_ON_BOUNDARY = 1e-6
#: A sight line leaves a room through a hole that runs along its boundary for longer than this (m).
_EXIT_OVERLAP = 1e-5
#: A hole's ends this close to one edge of a room's boundary (m): the hole lies along that edge.
_ON_EDGE = 1e-9
#: A hole that comes within _ON_BOUNDARY of a room only this near its ends (m) runs along it for less than _EXIT_OVERLAP.
_END = 4e-6
#: How far either side of a hole the rooms on its two sides are probed (m).
_PROBE = 1e-4
#: Directions closer than this (pseudo-angle units) count as overlapping: the wedges err on the wide side.
_TOL = 1e-9
#: Viewpoints x segments per step of the portal test (its arrays stay in cache).
_CHUNK = 1 << 18
#: Chains of gaps followed per viewing room (summed over the rooms walked together) before the rest are
#: treated as open space (their whole wedges kept).
_MAX_STEPS = 4096


@dataclass(frozen=True)
class Portals:
    """Per room: which wall segments touch it, the holes a sight line leaves it by, and the room past each."""

    rooms: np.ndarray  # (R,) shapely polygons
    near: np.ndarray  # (R, n) bool: the walls within _ON_BOUNDARY of each room (touching it, or missing it by rounding)
    holes: np.ndarray  # (H, 4) the gaps cut out of the wall lines
    exits: tuple[np.ndarray, ...]  # per room: indices of the holes along its boundary
    beyond: tuple[np.ndarray, ...]  # per room, aligned with exits: the room entered through that hole, or -1
    walls: tuple[np.ndarray, ...]  # per room: the indices of its near walls (``near`` as index lists)
    wall_start: np.ndarray  # (R + 1,) room r's near walls are wall_flat[wall_start[r]:wall_start[r + 1]]
    wall_flat: np.ndarray  # (W,) ``walls`` end to end
    step_start: np.ndarray  # (R + 1,) room r's exits are step_hole[step_start[r]:step_start[r + 1]] (exits, flat)
    step_hole: np.ndarray  # (S,) the exit hole of each step
    step_past: np.ndarray  # (S,) the room entered through it, or -1 (beyond, flat)

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


#: An edge and a wall this near (m, by a numpy distance) are surely within _ON_BOUNDARY for GEOS too.
_SURELY_NEAR = 0.5 * _ON_BOUNDARY
#: An edge and a wall farther apart than this (m, by a numpy distance, not crossing) are surely not.
_SURELY_APART = 2 * _ON_BOUNDARY
@dataclass(frozen=True)
class _Edges:
    """The straight edges of the rooms' boundaries, room by room, as columns."""

    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    room: np.ndarray


def _room_edges(rooms: np.ndarray) -> _Edges:
    parts, part_room = shapely.get_parts(shapely.boundary(rooms), return_index=True)
    xy, ring = shapely.get_coordinates(parts, return_index=True)
    same = np.flatnonzero(ring[1:] == ring[:-1])  # consecutive vertices of one ring: an edge
    x, y = np.ascontiguousarray(xy.T)
    return _Edges(x[same], y[same], x[same + 1], y[same + 1], part_room[ring[same]])


def _edge_wall_states(edges: _Edges, edge: np.ndarray, walls: np.ndarray, wall: np.ndarray) -> np.ndarray:
    """Per (edge, wall) pair: 2 surely within _ON_BOUNDARY, 0 surely not, 1 in doubt (by numpy distances).

    Within: an end of one within :data:`_SURELY_NEAR` of the other. Not: every end farther than
    :data:`_SURELY_APART` from the other, and the two surely not crossing (the ends of one surely on one side
    of the other: a wall through a room's corner is in doubt).
    """
    ax, ay, bx, by = edges.x0[edge], edges.y0[edge], edges.x1[edge], edges.y1[edge]
    cx, cy, dx, dy = (np.ascontiguousarray(c)[wall] for c in walls.T)
    # squared distances against squared bounds: the bounds leave a factor of two to GEOS's distance, far beyond
    # any rounding of a square root, so which pairs are sure is the same as by hypot.
    # Most pairs are near by the wall's first end (a wall along the edge): they are settled by that distance
    # alone (the least of the four is no larger; finite coordinates give no NaN), the others by all four
    first = _to_xy_squared(cx, cy, ax, ay, bx, by)
    state = np.full(len(edge), 2, dtype=np.int64)
    finite = all(bool(np.isfinite(v).all()) for v in (ax, ay, bx, by, cx, cy, dx, dy))
    rest = np.flatnonzero(first > _SURELY_NEAR**2) if finite else np.arange(len(edge))
    if len(rest):
        ax, ay, bx, by, cx, cy, dx, dy = (v[rest] for v in (ax, ay, bx, by, cx, cy, dx, dy))
        ends = np.minimum(np.minimum(first[rest], _to_xy_squared(dx, dy, ax, ay, bx, by)),
                          np.minimum(_to_xy_squared(ax, ay, cx, cy, dx, dy), _to_xy_squared(bx, by, cx, cy, dx, dy)))
        ex, ey, wx, wy = bx - ax, by - ay, dx - cx, dy - cy
        one_side = _one_side(ex * (cy - ay) - ey * (cx - ax), ex * (dy - ay) - ey * (dx - ax), np.hypot(ex, ey))
        one_side |= _one_side(wx * (ay - cy) - wy * (ax - cx), wx * (by - cy) - wy * (bx - cx), np.hypot(wx, wy))
        state[rest] = np.where(ends <= _SURELY_NEAR**2, 2, np.where((ends > _SURELY_APART**2) & one_side, 0, 1))
    return state


#: Points this far (m) from a line, by a numpy cross product, lie surely on the side it says.
_SIDE = 1e-9


def _one_side(o1: np.ndarray, o2: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Whether two points surely lie on one side of a line: their cross products ``o1``, ``o2`` with the
    line's direction (of ``length``) share a sign and put both more than :data:`_SIDE` from it."""
    return (o1 * o2 > 0) & (np.minimum(np.abs(o1), np.abs(o2)) > _SIDE * length)


def _to_xy(px: np.ndarray, py: np.ndarray, ax: np.ndarray, ay: np.ndarray, bx: np.ndarray, by: np.ndarray) -> np.ndarray:
    """Distance from each point to its segment a-b (columns)."""
    return np.hypot(*_to_xy_offsets(px, py, ax, ay, bx, by))


def _to_xy_squared(px: np.ndarray, py: np.ndarray, ax: np.ndarray, ay: np.ndarray, bx: np.ndarray,
                   by: np.ndarray) -> np.ndarray:
    """:func:`_to_xy` squared, as x² + y² (no hypot: a fraction of the work, for comparisons with ample margins)."""
    ex, ey = _to_xy_offsets(px, py, ax, ay, bx, by)
    ex *= ex
    ey *= ey
    ex += ey
    return ex


def _to_xy_offsets(px: np.ndarray, py: np.ndarray, ax: np.ndarray, ay: np.ndarray, bx: np.ndarray,
                   by: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """From the nearest point of each segment a-b to its point: x and y (columns)."""
    dx, dy = bx - ax, by - ay
    sq = dx * dx + dy * dy
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / np.where(sq > 0, sq, 1.0), 0.0, 1.0)
    return px - (ax + t * dx), py - (ay + t * dy)


def _edge_boxes(edges: _Edges) -> np.ndarray:
    """The edges' boxes grown by :data:`_SURELY_APART`, to find the walls and holes near them in an index:
    as the boxes' diagonals (line strings: the same boxes to an index, and cheaper to make than polygons)."""
    g = _SURELY_APART
    return shapely.linestrings(np.column_stack([np.minimum(edges.x0, edges.x1) - g, np.minimum(edges.y0, edges.y1) - g,
                                                np.maximum(edges.x0, edges.x1) + g, np.maximum(edges.y0, edges.y1) + g]).reshape(-1, 2, 2))


def _near_pairs_states(edges: _Edges, boxes: np.ndarray, segments: np.ndarray, index: shapely.STRtree,
                       n_rooms: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per (room, segment), flat (room * n + segment): surely within _ON_BOUNDARY of one of the room's edges,
    and in doubt (neither that nor surely apart from all of them); and the (edge, segment) pairs whose boxes
    (the edge's grown) meet. ``index``: the segments' (lines) index."""
    edge, seg = index.query(boxes)
    n = len(segments)
    key = edges.room[edge] * n + seg
    state = _edge_wall_states(edges, edge, segments, seg)
    near = np.zeros(n_rooms * n, dtype=bool)
    near[key[state == 2]] = True
    unsure = np.zeros(n_rooms * n, dtype=bool)
    unsure[key[state == 1]] = True
    unsure &= ~near
    return near, unsure, edge, seg


def _near_walls(rooms: np.ndarray, walls: np.ndarray, index: shapely.STRtree, edges: _Edges,
                boxes: np.ndarray) -> np.ndarray:
    """(R, n) the walls within :data:`_ON_BOUNDARY` of each room: GEOS's ``dwithin``, asked only where in doubt.

    Each wall is measured against the room edges whose boxes (grown by :data:`_SURELY_APART`) meet its box
    (one query of the walls' ``index``):
    surely near one of them, the wall is near; surely apart from all of them (or near none), it is near
    only if it lies inside the room (its first end does, well away from the boundary); GEOS decides the
    few others.
    """
    if not len(rooms) or not len(walls):
        return np.zeros((len(rooms), len(walls)), dtype=bool)
    n = len(walls)
    flat, unsure, _, _ = _near_pairs_states(edges, boxes, walls, index, len(rooms))
    doubt = np.flatnonzero(unsure)
    if len(doubt):
        r, w = np.divmod(doubt, n)
        flat[doubt[shapely.dwithin(rooms[r], index.geometries[w], _ON_BOUNDARY)]] = True
    room, seg = index.query(rooms)  # a wall inside a room lies within its box
    inside = room * n + seg
    inside = inside[~(flat[inside] | unsure[inside])]
    if len(inside):
        r, w = np.divmod(inside, n)
        flat[inside[shapely.contains_xy(rooms[r], walls[w, 0], walls[w, 1])]] = True
    return flat.reshape(len(rooms), n)


def _near_holes(rooms: np.ndarray, holes: np.ndarray, lines: np.ndarray, boundaries: np.ndarray, edges: _Edges,
                boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(hole, room) pairs, by hole then room, of the holes (``lines``) within :data:`_ON_BOUNDARY` of the rooms'
    ``boundaries``: sifted against the rooms' edges in numpy (:func:`_edge_wall_states`), GEOS only where in doubt.
    Also the (edge, hole) pairs whose boxes (the edge's grown by :data:`_SURELY_APART`) meet."""
    near, unsure, edge, seg = _near_pairs_states(edges, boxes, holes, shapely.STRtree(lines), len(rooms))
    doubt = np.flatnonzero(unsure)
    if len(doubt):
        r, h = np.divmod(doubt, len(holes))
        near[doubt[shapely.dwithin(lines[h], boundaries[r], _ON_BOUNDARY)]] = True
    room, hole = np.divmod(np.flatnonzero(near), len(holes))
    order = np.lexsort((room, hole))
    return hole[order], room[order], edge, seg


def _exits(rooms: np.ndarray, holes: np.ndarray, edges: _Edges, boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The holes running along each room's boundary (a sight line can leave it through those only),
    and the (hole, room) pairs where the whole hole lies on the room's boundary.

    How far a hole runs along a boundary is the length of it within the
    boundary's band of :data:`_ON_BOUNDARY`. Most holes lie on one edge of the
    room: then all of the hole is in the band and the overlay would only
    return the hole. Most others only touch the room at an end, within a few
    microns. Only the (hole, room) pairs that are neither are overlaid.
    Returns the exits flat (room by room, holes ascending) with where each room's start (R + 1,), and the
    whole pairs as a (k, 2) array by hole, then room.
    """
    hole = room = np.zeros(0, dtype=np.int64)
    along = length = np.zeros(0)
    if len(rooms) and len(holes):
        lines = shapely.linestrings(holes.reshape(-1, 2, 2))
        boundaries = shapely.boundary(rooms)
        hole, room, edge, seg = _near_holes(rooms, holes, lines, boundaries, edges, boxes)
        length = np.hypot(holes[:, 2] - holes[:, 0], holes[:, 3] - holes[:, 1])
        along = length[hole]  # the hole's own length where it lies on one edge (and is well over _EXIT_OVERLAP)
        rest = np.flatnonzero(~(_on_one_edge(edges, holes, edge, seg, hole, room, len(rooms)) & (along > 2 * _EXIT_OVERLAP)))
        touch = rest[_touches_at_ends(holes, length, boundaries, hole[rest], room[rest])]
        along[touch] = 0.0  # in the band for less than _EXIT_OVERLAP (and far from all of the hole): neither
        rest = np.setdiff1d(rest, touch)
        if len(rest):
            used, at = np.unique(room[rest], return_inverse=True)
            bands = shapely.buffer(boundaries[used], _ON_BOUNDARY)  # each room's boundary once
            along[rest] = shapely.length(shapely.intersection(lines[hole[rest]], bands[at.ravel()]))
    out = along > _EXIT_OVERLAP
    by_room = np.lexsort((hole[out], room[out]))
    step_start = np.searchsorted(room[out][by_room], np.arange(len(rooms) + 1)).astype(np.int64)
    on = along >= length[hole] - _ON_BOUNDARY
    by_hole = np.lexsort((room[on], hole[on]))
    whole = np.column_stack([hole[on][by_hole], room[on][by_hole]]).astype(np.int64)
    return step_start, hole[out][by_room].astype(np.int64), whole


def _runs(flat: np.ndarray, start: np.ndarray) -> list[np.ndarray]:
    """``np.split(flat, start[1:-1])`` by plain slices (a few hundred rooms: the split's own work is most of it)."""
    bounds = start.tolist()
    if len(bounds) < 2:
        return [flat]
    return [flat[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _on_one_edge(edges: _Edges, holes: np.ndarray, edge: np.ndarray, seg: np.ndarray, hole: np.ndarray,
                 room: np.ndarray, n_rooms: int) -> np.ndarray:
    """Whether both ends of hole[k] lie within :data:`_ON_EDGE` of one edge of room[k]'s boundary.

    The distance to a straight edge is convex along the hole, so all of such a
    hole is that close to the edge: deep inside the edge's band (a buffer's
    round parts fall short of the true band by far less than the gap of
    _ON_BOUNDARY - _ON_EDGE). Each hole is tested against the edges near it, the (edge, hole) pairs
    ``edge``, ``seg`` (:func:`_near_holes`): every edge whose box grown by _ON_EDGE holds the hole is among them.
    """
    x0, y0, x1, y1 = edges.x0[edge], edges.y0[edge], edges.x1[edge], edges.y1[edge]
    ends = holes[seg]
    # both ends within the edge's box grown by _ON_EDGE first: a few comparisons leave a pair or two per hole
    lo_x, hi_x = np.minimum(x0, x1) - _ON_EDGE, np.maximum(x0, x1) + _ON_EDGE
    lo_y, hi_y = np.minimum(y0, y1) - _ON_EDGE, np.maximum(y0, y1) + _ON_EDGE
    boxed = np.flatnonzero(
        (ends[:, 0] >= lo_x) & (ends[:, 0] <= hi_x) & (ends[:, 2] >= lo_x) & (ends[:, 2] <= hi_x)
        & (ends[:, 1] >= lo_y) & (ends[:, 1] <= hi_y) & (ends[:, 3] >= lo_y) & (ends[:, 3] <= hi_y)
    )
    ends, pair = ends[boxed], edge[boxed]
    lines = np.column_stack([x0[boxed], y0[boxed], x1[boxed], y1[boxed]])
    near = (_to_segment(ends[:, 0], ends[:, 1], lines) <= _ON_EDGE) & (_to_segment(ends[:, 2], ends[:, 3], lines) <= _ON_EDGE)
    on = np.zeros(n_rooms * len(holes), dtype=bool)
    on[edges.room[pair[near]] * len(holes) + seg[boxed][near]] = True
    return on[room * len(holes) + hole]


def _touches_at_ends(holes: np.ndarray, length: np.ndarray, boundaries: np.ndarray,
                     hole: np.ndarray, room: np.ndarray) -> np.ndarray:
    """Whether hole[k] stays out of room[k]'s band but for :data:`_END` at either end.

    Then at most 2·_END of it (under :data:`_EXIT_OVERLAP`, and far under the hole's length) lies in the band,
    which (a buffer, inside the true band) holds no more: no exit, not whole, without the overlay.
    """
    out = np.zeros(len(hole), dtype=bool)
    long = np.flatnonzero(length[hole] > 4 * _END)
    if len(long):
        h = holes[hole[long]]
        f = (_END / length[hole[long]])[:, None]
        inner = shapely.linestrings(np.hstack([h[:, :2] + f * (h[:, 2:] - h[:, :2]), h[:, 2:] - f * (h[:, 2:] - h[:, :2])]).reshape(-1, 2, 2))
        out[long] = shapely.distance(inner, boundaries[room[long]]) > _ON_BOUNDARY * (1 + 1e-3)
    return out


def _to_segment(px: np.ndarray, py: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Distance from each point to its segment (x1, y1, x2, y2): :func:`_to_xy` of the segments' columns."""
    return _to_xy(px, py, *segments.T)


def _beyond(rooms: np.ndarray, holes: np.ndarray, step_start: np.ndarray, step_hole: np.ndarray,
            whole: np.ndarray) -> np.ndarray:
    """Per room and exit hole (:func:`_exits`, flat), the room a sight line enters through the hole, or -1
    when not one room.

    Room t is past hole h of room r when the whole hole lies on t's boundary
    too, and just across the hole's middle is inside t and not r while just
    before it is inside r. A straight line crossing the hole then runs on
    inside t until it meets t's boundary. Of several such rooms, the first
    (lowest index). All (room, exit) pairs are probed together.
    """
    r = np.repeat(np.arange(len(rooms)), np.diff(step_start))
    h = step_hole
    past = np.full(len(h), -1, dtype=np.int64)
    if len(h) and len(whole):
        far_x, far_y, ok = _probes(rooms, r, holes[h])
        on = whole  # (hole, room) pairs by hole, then room
        first = np.searchsorted(on[:, 0], h, side="left")
        n = np.searchsorted(on[:, 0], h, side="right") - first
        k = np.repeat(np.arange(len(h)), n)  # (pair, candidate room) triples, candidates in room order
        t = on[ranges(first, n), 1]
        keep = ok[k] & (t != r[k])
        k, t = k[keep], t[keep]
        inside = shapely.contains_xy(rooms[t], far_x[k], far_y[k])
        k, t = k[inside], t[inside]
        pair, at = np.unique(k, return_index=True)  # the first candidate that holds the far probe
        past[pair] = t[at]
    return past


def _probes(rooms: np.ndarray, r: np.ndarray, hole: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points just across each hole's middle from room r[k] (x and y), and whether that is so: one of the
    two probes either side lies inside room r[k] and the other not (a hole of length 0: not)."""
    ax, ay, bx, by = hole.T
    length = np.hypot(bx - ax, by - ay)
    safe = np.where(length > 0, length, 1.0)
    mx, my = 0.5 * (ax + bx), 0.5 * (ay + by)
    nx, ny = -(by - ay) / safe * _PROBE, (bx - ax) / safe * _PROBE
    x1, y1, x2, y2 = mx + nx, my + ny, mx - nx, my - ny
    in_one, in_two = shapely.contains_xy(rooms[r], x1, y1), shapely.contains_xy(rooms[r], x2, y2)
    return np.where(in_two, x1, x2), np.where(in_two, y1, y2), (length > 0) & (in_one != in_two)


@lru_cache(maxsize=64)
def _plan_portals(plan: Plan, furniture: tuple[str, ...]) -> Portals:
    walls = wall_segments(plan, furniture)
    holes = np.asarray(gap_holes(plan, furniture), dtype=float).reshape(-1, 4)
    rooms = np.array([r.geometry for r in plan.rooms], dtype=object)
    # within a distance, as a wall piece ending at a gap's computed end point may miss its room's edge by a rounding error
    edges = _room_edges(rooms)
    boxes = _edge_boxes(edges)
    near = _near_walls(rooms, walls, wall_index(plan, furniture), edges, boxes)
    step_start, step_hole, whole = _exits(rooms, holes, edges, boxes)
    step_past = _beyond(rooms, holes, step_start, step_hole, whole)
    # the rows' near walls end to end in one call (row-major order: room by room, walls ascending)
    wall_flat = (np.flatnonzero(near.ravel()) % max(1, len(walls))).astype(np.int64)
    wall_start = np.concatenate([[0], np.cumsum(near.sum(axis=1))]).astype(np.int64)
    return Portals(
        rooms=rooms,
        near=near,
        holes=holes,
        exits=tuple(_runs(step_hole, step_start)[: len(rooms)]),
        beyond=tuple(_runs(step_past, step_start)),
        walls=tuple(_runs(wall_flat, wall_start)),
        wall_start=wall_start,
        wall_flat=wall_flat,
        step_start=step_start,
        step_hole=step_hole,
        step_past=step_past,
    )


def plan_portals(plan: Plan, furniture: tuple[str, ...]) -> Portals:
    """The portal data of a plan (cached per plan object and furniture types)."""
    return _plan_portals(plan, tuple(sorted(furniture)))


def _arcs(points: np.ndarray, segments: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each segment's angular span from each point: counter-clockwise start and length (pseudo-angles)."""
    return _arcs_xy(points[:, 0:1], points[:, 1:2], *np.ascontiguousarray(segments.T))


def _arcs_xy(px: np.ndarray, py: np.ndarray, x1: np.ndarray, y1: np.ndarray, x2: np.ndarray,
             y2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_arcs` of points (columns ``px``, ``py``) and segments (rows of their coordinates)."""
    ax, ay = x1 - px, y1 - py
    bx, by = x2 - px, y2 - py
    pa_a, pa_b = pseudo_angle(ax, ay), pseudo_angle(bx, by)
    ax *= by
    ay *= bx
    ccw = ax > ay  # cross(a, b) > 0: a - b > 0 exactly when a > b
    lo = np.where(ccw, pa_a, pa_b)
    length = np.where(ccw, pa_b, pa_a)
    length -= lo  # in (-4, 4): the same as modulo 4 with one add
    length[length < 0] += 4.0
    return lo, length


def _overlap(s_lo: np.ndarray, s_len: np.ndarray, lo: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Whether the cyclic spans [s_lo, s_lo + s_len] and [lo, lo + length] overlap (within :data:`_TOL`)."""
    d = lo - s_lo  # in (-4, 4): no modulo needed
    return ((d >= -length - _TOL) & (d <= s_len + _TOL)) | (d <= s_len + (_TOL - 4.0)) | (d >= (4.0 - _TOL) - length)


def _meet(lo: np.ndarray, length: np.ndarray, lo2: np.ndarray, len2: np.ndarray):
    """The common part of two wedges (each under half a turn, so one wedge or none), widened by :data:`_TOL`.

    Returns its start, its length and whether it is there.
    """
    lo2, len2 = lo2 - _TOL, len2 + 2 * _TOL
    # where the second starts, from the first's start: (lo2 - lo) modulo 4 as x - 4 floor(x / 4), the same
    # number as np.mod's (both the exact remainder rounded once, a zero unsigned), several times cheaper
    x = lo2 - lo
    d = np.floor(x * 0.25)
    d *= -4.0
    d += x
    second_inside = d <= length
    e = 4.0 - d  # where the first starts, from the second's start
    first_inside = e <= len2
    new_lo = np.where(second_inside, lo2, lo)
    new_len = np.where(second_inside, np.minimum(len2, length - d), np.minimum(length, len2 - e))
    return new_lo, np.maximum(new_len, 0.0), second_inside | first_inside


def _spans(ax: np.ndarray, ay: np.ndarray, bx: np.ndarray, by: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The spans of segments from their points, given the ends relative to the points (a and b): :func:`_arcs`
    pair by pair (the same values, element by element)."""
    pa_a, pa_b = pseudo_angle(ax, ay), pseudo_angle(bx, by)
    ccw = (ax * by - ay * bx) > 0
    lo = np.where(ccw, pa_a, pa_b)
    length = np.where(ccw, pa_b, pa_a) - lo
    length[length < 0] += 4.0
    return lo, length


@dataclass
class _Chains:
    """Chains of gaps as flat arrays: each chain's room (-1: open space) and its entries, one per
    (chain, viewpoint row) with the row's wedge: no Python object or numpy call per chain and row."""

    room: np.ndarray  # (C,)
    chain: np.ndarray  # (E,) the chain of each entry
    row: np.ndarray  # (E,)
    lo: np.ndarray  # (E,)
    length: np.ndarray  # (E,)


def _children(portals: Portals, rooms: np.ndarray, paths: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The next step of every chain: (parent chain, hole, room past it), through each exit not crossed yet.

    ``rooms``: each chain's room (-1: open space, a chain's end); ``paths``: per depth, the hole each chain
    crossed there (columns, each (C,)).
    """
    live = np.flatnonzero(rooms >= 0)
    start = portals.step_start[rooms[live]]
    count = portals.step_start[rooms[live] + 1] - start
    parent = np.repeat(live, count)
    step = ranges(start, count)
    hole, past = portals.step_hole[step], portals.step_past[step]
    fresh = np.ones(len(parent), dtype=bool)
    for crossed in paths:  # a straight line crosses a hole once
        fresh &= crossed[parent] != hole
    return parent[fresh], hole[fresh], past[fresh]


def _chains(portals: Portals, room: np.ndarray, points: np.ndarray) -> _Chains:
    """Every chain of gaps a sight line from the viewpoints (each strictly inside its ``room``) may follow,
    with its wedges.

    Breadth first from the viewpoints' own rooms' gaps, all chains of one depth
    (of every room) at once, chains as arrays (their rooms and the holes each
    crossed); a chain ends where its wedge closes for every viewpoint, or where
    it reaches open space (room -1).
    """
    b = len(points)
    rooms, chain = np.unique(room, return_inverse=True)
    rooms, chain = rooms.astype(np.int64), chain.ravel().astype(np.int64)
    paths: list[np.ndarray] = []  # per depth, the hole each chain crossed
    px, py = np.ascontiguousarray(points.T)  # one contiguous array per coordinate, holes' likewise
    hx1, hy1, hx2, hy2 = np.ascontiguousarray(portals.holes.T)
    cap = _MAX_STEPS * len(rooms)
    row = np.arange(b)
    lo, length = np.zeros(b), np.full(b, 4.0)
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    total = 0
    while len(chain):
        parent, hole, past = _children(portals, rooms, paths)
        if len(parent) == 0:
            break
        n_child = np.bincount(parent, minlength=len(rooms))
        first = np.cumsum(n_child) - n_child
        rep = n_child[chain]
        src = np.repeat(np.arange(len(chain)), rep)
        child = np.arange(len(src)) - np.repeat(np.cumsum(rep) - rep - first[chain], rep)
        r = row[src]
        h, x, y = hole[child], px[r], py[r]
        h_lo, h_len = _spans(hx1[h] - x, hy1[h] - y, hx2[h] - x, hy2[h] - y)  # each exit's span, column by column
        if not paths:  # the viewpoints' own room: the exits' wedges themselves
            there = np.ones(len(src), dtype=bool)
        else:  # the wedge so far meets each exit's wedge
            h_lo, h_len, there = _meet(lo[src], length[src], h_lo, h_len)
        child, r, lo, length = child[there], r[there], h_lo[there], h_len[there]
        reached = np.flatnonzero(np.bincount(child, minlength=len(hole)) != 0)  # chains whose wedge stays open
        renumber = np.zeros(len(hole), dtype=np.int64)
        renumber[reached] = np.arange(len(reached))
        chain, row = renumber[child], r
        rooms = past[reached]
        paths = [crossed[parent[reached]] for crossed in paths] + [hole[reached]]
        total += len(rooms)
        if total >= cap:  # too many chains: keep their whole wedges instead of following them further
            rooms = np.full(len(rooms), -1, dtype=np.int64)
        out.append((rooms, chain, row, lo, length))
    if not out:
        empty = np.zeros(0, dtype=np.int64)
        return _Chains(empty, empty, empty, np.zeros(0), np.zeros(0))
    base = np.cumsum([0] + [len(o[0]) for o in out[:-1]])
    return _Chains(
        room=np.concatenate([o[0] for o in out]),
        chain=np.concatenate([o[1] + s for o, s in zip(out, base, strict=True)]),
        row=np.concatenate([o[2] for o in out]),
        lo=np.concatenate([o[3] for o in out]),
        length=np.concatenate([o[4] for o in out]),
    )


def _walls_of(portals: Portals, rooms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The near walls of each of ``rooms`` as flat pairs: (position in ``rooms``, wall index)."""
    start = portals.wall_start[rooms]
    count = portals.wall_start[rooms + 1] - start
    at = np.repeat(np.arange(len(rooms)), count)
    return at, portals.wall_flat[ranges(start, count)]


def _rooms_keep(portals: Portals, room: np.ndarray, points: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """(B, n) mask of the segments each viewpoint (strictly inside its ``room``) may see (the frame not set)."""
    n_walls = portals.near.shape[1]
    keep = np.zeros((len(points), len(segments)), dtype=bool)
    own = portals.near[room]  # (B, n_walls): each viewpoint's own walls, kept whatever the chains
    keep[:, :n_walls] = own
    chains = _chains(portals, room, points)
    if len(chains.chain) == 0:
        return keep
    into = chains.room[chains.chain]  # the room each entry's sight line is in
    e = np.flatnonzero(into < 0)
    if len(e):  # open space: every wall not the viewpoint's own, whole rows of the viewpoints concerned
        _open_keep(keep, own, points, segments, chains.row[e], chains.lo[e], chains.length[e])
    e = np.flatnonzero(into >= 0)
    if len(e):  # a room: each entry against that room's walls
        _room_walls_keep(keep, portals, points, segments[:n_walls], chains, e, into[e])
    return keep


def _room_walls_keep(keep: np.ndarray, portals: Portals, points: np.ndarray, walls: np.ndarray,
                     chains: _Chains, e: np.ndarray, into: np.ndarray) -> None:
    """Set in ``keep`` the walls of room ``into[k]`` (the viewpoint's own set already) whose span from the viewpoint
    meets the wedge of entry ``e[k]``.

    Several entries of a viewpoint often reach one room (by different chains of gaps): the walls' spans are
    worked out once per (viewpoint, room), as flat (group, wall) pairs, and each entry tests its group's,
    exactly (:func:`_overlap`) only where their angular bins meet (:func:`_bin_masks`): the same walls.
    """
    n_rooms = len(portals.rooms)
    groups, group = np.unique(chains.row[e] * n_rooms + into, return_inverse=True)
    g_row, g_room = np.divmod(groups, n_rooms)
    at, wall = _walls_of(portals, g_room)  # the viewpoint's own walls among them too: set already, set again
    row = g_row[at]
    px, py = points[:, 0][row], points[:, 1][row]
    x1, y1, x2, y2 = np.ascontiguousarray(walls.T)  # one contiguous array per coordinate
    s_lo, s_len = _spans(x1[wall] - px, y1[wall] - py, x2[wall] - px, y2[wall] - py)
    # each entry's pairs: its group's, as a range of them; the exact test only where the angular bins meet
    start = np.searchsorted(at, np.arange(len(groups) + 1))
    group = group.ravel()
    count = start[group + 1] - start[group]
    pair = ranges(start[group], count)
    both = _bin_masks(s_lo, s_len)[pair]
    both &= np.repeat(_bin_masks(chains.lo[e], chains.length[e]), count)
    met = np.flatnonzero(both != 0)  # on booleans: far cheaper than on the masks
    pair, entry = pair[met], np.repeat(e, count)[met]
    ok = pair[_overlap(s_lo[pair], s_len[pair], chains.lo[entry], chains.length[entry])]
    keep.ravel()[row[ok] * keep.shape[1] + wall[ok]] = True


#: Angular bins (of a 64-bit mask) over the pseudo-angles [0, 4), for a coarse overlap test before the exact one.
_BINS = 64
#: The bins are widened by this (pseudo-angle units): far more than :data:`_TOL` and any rounding error.
_BIN_MARGIN = 1e-6
#: Viewpoints x walls per block of the open-space test (its dozen arrays stay in a core's cache).
_OPEN_BLOCK = 1 << 14


def _rotated_ones() -> np.ndarray:
    """(64 * 64,) uint64: at b * 64 + n - 1, n set bits from bit b upwards, round past bit 63 to bit 0."""
    b = np.repeat(np.arange(_BINS, dtype=np.uint64), _BINS)
    n = np.tile(np.arange(1, _BINS + 1, dtype=np.uint64), _BINS)
    ones = np.left_shift(np.uint64(1), n) - np.uint64(1)  # 1 shifted by 64 is 0, and 0 - 1 is all 64 bits
    return np.left_shift(ones, b) | np.right_shift(ones, np.uint64(_BINS) - b)  # a shift by 64 gives 0


_ROTATED_ONES = _rotated_ones()


def _bin_masks(lo: np.ndarray, length: np.ndarray) -> np.ndarray:
    """The bins (bits of a uint64) that the spans [lo, lo + length] touch, widened by :data:`_BIN_MARGIN`.

    Two spans that :func:`_overlap` finds overlapping share a bin, so the masks rule out most pairs cheaply.
    """
    b0 = np.floor((lo - _BIN_MARGIN) * (_BINS / 4.0)).astype(np.int64)
    n = np.floor((lo + length + _BIN_MARGIN) * (_BINS / 4.0)).astype(np.int64)
    n -= b0
    np.minimum(n, _BINS - 1, out=n)  # n - 1 bins past the first; at most every bin
    b0 &= _BINS - 1  # b0 modulo 64 (two's complement: -1 is bin 63)
    b0 *= _BINS
    b0 += n
    return _ROTATED_ONES[b0]


def _open_keep(keep: np.ndarray, own: np.ndarray, points: np.ndarray, segments: np.ndarray,
               row: np.ndarray, lo: np.ndarray, length: np.ndarray) -> None:
    """Set in ``keep`` the walls (not the viewpoint's own) whose span meets an open-space wedge
    (entries: viewpoint ``row``, wedge ``lo``, ``length``).

    The exact test (:func:`_overlap`) runs only on the (entry, wall) pairs whose angular bins meet:
    the same walls as testing every pair, a fraction of the work. A block of rows at a time, spans,
    bins and entries together, so that their arrays stay in cache.
    """
    rows, at = np.unique(row, return_inverse=True)
    at = at.ravel()
    cols = np.flatnonzero(~own[rows].all(axis=0))
    if len(cols) == 0:
        return
    n_cols = len(cols)
    x1, y1, x2, y2 = np.ascontiguousarray(segments[cols].T)
    pts = points[rows]
    e_mask = _bin_masks(lo, length)
    by_row = np.argsort(at, kind="stable")  # the entries row by row
    bounds = np.searchsorted(at[by_row], np.arange(len(rows) + 1))
    step = max(1, _OPEN_BLOCK // n_cols)
    for r0 in range(0, len(rows), step):
        r1 = min(len(rows), r0 + step)
        s_lo, s_len = _arcs_xy(pts[r0:r1, 0:1], pts[r0:r1, 1:2], x1, y1, x2, y2)
        ents = by_row[bounds[r0] : bounds[r1]]
        a = at[ents] - r0
        both = _bin_masks(s_lo, s_len)[a]
        both &= e_mask[ents, None]
        flat = np.flatnonzero(both != 0)  # one flat search on booleans: far cheaper than a 2-d nonzero
        e = flat // n_cols
        col = flat - e * n_cols
        r = a[e]
        ent = ents[e]
        f = r * n_cols + col
        ok = _overlap(s_lo.ravel()[f], s_len.ravel()[f], lo[ent], length[ent])
        keep[rows[r[ok] + r0], cols[col[ok]]] = True


def keep_mask(portals: Portals, points: np.ndarray, segments: np.ndarray, room: np.ndarray | None = None) -> np.ndarray:
    """(B, n) mask of the segments (the plan's walls, then any frame) each viewpoint may see.

    Segments beyond the plan's walls (the frame) count as touching no room.
    ``room``: the viewpoints' rooms if already known (:meth:`Portals.room_of`).
    """
    keep = np.ones((len(points), len(segments)), dtype=bool)
    room = portals.room_of(points) if room is None else room
    inside = np.flatnonzero(room >= 0)
    if len(inside):
        keep[inside] = _rooms_keep(portals, room[inside], points[inside], segments)
    return keep


def _room_groups(points: np.ndarray, segments: np.ndarray, portals: Portals, chunk: int,
                 room: np.ndarray | None = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(indices, keep mask with the frame set) for the viewpoints in order of their rooms, at most ``chunk`` at a time.

    A large room's viewpoints come a chunk at a time; small rooms share a chunk, so a room with a few
    seats costs no walk of its own. ``room``: the viewpoints' rooms if already known (:meth:`Portals.room_of`).
    """
    room = portals.room_of(points) if room is None else room
    for idx in _chunks(np.argsort(room, kind="stable"), room, chunk):
        keep = keep_mask(portals, points[idx], segments, room[idx])
        keep[:, -4:] = True  # the frame (the last four segments, see with_frame) closes every sweep
        yield idx, keep


def _chunks(order: np.ndarray, room: np.ndarray, chunk: int) -> Iterator[np.ndarray]:
    """``order`` (viewpoints sorted by room) cut into pieces of at most ``chunk``: whole rooms together, or one room's part."""
    bounds = np.flatnonzero(np.diff(room[order])) + 1  # where the next room's viewpoints start
    held: list[np.ndarray] = []
    size = 0
    for group in np.split(order, bounds):
        if held and size + len(group) > chunk:
            yield np.concatenate(held)
            held, size = [], 0
        if len(group) > chunk:
            yield from (group[start : start + chunk] for start in range(0, len(group), chunk))
        else:
            held.append(group)
            size += len(group)
    if held:
        yield np.concatenate(held)


def culled_batches(points: np.ndarray, segments: np.ndarray, portals: Portals | None, size: int, pairs: int | None = None,
                   room: np.ndarray | None = None):
    """Batches of viewpoints for :func:`.sweep.sweep`: (indices, the batch's segments, keep mask).

    With portals, each viewpoint sweeps only the segments it may see: fewer
    events to sort, fewer rays to cast. A batch holds at most ``size``
    viewpoints and, given ``pairs``, at most that many (viewpoint, segment)
    pairs (but at least one viewpoint); a batch may mix rooms, so small
    rooms share sweeps. ``segments`` are framed (:func:`.sweep.with_frame`,
    the frame last); the frame is kept for every viewpoint so each sweep
    closes. Without portals, plain consecutive batches of all segments.
    ``room``: the viewpoints' rooms if already known (:meth:`Portals.room_of`).
    """
    n = len(points)
    if portals is None:
        for start in range(0, n, size):
            yield np.arange(start, min(n, start + size)), segments, None
        return
    limit = pairs if pairs is not None else np.iinfo(np.int64).max
    buffer: list[tuple[np.ndarray, np.ndarray]] = []
    held = rows_held = 0
    # a room's viewpoints a cache-sized chunk at a time: the portal test's (chunk, n) arrays stay in cache
    chunk = max(8, _CHUNK // max(1, len(segments)))
    for idx, keep in _room_groups(points, segments, portals, chunk, room):
        total = np.cumsum(keep.sum(axis=1))
        pos = 0
        while pos < len(idx):
            base = total[pos - 1] if pos else 0
            fit = int(np.searchsorted(total[pos:] - base, limit - held, side="right"))
            take = min(fit, size - rows_held, len(idx) - pos) or (0 if buffer else 1)
            if take:
                buffer.append((idx[pos : pos + take], keep[pos : pos + take]))
                held += int(total[pos + take - 1] - base)
                rows_held += take
                pos += take
            if pos < len(idx):
                yield _flush(buffer, segments)
                buffer, held, rows_held = [], 0, 0
    if buffer:
        yield _flush(buffer, segments)


def _flush(buffer: list[tuple[np.ndarray, np.ndarray]], segments: np.ndarray):
    idx = np.concatenate([i for i, _ in buffer])
    keep = np.vstack([k for _, k in buffer])
    cols = keep.any(axis=0)
    return idx, segments[cols], keep[:, cols]
