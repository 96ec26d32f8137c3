"""A plan read acoustically: every room's absorption and reverberation, every partition between two rooms.

Built once per plan (cached; Plan hashes by identity) from the plan format's
physical properties (room ``height``, ``acoustic_finish``,
``wall_sound_rating``; door ``sound_rating``) and its geometry:

* a room: floor area, perimeter and height give its volume and surfaces, its
  finish class their absorption (``absorption``), hence A and T per band;
  compact rooms are diffuse, corridors and long (aspect ≥ 3) or very large
  (≥ 200 m²) rooms are "open": sound in them falls off with distance
  (``propagation``); a room of implausible size for its kind
  (``floorplans.plausibility``) makes no noise, and a wall or door rated
  beyond what built construction reaches counts at that limit (65 and 50 dB);
* a partition: the stretch of boundary two rooms share, its height the lower
  of their two, made of wall (R'w: the better of the two rooms' ratings),
  doors (their Rw over their drawn width × 2.1 m) and openings (τ = 1 over
  their width × the height).

``AcousticPlan.with_changes`` gives the same plan with some doors, walls,
openings or finishes changed, for the "what would help" sentences.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

from floorplans.model import (
    DEFAULT_DOOR_SOUND_RATING,
    DEFAULT_ROOM_HEIGHT,
    DEFAULT_WALL_SOUND_RATING,
    Door,
    Opening,
    Plan,
    Room,
    RoomKind,
)
from floorplans.plausibility import MAX_PLAUSIBLE_DOOR_RATING, MAX_PLAUSIBLE_WALL_RATING, implausible_rooms
from floorplans.topology import ON_WALL_TOLERANCE, passages

from ..arrays import ranges
from ..geometry import room_centre, room_seats
from .absorption import finish
from .reverberation import Reverberation, RoomShape, reverberation
from .sources import background_level, source_power
from .transmission import DOOR_HEIGHT, FLANKING_R, transmission

__all__ = [
    "DEFAULT_DOOR_R",
    "DEFAULT_HEIGHT",
    "DEFAULT_WALL_R",
    "OPEN_AREA",
    "OPEN_ASPECT",
    "AcousticPlan",
    "Element",
    "Partition",
    "RoomAcoustics",
    "acoustic_plan",
    "acoustic_rooms",
    "door_rating",
    "room_finish",
    "room_height",
    "wall_rating",
]

DEFAULT_HEIGHT, DEFAULT_WALL_R, DEFAULT_DOOR_R = DEFAULT_ROOM_HEIGHT, DEFAULT_WALL_SOUND_RATING, DEFAULT_DOOR_SOUND_RATING
#: A room at least this long for its width, or this large (m²), is "open" (not diffuse).
OPEN_ASPECT, OPEN_AREA = 3.0, 200.0
#: Rooms sharing less boundary than this (m) and no door or opening are not neighbours (they touch at a corner).
MIN_SHARED = 0.1


def room_height(room: Room) -> float:
    """Clear height (m)."""
    return float(room.height)


def room_finish(room: Room) -> str:
    """The room's acoustic finish class: hard, standard or absorbent."""
    return str(getattr(room.acoustic_finish, "value", room.acoustic_finish))


def wall_rating(room: Room) -> float:
    """R'w (dB) of the room's walls to its neighbours (at most the plausible 65 dB: validation warns beyond)."""
    return min(float(room.wall_sound_rating), MAX_PLAUSIBLE_WALL_RATING)


def door_rating(door: Door) -> float:
    """Rw (dB) of the closed door (at most the plausible 50 dB: validation warns beyond)."""
    return min(float(door.sound_rating), MAX_PLAUSIBLE_DOOR_RATING)


_T = TypeVar("_T")


class _once(Generic[_T]):
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first read).

    The partitions' sums are read a few thousand times per plan, each once
    per object, from one thread; the value lands in the instance's dict as
    with ``cached_property``, so later reads never reach this descriptor.
    """

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func, self.name = func, func.__name__
        self.__doc__ = func.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _once[_T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> _T | _once[_T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass(frozen=True, init=False)
class Element:
    """One part of a partition: wall, a door or an opening, its area (m²) and R (dB; None for an opening)."""

    kind: str  # "wall" | "door" | "opening"
    id: str | None  # the door's or opening's id; None for the wall
    area: float
    r: float | None
    point: tuple[float, float]

    def __init__(self, kind: str, id: str | None, area: float, r: float | None, point: tuple[float, float]) -> None:
        # straight into the instance's dict: the generated frozen __init__ stores each field through
        # object.__setattr__, and a plan builds some thousand elements and partitions
        fields = self.__dict__
        fields["kind"], fields["id"], fields["area"], fields["r"], fields["point"] = kind, id, area, r, point


@dataclass(frozen=True, init=False)
class Partition:
    """The boundary two rooms share, with its elements."""

    a: str
    b: str
    length: float
    height: float
    elements: tuple[Element, ...]

    def __init__(self, a: str, b: str, length: float, height: float, elements: tuple[Element, ...]) -> None:
        fields = self.__dict__  # as Element's
        fields["a"], fields["b"], fields["length"], fields["height"], fields["elements"] = a, b, length, height, elements

    @_once
    def area(self) -> float:
        return sum(e.area for e in self.elements)

    @_once
    def tau_area(self) -> float:
        """Σ τᵢSᵢ (m²), flanking included."""
        return sum(e.area * transmission(e.r) for e in self.elements) + self.area * transmission(FLANKING_R)

    @_once
    def reduction(self) -> float:
        """Composite R' (dB)."""
        return -10.0 * math.log10(self.tau_area / self.area)

    @property
    def is_open(self) -> bool:
        return any(e.kind == "opening" for e in self.elements)

    @property
    def doors(self) -> list[Element]:
        return [e for e in self.elements if e.kind == "door"]

    @property
    def weakest(self) -> Element:
        """The element of lowest R (an opening first): where a listener outside hears most."""
        return min(self.elements, key=lambda e: -1.0 if e.r is None else e.r)

    @_once
    def point(self) -> tuple[float, float]:
        """Where the sound crosses: the elements' points weighted by τS (a door or opening dominates)."""
        weights = [(e.area * transmission(e.r), e.point) for e in self.elements]
        total = sum(w for w, _ in weights)
        return (sum(w * p[0] for w, p in weights) / total, sum(w * p[1] for w, p in weights) / total)

    def other(self, room_id: str) -> str:
        return self.b if room_id == self.a else self.a


@dataclass(frozen=True)
class RoomAcoustics:
    """A room's acoustic data."""

    id: str
    kind: RoomKind
    label: str
    shape: RoomShape
    finish: str
    reverb: Reverberation
    open: bool
    centre: tuple[float, float]
    source: float | None  # Lw (dB) of its activity, None when it is no source
    background: float  # dB(A)
    public: bool = True


@dataclass(frozen=True)
class AcousticPlan:
    """Rooms and partitions of a plan, indexed for the sound network."""

    rooms: dict[str, RoomAcoustics]
    partitions: tuple[Partition, ...]
    by_room: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def partitions_of(self, room_id: str) -> list[Partition]:
        return [self.partitions[i] for i in self.by_room.get(room_id, ())]

    def leak(self, room_id: str) -> float:
        """Σ τS (m²) of all the room's partitions: energy that leaves it (an opening takes its whole area)."""
        return sum(p.tau_area for p in self.partitions_of(room_id))

    def absorption(self, room_id: str) -> float:
        """The room's mid-frequency absorption area plus what leaves through its partitions (m²)."""
        cache = self._absorption
        if room_id not in cache:
            cache[room_id] = self.rooms[room_id].reverb.mid_absorption + self.leak(room_id)
        return cache[room_id]

    @_once
    def _absorption(self) -> dict[str, float]:
        return {}

    @_once
    def memo(self) -> dict[str, object]:
        """Tables other modules build from this plan on first use (``network``'s search constants); a changed plan starts empty."""
        return {}

    def with_changes(self, *, doors: Mapping[str, float] | None = None, walls: Mapping[str, float] | None = None,
                     openings: Mapping[str, float] | None = None, finishes: Mapping[str, str] | None = None) -> AcousticPlan:
        """The plan with door ratings, wall ratings (by room), openings closed by a door of rating R, or finishes changed."""
        doors, walls, openings, finishes = doors or {}, walls or {}, openings or {}, finishes or {}
        rooms = dict(self.rooms)
        for rid, name in finishes.items():
            r = rooms[rid]
            rooms[rid] = replace(r, finish=name, reverb=reverberation(r.shape, finish(name)))
        parts = list(self.partitions)
        for i, p in enumerate(self.partitions):
            if not (p.a in walls or p.b in walls or any(e.id in doors or e.id in openings for e in p.elements)):
                continue  # untouched: the same object, its cached sums kept
            elements = []
            for e in p.elements:
                if e.kind == "door" and e.id is not None and e.id in doors:
                    e = replace(e, r=doors[e.id])
                elif e.kind == "opening" and e.id is not None and e.id in openings:
                    door_area = min(e.area, e.area / p.height * DOOR_HEIGHT)
                    elements.append(replace(e, kind="wall", id=None, area=e.area - door_area,
                                            r=walls.get(p.a, walls.get(p.b, DEFAULT_WALL_R))))
                    e = replace(e, kind="door", area=door_area, r=openings[e.id])
                elif e.kind == "wall" and (p.a in walls or p.b in walls):
                    e = replace(e, r=max(e.r or 0.0, walls.get(p.a, 0.0), walls.get(p.b, 0.0)))
                elements.append(e)
            parts[i] = replace(p, elements=tuple(x for x in elements if x.area > 0))
        return AcousticPlan(rooms=rooms, partitions=tuple(parts), by_room=self.by_room)


def _open_rooms(rooms: Sequence[Room]) -> list[bool]:
    """Whether each room is open: a corridor, a very large room, or a long one (by its minimum rotated rectangle)."""
    geoms = np.array([r.geometry for r in rooms], dtype=object)
    flags = [room.kind == RoomKind.corridor or area >= OPEN_AREA for room, area in zip(rooms, shapely.area(geoms).tolist(), strict=True)]
    rest = [i for i, flag in enumerate(flags) if not flag]
    rings = shapely.get_exterior_ring(shapely.oriented_envelope(geoms[rest]))  # None for a rectangle that collapsed to a line
    xy, index = shapely.get_coordinates(rings, return_index=True)
    corners: dict[int, list[list[float]]] = {}
    for i, point in zip(index.tolist(), xy.tolist(), strict=True):
        corners.setdefault(rest[i], []).append(point)
    for i in rest:
        flags[i] = _long(corners.get(i, []))
    return flags


def _long(xy: list[list[float]]) -> bool:
    """Whether a rectangle (its ring's corners) is at least ``OPEN_ASPECT`` times as long as wide."""
    if len(xy) < 4:
        return False
    sides = sorted((math.dist(xy[0], xy[1]), math.dist(xy[1], xy[2])))
    return sides[0] > 0 and sides[1] / sides[0] >= OPEN_ASPECT


def _room(plan: Plan, room: Room, is_open: bool, plausible: bool = True) -> RoomAcoustics:
    geom = room.geometry
    seats = len(room_seats(plan, room))
    shape = RoomShape(floor_area=geom.area, perimeter=geom.length, height=room_height(room), seats=seats)
    name = room_finish(room)
    return RoomAcoustics(
        id=room.id, kind=room.kind, label=room.label, shape=shape, finish=name,
        reverb=reverberation(shape, finish(name)), open=is_open,
        centre=room_centre(plan, room), source=source_power(room, seats) if plausible else None,
        background=background_level(room),
        public=room.is_public,
    )


#: GEOS type ids of what ``isinstance(g, (LineString, MultiLineString))`` takes: LineString, LinearRing, MultiLineString.
_LINE_TYPES = (1, 2, 5)


_Lines = list[tuple[BaseGeometry, float]]


def _line_parts(geoms: np.ndarray) -> list[list[tuple[BaseGeometry, float]]]:
    """For each geometry, its parts that are lines of some length, with their lengths, in order."""
    parts, index = shapely.get_parts(geoms, return_index=True)
    lengths = shapely.length(parts)
    keep = np.isin(shapely.get_type_id(parts), _LINE_TYPES) & (lengths > 0)
    out: list[list[tuple[BaseGeometry, float]]] = [[] for _ in range(len(geoms))]
    for g, i, length in zip(parts[keep], index[keep].tolist(), lengths[keep].tolist(), strict=True):
        out[i].append((g, length))
    return out


def _edges_near(plan: Plan, pairs: list[tuple[str, str]], zones: dict[str, BaseGeometry]) -> np.ndarray:
    """Each pair's walls of a, clipped to the box of b's 5 cm zone (only the part near b: rooms of many corners)."""
    ids = sorted({a for a, _ in pairs})
    boundary = dict(zip(ids, shapely.boundary(np.array([plan.room(rid).geometry for rid in ids], dtype=object)).tolist(), strict=True))
    box = shapely.bounds(np.array([zones[b] for _, b in pairs], dtype=object))
    return _clip_each(np.array([boundary[a] for a, _ in pairs], dtype=object), box[:, 0], box[:, 1], box[:, 2], box[:, 3])


def _clip_each(geoms: np.ndarray, x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """Each geometry clipped to its own rectangle, in one call: ``shapely.clip_by_rect`` takes one rectangle for all, its ufunc one per geometry."""
    return shapely.lib.clip_by_rect(geoms, x0, y0, x1, y1)


#: A wall's end this close (m) to another wall's line lies on it: coordinates are snapped to 1 mm, so walls that
#: coincide do so to the last bits, and walls that only come close are at least some 0.1 mm apart.
_ON_LINE = 1e-9


def _spans(starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ranges [start, start + count): the range each item belongs to and the item, all ranges in one array."""
    owner = np.repeat(np.arange(len(counts)), counts)
    return owner, ranges(starts, counts)


#: Beyond b's box (m) a's walls count as near b in the bound on their length: more than the 5 cm zone reaches.
_WIDER = ON_WALL_TOLERANCE + 1e-6


_Columns = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _clip(seg: _Columns, rect: _Columns) -> tuple[np.ndarray, np.ndarray]:
    """Where each segment (x0, y0, x1, y1) runs within its rectangle (x0, y0, x1, y1), by Liang-Barsky: from t_lo to t_hi along it (none if t_hi <= t_lo)."""
    start, end = seg[:2], seg[2:]
    t_lo, t_hi = np.zeros(len(start[0])), np.ones(len(start[0]))
    for axis in (0, 1):
        p, d, r0, r1 = start[axis], end[axis] - start[axis], rect[axis], rect[axis + 2]
        flat = d == 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            ta = (r0 - p) / d
            tb = (r1 - p) / d
        inside = (r0 <= p) & (p <= r1)
        t_lo = np.where(flat, np.where(inside, t_lo, 1.0), np.maximum(t_lo, np.minimum(ta, tb)))
        t_hi = np.where(flat, np.where(inside, t_hi, 0.0), np.minimum(t_hi, np.maximum(ta, tb)))
    return t_lo, t_hi


def _clipped_length(seg: _Columns, rect: _Columns, owner: np.ndarray, n: int) -> list[float]:
    """The summed length, per owner, of the segments (x0, y0, x1, y1) within their rectangles (x0, y0, x1, y1)."""
    t_lo, t_hi = _clip(seg, rect)
    length = np.maximum(t_hi - t_lo, 0.0) * np.hypot(seg[2] - seg[0], seg[3] - seg[1])
    return np.bincount(owner, weights=length, minlength=n).tolist()


def _group_max(group: np.ndarray, value: np.ndarray) -> np.ndarray:
    """The running maximum of ``value`` within each run of equal ``group`` (a scan in doubling steps)."""
    out = value.copy()
    shift = 1
    while shift < len(out):
        same = group[shift:] == group[:-shift]
        if not same.any():
            break
        out[shift:] = np.where(same, np.maximum(out[shift:], out[:-shift]), out[shift:])
        shift *= 2
    return out


#: (pair, segment) arrays: the segments of one room of each pair that matter to it.
_Spans = tuple[np.ndarray, np.ndarray]


def _near_bound(
    near_a: _Spans, near_b: _Spans, seg: _Columns, box: _Columns, geoms: np.ndarray, ib: np.ndarray, enough: np.ndarray
) -> np.ndarray:
    """At least the length of a's walls in b's 5 cm zone, per pair (a, b): where a wall of a runs inside b away from b's walls, inf.

    The zone lies within 5 cm of b: inside b or near its walls. A's walls
    near b's walls lie within the boxes of b's segments widened by
    ``_WIDER``; what of a wall lies outside every such box (a gap) meets no
    wall of b, so lies wholly inside b or wholly outside: its middle tells.
    With every gap outside b, the walls in the boxes bound the zone's walls.
    Tighter than a's walls in b's box where b wraps round a (a corridor).

    ``near_a``: (pair, segment) of a's segments in b's box widened by
    ``_WIDER``, ``near_b`` of b's in a's; ``seg``: every segment's ends
    (x0, y0, x1, y1), ``box`` its box. Only where the bound is at most
    ``enough`` (what spares the tracing) are the gaps tested; elsewhere, inf.
    """
    n = len(ib)
    (pa, sa), (pb, sb) = near_a, near_b
    ca, cb = np.bincount(pa, minlength=n), np.bincount(pb, minlength=n)
    many = ca * cb > _MANY_TRIES * (ca + cb)  # walls of many corners (curves) both: left to the tracing
    if many.any():
        pa, sa = pa[~many[pa]], sa[~many[pa]]
    tries = cb[pa]
    item = np.repeat(np.arange(len(sa)), tries)  # each of a's segments near b against each of b's near a
    b = sb[ranges((np.cumsum(cb) - cb)[pa], tries)]
    rect = (box[0][b] - _WIDER, box[1][b] - _WIDER, box[2][b] + _WIDER, box[3][b] + _WIDER)
    t_lo, t_hi = _clip((np.repeat(seg[0][sa], tries), np.repeat(seg[1][sa], tries), np.repeat(seg[2][sa], tries), np.repeat(seg[3][sa], tries)), rect)
    keep = t_hi > t_lo
    order = np.lexsort((t_lo[keep], item[keep]))
    item, t_lo, t_hi = item[keep][order], t_lo[keep][order], t_hi[keep][order]
    reach = _group_max(item, t_hi)
    run = np.ones(len(item), dtype=bool)  # where a run of overlapping stretches starts
    run[1:] = (item[1:] != item[:-1]) | (t_lo[1:] > reach[:-1])
    starts = np.flatnonzero(run)
    run_item, run_lo, run_hi = item[starts], t_lo[starts], reach[np.append(starts[1:], len(item))[: len(starts)] - 1]
    covered = np.bincount(run_item, weights=run_hi - run_lo, minlength=len(sa))
    # the gaps: before each run (from the item's start or the last run's end), after each item's last run, all of an item without runs
    first, last = np.ones(len(starts), dtype=bool), np.ones(len(starts), dtype=bool)
    first[1:] = last[:-1] = run_item[1:] != run_item[:-1]
    lone = np.flatnonzero(np.bincount(run_item, minlength=len(sa)) == 0)
    opens = np.where(first, 0.0, np.roll(run_hi, 1))
    gap_item = np.concatenate([run_item, run_item[last], lone])
    gap_lo = np.concatenate([opens, run_hi[last], np.zeros(len(lone))])
    gap_hi = np.concatenate([run_lo, np.ones(int(last.sum())), np.ones(len(lone))])
    length = np.hypot(seg[2][sa] - seg[0][sa], seg[3][sa] - seg[1][sa])
    bound = np.bincount(pa, weights=covered * length, minlength=n)
    useful = (bound <= enough) & ~many
    rooms, room_of = np.unique(ib[useful], return_inverse=True)  # each b once: a corridor is b to many rooms
    valid = shapely.is_valid(geoms[rooms])  # where "inside" is what the zone's buffer takes it for
    useful[useful] = valid[room_of]
    test = (gap_hi > gap_lo) & useful[pa[gap_item]]  # the gaps of the pairs the bound would spare the tracing
    gap_item, middle = gap_item[test], (gap_lo[test] + gap_hi[test]) / 2.0
    at = sa[gap_item]
    x = seg[0][at] + middle * (seg[2][at] - seg[0][at])
    y = seg[1][at] + middle * (seg[3][at] - seg[1][at])
    useful &= np.bincount(pa[gap_item], weights=_inside(geoms, ib[pa[gap_item]], x, y), minlength=n) == 0
    return np.where(useful, bound, np.inf)


def _inside(geoms: np.ndarray, which: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Whether each point (x, y) lies inside polygon ``geoms[which]``: each polygon copied and prepared once for its points.

    The points lie some 5 cm from the polygon's walls at least, so any sound
    test agrees; the copies leave the plan's own polygons unprepared.
    """
    rooms, room_of = np.unique(which, return_inverse=True)
    copies = shapely.transform(geoms[rooms], lambda xy: xy)
    shapely.prepare(copies)
    return shapely.contains_xy(copies[room_of], x, y)


#: A pair whose bound on a's walls near b exceeds this many times its coinciding walls gets the tighter bound (it is traced above twice).
_LOOSE = 1.9
#: Fewer pairs than this are traced rather than bound: the bound's few dozen array calls cost about what tracing so many does.
_FEW_LOOSE = 16
#: Slack (m) on the boxes of two segments that may coincide: far above the rounding of ``_ON_LINE`` tests on them.
_BOX_SLACK = 1e-6
#: Above this many (a, b) segment tries per segment, the segments are first paired by their boxes (a spatial index).
_MANY_TRIES = 8


def _cells(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Boxes spanning cells ``first`` to ``last`` (column, row) of a grid: the box, column and row of each cell it covers."""
    cols = last[:, 0] - first[:, 0] + 1
    count = cols * (last[:, 1] - first[:, 1] + 1)
    if (count == 1).all():  # each box in one cell (short walls, or cells as large as the longest)
        return np.arange(len(first)), first[:, 0].copy(), first[:, 1].copy()
    owner = np.repeat(np.arange(len(first)), count)
    k = ranges(np.zeros_like(count), count)
    cols = cols[owner]
    return owner, np.repeat(first[:, 0], count) + k % cols, np.repeat(first[:, 1], count) + k // cols


def _grid_size(lo: np.ndarray, hi: np.ndarray, pairs: int) -> float:
    """A cell size (m) for ``_boxes_meet``: a quarter metre, doubled while the boxes would take over four cells each,
    or while keys of ``pairs`` pairs times the grid's cells could pass 2**62 (a plan some thousand km across)."""
    size = 0.25
    while True:
        span = np.floor(hi / size) - np.floor(lo / size) + 1.0
        grid = np.floor(hi.max(axis=0) / size) - np.floor(lo.min(axis=0) / size) + 1.0
        if (span[:, 0] * span[:, 1]).sum() <= 4 * len(lo) + 64 and pairs * grid[0] * grid[1] < 2.0**62:
            return size
        size *= 2.0


def _boxes_meet(pa: np.ndarray, a_lo: np.ndarray, a_hi: np.ndarray,
                pb: np.ndarray, b_lo: np.ndarray, b_hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(i, j): segment i of a's list and j of b's, of the same pair (``pa``, ``pb``, both ascending), whose boxes meet.

    In the order of every (i, j) of a pair, pair by pair: what the coincidence tests keep of all of them. Two
    segments that lie on one line and overlap along it have boxes that meet, give or take ``_BOX_SLACK``; a wall of
    many corners (a curve) would otherwise test every corner of a against every corner of b.

    The boxes are put in a grid and paired by their pair and cell (sorted integer keys): cheaper than a spatial
    index, whose thousands of box geometries cost more to make. After the exact test on the boxes, two that
    meet are kept in one cell only: the one of the corner where their overlap starts (floor is monotone, so its
    column and row are the larger of the two boxes' first ones).
    """
    b_lo, b_hi = b_lo - _BOX_SLACK, b_hi + _BOX_SLACK
    if not len(pa) or not len(pb):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    size = _grid_size(np.concatenate([a_lo, b_lo]), np.concatenate([a_hi, b_hi]), int(max(pa.max(), pb.max())) + 1)
    first_a, first_b = np.floor(a_lo / size).astype(np.int64), np.floor(b_lo / size).astype(np.int64)
    (oa, xa, ya), (ob, xb, yb) = _cells(first_a, np.floor(a_hi / size).astype(np.int64)), _cells(first_b, np.floor(b_hi / size).astype(np.int64))
    x_min, y_min = min(xa.min(), xb.min()), min(ya.min(), yb.min())
    cols, rows = max(xa.max(), xb.max()) - x_min + 1, max(ya.max(), yb.max()) - y_min + 1
    key_a = (pa[oa] * cols + (xa - x_min)) * rows + (ya - y_min)
    key_b = (pb[ob] * cols + (xb - x_min)) * rows + (yb - y_min)
    by_key = np.argsort(key_b, kind="stable")
    sorted_b = key_b[by_key]
    start = np.searchsorted(sorted_b, key_a, "left")
    count = np.searchsorted(sorted_b, key_a, "right") - start
    cell = np.repeat(np.arange(len(oa)), count)
    i, j = oa[cell], ob[by_key[ranges(start, count)]]
    (alx, aly), (ahx, ahy), (blx, bly), (bhx, bhy) = (np.ascontiguousarray(c.T) for c in (a_lo, a_hi, b_lo, b_hi))
    meet = (alx[i] <= bhx[j]) & (ahx[i] >= blx[j]) & (aly[i] <= bhy[j]) & (ahy[i] >= bly[j])
    i, j, cell = i[meet], j[meet], cell[meet]
    fax, fay, fbx, fby = first_a[:, 0].copy(), first_a[:, 1].copy(), first_b[:, 0].copy(), first_b[:, 1].copy()
    once = (np.maximum(fax[i], fbx[j]) == xa[cell]) & (np.maximum(fay[i], fby[j]) == ya[cell])
    i, j = i[once], j[once]
    order = np.argsort(i * len(pb) + j)  # each (i, j) once: by i, then j
    return i[order], j[order]


def _coinciding(plan: Plan, pairs: list[tuple[str, str]]) -> tuple[list[_Lines], list[float]]:
    """Each pair's stretches of wall where a's and b's walls coincide, and at least the length of a's walls near b.

    A stretch is the overlap of a wall segment of a and one of b lying on the
    same line (both ends of a's within ``_ON_LINE`` of b's line), its ends
    the segments' own corners: what intersecting the two boundaries gives,
    without a geometric overlay per pair. The walls near b are a's walls in
    b's box widened a little beyond the 5 cm zone (never less than in the
    zone's box: the bound decides only whether the near walls are traced),
    or, where that is loose, ``_near_bound``. All in one array computation
    over all pairs.
    """
    index = {rid: i for i, rid in enumerate(sorted({rid for pair in pairs for rid in pair}))}
    geoms = np.array([plan.room(rid).geometry for rid in index], dtype=object)
    rings, ring_room = shapely.get_rings(geoms, return_index=True)
    xy, ring_at = shapely.get_coordinates(rings, return_index=True)
    seg_at = np.flatnonzero(ring_at[1:] == ring_at[:-1])
    p0, p1 = xy[seg_at], xy[seg_at + 1]
    seg_room = ring_room[ring_at[seg_at]]
    room_first = np.searchsorted(seg_room, np.arange(len(geoms)))
    room_count = np.searchsorted(seg_room, np.arange(len(geoms)), side="right") - room_first
    lo, hi = np.minimum(p0, p1), np.maximum(p0, p1)
    # the coordinates one by one (contiguous): the tests below gather them by segment, tens of thousands of times
    x0, y0, x1, y1 = p0[:, 0].copy(), p0[:, 1].copy(), p1[:, 0].copy(), p1[:, 1].copy()
    lo_x, lo_y, hi_x, hi_y = lo[:, 0].copy(), lo[:, 1].copy(), hi[:, 0].copy(), hi[:, 1].copy()
    bounds = shapely.bounds(geoms)
    box = bounds + np.array([-_ON_LINE, -_ON_LINE, _ON_LINE, _ON_LINE])
    ia = np.array([index[a] for a, _ in pairs])
    ib = np.array([index[b] for _, b in pairs])

    def within(pair: np.ndarray, seg: np.ndarray, rect: np.ndarray) -> np.ndarray:
        # whether each segment's box meets its pair's rectangle (x0, y0, x1, y1; one row per pair)
        rx0, ry0, rx1, ry1 = np.ascontiguousarray(rect.T)
        return (lo_x[seg] <= rx1[pair]) & (hi_x[seg] >= rx0[pair]) & (lo_y[seg] <= ry1[pair]) & (hi_y[seg] >= ry0[pair])

    def near(own: np.ndarray, other: np.ndarray, margin: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        # each pair's segments of room ``own`` that reach into the box of room ``other`` (widened by ``margin``)
        pair, seg = _spans(room_first[own], room_count[own])
        keep = within(pair, seg, box[other] + margin * np.array([-1.0, -1.0, 1.0, 1.0]))
        return pair[keep], seg[keep]

    pa, sa = near(ia, ib, _WIDER)
    wide_a = pa, sa  # a's segments near b's box widened: for the bound, if needed
    wide = np.ascontiguousarray((bounds + _WIDER * np.array([-1.0, -1.0, 1.0, 1.0])).T)
    most = _clipped_length((x0[sa], y0[sa], x1[sa], y1[sa]), (wide[0][ib[pa]], wide[1][ib[pa]], wide[2][ib[pa]], wide[3][ib[pa]]), pa, len(pairs))
    keep = within(pa, sa, box[ib])
    pa, sa = pa[keep], sa[keep]
    wide_b = near(ib, ia, _WIDER)  # b's segments near a's box widened, those near the box itself for the coinciding walls
    keep = within(*wide_b, box[ia])
    pb, sb = wide_b[0][keep], wide_b[1][keep]
    ca, cb = np.bincount(pa, minlength=len(pairs)), np.bincount(pb, minlength=len(pairs))
    d = p1 - p0
    span = np.hypot(d[:, 0], d[:, 1])
    with np.errstate(divide="ignore", invalid="ignore"):
        nx, ny = -d[:, 1] / span, d[:, 0] / span  # unit normal of each segment's line (nan if none)
        ax, ay = d[:, 0] / span, d[:, 1] / span  # and unit direction
    level = nx * x0 + ny * y0
    # a's segment lies on b's line: its first end (most fail here), then its second
    if int((ca * cb).sum()) > _MANY_TRIES * (len(sa) + len(sb)):  # walls of many corners: only segments whose boxes meet
        ja, jb = _boxes_meet(pa, lo[sa], hi[sa], pb, lo[sb], hi[sb])
        pair, a, b = pa[ja], sa[ja], sb[jb]
        first = np.abs(nx[b] * x0[a] + ny[b] * y0[a] - level[b]) <= _ON_LINE
        pair, a, b = pair[first], a[first], b[first]
    else:  # every segment of a near b against every one of b near a, pair by pair (a's in order, each against all of b's)
        tries = cb[pa]
        at_b = ranges((np.cumsum(cb) - cb)[pa], tries)  # a's ends repeated, b's lines gathered from b's own: the same terms
        first = np.abs(nx[sb][at_b] * np.repeat(x0[sa], tries) + ny[sb][at_b] * np.repeat(y0[sa], tries) - level[sb][at_b]) <= _ON_LINE
        item = np.repeat(np.arange(len(sa)), tries)[first]
        pair, a, b = pa[item], sa[item], sb[at_b[first]]
    second = np.abs(nx[b] * x1[a] + ny[b] * y1[a] - level[b]) <= _ON_LINE
    pair, a, b = pair[second], a[second], b[second]
    t0 = (x0[a] - x0[b]) * ax[b] + (y0[a] - y0[b]) * ay[b]
    t1 = (x1[a] - x0[b]) * ax[b] + (y1[a] - y0[b]) * ay[b]
    tmin, tmax, span = np.minimum(t0, t1), np.maximum(t0, t1), span[b]
    hit = np.minimum(tmax, span) - np.maximum(tmin, 0.0) > _ON_LINE
    pair, a, b, t0, t1, tmin, tmax, span = pair[hit], a[hit], b[hit], t0[hit], t1[hit], tmin[hit], tmax[hit], span[hit]
    a_lo = np.where((t0 <= t1)[:, None], p0[a], p1[a])
    a_hi = np.where((t0 <= t1)[:, None], p1[a], p0[a])
    start = np.where((tmin >= 0.0)[:, None], a_lo, p0[b])
    end = np.where((tmax <= span)[:, None], a_hi, p1[b])
    pair, start, end = _joined(pair, b, tmin, start, end)
    pair, lines = _chains(pair, start, end)
    lengths = shapely.length(lines)
    out: list[_Lines] = [[] for _ in pairs]
    for i, g, length in zip(pair.tolist(), lines.tolist(), lengths.tolist(), strict=True):
        out[i].append((g, length))
    exact = np.bincount(pair, weights=lengths, minlength=len(pairs))
    loose = np.flatnonzero((exact > 0) & (np.array(most) > _LOOSE * exact))  # the walls near b would be traced
    if len(loose) >= _FEW_LOOSE:
        near_a, near_b = _only(wide_a, loose, len(pairs)), _only(wide_b, loose, len(pairs))
        seg, seg_box, enough = (x0, y0, x1, y1), (lo_x, lo_y, hi_x, hi_y), 2.0 * exact[loose]
        for i, bound in zip(loose.tolist(), _near_bound(near_a, near_b, seg, seg_box, geoms, ib[loose], enough).tolist(), strict=True):
            most[i] = min(most[i], bound)
    return out, most


def _only(spans: _Spans, pairs: np.ndarray, n: int) -> _Spans:
    """The (pair, segment) items of some of the n pairs (ascending), the pairs numbered as in that list."""
    chosen = np.zeros(n, dtype=bool)
    chosen[pairs] = True
    pair, seg = spans
    keep = chosen[pair]
    return (np.cumsum(chosen) - 1)[pair[keep]], seg[keep]


def _joined(
    pair: np.ndarray, b: np.ndarray, t: np.ndarray, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A pair's stretches, each running along b's walls from ``start`` to ``end``, joined where one ends where the next starts in line.

    A wall of a split by a corner of a third room (or one of b's) gives two
    stretches in line: as one, they need no merging later. In line: the joint
    within ``_ON_LINE`` of the line between the outer ends, so the length
    changes only in its last bits. Returns the runs' pairs, starts and ends, by pair.
    """
    order = np.lexsort((t, b, pair))
    pair, start, end = pair[order], start[order], end[order]
    if len(pair) < 2:
        return pair, start, end
    same = (pair[1:] == pair[:-1]) & (start[1:] == end[:-1]).all(axis=1)
    d = end[1:] - start[:-1]
    u = end[:-1] - start[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        off = np.abs(d[:, 0] * u[:, 1] - d[:, 1] * u[:, 0]) / np.hypot(d[:, 0], d[:, 1])
    joins = np.concatenate([[False], same & (off <= _ON_LINE)])
    first = np.flatnonzero(~joins)
    last = np.concatenate([first[1:], [len(pair)]]) - 1
    return pair[first], start[first], end[last]


def _chains(pair: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A pair's stretches (in order along b's walls) as lines: one line through stretches that meet end to start.

    A shared wall that turns a corner is then one line, which needs no merging
    later; a run that would close on itself is left in its stretches, for the
    merge to close where it does.
    """
    if not len(pair):
        return pair, np.empty(0, dtype=object)
    meet = np.concatenate([[False], (pair[1:] == pair[:-1]) & (start[1:] == end[:-1]).all(axis=1)])
    run = np.cumsum(~meet) - 1
    first = np.flatnonzero(~meet)
    last = np.concatenate([first[1:], [len(pair)]]) - 1
    closed = (start[first] == end[last]).all(axis=1)
    if closed.any():  # split closed runs back into their stretches
        meet &= ~closed[run]
        run = np.cumsum(~meet) - 1
        first = np.flatnonzero(~meet)
    starts = ~meet  # a run's first stretch gives its start and its end, the others their ends
    piece = np.repeat(np.arange(len(pair)), 1 + starts)
    is_start = np.zeros(len(piece), dtype=bool)
    is_start[np.cumsum(1 + starts) - 1 - starts] = starts
    coords = np.where(is_start[:, None], start[piece], end[piece])
    return pair[first], shapely.linestrings(coords, indices=run[piece])


#: A zone of more corners than this is cut to the box of the walls it meets before the overlay (m for the margin).
_MANY_CORNERS, _CUT_MARGIN = 60, 0.01


def _zone_near(zone: np.ndarray, edge: np.ndarray) -> np.ndarray:
    """Each zone, if of many corners, cut to the box of its walls widened by 1 cm: the overlay then handles only its corners near them.

    The walls lie inside the box, clear of its sides, so what they share with
    the zone is unchanged; the overlay's cost grows with the zone's corners.
    """
    out = zone.copy()
    many = np.flatnonzero(shapely.get_num_coordinates(zone) > _MANY_CORNERS)
    box = shapely.bounds(edge[many])
    cut = ~np.isnan(box[:, 0])  # walls there: an empty edge has no box
    many, (x0, y0, x1, y1) = many[cut], box[cut].T
    out[many] = _clip_each(zone[many], x0 - _CUT_MARGIN, y0 - _CUT_MARGIN, x1 + _CUT_MARGIN, y1 + _CUT_MARGIN)
    return out


def _zones(plan: Plan, ids: list[str]) -> dict[str, BaseGeometry]:
    """Each room's area widened by the on-wall tolerance (5 cm)."""
    geoms = np.array([plan.room(rid).geometry for rid in ids], dtype=object)
    return dict(zip(ids, shapely.buffer(geoms, ON_WALL_TOLERANCE, quad_segs=2).tolist(), strict=True))


def _shared_lines(plan: Plan, pairs: list[tuple[str, str]]) -> list[BaseGeometry | None]:
    """The stretch of boundary each pair of rooms (a, b) shares: exactly where their walls coincide, else within 5 cm.

    Each geometric step runs once over all pairs. The walls within 5 cm are
    only traced where they could decide: where a's walls near b are all
    within twice the coinciding stretch, the coinciding stretch is taken
    (the near walls lie on a's walls and hold the coinciding ones).
    """
    if not pairs:
        return []
    exact, most = _coinciding(plan, pairs)  # coordinates are snapped to 1 mm: shared walls coincide
    exact_length = [sum(length for _, length in e) for e in exact]
    traced = [i for i, e in enumerate(exact) if not (e and most[i] <= 2.0 * exact_length[i] * (1.0 - 1e-9))]
    near: list[list[tuple[BaseGeometry, float]] | None] = [None] * len(pairs)  # None: not traced, the exact lines win
    if traced:
        zones = _zones(plan, sorted({pairs[i][1] for i in traced}))
        a_edge = _edges_near(plan, [pairs[i] for i in traced], zones)
        zone = _zone_near(np.array([zones[pairs[i][1]] for i in traced], dtype=object), a_edge)
        for i, lines in zip(traced, _line_parts(shapely.intersection(a_edge, zone)), strict=True):
            near[i] = lines
    return _merged(exact, exact_length, near)


def _merged(exact: list[_Lines], exact_length: list[float], near: list[_Lines | None]) -> list[BaseGeometry | None]:
    """Each pair's chosen lines as one: a single line as it is, several merged (one call over all pairs).

    The exact lines of a pair are chosen when they make at least half of the
    near ones (or the near ones were not traced), else the near ones; none
    when the near ones were traced and are none. A pair's lines meet at most
    at their ends (stretches of one room's walls or of one intersection), so
    merging them needs no union first.
    """
    out: list[BaseGeometry | None] = [None] * len(exact)
    several: list[tuple[int, _Lines]] = []
    for i, (lines, length, traced) in enumerate(zip(exact, exact_length, near, strict=True)):
        if traced is not None:
            if not traced:
                continue
            # the 5 cm zone also catches the ends of the walls that meet the shared one; where the walls coincide, take them exactly
            if not (lines and length >= 0.5 * sum(piece for _, piece in traced)):
                lines = traced
        if len(lines) == 1 and isinstance(lines[0][0], LineString):
            out[i] = lines[0][0]
        else:
            several.append((i, lines))
    if several:
        parts = [g for _, lines in several for g, _ in lines]
        owner = np.repeat(np.arange(len(several)), [len(lines) for _, lines in several])
        merged = shapely.line_merge(shapely.multilinestrings(np.array(parts, dtype=object), indices=owner))
        for (i, _), line in zip(several, merged.tolist(), strict=True):
            out[i] = line
    return out


def _points_on(lines: list[BaseGeometry | None]) -> list[tuple[float, float] | None]:
    """Where each line's wall stands: the middle of the line (of its longest piece), in one interpolation over all."""
    at = [i for i, line in enumerate(lines) if line is not None]
    pieces = [lines[i] for i in at]
    pieces = [max(g.geoms, key=lambda piece: piece.length) if isinstance(g, MultiLineString) else g for g in pieces]
    return _place(len(lines), at, shapely.line_interpolate_point(np.array(pieces, dtype=object), 0.5, normalized=True))


def _midpoints(feats: list[Door | Opening]) -> list[tuple[float, float]]:
    """Each door's or opening's ``midpoint``, in one interpolation over all."""
    points = shapely.line_interpolate_point(np.array([f.geometry for f in feats], dtype=object), 0.5, normalized=True)
    return [(x, y) for x, y in zip(shapely.get_x(points).tolist(), shapely.get_y(points).tolist(), strict=True)]


def _place(n: int, at: list[int], points: np.ndarray) -> list[tuple[float, float] | None]:
    out: list[tuple[float, float] | None] = [None] * n
    for i, x, y in zip(at, shapely.get_x(points).tolist(), shapely.get_y(points).tolist(), strict=True):
        out[i] = (x, y)
    return out


_Point = tuple[float, float]


#: A room as its partitions need it: id, clear height (m) and wall R'w (dB), read once per room.
_Side = tuple[str, float, float]


def _partition(a: _Side, b: _Side, length: float, where: _Point | None, feats: list[_Feat]) -> Partition | None:
    """The partition of rooms a and b: their shared line's length (``where`` its middle) and the doors and openings (with their middles and widths) in it."""
    if length <= 0:
        return None
    h = b[1] if b[1] < a[1] else a[1]  # min(a[1], b[1]) without the call
    elements, used = [], 0.0
    for f, mid, width in feats:
        if isinstance(f, Door):
            area = width * min(DOOR_HEIGHT, h)
            elements.append(Element("door", f.id, area, door_rating(f), mid))
        else:
            area = width * h
            elements.append(Element("opening", f.id, area, None, mid))
        used += area
    wall_area = length * h - used
    if wall_area > 0:  # max(0.0, wall_area) > 0, and max(a[2], b[2]) below, without the calls
        elements.insert(0, Element("wall", None, wall_area, b[2] if b[2] > a[2] else a[2], where or elements[0].point))
    return Partition(a[0], b[0], length, h, tuple(elements))


def _touching_pairs(plan: Plan) -> set[frozenset[str]]:
    """Pairs of rooms within the on-wall tolerance of each other."""
    return {frozenset(pair) for pair in _touching(plan)}


def _touching(plan: Plan) -> set[tuple[str, str]]:
    """Pairs of rooms within the on-wall tolerance of each other, each as its two ids in order.

    Candidates are the pairs whose bounding boxes come that close (one array
    comparison), then one vectorised distance test: cheaper than a tree query
    testing each room's candidates on its own.
    """
    if not plan.rooms:
        return set()
    geoms = np.array([r.geometry for r in plan.rooms], dtype=object)
    x0, y0, x1, y1 = (c[:, None] for c in shapely.bounds(geoms).T)
    tol = ON_WALL_TOLERANCE + 1e-6
    close = (x0 <= x1.T + tol) & (x0.T <= x1 + tol) & (y0 <= y1.T + tol) & (y0.T <= y1 + tol)
    left, right = np.nonzero(np.triu(close, 1))
    shared = np.zeros((len(geoms), len(geoms)), dtype=bool)
    shared[_corner_sharing(geoms)] = True
    within = shared[left, right]  # a corner in common: 0 m apart
    rest = np.flatnonzero(~within)
    within[rest] = shapely.dwithin(geoms[left[rest]], geoms[right[rest]], ON_WALL_TOLERANCE)
    ids = [r.id for r in plan.rooms]
    return {_ordered(ids[i], ids[j]) for i, j in zip(left[within].tolist(), right[within].tolist(), strict=True)}


def _corner_sharing(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i, j), i < j, of polygons with a corner at the very same point (some more than once).

    Their distance is 0, so they need no distance test: most rooms that touch
    meet at corners (coordinates are snapped), and the test costs most on the
    long walls of large rooms.
    """
    xy, room = shapely.get_coordinates(geoms, return_index=True)
    point = xy[:, 0] + 1j * xy[:, 1]
    order = np.argsort(point, kind="stable")  # by x, then y (complex order), then room (as listed)
    point, room = point[order], room[order]
    corner = np.cumsum(np.concatenate([[True], point[1:] != point[:-1]])) - 1
    once = np.concatenate([[True], (corner[1:] != corner[:-1]) | (room[1:] != room[:-1])])  # a ring's closing point, or a room twice
    corner, room = corner[once], room[once]
    later = np.searchsorted(corner, corner, side="right") - np.arange(len(corner)) - 1  # the rooms after each at its corner
    return np.repeat(room, later), room[ranges(np.arange(len(corner)) + 1, later)]


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


#: A door or opening between two rooms, with its middle and its width (``length``).
_Feat = tuple[Door | Opening, tuple[float, float], float]


def _features(plan: Plan) -> dict[tuple[str, str], list[_Feat]]:
    """The doors and openings between two rooms, with their middles and widths, by pair of rooms (their ids in order)."""
    between = [p for p in passages(plan) if len(p.rooms) == 2 and p.rooms[0] != p.rooms[1]]
    feats: dict[tuple[str, str], list[_Feat]] = {}
    if not between:
        return feats
    lines = [p.feature.geometry for p in between]
    widths = shapely.length(np.array(lines, dtype=object)).tolist()  # each ``length``, in one call
    for p, mid, width in zip(between, _midpoints([p.feature for p in between]), widths, strict=True):
        feats.setdefault(_ordered(*p.rooms), []).append((p.feature, mid, width))
    return feats


def _partitions(plan: Plan) -> list[Partition]:
    """Every partition of the plan: rooms that touch or that a door or opening joins, sorted by their ids.

    Each room's height and wall rating are read once, and the shared lines' lengths in one call over all pairs.
    """
    feats = _features(plan)
    pairs = sorted(_touching(plan) | feats.keys())
    lines = _shared_lines(plan, pairs)
    sides: dict[str, _Side] = {}
    for rid in {rid for pair in pairs for rid in pair}:
        room = plan.room(rid)
        sides[rid] = (rid, room_height(room), wall_rating(room))
    lengths = _lengths(lines)
    parts = []
    for (ida, idb), line, length, where in zip(pairs, lines, lengths, _points_on(lines), strict=True):
        between = feats.get((ida, idb), [])
        if line is None:
            length = sum(width for _, _, width in between)
        part = _partition(sides[ida], sides[idb], length, where, between)
        if part is not None and (part.length >= MIN_SHARED or between):  # a door or opening makes a partition however short
            parts.append(part)
    return parts


def _lengths(lines: list[BaseGeometry | None]) -> list[float]:
    """Each line's length (0 for none), in one call over all."""
    return shapely.length(np.array(lines, dtype=object)).tolist() if lines else []


@lru_cache(maxsize=64)
def acoustic_rooms(plan: Plan) -> dict[str, RoomAcoustics]:
    """The plan's rooms read acoustically, by id in plan order (cached per plan; not to be changed).

    Without the partitions, whose shared walls cost most of ``acoustic_plan``: what a room's own
    reverberation, or whether the plan has a room to judge at all, needs.
    """
    odd = implausible_rooms(plan)  # a slip or a relabelled hall is no noise source
    return {r.id: _room(plan, r, is_open, r.id not in odd) for r, is_open in zip(plan.rooms, _open_rooms(plan.rooms), strict=True)}


@lru_cache(maxsize=64)
def acoustic_plan(plan: Plan) -> AcousticPlan:
    """The plan's rooms and partitions, read acoustically (cached per plan)."""
    rooms = acoustic_rooms(plan)
    parts = _partitions(plan)
    by_room: dict[str, list[int]] = {}
    for i, part in enumerate(parts):
        by_room.setdefault(part.a, []).append(i)
        by_room.setdefault(part.b, []).append(i)
    return AcousticPlan(rooms=rooms, partitions=tuple(parts), by_room={k: tuple(v) for k, v in by_room.items()})

