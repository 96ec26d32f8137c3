"""IFC models (ifcopenshell, an optional extra: ``pip install -r requirements-ifc.txt``).

Each IfcSpace, IfcDoor and IfcWindow is triangulated by ifcopenshell's
geometry engine in world coordinates, its triangles projected to the floor
and unioned; the storey is the element's spatial container (spaces hang off
their storey by aggregation). Rooms are named by LongName (the Revit room
name, "CONFERENCE RM"), falling back to Name (often the room number). A
door's clear width is its OverallWidth when the file gives one; ceiling
heights, door sound ratings (``Pset_DoorCommon.AcousticRating``) and window
sill and head heights (``OverallHeight``) come from ``ifc_props``.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.ops import unary_union

from ..model import Plan
from .assemble import SourceOpening, SourceRoom, build_level
from .ifc_props import door_sound_rating, light_transmittance, space_height, window_sill_head
from .report import ImportOptions, ImportReport, LevelReport, import_error

__all__ = ["ifc_available", "ifc_level_rooms", "ifc_levels", "read_ifc"]


def ifc_available() -> bool:
    """Whether the optional ifcopenshell extra (with its geometry engine) is installed."""
    try:
        importlib.import_module("ifcopenshell.geom")
    except ImportError:
        return False
    return True


def _open(path: Path) -> Any:
    """The ifcopenshell model; a missing extra or an unreadable file raises one clear PlanError."""
    if not ifc_available():
        raise import_error(
            "missing-dependency",
            "reading IFC needs ifcopenshell, an optional extra: pip install -r requirements-ifc.txt",
            str(path),
        )
    import ifcopenshell

    try:
        model = ifcopenshell.open(str(path))
    except OSError as exc:
        raise import_error("file-unreadable", f"cannot read the file: {exc.strerror or exc}", str(path)) from None
    except Exception as exc:  # ifcopenshell raises its own and plain errors for broken files
        raise import_error("import-failed", f"not a readable IFC model ({str(exc).strip() or type(exc).__name__})", str(path)) from exc
    return model


def _storeys(model: Any) -> list[Any]:
    storeys = list(model.by_type("IfcBuildingStorey"))
    storeys.sort(key=lambda s: (s.Elevation if s.Elevation is not None else 0.0))
    return storeys


def _storey_of(element: Any) -> Any | None:
    import ifcopenshell.util.element as ue

    container = ue.get_container(element) or ue.get_aggregate(element)
    seen = 0
    while container is not None and not container.is_a("IfcBuildingStorey") and seen < 5:
        container = ue.get_container(container) or ue.get_aggregate(container)
        seen += 1
    return container if container is not None and container.is_a("IfcBuildingStorey") else None


def _storey_names(storeys: list[Any]) -> dict[int, str]:
    """Each storey's name, told apart by its GlobalId where two storeys share one ("Level 1 [2xS...]")."""
    names = {s.id(): str(s.Name or s.GlobalId) for s in storeys}
    counts = Counter(names.values())
    return {s.id(): names[s.id()] if counts[names[s.id()]] == 1 else f"{names[s.id()]} [{s.GlobalId}]" for s in storeys}


def ifc_level_rooms(path: Path) -> dict[str, int]:
    """Spaces per storey (by the storey's unique name), for the storeys that hold any, lowest first."""
    model = _open(path)
    per_storey = Counter(s.id() for s in (_storey_of(sp) for sp in model.by_type("IfcSpace")) if s is not None)
    storeys = _storeys(model)
    names = _storey_names(storeys)
    return {names[s.id()]: per_storey.get(s.id(), 0) for s in storeys if per_storey.get(s.id()) or not per_storey}


def ifc_levels(path: Path) -> list[str]:
    """Storeys that hold at least one space, lowest first."""
    return list(ifc_level_rooms(path))


@dataclass(frozen=True)
class _Shapes:
    """Each element's plan footprint (its triangles projected to the floor and unioned) and its z extent, in metres."""

    footprints: dict[int, Any]
    z_ranges: dict[int, tuple[float, float]]


def _footprints(model: Any, elements: list[Any], scale: float) -> _Shapes:
    """The elements triangulated by ifcopenshell's geometry engine in world coordinates."""
    import multiprocessing

    import ifcopenshell.geom

    settings = ifcopenshell.geom.settings()
    settings.set("use-world-coords", True)
    shapes = _Shapes({}, {})
    if not elements:
        return shapes
    iterator = ifcopenshell.geom.iterator(settings, model, max(1, min(4, multiprocessing.cpu_count())), include=elements)
    if not iterator.initialize():
        return shapes
    while True:
        shape = iterator.get()
        geometry = shape.geometry
        xyz = np.asarray(geometry.verts, dtype=float).reshape(-1, 3) * scale
        verts = xyz[:, :2]
        if len(xyz):
            shapes.z_ranges[shape.id] = (float(xyz[:, 2].min()), float(xyz[:, 2].max()))
        faces = np.asarray(geometry.faces, dtype=int).reshape(-1, 3)
        if len(faces):
            tris = verts[faces]
            polys = shapely.polygons(tris[:, [0, 1, 2, 0], :])
            polys = polys[shapely.area(polys) > 1e-8]
            if len(polys):
                shapes.footprints[shape.id] = shapely.union_all(polys, grid_size=1e-4)
        if not iterator.next():
            break
    return shapes


#: The elements of one storey, by role ("spaces", "doors", "windows").
Group = dict[str, list[Any]]
_ROLES = (("spaces", "IfcSpace"), ("doors", "IfcDoor"), ("windows", "IfcWindow"))


def read_ifc(path: Path, level: str | None, options: ImportOptions) -> tuple[dict[str, Plan], ImportReport]:
    """Every storey with rooms (or the one asked for) as a Plan, with the import report."""
    model = _open(path)  # first: it says how to install the extra when ifcopenshell is missing
    import ifcopenshell.util.unit as uu

    storeys, by_storey, orphans = _elements_by_storey(model, path)
    names = _storey_names(storeys)
    chosen = _chosen_storeys(storeys, by_storey, names, level, path)
    scale = float(uu.calculate_unit_scale(model))
    shapes = _triangulated(model, [e for s in chosen for group in by_storey[s.id()].values() for e in group], scale, path)
    report = ImportReport(source=str(path), format="ifc")
    if orphans:
        report.warnings.append(f"{orphans} spaces, doors or windows belong to no storey and were left out")
    project = model.by_type("IfcProject")
    project_name = str(project[0].LongName or project[0].Name or path.stem) if project else path.stem
    plans: dict[str, Plan] = {}
    for storey in chosen:
        name = names[storey.id()]
        lr = LevelReport(level=name)
        report.levels.append(lr)
        plans[name] = _storey_plan(storey, name, by_storey[storey.id()], shapes, scale, options, lr, project_name)
    return plans, report


def _elements_by_storey(model: Any, path: Path) -> tuple[list[Any], dict[int, Group], int]:
    """The storeys (lowest first), their spaces, doors and windows, and how many elements belong to none."""
    storeys = _storeys(model)
    if not storeys:
        raise import_error("no-geometry", "the model has no building storeys (IfcBuildingStorey)", str(path))
    if not list(model.by_type("IfcSpace")):
        raise import_error("no-geometry", "the model has no rooms (IfcSpace); export spaces/rooms from the authoring tool", str(path))
    by_storey: dict[int, Group] = {s.id(): {"spaces": [], "doors": [], "windows": []} for s in storeys}
    orphans = 0
    for key, ifc_type in _ROLES:
        for element in model.by_type(ifc_type):
            storey = _storey_of(element)
            if storey is None or storey.id() not in by_storey:
                orphans += 1
                continue
            by_storey[storey.id()][key].append(element)
    return storeys, by_storey, orphans


def _chosen_storeys(storeys: list[Any], by_storey: dict[int, Group], names: dict[int, str], level: str | None, path: Path) -> list[Any]:
    """The storeys with rooms, or the one named."""
    if level is None:
        return [s for s in storeys if by_storey[s.id()]["spaces"]]
    chosen = [s for s in storeys if names[s.id()] == level or s.GlobalId == level]
    if not chosen:
        available = ", ".join(names[s.id()] for s in storeys if by_storey[s.id()]["spaces"])
        raise import_error("unknown-level", f"no storey {level!r}; the storeys with rooms are {available}", str(path))
    return chosen


def _triangulated(model: Any, elements: list[Any], scale: float, path: Path) -> _Shapes:
    try:
        return _footprints(model, elements, scale)
    except Exception as exc:  # the geometry engine reports broken models with its own errors
        raise import_error("import-failed", f"ifcopenshell could not triangulate the model ({exc})", str(path)) from exc


def _storey_plan(storey: Any, name: str, group: Group, shapes: _Shapes, scale: float, options: ImportOptions,
                 report: LevelReport, project_name: str) -> Plan:
    """One storey's Plan; the report compares the file's own room areas with the drawn shapes."""
    elevation = float(storey.Elevation or 0.0) * scale
    rooms, file_area = _rooms(group["spaces"], shapes, scale, report)
    doors = _doors(group["doors"], shapes, scale, report)
    windows = _windows(group["windows"], shapes, scale, elevation, report)
    extra = {"source_format": "ifc", "elevation_m": round(elevation, 3), "storey_id": str(storey.GlobalId)}
    if file_area:
        extra["file_area_m2"] = round(file_area, 2)
    plan = build_level(name, rooms, doors, windows, options=options, report=report,
                       plan_name=f"{project_name} – {name}", extra=extra)
    if file_area:
        report.warnings.append(
            f"the file's own room areas sum to {file_area:,.1f} m²; the drawn room shapes to {report.source_area_m2:,.1f} m² "
            f"({(report.source_area_m2 / file_area - 1) * 100:+.1f} %), {report.floor_area_m2:,.1f} m² once grown into the walls"
        )
    return plan


def _footprint_of(element: Any, shapes: _Shapes, what: str, report: LevelReport) -> Any | None:
    """The element's footprint, or None (reported) when the engine could not triangulate it."""
    geometry = shapes.footprints.get(element.id())
    if geometry is None or geometry.is_empty:
        report.drop(what, "it has no geometry the engine could triangulate")
        return None
    return geometry


def _rooms(spaces: list[Any], shapes: _Shapes, scale: float, report: LevelReport) -> tuple[list[SourceRoom], float]:
    """The spaces as rooms (named by LongName, then Name), and the sum of the file's own areas for them."""
    import ifcopenshell.util.element as ue

    rooms = []
    file_area = 0.0
    for space in spaces:
        label = str(space.LongName or space.Name or "")
        what = f"IfcSpace #{space.id()} {label!r}"
        geometry = _footprint_of(space, shapes, what, report)
        if geometry is None:
            continue
        psets = ue.get_psets(space)
        area = _revit_area(psets)
        file_area += area or 0.0
        rooms.append(SourceRoom(polygon=geometry, label=label, names=_space_names(space), source=what,
                                physical={"height": space_height(psets, scale, shapes.z_ranges.get(space.id()))}))
    return rooms, file_area


def _space_names(space: Any) -> tuple[str | None, ...]:
    """Everything that names a space's use: LongName, Name, ObjectType and its classification references' names."""
    import ifcopenshell.util.classification as uc

    names: list[str | None] = [space.LongName, space.Name, getattr(space, "ObjectType", None)]
    try:
        references = uc.get_references(space)
    except (AttributeError, RuntimeError, TypeError):  # an IFC schema without classification relations
        references = set()
    names += [getattr(ref, "Name", None) for ref in sorted(references, key=lambda r: r.id())]
    return tuple(str(n) for n in names if n)


def _doors(doors: list[Any], shapes: _Shapes, scale: float, report: LevelReport) -> list[SourceOpening]:
    """The doors, with OverallWidth as the clear width where the file gives one."""
    import ifcopenshell.util.element as ue

    result = []
    for door in doors:
        what = f"IfcDoor #{door.id()} {str(door.Name or '')[:40]!r}"
        geometry = _footprint_of(door, shapes, what, report)
        if geometry is None:
            continue
        width = float(door.OverallWidth) * scale if getattr(door, "OverallWidth", None) else None
        psets = ue.get_psets(door)
        external = (psets.get("Pset_DoorCommon") or {}).get("IsExternal")
        result.append(SourceOpening(geometry=unary_union(geometry).convex_hull, source=what + (" (IsExternal)" if external is True else ""),
                                    clear_width=width, entrance=False, automatic=False,
                                    physical={"sound_rating": door_sound_rating(psets)}))
    return result


def _windows(windows: list[Any], shapes: _Shapes, scale: float, elevation: float, report: LevelReport) -> list[SourceOpening]:
    """The windows, with sill and head heights above the storey's floor."""
    import ifcopenshell.util.element as ue

    result = []
    for window in windows:
        what = f"IfcWindow #{window.id()}"
        geometry = _footprint_of(window, shapes, what, report)
        if geometry is None:
            continue
        psets = ue.get_psets(window)
        sill, head = window_sill_head(psets, getattr(window, "OverallHeight", None), scale, shapes.z_ranges.get(window.id()), elevation)
        result.append(SourceOpening(geometry=geometry.convex_hull, source=what,
                                    physical={"sill": sill, "head": head, "light_transmittance": light_transmittance(psets)}))
    return result


def _revit_area(psets: dict[str, dict[str, Any]]) -> float | None:
    """The authoring tool's own area of a space (Revit's PSet, or the IFC base quantities)."""
    for pset, key in (("PSet_Revit_Dimensions", "Area"), ("Qto_SpaceBaseQuantities", "NetFloorArea"),
                      ("BaseQuantities", "NetFloorArea"), ("Qto_SpaceBaseQuantities", "GrossFloorArea")):
        value = (psets.get(pset) or {}).get(key)
        if isinstance(value, (int, float)) and value > 0:
            return float(value)
    return None
