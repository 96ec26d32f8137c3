"""Apple IMDF (Indoor Mapping Data Format): a folder or zip with unit.geojson and opening.geojson.

Units are rooms (``category`` such as room, walkway, restroom.male,
stairs, elevator; ``name`` a language map like ``{"en": "Lobby"}``);
openings are LineStrings on unit boundaries (``category``
``pedestrian.principal`` is the main entrance; ``door.automatic``). Levels
come from level.geojson (ordered by ``ordinal``) when present, else from the
units' ``level_id``. Coordinates are WGS 84 lon/lat, projected to metres
around the venue.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ..model import Plan
from .assemble import SourceOpening, SourceRoom, build_level
from .kind_map import CATEGORY_CONFIDENCE, Evidence, category_kind, vocabulary
from .project import LocalProjection, looks_like_lonlat
from .report import ImportOptions, ImportReport, LevelReport, import_error

__all__ = ["is_imdf", "imdf_level_rooms", "imdf_levels", "read_imdf"]

_REQUIRED = ("unit.geojson", "opening.geojson")


def is_imdf(path: Path) -> bool:
    if path.is_dir():
        return all((path / name).is_file() for name in _REQUIRED)
    if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = {Path(n).name for n in archive.namelist()}
        return all(name in names for name in _REQUIRED)
    return False


def _collections(path: Path) -> dict[str, dict[str, Any]]:
    """The IMDF feature collections by file name (unit, opening, level ...)."""
    texts: dict[str, bytes] = {}
    try:
        if path.is_dir():
            for file in path.glob("*.geojson"):
                texts[file.name] = file.read_bytes()
        else:
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    if member.endswith(".geojson"):
                        texts[Path(member).name] = archive.read(member)
    except (OSError, zipfile.BadZipFile) as exc:
        raise import_error("file-unreadable", f"cannot read the IMDF archive: {exc}", str(path)) from None
    missing = [name for name in _REQUIRED if name not in texts]
    if missing:
        raise import_error("unsupported-format", f"an IMDF archive needs {' and '.join(_REQUIRED)}; {', '.join(missing)} is missing", str(path))
    result = {}
    for name, raw in texts.items():
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise import_error("import-failed", f"{name} is not valid JSON: {exc}", str(path)) from None
        if not isinstance(data, dict) or not isinstance(data.get("features"), list):
            raise import_error("import-failed", f"{name} is not a GeoJSON FeatureCollection", str(path))
        result[name.removesuffix(".geojson")] = data
    return result


def _text(value: Any) -> str:
    """An IMDF label: a language map ({"en": "Lobby"}) or a plain string."""
    if isinstance(value, dict):
        return str(value.get("en") or value.get("da") or next(iter(value.values()), "") or "")
    return str(value or "")


def _levels(collections: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """(level id, unique level name) in ordinal order.

    A level is named by its short name (else its name, else its id); where
    several levels share a name ("G" nine times), each is told apart by its
    ordinal and id ("G [0:L0]"), so no level hides another.
    """
    levels = []
    for feature in (collections.get("level") or {}).get("features", []):
        props = feature.get("properties") or {}
        name = _text(props.get("short_name")) or _text(props.get("name")) or str(feature.get("id"))
        ordinal = props.get("ordinal")
        levels.append((ordinal if isinstance(ordinal, (int, float)) else 0, str(feature.get("id")), name))
    if levels:
        levels.sort(key=lambda item: item[0])
    else:
        seen: dict[str, None] = {}
        for feature in collections["unit"]["features"]:
            seen.setdefault(str((feature.get("properties") or {}).get("level_id")), None)
        levels = [(0, level_id, level_id) for level_id in seen]
    counts = Counter(name for _, _, name in levels)
    return [(level_id, name if counts[name] == 1 else f"{name} [{_ordinal(ordinal)}:{level_id}]") for ordinal, level_id, name in levels]


def _ordinal(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def imdf_levels(path: Path) -> list[str]:
    return [name for _, name in _levels(_collections(path))]


def imdf_level_rooms(path: Path) -> dict[str, int]:
    """Units per level (by the level's unique name), as the file has them."""
    collections = _collections(path)
    per_id = Counter(str((f.get("properties") or {}).get("level_id")) for f in collections["unit"]["features"])
    return {name: per_id.get(level_id, 0) for level_id, name in _levels(collections)}


def read_imdf(path: Path, level: str | None, options: ImportOptions) -> tuple[dict[str, Plan], ImportReport]:
    """Every level (or the one asked for) as a Plan, with the import report."""
    collections = _collections(path)
    levels = _chosen_levels(_levels(collections), level, path)
    units = collections["unit"]["features"]
    openings = collections["opening"]["features"]
    projection = _projection(units, path)
    report = ImportReport(source=str(path), format="imdf")
    if projection is None:
        report.warnings.append("coordinates are not lon/lat as IMDF requires; read as metres")
    plans = {}
    for level_id, name in levels:
        lr = LevelReport(level=name)
        report.levels.append(lr)
        rooms = _rooms(units, level_id, projection, lr)
        doors = _doors(openings, level_id, projection, lr)
        if not rooms:
            lr.warnings.append("no unit on this level")
        plans[name] = build_level(name, rooms, doors, [], options=options, report=lr, plan_name=name,
                                  extra={"source_format": "imdf", "level_id": level_id}, join="circulation")
    return plans, report


def _chosen_levels(levels: list[tuple[str, str]], level: str | None, path: Path) -> list[tuple[str, str]]:
    """All levels, or the one named (by its unique name, its id, or "ordinal:id")."""
    if level is None:
        return levels
    chosen = [item for item in levels if item[1] == level or item[0] == level
              or (":" in level and item[1].endswith(f"[{level}]"))]
    if not chosen:
        raise import_error("unknown-level", f"no level {level!r}; the levels are {', '.join(n for _, n in levels)}", str(path))
    return chosen


def _shape(feature: dict[str, Any]) -> BaseGeometry | None:
    """The feature's geometry, or None when it cannot be read."""
    try:
        return shape(feature["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _projection(units: list[dict[str, Any]], path: Path) -> LocalProjection | None:
    """A projection to metres around the venue when the units are in lon/lat (as IMDF requires), else None."""
    geometries = [g for g in map(_shape, units) if g is not None]
    if not geometries:
        raise import_error("no-geometry", "unit.geojson has no unit with a polygon", str(path))
    coords = [xy for g in geometries for xy in g.envelope.exterior.coords]
    if not looks_like_lonlat(coords):
        return None
    c = unary_union([g.envelope for g in geometries]).centroid
    return LocalProjection(c.x, c.y)


def _on_level(features: list[dict[str, Any]], level_id: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The level's features, each with its properties."""
    pairs = [(f, f.get("properties") or {}) for f in features]
    return [(f, props) for f, props in pairs if str(props.get("level_id")) == level_id]


def _rooms(units: list[dict[str, Any]], level_id: str, projection: LocalProjection | None, report: LevelReport) -> list[SourceRoom]:
    """The level's units as rooms, named by name (or alternative name) and category."""
    rooms = []
    for feature, props in _on_level(units, level_id):
        label = _text(props.get("name")) or _text(props.get("alt_name"))
        alt = _text(props.get("alt_name"))
        category = str(props.get("category") or "")
        what = f"unit {feature.get('id')}" + (f" {label!r}" if label else f" ({category})")
        not_room = vocabulary().not_rooms.get(category.lower())
        if not_room:
            report.drop(what, f"its category {category!r} is {not_room}, not a room")
            continue
        geometry = _shape(feature)
        if geometry is None:
            report.drop(what, "its geometry cannot be read")
            continue
        if projection is not None:
            geometry = projection.geometry(geometry)
        kind = category_kind("imdf", category)
        evidence = [Evidence(kind, CATEGORY_CONFIDENCE, f"its IMDF category {category!r}")] if kind else []
        rooms.append(SourceRoom(polygon=geometry, label=label, names=(label, alt), source=what, evidence=evidence,
                                category=category, unnamed=not label))
    return rooms


def _doors(openings: list[dict[str, Any]], level_id: str, projection: LocalProjection | None, report: LevelReport) -> list[SourceOpening]:
    """The level's openings as doors; ``pedestrian.principal`` is the entrance."""
    doors = []
    for feature, props in _on_level(openings, level_id):
        what = f"opening {feature.get('id')} ({props.get('category') or 'no category'})"
        geometry = _shape(feature)
        if geometry is None:
            report.drop(what, "its geometry cannot be read")
            continue
        if projection is not None:
            geometry = projection.geometry(geometry)
        door = props.get("door")
        if not isinstance(door, dict):
            door = {}
        doors.append(SourceOpening(
            geometry=geometry,
            source=what,
            clear_width=geometry.length if geometry.geom_type.endswith("LineString") and geometry.length > 0 else None,  # IMDF gives no width: the drawn line
            width_estimated=True,
            entrance=str(props.get("category") or "") == "pedestrian.principal",
            automatic=bool(door.get("automatic")),
        ))
    return doors
