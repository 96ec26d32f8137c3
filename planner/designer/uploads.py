"""An uploaded plan file, read into its floor levels: our GeoJSON directly, anything else through the importers.

Pure (no streamlit), so it is tested on its own. The reading runs in the bounded worker
(``floorplans.intake.import_upload`` through ``read_in_worker``): the file's budget (bytes,
corners, features, DXF entities; a zip's entries and unpacked sizes, streamed to a temporary
folder) is checked while it is read, and the worker is killed past its time or memory limit or
when ``cancelled()`` says the user left. Every failure is a PlanError whose first line names
what is wrong with the file. The designer's page goes through planner.common.bounded, which
adds the per-session cache and the session check.
"""

from __future__ import annotations

from collections.abc import Callable

from floorplans import Plan
from floorplans.budgets import Budget
from floorplans.importers import ImportReport
from floorplans.intake import Intake, import_upload, read_in_worker

__all__ = ["UPLOAD_TYPES", "read_upload", "levels_of"]

#: The file types the designer's upload accepts.
UPLOAD_TYPES = ("geojson", "json", "dxf", "ifc", "zip")


def levels_of(intake: Intake) -> tuple[dict[str, Plan], ImportReport | None]:
    """The levels (name -> plan) and the import report (None for a plan in our exchange format)."""
    report = intake.report if isinstance(intake.report, ImportReport) else None
    return dict(intake.levels), report


def read_upload(name: str, data: bytes, *, budget: Budget | None = None,
                cancelled: Callable[[], bool] | None = None) -> tuple[dict[str, Plan], ImportReport | None]:
    """The levels and the import report of an uploaded file, read in the bounded worker; PlanError if it cannot be read.

    A plan in our exchange format is one level with no report; another GeoJSON flavour (WRLD),
    DXF, IFC, FloorspaceJS or a zip goes through floorplans.importers.
    """
    return levels_of(read_in_worker(import_upload, name, data, budget=budget, cancelled=cancelled))
