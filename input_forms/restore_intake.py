"""Read a backup file for restoring, within a budget and in a bounded worker process.

A backup is handed in like a plan file, so it gets the same treatment: its
size and its number of records are checked on the raw bytes before it is
parsed, every plan in it is held to the plan budget (corners, features) and
parsed, and all of that runs in ``floorplans.worker`` with the time and
memory limits, so a hostile backup is refused in one line instead of tying
up the server. Only the database write (``export.restore_project``) runs in
the caller, on a backup that has passed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from floorplans.budgets import Budget, BudgetExceeded, count_stream, over, too_big

from .errors import ValidationFailed

__all__ = ["BackupBudget", "load_backup", "read_backup"]

_OBJECT = re.compile(rb"\{")


class BackupBudget(BaseModel):
    """Limits for one backup file (INPUT_FORMS_BACKUP_MAX_BYTES, INPUT_FORMS_BACKUP_MAX_RECORDS)."""

    model_config = ConfigDict(frozen=True)

    max_bytes: int = Field(int(os.environ.get("INPUT_FORMS_BACKUP_MAX_BYTES", 200 * 2**20)), gt=0)
    max_records: int = Field(int(os.environ.get("INPUT_FORMS_BACKUP_MAX_RECORDS", 2_000_000)), gt=0)


def read_backup(path: str, plans: Budget, limits: BackupBudget) -> dict:
    """The backup's data, refused (BudgetExceeded or ValidationFailed) if over budget or not a backup.

    Meant to run in the worker; see ``load_backup``.
    """
    import json

    from floorplans import PlanError, parse_plan

    file = Path(path)
    size = file.stat().st_size
    if size > limits.max_bytes:
        raise too_big(size, limits.max_bytes, file.name)
    with file.open("rb") as handle:
        records = count_stream(handle, {"records": _OBJECT})["records"]
    if records > limits.max_records:
        raise over("records", records, limits.max_records, file.name)
    try:
        data = json.loads(file.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationFailed(f"{file.name}: not JSON ({getattr(exc, 'msg', exc)})") from None
    except RecursionError:
        raise ValidationFailed(f"{file.name}: not a backup (nested too deeply)") from None
    versions = data.get("option_versions") if isinstance(data, dict) else None
    for version in versions if isinstance(versions, list) else []:
        text = version.get("plan_geojson") if isinstance(version, dict) else None
        if isinstance(text, str):
            try:
                parse_plan(text)  # holds the plan to the plan budget (corners, features) and checks it reads
            except BudgetExceeded as exc:
                raise BudgetExceeded(f"a plan in this backup: {exc.problems[0].message}", file.name, what=exc.what,
                                     found=exc.found, limit=exc.limit) from None
            except PlanError as exc:
                raise ValidationFailed(f"{file.name}: a plan in this backup cannot be read ({exc.problems[0].message})") from None
    return data


def load_backup(path: str | os.PathLike[str], *, plans: Budget | None = None, limits: BackupBudget | None = None) -> dict:
    """``read_backup`` in a bounded worker process; ValueError with one line for any refusal."""
    from floorplans import PlanError
    from floorplans.worker import run_bounded

    file = Path(path)
    if not file.is_file():
        raise ValidationFailed(f"{file}: cannot read the file (no such file)")
    plans = plans or Budget.from_env()
    try:
        return run_bounded(read_backup, str(file), plans, limits or BackupBudget(), budget=plans).unwrap()
    except PlanError as exc:
        raise ValidationFailed(f"{file.name}: {exc.problems[0].message}") from None
