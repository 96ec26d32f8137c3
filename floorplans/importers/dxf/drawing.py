"""Opening a DXF drawing and its units: from drawing coordinates to metres in the plan's frame."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..report import ImportOptions, LevelReport, import_error

__all__ = ["UNIT_FACTORS", "Metres", "metric_frame", "open_drawing", "scale_hint"]

UNIT_FACTORS = {"m": 1.0, "cm": 0.01, "mm": 0.001}


def open_drawing(path: Path, options: ImportOptions) -> Any:
    """The ezdxf document with what the import uses (``reading``); a file that is not a readable DXF raises one clear PlanError."""
    from ezdxf.lldxf.const import DXFError

    from .collect import outlined_block, used_entity
    from .reading import read_used

    try:
        return read_used(str(path), lambda kind, layer: used_entity(kind, layer, options),
                         lambda block, layer: outlined_block(block, layer, options))
    except OSError as exc:
        if exc.errno is not None:
            raise import_error("file-unreadable", f"cannot read the file: {exc.strerror or exc}", str(path)) from None
        raise import_error("import-failed", f"not a DXF drawing ({exc})", str(path)) from None
    except (DXFError, UnicodeDecodeError, ValueError, IndexError, KeyError) as exc:
        raise import_error("import-failed", f"not a readable DXF drawing ({exc or type(exc).__name__})", str(path)) from None


def _meters_per_unit(code: int) -> float:
    """Metres per drawing unit for a $INSUNITS code (ezdxf looks the code up in a table, so the int is used as it is)."""
    from ezdxf import units

    return units.conversion_factor(cast(units.InsertUnits, code), units.InsertUnits.Meters)


def scale_hint(doc: Any, options: ImportOptions) -> float:
    """Metres per drawing unit before the drawing's extent is known: the option, else $INSUNITS, else millimetres."""
    chosen = UNIT_FACTORS.get(options.dxf_units or "", 0.0)
    if chosen:
        return chosen
    try:
        return _meters_per_unit(int(doc.header.get("$INSUNITS", 0) or 0))
    except (ValueError, KeyError, TypeError, ZeroDivisionError):
        return 0.001


def _unit_factor(doc: Any, options: ImportOptions, extent: float, report: LevelReport) -> float:
    """Metres per drawing unit: the option, else $INSUNITS, else a guess from the drawing's extent (reported)."""
    if options.dxf_units:
        return UNIT_FACTORS[options.dxf_units]
    code = int(doc.header.get("$INSUNITS", 0) or 0)
    if code:
        try:
            return _meters_per_unit(code)
        except (ValueError, KeyError, TypeError):
            pass
    guess = 0.001 if extent > 2000 else 0.01 if extent > 200 else 1.0
    report.guessed.append(f"the drawing states no units; {extent:,.0f} drawing units across suggests {({0.001: 'mm', 0.01: 'cm', 1.0: 'm'})[guess]}")
    return guess


@dataclass(frozen=True)
class Metres:
    """Drawing coordinates to metres, with the drawing's lower-left corner as the origin."""

    origin: tuple[float, float]
    factor: float

    def __call__(self, geometry: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geometry, lambda xy: (xy - np.asarray(self.origin)) * self.factor)


def metric_frame(doc: Any, everything: list[BaseGeometry], options: ImportOptions, report: LevelReport) -> Metres:
    """The frame the plan is drawn in: origin at the corner of all the geometry used, units in metres."""
    minx, miny, maxx, maxy = shapely.total_bounds(everything)
    factor = _unit_factor(doc, options, max(maxx - minx, maxy - miny), report)
    return Metres(origin=(minx, miny), factor=factor)
