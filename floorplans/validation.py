"""Validation of a parsed plan: every problem, each with its feature and a plain sentence.

Parsing (``geojson_io``) already refuses what cannot be a plan at all (not
JSON, unknown kinds, NaN coordinates ...). This module checks what only makes
sense for the plan as a whole: geometry validity, overlaps, doors on walls,
duplicate ids, an entrance, islands, implausible units and (as warnings,
``plausibility``) implausible heights and room sizes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

import shapely
from shapely.errors import ShapelyError
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from .model import Door, Opening, Plan, Room
from .plausibility import property_problems, size_problems
from .problems import Problem, errors_only
from .topology import ON_WALL_TOLERANCE, arrival_rooms, building_footprint, rooms_on_segment

__all__ = ["OVERLAP_TOLERANCE_M2", "validate_plan", "is_valid_plan"]

#: Rooms may overlap by at most 1 cm² (plan-format.md).
OVERLAP_TOLERANCE_M2 = 1e-4
#: A floor larger than this many metres across is almost surely in mm or cm.
MAX_PLAUSIBLE_SPAN_M = 2000.0
#: A floor smaller than this is almost surely in km (or a typo).
MIN_PLAUSIBLE_SPAN_M = 1.0


def is_valid_plan(plan: Plan) -> bool:
    return not errors_only(validate_plan(plan))


def validate_plan(plan: Plan, *, wc_min: tuple[float, float] | None = None) -> list[Problem]:
    """Every problem of the plan, errors and warnings, in a stable order.

    ``wc_min``: the accessible WC's smallest room (short × long side, m) under
    the rule profile in use; BR18's when not given (``plausibility``).

    Never raises on geometry: a broken room polygon is reported (naming the
    room and where it crosses itself) before any step that unions or overlays
    rooms runs, and a GEOS error in any check becomes a ``geometry-error``
    problem instead of an exception.
    """
    problems: list[Problem] = []
    problems += _checked(_duplicate_ids, plan)
    problems += _checked(_units, plan)
    if not plan.rooms:
        return problems + _checked(_entrances, plan)
    geometry_problems = _checked(_room_geometry, plan)
    problems += geometry_problems
    if errors_only(geometry_problems):
        return problems  # overlap and wall tests are meaningless on broken polygons (and GEOS may refuse them)
    for check in (_overlaps, _islands, _passages_on_walls, _windows_on_walls, _entrances, _furniture, property_problems):
        problems += _checked(check, plan)

    def _room_sizes(p: Plan) -> list[Problem]:
        return size_problems(p, wc_min)

    problems += _checked(_room_sizes, plan)
    return problems


def _checked(check: Callable[[Plan], list[Problem]], plan: Plan) -> list[Problem]:
    """Run one check; a geometry engine failure is one problem, not an exception."""
    try:
        return check(plan)
    except ShapelyError as exc:
        what = check.__name__.strip("_").replace("_", " ")
        return [Problem(code="geometry-error", message=f"the plan's geometry could not be checked ({what}): {_plain_geos(exc)}")]


def _plain_geos(exc: Exception) -> str:
    # "TopologyException: side location conflict at 2 2. This can occur if ..." -> "side location conflict at (2, 2)"
    text = str(exc).split(". This can occur", 1)[0].strip()
    text = text.removeprefix("TopologyException:").strip()
    head, sep, tail = text.rpartition(" at ")
    parts = tail.split()
    if sep and len(parts) == 2:
        return f"{head} at ({parts[0]}, {parts[1]})"
    return text or type(exc).__name__


def _duplicate_ids(plan: Plan) -> list[Problem]:
    counts = Counter(f.id for f in plan.features)
    return [
        Problem(code="duplicate-id", feature_id=fid, message=f"the id {fid!r} is used by {n} features; ids must be unique")
        for fid, n in counts.items()
        if n > 1
    ]


def _units(plan: Plan) -> list[Problem]:
    if not plan.rooms:
        return [Problem(code="no-rooms", message="the plan has no rooms")]
    # The bounds of the rooms, not of their union: no overlay, so broken polygons cannot make it fail.
    minx, miny, maxx, maxy = shapely.total_bounds([r.geometry for r in plan.rooms])
    span = max(maxx - minx, maxy - miny)
    if not math.isfinite(span):
        return []
    if span > MAX_PLAUSIBLE_SPAN_M:
        return [Problem(code="wrong-units", message=f"the plan is {span:,.0f} m across: its coordinates are probably in mm or cm, not metres (set \"units\")")]
    if 0 < span < MIN_PLAUSIBLE_SPAN_M:
        return [Problem(code="wrong-units", message=f"the plan is only {span:.3f} m across: its coordinates are probably not in metres")]
    return []


def _room_geometry(plan: Plan) -> list[Problem]:
    problems = []
    for room in plan.rooms:
        polygon = room.geometry
        if not polygon.is_valid:
            reason = explain_validity(polygon)
            code = "self-intersection" if "Self-intersection" in reason or "Ring Self" in reason else "invalid-polygon"
            problems.append(Problem(code=code, feature_id=room.id, message=f"room {room.label!r} is not a valid polygon: {_plain(reason)}"))
        elif polygon.is_empty or polygon.area <= 0:
            problems.append(Problem(code="invalid-polygon", feature_id=room.id, message=f"room {room.label!r} has no area"))
    return problems


def _plain(reason: str) -> str:
    # "Self-intersection[3.5 2]" -> "self-intersection at (3.5, 2)"
    if "[" in reason and reason.endswith("]"):
        text, coords = reason[:-1].split("[", 1)
        parts = coords.split()
        if len(parts) >= 2:
            return f"{text.strip().lower()} at ({parts[0]}, {parts[1]})"
    return reason.lower()


def _overlaps(plan: Plan) -> list[Problem]:
    problems = []
    geoms = [r.geometry for r in plan.rooms]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        area = geoms[i].intersection(geoms[j]).area
        if area > OVERLAP_TOLERANCE_M2:
            a, b = plan.rooms[i], plan.rooms[j]
            problems.append(
                Problem(
                    code="rooms-overlap",
                    feature_id=a.id,
                    message=f"room {a.label!r} overlaps room {b.label!r} ({b.id}) by {area:.2f} m²",
                )
            )
    return problems


def _islands(plan: Plan) -> list[Problem]:
    if len(plan.rooms) < 2:
        return []
    geoms = [r.geometry for r in plan.rooms]
    tree = shapely.STRtree(geoms)
    problems = []
    for i, room in enumerate(plan.rooms):
        near = [j for j in tree.query(room.geometry, predicate="dwithin", distance=ON_WALL_TOLERANCE) if j != i]
        if not near:
            problems.append(
                Problem(code="island-room", feature_id=room.id, message=f"room {room.label!r} touches no other room (an island)")
            )
    return problems


def _passages_on_walls(plan: Plan) -> list[Problem]:
    problems = []
    outline = building_footprint(plan).boundary
    passable: tuple[Door | Opening, ...] = (*plan.doors, *plan.openings)
    for feature in passable:
        word = feature.feature
        rooms = rooms_on_segment(plan, feature.geometry)
        if not rooms:
            problems.append(Problem(code=f"{word}-off-wall", feature_id=feature.id, message=f"the {word} lies on no room's wall (its ends must be within 5 cm of a wall)"))
            continue
        if len(rooms) > 2:
            names = ", ".join(r.label for r in rooms)
            problems.append(Problem(code=f"{word}-wrong-wall", feature_id=feature.id, message=f"the {word} lies on the walls of {len(rooms)} rooms at once ({names}); put it on the wall between two"))
            continue
        if len(rooms) == 1:
            if word == "opening":
                problems.append(Problem(code="opening-wrong-wall", feature_id=feature.id, message=f"the opening is on an outside wall of {rooms[0].label!r}; an opening joins two rooms"))
                continue
            if not _segment_covered(feature.geometry, outline):
                problems.append(Problem(code="door-wrong-wall", feature_id=feature.id, message=f"the door is on a wall of {rooms[0].label!r} that no other room shares and that is not an outside wall"))
                continue
            wall = _near(rooms[0].geometry.boundary, feature.geometry)
        else:
            if getattr(feature, "entrance", False):
                problems.append(Problem(code="door-wrong-wall", feature_id=feature.id, message=f"the door is marked as an entrance but lies between two rooms ({rooms[0].label!r} and {rooms[1].label!r}), not on an outside wall"))
            other = rooms[1].geometry.intersection(shapely.box(*_near_box(feature.geometry)))
            wall = _near(rooms[0].geometry.boundary, feature.geometry).intersection(other.buffer(ON_WALL_TOLERANCE))
        overhang = feature.geometry.difference(wall.buffer(ON_WALL_TOLERANCE)).length
        if overhang > ON_WALL_TOLERANCE:
            problems.append(Problem(code=f"{word}-wider-than-wall", feature_id=feature.id, message=f"the {word} ({feature.length:.2f} m) runs {overhang:.2f} m past the end of the wall it sits in"))
        width = getattr(feature, "clear_width", None)
        if width is not None and width > feature.length + ON_WALL_TOLERANCE:
            problems.append(Problem(code="door-wider-than-wall", feature_id=feature.id, message=f"the door's clear width {width:.2f} m is more than its drawn opening {feature.length:.2f} m"))
    return problems


#: Walls are looked at this far around a segment (m): what lies farther cannot decide whether it sits on them.
_AROUND = 3 * ON_WALL_TOLERANCE


def _near_box(segment: LineString) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = segment.bounds
    return minx - _AROUND, miny - _AROUND, maxx + _AROUND, maxy + _AROUND


def _near(lines: BaseGeometry, segment: LineString) -> BaseGeometry:
    """The lines (a boundary, an outline) clipped to the segment's surroundings.

    Buffering a whole building outline of thousands of corners for every
    door and window took seconds on a real drawing; only the part within a
    few centimetres of the segment matters, and the result is the same.
    """
    return shapely.clip_by_rect(lines, *_near_box(segment))


def _segment_covered(segment: LineString, outline: BaseGeometry) -> bool:
    return segment.difference(_near(outline, segment).buffer(ON_WALL_TOLERANCE)).length <= ON_WALL_TOLERANCE


def _windows_on_walls(plan: Plan) -> list[Problem]:
    problems = []
    outline = building_footprint(plan).boundary
    for window in plan.windows:
        if not rooms_on_segment(plan, window.geometry):
            problems.append(Problem(code="window-off-wall", feature_id=window.id, message="the window lies on no room's wall (its ends must be within 5 cm of a wall)"))
        elif not _segment_covered(window.geometry, outline):
            problems.append(Problem(code="window-wrong-wall", feature_id=window.id, message="the window is on an inside wall; windows belong on the building's outside walls"))
    return problems


def _entrances(plan: Plan) -> list[Problem]:
    entrances = plan.entrances
    if not entrances:
        arrivals = arrival_rooms(plan)
        if arrivals:  # an upper floor: one arrives by lift or stairs, and routes start there
            names = ", ".join(f"{r.label} ({r.kind.value})" for r in arrivals[:6]) + (" …" if len(arrivals) > 6 else "")
            return [Problem(code="arrival-by-lift-or-stairs", severity="warning", feature_id=arrivals[0].id,
                            message=f"no public entrance door on this level: it is taken to be an upper floor reached "
                                    f"by {names}; routes start there (mark the entrance door if this is the ground floor)")]
        return [Problem(code="no-entrance", message="the plan has no public entrance (a door with \"entrance\": true on an "
                                                    "outside wall) and no lift or stairs to arrive by")]
    problems = []
    for door in entrances:
        rooms = rooms_on_segment(plan, door.geometry)
        if len(rooms) == 1 and not rooms[0].is_public:
            problems.append(Problem(code="entrance-into-private-room", feature_id=door.id, severity="warning", message=f"the public entrance opens into {rooms[0].label!r}, which is not a public room"))
    return problems


def _furniture(plan: Plan) -> list[Problem]:
    footprint = building_footprint(plan).buffer(ON_WALL_TOLERANCE)
    problems = []
    for item in plan.furniture:
        geom = item.geometry
        if item.rings is not None and not geom.is_valid:
            problems.append(Problem(code="invalid-polygon", feature_id=item.id, message=f"the {item.type} is not a valid polygon: {_plain(explain_validity(geom))}"))
        elif not footprint.covers(geom):
            problems.append(Problem(code="furniture-outside", feature_id=item.id, severity="warning", message=f"the {item.type} lies (partly) outside every room"))
    return problems


def rooms_without_access(plan: Plan) -> list[Room]:
    """Rooms that no door or opening reaches (a warning, not a format error)."""
    from .topology import passages

    joined = {rid for p in passages(plan) for rid in p.rooms}
    return [r for r in plan.rooms if r.id not in joined]
