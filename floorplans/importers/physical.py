"""Physical properties an importer found (ceiling heights, sound ratings, window heights), checked, and the defaults it used.

A format reader puts what its file says into ``SourceRoom.physical`` /
``SourceOpening.physical`` (metres, dB, 0-1). Here each value is checked
against what the plan format accepts (a bad one is reported and left to the
default), and after the level is built the report lists, per property, how
many features got the plan format's default because the file said nothing.
"""

from __future__ import annotations

import math
from typing import Any

from ..model import (
    DEFAULT_DOOR_SOUND_RATING,
    DEFAULT_HEAD,
    DEFAULT_LIGHT_TRANSMITTANCE,
    DEFAULT_ROOM_HEIGHT,
    DEFAULT_SILL,
    DEFAULT_WALL_SOUND_RATING,
    Plan,
)
from .report import LevelReport

__all__ = ["room_physical", "door_physical", "window_physical", "note_defaults"]

#: (lowest, highest, lowest excluded) of each property the importers may fill.
_RANGES: dict[str, tuple[float, float, bool]] = {
    "height": (0.0, 100.0, True),
    "wall_sound_rating": (0.0, 100.0, False),
    "sound_rating": (0.0, 100.0, False),
    "sill": (0.0, 100.0, False),
    "head": (0.0, 100.0, True),
    "light_transmittance": (0.0, 1.0, True),
}


def _checked(values: dict[str, Any], what: str, report: LevelReport) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or key not in _RANGES:
            continue
        lo, hi, open_low = _RANGES[key]
        ok = isinstance(value, (int, float)) and math.isfinite(value) and (value > lo if open_low else value >= lo) and value <= hi
        if ok:
            out[key] = float(value)
        else:
            report.warnings.append(f"{what}: {key} {value!r} is out of range; the default is used")
    return out


def room_physical(values: dict[str, Any], what: str, report: LevelReport) -> dict[str, Any]:
    """The room properties the file gave that the plan format accepts."""
    return _checked(values, what or "a room", report)


def door_physical(values: dict[str, Any], what: str, report: LevelReport) -> dict[str, Any]:
    return _checked(values, what or "a door", report)


def window_physical(values: dict[str, Any], what: str, report: LevelReport) -> dict[str, Any]:
    """Window properties; a head not above the sill (defaults filled in) falls back to both defaults."""
    out = _checked(values, what or "a window", report)
    sill, head = out.get("sill", DEFAULT_SILL), out.get("head", DEFAULT_HEAD)
    if head <= sill:
        report.warnings.append(f"{what or 'a window'}: its glass would end ({head:g} m) below its sill ({sill:g} m); "
                               f"the default sill {DEFAULT_SILL:g} m and head {DEFAULT_HEAD:g} m are used")
        out.pop("sill", None)
        out.pop("head", None)
    return out


#: (feature group, property, how the report words the default).
_DEFAULTS = (
    ("rooms", "height", f"ceiling height {DEFAULT_ROOM_HEIGHT:g} m"),
    ("rooms", "acoustic_finish", "acoustic finish 'standard'"),
    ("rooms", "wall_sound_rating", f"wall sound rating R'w {DEFAULT_WALL_SOUND_RATING:g} dB"),
    ("doors", "sound_rating", f"door sound rating Rw {DEFAULT_DOOR_SOUND_RATING:g} dB"),
    ("windows", "sill", f"window sill {DEFAULT_SILL:g} m"),
    ("windows", "head", f"window head {DEFAULT_HEAD:g} m"),
    ("windows", "light_transmittance", f"light transmittance {DEFAULT_LIGHT_TRANSMITTANCE:g}"),
)


def note_defaults(plan: Plan, report: LevelReport) -> None:
    """List in the report each property the file gave for none or only some of the features."""
    for group, prop, wording in _DEFAULTS:
        features = getattr(plan, group)
        if not features:
            continue
        missing = sum(1 for f in features if prop not in f.model_fields_set)
        if missing:
            if len(features) == 1:
                whom = f"the one {group[:-1]}"
            else:
                whom = f"{'all' if missing == len(features) else f'{missing} of'} {len(features)} {group}"
            report.defaults.append(f"{wording} for {whom} (not in the file)")
