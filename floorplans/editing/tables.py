"""The plan as editable tables (one row per room, door or window) and the readers for edited cells.

The designer's table editor shows ``rooms_table`` / ``doors_table`` /
``windows_table`` and hands the edited rows to ``apply_rooms_table`` /
``apply_doors_table`` / ``apply_windows_table``; cells come back as whatever
the grid widget holds (None, NaN, text or numbers).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..model import Plan, Room
from ..problems import Problem
from .grid import new_id
from .result import EditResult, check_edit, problem

__all__ = ["DOOR_COLUMNS", "ROOM_COLUMNS", "WINDOW_COLUMNS", "doors_table", "format_coords", "parse_coords", "rooms_table",
           "windows_table"]

ROOM_COLUMNS = ("id", "kind", "name", "capacity", "public", "height", "acoustic_finish", "wall_sound_rating",
                "x0", "y0", "x1", "y1", "coords", "area")
DOOR_COLUMNS = ("id", "x1", "y1", "x2", "y2", "clear_width", "threshold_mm", "entrance", "automatic", "sound_rating")
WINDOW_COLUMNS = ("id", "x1", "y1", "x2", "y2", "view", "sill", "head", "light_transmittance", "glass_area")


def _rect_of(room: Room) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) when the room is an axis-aligned rectangle without holes."""
    if len(room.rings) != 1:
        return None
    geom = room.geometry
    minx, miny, maxx, maxy = geom.bounds
    if abs(geom.area - (maxx - minx) * (maxy - miny)) > 1e-6:
        return None
    return (minx, miny, maxx, maxy)


def format_coords(ring: Sequence[Sequence[float]]) -> str:
    """A ring as ``x y; x y; ...`` without the closing point (what the table shows)."""
    points = list(ring)[:-1] if len(ring) > 1 and tuple(ring[0]) == tuple(ring[-1]) else list(ring)
    return "; ".join(f"{x:g} {y:g}" for x, y in points)


def parse_coords(text: str) -> list[tuple[float, float]]:
    """``x y; x y; ...`` (also ``x,y x,y`` or a WKT POLYGON) as a list of points."""
    text = text.strip()
    if text.upper().startswith("POLYGON"):
        inner = text[text.index("(") :].strip("() ")
        text = inner.split(")")[0].strip("( ")
        pairs = [p.split() for p in text.split(",")]
    elif ";" in text:
        pairs = [p.replace(",", " ").split() for p in text.split(";")]
    else:
        pairs = [p.split(",") for p in text.split()]
    points = []
    for pair in pairs:
        if not pair or all(not s.strip() for s in pair):
            continue
        if len(pair) != 2:
            raise ValueError(f"{' '.join(pair)!r} is not an 'x y' pair")
        points.append((float(pair[0]), float(pair[1])))
    return points


def rooms_table(plan: Plan) -> list[dict[str, Any]]:
    """One row per room: the editable fields, rectangle corners where it is one, else its coordinates."""
    rows = []
    for room in plan.rooms:
        rect = _rect_of(room)
        rows.append({
            "id": room.id,
            "kind": room.kind.value,
            "name": room.name,
            "capacity": room.capacity,
            "public": room.is_public,
            "height": room.height,
            "acoustic_finish": room.acoustic_finish.value,
            "wall_sound_rating": room.wall_sound_rating,
            "x0": rect[0] if rect else None,
            "y0": rect[1] if rect else None,
            "x1": rect[2] if rect else None,
            "y1": rect[3] if rect else None,
            "coords": format_coords(room.rings[0]),
            "area": round(room.geometry.area, 2),
        })
    return rows


def doors_table(plan: Plan) -> list[dict[str, Any]]:
    """One row per door with its end points and properties."""
    return [
        {
            "id": d.id,
            "x1": d.points[0][0], "y1": d.points[0][1], "x2": d.points[1][0], "y2": d.points[1][1],
            "clear_width": d.clear_width, "threshold_mm": d.threshold_mm,
            "entrance": d.entrance, "automatic": d.automatic, "sound_rating": d.sound_rating,
        }
        for d in plan.doors
    ]


def windows_table(plan: Plan) -> list[dict[str, Any]]:
    """One row per window: its end points, view, glass heights and light transmittance (glass area shown, not edited)."""
    return [
        {
            "id": w.id,
            "x1": w.points[0][0], "y1": w.points[0][1], "x2": w.points[1][0], "y2": w.points[1][1],
            "view": w.view.value if w.view is not None else None,
            "sill": w.sill, "head": w.head, "light_transmittance": w.light_transmittance,
            "glass_area": round(w.glass_area, 2),
        }
        for w in plan.windows
    ]


# --------------------------------------------------------------------------- reading edited cells


def missing(value: Any) -> bool:
    """An empty cell: None, NaN (what a cleared number cell holds) or blank text."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def number(row: Mapping[str, Any], key: str, label: str, problems: list[Problem], fid: str | None) -> float | None:
    """The cell as a finite number, None when empty; a cell that is not one adds a problem."""
    value: Any = row.get(key)
    if missing(value):
        return None
    try:
        parsed = float(value)
    except (TypeError, ValueError):
        problems.append(problem("invalid-value", f"{label}: {key} = {value!r} is not a number", fid))
        return None
    if not math.isfinite(parsed):
        problems.append(problem("invalid-value", f"{label}: {key} = {value!r} is not a finite number", fid))
        return None
    return parsed


def all_given(values: Sequence[float | None]) -> list[float] | None:
    """The numbers when every one is given, else None."""
    given = [v for v in values if v is not None]
    return given if len(given) == len(values) else None


def flag(value: Any, default: bool) -> bool:
    """A yes/no cell: ticked, or text such as "yes", "ja", "x"; empty means ``default``."""
    if missing(value):
        return default
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1", "ja", "x"}
    return bool(value)


def same(a: float | None, b: float | None) -> bool:
    """Two cell numbers equal to half a millimetre (both empty counts as equal)."""
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 5e-4)


def row_id(row: Mapping[str, Any]) -> str | None:
    """The row's id cell, trimmed; None for a new row."""
    return None if missing(row.get("id")) else str(row["id"]).strip()


def change_summary(what: str, changed: Sequence[str], removed: Sequence[str]) -> str:
    """``rooms: changed r1, r2; removed r3`` for the edit's message."""
    parts = ([f"changed {', '.join(changed)}"] if changed else []) + ([f"removed {', '.join(removed)}"] if removed else [])
    return f"{what}: " + "; ".join(parts)


def apply_feature_rows(plan: Plan, rows: Sequence[Mapping[str, Any]], feature: str, field: str,
                       build: Callable[[Mapping[str, Any], str, str, Any, list[Problem]], Any]) -> EditResult:
    """Rebuild one kind of feature (``plan.<field>``) from edited table rows; a row without an id is a new one.

    ``build(row, id, label, original, problems)`` makes the feature of one row, or returns None with a
    problem added. Shared by the doors and windows tables, so ids, duplicates and the summary agree.
    """
    problems: list[Problem] = []
    old = {f.id: f for f in getattr(plan, field)}
    built: list[Any] = []
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        fid = row_id(row)
        label = f"{feature} row {index}" + (f" ({fid})" if fid else "")
        if fid is None:
            fid = new_id(plan, feature, seen)
        if fid in seen:
            problems.append(problem("duplicate-id", f"{label}: the id {fid!r} appears twice in the table", fid))
            continue
        seen.add(fid)
        made = build(row, fid, label, old.get(fid), problems)
        if made is not None:
            built.append(made)
    if problems:
        return EditResult.refused(plan, *problems)
    changed = [f.id for f in built if old.get(f.id) != f]
    removed = [fid for fid in old if fid not in seen]
    if not changed and not removed:
        return EditResult.unchanged(plan)
    return check_edit(plan, plan.replace(**{field: tuple(built)}), change_summary(field, changed, removed),
                      changed[0] if changed else None)
