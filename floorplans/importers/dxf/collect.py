"""Step 1 of a DXF import: the modelspace sorted by role (rooms, walls, partitions, doors, windows, plants, labels).

Layers say what a polyline or hatch is (``ImportOptions.dxf_*_layers``);
block names say what an insert is (``dxf_*_blocks``). Everything stays in
drawing units here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from ..assemble import polygon_parts
from ..assemble.shapes import long_side
from ..kind_map import fixture_kind
from ..report import ImportOptions, LevelReport
from .entities import entity_points, even_odd, hatch_paths, insert_hull, is_closed, on_layer
from .labels import clean_label

__all__ = ["DrawingShapes", "collect_shapes", "outlined_block", "used_entity"]

_CURVES = ("LINE", "LWPOLYLINE", "POLYLINE", "ARC", "CIRCLE", "SPLINE", "ELLIPSE")
_DOOR_LAYERS = ("doors", "door", "a-door")
_WINDOW_LAYERS = ("windows", "window", "a-glaz")
#: A block on the door layer of this width (m) is taken as a door whatever its name.
_DOOR_SIZE = (0.6, 2.4)

Described = tuple[BaseGeometry, str]


@dataclass
class DrawingShapes:
    """What the drawing holds that the import uses, in drawing units, each with how the report names it."""

    room_polys: list[tuple[Polygon, str]] = field(default_factory=list)  # (room outline, its layer)
    wall_polys: list[tuple[Polygon, str]] = field(default_factory=list)
    lines: list[tuple[LineString, str]] = field(default_factory=list)  # (line, its layer): partitions, wall faces
    hatches: list[tuple[list[Polygon], str]] = field(default_factory=list)  # boundary paths, checked for strays one by one
    doors: list[Described] = field(default_factory=list)
    windows: list[Described] = field(default_factory=list)
    plants: list[tuple[float, float, str]] = field(default_factory=list)
    texts: list[tuple[float, float, str]] = field(default_factory=list)
    fixtures: list[tuple[float, float, str, str]] = field(default_factory=list)  # fittings named in the vocabulary: (x, y, block, layer)
    unnamed_doors: dict[str, int] = field(default_factory=dict)  # door-sized blocks on the door layer, per block

    def everything(self) -> list[BaseGeometry]:
        """All the geometry that places the plan (labels and plants aside)."""
        return ([g for paths, _ in self.hatches for g in paths] + [g for g, _ in self.wall_polys] + [g for g, _ in self.lines]
                + [g for g, _ in self.room_polys] + [g for g, _ in self.doors] + [g for g, _ in self.windows])


@dataclass(frozen=True)
class _Patterns:
    door: re.Pattern[str]
    window: re.Pattern[str]
    plant: re.Pattern[str]

    @classmethod
    def of(cls, options: ImportOptions) -> _Patterns:
        return cls(*(re.compile(p, re.IGNORECASE) for p in (options.dxf_door_blocks, options.dxf_window_blocks, options.dxf_plant_blocks)))


def used_entity(kind: str, layer: str, options: ImportOptions) -> bool:
    """Whether ``collect_shapes`` can use a modelspace entity of this type on this layer (the reader drops the rest)."""
    return kind in ("INSERT", "TEXT", "MTEXT") or _role_layers(layer, options) != (False, False, False)


def outlined_block(block: str, layer: str, options: ImportOptions) -> bool:
    """Whether an insert of this block on this layer may need the block's outline (a door, window or fitting)."""
    patterns = _Patterns.of(options)
    return bool(patterns.door.search(block) or patterns.window.search(block) or on_layer(layer, _DOOR_LAYERS)
                or fixture_kind(block, layer) is not None)


def _role_layers(layer: str, options: ImportOptions) -> tuple[bool, bool, bool]:
    """Whether the layer is a room, a wall or a partition layer."""
    return (on_layer(layer, options.dxf_room_layers, words=True), on_layer(layer, options.dxf_wall_layers),
            on_layer(layer, options.dxf_partition_layers))


def collect_shapes(modelspace: Any, options: ImportOptions, report: LevelReport, scale_hint: float) -> DrawingShapes:
    """Every entity the import can use, sorted by role; inserts that look like doors or windows but are not are reported."""
    shapes = DrawingShapes()
    patterns = _Patterns.of(options)
    hulls: dict[str, list[tuple[float, float]]] = {}
    for entity in modelspace:
        kind = entity.dxftype()
        layer = str(entity.dxf.get("layer", "0"))
        if kind == "INSERT":
            _take_insert(entity, layer, shapes, patterns, hulls, scale_hint, report)
        elif kind in ("TEXT", "MTEXT"):
            _take_text(entity, kind, shapes)
        else:
            _take_layer_shape(entity, kind, layer, shapes, options)
    for block, count in shapes.unnamed_doors.items():
        report.guessed.append(f"{count} insert(s) of block {block!r} on the door layer are taken as doors by their size")
    return shapes


def _take_insert(entity: Any, layer: str, shapes: DrawingShapes, patterns: _Patterns,
                 hulls: dict[str, list[tuple[float, float]]], scale_hint: float, report: LevelReport) -> None:
    """A block insert: a door, window or plant by its block name, or a door by its size on the door layer."""
    block = str(entity.dxf.name)
    where = f"block {block!r} on layer {layer!r}"
    if patterns.door.search(block):
        shapes.doors.append((insert_hull(entity, hulls), f"door {block!r}"))
    elif patterns.window.search(block):
        shapes.windows.append((insert_hull(entity, hulls), f"window {block!r}"))
    elif patterns.plant.search(block) or patterns.plant.search(layer):
        p = entity.dxf.insert
        shapes.plants.append((p.x, p.y, f"plant {block!r}"))
    elif on_layer(layer, _DOOR_LAYERS):
        hull = insert_hull(entity, hulls)
        size = long_side(hull) * scale_hint
        if _DOOR_SIZE[0] <= size <= _DOOR_SIZE[1]:
            shapes.doors.append((hull, f"door-sized block {block!r}"))
            shapes.unnamed_doors[block] = shapes.unnamed_doors.get(block, 0) + 1
        else:
            report.drop(where, "on the door layer, its name does not match the door pattern and it is not door-sized")
    elif on_layer(layer, _WINDOW_LAYERS):
        report.drop(where, "on a window layer but its name does not match the window pattern")
    elif fixture_kind(block, layer) is not None:  # a fitting whose name hints at the room's use, placed by its drawn middle
        c = insert_hull(entity, hulls).centroid
        shapes.fixtures.append((c.x, c.y, block, layer))


def _take_text(entity: Any, kind: str, shapes: DrawingShapes) -> None:
    """A label (TEXT or MTEXT) with where it stands, cleaned of formatting codes, room numbers and area lines."""
    raw = entity.plain_text() if kind == "MTEXT" else entity.dxf.text
    p = entity.dxf.insert
    if kind == "TEXT" and (entity.dxf.get("halign", 0) or entity.dxf.get("valign", 0)) and entity.dxf.hasattr("align_point"):
        p = entity.dxf.align_point  # an aligned TEXT stands at its alignment point
    text = clean_label(str(raw))
    if text:
        shapes.texts.append((p.x, p.y, text))


def _take_layer_shape(entity: Any, kind: str, layer: str, shapes: DrawingShapes, options: ImportOptions) -> None:
    """A hatch, solid, polyline or line on a room, wall or partition layer."""
    is_room, is_wall, is_partition = _role_layers(layer, options)
    if not (is_room or is_wall or is_partition):
        return
    if kind == "HATCH":
        if is_wall:
            shapes.hatches.append((hatch_paths(entity), f"a solid hatch on layer {layer!r}"))
        elif is_room:
            shapes.room_polys += [(p, layer) for p in polygon_parts(even_odd(hatch_paths(entity)))]
        return
    if kind == "SOLID" and is_wall:
        pts = [(v.x, v.y) for v in entity.wcs_vertices()]
        shapes.wall_polys += [(p, f"a solid on layer {layer!r}") for p in polygon_parts(Polygon(pts).convex_hull)]
        return
    if kind not in _CURVES:
        return
    pts = entity_points(entity)
    if len(pts) < 2:
        return
    if is_room and is_closed(entity, pts):
        shapes.room_polys += [(p, layer) for p in polygon_parts(Polygon(pts))]
    elif is_wall and is_closed(entity, pts):
        shapes.wall_polys += [(p, f"a closed polyline on layer {layer!r}") for p in polygon_parts(Polygon(pts))]
    elif is_wall or is_partition:
        shapes.lines.append((LineString(pts), layer))
