"""Reading and writing the GeoJSON plan exchange format (shared/plan-format.md).

Reading is forgiving in one way only: it collects every problem it can find
in one pass (each naming its feature), instead of stopping at the first. It
never lets an exception other than ``PlanError`` escape for bad input.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from .budgets import Budget, check_json
from .model import Door, Feature, Furniture, Opening, Plan, Room, Window
from .problems import PlanError, Problem

_F = TypeVar("_F", Room, Door, Opening, Window, Furniture)

__all__ = [
    "MAX_FILE_BYTES",
    "UNIT_FACTORS",
    "read_plan",
    "parse_plan",
    "plan_from_geojson",
    "plan_to_geojson",
    "dumps_plan",
    "write_plan",
]

#: Files over 20 MB are refused before they are parsed (MB here and in messages: 2**20 bytes).
MAX_FILE_BYTES = 20 * 1024 * 1024
_MB = 2**20

#: Units a reader accepts, and their factor to metres.
UNIT_FACTORS = {"m": 1.0, "cm": 0.01, "mm": 0.001}

_FEATURE_CLASSES: dict[str, type[Feature]] = {
    "room": Room,
    "door": Door,
    "opening": Opening,
    "window": Window,
    "furniture": Furniture,
}
_GEOMETRY_TYPES = {"room": ("Polygon",), "door": ("LineString",), "opening": ("LineString",),
                   "window": ("LineString",), "furniture": ("Point", "Polygon")}
_KNOWN_PROPERTIES = {
    cls: set(cls.model_fields) - {"id", "extra", "rings", "points", "point"} for cls in _FEATURE_CLASSES.values()
}


def read_plan(source: str | os.PathLike[str] | bytes) -> Plan:
    """Read a plan file (a path) or its raw bytes; raise ``PlanError`` if it is not a plan."""
    name: str | None = None
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        name = str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise PlanError([Problem(code="file-unreadable", message=f"cannot read the file: {exc.strerror or exc}")], name) from None
        if size > MAX_FILE_BYTES:
            raise PlanError([_too_large(size)], name)
        if path.is_dir():
            raise PlanError([Problem(code="file-unreadable", message="this is a folder, not a plan file")], name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PlanError([Problem(code="file-unreadable", message=f"cannot read the file: {exc.strerror or exc}")], name) from None
    try:
        return parse_plan(data)
    except PlanError as exc:
        raise PlanError(exc.problems, name) from None


def _too_large(size: int) -> Problem:
    # Both numbers in the same unit; the size is rounded up so a file just over the limit never reads "20.0 MB".
    return Problem(
        code="file-too-large",
        message=f"the file is {math.ceil(size * 10 / _MB) / 10:.1f} MB; plan files may be at most {MAX_FILE_BYTES / _MB:g} MB",
    )


def parse_plan(data: bytes | str) -> Plan:
    """Parse the text of a plan file; raise ``PlanError`` if it is not a plan."""
    if len(data) > MAX_FILE_BYTES:
        raise PlanError([_too_large(len(data))])
    check_json(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data, Budget.from_env())  # corners, features
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise PlanError([Problem(code="not-json", message=f"the file is not JSON{where}: {_reason(exc)}")]) from None
    except RecursionError:
        raise PlanError([Problem(code="not-json", message="the file is not JSON: it is nested too deeply")]) from None
    return plan_from_geojson(document)


def _reason(exc: Exception) -> str:
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc).split(":")[0]


def plan_from_geojson(document: Any) -> Plan:
    """Build a plan from a decoded GeoJSON FeatureCollection, collecting every problem."""
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        found = document.get("type") if isinstance(document, dict) else type(document).__name__
        raise PlanError([Problem(code="not-geojson", message=f"the file is not a GeoJSON FeatureCollection (its type is {found!r})")])
    features = document.get("features")
    if not isinstance(features, list):
        raise PlanError([Problem(code="not-geojson", message="the FeatureCollection has no 'features' list")])

    units = document.get("units", "m")
    if units not in UNIT_FACTORS:
        raise PlanError([Problem(code="wrong-units", message=f"units {units!r} are not supported; use 'm' (or 'cm', 'mm')")])
    factor = UNIT_FACTORS[units]

    problems: list[Problem] = []
    groups: dict[str, list[Feature]] = {key: [] for key in _FEATURE_CLASSES}
    for index, raw in enumerate(features):
        try:
            feature, feature_problems = _feature_from_geojson(raw, index, factor)
        except RecursionError:  # coordinates nested deeper than Python can walk (a decoded document, or just under json's limit)
            fid = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw.get("id") else None
            feature, feature_problems = None, [Problem(code="bad-geometry", feature_id=fid,
                                                       message=f"feature #{index + 1}'s coordinates are nested too deeply")]
        problems.extend(feature_problems)
        if feature is not None:
            groups[feature.feature].append(feature)

    name = document.get("name", "")
    if not isinstance(name, str):
        problems.append(Problem(code="bad-property", message=f"the plan's name must be text, not {type(name).__name__}"))
        name = str(name)
    if problems:
        raise PlanError(problems)
    extra = {k: v for k, v in document.items() if k not in {"type", "name", "units", "features"}}
    return Plan(
        name=name,
        rooms=_only(groups["room"], Room),
        doors=_only(groups["door"], Door),
        openings=_only(groups["opening"], Opening),
        windows=_only(groups["window"], Window),
        furniture=_only(groups["furniture"], Furniture),
        extra=extra,
    )


def _only(features: list[Feature], cls: type[_F]) -> tuple[_F, ...]:
    """The features of one class (a group holds only those; this tells the type checker so)."""
    return tuple(f for f in features if isinstance(f, cls))


def _feature_from_geojson(raw: Any, index: int, factor: float) -> tuple[Feature | None, list[Problem]]:
    label = f"feature #{index + 1}"
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        return None, [Problem(code="not-geojson", message=f"{label} is not a GeoJSON Feature")]
    feature_id = raw.get("id")
    if isinstance(feature_id, (int, float)) and not isinstance(feature_id, bool):
        feature_id = str(feature_id)
    if not isinstance(feature_id, str) or not feature_id:
        return None, [Problem(code="missing-id", message=f"{label} has no string 'id'")]

    def problem(code: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(code=code, message=message, feature_id=feature_id)]

    properties = raw.get("properties")
    if not isinstance(properties, dict):
        return problem("bad-property", "the feature has no 'properties' object")
    kind = properties.get("feature")
    if not isinstance(kind, str) or kind not in _FEATURE_CLASSES:
        return problem("unknown-feature", f"properties.feature is {kind!r}; expected one of {', '.join(_FEATURE_CLASSES)}")
    geometry = raw.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in _GEOMETRY_TYPES[kind]:
        found = geometry.get("type") if isinstance(geometry, dict) else geometry
        return problem("bad-geometry", f"a {kind} needs a {' or '.join(_GEOMETRY_TYPES[kind])} geometry, not {found!r}")
    cls = _FEATURE_CLASSES[kind]

    coordinates, bad = _scaled(geometry.get("coordinates"), factor)
    if bad:
        return problem("non-finite-coordinate", f"the {kind}'s coordinates contain {bad}")
    values: dict[str, Any] = {k: v for k, v in properties.items() if k in _KNOWN_PROPERTIES[cls]}
    values["extra"] = {k: v for k, v in properties.items() if k not in _KNOWN_PROPERTIES[cls]}
    values["id"] = feature_id
    if kind == "room":
        values["rings"] = coordinates
    elif kind == "furniture":
        values["point" if geometry["type"] == "Point" else "rings"] = coordinates
    else:
        values["points"] = coordinates
    try:
        return cls.model_validate(values), []
    except ValidationError as exc:
        return None, [_problem_from_validation(feature_id, kind, error) for error in exc.errors()]


def _scaled(coordinates: Any, factor: float) -> tuple[Any, str | None]:
    """Coordinates scaled to metres, or the first non-finite number found."""
    if isinstance(coordinates, list):
        out = []
        for item in coordinates:
            scaled, bad = _scaled(item, factor)
            if bad:
                return None, bad
            out.append(scaled)
        return out, None
    if isinstance(coordinates, (int, float)) and not isinstance(coordinates, bool):
        if not math.isfinite(coordinates):
            return None, f"a non-finite number ({coordinates})"
        return coordinates * factor if factor != 1.0 else coordinates, None
    return coordinates, None  # pydantic names the wrong type


def _problem_from_validation(feature_id: str, kind: str, error: Any) -> Problem:
    location = ".".join(str(part) for part in error["loc"])
    field = error["loc"][0] if error["loc"] else ""
    code = {"kind": "unknown-room-kind", "rings": "bad-geometry", "points": "bad-geometry", "point": "bad-geometry"}.get(
        str(field), "bad-property"
    )
    message = error["msg"]
    if field == "kind":
        message = f"room kind {error.get('input')!r} is not one of the known kinds"
    elif field in {"rings", "points", "point"}:
        message = f"bad {kind} coordinates ({location}): {message}"
    elif not location:  # a rule between properties (a window's head above its sill)
        message = message.removeprefix("Value error, ")
    else:
        message = f"property {location!r}: {message} (got {error.get('input')!r})"
    return Problem(code=code, message=message, feature_id=feature_id)


def plan_to_geojson(plan: Plan) -> dict[str, Any]:
    """The plan as a GeoJSON FeatureCollection dict in metres."""
    document: dict[str, Any] = {"type": "FeatureCollection", "name": plan.name, "units": "m"}
    document.update(plan.extra)
    document["features"] = [_feature_to_geojson(f) for f in plan.features]
    return document


def _feature_to_geojson(feature: Feature) -> dict[str, Any]:
    data = feature.model_dump(mode="json", exclude_none=False)
    extra = data.pop("extra")
    feature_id = data.pop("id")
    if isinstance(feature, Room):
        geometry = {"type": "Polygon", "coordinates": data.pop("rings")}
    elif isinstance(feature, Furniture):
        point, rings = data.pop("point"), data.pop("rings")
        geometry = {"type": "Point", "coordinates": point} if point is not None else {"type": "Polygon", "coordinates": rings}
    else:
        geometry = {"type": "LineString", "coordinates": data.pop("points")}
    defaults = {name: field.get_default(call_default_factory=True) for name, field in type(feature).model_fields.items()}
    properties = {"feature": data.pop("feature")}
    properties.update({k: v for k, v in data.items() if v is not None and (v != defaults.get(k) or k in {"kind", "name", "type"})})
    properties.update(extra)
    return {"type": "Feature", "id": feature_id, "geometry": geometry, "properties": properties}


def dumps_plan(plan: Plan, indent: int | None = None) -> str:
    """The plan as exchange-format text: one feature a line, so diffs stay readable."""
    document = plan_to_geojson(plan)
    if indent is not None:
        return json.dumps(document, indent=indent, ensure_ascii=False)
    features = document.pop("features")
    head = json.dumps(document, ensure_ascii=False)[:-1]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    body = ",\n  ".join(lines)
    return f'{head}, "features": [\n  {body}\n]}}' if lines else f'{head}, "features": []}}'


def write_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write the plan to a GeoJSON file."""
    Path(path).write_text(dumps_plan(plan) + "\n", encoding="utf-8")
