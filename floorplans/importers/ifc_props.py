"""The physical properties an IFC model may carry: ceiling heights, door sound ratings, window heights.

Read from the standard property sets where the file has them, else from the
authoring tool's own sets (Revit's), else from the element's triangulated
height (its z extent above the storey). Every function returns ``None`` when
the file says nothing, so the plan's default applies and the import report
lists it.
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = ["space_height", "door_sound_rating", "window_sill_head", "light_transmittance"]

Psets = dict[str, dict[str, Any]]

#: Where a space's clear height may stand, most specific first (IFC4 base quantities, IFC2x3 names, Revit).
_HEIGHT_KEYS = (
    ("Qto_SpaceBaseQuantities", "FinishCeilingHeight"),
    ("BaseQuantities", "FinishCeilingHeight"),
    ("Pset_SpaceCommon", "CeilingHeight"),
    ("Qto_SpaceBaseQuantities", "Height"),
    ("BaseQuantities", "Height"),
    ("PSet_Revit_Dimensions", "Unbounded Height"),
)
#: A rating label names its number: "Rw 32 dB", "32", "R'w=35dB", "DnT,w 40".
_RATING = re.compile(r"(\d+(?:[.,]\d+)?)")


def _positive(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0:
        return float(value)
    return None


def space_height(psets: Psets, scale: float, z_range: tuple[float, float] | None) -> float | None:
    """The space's clear height in metres: its property sets, else the height of its solid."""
    for pset, key in _HEIGHT_KEYS:
        value = _positive((psets.get(pset) or {}).get(key))
        if value is not None:
            return round(value * scale, 3)
    if z_range is not None and z_range[1] - z_range[0] > 0.5:
        return round(z_range[1] - z_range[0], 3)
    return None


def door_sound_rating(psets: Psets) -> float | None:
    """Rw in dB from ``Pset_DoorCommon.AcousticRating`` (a label such as "Rw 32 dB"), if it names a plausible number."""
    label = (psets.get("Pset_DoorCommon") or {}).get("AcousticRating")
    if isinstance(label, (int, float)) and not isinstance(label, bool):
        value: float | None = float(label)
    elif isinstance(label, str) and (match := _RATING.search(label)):
        value = float(match.group(1).replace(",", "."))
    else:
        return None
    return value if value is not None and 10.0 <= value <= 70.0 else None


def window_sill_head(
    psets: Psets, overall_height: Any, scale: float, z_range: tuple[float, float] | None, elevation: float,
) -> tuple[float | None, float | None]:
    """(sill, head) above the storey floor in metres, each ``None`` where the file does not say.

    The sill comes from Revit's "Sill Height", else the bottom of the window's
    solid; the head is the sill plus ``OverallHeight``, else the top of the solid.
    """
    sill = _positive((psets.get("PSet_Revit_Constraints") or {}).get("Sill Height"))
    sill_m = sill * scale if sill is not None else None
    if sill_m is None and z_range is not None:
        sill_m = max(0.0, z_range[0] - elevation)
    height = _positive(overall_height)
    head_m = None
    if sill_m is not None and height is not None:
        head_m = sill_m + height * scale
    elif z_range is not None:
        head_m = z_range[1] - elevation
    if sill_m is not None and head_m is not None and head_m <= sill_m:
        return None, None
    return (round(sill_m, 3) if sill_m is not None else None), (round(head_m, 3) if head_m is not None else None)


def light_transmittance(psets: Psets) -> float | None:
    """The glazing's visible light transmittance (``Pset_DoorWindowGlazingType.VisibleLightTransmittance``), 0-1."""
    for values in psets.values():
        value = _positive(values.get("VisibleLightTransmittance"))
        if value is not None and value <= 1.0:
            return value
    return None
