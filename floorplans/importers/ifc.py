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

from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.ops import unary_union

from ..model import Plan
from .assemble import SourceOpening, SourceRoom, build_level
from .ifc_props import door_sound_rating, light_transmittance, space_height, window_sill_head
from .report import ImportOptions, ImportReport, LevelReport, import_error

__all__ = ["ifc_available", "ifc_levels", "read_ifc"]


def ifc_available() -> bool:
    try:
        import ifcopenshell  # noqa: F401
        import ifcopenshell.geom  # noqa: F401
    except ImportError:
        return False
    return True


def _open(path: Path):
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
        raise import_error("import-failed", f"not a readable IFC model ({str(exc).strip() or type(exc).__name__})", str(path)) from None
    return model


def _storeys(model) -> list[Any]:
    storeys = list(model.by_type("IfcBuildingStorey"))
    storeys.sort(key=lambda s: (s.Elevation if s.Elevation is not None else 0.0))
    return storeys


def _storey_of(element) -> Any | None:
    import ifcopenshell.util.element as ue

    container = ue.get_container(element) or ue.get_aggregate(element)
    seen = 0
    while container is not None and not container.is_a("IfcBuildingStorey") and seen < 5:
        container = ue.get_container(container) or ue.get_aggregate(container)
        seen += 1
    return container if container is not None and container.is_a("IfcBuildingStorey") else None


def ifc_levels(path: Path) -> list[str]:
    """Storeys that hold at least one space, lowest first."""
    model = _open(path)
    with_spaces = {s.id() for s in (_storey_of(sp) for sp in model.by_type("IfcSpace")) if s is not None}
    names = [str(s.Name or s.GlobalId) for s in _storeys(model) if s.id() in with_spaces or not with_spaces]
    return names


def _footprints(model, elements: list[Any], scale: float) -> tuple[dict[int, Any], dict[int, tuple[float, float]]]:
    """Each element's plan footprint (its triangles projected to the floor and unioned) and its z extent, m."""
    import multiprocessing

    import ifcopenshell.geom

    settings = ifcopenshell.geom.settings()
    settings.set("use-world-coords", True)
    result: dict[int, Any] = {}
    heights: dict[int, tuple[float, float]] = {}
    if not elements:
        return result, heights
    iterator = ifcopenshell.geom.iterator(settings, model, max(1, min(4, multiprocessing.cpu_count())), include=elements)
    if not iterator.initialize():
        return result, heights
    while True:
        shape = iterator.get()
        geometry = shape.geometry
        xyz = np.asarray(geometry.verts, dtype=float).reshape(-1, 3) * scale
        verts = xyz[:, :2]
        if len(xyz):
            heights[shape.id] = (float(xyz[:, 2].min()), float(xyz[:, 2].max()))
        faces = np.asarray(geometry.faces, dtype=int).reshape(-1, 3)
        if len(faces):
            tris = verts[faces]
            polys = shapely.polygons(tris[:, [0, 1, 2, 0], :])
            polys = polys[shapely.area(polys) > 1e-8]
            if len(polys):
                result[shape.id] = shapely.union_all(polys, grid_size=1e-4)
        if not iterator.next():
            break
    return result, heights


def read_ifc(path: Path, level: str | None, options: ImportOptions) -> tuple[dict[str, Plan], ImportReport]:
    model = _open(path)  # first: it says how to install the extra when ifcopenshell is missing
    import ifcopenshell.util.element as ue
    import ifcopenshell.util.unit as uu

    storeys = _storeys(model)
    if not storeys:
        raise import_error("no-geometry", "the model has no building storeys (IfcBuildingStorey)", str(path))
    spaces = list(model.by_type("IfcSpace"))
    if not spaces:
        raise import_error("no-geometry", "the model has no rooms (IfcSpace); export spaces/rooms from the authoring tool", str(path))
    by_storey: dict[int, dict[str, list[Any]]] = {s.id(): {"spaces": [], "doors": [], "windows": []} for s in storeys}
    orphans = 0
    for key, ifc_type in (("spaces", "IfcSpace"), ("doors", "IfcDoor"), ("windows", "IfcWindow")):
        for element in model.by_type(ifc_type):
            storey = _storey_of(element)
            if storey is None or storey.id() not in by_storey:
                orphans += 1
                continue
            by_storey[storey.id()][key].append(element)
    names = {s.id(): str(s.Name or s.GlobalId) for s in storeys}
    chosen = [s for s in storeys if by_storey[s.id()]["spaces"]]
    if level is not None:
        chosen = [s for s in storeys if names[s.id()] == level]
        if not chosen:
            available = ", ".join(names[s.id()] for s in storeys if by_storey[s.id()]["spaces"])
            raise import_error("unknown-level", f"no storey {level!r}; the storeys with rooms are {available}", str(path))
    scale = float(uu.calculate_unit_scale(model))
    wanted = [e for s in chosen for group in by_storey[s.id()].values() for e in group]
    try:
        footprints, z_ranges = _footprints(model, wanted, scale)
    except Exception as exc:  # the geometry engine reports broken models with its own errors
        raise import_error("import-failed", f"ifcopenshell could not triangulate the model ({exc})", str(path)) from None

    report = ImportReport(source=str(path), format="ifc")
    if orphans:
        report.warnings.append(f"{orphans} spaces, doors or windows belong to no storey and were left out")
    plans: dict[str, Plan] = {}
    project = model.by_type("IfcProject")
    project_name = str(project[0].LongName or project[0].Name or path.stem) if project else path.stem
    for storey in chosen:
        name = names[storey.id()]
        lr = LevelReport(level=name)
        report.levels.append(lr)
        elevation = float(storey.Elevation or 0.0) * scale
        group = by_storey[storey.id()]
        rooms = []
        file_area = 0.0
        for space in group["spaces"]:
            geometry = footprints.get(space.id())
            label = str(space.LongName or space.Name or "")
            what = f"IfcSpace #{space.id()} {label!r}"
            if geometry is None or geometry.is_empty:
                lr.drop(what, "it has no geometry the engine could triangulate")
                continue
            psets = ue.get_psets(space)
            area = _revit_area(psets)
            file_area += area or 0.0
            rooms.append(SourceRoom(polygon=geometry, label=label, names=(space.LongName, space.Name), source=what,
                                    physical={"height": space_height(psets, scale, z_ranges.get(space.id()))}))
        doors = []
        for door in group["doors"]:
            geometry = footprints.get(door.id())
            what = f"IfcDoor #{door.id()} {str(door.Name or '')[:40]!r}"
            if geometry is None or geometry.is_empty:
                lr.drop(what, "it has no geometry the engine could triangulate")
                continue
            width = float(door.OverallWidth) * scale if getattr(door, "OverallWidth", None) else None
            psets = ue.get_psets(door)
            external = (psets.get("Pset_DoorCommon") or {}).get("IsExternal")
            doors.append(SourceOpening(geometry=unary_union(geometry).convex_hull, source=what, clear_width=width,
                                       entrance=False, automatic=False, physical={"sound_rating": door_sound_rating(psets)}))
            if external is True:
                doors[-1].source += " (IsExternal)"
        windows = []
        for window in group["windows"]:
            geometry = footprints.get(window.id())
            what = f"IfcWindow #{window.id()}"
            if geometry is None or geometry.is_empty:
                lr.drop(what, "it has no geometry the engine could triangulate")
                continue
            psets = ue.get_psets(window)
            sill, head = window_sill_head(psets, getattr(window, "OverallHeight", None), scale, z_ranges.get(window.id()), elevation)
            windows.append(SourceOpening(geometry=geometry.convex_hull, source=what,
                                         physical={"sill": sill, "head": head, "light_transmittance": light_transmittance(psets)}))
        extra = {"source_format": "ifc", "elevation_m": round(elevation, 3)}
        if file_area:
            extra["file_area_m2"] = round(file_area, 2)
        plans[name] = build_level(name, rooms, doors, windows, options=options, report=lr,
                                  plan_name=f"{project_name} – {name}", extra=extra)
        if file_area:
            lr.warnings.append(
                f"the file's own room areas sum to {file_area:,.1f} m²; the drawn room shapes to {lr.source_area_m2:,.1f} m² "
                f"({(lr.source_area_m2 / file_area - 1) * 100:+.1f} %), {lr.floor_area_m2:,.1f} m² once grown into the walls"
            )
    return plans, report


def _revit_area(psets: dict[str, dict[str, Any]]) -> float | None:
    """The authoring tool's own area of a space (Revit's PSet, or the IFC base quantities)."""
    for pset, key in (("PSet_Revit_Dimensions", "Area"), ("Qto_SpaceBaseQuantities", "NetFloorArea"),
                      ("BaseQuantities", "NetFloorArea"), ("Qto_SpaceBaseQuantities", "GrossFloorArea")):
        value = (psets.get(pset) or {}).get(key)
        if isinstance(value, (int, float)) and value > 0:
            return float(value)
    return None
