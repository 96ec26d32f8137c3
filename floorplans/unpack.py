"""Unpack a handed-in zip under a budget: entries counted first, every entry streamed to disk and measured.

Why not ``ZipFile.extractall``: a zip's own sizes are only claims, an entry
read with ``ZipFile.read`` sits whole in memory, and a zip of 150,000 empty
entries costs a Python object per entry before anything is checked. Here the
entry count comes from the zip's end record, declared sizes are summed before
anything is written, and each entry is copied in 1 MB pieces that are counted
as they are written, so neither memory nor the temporary folder can grow past
the budget whatever the archive claims.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
from pathlib import Path

from .budgets import Budget, BudgetExceeded, over, too_big, zip_entry_count, zip_members
from .problems import PlanError, Problem

__all__ = ["unpack_zip"]

_PIECE = 2**20


def _refuse(message: str, source: str) -> PlanError:
    return PlanError([Problem(code="import-failed", message=message)], source)


def _target(into: Path, name: str, source: str) -> Path:
    target = (into / name).resolve()
    if into.resolve() not in target.parents:  # an absolute path or one that climbs out with ..
        raise _refuse(f"the zip holds an unsafe path {name!r}", source)
    return target


def _copy(zf: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, budget: Budget, written: int, source: str) -> int:
    """Stream one entry to disk; return the running total of unpacked bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    entry = 0
    with zf.open(member) as src, target.open("wb") as dst:
        while piece := src.read(_PIECE):
            entry += len(piece)
            written += len(piece)
            if entry > budget.max_entry_bytes:
                raise too_big(entry, budget.max_entry_bytes, source, what=f"the zip entry {member.filename!r} unpacks to more than")
            if written > budget.max_unpacked_bytes:
                raise too_big(written, budget.max_unpacked_bytes, source, what="the zip unpacks to more than")
            dst.write(piece)
    return written


def unpack_zip(archive: Path, into: Path, budget: Budget) -> Path:
    """Unpack ``archive`` into the folder ``into`` within the budget; returns the folder to import.

    That is the archive's single top folder when it has one. Raises BudgetExceeded (too many
    entries, too large) or PlanError (not a zip, unsafe path); on any refusal the partly
    unpacked folder is removed again.
    """
    source = archive.name
    size = archive.stat().st_size
    if size > budget.max_bytes:
        raise too_big(size, budget.max_bytes, source)
    entries = zip_entry_count(archive)
    if entries is None:
        raise _refuse("not a readable zip (it has no end record)", source)
    if entries > budget.max_zip_entries:
        raise over("zip entries", entries, budget.max_zip_entries, source)
    into.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(archive) as zf:
            written = 0
            for member in zip_members(zf, budget, source):
                if stat.S_ISLNK(member.external_attr >> 16):
                    raise _refuse(f"the zip holds a link {member.filename!r}; only plain files are read", source)
                written = _copy(zf, member, _target(into, member.filename, source), budget, written, source)
    except (BudgetExceeded, PlanError):
        shutil.rmtree(into, ignore_errors=True)
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        shutil.rmtree(into, ignore_errors=True)
        raise _refuse(f"not a readable zip ({exc})", source) from None
    children = list(into.iterdir())
    if len(children) == 1 and children[0].is_dir():
        return children[0]
    return into
