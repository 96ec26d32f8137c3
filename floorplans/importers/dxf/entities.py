"""DXF entities as shapely geometry: curve points, hatch fills and block insert outlines (in drawing units)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPoint, Point, Polygon
from shapely.geometry.base import BaseGeometry

from ..assemble import polygon_parts

__all__ = ["entity_points", "even_odd", "hatch_paths", "insert_hull", "is_closed", "on_layer"]


def on_layer(layer: str, names: Iterable[str], words: bool = False) -> bool:
    """Whether the layer is one of the names (case-insensitive); with ``words``, also a layer one of whose words is ("A-AREA-IDEN")."""
    wanted = {n.lower() for n in names}
    if layer.lower() in wanted:
        return True
    return words and any(w in wanted for w in re.split(r"[\s_\-.|$]+", layer.lower()) if w)


def entity_points(entity: Any) -> list[tuple[float, float]]:
    """A line's ends or a curve flattened to points (empty when ezdxf cannot make a path of it)."""
    from ezdxf import path as dxf_path

    if entity.dxftype() == "LINE":
        return [(entity.dxf.start.x, entity.dxf.start.y), (entity.dxf.end.x, entity.dxf.end.y)]
    try:
        p = dxf_path.make_path(entity)
    except (TypeError, ValueError):
        return []
    return [(v.x, v.y) for v in p.flattening(10)]


def is_closed(entity: Any, pts: list[tuple[float, float]]) -> bool:
    """A closed polyline, or one whose last point returns to its first."""
    closed = bool(getattr(entity, "closed", False) or getattr(getattr(entity, "dxf", None), "flags", 0) & 1 and entity.dxftype() == "POLYLINE")
    return len(pts) >= 3 and (closed or (len(pts) >= 4 and math.dist(pts[0], pts[-1]) < 1e-6))


def hatch_paths(entity: Any) -> list[Polygon]:
    """The boundary paths of a hatch, each as a polygon (holes come from combining them)."""
    from ezdxf import path as dxf_path

    rings = []
    for p in dxf_path.from_hatch(entity):
        pts = [(v.x, v.y) for v in p.flattening(10)]
        if len(pts) >= 3:
            rings += polygon_parts(Polygon(pts))
    return rings


def even_odd(paths: list[Polygon]) -> BaseGeometry:
    """A hatch's fill: nested boundary paths alternate between filled and hole."""
    result: BaseGeometry = Polygon()
    for ring in paths:
        result = result.symmetric_difference(ring)
    return result


def _block_hull(insert: Any) -> list[tuple[float, float]]:
    """The convex hull of the insert's block (nested blocks and all) in the block's own coordinates."""
    from ezdxf import disassemble

    block = insert.doc.blocks.get(str(insert.dxf.name)) if insert.doc is not None else None
    if block is None:
        return []
    primitives = disassemble.to_primitives(disassemble.recursive_decompose(block))
    xy = np.array([(v.x, v.y) for v in disassemble.to_vertices(primitives)], dtype=float)
    if not len(xy):
        return []
    hull = shapely.multipoints(xy).convex_hull
    base = block.block.dxf.base_point
    return [(x - base.x, y - base.y) for x, y in (tuple(c) for c in np.asarray(shapely.get_coordinates(hull)))]


def insert_hull(insert: Any, cache: dict[str, list[tuple[float, float]]] | None = None) -> BaseGeometry:
    """The convex hull of a block insert in drawing coordinates.

    The hull is worked out once per block in the block's own coordinates
    and then moved by each insert's transformation: a drawing repeats the
    same door and window blocks dozens of times.
    """
    name = str(insert.dxf.name)
    if cache is None or name not in cache:
        local = _block_hull(insert)
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
