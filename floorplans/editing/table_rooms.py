"""Applying the edited rooms table: each row read in named steps, then the rooms replaced at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..model import PRIVATE_KINDS, AcousticFinish, Plan, Room, RoomKind, evolve
from ..problems import Problem
from .grid import closed_ring, new_id, snap
from .result import EditResult, check_edit, problem
from .tables import all_given, change_summary, flag, missing, number, parse_coords, rooms_table, row_id, same
from .walls import attached_features

__all__ = ["apply_rooms_table"]

_CORNERS = ("x0", "y0", "x1", "y1")
Ring = list[tuple[float, float]]


def apply_rooms_table(plan: Plan, rows: Sequence[Mapping[str, Any]], *, grid: float | None = None) -> EditResult:
    """Rebuild the plan's rooms from edited table rows.

    Changed rectangle corners (x0..y1) reshape a room as that rectangle;
    otherwise changed ``coords`` reshape it as that polygon; unchanged
    geometry keeps the original rings (holes included). A row without an id
    is a new room; a room whose row is gone is deleted with its doors and
    windows. Precise numbers are kept unless a ``grid`` is given.
    """
    problems: list[Problem] = []
    rooms = _rooms_from_rows(plan, rows, grid, problems)
    if problems:
        return EditResult.refused(plan, *problems)
    return _replace_rooms(plan, rooms)


@dataclass(frozen=True)
class _RoomRow:
    """One row of the table: its cells, its id, how messages name it, and the room it edits with that room's row as shown."""

    cells: Mapping[str, Any]
    rid: str
    label: str
    original: Room | None
    shown: Mapping[str, Any]


class _SkipRow(Exception):
    """A row that cannot become a room: its problem is recorded and the next row is read."""

    def __init__(self, why: Problem) -> None:
        super().__init__(why.message)
        self.problem = why


def _rooms_from_rows(plan: Plan, rows: Sequence[Mapping[str, Any]], grid: float | None, problems: list[Problem]) -> list[Room]:
    """The rooms the rows describe, in table order; every row that cannot be used adds to ``problems``."""
    old = {r.id: r for r in plan.rooms}
    shown = {row["id"]: row for row in rooms_table(plan)}
    rooms: list[Room] = []
    seen: set[str] = set()
    for index, cells in enumerate(rows, start=1):
        rid = row_id(cells)
        label = f"row {index}" + (f" ({rid})" if rid else "")
        if rid is None:
            rid = new_id(plan, "room", seen)
        if rid in seen:
            problems.append(problem("duplicate-id", f"{label}: the id {rid!r} appears twice in the table", rid))
            continue
        seen.add(rid)
        row = _RoomRow(cells, rid, label, old.get(rid), shown.get(rid, {}))
        try:
            rooms.append(_room_from_row(row, grid, problems))
        except _SkipRow as skip:
            problems.append(skip.problem)
    return rooms


def _room_from_row(row: _RoomRow, grid: float | None, problems: list[Problem]) -> Room:
    """The room one row describes: kind, shape, capacity, name and public flag, validated as a Room."""
    kind = _row_kind(row)
    rings = _row_rings(row, grid, problems)
    capacity = _row_capacity(row, problems)
    name = "" if missing(row.cells.get("name")) else str(row.cells["name"])
    data = {"id": row.rid, "kind": kind, "name": name, "capacity": capacity, "public": _row_public(row, kind), "rings": rings,
            **_row_physical(row, problems)}
    try:
        return evolve(row.original, **data) if row.original is not None else Room.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        code = "invalid-polygon" if not field or field.startswith("rings") else "invalid-value"
        raise _SkipRow(problem(code, f"{row.label}: {field + ': ' if field and code == 'invalid-value' else ''}{err['msg']}", row.rid)) from exc


def _row_kind(row: _RoomRow) -> RoomKind:
    """The kind cell, or the room's kind when left empty (a new room must name one)."""
    value = row.cells.get("kind")
    if missing(value):
        if row.original is None:
            raise _SkipRow(problem("unknown-kind", f"{row.label}: a new room needs a kind", row.rid))
        return row.original.kind
    try:
        return RoomKind(str(value).strip())
    except ValueError:
        raise _SkipRow(problem("unknown-kind", f"{row.label}: {value!r} is not a room kind", row.rid)) from None


def _row_rings(row: _RoomRow, grid: float | None, problems: list[Problem]) -> list[Ring]:
    """The room's shape: changed corners win over changed coords; unchanged keeps the original rings."""
    corners = [number(row.cells, k, row.label, problems, row.rid) for k in _CORNERS]
    rect = all_given(corners)
    if rect is not None and _corners_changed(row, corners):
        return [_rectangle(row, rect, grid)]
    coords = row.cells.get("coords")
    if not missing(coords) and (row.original is None or str(coords).strip() != row.shown.get("coords")):
        return [_polygon(row, str(coords), grid)]
    if row.original is not None:
        return row.original.rings
    raise _SkipRow(problem("invalid-polygon", f"{row.label}: give the new room x0, y0, x1, y1 or coords", row.rid))


def _corners_changed(row: _RoomRow, corners: Sequence[float | None]) -> bool:
    return row.original is None or not all(same(c, row.shown.get(k)) for c, k in zip(corners, _CORNERS, strict=True))


def _rectangle(row: _RoomRow, corners: Sequence[float], grid: float | None) -> Ring:
    x0, y0, x1, y1 = (snap(c, grid) for c in corners)
    if x1 <= x0 or y1 <= y0:
        raise _SkipRow(problem("invalid-polygon", f"{row.label}: the rectangle needs x1 > x0 and y1 > y0 (got {x0:g}..{x1:g} × {y0:g}..{y1:g})", row.rid))
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]


def _polygon(row: _RoomRow, text: str, grid: float | None) -> Ring:
    try:
        ring = closed_ring(parse_coords(text), grid)  # snapping refuses nan and inf
    except ValueError as exc:
        raise _SkipRow(problem("invalid-polygon", f"{row.label}: coords {exc}", row.rid)) from exc
    if len(ring) < 4:
        raise _SkipRow(problem("invalid-polygon", f"{row.label}: a room needs at least 3 corners, got {max(len(ring) - 1, 0)}", row.rid))
    return ring


def _row_capacity(row: _RoomRow, problems: list[Problem]) -> int | None:
    value = number(row.cells, "capacity", row.label, problems, row.rid)
    capacity = None if value is None else int(value)
    if capacity is not None and capacity < 0:
        raise _SkipRow(problem("invalid-value", f"{row.label}: capacity cannot be negative", row.rid))
    return capacity


def _row_physical(row: _RoomRow, problems: list[Problem]) -> dict[str, Any]:
    """Height, acoustic finish and wall rating given in the row (an empty cell keeps the room's, or the default)."""
    out: dict[str, Any] = {}
    for key in ("height", "wall_sound_rating"):
        value = number(row.cells, key, row.label, problems, row.rid)
        if value is not None:
            out[key] = value
    finish = row.cells.get("acoustic_finish")
    if not missing(finish):
        try:
            out["acoustic_finish"] = AcousticFinish(str(finish).strip())
        except ValueError:
            raise _SkipRow(problem("invalid-value", f"{row.label}: acoustic_finish {finish!r} is not one of "
                                                    f"{', '.join(f.value for f in AcousticFinish)}", row.rid)) from None
    return out


def _row_public(row: _RoomRow, kind: RoomKind) -> bool | None:
    """The public flag to store: None while it agrees with what the kind implies (and no flag was set before)."""
    by_kind = kind not in PRIVATE_KINDS
    public = flag(row.cells.get("public"), row.original.is_public if row.original is not None else by_kind)
    keeps_default = public == by_kind and (row.original is None or row.original.public is None)
    return None if keeps_default else public


def _replace_rooms(plan: Plan, rooms: list[Room]) -> EditResult:
    """The plan with these rooms; a room left out goes with the doors and windows on its walls."""
    old = {r.id: r for r in plan.rooms}
    kept = {r.id for r in rooms}
    new_plan = plan.replace(rooms=tuple(rooms))
    removed = [rid for rid in old if rid not in kept]
    for rid in removed:
        for f in attached_features(plan, old[rid]):
            new_plan = new_plan.without(f.id)
    changed = [r.id for r in rooms if old.get(r.id) is None or old[r.id] != r]
    if not changed and not removed:
        return EditResult.unchanged(plan)
    return check_edit(plan, new_plan, change_summary("rooms", changed, removed), changed[0] if changed else None)
