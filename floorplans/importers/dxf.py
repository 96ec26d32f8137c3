"""DXF drawings (ezdxf): rooms from closed polylines, or from the walls when there are none.

A CAD floor plan rarely has room polygons. When the chosen room layers hold
none, rooms are what is left of the building footprint once walls and
partitions are cut out, with door gaps closed (a morphological closing of
``ImportOptions.door_gap``) so that rooms split at their doors. Doors and
windows are block inserts chosen by block name. Wall-layer geometry that
cannot be a wall (a long fill running diagonally across the plan) is left
out and reported as stray.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPoint, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ..model import Plan
from .assemble import SourceOpening, SourcePlant, SourceRoom, build_level, polygon_parts
from .kind_map import classify
from .report import ImportOptions, ImportReport, LevelReport, Stray, import_error

__all__ = ["read_dxf", "dxf_levels"]

#: Thin lines (partitions, wall faces) are thickened to this width (m) to become solid.
_LINE_WIDTH = 0.04
#: Gaps in the outer walls up to twice this (m) are bridged to find the footprint.
_FOOTPRINT_CLOSING = 1.0
#: Stray: a wall-layer shape at least this long (m) ...
_STRAY_MIN_LENGTH = 8.0
#: ... and this many degrees off the drawing's main wall directions.
_STRAY_MIN_ANGLE = 3.0

_UNIT_FACTORS = {"m": 1.0, "cm": 0.01, "mm": 0.001}


def dxf_levels(path: Path) -> list[str]:
    """A DXF is one storey, named after the file."""
    return [path.stem]


def _open(path: Path):
    import ezdxf
    from ezdxf.lldxf.const import DXFError

    try:
        return ezdxf.readfile(str(path))
    except OSError as exc:
        if exc.errno is not None:
            raise import_error("file-unreadable", f"cannot read the file: {exc.strerror or exc}", str(path)) from None
        raise import_error("import-failed", f"not a DXF drawing ({exc})", str(path)) from None
    except (DXFError, UnicodeDecodeError, ValueError, IndexError, KeyError) as exc:
        raise import_error("import-failed", f"not a readable DXF drawing ({exc or type(exc).__name__})", str(path)) from None


def _unit_factor(doc, options: ImportOptions, extent: float, report: LevelReport) -> float:
    from ezdxf import units

    if options.dxf_units:
        return _UNIT_FACTORS[options.dxf_units]
    code = int(doc.header.get("$INSUNITS", 0) or 0)
    if code:
        try:
            return units.conversion_factor(code, units.InsertUnits.Meters)
        except (ValueError, KeyError, TypeError):
            pass
    guess = 0.001 if extent > 2000 else 0.01 if extent > 200 else 1.0
    report.guessed.append(f"the drawing states no units; {extent:,.0f} drawing units across suggests {({0.001: 'mm', 0.01: 'cm', 1.0: 'm'})[guess]}")
    return guess


def _insunits_factor(doc) -> float:
    from ezdxf import units

    try:
        return units.conversion_factor(int(doc.header.get("$INSUNITS", 0) or 0), units.InsertUnits.Meters)
    except (ValueError, KeyError, TypeError, ZeroDivisionError):
        return 0.001


def _long_side(geometry: BaseGeometry) -> float:
    rect = geometry.minimum_rotated_rectangle
    if not isinstance(rect, Polygon):
        return rect.length
    xy = np.asarray(rect.exterior.coords)
    return float(max(np.hypot(*(xy[1] - xy[0])), np.hypot(*(xy[2] - xy[1]))))


def _on(layer: str, names: Iterable[str]) -> bool:
    return layer.lower() in {n.lower() for n in names}


def _points(entity) -> list[tuple[float, float]]:
    from ezdxf import path as dxf_path

    if entity.dxftype() == "LINE":
        return [(entity.dxf.start.x, entity.dxf.start.y), (entity.dxf.end.x, entity.dxf.end.y)]
    try:
        p = dxf_path.make_path(entity)
    except (TypeError, ValueError):
        return []
    return [(v.x, v.y) for v in p.flattening(10)]


def _is_closed(entity, pts: list[tuple[float, float]]) -> bool:
    closed = bool(getattr(entity, "closed", False) or getattr(getattr(entity, "dxf", None), "flags", 0) & 1 and entity.dxftype() == "POLYLINE")
    return len(pts) >= 3 and (closed or (len(pts) >= 4 and math.dist(pts[0], pts[-1]) < 1e-6))


def _hatch_paths(entity) -> list[Polygon]:
    """The boundary paths of a hatch, each as a polygon (holes come from combining them)."""
    from ezdxf import path as dxf_path

    rings = []
    for p in dxf_path.from_hatch(entity):
        pts = [(v.x, v.y) for v in p.flattening(10)]
        if len(pts) >= 3:
            rings += polygon_parts(Polygon(pts))
    return rings


def _even_odd(paths: list[Polygon]) -> BaseGeometry:
    """A hatch's fill: nested boundary paths alternate between filled and hole."""
    result: BaseGeometry = Polygon()
    for ring in paths:
        result = result.symmetric_difference(ring)
    return result


def _insert_hull(insert, cache: dict[str, list[tuple[float, float]]] | None = None) -> BaseGeometry:
    """The convex hull of a block insert in drawing coordinates.

    The hull is worked out once per block in the block's own coordinates
    (nested blocks and all) and then moved by each insert's transformation:
    a drawing repeats the same door and window blocks dozens of times.
    """
    from ezdxf import disassemble

    name = str(insert.dxf.name)
    if cache is None or name not in cache:
        block = insert.doc.blocks.get(name) if insert.doc is not None else None
        local: list[tuple[float, float]] = []
        if block is not None:
            primitives = disassemble.to_primitives(disassemble.recursive_decompose(block))
            xy = np.array([(v.x, v.y) for v in disassemble.to_vertices(primitives)], dtype=float)
            if len(xy):
                hull = shapely.multipoints(xy).convex_hull
                local = [tuple(c) for c in np.asarray(shapely.get_coordinates(hull))]
                base = block.block.dxf.base_point
                local = [(x - base.x, y - base.y) for x, y in local]
        if cache is not None:
            cache[name] = local
    else:
        local = cache[name]
    if not local:
        p = insert.dxf.insert
        return Point(p.x, p.y)
    matrix = insert.matrix44()
    moved = [(v.x, v.y) for v in matrix.transform_vertices([(x, y, 0.0) for x, y in local])]
    return MultiPoint(moved).convex_hull


def read_dxf(path: Path, level: str | None, options: ImportOptions) -> tuple[dict[str, Plan], ImportReport]:
    name = path.stem
    if level is not None and level != name:
        raise import_error("unknown-level", f"a DXF drawing has one level, {name!r}; not {level!r}", str(path))
    doc = _open(path)
    msp = doc.modelspace()
    report = ImportReport(source=str(path), format="dxf")
    lr = LevelReport(level=name)
    report.levels.append(lr)

    door_re = re.compile(options.dxf_door_blocks, re.IGNORECASE)
    window_re = re.compile(options.dxf_window_blocks, re.IGNORECASE)
    plant_re = re.compile(options.dxf_plant_blocks, re.IGNORECASE)

    _scale_hint = _UNIT_FACTORS.get(options.dxf_units or "", 0.0) or _insunits_factor(doc)
    unnamed_doors: dict[str, int] = {}
    hulls: dict[str, list[tuple[float, float]]] = {}
    room_polys: list[Polygon] = []
    wall_polys: list[tuple[Polygon, str]] = []  # (shape, description) in drawing units
    lines: list[tuple[LineString, str]] = []
    hatches: list[tuple[list[Polygon], str]] = []  # boundary paths, checked for strays one by one
    doors: list[tuple[BaseGeometry, str]] = []
    windows: list[tuple[BaseGeometry, str]] = []
    plants: list[tuple[float, float, str]] = []
    texts: list[tuple[float, float, str]] = []
    for entity in msp:
        kind = entity.dxftype()
        layer = str(entity.dxf.get("layer", "0"))
        if kind == "INSERT":
            block = str(entity.dxf.name)
            where = f"block {block!r} on layer {layer!r}"
            if door_re.search(block):
                doors.append((_insert_hull(entity, hulls), f"door {block!r}"))
            elif window_re.search(block):
                windows.append((_insert_hull(entity, hulls), f"window {block!r}"))
            elif plant_re.search(block) or plant_re.search(layer):
                p = entity.dxf.insert
                plants.append((p.x, p.y, f"plant {block!r}"))
            elif _on(layer, ("doors", "door", "a-door")):
                hull = _insert_hull(entity, hulls)
                size = _long_side(hull) * _scale_hint
                if 0.6 <= size <= 2.4:
                    doors.append((hull, f"door-sized block {block!r}"))
                    unnamed_doors[block] = unnamed_doors.get(block, 0) + 1
                else:
                    lr.drop(where, "on the door layer, its name does not match the door pattern and it is not door-sized")
            elif _on(layer, ("windows", "window", "a-glaz")):
                lr.drop(where, "on a window layer but its name does not match the window pattern")
            continue
        if kind in ("TEXT", "MTEXT"):
            text = entity.plain_text() if kind == "MTEXT" else entity.dxf.text
            p = entity.dxf.insert
            if str(text).strip():
                texts.append((p.x, p.y, str(text).strip()))
            continue
        is_room = _on(layer, options.dxf_room_layers)
        is_wall = _on(layer, options.dxf_wall_layers)
        is_partition = _on(layer, options.dxf_partition_layers)
        if not (is_room or is_wall or is_partition):
            continue
        if kind == "HATCH":
            if is_wall:
                hatches.append((_hatch_paths(entity), f"a solid hatch on layer {layer!r}"))
            elif is_room:
                room_polys += polygon_parts(_even_odd(_hatch_paths(entity)))
            continue
        if kind == "SOLID" and is_wall:
            pts = [(v.x, v.y) for v in entity.wcs_vertices()]
            wall_polys += [(p, f"a solid on layer {layer!r}") for p in polygon_parts(Polygon(pts).convex_hull)]
            continue
        if kind not in ("LINE", "LWPOLYLINE", "POLYLINE", "ARC", "CIRCLE", "SPLINE", "ELLIPSE"):
            continue
        pts = _points(entity)
        if len(pts) < 2:
            continue
        if is_room and _is_closed(entity, pts):
            room_polys += polygon_parts(Polygon(pts))
        elif is_wall and _is_closed(entity, pts):
            wall_polys += [(p, f"a closed polyline on layer {layer!r}") for p in polygon_parts(Polygon(pts))]
        elif is_wall or is_partition:
            lines.append((LineString(pts), layer))

    for block, count in unnamed_doors.items():
        lr.guessed.append(f"{count} insert(s) of block {block!r} on the door layer are taken as doors by their size")
    everything = [g for paths, _ in hatches for g in paths] + [g for g, _ in wall_polys] + [g for g, _ in lines] + room_polys + [g for g, _ in doors] + [g for g, _ in windows]
    if not everything:
        raise import_error(
            "no-geometry",
            "the drawing has no room polylines (layers " + ", ".join(options.dxf_room_layers[:3]) + " ...) and no walls (layers "
            + ", ".join(options.dxf_wall_layers[:3]) + " ...); choose its layers in the import options",
            str(path),
        )
    minx, miny, maxx, maxy = unary_union([g.envelope for g in everything]).bounds
    factor = _unit_factor(doc, options, max(maxx - minx, maxy - miny), lr)
    origin = (minx, miny)

    def metres(g: BaseGeometry) -> BaseGeometry:
        return shapely.transform(g, lambda xy: (xy - np.asarray(origin)) * factor)

    walls = [(metres(g), what) for g, what in wall_polys]
    thin = [(metres(line).buffer(_LINE_WIDTH / 2, cap_style="flat"), f"a line on layer {layer!r}") for line, layer in lines]
    main = _main_directions(walls + [(metres(g), what) for paths, what in hatches for g in paths])
    walls = _drop_stray(walls, lr, main)
    for paths, what in hatches:
        kept = [g for g, _ in _drop_stray([(metres(g), f"{what} (one of its boundary paths)") for g in paths], lr, main)]
        if kept:
            walls.append((_even_odd(kept), what))
    thin = [g for g, _ in _drop_stray(thin, lr, main)]
    window_geoms = [(metres(g), what) for g, what in windows]
    door_geoms = [(metres(g), what) for g, what in doors]
    solid = unary_union([g for g, _ in walls] + thin + [g for g, _ in window_geoms])

    if room_polys:
        rooms = [SourceRoom(polygon=metres(p), source=f"room polyline {n + 1}") for n, p in enumerate(room_polys)]
        footprint = None
    else:
        footprint = _footprint(unary_union([solid, *(g for g, _ in door_geoms)]))
        if footprint.is_empty:
            raise import_error("no-geometry", "the walls enclose no floor area; no rooms can be derived from them", str(path))
        closed_walls = solid.buffer(options.door_gap, join_style="mitre", mitre_limit=2.0).buffer(-options.door_gap, join_style="mitre", mitre_limit=2.0)
        pieces = polygon_parts(footprint.difference(closed_walls))
        rooms = [SourceRoom(polygon=p, source=f"a space of {p.area:.1f} m² between walls", unnamed=True) for p in pieces]
        lr.guessed.append(
            f"no room polygons on layers {', '.join(options.dxf_room_layers)}: {len(pieces)} spaces derived from the walls "
            f"(footprint {footprint.area:,.0f} m², door gaps up to {2 * options.door_gap:.2f} m closed)"
        )
    for x, y, text in texts:
        point = metres(Point(x, y))
        for room in rooms:
            if room.polygon.contains(point):
                room.label = f"{room.label} {text}".strip()
                room.names = (*room.names, text)
                room.unnamed = False
                break
    for room in rooms:
        # Several labels in one derived room (e.g. "W", "M", "D" on the doors of toilets whose walls
        # are not on the chosen layers): trust them only if they agree on a kind.
        if len(room.names) > 1:
            kinds = {found[0] if (found := classify([n], options.kind_rules)) else None for n in room.names}
            if len(kinds) > 1:
                lr.guessed.append(f"labels {', '.join(map(repr, room.names))} lie in one room and name different kinds; "
                                  "the room gets the default kind")
                room.names = (room.label,)
    result_plants = []
    for x, y, what in plants:
        p = metres(Point(x, y))
        result_plants.append(SourcePlant(point=(p.x, p.y), source=what))
    plan = build_level(
        name,
        rooms,
        [SourceOpening(geometry=g, source=what, clear_width=_width_from_name(what)) for g, what in door_geoms],
        [SourceOpening(geometry=g, source=what) for g, what in window_geoms],
        options=options,
        report=lr,
        footprint=footprint,
        plants=result_plants,
        plan_name=name,
        extra={"source_format": "dxf"},
    )
    return {name: plan}, report


def _width_from_name(what: str) -> float | None:
    """'door 810x125' -> 0.81: a leading 3-4 digit number in mm, when plausible as a door width."""
    match = re.search(r"(\d{3,4})", what)
    if match and 600 <= int(match.group(1)) <= 2500:
        return int(match.group(1)) / 1000
    return None


def _footprint(solid: BaseGeometry) -> BaseGeometry:
    """The building: the wall mass with window/door gaps bridged and everything inside filled."""
    closed = solid.buffer(_FOOTPRINT_CLOSING, join_style="mitre", mitre_limit=2.0).buffer(-_FOOTPRINT_CLOSING, join_style="mitre", mitre_limit=2.0)
    shells = [Polygon(p.exterior) for p in polygon_parts(closed) if p.area >= 10]
    return unary_union(shells) if shells else Polygon()


def _main_directions(walls: list[tuple[BaseGeometry, str]]) -> float:
    """The drawing's main wall direction (degrees, modulo 90), weighted by edge length."""
    angles, weights = [], []
    for g, _ in walls:
        for p in polygon_parts(g):
            xy = np.asarray(p.exterior.coords)
            d = np.diff(xy, axis=0)
            length = np.hypot(d[:, 0], d[:, 1])
            angles.append(np.degrees(np.arctan2(d[:, 1], d[:, 0])) % 90)
            weights.append(length)
    if not angles:
        return 0.0
    a, w = np.concatenate(angles), np.concatenate(weights)
    hist, edges = np.histogram(a, bins=90, range=(0, 90), weights=w)
    return float(edges[int(np.argmax(hist))] + 0.5)


def _drop_stray(walls: list[tuple[BaseGeometry, str]], report: LevelReport, main: float) -> list[tuple[BaseGeometry, str]]:
    """Leave out long wall-layer shapes that run at an angle to every other wall (fills crossing the plan)."""
    kept = []
    for g, what in walls:
        rect = g.minimum_rotated_rectangle
        xy = np.asarray(rect.exterior.coords) if isinstance(rect, Polygon) else np.zeros((3, 2))
        sides = [(float(np.hypot(*(xy[k + 1] - xy[k]))), xy[k + 1] - xy[k]) for k in range(2)]
        (long_len, vec), (short_len, _) = max(sides, key=lambda s: s[0]), min(sides, key=lambda s: s[0])
        angle = math.degrees(math.atan2(vec[1], vec[0])) % 90
        off = min(abs(angle - main), 90 - abs(angle - main))
        if long_len >= _STRAY_MIN_LENGTH and long_len >= 8 * max(short_len, 1e-9) and off >= _STRAY_MIN_ANGLE:
            report.stray.append(
                Stray(
                    what=what,
                    why=f"a {long_len:.1f} m × {short_len:.1f} m shape running {off:.0f}° off the walls' directions across the plan; not a wall",
                    bounds=tuple(round(v, 2) for v in g.bounds),
                )
            )
            continue
        kept.append((g, what))
    return kept

