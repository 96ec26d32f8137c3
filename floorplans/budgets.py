"""Budgets for every file a user can hand in: refuse a hostile file early, in one line, before geometry is built.

A plan upload, an import or a restore is attacker-shaped input: a 16 MB
GeoJSON can hold a million corners, a 14 MB zip a hundred thousand entries, a
DXF a million entities. Each check here reads the raw bytes (in bounded
chunks, never a whole zip entry in memory) and counts what would be expensive
later (corners, features, entities, entries, unpacked bytes) so the file is
refused before json, shapely or ezdxf build anything:

    >>> from floorplans.budgets import Budget, check_json
    >>> check_json(b'{"type": "FeatureCollection", "features": []}', Budget()).vertices
    0

Every refusal is a ``BudgetExceeded`` (a ``PlanError`` with code
``over-budget``) whose one line names the figure and the limit: "this file
has 1,000,000 corners; the limit is 200,000". The limits are settings
(``Budget.from_env``); the time and memory limits apply to the worker
process that reads the file (``floorplans.worker``).
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, Field

from .problems import PlanError, Problem

__all__ = ["Budget", "BudgetExceeded", "Counts", "check_json", "check_path", "check_zip", "count_stream", "zip_entry_count",
           "zip_members"]

_MB = 2**20
_CHUNK = 4 * _MB


class Budget(BaseModel):
    """The most a single handed-in file may cost; every field is a setting (see ``from_env``)."""

    model_config = ConfigDict(frozen=True)

    max_bytes: int = Field(default=20 * _MB, gt=0, description="a JSON plan or backup file, in bytes")
    max_cad_bytes: int = Field(default=64 * _MB, gt=0, description="a DXF or IFC file, in bytes")
    max_vertices: int = Field(default=200_000, gt=0, description="corners in one file (or one unpacked zip)")
    max_features: int = Field(default=20_000, gt=0, description="GeoJSON features in one file (or one unpacked zip)")
    max_dxf_entities: int = Field(default=200_000, gt=0, description="entities (group-0 records) in a DXF")
    max_ifc_entities: int = Field(default=1_000_000, gt=0, description="instances (#n= lines) in an IFC file")
    max_zip_entries: int = Field(default=2_000, gt=0, description="entries in a zip")
    max_entry_bytes: int = Field(default=20 * _MB, gt=0, description="one zip entry, unpacked")
    max_unpacked_bytes: int = Field(default=64 * _MB, gt=0, description="all entries of a zip, unpacked")
    time_limit_s: float = Field(default=20.0, gt=0, description="seconds the worker may read, import and validate")
    memory_limit_mb: int = Field(default=1024, gt=0, description="MB of address space the worker may add")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Budget:
        """Defaults, overridden by FLOORPLANS_<FIELD> settings (FLOORPLANS_TIME_LIMIT_S=30, ...)."""
        env = os.environ if environ is None else environ
        values = {name: env[f"FLOORPLANS_{name.upper()}"] for name in cls.model_fields if f"FLOORPLANS_{name.upper()}" in env}
        return cls.model_validate(values)

    def as_env(self) -> dict[str, str]:
        """The budget as FLOORPLANS_<FIELD> settings (what ``from_env`` reads back)."""
        return {f"FLOORPLANS_{name.upper()}": str(getattr(self, name)) for name in type(self).model_fields}


class BudgetExceeded(PlanError):
    """A file over one of its budgets; ``what``, ``found`` and ``limit`` say which."""

    def __init__(self, message: str, source: str | None = None, *, what: str = "", found: float = 0, limit: float = 0) -> None:
        self.what, self.found, self.limit = what, found, limit
        super().__init__([Problem(code="over-budget", message=message)], source)

    def __reduce__(self) -> tuple[Callable[..., BudgetExceeded], tuple[Any, ...]]:
        """Pickles across the worker's pipe with its figures (PlanError's own pickling would lose them)."""
        return (_rebuild, (self.problems[0].message, self.source, self.what, self.found, self.limit))


def _rebuild(message: str, source: str | None, what: str, found: float, limit: float) -> BudgetExceeded:
    return BudgetExceeded(message, source, what=what, found=found, limit=limit)


def over(what: str, found: int, limit: int, source: str | None = None, *, about: bool = False) -> BudgetExceeded:
    """'this file has 1,000,000 corners; the limit is 200,000' (``about``: the figure is an estimate)."""
    return BudgetExceeded(f"this file has {'about ' if about else ''}{found:,} {what}; the limit is {limit:,}", source,
                          what=what, found=found, limit=limit)


def too_big(size: int, limit: int, source: str | None = None, *, what: str = "this file is") -> BudgetExceeded:
    shown = f"{size / _MB:,.1f} MB" if size >= _MB else f"{size:,} bytes"
    return BudgetExceeded(f"{what} {shown}; the limit is {limit / _MB:g} MB", source, what="bytes", found=size, limit=limit)


class Counts(BaseModel):
    """What a check counted in one file (or one unpacked archive)."""

    bytes: int = 0
    vertices: int = 0
    features: int = 0
    entities: int = 0
    entries: int = 0

    def add(self, other: Counts) -> Counts:
        return Counts(**{k: getattr(self, k) + getattr(other, k) for k in type(self).model_fields})


# A position: an innermost JSON array that starts with a number ([x, y] or [x, y, z]).
_POSITION = re.compile(rb"\[\s*-?[0-9.][^\[\]{}\"]{0,200}\]")
# A FloorspaceJS-style vertex object: {"x": ..., "y": ...}.
_XY_KEY = re.compile(rb'"x"\s*:')
_FEATURE = re.compile(rb'"type"\s*:\s*"Feature"')
# DXF (ASCII): a group code 0 line followed by a record name (a value line after a code 0 is a name,
# a code line after a value "0" is digits, so this never counts a value of 0).
_DXF_RECORD = re.compile(rb"\n[ \t]{0,8}0[ \t]{0,8}\r?\n[ \t]{0,8}[A-Za-z_][A-Za-z0-9_$]{0,60}[ \t]{0,8}(?=\r?\n)")
# A DXF point: code 10, one value, code 20.
_DXF_POINT = re.compile(rb"\n[ \t]{0,8}10[ \t]{0,8}\r?\n[^\n]{0,60}\n[ \t]{0,8}20[ \t]{0,8}\r?\n")
_IFC_INSTANCE = re.compile(rb"\n[ \t]{0,8}#[0-9]{1,12}[ \t]{0,8}=")
_OVERLAP = 256  # longer than any match above


def _count(pattern: re.Pattern[bytes], data: bytes, end: int | None = None) -> int:
    """Matches in ``data`` that start before ``end`` (all of them when end is None)."""
    return len(pattern.findall(data)) - (len(pattern.findall(data, end)) if end is not None else 0)


def check_json(data: bytes, budget: Budget, source: str | None = None) -> Counts:
    """Corners and features of JSON text, refused over the budget before json.loads builds anything."""
    if len(data) > budget.max_bytes:
        raise too_big(len(data), budget.max_bytes, source)
    vertices = _count(_POSITION, data) + _count(_XY_KEY, data)
    if vertices > budget.max_vertices:
        raise over("corners", vertices, budget.max_vertices, source)
    features = _count(_FEATURE, data)
    if features > budget.max_features:
        raise over("features", features, budget.max_features, source)
    return Counts(bytes=len(data), vertices=vertices, features=features)


def _buffers(handle: IO[bytes]) -> Iterator[tuple[bytes, bool]]:
    """(buffer, last) pairs: each buffer starts with the previous one's last _OVERLAP bytes."""
    carry = b"\n"  # a record on the first line still has a newline before it
    while True:
        block = handle.read(_CHUNK)
        if not block:
            yield carry, True
            return
        buffer = carry + block
        yield buffer, False
        carry = buffer[-_OVERLAP:]


def count_stream(handle: IO[bytes], patterns: dict[str, re.Pattern[bytes]],
                 limits: dict[str, int] | None = None, size: int = 0) -> Tally:
    """Count each pattern over a binary stream, 4 MB at a time.

    Without ``limits`` the whole stream is read and the counts are exact. With them, reading stops
    once a count passes its limit, and that count is scaled up to the stream's ``size`` (an
    estimate, rounded to two figures): a 40 MB drawing is refused after its first few megabytes.
    """
    counts = dict.fromkeys(patterns, 0)
    read = 0
    for buffer, last in _buffers(handle):
        # a match starting in the last _OVERLAP bytes is counted with the next buffer, which repeats them
        end = None if last else len(buffer) - _OVERLAP
        read += len(buffer) - (1 if read == 0 else _OVERLAP) - (0 if last else _OVERLAP)
        for name, pattern in patterns.items():
            counts[name] += _count(pattern, buffer, end)
        passed = [name for name in counts if limits and counts[name] > limits[name]]
        if passed and not last and size > read > 0:
            estimate = Tally({name: _estimate(counts[name], size / read) if name in passed else counts[name]
                              for name in counts})
            estimate.estimated = set(passed)
            return estimate
    return Tally(counts)


class Tally(dict[str, int]):
    """Counts by pattern name; ``estimated`` names those scaled up from part of the stream."""

    estimated: set[str] = set()


def _estimate(count: int, factor: float) -> int:
    """``count * factor`` rounded to two significant figures (what a partial count can honestly claim)."""
    value = count * factor
    digits = max(0, len(str(int(value))) - 2)
    return int(round(value, -digits))


def _check_size(path: Path, limit: int) -> int:
    size = path.stat().st_size
    if size > limit:
        raise too_big(size, limit, str(path))
    return size


def _json_counts(handle: IO[bytes], budget: Budget, source: str | None, total: Counts) -> Counts:
    """Corners and features of a JSON stream, added to ``total`` and held to the budget."""
    counts = count_stream(handle, {"corners": _POSITION, "xy": _XY_KEY, "features": _FEATURE})
    vertices = total.vertices + counts["corners"] + counts["xy"]
    features = total.features + counts["features"]
    if vertices > budget.max_vertices:
        raise over("corners", vertices, budget.max_vertices, source)
    if features > budget.max_features:
        raise over("features", features, budget.max_features, source)
    return total.add(Counts(vertices=vertices - total.vertices, features=features - total.features))


def check_json_file(path: Path, budget: Budget, total: Counts | None = None) -> Counts:
    size = _check_size(path, budget.max_bytes)
    with path.open("rb") as handle:
        return _json_counts(handle, budget, str(path), total or Counts()).add(Counts(bytes=size))


def check_dxf(path: Path, budget: Budget) -> Counts:
    """Entities and corners of an ASCII DXF, counted while streaming; a binary DXF is held to its size only."""
    size = _check_size(path, budget.max_cad_bytes)
    limits = {"entities": budget.max_dxf_entities, "corners": budget.max_vertices}
    with path.open("rb") as handle:
        counts = count_stream(handle, {"entities": _DXF_RECORD, "corners": _DXF_POINT}, limits, size)
    for name in ("entities", "corners"):
        if counts[name] > limits[name]:
            raise over(name, counts[name], limits[name], str(path), about=name in counts.estimated)
    return Counts(bytes=size, entities=counts["entities"], vertices=counts["corners"])


def check_ifc(path: Path, budget: Budget) -> Counts:
    """Instances of an IFC file (one ``#n=`` line each), counted while streaming."""
    size = _check_size(path, budget.max_cad_bytes)
    with path.open("rb") as handle:
        counts = count_stream(handle, {"instances": _IFC_INSTANCE}, {"instances": budget.max_ifc_entities}, size)
    if counts["instances"] > budget.max_ifc_entities:
        raise over("entities", counts["instances"], budget.max_ifc_entities, str(path), about="instances" in counts.estimated)
    return Counts(bytes=size, entities=counts["instances"])


def zip_entry_count(path: Path) -> int | None:
    """The entry count a zip's end record declares, read from its tail (None if there is no end record).

    Read before zipfile builds an object per entry: a zip of 150,000 empty entries is refused in milliseconds.
    """
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - 65_557))  # the end record (22 bytes) plus the longest comment
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            return None
        entries = struct.unpack("<H", tail[at + 10:at + 12])[0]
        locator = tail.rfind(b"PK\x06\x07", 0, at)  # zip64: the real count is in the zip64 end record
        if entries == 0xFFFF and locator >= 0:
            handle.seek(struct.unpack("<Q", tail[locator + 8:locator + 16])[0])
            record = handle.read(56)
            if record[:4] == b"PK\x06\x06" and len(record) >= 40:
                entries = struct.unpack("<Q", record[32:40])[0]
    return entries


def zip_members(zf: zipfile.ZipFile, budget: Budget, source: str | None) -> list[zipfile.ZipInfo]:
    """The files of an open zip, refused if any or all together claim more than the budget."""
    members = [m for m in zf.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX/")]
    declared = 0
    for member in members:
        if member.file_size > budget.max_entry_bytes:
            raise too_big(member.file_size, budget.max_entry_bytes, source, what=f"the zip entry {member.filename!r} unpacks to")
        declared += member.file_size
        if declared > budget.max_unpacked_bytes:
            raise too_big(declared, budget.max_unpacked_bytes, source, what="the zip unpacks to at least")
    return members


def check_zip(path: Path, budget: Budget) -> Counts:
    """Entries, unpacked sizes and the corners of every JSON entry, streamed without unpacking to disk.

    Sizes a zip declares bind: zipfile stops an entry at its declared size and checks its CRC.
    """
    size = _check_size(path, budget.max_bytes)
    entries = zip_entry_count(path)
    if entries is None:
        raise PlanError([Problem(code="import-failed", message="not a readable zip (it has no end record)")], str(path))
    if entries > budget.max_zip_entries:
        raise over("zip entries", entries, budget.max_zip_entries, str(path))
    total = Counts(bytes=size, entries=entries)
    try:
        with zipfile.ZipFile(path) as zf:
            for member in zip_members(zf, budget, str(path)):
                if member.filename.lower().endswith((".json", ".geojson")):
                    with zf.open(member) as handle:
                        total = _json_counts(handle, budget, str(path), total)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise PlanError([Problem(code="import-failed", message=f"not a readable zip ({exc})")], str(path)) from None
    return total


def check_path(path: Path, budget: Budget) -> Counts:
    """The budget checks for one handed-in file, or every file of a folder together, by kind."""
    if path.is_dir():
        files = [p for p in sorted(path.rglob("*")) if p.is_file()]
        if len(files) > budget.max_zip_entries:
            raise over("files", len(files), budget.max_zip_entries, str(path))
        total = Counts()
        for file in files:
            if file.suffix.lower() in (".json", ".geojson"):
                total = check_json_file(file, budget, total)
            else:
                total = total.add(check_path(file, budget))
        return total
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return check_zip(path, budget)
    with path.open("rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf").lstrip()
    if suffix == ".dxf" or head[:12].replace(b"\r", b"").startswith(b"0\nSECTION"):
        return check_dxf(path, budget)
    if suffix == ".ifc" or head.startswith(b"ISO-10303-21"):
        return check_ifc(path, budget)
    if head.startswith((b"{", b"[")) or suffix in (".json", ".geojson"):
        return check_json_file(path, budget)
    return Counts(bytes=_check_size(path, budget.max_cad_bytes))
