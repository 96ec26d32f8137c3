"""One storey's Plan from a reader's source shapes: the assembly steps in order, the report filled as they go."""

from __future__ import annotations

from typing import Any

from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from ...model import Furniture, Plan, Room, Window
from ...validation import validate_plan
from ..physical import note_defaults, room_physical, window_physical
from ..report import ImportOptions, LevelReport
from .cleanup import clean_rooms
from .connect import JoinRule, guessed_doors, isolated_entrances, open_joins, touching_pairs
from .doors import door_models
from .kinds import KIND_CONFIDENCE, inner_entrances_to_corridors, room_kind
from .placement import Placed, RoomWalls, place_opening
from .precision import settle_on_millimetres
from .shapes import model_points, model_rings
from .sources import SourceOpening, SourcePlant, SourceRoom
from .walls import grow_into_walls

__all__ = ["build_level"]


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
    join: JoinRule = "touching",
    guess_doors: bool = False,
) -> Plan:
    """One storey's Plan from its source shapes; the report is filled in as a side effect.

    ``tiled``: the source's rooms already share their walls (no wall zone to split).
    ``join``: which rooms whose outlines touch get an opening between them
    (all: no wall between; only circulation spaces, where touching outlines imply a wall; none).
    ``guess_doors``: a file without any door gets one guessed door from each room to a corridor.
    """
    cleaned = clean_rooms(rooms, options, report)
    report.source_area_m2 = round(sum(p.area for p, _ in cleaned), 2)
    if not cleaned:
        report.warnings.append("no room could be made on this level")
    polygons = [p for p, _ in cleaned]
    pairs = touching_pairs(polygons) if join != "none" else set()
    if options.fill_walls and not tiled and len(polygons) > 1:
        polygons = grow_into_walls(polygons, [*doors, *windows], options, footprint)
    room_list = _rooms(settle_on_millimetres(polygons), [src for _, src in cleaned], options, report)
    walls = RoomWalls.of(room_list)
    placed_doors = [p for o in doors if (p := place_opening(o, walls, "door", options, report))]
    placed_windows = [p for o in windows if (p := place_opening(o, walls, "window", options, report))]
    door_list = door_models(placed_doors, room_list, options, report)
    if guess_doors and not door_list:
        door_list = guessed_doors(room_list, report)
    room_list = inner_entrances_to_corridors(room_list, door_list, report)
    plan = Plan(
        name=plan_name,
        rooms=tuple(room_list),
        doors=tuple(door_list),
        openings=tuple(open_joins(room_list, pairs, door_list, join, report)),
        windows=tuple(_windows(placed_windows, report)),
        furniture=tuple(_plants(plants or [], walls, report)),
        extra={"level": level, **(extra or {})},
    )
    isolated_entrances(plan, report)
    _sum_up(plan, report)
    return plan


def _rooms(polygons: list[Polygon], sources: list[SourceRoom], options: ImportOptions, report: LevelReport) -> list[Room]:
    """Room models r1, r2, ... in the source's order, each with its kind and the physical properties the file gives."""
    rooms = []
    for n, (polygon, src) in enumerate(zip(polygons, sources, strict=True), start=1):
        guess = room_kind(src, polygon, options, report)
        rooms.append(Room(id=f"r{n}", kind=guess.kind, name=src.label, rings=model_rings(polygon),
                          extra={KIND_CONFIDENCE: guess.confidence}, **room_physical(src.physical, src.source, report)))
    return rooms


def _windows(placed: list[Placed], report: LevelReport) -> list[Window]:
    return [
        Window(id=f"w{n}", points=model_points(p.segment), **window_physical(p.source.physical, p.source.source, report))
        for n, p in enumerate(placed, start=1)
    ]


def _plants(plants: list[SourcePlant], walls: RoomWalls | None, report: LevelReport) -> list[Furniture]:
    """Plants inside a room (numbered in the source's order); the others are reported as dropped."""
    furniture = []
    for n, plant in enumerate(plants, start=1):
        if walls is not None and len(walls.tree.query(Point(plant.point), predicate="intersects")):
            furniture.append(Furniture(id=f"f{n}", type="plant", point=plant.point))
        else:
            report.drop(plant.source or "plant", "it lies outside every room")
    return furniture


def _sum_up(plan: Plan, report: LevelReport) -> None:
    """The level's counts, the property defaults assumed and what validation finds."""
    report.rooms = len(plan.rooms)
    report.doors = len(plan.doors)
    report.openings = len(plan.openings)
    report.windows = len(plan.windows)
    report.floor_area_m2 = round(plan.floor_area, 2)
    note_defaults(plan, report)
    report.problems = validate_plan(plan)
