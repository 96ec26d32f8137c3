"""The sample plans of an invented job centre, "Jobcenter Åby": today's layout and three options.

They are built by ``floorplans.samples.build`` and committed as GeoJSON, so
loading one is just reading a file.
"""

from __future__ import annotations

from pathlib import Path

from floorplans.geojson_io import read_plan
from floorplans.model import Plan

__all__ = ["SAMPLES_DIR", "UnknownSampleError", "sample_names", "sample_path", "load_sample"]

SAMPLES_DIR = Path(__file__).resolve().parent


class UnknownSampleError(KeyError):
    """No sample of that name (a KeyError whose message reads as a sentence, without quotes)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown sample"


def sample_names() -> list[str]:
    """The names of the committed samples, sorted ("baseline", "option_a", ...)."""
    return sorted(p.stem for p in SAMPLES_DIR.glob("*.geojson"))


def sample_path(name: str) -> Path:
    """The file of a sample; ``KeyError`` naming the known samples if there is no such sample."""
    names = sample_names()
    if name not in names:
        raise UnknownSampleError(f"no sample plan named {name!r}; the samples are: {', '.join(names)}")
    return SAMPLES_DIR / f"{name}.geojson"


def load_sample(name: str) -> Plan:
    """Read a sample plan by name."""
    return read_plan(sample_path(name))
