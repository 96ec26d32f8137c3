"""WRLD indoor maps: ``main.json`` plus one lon/lat GeoJSON per level.

Few spaces are typed in these files, so rooms are the pieces of the building
outline left when walls, windows and doors are cut out (the door polygons
sit in the wall gaps; without cutting them out, rooms would merge through
every door). A piece takes the name and type of a typed space covering most
of it. Coordinates are projected to metres around the venue's location,
the same origin for every level.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ..model import Plan
from .assemble import SourceOpening, SourceRoom, build_level, polygon_parts
from .kind_map import CATEGORY_CONFIDENCE, Evidence, category_kind
from .project import LocalProjection
from .report import ImportOptions, ImportReport, LevelReport, import_error

__all__ = ["WRLD_TYPES", "is_wrld_geojson", "read_wrld", "wrld_level_rooms", "wrld_levels"]

#: properties.type values of the WRLD indoor format.
WRLD_TYPES = frozenset({"building_outline", "wall", "door", "window", "room", "bathroom", "stairs", "elevator",
                        "escalator", "inaccessible_space", "floor_opening", "no_geometry", "hallway", "area", "room_outline"})
_CUT = ("wall", "window", "door", "floor_opening")
_IGNORED = {"no_geometry"}


def is_wrld_geojson(data: Any) -> bool:
    """A FeatureCollection whose features are typed the WRLD way (walls, doors, an outline ...)."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return False
    types = {(f.get("properties") or {}).get("type") for f in data.get("features") or [] if isinstance(f, dict)}
    return "building_outline" in types or len(types & {"wall", "door", "window", "room"}) >= 2


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise import_error("import-failed", f"cannot read {path.name} as JSON: {exc}", str(path)) from None


def _level_files(path: Path) -> tuple[list[tuple[str, Path, str]], tuple[float, float] | None, str]:
    """(unique level name, file, level id) in order, the venue location if given, and the venue name."""
    data = _load_json(path)
    if isinstance(data, dict) and isinstance(data.get("levels"), list):
        levels = []
        for n, level in enumerate(data["levels"]):
            if not isinstance(level, dict) or not level.get("filename"):
                raise import_error("import-failed", f"level {n + 1} in {path.name} names no GeoJSON file", str(path))
            levels.append((str(level.get("name") or level.get("id") or n), path.parent / str(level["filename"]), str(level.get("id") or n)))
        counts = Counter(name for name, _, _ in levels)
        levels = [(name if counts[name] == 1 else f"{name} [{level_id}]", file, level_id) for name, file, level_id in levels]
        coords = (data.get("location") or {}).get("coordinates")
        location = (float(coords[0]), float(coords[1])) if isinstance(coords, list) and len(coords) >= 2 else None
        return levels, location, str(data.get("name") or path.parent.name)
    if is_wrld_geojson(data):
        return [(path.stem, path, path.stem)], None, path.stem
    raise import_error("unsupported-format", f"{path.name} is neither a WRLD main.json (with \"levels\") nor a WRLD level GeoJSON", str(path))


def wrld_levels(path: Path) -> list[str]:
    return [name for name, _, _ in _level_files(path)[0]]


#: WRLD feature types that are spaces (rooms or parts of rooms) rather than walls, doors or outlines.
_SPACE_TYPES = WRLD_TYPES - {"building_outline", "wall", "door", "window", "floor_opening", "no_geometry"}


def wrld_level_rooms(path: Path) -> dict[str, int | None]:
    """Typed spaces per level as the files have them (rooms are derived between the walls on import); None: no file."""
    result: dict[str, int | None] = {}
    for name, file, _ in _level_files(path)[0]:
        if not file.is_file():
            result[name] = None
            continue
        data = _load_json(file)
        features = data.get("features") if isinstance(data, dict) else None
        result[name] = sum(1 for f in features or [] if isinstance(f, dict) and (f.get("properties") or {}).get("type") in _SPACE_TYPES)
    return result


def read_wrld(path: Path, level: str | None, options: ImportOptions) -> tuple[dict[str, Plan], ImportReport]:
    levels, location, venue = _level_files(path)
    if level is not None:
        wanted = [item for item in levels if level in (item[0], item[2])]
        if not wanted:
            raise import_error("unknown-level", f"no level {level!r}; the levels are {', '.join(n for n, _, _ in levels)}", str(path))
        levels_to_read = wanted
    else:
        levels_to_read = levels
    datas = {}
    for name, file, _ in levels_to_read:
        if not file.is_file():
            raise import_error("import-failed", f"level {name!r}: the file {file.name} is missing", str(path))
        data = _load_json(file)
        if not is_wrld_geojson(data):
            raise import_error("import-failed", f"level {name!r}: {file.name} is not a WRLD level GeoJSON", str(file))
        datas[name] = data
    if location is None:
        location = _centre(next(iter(datas.values())))
    projection = LocalProjection(*location)
    report = ImportReport(source=str(path), format="wrld")
    plans = {}
    for name, data in datas.items():
        level_report = LevelReport(level=name)
        plans[name] = _read_level(name, data, projection, options, level_report, f"{venue} – level {name}")
        report.levels.append(level_report)
    return plans, report


def _centre(data: dict[str, Any]) -> tuple[float, float]:
    shapes = [shape(f["geometry"]) for f in data["features"] if f.get("geometry")]
    c = unary_union(shapes).envelope.centroid
    return c.x, c.y


def _describe(props: dict[str, Any]) -> tuple[str, tuple[Any, ...], str, list[Evidence], str]:
    """A typed space's label, names, how the report names it, and what its WRLD type says of its kind."""
    label = str(props.get("name") or "")
    source = f"{props.get('type')} {props.get('id')}" + (f" {label!r}" if label else "")
    kind = category_kind("wrld", str(props.get("type") or ""))
    evidence = [Evidence(kind, CATEGORY_CONFIDENCE, f"its WRLD type {props.get('type')!r}")] if kind else []
    return label, (props.get("name"),), source, evidence, str(props.get("type") or "")


def _label_piece(piece: BaseGeometry, typed: list[tuple[BaseGeometry, dict[str, Any]]], options: ImportOptions) -> list[SourceRoom]:
    """The rooms of one piece between walls: named after a typed space covering most of it,
    or, where typed spaces sit inside a larger piece (a meeting room drawn inside an
    open floor without walls), carved out of it as rooms of their own.
    """
    inside = []
    best, best_cover = None, 0.0
    for geometry, props in typed:
        if not geometry.intersects(piece):
            continue
        shared = geometry.intersection(piece).area
        cover = shared / piece.area
        if cover > best_cover:
            best, best_cover = props, cover
        if geometry.area >= options.min_room_area and shared >= 0.8 * geometry.area:
            inside.append((geometry.intersection(piece), props))
    if best is not None and best_cover >= 0.5:
        label, names, source, evidence, category = _describe(best)
        return [SourceRoom(polygon=piece, label=label, names=names, source=source, evidence=evidence, category=category)]
    if not inside:
        return [SourceRoom(polygon=piece, source=f"a space of {piece.area:.1f} m²", unnamed=True)]
    rooms = []
    taken: list[BaseGeometry] = []
    for geometry, props in sorted(inside, key=lambda item: item[0].area):
        part = geometry.difference(unary_union(taken)) if taken else geometry
        if part.area < options.min_room_area:
            continue
        label, names, source, evidence, category = _describe(props)
        rooms.append(SourceRoom(polygon=part, label=label, names=names, source=source, evidence=evidence, category=category))
        taken.append(part)
    rest = piece.difference(unary_union(taken)) if taken else piece
    rooms += [SourceRoom(polygon=p, source=f"a space of {p.area:.1f} m²", unnamed=True) for p in polygon_parts(rest)]
    return rooms


def _read_level(name: str, data: dict[str, Any], projection: LocalProjection, options: ImportOptions,
                report: LevelReport, plan_name: str) -> Plan:
    by_type: dict[str, list[tuple[BaseGeometry, dict[str, Any]]]] = {}
    for n, feature in enumerate(data.get("features") or []):
        props = feature.get("properties") or {}
        kind = str(props.get("type") or "")
        try:
            geometry = projection.geometry(shape(feature["geometry"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            report.drop(f"feature {props.get('id', n)} ({kind or 'untyped'})", "its geometry cannot be read")
            continue
        if kind in _IGNORED:
            report.drop(f"feature {props.get('id', n)} ({kind})", f"type {kind!r} carries no plan geometry")
            continue
        by_type.setdefault(kind, []).append((geometry, props))
    outline = unary_union([g for g, _ in by_type.get("building_outline", [])])
    if outline.is_empty:
        report.warnings.append("no building_outline: the union of all features is used as the outline")
        outline = unary_union([g for items in by_type.values() for g, _ in items]).convex_hull
    cut = unary_union([g for kind in _CUT for g, _ in by_type.get(kind, [])])
    voids = unary_union([g for g, _ in by_type.get("floor_opening", [])])
    pieces = polygon_parts(outline.difference(cut))
    typed = [(g, p) for kind, items in by_type.items() if kind not in (*_CUT, "building_outline") for g, p in items]
    rooms = []
    carved = 0
    for piece in pieces:
        found = _label_piece(piece, typed, options)
        carved += len(found) - 1
        rooms += found
    report.counts["spaces_between_walls"] = sum(1 for p in pieces if p.area >= options.min_room_area)
    report.counts["carved_typed_spaces"] = carved
    doors = [SourceOpening(geometry=g, source=f"door {p.get('id')}") for g, p in by_type.get("door", [])]
    windows = [SourceOpening(geometry=g, source=f"window {p.get('id')}") for g, p in by_type.get("window", [])]
    footprint = outline.difference(voids) if not voids.is_empty else outline
    return build_level(name, rooms, doors, windows, options=options, report=report, footprint=footprint,
                       plan_name=plan_name, extra={"source_format": "wrld"})
