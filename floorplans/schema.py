"""The JSON Schema of the plan exchange format, generated from the pydantic models.

The feature models hold the GeoJSON properties as fields; this module wraps
each in the GeoJSON Feature structure so the schema describes the file as it
is written, not the Python objects.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .geojson_io import UNIT_FACTORS
from .model import Door, Furniture, Opening, Room, Window

__all__ = ["plan_json_schema"]

_POSITION = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
_RING = {"type": "array", "items": _POSITION, "minItems": 4}
_POLYGON = {"type": "object", "required": ["type", "coordinates"],
            "properties": {"type": {"const": "Polygon"}, "coordinates": {"type": "array", "items": _RING, "minItems": 1}}}
_SEGMENT = {"type": "object", "required": ["type", "coordinates"],
            "properties": {"type": {"const": "LineString"},
                           "coordinates": {"type": "array", "items": _POSITION, "minItems": 2, "maxItems": 2}}}
_POINT = {"type": "object", "required": ["type", "coordinates"],
          "properties": {"type": {"const": "Point"}, "coordinates": _POSITION}}
_GEOMETRY_FIELDS = {"id", "extra", "rings", "points", "point"}


def _properties_schema(model: type[BaseModel], defs: dict[str, Any]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/$defs/{model}")
    defs.update(schema.pop("$defs", {}))
    properties = {k: v for k, v in schema["properties"].items() if k not in _GEOMETRY_FIELDS}
    required = [k for k in schema.get("required", []) if k not in _GEOMETRY_FIELDS]
    feature_name = properties["feature"].get("const") or properties["feature"].get("default")
    properties["feature"] = {"const": feature_name}
    return {
        "type": "object",
        "description": (model.__doc__ or "").strip().splitlines()[0],
        "properties": properties,
        "required": sorted({"feature", *required}),
        "additionalProperties": True,
    }


def plan_json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for a plan file."""
    defs: dict[str, Any] = {}
    geometries: dict[type[BaseModel], dict[str, Any]] = {Room: _POLYGON, Door: _SEGMENT, Opening: _SEGMENT, Window: _SEGMENT,
                  Furniture: {"oneOf": [_POINT, _POLYGON]}}
    features = []
    for model, geometry in geometries.items():
        features.append({
            "title": model.__name__,
            "type": "object",
            "required": ["type", "id", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": "string", "minLength": 1, "description": "unique in the plan"},
                "geometry": geometry,
                "properties": _properties_schema(model, defs),
            },
        })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Job-centre floor plan (GeoJSON exchange format)",
        "description": "A GeoJSON FeatureCollection in a local planar frame; see shared/plan-format.md.",
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "name": {"type": "string"},
            "units": {"enum": list(UNIT_FACTORS), "default": "m"},
            "features": {"type": "array", "items": {"oneOf": features}},
        },
        "$defs": defs,
    }
