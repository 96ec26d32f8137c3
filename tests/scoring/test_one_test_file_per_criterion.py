"""Tests mirror the code: every criterion module has its own test file under tests/scoring/criteria/.

A new criterion is one module plus one test file; this keeps the second half of that rule.
"""

from __future__ import annotations

from pathlib import Path

import scoring.criteria

CRITERIA = Path(scoring.criteria.__file__).parent
TESTS = Path(__file__).parent / "criteria"


def criterion_modules() -> list[str]:
    return sorted(p.stem for p in CRITERIA.glob("*/*.py") if p.stem != "__init__")


def test_every_criterion_module_has_its_test_file() -> None:
    modules = criterion_modules()
    assert len(modules) >= 20  # both areas found (accessibility and calmness)
    missing = [m for m in modules if not (TESTS / f"test_{m}.py").is_file()]
    assert missing == [], f"criterion modules without tests/scoring/criteria/test_<module>.py: {missing}"
