"""DXF drawings (ezdxf): rooms from closed polylines, or from the walls when there are none.

A CAD floor plan rarely has room polygons. When the chosen room layers hold
none, rooms are what is left of the building footprint once walls and
partitions are cut out, with door gaps closed (a morphological closing of
``ImportOptions.door_gap``) so that rooms split at their doors. Doors and
windows are block inserts chosen by block name. Wall-layer geometry that
cannot be a wall (a long fill running diagonally across the plan) is left
out and reported as stray.

``read_dxf`` runs the steps in order: ``collect`` sorts the drawing's
entities by role, ``drawing`` finds the units and the metric frame,
``walls`` builds the wall mass (strays out), ``rooms`` finds and labels the
rooms, and the shared assembly (``..assemble``) makes the Plan.
"""

from __future__ import annotations

import re
from pathlib import Path

from shapely.geometry import Point

from ...model import Plan
from ..assemble import SourceOpening, SourcePlant, build_level
from ..report import ImportOptions, ImportReport, LevelReport, import_error
from .collect import collect_shapes
from .drawing import Metres, metric_frame, open_drawing, scale_hint
from .rooms import fixture_hints, label_rooms, source_rooms
from .walls import wall_mass

__all__ = ["dxf_levels", "read_dxf"]


def dxf_levels(path: Path) -> list[str]:
    """A DXF is one storey, named after the file."""
    return [path.stem]


def read_dxf(path: Path, level: str | None, options: ImportOptions) -> tuple[dict[str, Plan], ImportReport]:
    """The drawing's one storey as a Plan, with the import report."""
    name = path.stem
    if level is not None and level != name:
        raise import_error("unknown-level", f"a DXF drawing has one level, {name!r}; not {level!r}", str(path))
    doc = open_drawing(path, options)
    report = ImportReport(source=str(path), format="dxf")
    lr = LevelReport(level=name)
    report.levels.append(lr)
    shapes = collect_shapes(doc.modelspace(), options, lr, scale_hint(doc, options))
    everything = shapes.everything()
    if not everything:
        raise import_error(
            "no-geometry",
            "the drawing has no room polylines (layers " + ", ".join(options.dxf_room_layers[:3]) + " ...) and no walls (layers "
            + ", ".join(options.dxf_wall_layers[:3]) + " ...); choose its layers in the import options",
            str(path),
        )
    metres = metric_frame(doc, everything, options, lr)
    doors = [(metres(g), what) for g, what in shapes.doors]
    windows = [(metres(g), what) for g, what in shapes.windows]
    solid = wall_mass(shapes, metres, windows, lr)
    rooms, footprint = source_rooms(shapes.room_polys, solid, doors, metres, options, lr, path)
    label_rooms(rooms, shapes.texts, metres, options, lr)
    fixture_hints(rooms, shapes.fixtures, metres)
    plan = build_level(
        name,
        rooms,
        [SourceOpening(geometry=g, source=what, clear_width=_width_from_name(what)) for g, what in doors],
        [SourceOpening(geometry=g, source=what) for g, what in windows],
        options=options,
        report=lr,
        footprint=footprint,
        plants=_plants(shapes.plants, metres),
        plan_name=name,
        extra={"source_format": "dxf"},
    )
    return {name: plan}, report


def _plants(plants: list[tuple[float, float, str]], metres: Metres) -> list[SourcePlant]:
    result = []
    for x, y, what in plants:
        p = metres(Point(x, y))
        result.append(SourcePlant(point=(p.x, p.y), source=what))
    return result


def _width_from_name(what: str) -> float | None:
    """'door 810x125' -> 0.81: a leading 3-4 digit number in mm, when plausible as a door width."""
    match = re.search(r"(\d{3,4})", what)
    if match and 600 <= int(match.group(1)) <= 2500:
        return int(match.group(1)) / 1000
    return None
