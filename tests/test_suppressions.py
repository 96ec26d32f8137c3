"""Every lint or type suppression left in the code says why (ruff's RUF100 and mypy's
warn_unused_ignores remove the ones no longer needed; this holds the other half of the rule)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("floorplans", "scoring", "input_forms", "planner", "tests", "bench")
# a suppression, then its codes, then a reason: " - why" or "  # why"
SUPPRESSION = re.compile(r"#\s*(noqa|type:\s*ignore)(?P<codes>(?::\s*[\w, ]+|\[[\w, -]+\]))?(?P<rest>.*)$")


def unexplained(text: str) -> list[int]:
    bad = []
    for number, line in enumerate(text.splitlines(), 1):
        match = SUPPRESSION.search(line)
        if match and not re.match(r"\s*(-|#)\s*\S", match["rest"]):
            bad.append(number)
    return bad


def test_the_check_finds_a_bare_suppression_and_accepts_an_explained_one() -> None:
    assert unexplained("x = 1  # noqa: F401\ny = 2  # type: ignore[arg-type]\n") == [1, 2]
    assert unexplained("x = 1  # noqa: F401 - re-exported\ny = 2  # type: ignore[arg-type]  # a literal\n") == []


def test_every_suppression_in_the_code_says_why() -> None:
    bad = [f"{path.relative_to(REPO)}:{line}" for package in PACKAGES for path in sorted((REPO / package).rglob("*.py"))
           if "migrations" not in path.parts and path != Path(__file__).resolve() for line in unexplained(path.read_text(encoding="utf-8"))]
    assert bad == [], f"suppressions without a reason: {bad}"
