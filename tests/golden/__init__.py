"""Golden score reports: the full JSON report of every sample (under every rule profile)
and of every level of every real plan in ../shared/plans (under BR18).

A refactor must leave every report byte-identical; a change that moves scores on
purpose regenerates them and shows the difference in review:

    .venv/bin/python -m tests.golden            # rewrite tests/golden/reports/*.json
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from floorplans import Plan

REPO = Path(__file__).resolve().parents[2]
PLANS = REPO.parent / "shared" / "plans"
REPORTS = Path(__file__).resolve().parent / "reports"

#: The real plans read for golden reports (relative to ../shared/plans).
REAL_PLANS = {
    "ifc": "ifc_office_A_nibs/Office_A_20110811.ifc",
    "westport": "wrld_westport_house_geojson/main.json",
    "dxf": "wrld_cad_office_dxf/cad.dxf",
    "floorspace": "floorspacejs_nrel/largePlan.json",
}
PROFILES = ("br18", "ada2010", "iso21542")


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in text).strip("_").lower()


def sample_cases() -> list[str]:
    from floorplans.samples import sample_names

    return [f"sample-{name}-{profile}" for name in sample_names() for profile in PROFILES]


def real_cases() -> list[str]:
    from floorplans.importers import available_levels

    cases = []
    for key, rel in REAL_PLANS.items():
        for level in available_levels(PLANS / rel):
            cases.append(f"real-{key}-{_slug(level)}")
    return cases


def _real_plans() -> Iterator[tuple[str, object]]:
    from floorplans.importers import import_file

    for key, rel in REAL_PLANS.items():
        result = import_file(PLANS / rel)
        for level, plan in result.levels.items():
            yield f"real-{key}-{_slug(level)}", plan


def report_json(plan: Plan, profile: str = "br18") -> str:
    """The contract JSON of the plan's score report, with stable key order."""
    from scoring import score_plan

    report = score_plan(plan, profile)
    return json.dumps(json.loads(report.to_contract_json()), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def sample_report(case: str) -> str:
    from floorplans.samples import load_sample

    _, rest = case.split("-", 1)
    name, profile = rest.rsplit("-", 1)
    return report_json(load_sample(name), profile)


def real_report(case: str) -> str:
    for name, plan in _real_plans():
        if name == case:
            return report_json(plan)
    raise KeyError(f"no real plan level {case!r}")


def regenerate() -> list[Path]:
    REPORTS.mkdir(parents=True, exist_ok=True)
    written = []
    for case in sample_cases():
        path = REPORTS / f"{case}.json"
        path.write_text(sample_report(case), encoding="utf-8")
        written.append(path)
    for case, plan in _real_plans():
        path = REPORTS / f"{case}.json"
        path.write_text(report_json(plan), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in regenerate():
        print(p.relative_to(REPO))
