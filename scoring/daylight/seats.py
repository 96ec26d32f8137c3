"""What each seat sees out of the windows: the horizontal angle of glass at eye height, and of glass onto green.

Shared by the view-out and green criteria so each seat's isovist is cut
against the windows once. The isovists come from the caller (the criteria's
per-plan cache), so this module stays free of the criteria package.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from floorplans.model import Plan, Room, View

from ..geometry import SEAT_TYPES, free_space, room_centre, room_seats
from ..visibility.obstacles import wall_index, wall_segments
from .view import angle_of_ends, at_eye_height, hidden_windows, near_walls, reach_many, seen_ends, surely_reached, window_wedges

__all__ = ["SeatView", "floor_points", "view_points", "seat_views"]

XY = tuple[float, float]
#: At most this many seats per room are looked from (spread over the room's seats).
SEATS_PER_ROOM = 6
#: A room with no seats drawn is judged from a grid of this spacing over its floor (m), this far from its walls (m),
#: with at most FLOOR_POINTS points (the spacing grows in a large room).
FLOOR_GRID, FLOOR_INSET, FLOOR_POINTS = 1.2, 0.5, 12


@dataclass(frozen=True)
class SeatView:
    """One seat (or a seatless room's centre) and the degrees of window it sees horizontally."""

    room_id: str
    xy: XY
    seat: bool  # a drawn seat; False: a point on a seatless room's floor (or its centre)
    window_angle: float  # glass at seated eye height, looking out on something
    green_angle: float  # the part of it onto green


def _axes(lo: np.ndarray, hi: np.ndarray, spacing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each grid's lines along one axis: ``spacing`` apart, centred on lo..hi, rounded to 1 mm (all the grids' lines
    one after another, and how many each has).

    The same sums as numpy's ``np.round(start + spacing * np.arange(n), 3)`` of each grid alone, for all the grids
    in a dozen array calls (a floor's grid is tried a few times, dozens of floors at a time).
    """
    n = ((hi - lo) // spacing).astype(np.int64) + 1
    start = (lo + hi - (n - 1) * spacing) / 2
    k = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    v = np.repeat(start, n) + np.repeat(spacing, n) * k
    v *= 1000.0
    np.rint(v, out=v)
    v /= 1000.0
    return v, n


def _products(cols: np.ndarray, nc: np.ndarray, rows: np.ndarray, nr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each grid's points (row by row) from its columns and rows (each grid's one after another, ``nc`` and ``nr``
    of them), all the grids' points one after another."""
    size = nc * nr
    first = np.cumsum(size) - size
    j = np.arange(int(size.sum())) - np.repeat(first, size)  # the point's place in its grid
    width = np.repeat(nc, size)
    x = cols[np.repeat(np.cumsum(nc) - nc, size) + j % width]
    y = rows[np.repeat(np.cumsum(nr) - nr, size) + j // width]
    return x, y


def _boxes(floors: np.ndarray) -> np.ndarray:
    """Whether each floor is one rectangle with sides parallel to the axes (four corners, sides turning in turn)."""
    out = (shapely.get_type_id(floors) == 3) & (shapely.get_num_interior_rings(floors) == 0)
    polys = np.flatnonzero(out)
    rings = shapely.get_exterior_ring(floors[polys])
    five = shapely.get_num_coordinates(rings) == 5
    out[polys[~five]] = False
    if five.any():
        step = np.diff(shapely.get_coordinates(rings[five]).reshape(-1, 5, 2), axis=1)
        along_x = (step[..., 0] != 0) & (step[..., 1] == 0)
        along_y = (step[..., 1] != 0) & (step[..., 0] == 0)
        out[polys[five]] = ((along_x | along_y).all(axis=1) & (along_x[:, 0] != along_x[:, 1])
                            & (along_x[:, 0] == along_x[:, 2]) & (along_x[:, 2] != along_x[:, 3]))
    return out


def _grids(floors: np.ndarray, spacing: float, limit: int) -> list[tuple[XY, ...]]:
    """Each floor's points of a grid centred on its bounds that lie on it (row by row), the spacing widened from
    ``spacing`` until at most ``limit`` do (an empty floor: none).

    A floor that is an axis-parallel rectangle (:func:`_boxes`) holds a point exactly when the point lies strictly
    between its bounds in x and in y (what the point-in-polygon test finds there, without it). The other floors
    still trying are tested together: one point-in-polygon call per try for all of them (the same tests). The grids of
    a try are laid out together too (:func:`_axes`, :func:`_products`).
    """
    out: list[tuple[XY, ...]] = [()] * len(floors)
    empty = shapely.is_empty(floors)
    box = _boxes(floors) & ~empty
    shapely.prepare(floors[~box & ~empty])
    bounds = shapely.bounds(floors)
    live, step = np.flatnonzero(~empty), np.full(int((~empty).sum()), spacing)
    while len(live):
        minx, miny, maxx, maxy = bounds[live].T
        cols, nc = _axes(minx, maxx, step)
        rows, nr = _axes(miny, maxy, step)
        # a box's lines strictly inside its bounds (the others keep all theirs: the point-in-polygon test decides)
        in_box = box[live]
        col_of, row_of = np.repeat(np.arange(len(live)), nc), np.repeat(np.arange(len(live)), nr)
        col_in = ~in_box[col_of] | ((minx[col_of] < cols) & (cols < maxx[col_of]))
        row_in = ~in_box[row_of] | ((miny[row_of] < rows) & (rows < maxy[row_of]))
        nc, nr = np.bincount(col_of[col_in], minlength=len(live)), np.bincount(row_of[row_in], minlength=len(live))
        xs, ys = _products(cols[col_in], nc, rows[row_in], nr)
        size = nc * nr
        of = np.repeat(np.arange(len(live)), size)
        tried = ~in_box[of]
        inside = np.ones(len(xs), dtype=bool)
        inside[tried] = shapely.contains_xy(floors[live[of[tried]]], xs[tried], ys[tried])
        count = np.bincount(of[inside], minlength=len(live))
        done = count <= limit
        upto = np.cumsum(count).tolist()
        x_in, y_in = xs[inside].tolist(), ys[inside].tolist()  # every floor's points on it, floor by floor
        for i, ok, lo, hi in zip(live.tolist(), done.tolist(), [0, *upto[:-1]], upto, strict=True):
            if ok:
                out[i] = tuple(zip(x_in[lo:hi], y_in[lo:hi], strict=True))
        # a large room: spread the same number of points wider
        live, step = live[~done], step[~done] * np.maximum(1.05, np.sqrt(count[~done] / limit))
    return out


@lru_cache(maxsize=64)
def _floor_memo(plan: Plan) -> dict[tuple[str, float, float, int], tuple[XY, ...]]:
    """Floor points found so far, by (room id, spacing, inset, limit)."""
    return {}


def _floor_points_many(plan: Plan, room_ids: Sequence[str], spacing: float = FLOOR_GRID, inset: float = FLOOR_INSET,
                       limit: int = FLOOR_POINTS) -> list[tuple[XY, ...]]:
    """:func:`floor_points` of several rooms: the floors eroded in one call and their grids tried together."""
    memo = _floor_memo(plan)
    todo = [rid for rid in dict.fromkeys(room_ids) if (rid, spacing, inset, limit) not in memo]
    if todo:
        rooms = [plan.room(rid) for rid in todo]
        floors = shapely.buffer(np.array([free_space(plan, room) for room in rooms], dtype=object), -inset,
                                quad_segs=16, join_style="mitre")  # what each floor's .buffer(-inset, join_style="mitre") gives
        for rid, room, points in zip(todo, rooms, _grids(floors, spacing, limit), strict=True):
            memo[(rid, spacing, inset, limit)] = points or (room_centre(plan, room),)
    return [memo[(rid, spacing, inset, limit)] for rid in room_ids]


def floor_points(plan: Plan, room: Room, spacing: float = FLOOR_GRID, inset: float = FLOOR_INSET,
                 limit: int | None = None) -> list[XY]:
    """Sample points over the room's free floor: a ``spacing`` m grid ``inset`` m from the walls and furniture.

    At most ``limit`` (default FLOOR_POINTS) points (a wider grid in a large room); a room too small
    for any grid point gives its centre. A seatless room where people stay is
    judged where people may stand or sit anywhere on its floor, not from one point.
    """
    return list(_floor_points_many(plan, [room.id], spacing, inset, FLOOR_POINTS if limit is None else limit)[0])


def view_points(plan: Plan, room: Room, limit: int = SEATS_PER_ROOM, floor: bool = False) -> tuple[list[XY], bool]:
    """Where people sit in the room (up to ``limit`` seats, spread out), and whether they are seats.

    A room without seats: its centre, or with ``floor`` sample points over its floor (``floor_points``).
    """
    seats = room_seats(plan, room)
    if not seats:
        return (floor_points(plan, room) if floor else [room_centre(plan, room)]), False
    if len(seats) <= limit:
        return [(x, y) for _, x, y in seats], True
    step = len(seats) / limit
    return [(seats[int(i * step)][1], seats[int(i * step)][2]) for i in range(limit)], True


def seat_views(plan: Plan, rooms: Sequence[Room], isovists: Callable[[Plan, list[XY]], list],
               floor: bool = False) -> list[SeatView]:
    """Every seat's view out in these rooms (its isovist cut against the windows at eye height).

    ``floor``: a seatless room is looked from sample points over its floor rather than its centre.
    """
    return list(_seat_views(plan, tuple(r.id for r in rooms), isovists, floor))


def _ring(points: Sequence[Sequence[float]]) -> tuple[tuple[float, ...], ...]:
    return tuple(map(tuple, points))


@lru_cache(maxsize=64)
def _signature(plan: Plan) -> tuple:
    """Everything a seat's view reads: the walls (room outlines), doors and openings, windows, seats and obstacles.

    Two plans with the same signature (an edit of a room's use, finish or a
    door's rating) see out of the same windows from the same points.
    """
    rooms = tuple((r.id, tuple(_ring(ring) for ring in r.rings)) for r in plan.rooms)
    passages = tuple((type(d).__name__, d.id, _ring(d.points)) for d in (*plan.doors, *plan.openings))
    windows = tuple((w.id, _ring(w.points), w.sill, w.head, w.view) for w in plan.windows)
    furniture = tuple((f.id, f.type, f.point, tuple(_ring(ring) for ring in f.rings) if f.rings else None)
                      for f in plan.furniture if f.is_obstacle or f.type.lower() in SEAT_TYPES)
    return (rooms, passages, windows, furniture)


#: Views by (signature, room id, floor, isovists): the suggestion search and the designer re-score many plans that
#: differ in uses and ratings only; their views are taken from here instead of new isovists. Bounded, thread-safe.
_MEMO: OrderedDict[tuple, tuple[SeatView, ...]] = OrderedDict()
_MEMO_SIZE = 4096
_MEMO_LOCK = threading.Lock()


class _Signature:
    """A signature that hashes once: a level's signature holds every corner of every room, and a memo
    key built on the bare tuple would hash all of them again at each look-up (once per room)."""

    __slots__ = ("value", "_hash")

    def __init__(self, value: tuple) -> None:
        self.value = value
        self._hash = hash(value)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, _Signature) and self._hash == other._hash and self.value == other.value)


#: One _Signature object per distinct signature, so that memo keys of equal plans compare by identity. Bounded.
_SIGNATURES: OrderedDict[_Signature, _Signature] = OrderedDict()
_SIGNATURES_SIZE = 256


def clear_view_memo() -> None:
    """Forget every memoised view, so the next scoring looks afresh (a benchmark of a changed plan; freeing memory)."""
    with _MEMO_LOCK:
        _MEMO.clear()
        _SIGNATURES.clear()


@lru_cache(maxsize=64)
def _memo_signature(plan: Plan) -> _Signature:
    """The plan's signature for memo keys (the one object shared by plans of equal signature)."""
    fresh = _Signature(_signature(plan))
    with _MEMO_LOCK:
        sig = _SIGNATURES.setdefault(fresh, fresh)
        _SIGNATURES.move_to_end(sig)
        while len(_SIGNATURES) > _SIGNATURES_SIZE:
            _SIGNATURES.popitem(last=False)
    return sig


@lru_cache(maxsize=64)
def _seat_views(plan: Plan, room_ids: tuple[str, ...], isovists: Callable, floor: bool = False) -> tuple[SeatView, ...]:
    sig = _memo_signature(plan)
    found: dict[str, tuple[SeatView, ...]] = {}
    with _MEMO_LOCK:
        for rid in room_ids:
            hit = _MEMO.get((sig, rid, floor, isovists))
            if hit is not None:
                found[rid] = hit
                _MEMO.move_to_end((sig, rid, floor, isovists))
    missing = tuple(rid for rid in dict.fromkeys(room_ids) if rid not in found)
    if missing:
        fresh = _compute(plan, missing, isovists, floor)
        with _MEMO_LOCK:
            for rid in missing:
                found[rid] = fresh.get(rid, ())
                _MEMO[(sig, rid, floor, isovists)] = found[rid]
            while len(_MEMO) > _MEMO_SIZE:
                _MEMO.popitem(last=False)
    return tuple(v for rid in room_ids for v in found[rid])


def _room_walls(plan: Plan, room_ids: list[str], index: shapely.STRtree) -> tuple[np.ndarray, np.ndarray]:
    """(viewpoint, wall) pairs: the walls that meet each viewpoint's room (the nearest in most directions)."""
    rooms = list(dict.fromkeys(room_ids))
    at = {rid: i for i, rid in enumerate(rooms)}
    room, wall = index.query(np.array([plan.room(rid).geometry for rid in rooms], dtype=object), predicate="intersects")
    order = np.argsort(room, kind="stable")
    wall = wall[order]
    first = np.searchsorted(room[order], np.arange(len(rooms) + 1))
    mine = np.array([at[rid] for rid in room_ids])
    count = first[mine + 1] - first[mine]
    offset = np.repeat(first[mine] - (np.cumsum(count) - count), count)
    return np.repeat(np.arange(len(room_ids)), count), wall[offset + np.arange(int(count.sum()))]


#: A viewpoint with more windows than this still in doubt is left to its isovist (it most likely sees out).
_DOUBTS = 3


def _not_hidden(plan: Plan, xys: np.ndarray, ends: np.ndarray, room_ids: list[str]) -> np.ndarray:
    """The viewpoints not shown blind to every window (:func:`.view.hidden_windows`): their isovists are needed.

    First against the walls of their own rooms (few, and enough for most rooms that see no window); the rest
    against all walls nearer than their nearest window (through a door, the next room's walls); then each
    window still in doubt against the walls nearer than that window. A window shown hidden once stays so.
    """
    walls, index = wall_segments(plan), wall_index(plan)
    by_wall = near_walls(xys, index)  # the same for every pass: found once
    wedges = window_wedges(xys, ends)  # so are the windows' directions from each viewpoint: the passes take theirs
    k = len(ends)
    blind, hidden = hidden_windows(xys, ends, walls, index, _room_walls(plan, room_ids, index), by_wall=by_wall, wedges=wedges)
    look = np.flatnonzero(~(blind & hidden.all(axis=1)))
    if len(look) == 0:
        return look
    at = xys[look]
    blind, again = hidden_windows(at, ends, walls, index, doubt=~hidden[look], by_wall=by_wall[look],
                                  wedges=wedges.take((look[:, None] * k + np.arange(k)).ravel()))
    hidden = hidden[look] | again
    rows, cols = np.nonzero(~hidden & blind[:, None])
    few = np.bincount(rows, minlength=len(look))[rows] <= _DOUBTS  # more in doubt: it most likely sees one
    rows, cols = rows[few], cols[few]
    if len(rows):
        one_blind, one = hidden_windows(at[rows], ends[cols], walls, index, each=True, by_wall=by_wall[look][rows],
                                        wedges=wedges.take(look[rows] * k + cols))
        hidden[rows, cols] = one_blind & one[:, 0]
    return look[~(blind & hidden.all(axis=1))]


#: The isovists' boxes grown by this much (m) hold their reach (:func:`.view.reach`, 0.02 m) with room to spare.
_BOX_MARGIN = 0.03
_GROW = np.array([-_BOX_MARGIN, -_BOX_MARGIN, _BOX_MARGIN, _BOX_MARGIN])


def _reached(polygons: np.ndarray, lines: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (isovist, window) pair whose window the isovist's reach meets, by isovist then window, and the window's
    line cut with that reach (the parts seen).

    Only the isovists some window may lie partly outside of are grown (it costs most here): a window surely inside
    the reach (:func:`.view.surely_reached`) comes back whole from the cut, so it is its own line.
    """
    ok = ~shapely.is_empty(polygons)
    box = shapely.bounds(polygons[ok])
    at, win = shapely.STRtree(lines).query(shapely.box(*(box + _GROW).T))
    at = np.flatnonzero(ok)[at]
    order = np.lexsort((win, at))
    at, win = at[order], win[order]
    sure = surely_reached(polygons, lines, at, win)
    doubt = np.flatnonzero(~sure)
    grown = np.empty(len(polygons), dtype=object)
    some = np.unique(at[doubt])
    grown[some] = reach_many(polygons[some])
    meets = sure.copy()
    meets[doubt] = shapely.intersects(grown[at[doubt]], lines[win[doubt]])
    at, win, sure = at[meets], win[meets], sure[meets]
    seen = lines[win]
    cut = np.flatnonzero(~sure)
    seen[cut] = shapely.intersection(lines[win[cut]], grown[at[cut]])  # the windows' lines where the isovists reach them
    return at, win, seen


def _compute(plan: Plan, room_ids: tuple[str, ...], isovists: Callable, floor: bool) -> dict[str, tuple[SeatView, ...]]:
    """The views from these rooms' seats (or floor points), by room."""
    windows = [w for w in plan.windows if at_eye_height(w)]
    points: list[tuple[str, XY, bool]] = []
    if floor:  # the seatless rooms' floor points all at once
        _floor_points_many(plan, [rid for rid in room_ids if not room_seats(plan, plan.room(rid))])
    for rid in room_ids:
        xys, seated = view_points(plan, plan.room(rid), floor=floor)
        points += [(rid, xy, seated) for xy in xys]
    out: dict[str, list[SeatView]] = {}
    if not points:
        return {}
    if not windows:
        for rid, xy, seated in points:
            out.setdefault(rid, []).append(SeatView(rid, xy, seated, 0.0, 0.0))
        return {k: tuple(v) for k, v in out.items()}
    at_xy = np.array([xy for _, xy, _ in points], dtype=float)
    ends = np.array([[*w.points[0], *w.points[1]] for w in windows], dtype=float)
    # a viewpoint walled off from every window sees 0°: no isovist is made for it (they cost most here)
    look = _not_hidden(plan, at_xy, ends, [rid for rid, _, _ in points])
    isos = isovists(plan, [points[i][1] for i in look]) if len(look) else []
    lines = np.array([w.geometry for w in windows], dtype=object)
    at, win, seen = _reached(np.array([iso.polygon for iso in isos], dtype=object), lines)
    ends_seen, of = seen_ends(seen)  # every piece of window seen, in order: by viewpoint, window, piece
    viewpoint, green = at[of], np.array([w.view == View.green for w in windows], dtype=bool)[win[of]]
    rows = ends_seen.tolist()
    starts = np.searchsorted(viewpoint, np.arange(len(isos) + 1)).tolist()
    angles = [(0.0, 0.0)] * len(points)
    for k, (i, iso) in enumerate(zip(look.tolist(), isos, strict=True)):
        mine = range(starts[k], starts[k + 1])
        eye = iso.origin  # the seat, or just off it where the seat sits on a wall
        angles[i] = (angle_of_ends(eye, [rows[j] for j in mine]), angle_of_ends(eye, [rows[j] for j in mine if green[j]]))
    for (rid, xy, seated), (window_angle, green_angle) in zip(points, angles, strict=True):
        out.setdefault(rid, []).append(SeatView(rid, xy, seated, window_angle, green_angle))
    return {k: tuple(v) for k, v in out.items()}
