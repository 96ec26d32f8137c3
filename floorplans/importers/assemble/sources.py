"""What a format reader hands to the assembly: rooms, openings and plants as the file gives them, in metres."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry

from ..kind_map import Evidence

__all__ = ["SourceOpening", "SourcePlant", "SourceRoom"]


@dataclass
class SourceRoom:
    """A room as the file gives it, already in metres."""

    polygon: BaseGeometry
    label: str = ""
    names: tuple[str | None, ...] = ()  # tried in order against the kind table
    source: str = ""  # how the report names it ("IfcSpace 203 'OPEN OFFICE'")
    unnamed: bool = False  # derived from geometry: no name in the file
    category: str = ""  # the file's type or category for it ("stairs", "restroom.male"): how the report names an unnamed room
    evidence: list[Evidence] = field(default_factory=list)  # what else the file says of its kind (a category, a layer)
    physical: dict[str, Any] = field(default_factory=dict)  # height, ... where the file gives them (physical.py)


@dataclass
class SourceOpening:
    """A door or window footprint (polygon) or segment (line), in metres."""

    geometry: BaseGeometry
    source: str = ""
    clear_width: float | None = None
    width_estimated: bool = False  # the file gives no width: the one used is measured from its drawing
    entrance: bool = False
    automatic: bool = False
    physical: dict[str, Any] = field(default_factory=dict)  # sound_rating, sill, head, ... where the file gives them


@dataclass
class SourcePlant:
    point: tuple[float, float]
    source: str = ""
