"""Step 1: the source rooms as valid, non-overlapping polygons, slivers and detached parts dropped."""

from __future__ import annotations

from shapely.geometry import Polygon
from shapely.ops import unary_union

from ..report import ImportOptions, LevelReport
from .shapes import polygon_parts
from .sources import SourceRoom

__all__ = ["clean_rooms"]

#: An overlap larger than this (m²) is worth a warning.
_OVERLAP_WORTH_SAYING = 0.01


def clean_rooms(rooms: list[SourceRoom], options: ImportOptions, report: LevelReport) -> list[tuple[Polygon, SourceRoom]]:
    """Valid, non-overlapping polygons in the file's order; smaller rooms win overlaps (they are usually the detail)."""
    candidates = sorted(_main_parts(rooms, options, report), key=lambda c: c[0].area)
    kept: list[tuple[Polygon, SourceRoom]] = []
    taken: list[Polygon] = []
    slivers = 0
    for polygon, src in candidates:
        rest = _outside(polygon, src, taken, report)
        if rest is None:
            continue
        if rest.area < options.min_room_area:
            if src.unnamed:
                slivers += 1
            else:
                report.drop(src.source or f"a piece of {rest.area:.2f} m²", f"smaller than {options.min_room_area:g} m² (a sliver)")
            continue
        kept.append((rest, src))
        taken.append(rest)
    if slivers:
        report.drop(f"{slivers} unnamed piece{'s' if slivers > 1 else ''} of floor between walls", f"each smaller than {options.min_room_area:g} m² (slivers)")
    # Back to the file's order (stable ids follow the source).
    order = {id(src): i for i, src in enumerate(rooms)}
    kept.sort(key=lambda c: order[id(c[1])])
    return kept


def _main_parts(rooms: list[SourceRoom], options: ImportOptions, report: LevelReport) -> list[tuple[Polygon, SourceRoom]]:
    """Each room's largest valid polygon; rooms without area and sizeable detached parts are reported."""
    candidates: list[tuple[Polygon, SourceRoom]] = []
    for src in rooms:
        parts = polygon_parts(src.polygon)
        if not parts:
            report.drop(src.source or src.label or "a room", "it has no area")
            continue
        parts.sort(key=lambda p: p.area, reverse=True)
        for extra_part in parts[1:]:
            if extra_part.area >= options.min_room_area:
                report.drop(f"{src.source or src.label}: a detached part of {extra_part.area:.1f} m²", "a room is one polygon; the largest part is kept")
        candidates.append((parts[0], src))
    return candidates


def _outside(polygon: Polygon, src: SourceRoom, taken: list[Polygon], report: LevelReport) -> Polygon | None:
    """The largest part of the polygon outside the (smaller) rooms already kept; None if nothing is left."""
    others = [t for t in taken if t.intersects(polygon)]
    if not others:
        return polygon
    rest = polygon.difference(unary_union(others))
    if polygon.area - rest.area > _OVERLAP_WORTH_SAYING:
        report.warnings.append(f"{src.source or src.label} overlapped a smaller room by {polygon.area - rest.area:.2f} m²; the overlap went to the smaller room")
    parts = sorted(polygon_parts(rest), key=lambda p: p.area, reverse=True)
    if not parts:
        report.drop(src.source or src.label, "it lies wholly inside other rooms")
        return None
    return parts[0]
