"""Read a handed-in plan file within its budget: the tasks the worker process runs for the pages.

``check_plan_file`` reads a plan in the exchange format and validates it (the
Plans page); ``import_upload`` reads anything the importers know, unpacking a
zip under the budget first (the designer's import). Both check the budget on
the raw bytes before anything is parsed, and both are meant for
``read_in_worker``, which runs them in a separate process with the time and
memory limits and returns the result or one ``PlanError``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .budgets import Budget, check_path
from .geojson_io import parse_plan
from .model import Plan
from .problems import PlanError, Problem
from .validation import validate_plan

__all__ = ["Intake", "check_plan_file", "import_upload", "read_in_worker"]


class Intake(BaseModel):
    """Levels read from one file (name -> plan), each level's problems, and the importer's report if any."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    levels: dict[str, Plan]
    problems: dict[str, list[Problem]]
    report: object | None = None


def check_plan_file(path: str, budget: Budget) -> Intake:
    """A plan in the exchange format: budget, parse, validate."""
    file = Path(path)
    check_path(file, budget)
    plan = parse_plan(file.read_bytes())
    return Intake(levels={file.name: plan}, problems={file.name: validate_plan(plan)})


def import_upload(path: str, budget: Budget) -> Intake:
    """Any plan file the importers read (a zip is unpacked under the budget first); the exchange format first."""
    from .importers import import_file
    from .unpack import unpack_zip

    file = Path(path)
    if file.suffix.lower() in (".geojson", ".json"):
        check_path(file, budget)
        try:
            plan = parse_plan(file.read_bytes())
        except PlanError:
            pass  # another GeoJSON flavour (WRLD, IMDF unit file): the importers try
        else:
            return Intake(levels={"(single level)": plan}, problems={"(single level)": validate_plan(plan)})
    with tempfile.TemporaryDirectory(prefix="plan-upload-") as tmp:
        source = unpack_zip(file, Path(tmp) / "unpacked", budget) if file.suffix.lower() == ".zip" else file
        check_path(source, budget)
        result = import_file(source)
    levels = dict(result.levels)
    return Intake(levels=levels, problems={name: validate_plan(plan) for name, plan in levels.items()}, report=result.report)


def read_in_worker(task: Callable[[str, Budget], Intake], name: str, data: bytes, *, budget: Budget | None = None,
                   cancelled: Callable[[], bool] | None = None) -> Intake:
    """Write the upload to a private temporary file and run ``task`` on it in a bounded worker.

    Raises PlanError (BudgetExceeded for a file over its budget, its time or its memory) with one clear line,
    or ``worker.Cancelled`` when ``cancelled()`` said the user left.
    """
    from .budgets import too_big
    from .worker import run_bounded

    budget = budget or Budget.from_env()
    limit = max(budget.max_bytes, budget.max_cad_bytes)
    if len(data) > limit:
        raise too_big(len(data), limit, name)
    with tempfile.TemporaryDirectory(prefix="plan-intake-") as tmp:
        path = Path(tmp) / (Path(name).name or "upload")
        path.write_bytes(data)
        try:
            return run_bounded(task, str(path), budget, budget=budget, cancelled=cancelled).unwrap()
        except PlanError as exc:
            _name_the_upload(exc, name)
            raise


def _name_the_upload(exc: PlanError, name: str) -> None:
    """Say the file's own name where the error names the private temporary copy the worker read.

    "corners.geojson: this file has ..." (a file inside an unpacked zip: "building.zip, level_1.geojson: ..."),
    never a server path.
    """
    source = str(exc.source or "")
    temp = str(Path(tempfile.gettempdir()).resolve())
    if not source.startswith((temp, tempfile.gettempdir())):
        return
    inside = source.split("/unpacked/", 1)[1] if "/unpacked/" in source else ""
    exc.source = f"{name}, {inside}" if inside else name
    exc.args = (exc.one_line(),)
