"""Importers: real floor-plan files (DXF, IFC, indoor GeoJSON, FloorspaceJS) into the plan model.

    >>> from floorplans.importers import import_file, available_levels
    >>> available_levels("Office_A.ifc")                     # doctest: +SKIP
    ['Level 1', 'Level 2']
    >>> result = import_file("Office_A.ifc", level="Level 1")  # doctest: +SKIP
    >>> plan = result.levels["Level 1"]; print(result.report.to_text())  # doctest: +SKIP

Every importer returns one Plan per storey (metres, local frame) and an
import report: which kind each room got and how sure the import is
(``kind_map`` and its Danish/English ``vocabulary.toml``; a room nothing
names is ``unknown``), what was guessed (the entrance, openings between
rooms with no wall between them, door widths, units), what was dropped and
why, stray geometry, and the problems ``validate_plan`` still finds. On the
plan, each room carries ``kind_confidence`` (0-1) and each door whose width
the file does not give ``width_estimated: true`` (doors the import placed
itself also ``guessed: true``). An import that yields no rooms raises
``no-rooms``; levels are told apart by a unique key where names repeat
(``level_rooms`` lists them with their room counts). A file that
cannot be imported raises ``PlanError`` with one problem naming why
(``unsupported-format``, ``import-failed``, ``no-geometry``, ``no-rooms``,
``unknown-level``, ``missing-dependency``, ``file-unreadable``); never a raw traceback.

Formats, detected by extension and content:
- ``.dxf``: CAD drawings (ezdxf); see ``dxf``.
- ``.ifc``: IFC models (ifcopenshell, an optional extra); see ``ifc``.
- a folder or ``.zip`` with ``unit.geojson`` + ``opening.geojson``: Apple IMDF.
- WRLD indoor maps: ``main.json`` (with ``levels``) or one level's GeoJSON.
- FloorspaceJS ``.json`` (has ``stories``).
- a plan in our own GeoJSON exchange format (one level, read as is).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..budgets import Budget, check_path
from ..problems import PlanError
from .kind_map import classify, read_kind_mapping, vocabulary
from .report import ImportOptions, ImportReport, ImportResult, LevelReport, import_error

__all__ = [
    "FORMATS",
    "ImportOptions",
    "ImportReport",
    "ImportResult",
    "LevelReport",
    "available_levels",
    "classify",
    "detect_format",
    "import_file",
    "level_rooms",
    "read_kind_mapping",
    "vocabulary",
]

#: The formats import_file understands.
FORMATS = ("dxf", "ifc", "imdf", "wrld", "floorspacejs", "geojson-plan")

#: JSON files larger than this are refused before parsing (a plan is far smaller).
MAX_JSON_BYTES = 200 * 1024 * 1024


def _path(source: str | os.PathLike[str]) -> Path:
    path = Path(source)
    if not path.exists():
        raise import_error("file-unreadable", "no such file or folder", str(path))
    if path.is_file() and path.stat().st_size == 0:
        raise import_error("import-failed", "the file is empty", str(path))
    return path


def _load_json(path: Path) -> object:
    if path.stat().st_size > MAX_JSON_BYTES:
        raise import_error("file-too-large", f"the file is over {MAX_JSON_BYTES // 2**20} MB", str(path))
    try:
        return json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise import_error("unsupported-format", f"not a DXF, IFC or JSON file the importers know (JSON error: {exc})", str(path)) from None
    except RecursionError:  # as geojson_io.parse_plan: one clear line, not a traceback
        raise import_error("unsupported-format", "the file is not JSON the importers can read: it is nested too deeply", str(path)) from None
    except MemoryError:
        raise import_error("import-failed", "the file is too large to import", str(path)) from None
    except OSError as exc:
        raise import_error("file-unreadable", f"cannot read the file: {exc.strerror or exc}", str(path)) from None


def _sniff(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(4096)
    except OSError as exc:
        raise import_error("file-unreadable", f"cannot read the file: {exc.strerror or exc}", str(path)) from None


def detect_format(source: str | os.PathLike[str]) -> str:
    """Which importer reads this file or folder (one of FORMATS); PlanError if none."""
    path = _path(source)
    if path.is_dir():
        return _folder_format(path)
    suffix = path.suffix.lower()
    text_head = _sniff(path).lstrip(b"\xef\xbb\xbf").lstrip()
    if suffix == ".ifc" or text_head.startswith(b"ISO-10303-21"):
        return "ifc"
    if suffix == ".dxf" or text_head.startswith(b"AutoCAD Binary DXF") or text_head[:12].replace(b"\r", b"").startswith(b"0\nSECTION"):
        return "dxf"
    if suffix == ".zip":
        return _zip_format(path)
    if suffix in (".dwg", ".rvt", ".pdf", ".skp"):
        raise import_error("unsupported-format", f"{suffix} files cannot be read; export the drawing as DXF or IFC", str(path))
    if not text_head.startswith((b"{", b"[")):
        raise import_error("unsupported-format", "not a DXF, IFC or JSON file the importers know", str(path))
    return _json_format(path, _load_json(path))


def _folder_format(path: Path) -> str:
    from .imdf import is_imdf

    if is_imdf(path):
        return "imdf"
    if (path / "main.json").is_file():
        return "wrld"
    raise import_error("unsupported-format", "a folder must hold an IMDF archive (unit.geojson, opening.geojson) or a WRLD main.json", str(path))


def _zip_format(path: Path) -> str:
    from .imdf import is_imdf

    if is_imdf(path):
        return "imdf"
    raise import_error("unsupported-format", "a zip must be an IMDF archive (with unit.geojson and opening.geojson)", str(path))


def _json_format(path: Path, data: object) -> str:
    """FloorspaceJS, WRLD, an IMDF unit file or a plan in the exchange format, told apart by content."""
    from .floorspace import is_floorspace
    from .wrld import is_wrld_geojson

    if is_floorspace(data):
        return "floorspacejs"
    if isinstance(data, dict) and isinstance(data.get("levels"), list):
        return "wrld"
    if is_wrld_geojson(data):
        return "wrld"
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        return _feature_collection_format(path, data)
    raise import_error("unsupported-format", "JSON, but not FloorspaceJS (\"stories\"), WRLD, IMDF or a plan", str(path))


def _feature_collection_format(path: Path, data: dict[str, Any]) -> str:
    from .imdf import is_imdf

    features = [f for f in data.get("features") or [] if isinstance(f, dict)]
    props = [f.get("properties") or {} for f in features]
    if any("feature" in p for p in props):
        return "geojson-plan"
    if any("level_id" in p and "category" in p for p in props) and is_imdf(path.parent):
        return "imdf"
    raise import_error(
        "unsupported-format",
        "a GeoJSON file, but neither a WRLD level (properties.type wall/door/room ...), "
        "an IMDF unit file (with opening.geojson beside it) nor a plan in the exchange format",
        str(path),
    )


def _load_floorspace(path: Path) -> dict[str, Any]:
    """The FloorspaceJS document (detect_format has already seen it is one)."""
    from .floorspace import is_floorspace

    data = _load_json(path)
    if not is_floorspace(data):
        raise import_error("unsupported-format", "the file is no longer a FloorspaceJS document", str(path))
    return data


def available_levels(source: str | os.PathLike[str]) -> list[str]:
    """The storeys/levels in a file, in the file's order (lowest first where the file says).

    Raises PlanError (one problem) for a file that cannot be read, as ``import_file`` does.
    """
    path = _path(source)
    check_path(path, Budget.from_env())
    fmt = detect_format(path)
    with _reader_errors(path, fmt):
        return _levels(path, fmt)


@contextmanager
def _reader_errors(path: Path, fmt: str) -> Iterator[None]:
    """Whatever a reader raises leaves as one PlanError with a clear line, never a traceback."""
    try:
        yield
    except PlanError:
        raise
    except MemoryError:
        raise import_error("import-failed", "the file is too large to import", str(path)) from None
    except RecursionError:
        raise import_error("import-failed", f"the {fmt} file is nested too deeply to read", str(path)) from None
    except Exception as exc:  # a reader's bug or a file shape nobody foresaw: still one clear line
        raise import_error("import-failed", f"the {fmt} importer failed: {type(exc).__name__}: {exc}", str(path)) from exc  # the cause keeps the reader's traceback


def _levels(path: Path, fmt: str) -> list[str]:
    if fmt == "dxf":
        from .dxf import dxf_levels

        return dxf_levels(path)
    if fmt == "ifc":
        from .ifc import ifc_levels

        return ifc_levels(path)
    if fmt == "imdf":
        from .imdf import imdf_levels

        return imdf_levels(path if is_dir_or_zip(path) else path.parent)
    if fmt == "wrld":
        from .wrld import wrld_levels

        return wrld_levels(path / "main.json" if path.is_dir() else path)
    if fmt == "floorspacejs":
        from .floorspace import floorspace_levels

        return floorspace_levels(_load_floorspace(path))
    return [path.stem]


def is_dir_or_zip(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() == ".zip"


def import_file(source: str | os.PathLike[str], *, level: str | None = None, options: ImportOptions | None = None) -> ImportResult:
    """Read a floor-plan file into one Plan per level, with an import report.

    ``level``: only that storey (its name as ``available_levels`` lists it).
    Raises PlanError (one problem) for a file that cannot be imported.
    """
    path = _path(source)
    check_path(path, Budget.from_env())  # size, corners, entities, zip entries: before any reader runs
    options = options or ImportOptions()
    fmt = detect_format(path)
    with _reader_errors(path, fmt):
        plans, report = _read(path, fmt, level, options)
    return ImportResult(levels=_without_empty_levels(plans, report, path), report=report)


def _without_empty_levels(plans: dict[str, Any], report: ImportReport, path: Path) -> dict[str, Any]:
    """The levels that have rooms; an import where none has any is an error, never an empty plan."""
    empty = [name for name, plan in plans.items() if not plan.rooms]
    if plans and len(empty) < len(plans):
        for name in empty:
            report.warnings.append(f"level {name!r} yields no rooms and was left out")
        return {name: plan for name, plan in plans.items() if plan.rooms}
    reasons = [f"level {lv.level!r}: " + "; ".join(lv.warnings[:1] + [f"{d.what}: {d.why}" for d in lv.dropped[:1]])
               for lv in report.levels if lv.level in empty and (lv.warnings or lv.dropped)]
    where = f"level {empty[0]!r}" if len(empty) == 1 else f"any of its {len(empty)} levels" if empty else "the file"
    raise import_error("no-rooms", f"no rooms could be made from {where}" + (f" ({reasons[0]})" if reasons else ""), str(path))


def level_rooms(source: str | os.PathLike[str]) -> dict[str, int | None]:
    """The levels a file holds (by the names ``import_file(level=...)`` takes) and how many rooms or spaces the file gives each.

    The counts are what the file lists (IMDF units, IfcSpaces, WRLD typed
    spaces, FloorspaceJS spaces); None where only importing can tell (DXF).
    Same-named levels are told apart by their id ("G [0:L0]", "Level 1 [2O2Fr$t4X7Zf8NOew3FLOH]").
    """
    path = _path(source)
    check_path(path, Budget.from_env())
    fmt = detect_format(path)
    with _reader_errors(path, fmt):
        if fmt == "ifc":
            from .ifc import ifc_level_rooms

            return dict(ifc_level_rooms(path))
        if fmt == "imdf":
            from .imdf import imdf_level_rooms

            return dict(imdf_level_rooms(path if is_dir_or_zip(path) else path.parent))
        if fmt == "wrld":
            from .wrld import wrld_level_rooms

            return wrld_level_rooms(path / "main.json" if path.is_dir() else path)
        if fmt == "floorspacejs":
            from .floorspace import floorspace_level_rooms

            return dict(floorspace_level_rooms(_load_floorspace(path)))
        return dict.fromkeys(_levels(path, fmt))


def _read(path: Path, fmt: str, level: str | None, options: ImportOptions):
    if fmt == "dxf":
        from .dxf import read_dxf

        return read_dxf(path, level, options)
    if fmt == "ifc":
        from .ifc import read_ifc

        return read_ifc(path, level, options)
    if fmt == "imdf":
        from .imdf import read_imdf

        return read_imdf(path if is_dir_or_zip(path) else path.parent, level, options)
    if fmt == "wrld":
        from .wrld import read_wrld

        return read_wrld(path / "main.json" if path.is_dir() else path, level, options)
    if fmt == "floorspacejs":
        from .floorspace import read_floorspace

        return read_floorspace(path, _load_floorspace(path), level, options)
    return _read_plan(path, level)


def _read_plan(path: Path, level: str | None):
    from ..geojson_io import read_plan
    from ..validation import validate_plan

    name = path.stem
    if level is not None and level != name:
        raise import_error("unknown-level", f"a plan file has one level, {name!r}; not {level!r}", str(path))
    plan = read_plan(path)
    report = ImportReport(source=str(path), format="geojson-plan")
    lr = LevelReport(level=name, rooms=len(plan.rooms), doors=len(plan.doors), windows=len(plan.windows),
                     floor_area_m2=round(plan.floor_area, 2), source_area_m2=round(plan.floor_area, 2))
    lr.problems = validate_plan(plan)
    report.levels.append(lr)
    return {name: plan}, report
