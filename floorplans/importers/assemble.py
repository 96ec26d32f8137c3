"""Shared last step of every importer: source shapes in, one valid-as-can-be Plan out.

Each format reader only collects what its file says (room polygons with
names, door and window footprints, in metres); this module does the rest the
same way for all of them:

1. cleans the room polygons (invalid rings, slivers, overlaps);
2. grows the rooms into the walls between them (a Voronoi split of the wall
   zone along its middle), because in a drawing rooms stop at the wall face
   while in our format a door must lie on a boundary two rooms share;
3. maps names to room kinds (kind_map);
4. turns door and window footprints into segments on the wall they sit in;
5. guesses a public entrance, validates, and fills the level's report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
import shapely.errors
from shapely.geometry import LineString, MultiLineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ..model import Door, Furniture, Plan, Room, RoomKind, Window
from ..topology import ON_WALL_TOLERANCE, rooms_on_segment
from ..validation import validate_plan
from .kind_map import classify
from .physical import door_physical, note_defaults, room_physical, window_physical
from .report import ImportOptions, LevelReport

__all__ = ["SourceRoom", "SourceOpening", "SourcePlant", "build_level", "polygon_parts", "segment_on"]

#: Vertices are sampled this far apart along room outlines for the wall split.
_SAMPLE_STEP = 0.1
#: Door/window pieces are straightened with this Douglas-Peucker tolerance (m).
_STRAIGHTEN = 0.025
#: The wall split is simplified with this tolerance (shared edges stay shared).
_COVERAGE_SIMPLIFY = 0.1
_KIND_PRIORITY_FOR_ENTRANCE = {
    RoomKind.entrance: 0,
    RoomKind.reception: 1,
    RoomKind.waiting: 1,
    RoomKind.corridor: 2,
}


@dataclass
class SourceRoom:
    """A room as the file gives it, already in metres."""

    polygon: BaseGeometry
    label: str = ""
    names: tuple[str | None, ...] = ()  # tried in order against the kind table
    source: str = ""  # how the report names it ("IfcSpace 203 'OPEN OFFICE'")
    unnamed: bool = False  # derived from geometry: no name in the file
    physical: dict[str, Any] = field(default_factory=dict)  # height, ... where the file gives them (physical.py)


@dataclass
class SourceOpening:
    """A door or window footprint (polygon) or segment (line), in metres."""

    geometry: BaseGeometry
    source: str = ""
    clear_width: float | None = None
    entrance: bool = False
    automatic: bool = False
    physical: dict[str, Any] = field(default_factory=dict)  # sound_rating, sill, head, ... where the file gives them


@dataclass
class SourcePlant:
    point: tuple[float, float]
    source: str = ""


@dataclass
class _Placed:
    segment: LineString
    rooms: tuple[int, ...]
    source: SourceOpening = field(repr=False)


def polygon_parts(geometry: BaseGeometry | None) -> list[Polygon]:
    """The valid polygons in any geometry (invalid rings repaired, lines and points ignored)."""
    if geometry is None or geometry.is_empty:
        return []
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    out: list[Polygon] = []
    for part in shapely.get_parts(geometry):
        if isinstance(part, Polygon):
            if part.area > 0:
                out.append(part)
        elif hasattr(part, "geoms"):
            out += polygon_parts(part)
    return out


def build_level(
    level: str,
    rooms: list[SourceRoom],
    doors: list[SourceOpening],
    windows: list[SourceOpening],
    *,
    options: ImportOptions,
    report: LevelReport,
    footprint: BaseGeometry | None = None,
    plants: list[SourcePlant] | None = None,
    plan_name: str = "",
    extra: dict[str, Any] | None = None,
    tiled: bool = False,
) -> Plan:
    """One storey's Plan from its source shapes; the report is filled in as a side effect.

    ``tiled``: the source's rooms already share their walls (no wall zone to split).
    """
    cleaned = _clean_rooms(rooms, options, report)
    report.source_area_m2 = round(sum(p.area for p, _ in cleaned), 2)
    if not cleaned:
        report.warnings.append("no room could be made on this level")
    polygons = [p for p, _ in cleaned]
    if options.fill_walls and not tiled and len(polygons) > 1:
        if footprint is None:
            footprint = _closing(unary_union([*polygons, *(_footprint_of(o, options) for o in (*doors, *windows))]), options.max_wall / 2)
        polygons = _grow_into_walls(polygons, footprint, options.max_wall)
        # The split follows sampled points: straighten its zigzag, keeping shared edges shared.
        polygons = list(shapely.coverage_simplify(np.array(polygons, dtype=object), _COVERAGE_SIMPLIFY))
    polygons = [_largest(shapely.set_precision(p, 0.001)) for p in polygons]
    for _ in range(3):  # rounding to millimetres can bring a sliver back: cut and round again
        polygons = [_rounded(p) for p in _disjoint(polygons)]
        if not _overlapping(polygons):
            break

    room_models = []
    for n, (polygon, (_, src)) in enumerate(zip(polygons, cleaned, strict=True), start=1):
        kind = _kind(src, polygon, options, report)
        room_models.append(
            Room(id=f"r{n}", kind=kind, name=src.label, rings=_rings(polygon), **room_physical(src.physical, src.source, report))
        )
    geoms = [r.geometry for r in room_models]
    tree = shapely.STRtree(geoms) if geoms else None
    outline = unary_union(geoms).boundary if geoms else LineString()

    placed_doors = [p for o in doors if (p := _place(o, geoms, tree, outline, "door", options, report))]
    placed_windows = [p for o in windows if (p := _place(o, geoms, tree, outline, "window", options, report))]
    door_models = _doors(placed_doors, room_models, options, report)
    window_models = [
        Window(id=f"w{n}", points=_points(p.segment), **window_physical(p.source.physical, p.source.source, report))
        for n, p in enumerate(placed_windows, start=1)
    ]
    furniture = []
    for n, plant in enumerate(plants or [], start=1):
        if tree is not None and len(tree.query(Point(plant.point), predicate="intersects")):
            furniture.append(Furniture(id=f"f{n}", type="plant", point=plant.point))
        else:
            report.drop(plant.source or "plant", "it lies outside every room")

    plan = Plan(
        name=plan_name,
        rooms=tuple(room_models),
        doors=tuple(door_models),
        windows=tuple(window_models),
        furniture=tuple(furniture),
        extra={"level": level, **(extra or {})},
    )
    report.rooms = len(plan.rooms)
    report.doors = len(plan.doors)
    report.windows = len(plan.windows)
    report.floor_area_m2 = round(plan.floor_area, 2)
    note_defaults(plan, report)
    report.problems = validate_plan(plan)
    return plan


# --------------------------------------------------------------------------- rooms


def _clean_rooms(rooms: list[SourceRoom], options: ImportOptions, report: LevelReport) -> list[tuple[Polygon, SourceRoom]]:
    """Valid, non-overlapping polygons; smaller rooms win overlaps (they are usually the detail)."""
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
    candidates.sort(key=lambda c: c[0].area)
    kept: list[tuple[Polygon, SourceRoom]] = []
    taken: list[Polygon] = []
    slivers = 0
    for polygon, src in candidates:
        others = [t for t in taken if t.intersects(polygon)]
        if others:
            rest = polygon.difference(unary_union(others))
            if polygon.area - rest.area > 0.01:
                report.warnings.append(f"{src.source or src.label} overlapped a smaller room by {polygon.area - rest.area:.2f} m²; the overlap went to the smaller room")
            parts = sorted(polygon_parts(rest), key=lambda p: p.area, reverse=True)
            if not parts:
                report.drop(src.source or src.label, "it lies wholly inside other rooms")
                continue
            polygon = parts[0]
        if polygon.area < options.min_room_area:
            if src.unnamed:
                slivers += 1
            else:
                report.drop(src.source or f"a piece of {polygon.area:.2f} m²", f"smaller than {options.min_room_area:g} m² (a sliver)")
            continue
        kept.append((polygon, src))
        taken.append(polygon)
    if slivers:
        report.drop(f"{slivers} unnamed piece{'s' if slivers > 1 else ''} of floor between walls", f"each smaller than {options.min_room_area:g} m² (slivers)")
    # Back to the file's order (stable ids follow the source).
    order = {id(src): i for i, src in enumerate(rooms)}
    kept.sort(key=lambda c: order[id(c[1])])
    return kept


def _largest(geometry: BaseGeometry) -> Polygon:
    parts = polygon_parts(geometry)
    return max(parts, key=lambda q: q.area) if parts else Polygon()


def _floating(geometry: BaseGeometry) -> BaseGeometry:
    """The same coordinates without shapely's precision model (overlays then work as validation's do)."""
    return shapely.from_wkb(shapely.to_wkb(geometry))


def _rounded(polygon: BaseGeometry) -> Polygon:
    """Coordinates rounded to 1 mm as the model stores them, vertex by vertex.

    Unlike a snap-rounding overlay (set_precision) this leaves every vertex
    already on the grid where it is, so walls two rooms share stay shared.
    """
    rounded = shapely.transform(polygon, lambda xy: np.round(xy, 3))
    return _largest(rounded) if rounded.is_valid else _largest(shapely.make_valid(rounded))


def _overlapping(polygons: list[BaseGeometry]) -> bool:
    if len(polygons) < 2:
        return False
    arr = np.array(polygons, dtype=object)
    left, right = shapely.STRtree(arr).query(arr, predicate="intersects")
    return any(i < j and polygons[i].intersection(polygons[j]).area > 1e-7 for i, j in zip(left.tolist(), right.tolist(), strict=True))


def _disjoint(polygons: list[BaseGeometry]) -> list[BaseGeometry]:
    """Remove the hair-thin overlaps left by rounding to millimetres (the larger room gives way).

    Works in floating precision, as validation does (a grid-snapped overlay
    would call a 0.4 mm sliver along a shared wall "no overlap"), and cuts
    1.5 mm clear so that rounding the result to millimetres cannot bring the
    overlap back.
    """
    result = [_floating(p) for p in polygons]  # drop the 1 mm precision model
    if len(result) < 2:
        return result
    arr = np.array(result, dtype=object)
    left, right = shapely.STRtree(arr).query(arr, predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j or result[i].intersection(result[j]).area <= 1e-7:
            continue
        big, small = (i, j) if result[i].area >= result[j].area else (j, i)
        # A snap-rounding overlay on the 1 mm grid: vertices already on the grid (the walls this
        # room shares with its other neighbours) stay exactly where they are.
        cut = shapely.difference(result[big], result[small].buffer(0.0015, join_style="mitre"), grid_size=0.001)
        result[big] = _floating(_largest(cut))
    return result


def _closing(geometry: BaseGeometry, radius: float) -> BaseGeometry:
    return geometry.buffer(radius, join_style="mitre", mitre_limit=2.0).buffer(-radius, join_style="mitre", mitre_limit=2.0)


def _footprint_of(opening: SourceOpening, options: ImportOptions) -> BaseGeometry:
    g = opening.geometry
    if isinstance(g, (LineString, MultiLineString)):
        return g.buffer(options.max_wall / 2, cap_style="flat")
    return g


def _grow_into_walls(polygons: list[Polygon], footprint: BaseGeometry, reach: float) -> list[Polygon]:
    """Share the wall zone (footprint minus rooms) out to the nearest room, up to ``reach`` away.

    Points sampled along every room outline seed a Voronoi diagram; each
    room takes the cells of its own points, so two rooms meet in the middle
    of the wall between them, and exterior walls go to the room inside.
    """
    coords, labels = [], []
    for i, polygon in enumerate(polygons):
        for ring in (polygon.exterior, *polygon.interiors):
            ring_coords = np.asarray(shapely.segmentize(ring, _SAMPLE_STEP).coords)[:-1]
            coords.append(ring_coords)
            labels.append(np.full(len(ring_coords), i))
    points = np.vstack(coords)
    owner = np.concatenate(labels)
    points = np.round(points, 3)
    _, first = np.unique(points, axis=0, return_index=True)
    points, owner = points[first], owner[first]
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(points), extend_to=footprint.envelope.buffer(reach + 1), ordered=True)
    )
    wall_zone = footprint.difference(unary_union(polygons))
    grown: list[Polygon] = []
    extensions: list[BaseGeometry] = []
    for i, polygon in enumerate(polygons):
        try:
            mine = shapely.coverage_union_all(cells[owner == i])  # fast: Voronoi cells share edges
        except shapely.errors.GEOSException:
            mine = shapely.union_all(shapely.make_valid(cells[owner == i]), grid_size=0.001)
        reach_zone = polygon.buffer(reach, join_style="mitre", mitre_limit=2.0)
        extension = mine.intersection(wall_zone).intersection(reach_zone)
        # Cells repaired after a GEOS hiccup can overlap: first come, first served.
        earlier = [e for e in extensions if e.intersects(extension)]
        if earlier:
            extension = extension.difference(unary_union(earlier))
        extensions.append(extension)
        merged = unary_union([polygon, extension])
        parts = polygon_parts(merged)
        grown.append(max(parts, key=lambda p: p.intersection(polygon).area) if parts else polygon)
    return grown


def _kind(src: SourceRoom, polygon: Polygon, options: ImportOptions, report: LevelReport) -> RoomKind:
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


def _rings(polygon: Polygon) -> list[list[tuple[float, float]]]:
    polygon = shapely.normalize(polygon)
    return [[(x, y) for x, y, *_ in ring.coords] for ring in (polygon.exterior, *polygon.interiors)]


def _points(segment: LineString) -> list[tuple[float, float]]:
    (x0, y0), (x1, y1) = segment.coords[0][:2], segment.coords[-1][:2]
    return [(round(x0, 3), round(y0, 3)), (round(x1, 3), round(y1, 3))]


# --------------------------------------------------------------------------- doors and windows


def segment_on(piece: BaseGeometry, min_length: float = 0.0) -> LineString | None:
    """A two-point segment along a boundary piece: its straight fit, or its longest straight run.

    The wall split zigzags by up to half a thin wall's thickness; a straight
    line fitted through the whole piece stays within ``_STRAIGHTEN`` of it,
    so both its ends and its middle lie on the wall within the format's 5 cm.
    """
    if piece.is_empty:
        return None
    lines = [g for g in shapely.get_parts(shapely.line_merge(piece) if isinstance(piece, MultiLineString) else piece)
             if isinstance(g, LineString) and g.length > 0]
    if not lines:
        return None
    coords = np.vstack([np.asarray(g.coords)[:, :2] for g in lines])
    fitted = _fit(coords)
    if fitted is not None and fitted.length >= max(min_length, 0.001):
        return fitted
    best: LineString | None = None
    for line in lines:
        straight = list(line.simplify(_STRAIGHTEN).coords)
        for a, b in zip(straight, straight[1:]):
            edge = LineString([a, b])
            if best is None or edge.length > best.length:
                best = edge
    if best is None or best.length < max(min_length, 0.001):
        return None
    return best


def _fit(coords: np.ndarray) -> LineString | None:
    """The principal-axis segment through the points, if they all lie within _STRAIGHTEN of it."""
    if len(coords) < 2:
        return None
    mean = coords.mean(axis=0)
    centred = coords - mean
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    u = vt[0]
    t = centred @ u
    off = np.abs(centred @ np.array([-u[1], u[0]]))
    if off.max() > _STRAIGHTEN:
        return None
    return LineString([mean + t.min() * u, mean + t.max() * u])


def _place(opening: SourceOpening, geoms: list[Polygon], tree: shapely.STRtree | None, outline: BaseGeometry,
           what: str, options: ImportOptions, report: LevelReport) -> _Placed | None:
    """The segment of wall a door or window footprint sits in, and the rooms on it.

    First the footprint itself is laid on the walls; failing that, it is
    widened by half the thickest wall (a door symbol drawn beside the wall
    line, a window set back from the outline) and the segment found is cut
    back to the footprint's extent along the wall.
    """
    where = opening.source or what
    if tree is None:
        report.drop(where, "the level has no rooms")
        return None
    zone = _footprint_of(opening, options) if isinstance(opening.geometry, (LineString, MultiLineString)) else opening.geometry
    if zone.is_empty:
        report.drop(where, "it has no geometry")
        return None
    if not zone.is_valid:
        zone = shapely.make_valid(zone)
    tol = 0.03  # a piece of one room's outline this near the other's is their shared wall
    min_len = 0.3 if what == "door" else 0.2
    best: tuple[LineString, tuple[int, ...]] | None = None
    extent = _extent(zone)
    for reach in (ON_WALL_TOLERANCE, options.max_wall / 2):
        if best is not None and best[0].length >= 0.7 * extent:
            break
        near = zone.buffer(reach)
        candidates = sorted(tree.query(near, predicate="intersects").tolist(), key=lambda i: -geoms[i].intersection(near).area)[:4]
        found: tuple[LineString, tuple[int, ...]] | None = None
        if what == "door":
            for n, i in enumerate(candidates):
                for j in candidates[n + 1:]:
                    piece = geoms[i].boundary.intersection(geoms[j].buffer(tol)).intersection(near)
                    seg = _clip(segment_on(piece, min_len), zone, reach > ON_WALL_TOLERANCE, min_len)
                    if seg is not None and (found is None or seg.length > found[0].length):
                        found = (seg, (i, j))
        if found is None:
            for i in candidates:
                piece = geoms[i].boundary.intersection(outline.buffer(tol)).intersection(near)
                seg = _clip(segment_on(piece, min_len), zone, reach > ON_WALL_TOLERANCE, min_len)
                if seg is not None:
                    found = (seg, (i,))
                    break
        if found is not None and not _parallel(found[0], opening.geometry):
            found = None  # a drawn door line found a wall across it, not the wall it lies in
        if found is not None and (best is None or found[0].length > best[0].length):
            best = found
    if best is not None:
        return _Placed(best[0], best[1], opening)
    c = zone.centroid
    inside = outline.distance(c)
    if what == "door":
        why = "it is not on a wall between two rooms nor on an outside wall"
    else:
        why = f"it is not on an outside wall of a room (it lies {inside:.1f} m from the outline)"
    report.drop(f"{where} at ({c.x:.1f}, {c.y:.1f})", why)
    return None


def _parallel(segment: LineString, source: BaseGeometry, max_degrees: float = 20.0) -> bool:
    """Whether a segment runs along a source line (always true for polygon footprints)."""
    if not isinstance(source, LineString):
        return True
    (ax, ay), (bx, by) = segment.coords[0][:2], segment.coords[-1][:2]
    (cx, cy), (dx, dy) = source.coords[0][:2], source.coords[-1][:2]
    a1, a2 = np.arctan2(by - ay, bx - ax), np.arctan2(dy - cy, dx - cx)
    diff = abs((np.degrees(a1 - a2) + 90) % 180 - 90)
    return bool(diff <= max_degrees)


def _extent(zone: BaseGeometry) -> float:
    """The long side of the zone's minimum rotated rectangle (a door's or window's width)."""
    rect = zone.minimum_rotated_rectangle
    if not isinstance(rect, Polygon):
        return rect.length
    xy = np.asarray(rect.exterior.coords)
    return float(max(np.hypot(*(xy[1] - xy[0])), np.hypot(*(xy[2] - xy[1]))))


def _clip(seg: LineString | None, zone: BaseGeometry, clip: bool, min_len: float) -> LineString | None:
    """Cut the segment back to the zone's extent along it (when the zone was widened to find it)."""
    if seg is None or not clip:
        return seg
    a, b = np.asarray(seg.coords[0]), np.asarray(seg.coords[-1])
    length = float(np.hypot(*(b - a)))
    u = (b - a) / length
    hull = zone.convex_hull
    xy = np.asarray(hull.exterior.coords) if isinstance(hull, Polygon) else np.asarray(hull.coords)
    t = (xy - a) @ u
    lo, hi = max(0.0, float(t.min())), min(length, float(t.max()))
    if hi - lo < min_len:
        return None
    return LineString([a + lo * u, a + hi * u])


def _doors(placed: list[_Placed], rooms: list[Room], options: ImportOptions, report: LevelReport) -> list[Door]:
    """Door models; widths checked against the drawn opening; one entrance guessed if none is given."""
    doors = []
    seen: dict[tuple[tuple[float, float], ...], int] = defaultdict(int)
    for p in placed:
        key = tuple(sorted(_points(p.segment)))
        seen[key] += 1
        if seen[key] > 1:
            report.drop(p.source.source or "a door", "another door already sits in the same place")
            continue
        width = p.source.clear_width
        if width is not None and width > p.segment.length + ON_WALL_TOLERANCE:
            report.warnings.append(
                f"{p.source.source}: clear width {width:.2f} m is more than the {p.segment.length:.2f} m found in the wall; the drawn width is used"
            )
            width = None
        doors.append((p, width))
    # Judge exterior doors the way validation and scoring will (topology.rooms_on_segment).
    rooms_only = Plan(rooms=tuple(rooms))
    index = {r.id: n for n, r in enumerate(rooms)}
    for p, _ in doors:
        p.rooms = tuple(index[r.id] for r in rooms_on_segment(rooms_only, p.segment))
    exterior = [(k, p) for k, (p, _) in enumerate(doors) if len(p.rooms) == 1]
    chosen: set[int] = {k for k, (p, _) in enumerate(doors) if p.source.entrance and len(p.rooms) == 1}
    if not chosen and options.guess_entrance and exterior:
        def rank(item: tuple[int, _Placed]) -> tuple[int, float]:
            room = rooms[item[1].rooms[0]]
            unlikely = room.kind in (RoomKind.wc, RoomKind.wc_accessible, RoomKind.stairs, RoomKind.lift) or not room.is_public
            priority = _KIND_PRIORITY_FOR_ENTRANCE.get(room.kind, 4 if unlikely else 3)
            return priority, -room.geometry.area
        k, p = min(exterior, key=rank)
        chosen = {k}
        room = rooms[p.rooms[0]]
        report.guessed.append(
            f"d{k + 1} is taken as the public entrance: an exterior door into {room.label or room.id!r} ({room.kind.value})"
        )
    elif not exterior:
        report.warnings.append("no door lies on the building's outside wall, so no entrance could be marked")
    return [
        Door(
            id=f"d{k + 1}",
            points=_points(p.segment),
            clear_width=round(width, 3) if width else None,
            entrance=k in chosen,
            automatic=p.source.automatic,
            **door_physical(p.source.physical, p.source.source, report),
        )
        for k, (p, width) in enumerate(doors)
    ]
