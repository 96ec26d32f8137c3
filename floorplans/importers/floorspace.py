"""FloorspaceJS (NREL) JSON: stories of vertices, edges and faces; spaces with space types.

A face's ring is the start vertex of each of its edges (``vertex_ids[0]``
where ``edge_order`` is 1, else ``[1]``); spaces join faces by ``face_id``
and types by ``space_type_id``. Units ``ip`` are feet. Faces already tile a
story, so rooms share their walls exactly. Windows sit on edges at
``alpha`` along them, sized by their window definition (a fixed width, a
repeating pattern, or a window-to-wall ratio). Files carry no doors.
A story's ``floor_to_ceiling_height`` becomes its rooms' height; a window's
sill is its definition's ``sill_height`` and its head the sill plus the
definition's ``height`` (a window-to-wall-ratio band, drawn as that share of
the wall's length, runs from the sill up to the ceiling).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeGuard

import numpy as np
from shapely.geometry import LineString, Polygon

from ..model import Plan
from .assemble import SourceOpening, SourceRoom, build_level
from .report import ImportOptions, ImportReport, LevelReport, import_error

__all__ = ["is_floorspace", "floorspace_level_rooms", "floorspace_levels", "read_floorspace"]

_FEET = 0.3048


def is_floorspace(data: Any) -> TypeGuard[dict[str, Any]]:
    return isinstance(data, dict) and isinstance(data.get("stories"), list) and (
        "space_types" in data or "project" in data or any(isinstance(s, dict) and "geometry" in s for s in data["stories"])
    )


def floorspace_levels(data: dict[str, Any]) -> list[str]:
    return list(floorspace_level_rooms(data))


def floorspace_level_rooms(data: dict[str, Any]) -> dict[str, int]:
    """Spaces per story with geometry (by the story's unique name), as the file has them."""
    return {_story_name(s, n, data): len(s.get("spaces") or []) for n, s in enumerate(data["stories"]) if _has_geometry(s)}


def _story_name(story: dict[str, Any], n: int, data: dict[str, Any] | None = None) -> str:
    """The story's name, told apart by its id where two stories share one."""
    name = str(story.get("name") or story.get("id") or f"story {n + 1}")
    if data is not None and sum(1 for s in data["stories"] if isinstance(s, dict) and str(s.get("name") or s.get("id") or "") == name) > 1:
        return f"{name} [{story.get('id') or n + 1}]"
    return name


def _has_geometry(story: Any) -> bool:
    return isinstance(story, dict) and bool((story.get("geometry") or {}).get("faces"))


def read_floorspace(path: Path, data: dict[str, Any], level: str | None, options: ImportOptions) -> tuple[dict[str, Plan], ImportReport]:
    units = str(((data.get("project") or {}).get("config") or {}).get("units") or "ip").lower()
    factor = _FEET if units == "ip" else 1.0
    types = {str(t.get("id")): str(t.get("name") or "") for t in data.get("space_types") or [] if isinstance(t, dict)}
    window_defs = {str(w.get("id")): w for w in data.get("window_definitions") or [] if isinstance(w, dict)}
    stories = [(n, s) for n, s in enumerate(data["stories"]) if isinstance(s, dict)]
    names = [_story_name(s, n, data) for n, s in stories]
    if level is not None:
        stories = [(n, s) for n, s in stories if level in (_story_name(s, n, data), str(s.get("id")))]
        if not stories:
            raise import_error("unknown-level", f"no story {level!r}; the stories are {', '.join(names)}", str(path))
    report = ImportReport(source=str(path), format="floorspacejs")
    if units not in ("ip", "si"):
        report.warnings.append(f"unknown units {units!r}: read as metres")
    plans: dict[str, Plan] = {}
    for n, story in stories:
        name = _story_name(story, n, data)
        lr = LevelReport(level=name)
        if not _has_geometry(story):
            if level is not None:
                raise import_error("no-geometry", f"story {name!r} has no geometry", str(path))
            report.warnings.append(f"story {name!r} has no geometry and was left out")
            continue
        report.levels.append(lr)
        plans[name] = _read_story(story, name, factor, types, window_defs, options, lr)
    if not plans:
        raise import_error("no-geometry", "no story in the file has any faces", str(path))
    return plans, report


def _read_story(story: dict[str, Any], name: str, factor: float, types: dict[str, str], window_defs: dict[str, Any],
                options: ImportOptions, lr: LevelReport) -> Plan:
    geometry = story["geometry"]
    vertices = {str(v["id"]): (float(v["x"]) * factor, float(v["y"]) * factor) for v in geometry.get("vertices") or []}
    edges = {str(e["id"]): e for e in geometry.get("edges") or []}
    faces = {str(f["id"]): f for f in geometry.get("faces") or []}
    ceiling = _length(story.get("floor_to_ceiling_height"), factor)
    rooms: list[SourceRoom] = []
    for space in story.get("spaces") or []:
        label = str(space.get("name") or space.get("id"))
        face = faces.get(str(space.get("face_id")))
        if face is None:
            lr.drop(f"space {label!r}", "it has no face (no geometry) in the story")
            continue
        try:
            ring = _face_ring(face, edges, vertices)
        except KeyError as exc:
            lr.drop(f"space {label!r}", f"its face refers to a missing edge or vertex {exc}")
            continue
        if len(ring) < 3:
            lr.drop(f"space {label!r}", "its face has no edges (no geometry)" if not ring else "its face has fewer than three corners")
            continue
        space_type = types.get(str(space.get("space_type_id")), "")
        rooms.append(SourceRoom(polygon=Polygon(ring), label=label, names=(space_type, label), source=f"space {label!r} ({space_type or 'no type'})",
                                physical={"height": ceiling}))
    windows = []
    for window in story.get("windows") or []:
        edge = edges.get(str(window.get("edge_id")))
        if edge is None:
            lr.drop(f"window {window.get('name') or window.get('id')}", "it refers to a missing edge")
            continue
        a, b = (np.asarray(vertices[str(v)]) for v in edge["vertex_ids"])
        definition = window_defs.get(str(window.get("window_definition_id")))
        heights = _window_heights(definition, factor, ceiling)
        for seg in _window_segments(a, b, float(window.get("alpha", 0.5)), definition, factor):
            windows.append(SourceOpening(geometry=seg, source=f"window {window.get('name') or window.get('id')}", physical=heights))
    doors = []
    for door in story.get("doors") or []:
        edge = edges.get(str(door.get("edge_id")))
        if edge is None:
            continue
        a, b = (np.asarray(vertices[str(v)]) for v in edge["vertex_ids"])
        centre = a + (b - a) * float(door.get("alpha", 0.5))
        u = (b - a) / max(np.hypot(*(b - a)), 1e-9)
        doors.append(SourceOpening(geometry=LineString([centre - 0.45 * u, centre + 0.45 * u]), source=f"door {door.get('name') or door.get('id')}"))
    return build_level(name, rooms, doors, windows, options=options, report=lr, plan_name=name,
                       extra={"source_format": "floorspacejs"}, tiled=True, join="circulation",
                       guess_doors=True)


def _length(value: Any, factor: float) -> float | None:
    """A positive length of the file in metres, else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return round(float(value) * factor, 3)
    return None


def _window_heights(definition: dict[str, Any] | None, factor: float, ceiling: float | None) -> dict[str, float | None]:
    """Sill and head (m) from a window definition: the sill plus its height, or up to the ceiling for a window-to-wall ratio."""
    definition = definition or {}
    sill = _length(definition.get("sill_height"), factor)
    height = _length(definition.get("height"), factor)
    if sill is None:
        return {}
    if height is not None and str(definition.get("window_definition_mode") or "") != "Window to Wall Ratio":
        return {"sill": sill, "head": round(sill + height, 3)}
    return {"sill": sill, "head": ceiling} if ceiling is not None and ceiling > sill else {"sill": sill}


def _face_ring(face: dict[str, Any], edges: dict[str, Any], vertices: dict[str, tuple[float, float]]) -> list[tuple[float, float]]:
    ring = []
    for edge_id, order in zip(face["edge_ids"], face["edge_order"], strict=False):
        edge = edges[str(edge_id)]
        start = edge["vertex_ids"][0] if order == 1 else edge["vertex_ids"][1]
        ring.append(vertices[str(start)])
    return ring


def _window_segments(a: np.ndarray, b: np.ndarray, alpha: float, definition: dict[str, Any] | None, factor: float) -> list[LineString]:
    """Window segments on an edge: one at alpha, a repeating row, or a share of the wall by the window-to-wall ratio."""
    length = float(np.hypot(*(b - a)))
    if length <= 0:
        return []
    u = (b - a) / length
    mode = str((definition or {}).get("window_definition_mode") or "")
    width = (definition or {}).get("width")
    if mode == "Window to Wall Ratio" or not width:
        share = float((definition or {}).get("wwr") or 0.3)
        span = max(min(share, 1.0) * length, 0.2)
        lo = min(max(alpha * length - span / 2, 0.0), length - span)
        return [LineString([a + lo * u, a + (lo + span) * u])]
    w = float(width) * factor
    if mode == "Repeating Windows":
        spacing = float((definition or {}).get("window_spacing") or 0) * factor or 2 * w
        count = max(int(length // spacing), 1)
        centres = [(k + 0.5) * length / count for k in range(count)]
    else:
        centres = [alpha * length]
    return [LineString([a + max(c - w / 2, 0.0) * u, a + min(c + w / 2, length) * u]) for c in centres if w > 0]
