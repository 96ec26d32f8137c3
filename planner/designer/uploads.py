"""An uploaded plan file, read into its floor levels: our GeoJSON directly, anything else through the importers.

Pure (no streamlit), so it is tested on its own. Every failure is a PlanError whose problems
name what is wrong with the file; a zip is unpacked into a temporary folder first (a WRLD
building, an IMDF archive), refusing paths that climb out of it and archives over 500 MB.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from floorplans import Plan, PlanError, parse_plan
from floorplans.importers import ImportReport, import_file
from floorplans.importers.report import import_error

__all__ = ["MAX_UNPACKED_BYTES", "UPLOAD_TYPES", "read_upload", "unpacked"]

#: The file types the designer's upload accepts.
UPLOAD_TYPES = ("geojson", "json", "dxf", "ifc", "zip")
MAX_UNPACKED_BYTES = 500 * 2**20


def read_upload(name: str, data: bytes) -> tuple[dict[str, Plan], ImportReport | None]:
    """The levels (name -> plan) and the import report of an uploaded file; PlanError if it cannot be read.

    A plan in our exchange format is one level with no report; another GeoJSON flavour (WRLD),
    DXF, IFC, FloorspaceJS or a zip goes through floorplans.importers.
    """
    if name.rsplit(".", 1)[-1].lower() in ("geojson", "json"):
        try:
            return {"(single level)": parse_plan(data)}, None
        except PlanError:
            pass  # not our format: the importers know the other JSON flavours
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        if path.suffix.lower() == ".zip":
            path = unpacked(path, Path(tmp) / "unpacked")
        result = import_file(path)
    return dict(result.levels), result.report


def unpacked(archive: Path, into: Path) -> Path:
    """The folder a zip unpacks to (its single top folder, if it has one); PlanError for a bad or huge zip."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX/")]
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise import_error("file-too-large", "the zip unpacks to more than 500 MB", archive.name)
            for member in members:
                target = (into / member.filename).resolve()
                if into.resolve() not in target.parents:  # a path that climbs out of the folder
                    raise import_error("import-failed", f"the zip holds an unsafe path {member.filename!r}", archive.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(member))
    except zipfile.BadZipFile as exc:
        raise import_error("import-failed", f"not a readable zip ({exc})", archive.name) from None
    entries = list(into.iterdir()) if into.exists() else []
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return into
