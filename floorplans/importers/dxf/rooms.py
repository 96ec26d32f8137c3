"""Step 3 of a DXF import: the rooms, from room polylines or else from the spaces between the walls, and their labels."""

from __future__ import annotations

from pathlib import Path

from shapely import STRtree
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ...model import RoomKind
from ..assemble import SourceRoom, polygon_parts
from ..assemble.shapes import closing
from ..kind_map import FIXTURE_CONFIDENCE, LAYER_CONFIDENCE, Evidence, classify, fixture_kind, match_name
from ..report import ImportOptions, LevelReport, import_error
from .collect import Described
from .drawing import Metres
from .walls import building_footprint

__all__ = ["fixture_hints", "label_rooms", "source_rooms"]


def source_rooms(room_polys: list[tuple[Polygon, str]], solid: BaseGeometry, doors: list[Described], metres: Metres,
                 options: ImportOptions, report: LevelReport, path: Path) -> tuple[list[SourceRoom], BaseGeometry | None]:
    """The rooms and, when they were derived from the walls, the building footprint they fill."""
    if room_polys:
        return [SourceRoom(polygon=metres(p), source=f"room outline {n + 1} on layer {layer!r}", unnamed=True, evidence=_layer_evidence(layer))
                for n, (p, layer) in enumerate(room_polys)], None
    footprint = building_footprint(unary_union([solid, *(g for g, _ in doors)]))
    if footprint.is_empty:
        raise import_error("no-geometry", "the walls enclose no floor area; no rooms can be derived from them", str(path))
    # Door gaps are closed so that rooms split at their doors.
    pieces = polygon_parts(footprint.difference(closing(solid, options.door_gap)))
    report.guessed.append(
        f"no room polygons on layers {', '.join(options.dxf_room_layers)}: {len(pieces)} spaces derived from the walls "
        f"(footprint {footprint.area:,.0f} m², door gaps up to {2 * options.door_gap:.2f} m closed)"
    )
    return [SourceRoom(polygon=p, source=f"a space of {p.area:.1f} m² between walls", unnamed=True) for p in pieces], footprint


def _layer_evidence(layer: str) -> list[Evidence]:
    """What a room outline's layer name says of its kind ("A-AREA-WC", "RUM-TOILET"), if anything."""
    guess = match_name(layer)
    return [Evidence(guess.kind, round(LAYER_CONFIDENCE * guess.confidence, 2), f"its layer {layer!r}")] if guess else []


def label_rooms(rooms: list[SourceRoom], texts: list[tuple[float, float, str]], metres: Metres,
                options: ImportOptions, report: LevelReport) -> None:
    """Each text names the first room it stands in; a room whose labels name different kinds keeps only its joined label."""
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
                report.guessed.append(f"labels {', '.join(map(repr, room.names))} lie in one room and name different kinds; "
                                      "its kind is left unknown, to review")
                room.names = (room.label,)
                room.evidence = []


def fixture_hints(rooms: list[SourceRoom], fixtures: list[tuple[float, float, str, str]], metres: Metres) -> None:
    """What the fittings drawn in each room hint at (WC pans on a sanitary layer, desks, a meeting table), as weak evidence."""
    found: dict[int, dict[RoomKind, list[str]]] = {}
    tree = STRtree([room.polygon for room in rooms]) if rooms else None
    for x, y, block, layer in fixtures:
        hint = fixture_kind(block, layer)
        if hint is None or tree is None:
            continue
        point = metres(Point(x, y))
        inside = [i for i in tree.query(point, predicate="intersects").tolist()]
        if inside:
            found.setdefault(inside[0], {}).setdefault(hint[0], []).append(block if hint[1] in block.lower() else f"{block} on {layer}")
    for i, kinds in found.items():
        for kind, blocks in kinds.items():
            shown = ", ".join(sorted(set(blocks))[:3])
            confidence = round(min(FIXTURE_CONFIDENCE, 0.25 * len(blocks) ** 0.5), 2)  # more fittings, more telling; never sure
            rooms[i].evidence.append(Evidence(kind, confidence, f"{len(blocks)} fitting(s) drawn in it ({shown})"))
