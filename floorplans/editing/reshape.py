"""Reshaping a room by its handles: move one corner, or move one wall along its normal.

Rooms in a plan share walls by having coincident edges (there are no wall
features), so a wall is moved in every room that has an edge along it: the
neighbour's coincident edge moves too and the two rooms stay adjacent, with
neither a gap nor an overlap. Doors, openings and windows on a moved wall go
with it; those on a wall that only stretches keep their distance from the
corner that stays. The result is checked like every edit (``check_edit``),
so a move that would break the plan is refused with the room named.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from ..model import Door, Opening, Plan, Room, Window, evolve
from ..problems import Problem
from ..topology import ON_WALL_TOLERANCE
from .grid import DEFAULT_GRID, snap
from .result import EditResult, check_edit, problem
from .walls import CORNER_MARGIN
from .wording import sentence

__all__ = ["move_edge", "move_vertex", "wall_run"]

XY = tuple[float, float]
#: Points closer than this (m) are the same point; coordinates are kept to the millimetre.
_SAME = 1e-3


@dataclass(frozen=True)
class _Vertex:
    """A ring corner after the edit, and where it was before (``old``), so openings can follow their wall."""

    old: XY
    new: XY


def _ring_points(ring: Sequence[Sequence[float]]) -> list[XY]:
    """The ring's corners without the closing repeat."""
    pts = [(float(x), float(y)) for x, y in ring]
    return pts[:-1] if len(pts) > 1 and pts[0] == pts[-1] else pts


def _dist_to_line(p: XY, a: XY, b: XY) -> float:
    """Distance of p from the infinite line through a and b."""
    length = math.dist(a, b)
    if length == 0:
        return math.dist(p, a)
    return abs((b[0] - a[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (b[1] - a[1])) / length


def _along(p: XY, a: XY, b: XY) -> float:
    """Where p projects on the line a->b, in metres from a."""
    length = math.dist(a, b)
    return ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / length


def wall_run(ring: Sequence[Sequence[float]], index: int) -> tuple[int, int]:
    """The straight wall that edge ``index`` (corner index -> index + 1) belongs to, as (first, last) corner indices.

    Imported and drawn rooms often have extra corners along a straight wall
    (where a neighbour's wall meets it); a wall handle moves the whole
    straight stretch, not just the piece between two such corners.
    """
    pts = _ring_points(ring)
    n = len(pts)
    a, b = pts[index % n], pts[(index + 1) % n]
    first, last = index % n, (index + 1) % n
    for _ in range(n):
        prev = (first - 1) % n
        if prev == last or _dist_to_line(pts[prev], a, b) > _SAME:
            break
        first = prev
    for _ in range(n):
        nxt = (last + 1) % n
        if nxt == first or _dist_to_line(pts[nxt], a, b) > _SAME:
            break
        last = nxt
    return first, last


def _outward_normal(pts: Sequence[XY], a: XY, b: XY) -> XY:
    """The unit normal of the edge a->b pointing out of the ring (exterior rings may run either way)."""
    area2 = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, [*pts[1:], pts[0]], strict=True))
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    right = (dy / length, -dx / length)
    return right if area2 > 0 else (-right[0], -right[1])


def _shift_wall(ring: Sequence[Sequence[float]], a: XY, b: XY, v: XY) -> list[_Vertex] | None:
    """The ring with its stretch along the wall a-b moved by v; None when it has no edge along that wall.

    The ring is first split at a and b where they fall inside one of its
    edges along the wall; where the ring goes on along the wall's line past
    a or b, the corner there stays and the moved one is added beside it (a
    step), so only the shared stretch moves.
    """
    pts = _ring_points(ring)
    n = len(pts)
    length = math.dist(a, b)

    def on_line(p: XY) -> bool:
        return _dist_to_line(p, a, b) <= _SAME

    def inside(p: XY) -> bool:
        return on_line(p) and -_SAME <= _along(p, a, b) <= length + _SAME

    split: list[XY] = []
    for i in range(n):
        p, q = pts[i], pts[(i + 1) % n]
        split.append(p)
        if on_line(p) and on_line(q):
            tp, tq = _along(p, a, b), _along(q, a, b)
            cuts = [t for t in (0.0, length) if min(tp, tq) + _SAME < t < max(tp, tq) - _SAME]
            cuts.sort(reverse=tp > tq)
            split += [(a[0] + (b[0] - a[0]) * t / length, a[1] + (b[1] - a[1]) * t / length) for t in cuts]
    m = len(split)
    # a corner moves when it starts or ends an edge that runs along the wall, within it
    moving = [False] * m
    for i in range(m):
        p, q = split[i], split[(i + 1) % m]
        if math.dist(p, q) > _SAME and inside(p) and inside(q):
            moving[i] = moving[(i + 1) % m] = True
    if not any(moving):
        return None
    out: list[_Vertex] = []
    for i in range(m):
        p = split[i]
        if not moving[i]:
            out.append(_Vertex(p, p))
            continue
        prev, nxt = split[(i - 1) % m], split[(i + 1) % m]
        moved = (p[0] + v[0], p[1] + v[1])
        step_before = not moving[(i - 1) % m] and on_line(prev)
        step_after = not moving[(i + 1) % m] and on_line(nxt)
        if step_before:
            out.append(_Vertex(p, p))
        out.append(_Vertex(p, moved))
        if step_after:
            out.append(_Vertex(p, p))
    return out


def _shift_vertex(ring: Sequence[Sequence[float]], old: XY, new: XY) -> list[_Vertex] | None:
    """The ring with its corner at ``old`` moved to ``new``; None when it has no corner there."""
    pts = _ring_points(ring)
    hit = False
    out = []
    for p in pts:
        if math.dist(p, old) <= _SAME:
            out.append(_Vertex(p, new))
            hit = True
        else:
            out.append(_Vertex(p, p))
    return out if hit else None


def _rebuild(plan: Plan, shift: Callable[[Sequence[Sequence[float]]], list[_Vertex] | None],
             ) -> tuple[Plan, list[tuple[_Vertex, _Vertex]], list[str]] | Problem:
    """Every room's rings passed through ``shift``: the new plan, the edges before/after, the rooms that changed.

    A room squashed to a line or a point is a problem naming it.
    """
    edges: list[tuple[_Vertex, _Vertex]] = []
    changed: list[str] = []
    new_plan = plan
    for room in plan.rooms:
        rings = []
        touched = False
        for ring in room.rings:
            verts = shift(ring)
            if verts is None:
                rings.append([(float(x), float(y)) for x, y in ring])
                continue
            touched = True
            edges += list(zip(verts, [*verts[1:], verts[0]], strict=True))
            pts = [v.new for v in verts]
            cleaned = [p for i, p in enumerate(pts) if math.dist(p, pts[i - 1]) > _SAME or len(pts) == 1]
            rings.append([*cleaned, cleaned[0]] if cleaned else [])
        if touched:
            changed.append(room.id)
            try:
                new_plan = new_plan.with_feature(evolve(room, rings=rings))
            except ValidationError:
                return problem("invalid-polygon", f"room {room.label!r} would have no area left", room.id)
    return new_plan, edges, changed


def _carry_openings(before: Plan, after: Plan, edges: list[tuple[_Vertex, _Vertex]]) -> Plan | Problem:
    """Doors, openings and windows follow the wall they sit on.

    An opening on an edge whose two ends moved alike moves with it; on an
    edge that stretched or turned, it keeps its distance from the end that
    moved least, slid back along the wall if the wall got too short for it
    there. One that no longer fits at all is a problem naming it.
    """
    items: list[Door | Opening | Window] = [*before.doors, *before.openings, *before.windows]
    for item in items:
        p, q = (float(item.points[0][0]), float(item.points[0][1])), (float(item.points[1][0]), float(item.points[1][1]))
        for s, e in edges:
            if math.dist(s.old, e.old) <= _SAME:
                continue
            if not all(_dist_to_line(x, s.old, e.old) <= ON_WALL_TOLERANCE
                       and -ON_WALL_TOLERANCE <= _along(x, s.old, e.old) <= math.dist(s.old, e.old) + ON_WALL_TOLERANCE
                       for x in (p, q)):
                continue
            if s.old == s.new and e.old == e.new:
                break  # its wall did not move
            if math.dist(s.old, s.new) <= math.dist(e.old, e.new):
                anchor_old, anchor_new, far_old, far_new = s.old, s.new, e.old, e.new
            else:
                anchor_old, anchor_new, far_old, far_new = e.old, e.new, s.old, s.new
            new_len = math.dist(anchor_new, far_new)
            ts = [_along(x, anchor_old, far_old) for x in (p, q)]
            if max(ts) > new_len:
                back = max(ts) - new_len + (CORNER_MARGIN if new_len > item.length + CORNER_MARGIN else 0.0)
                ts = [t - back for t in ts]
            if new_len <= _SAME or min(ts) < -_SAME:
                return problem(f"{item.feature}-off-wall", f"the {item.feature} {item.id} ({item.length:.2f} m) would no longer "
                               f"fit on its wall ({max(new_len, 0):.2f} m left)", item.id)
            ux, uy = (far_new[0] - anchor_new[0]) / new_len, (far_new[1] - anchor_new[1]) / new_len
            moved = [(anchor_new[0] + ux * t, anchor_new[1] + uy * t) for t in ts]
            after = after.with_feature(evolve(item, points=moved))
            break
    return after


def _refused_for(room: Room, result: EditResult, what: str) -> EditResult:
    """A refused reshape whose message names the room (the problem itself names the feature it is about)."""
    if result.ok:
        return result
    why = result.problems[0] if result.problems else result.message
    return EditResult(plan=result.plan, ok=False, message=f"cannot {what} of room {room.label!r}: {why}",
                      problems=result.problems, changed=False, feature_id=room.id)


def _room_and_ring(plan: Plan, room_id: str, index: int) -> tuple[Room, list[XY]] | EditResult:
    room = plan.get(room_id)
    if not isinstance(room, Room):
        return EditResult.refused(plan, problem("unknown-feature", f"there is no room with id {room_id!r}", room_id))
    pts = _ring_points(room.rings[0])
    if not 0 <= index < len(pts):
        return EditResult.refused(plan, problem("bad-index", f"room {room.label!r} has {len(pts)} corners; there is no number {index}", room_id))
    return room, pts


def _reshaped(plan: Plan, room: Room, shift: Callable[[Sequence[Sequence[float]]], list[_Vertex] | None], what: str) -> tuple[Plan, list[str]] | EditResult:
    """Every ring reshaped by ``shift``, the openings on moved walls carried along; the new plan and the
    other rooms that changed with ``room``, or the refusal naming the room."""
    rebuilt = _rebuild(plan, shift)
    if isinstance(rebuilt, Problem):
        return _refused_for(room, EditResult.refused(plan, rebuilt), what)
    after, edges, changed = rebuilt
    carried = _carry_openings(plan, after, edges)
    if isinstance(carried, Problem):
        return _refused_for(room, EditResult.refused(plan, carried), what)
    return carried, [r for r in changed if r != room.id]


def move_vertex(plan: Plan, room_id: str, index: int, x: float, y: float, *, grid: float | None = DEFAULT_GRID) -> EditResult:
    """Move corner ``index`` of the room's outline to (x, y), snapped; neighbours' corners at the same point move too."""
    found = _room_and_ring(plan, room_id, index)
    if isinstance(found, EditResult):
        return found
    room, pts = found
    try:
        new = (snap(float(x), grid), snap(float(y), grid))
    except (TypeError, ValueError):
        return EditResult.refused(plan, problem("invalid-value", f"({x!r}, {y!r}) is not a pair of numbers", room_id))
    old = pts[index]
    if math.dist(old, new) <= _SAME:
        return EditResult.unchanged(plan, f"the corner of {room.label} did not move (less than half a grid step)")
    reshaped = _reshaped(plan, room, lambda ring: _shift_vertex(ring, old, new), "move that corner")
    if isinstance(reshaped, EditResult):
        return reshaped
    after, others = reshaped
    extra = f" (and of {', '.join(plan.room(r).label for r in others)})" if others else ""
    result = check_edit(plan, after, sentence(f"moved a corner of {room.label}{extra} to ({new[0]:g}, {new[1]:g})"), room.id)
    return _refused_for(room, result, "move that corner")


def move_edge(plan: Plan, room_id: str, index: int, offset: float, *, grid: float | None = DEFAULT_GRID) -> EditResult:
    """Move the wall that edge ``index`` belongs to by ``offset`` metres along its outward normal (positive: the room grows).

    The offset is snapped to the grid. Every room with an edge along the
    moved stretch of wall has that edge moved too (a shared wall moves in
    both rooms), and what sits on the wall goes with it.
    """
    found = _room_and_ring(plan, room_id, index)
    if isinstance(found, EditResult):
        return found
    room, pts = found
    try:
        d = snap(float(offset), grid)
    except (TypeError, ValueError):
        return EditResult.refused(plan, problem("invalid-value", f"offset {offset!r} is not a number", room_id))
    if d == 0:
        return EditResult.unchanged(plan, f"the wall of {room.label} did not move (less than half a grid step)")
    first, last = wall_run(pts, index)
    a, b = pts[first], pts[last]
    nx, ny = _outward_normal(pts, pts[index], pts[(index + 1) % len(pts)])
    v = (d * nx, d * ny)
    reshaped = _reshaped(plan, room, lambda ring: _shift_wall(ring, a, b, v), "move that wall")
    if isinstance(reshaped, EditResult):
        return reshaped
    after, others = reshaped
    extra = f"; {', '.join(plan.room(r).label for r in others)} moved with it" if others else ""
    direction = "out" if d > 0 else "in"
    result = check_edit(plan, after, sentence(f"moved a wall of {room.label} {abs(d):g} m {direction}{extra}"), room.id)
    return _refused_for(room, result, "move that wall")
