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
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.ops import unary_union

from ..model import Plan
from .assemble import SourceOpening, SourceRoom, build_level
from .project import LocalProjection, looks_like_lonlat
from .report import ImportOptions, ImportReport, LevelReport, import_error

__all__ = ["is_imdf", "imdf_levels", "read_imdf"]

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
    """(level id, level name) in ordinal order."""
    levels = []
    for feature in (collections.get("level") or {}).get("features", []):
        props = feature.get("properties") or {}
        name = _text(props.get("short_name")) or _text(props.get("name")) or str(feature.get("id"))
        levels.append((props.get("ordinal") if isinstance(props.get("ordinal"), (int, float)) else 0, str(feature.get("id")), name))
    if levels:
        levels.sort(key=lambda item: item[0])
        return [(level_id, name) for _, level_id, name in levels]
    seen: dict[str, None] = {}
    for feature in collections["unit"]["features"]:
        seen.setdefault(str((feature.get("properties") or {}).get("level_id")), None)
    return [(level_id, level_id) for level_id in seen]


def imdf_levels(path: Path) -> list[str]:
    return [name for _, name in _levels(_collections(path))]


def read_imdf(path: Path, level: str | None, options: ImportOptions) -> tuple[dict[str, Plan], ImportReport]:
    collections = _collections(path)
    levels = _levels(collections)
    if level is not None:
        chosen = [item for item in levels if item[1] == level or item[0] == level]
        if not chosen:
            raise import_error("unknown-level", f"no level {level!r}; the levels are {', '.join(n for _, n in levels)}", str(path))
        levels = chosen
    units = collections["unit"]["features"]
    openings = collections["opening"]["features"]
    geometries = []
    for feature in units:
        try:
            geometries.append(shape(feature["geometry"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    if not geometries:
        raise import_error("no-geometry", "unit.geojson has no unit with a polygon", str(path))
    coords = [xy for g in geometries for xy in g.envelope.exterior.coords] if geometries else []
    if looks_like_lonlat(coords):
        c = unary_union([g.envelope for g in geometries]).centroid
        projection: LocalProjection | None = LocalProjection(c.x, c.y)
    else:
        projection = None
    report = ImportReport(source=str(path), format="imdf")
    if projection is None:
        report.warnings.append("coordinates are not lon/lat as IMDF requires; read as metres")
    plans = {}
    for level_id, name in levels:
        lr = LevelReport(level=name)
        report.levels.append(lr)
        rooms, doors = [], []
        for feature in units:
            props = feature.get("properties") or {}
            if str(props.get("level_id")) != level_id:
                continue
            label = _text(props.get("name")) or _text(props.get("alt_name"))
            category = str(props.get("category") or "")
            what = f"unit {feature.get('id')}" + (f" {label!r}" if label else f" ({category})")
            try:
                geometry = shape(feature["geometry"])
            except (KeyError, TypeError, ValueError, AttributeError):
                lr.drop(what, "its geometry cannot be read")
                continue
            if projection is not None:
                geometry = projection.geometry(geometry)
            rooms.append(SourceRoom(polygon=geometry, label=label, names=(label, category), source=what))
        for feature in openings:
            props = feature.get("properties") or {}
            if str(props.get("level_id")) != level_id:
                continue
            what = f"opening {feature.get('id')} ({props.get('category') or 'no category'})"
            try:
                geometry = shape(feature["geometry"])
            except (KeyError, TypeError, ValueError, AttributeError):
                lr.drop(what, "its geometry cannot be read")
                continue
            if projection is not None:
                geometry = projection.geometry(geometry)
            door = props.get("door") if isinstance(props.get("door"), dict) else {}
            doors.append(SourceOpening(
                geometry=geometry,
                source=what,
                entrance=str(props.get("category") or "") == "pedestrian.principal",
                automatic=bool(door.get("automatic")),
            ))
        if not rooms:
            lr.warnings.append("no unit on this level")
        plans[name] = build_level(name, rooms, doors, [], options=options, report=lr, plan_name=name,
                                  extra={"source_format": "imdf"})
    return plans, report
