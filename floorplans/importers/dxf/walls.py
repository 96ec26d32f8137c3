"""Step 2 of a DXF import: the wall mass in metres, with stray fills left out, and the building's footprint."""

from __future__ import annotations

import math

import numpy as np
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ..assemble import polygon_parts
from ..assemble.shapes import closing
from ..report import LevelReport, Stray
from .collect import Described, DrawingShapes
from .drawing import Metres
from .entities import even_odd

__all__ = ["building_footprint", "wall_mass"]

#: Thin lines (partitions, wall faces) are thickened to this width (m) to become solid.
_LINE_WIDTH = 0.04
#: Gaps in the outer walls up to twice this (m) are bridged to find the footprint.
_FOOTPRINT_CLOSING = 1.0
#: The footprint keeps the closed wall mass's outlines of at least this area (m²).
_MIN_BUILDING_AREA = 10
#: Stray: a wall-layer shape at least this long (m) ...
_STRAY_MIN_LENGTH = 8.0
#: ... at least this many times longer than it is wide ...
_STRAY_MIN_SLENDERNESS = 8
#: ... and this many degrees off the drawing's main wall directions.
_STRAY_MIN_ANGLE = 3.0


def wall_mass(shapes: DrawingShapes, metres: Metres, windows: list[Described], report: LevelReport) -> BaseGeometry:
    """Walls, hatches, thickened partition lines and windows as one solid, in metres; strays reported and left out."""
    walls = [(metres(g), what) for g, what in shapes.wall_polys]
    thin = [(metres(line).buffer(_LINE_WIDTH / 2, cap_style="flat"), f"a line on layer {layer!r}") for line, layer in shapes.lines]
    main = _main_direction(walls + [(metres(g), what) for paths, what in shapes.hatches for g in paths])
    walls = _drop_stray(walls, report, main)
    for paths, what in shapes.hatches:
        kept = [g for g, _ in _drop_stray([(metres(g), f"{what} (one of its boundary paths)") for g in paths], report, main)]
        if kept:
            walls.append((even_odd(kept), what))
    thin_kept = [g for g, _ in _drop_stray(thin, report, main)]
    return unary_union([g for g, _ in walls] + thin_kept + [g for g, _ in windows])


def building_footprint(solid: BaseGeometry) -> BaseGeometry:
    """The building: the wall mass with window/door gaps bridged and everything inside filled."""
    closed = closing(solid, _FOOTPRINT_CLOSING)
    shells = [Polygon(p.exterior) for p in polygon_parts(closed) if p.area >= _MIN_BUILDING_AREA]
    return unary_union(shells) if shells else Polygon()


def _main_direction(walls: list[Described]) -> float:
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


def _drop_stray(walls: list[Described], report: LevelReport, main: float) -> list[Described]:
    """Leave out long wall-layer shapes that run at an angle to every other wall (fills crossing the plan)."""
    kept = []
    for g, what in walls:
        rect = g.minimum_rotated_rectangle
        xy = np.asarray(rect.exterior.coords) if isinstance(rect, Polygon) else np.zeros((3, 2))
        sides = [(float(np.hypot(*(xy[k + 1] - xy[k]))), xy[k + 1] - xy[k]) for k in range(2)]
        (long_len, vec), (short_len, _) = max(sides, key=lambda s: s[0]), min(sides, key=lambda s: s[0])
        angle = math.degrees(math.atan2(vec[1], vec[0])) % 90
        off = min(abs(angle - main), 90 - abs(angle - main))
        if long_len >= _STRAY_MIN_LENGTH and long_len >= _STRAY_MIN_SLENDERNESS * max(short_len, 1e-9) and off >= _STRAY_MIN_ANGLE:
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
