"""Build the four sample plans of an invented job centre ("Jobcenter Åby") in code.

The plans are drawn here, not by hand in GeoJSON, so that every door sits
exactly on the wall it belongs to and rooms tile without gaps. Run

    python -m floorplans.samples.build

to rewrite the ``*.geojson`` files next to this module (they are committed,
so the app and the tests never need to run this).

All four options share the outer walls (48 × 26 m, entrance on the south
street side, a park to the east, a courtyard to the north) and the staff
rooms at the west end; they differ in the public part. See README.md for
what each option is meant to show, including its deliberate flaws.

``builder`` holds the drawing tool, ``common`` what every option shares,
and ``layouts`` one module per sample.
"""

from __future__ import annotations

import sys
from pathlib import Path

from floorplans.geojson_io import write_plan
from floorplans.model import Plan

from .builder import DEPTH, WIDTH
from .layouts import baseline, option_a, option_b, option_c

__all__ = ["DEPTH", "PLAN_BUILDERS", "WIDTH", "build_all", "main", "write_all"]


PLAN_BUILDERS = {"baseline": baseline, "option_a": option_a, "option_b": option_b, "option_c": option_c}


def build_all() -> dict[str, Plan]:
    return {name: make() for name, make in PLAN_BUILDERS.items()}


def write_all(directory: Path | None = None) -> list[Path]:
    """Write every sample next to this module (or into ``directory``); returns the paths."""
    target = directory or Path(__file__).resolve().parent
    paths = []
    for name, plan in build_all().items():
        path = target / f"{name}.geojson"
        write_plan(plan, path)
        paths.append(path)
    return paths


def main() -> int:
    from floorplans.problems import errors_only
    from floorplans.validation import validate_plan

    status = 0
    for name, plan in build_all().items():
        errors = errors_only(validate_plan(plan))
        if errors:
            status = 2
            for problem in errors:
                print(f"{name}: {problem.feature_id}: {problem.message}", file=sys.stderr)
    if status:
        return status
    for path in write_all():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
