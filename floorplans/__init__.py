"""Floor plans of job centres: the model, its exchange format, validation, topology and drawing.

    >>> from floorplans import read_plan, validate_plan
    >>> plan = read_plan("floorplans/samples/baseline.geojson")  # doctest: +SKIP
    >>> validate_plan(plan)  # doctest: +SKIP
    []
"""

from .geojson_io import dumps_plan, parse_plan, plan_from_geojson, plan_to_geojson, read_plan, write_plan
from .model import Door, Feature, Furniture, Opening, Plan, Room, RoomKind, View, Window, evolve
from .problems import PlanError, Problem, errors_only
from .validation import is_valid_plan, validate_plan

__all__ = [
    "Door",
    "Feature",
    "Furniture",
    "Opening",
    "Plan",
    "PlanError",
    "Problem",
    "Room",
    "RoomKind",
    "View",
    "Window",
    "dumps_plan",
    "errors_only",
    "evolve",
    "is_valid_plan",
    "parse_plan",
    "plan_from_geojson",
    "plan_to_geojson",
    "read_plan",
    "validate_plan",
    "write_plan",
]
