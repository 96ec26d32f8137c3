"""Step 3: each room's kind from its names (kind_map), or from its shape, or the default."""

from __future__ import annotations

import numpy as np
from shapely.geometry import Polygon

from ...model import RoomKind
from ..kind_map import classify
from ..report import ImportOptions, LevelReport
from .sources import SourceRoom

__all__ = ["room_kind"]


def room_kind(src: SourceRoom, polygon: Polygon, options: ImportOptions, report: LevelReport) -> RoomKind:
    """The kind a mapping rule gives the room's names; an unnamed long, narrow room is a corridor; else the default."""
    key = src.label or next((n for n in src.names if n), None) or "(unnamed)"
    found = classify(src.names or (src.label,), options.kind_rules)
    if found:
        kind, rule = found
        report.map(key, kind, rule)
        return kind
    if src.unnamed and options.guess_corridors and _looks_like_corridor(polygon):
        report.map("(unnamed, long and narrow)", RoomKind.corridor, "shape: long and narrow")
        return RoomKind.corridor
    report.map(key, options.default_kind, None)
    return options.default_kind


def _looks_like_corridor(polygon: Polygon) -> bool:
    rect = polygon.minimum_rotated_rectangle
    xy = np.asarray(rect.exterior.coords)
    sides = sorted(float(np.hypot(*(xy[k + 1] - xy[k]))) for k in range(2))
    short, long_ = sides
    if short > 0 and long_ / short >= 3.5 and short <= 3.0:
        return True
    mean_width = 2 * polygon.area / polygon.length if polygon.length else 0
    return polygon.area >= 15 and mean_width <= 1.3
