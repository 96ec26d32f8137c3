"""The JSON the plan-editor component draws: a plan plus overlays, in plain lists.

Pure (no streamlit), so what the browser receives is unit-tested. The
component (planner/designer/editor) renders exactly this payload.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from floorplans.drawing import KIND_COLOURS
from floorplans.model import Plan, Room, RoomKind

__all__ = ["editor_payload", "room_colour", "polygon_rings", "BOUNDS_MARGIN"]

#: Space around the building (m), so rooms can be drawn against its outside walls.
BOUNDS_MARGIN = 6.0

_FALLBACK = "#DDDDDD"


def room_colour(kind: RoomKind) -> str:
    """The room's fill, the same as in floorplans.drawing's pictures (Paul Tol light/pale)."""
    return KIND_COLOURS.get(kind, _FALLBACK)


def polygon_rings(geometry: BaseGeometry | None) -> list[list[list[float]]]:
    """All rings of a (multi)polygon as lists of [x, y], for an SVG path."""
    if geometry is None or geometry.is_empty:
        return []
    polygons: Iterable[Polygon]
    if isinstance(geometry, Polygon):
        polygons = [geometry]
    elif isinstance(geometry, MultiPolygon):
        polygons = geometry.geoms
    else:
        polygons = [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]
    rings: list[list[list[float]]] = []
    for poly in polygons:
        rings.append([[round(x, 3), round(y, 3)] for x, y in poly.exterior.coords])
        rings += [[[round(x, 3), round(y, 3)] for x, y in hole.coords] for hole in poly.interiors]
    return rings


def _bounds(plan: Plan) -> list[float]:
    if not plan.rooms:
        return [0.0, 0.0, 20.0, 15.0]
    xs = [x for r in plan.rooms for x, _ in r.rings[0]]
    ys = [y for r in plan.rooms for _, y in r.rings[0]]
    m = BOUNDS_MARGIN
    return [round(min(xs) - m, 3), round(min(ys) - m, 3), round(max(xs) + m, 3), round(max(ys) + m, 3)]


def _label_point(room: Room) -> list[float]:
    geom = room.geometry
    point = geom.representative_point() if geom.is_valid and not geom.is_empty else geom.centroid
    return [round(point.x, 3), round(point.y, 3)]


def editor_payload(
    plan: Plan,
    *,
    version: str | int = "",
    grid: float = 0.1,
    highlight: Iterable[str] = (),
    selected: str | None = None,
    isovist: BaseGeometry | None = None,
    viewpoint: Sequence[float] | None = None,
    route: Sequence[Sequence[float]] | None = None,
    pins: Iterable[dict[str, Any]] = (),
    comments: Iterable[dict[str, Any]] = (),
    heat: tuple[Sequence[float], Sequence[float], Sequence[float]] | None = None,
    heat_cell: float | None = None,
    room_notes: dict[str, str] | None = None,
    finding: dict[str, Any] | None = None,
    message: str = "",
    ack: str | None = None,
    tool: str = "select",
    max_height: int = 0,
) -> dict[str, Any]:
    """Everything the editor draws, as JSON-ready data.

    ``heat`` is (xs, ys, values); values are scaled to 0..1 for colouring.
    ``room_notes`` adds a short note to rooms' labels (the noise overlay's "57 dB"), by room id.
    ``finding`` holds the chosen score finding's own marks (points, polygons, lines).
    ``pins`` are citizens' kiosk pins, ``comments`` staff comments (id, x, y, category, status).
    ``ack`` echoes the ``seq`` of the last action handled, so the component
    knows its edit has been answered (accepted or refused).
    ``max_height`` caps the plan's height in px; 0 lets it fill the width it is
    given, keeping its aspect, up to the screen's height.
    """
    overlays = _overlays(isovist=isovist, viewpoint=viewpoint, route=route, pins=pins, comments=comments,
                         finding=finding, heat=heat, heat_cell=heat_cell)
    return {
        "version": str(version),
        "grid": grid,
        "bounds": _bounds(plan),
        "tool": tool,
        "max_height": max_height,
        **_features(plan, room_notes or {}),
        "highlight": sorted(set(highlight)),
        "selected": selected,
        "overlays": overlays,
        "message": message,
        "ack": ack,
    }


def _features(plan: Plan, room_notes: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The plan's rooms, doors, openings, windows and furniture in plain lists (a room's note after its name)."""
    return {
        "rooms": [
            {
                "id": r.id,
                "kind": r.kind.value,
                "label": f"{r.label} · {room_notes[r.id]}" if r.id in room_notes else r.label,
                "rings": [[[x, y] for x, y in ring] for ring in r.rings],
                "colour": room_colour(r.kind),
                "label_xy": _label_point(r),
            }
            for r in plan.rooms
        ],
        "doors": [{"id": d.id, "points": [list(p) for p in d.points], "entrance": d.entrance} for d in plan.doors],
        "openings": [{"id": o.id, "points": [list(p) for p in o.points]} for o in plan.openings],
        "windows": [{"id": w.id, "points": [list(p) for p in w.points]} for w in plan.windows],
        "furniture": [
            {"id": f.id, "type": f.type, "point": list(f.point) if f.point else None,
             "rings": [[list(p) for p in ring] for ring in f.rings] if f.rings else None}
            for f in plan.furniture
        ],
    }


def _overlays(*, isovist: BaseGeometry | None, viewpoint: Sequence[float] | None,
              route: Sequence[Sequence[float]] | None, pins: Iterable[dict[str, Any]],
              comments: Iterable[dict[str, Any]], finding: dict[str, Any] | None,
              heat: tuple[Sequence[float], Sequence[float], Sequence[float]] | None,
              heat_cell: float | None) -> dict[str, Any]:
    """The layers over the plan, each only when it has something to draw (coordinates to the millimetre)."""
    overlays: dict[str, Any] = {}
    if isovist is not None:
        overlays["isovist"] = polygon_rings(isovist)
    if viewpoint is not None:
        overlays["viewpoint"] = [round(float(viewpoint[0]), 3), round(float(viewpoint[1]), 3)]
    if route:
        overlays["route"] = [[round(float(x), 3), round(float(y), 3)] for x, y in route]
    pin_list = [{"x": round(float(p["x"]), 3), "y": round(float(p["y"]), 3), "category": str(p.get("category", ""))}
                for p in pins]
    if pin_list:
        overlays["pins"] = pin_list
    comment_list = [{"id": int(c["id"]), "x": round(float(c["x"]), 3), "y": round(float(c["y"]), 3),
                     "category": str(c.get("category", "")), "status": str(c.get("status", "open"))}
                    for c in comments]
    if comment_list:
        overlays["comments"] = comment_list
    if finding and any(finding.get(k) for k in ("points", "polygons", "lines")):
        overlays["finding"] = {k: finding.get(k) or [] for k in ("points", "polygons", "lines")}
    if heat is not None and len(heat[2]):
        overlays["heat"] = _heat(heat, heat_cell)
    return overlays


def _heat(heat: tuple[Sequence[float], Sequence[float], Sequence[float]], cell: float | None) -> dict[str, Any]:
    """A field of values as grid cells with the value scaled to 0..1 (and the range, for the legend)."""
    xs, ys, values = (list(map(float, a)) for a in heat)
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    return {
        "cell": cell or _cell_size(xs, ys),
        "cells": [[round(x, 3), round(y, 3), round((v - lo) / span, 3)] for x, y, v in zip(xs, ys, values, strict=True)],
        "min": lo,
        "max": hi,
    }


def _cell_size(xs: Sequence[float], ys: Sequence[float]) -> float:
    """The grid step of a regular field of points (smallest positive gap)."""
    gaps = sorted({round(abs(b - a), 3) for seq in (sorted(set(xs)), sorted(set(ys))) for a, b in zip(seq, seq[1:], strict=False)} - {0.0})
    return gaps[0] if gaps else 0.5
