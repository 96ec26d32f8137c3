"""Hostile files, written piece by piece (never whole in memory): the shapes issue 15 found tie up a server.

Used by the budget tests and by ``bench/bench_hostile_files.py``.
"""

from __future__ import annotations

import json
import math
import struct
import zipfile
import zlib
from pathlib import Path

__all__ = ["lying_zip", "many_corners_geojson", "many_entities_dxf", "many_entries_zip", "zip_bomb"]


def many_corners_geojson(path: Path, corners: int = 1_000_000) -> Path:
    """A plan with one room whose outline has ``corners`` corners (a circle): about 16.8 MB for a million."""
    head = {"type": "FeatureCollection", "name": "hostile", "units": "m"}
    with path.open("w", encoding="ascii") as out:
        out.write(json.dumps(head)[:-1] + ', "features": [{"type": "Feature", "id": "r1", "properties": '
                  '{"feature": "room", "kind": "waiting"}, "geometry": {"type": "Polygon", "coordinates": [[')
        step = 2 * math.pi / corners
        for start in range(0, corners, 10_000):
            out.write(",".join(f"[{5 + 4 * math.cos(i * step):.3f},{5 + 4 * math.sin(i * step):.3f}]"
                               for i in range(start, min(corners, start + 10_000))) + ",")
        out.write("[9.000,5.000]]]}}]}")
    return path


def many_entries_zip(path: Path, entries: int = 150_000) -> Path:
    """A zip of ``entries`` empty files (about 14 MB for 150,000)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for n in range(entries):
            zf.writestr(f"e/{n:06d}.geojson", b"")
    return path


def zip_bomb(path: Path, unpacked_mb: int = 490, entry_mb: int | None = None) -> Path:
    """A small zip of zeros that unpacks to ``unpacked_mb`` MB (in entries of ``entry_mb`` MB; one entry if None)."""
    entry_mb = entry_mb or unpacked_mb
    zeros = bytes(2**20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        left, n = unpacked_mb, 0
        while left > 0:
            size = min(entry_mb, left)
            with zf.open(f"bomb/unit{n or ''}.geojson", "w", force_zip64=True) as handle:
                for _ in range(size):
                    handle.write(zeros)
            left -= size
            n += 1
    return path


def lying_zip(path: Path, real_mb: int = 200, claimed: int = 1000) -> Path:
    """A one-entry zip whose headers claim ``claimed`` bytes while the data inflates to ``real_mb`` MB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(2**20)
    data = b"".join(compressor.compress(zeros) for _ in range(real_mb)) + compressor.flush()
    name = b"unit.geojson"
    crc = 0
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), claimed, len(name), 0) + name
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), claimed,
                          len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    path.write_bytes(local + data + central + end)
    return path


def many_entities_dxf(path: Path, entities: int = 1_000_000) -> Path:
    """An ASCII DXF with ``entities`` LINE entities on layer 'wall' (about 60 MB for a million)."""
    with path.open("w", encoding="ascii") as out:
        out.write("0\nSECTION\n2\nHEADER\n9\n$INSUNITS\n70\n6\n0\nENDSEC\n0\nSECTION\n2\nENTITIES\n")
        for start in range(0, entities, 10_000):
            out.write("".join(f"0\nLINE\n8\nwall\n10\n{i % 1000}\n20\n{i // 1000}\n11\n{i % 1000 + 1}\n21\n{i // 1000}\n"
                              for i in range(start, min(entities, start + 10_000))))
        out.write("0\nENDSEC\n0\nEOF\n")
    return path
