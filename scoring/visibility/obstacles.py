"""What blocks sight in a plan: wall lines with the door and opening gaps cut out.

Visibility analysis (isovists, VGA) needs the plan as plain line segments,
the way depthmapX takes its drawing. Every room boundary is wall, except
where a door or an opening lies on it: both are gaps that sight passes
through (doors are treated as open). Shared walls are drawn twice in the
plan (once per room), so the linework is unioned to count each wall once.
Exterior doors stay closed: the building outline bounds every isovist, so
an isovist never leaks out into the street.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import MultiLineString
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from floorplans.model import Door, Plan
from floorplans.topology import ON_WALL_TOLERANCE, building_footprint, passages

__all__ = [
    "VISUAL_OBSTACLE_TYPES",
    "wall_segments",
    "wall_lines",
    "wall_index",
    "open_space",
    "segments_of",
    "cut_gaps",
    "cut_gaps_with_holes",
    "gap_holes",
]

#: Furniture types (drawn as polygons) that block sight at standing eye height.
#: Counters and tables are lower than the eye and stay see-through.
VISUAL_OBSTACLE_TYPES: tuple[str, ...] = ("screen",)

#: Pieces of wall shorter than this (m) after cutting the gaps are dropped.
_MIN_PIECE = 1e-6


def _line_coords(lines: BaseGeometry) -> tuple[np.ndarray, np.ndarray]:
    """The vertices of linework and, per vertex, which line it is on (points of degenerate input left out).

    Read as ragged arrays for (multi)line strings: splitting a level's walls into a thousand shapely
    objects costs more than the rest of the work.
    """
    if lines.geom_type in ("LineString", "MultiLineString"):
        _, coords, offsets = shapely.to_ragged_array([lines], include_z=False)
        return coords, np.repeat(np.arange(len(offsets[0]) - 1), np.diff(offsets[0]))
    parts = shapely.get_parts(lines)
    parts = parts[shapely.get_type_id(parts) == 1]  # LineStrings only
    return shapely.get_coordinates(parts, return_index=True)


def segments_of(geometry: BaseGeometry, *, noded: bool = False) -> np.ndarray:
    """The straight pieces of any linework or polygon boundary as an (n, 4) array x1, y1, x2, y2.

    ``noded``: the linework is already a union (lines meet only at their ends), so it is not unioned again.
    """
    if geometry.is_empty:
        return np.zeros((0, 4))
    linework = shapely.boundary(geometry) if geometry.geom_type.endswith("Polygon") else geometry
    coords, index = _line_coords(shapely.line_merge(linework if noded else shapely.union_all(shapely.get_parts(linework))))
    same = index[1:] == index[:-1]
    segs = np.hstack([coords[:-1][same], coords[1:][same]])
    length = np.hypot(segs[:, 2] - segs[:, 0], segs[:, 3] - segs[:, 1])
    return segs[length > _MIN_PIECE]


def cut_gaps(segments: np.ndarray, gaps: list[tuple[tuple[float, float], tuple[float, float]]],
             tolerance: float = ON_WALL_TOLERANCE) -> np.ndarray:
    """Remove from the wall segments the stretches that the gap segments (doors, openings) lie on.

    A gap cuts a wall when both its end points lie within ``tolerance`` of the
    wall's line and it runs parallel to it; the cut is the gap projected onto
    the wall, so a door drawn a few millimetres off its wall still opens it.
    """
    return cut_gaps_with_holes(segments, gaps, tolerance)[0]


def _cut_rows(walls: np.ndarray, ends: np.ndarray, tolerance: float) -> tuple[np.ndarray, ...]:
    """Rows of (wall piece, gap): which gaps cut their piece, the holes, and the pieces left before and after.

    ``walls``: (n, 4) pieces; ``ends``: the gaps' end points, (n, 2, 2) or (1, 2, 2) for one gap. A gap cuts
    a piece when both its end points lie within ``tolerance`` of the piece's line; the cut is the gap
    projected onto the piece. Returns the cut mask, and per cut row the hole, the piece before it and
    whether that is kept (longer than the shortest piece), the piece after it and whether that is kept.
    """
    p = walls[:, 0:2]
    d = walls[:, 2:4] - p
    length = np.hypot(d[:, 0], d[:, 1])
    u = d / length[:, None]
    # signed distances of the gap's end points from each wall's line (columns a, b), and their positions along it
    rel = ends - p[:, None, :]
    side = rel[:, :, 0] * u[:, None, 1] - rel[:, :, 1] * u[:, None, 0]
    along = rel[:, :, 0] * u[:, None, 0] + rel[:, :, 1] * u[:, None, 1]
    lo = np.clip(along.min(axis=1), 0.0, length)
    hi = np.clip(along.max(axis=1), 0.0, length)
    cut = (np.abs(side) <= tolerance).all(axis=1) & (hi - lo > _MIN_PIECE)
    h_p, h_u, h_lo, h_hi, h_len = p[cut], u[cut], lo[cut], hi[cut], length[cut]
    hole = np.hstack([h_p + h_u * h_lo[:, None], h_p + h_u * h_hi[:, None]])
    before = np.hstack([h_p, h_p + h_u * h_lo[:, None]])
    after = np.hstack([h_p + h_u * h_hi[:, None], h_p + h_u * h_len[:, None]])
    return cut, hole, before, h_lo > _MIN_PIECE, after, h_len - h_hi > _MIN_PIECE


#: The table of which gaps meet which walls is built at most this many (gap, wall) pairs at a time.
_MAX_PAIRS = 4e6


#: From this many gaps on, the walls near them are found in a spatial index (built once, a few tenths of a µs a wall)
#: rather than by testing every (gap, wall) pair (a few ns each).
_INDEXED_GAPS = 96


def _near_pairs(segs: np.ndarray, ends: np.ndarray, grow: float) -> tuple[np.ndarray, np.ndarray]:
    """(gap, wall) pairs, by gap then wall, whose boxes overlap with the gap's grown by ``grow`` (a few gaps at a time).

    Many gaps are looked up in an index of the walls: a line's box is its ends' minima and maxima, and boxes meet
    in the index by the same four comparisons as here, so the pairs are the same ones.
    """
    wx0, wx1 = np.minimum(segs[:, 0], segs[:, 2]), np.maximum(segs[:, 0], segs[:, 2])
    wy0, wy1 = np.minimum(segs[:, 1], segs[:, 3]), np.maximum(segs[:, 1], segs[:, 3])
    gx0, gx1 = np.minimum(ends[:, 0, 0], ends[:, 1, 0]) - grow, np.maximum(ends[:, 0, 0], ends[:, 1, 0]) + grow
    gy0, gy1 = np.minimum(ends[:, 0, 1], ends[:, 1, 1]) - grow, np.maximum(ends[:, 0, 1], ends[:, 1, 1]) + grow
    if len(ends) >= _INDEXED_GAPS and len(segs) and np.isfinite(segs).all():
        tree = shapely.STRtree(shapely.linestrings(segs.reshape(-1, 2, 2)))
        gi, si = tree.query(shapely.linestrings(np.column_stack([gx0, gy0, gx1, gy1]).reshape(-1, 2, 2)))  # boxes' diagonals
        order = np.lexsort((si, gi))
        return gi[order], si[order]
    step = max(1, int(_MAX_PAIRS // max(1, len(segs))))
    gis, sis = [], []
    for at in range(0, len(ends), step):
        g = slice(at, at + step)
        gi, si = np.nonzero((wx0[None, :] <= gx1[g, None]) & (wx1[None, :] >= gx0[g, None])
                            & (wy0[None, :] <= gy1[g, None]) & (wy1[None, :] >= gy0[g, None]))
        gis.append(gi + at)
        sis.append(si)
    return np.concatenate(gis), np.concatenate(sis)


#: A piece of wall while gaps are cut in turn: the order it was made in (a wall's index for the walls as given), its
#: ends, its box, its length, whether no gap has cut it yet, and the wall it is a piece of.
_ORDER, _BOX, _LENGTH, _ALIVE, _WALL = 0, slice(5, 9), 9, 10, 11


def _piece(order: int, x1: float, y1: float, x2: float, y2: float, length: float, wall: int) -> list:
    return [order, x1, y1, x2, y2, min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2), length, True, wall]


def _cut_in_turn(segs: np.ndarray, ends: np.ndarray, gaps: list[int], pairs: tuple[np.ndarray, np.ndarray], pad: float,
                 tolerance: float) -> tuple[list[int], dict[int, list[tuple[float, float, float, float]]], dict[int, list[list]]]:
    """The ``gaps`` (indices, in order) cut in turn, each from the pieces the earlier ones left, in plain floats.

    A gap cuts the live pieces whose boxes overlap its box grown by ``pad``, in the order the pieces were made
    (the walls as given, then the pieces each cut left). A piece lies within its wall's box but for the rounding
    of its ends, so only the pieces of the walls near the gap, a hair wider, are tried. The same sums in the same
    order as the array version (only the lengths come from numpy's hypot): the same numbers to the last bit.
    ``pairs``: (the gap's place in ``gaps``, wall) for the walls near them, a hair wider (:func:`_grow`).
    Returns the walls cut, each gap's holes, and each gap's pieces left (befores, then afters; a later gap
    may have cut some: see ``_ALIVE``).
    """
    n = len(segs)
    gi, si = pairs
    walls = np.unique(si)
    lengths = np.hypot(segs[walls, 2] - segs[walls, 0], segs[walls, 3] - segs[walls, 1]).tolist()
    family: dict[int, list[list]] = {}  # each wall's pieces, cut or not, in the order made
    for w, (x1, y1, x2, y2), length in zip(walls.tolist(), segs[walls].tolist(), lengths, strict=True):
        family[w] = [_piece(w, x1, y1, x2, y2, length, w)]
    near_walls = np.split(si, np.searchsorted(gi, np.arange(1, len(gaps)))) if len(gaps) else []
    made = n
    cut_walls: list[int] = []
    holes: dict[int, list[tuple[float, float, float, float]]] = {}
    left: dict[int, list[list]] = {}
    for k, (gx, gy, hx, hy), mine in zip(gaps, ends[gaps].reshape(-1, 4).tolist(), near_walls, strict=True):
        x0, x1, y0, y1 = min(gx, hx) - pad, max(gx, hx) + pad, min(gy, hy) - pad, max(gy, hy) + pad
        near = sorted((p for w in mine.tolist() for p in family[w]
                       if p[_ALIVE] and p[5] <= x1 and p[6] >= x0 and p[7] <= y1 and p[8] >= y0), key=lambda p: p[_ORDER])
        hole: list[tuple[float, float, float, float]] = []
        before: list[tuple[int, float, float, float, float]] = []
        after: list[tuple[int, float, float, float, float]] = []
        for piece in near:
            px, py, qx, qy = piece[1:5]
            length = piece[_LENGTH]
            if not length > 0:  # no direction: the array version's NaNs cut nothing
                continue
            ux, uy = (qx - px) / length, (qy - py) / length
            rax, ray, rbx, rby = gx - px, gy - py, hx - px, hy - py
            if abs(rax * uy - ray * ux) > tolerance or abs(rbx * uy - rby * ux) > tolerance:
                continue
            along_a, along_b = rax * ux + ray * uy, rbx * ux + rby * uy
            lo = min(max(min(along_a, along_b), 0.0), length)
            hi = min(max(max(along_a, along_b), 0.0), length)
            if not hi - lo > _MIN_PIECE:
                continue
            piece[_ALIVE] = False
            if piece[_ORDER] < n:
                cut_walls.append(piece[_ORDER])
            hole.append((px + ux * lo, py + uy * lo, px + ux * hi, py + uy * hi))
            if lo > _MIN_PIECE:
                before.append((piece[_WALL], px, py, px + ux * lo, py + uy * lo))
            if length - hi > _MIN_PIECE:
                after.append((piece[_WALL], px + ux * hi, py + uy * hi, px + ux * length, py + uy * length))
        if not hole:
            continue
        holes[k] = hole
        rest = before + after
        new_lengths = np.hypot([r[3] - r[1] for r in rest], [r[4] - r[2] for r in rest]).tolist()
        pieces = []
        for (w, x1_, y1_, x2_, y2_), length in zip(rest, new_lengths, strict=True):
            pieces.append(_piece(made, x1_, y1_, x2_, y2_, length, w))
            family[w].append(pieces[-1])
            made += 1
        left[k] = pieces
    return cut_walls, holes, left


def _grow(segs: np.ndarray, pad: float) -> float:
    """``pad`` and a hair: how near a gap a wall "shares" it, allowing for the rounding of cut pieces' ends."""
    return pad + 1e-9 * (1.0 + float(np.abs(segs).max()))


def _lone_cuts(segs: np.ndarray, ends: np.ndarray, pad: float, tolerance: float,
               pairs: tuple[np.ndarray, np.ndarray] | None = None) -> dict[int, tuple[np.ndarray, ...]]:
    """The cuts of the gaps that share no wall with another gap, all worked out at once, by gap index.

    Such a gap meets only walls as given (no other gap cuts them, before or after it), so its cut is the
    same sums on the same numbers as when it is cut in turn. Per gap: the walls it cuts, its holes and the
    pieces left (those before the holes, then those after). The walls near a gap are the ones whose boxes
    overlap its box grown by ``pad``; "sharing" allows a hair more, for the rounding of cut pieces.
    ``pairs``: :func:`_near_pairs` with :func:`_grow`, if already found.
    """
    n_gaps, n_segs = len(ends), len(segs)
    if not n_gaps or not n_segs or (pairs is None and n_gaps * n_segs > _MAX_PAIRS):
        return {}
    wx0, wx1 = np.minimum(segs[:, 0], segs[:, 2]), np.maximum(segs[:, 0], segs[:, 2])
    wy0, wy1 = np.minimum(segs[:, 1], segs[:, 3]), np.maximum(segs[:, 1], segs[:, 3])
    gx0, gx1 = np.minimum(ends[:, 0, 0], ends[:, 1, 0]), np.maximum(ends[:, 0, 0], ends[:, 1, 0])
    gy0, gy1 = np.minimum(ends[:, 0, 1], ends[:, 1, 1]), np.maximum(ends[:, 0, 1], ends[:, 1, 1])

    gi, si = _near_pairs(segs, ends, _grow(segs, pad)) if pairs is None else pairs
    # the loose pairs once, by gap, then wall; the walls near a gap (grown by pad only) are among them
    shared = np.bincount(si, minlength=n_segs)[si] > 1
    lone = np.bincount(gi[shared], minlength=n_gaps) == 0
    near = (lone[gi] & (wx0[si] <= gx1[gi] + pad) & (wx1[si] >= gx0[gi] - pad)
            & (wy0[si] <= gy1[gi] + pad) & (wy1[si] >= gy0[gi] - pad))
    gi, si = gi[near], si[near]  # by gap, then wall: the order gaps meet walls in turn
    cut, hole, before, keep_before, after, keep_after = _cut_rows(segs[si], ends[gi], tolerance)
    cut_gi, cut_si = gi[cut], si[cut]
    # every gap's pieces left, its befores then its afters (each in row order), as slices of one array
    left_gap = np.concatenate([cut_gi[keep_before], cut_gi[keep_after]])
    order = np.lexsort((np.repeat([0, 1], [int(keep_before.sum()), int(keep_after.sum())]), left_gap))  # stable
    left = np.vstack([before[keep_before], after[keep_after]])[order]
    ids = np.flatnonzero(lone)
    rows = zip(np.searchsorted(cut_gi, ids, "left").tolist(), np.searchsorted(cut_gi, ids, "right").tolist(), strict=True)
    kept = zip(np.searchsorted(left_gap[order], ids, "left").tolist(), np.searchsorted(left_gap[order], ids, "right").tolist(),
               strict=True)
    return {k: (cut_si[a:b], hole[a:b], left[c:d]) for k, (a, b), (c, d) in zip(ids.tolist(), rows, kept, strict=True)}


def cut_gaps_with_holes(segments: np.ndarray, gaps: list[tuple[tuple[float, float], tuple[float, float]]],
                        tolerance: float = ON_WALL_TOLERANCE) -> tuple[np.ndarray, np.ndarray]:
    """:func:`cut_gaps`, and the stretches cut out (the holes in the wall lines) as an (h, 4) array.

    Gaps are cut in turn, each from the pieces the earlier ones left; a gap that shares no wall with
    another is worked out beforehand with all such gaps at once (:func:`_lone_cuts`), the others in
    plain floats on the walls near them (:func:`_cut_in_turn`). The pieces come out in the order cutting
    them one by one leaves them: the walls no gap cut, as given, then what each gap left, gap by gap.
    """
    segs = np.asarray(segments, dtype=float).reshape(-1, 4)
    if not gaps or not len(segs):
        return segs, np.zeros((0, 4))
    ends = np.asarray(gaps, dtype=float).reshape(-1, 2, 2)
    pad = 2 * tolerance
    gi, si = _near_pairs(segs, ends, _grow(segs, pad))
    lone = _lone_cuts(segs, ends, pad, tolerance, (gi, si))
    in_turn = [k for k in range(len(ends)) if k not in lone]
    cut_walls: list[int] = []
    turn_holes: dict[int, list[tuple[float, float, float, float]]] = {}
    turn_left: dict[int, list[list]] = {}
    if in_turn:
        place = np.full(len(ends), -1)
        place[in_turn] = np.arange(len(in_turn))
        mine = place[gi] >= 0
        cut_walls, turn_holes, turn_left = _cut_in_turn(segs, ends, in_turn, (place[gi[mine]], si[mine]), pad, tolerance)
    alive = np.ones(len(segs), dtype=bool)
    alive[cut_walls] = False
    pieces: list[np.ndarray] = []
    holes = [np.zeros((0, 4))]
    for k in range(len(ends)):
        if k in lone:
            hits, hole, remains = lone[k]
            if len(hits):
                alive[hits] = False
                holes.append(hole)
                pieces.append(remains)
        elif k in turn_holes:
            holes.append(np.array(turn_holes[k], dtype=float))
            pieces.append(np.array([p[1:5] for p in turn_left[k] if p[_ALIVE]], dtype=float).reshape(-1, 4))
    return np.vstack([segs[alive], *pieces]), np.vstack(holes)


def _gap_segments(plan: Plan) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Interior doors and all openings; a door on the building outline (one room) stays closed."""
    gaps = []
    for passage in passages(plan):
        feature = passage.feature
        if isinstance(feature, Door) and len(passage.rooms) < 2:
            continue
        (ax, ay), (bx, by) = feature.points
        gaps.append(((ax, ay), (bx, by)))
    return gaps


@lru_cache(maxsize=64)
def _walls_and_holes(plan: Plan, furniture: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    rings = [r.geometry.boundary for r in plan.rooms]
    rings += [f.geometry.boundary for f in plan.furniture if f.is_obstacle and f.type in furniture]
    if not rings:
        return np.zeros((0, 4)), np.zeros((0, 4))
    segs, holes = cut_gaps_with_holes(segments_of(unary_union(rings), noded=True), _gap_segments(plan))
    segs.setflags(write=False)
    holes.setflags(write=False)
    return segs, holes


def _wall_segments(plan: Plan, furniture: tuple[str, ...]) -> np.ndarray:
    return _walls_and_holes(plan, furniture)[0]


def gap_holes(plan: Plan, furniture: tuple[str, ...] | frozenset[str] = VISUAL_OBSTACLE_TYPES) -> np.ndarray:
    """The stretches of wall line that doors and openings cut out, as an (h, 4) array."""
    return _walls_and_holes(plan, tuple(sorted(furniture)))[1]


def wall_segments(plan: Plan, furniture: tuple[str, ...] | frozenset[str] = VISUAL_OBSTACLE_TYPES) -> np.ndarray:
    """The lines that block sight, as an (n, 4) array x1, y1, x2, y2 (read-only, cached per plan).

    All room rings (holes too) unioned, so a shared wall counts once, minus
    the gaps of interior doors and openings; plus the outlines of polygon
    furniture whose type is in ``furniture`` (by default screens).
    """
    return _wall_segments(plan, tuple(sorted(furniture)))


@lru_cache(maxsize=64)
def _wall_index(plan: Plan, furniture: tuple[str, ...]) -> shapely.STRtree:
    return shapely.STRtree(shapely.linestrings(wall_segments(plan, furniture).reshape(-1, 2, 2)))


def wall_index(plan: Plan, furniture: tuple[str, ...] | frozenset[str] = VISUAL_OBSTACLE_TYPES) -> shapely.STRtree:
    """The wall segments as line strings in a spatial index (cached per plan: a sight-line test is then a lookup)."""
    return _wall_index(plan, tuple(sorted(furniture)))


def wall_lines(plan: Plan, furniture: tuple[str, ...] | frozenset[str] = VISUAL_OBSTACLE_TYPES) -> MultiLineString:
    """The same walls as a shapely MultiLineString (for drawing and shapely predicates)."""
    segs = wall_segments(plan, furniture)
    return MultiLineString([[(a, b), (c, d)] for a, b, c, d in segs])


@lru_cache(maxsize=64)
def _open_space(plan: Plan, furniture: tuple[str, ...]) -> BaseGeometry:
    footprint = building_footprint(plan)
    blocks = [f.geometry for f in plan.furniture if f.is_obstacle and f.type in furniture]
    return footprint.difference(unary_union(blocks)) if blocks else footprint


def open_space(plan: Plan, furniture: tuple[str, ...] | frozenset[str] = VISUAL_OBSTACLE_TYPES) -> BaseGeometry:
    """Where a viewer can stand: the building footprint minus sight-blocking furniture."""
    return _open_space(plan, tuple(sorted(furniture)))
