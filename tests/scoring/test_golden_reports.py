"""Every sample's and every real level's full score report equals its golden copy.

A refactor must not move any figure; a change that moves scores on purpose
regenerates the copies with ``python -m tests.golden`` and the diff shows what moved.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from tests import golden
from tests.conftest import require_real_plans


@pytest.mark.parametrize("case", golden.sample_cases())
def test_sample_report_is_golden(case: str) -> None:
    expected = (golden.REPORTS / f"{case}.json").read_text(encoding="utf-8")
    assert golden.sample_report(case) == expected


@lru_cache(maxsize=1)
def _real_reports() -> dict[str, str]:
    return {name: golden.report_json(plan) for name, plan in golden._real_plans()}


def test_real_plan_reports_are_golden() -> None:
    require_real_plans()
    actual = _real_reports()
    stored = {p.stem for p in golden.REPORTS.glob("real-*.json")}
    assert set(actual) == stored, "levels appeared or vanished"
    changed = [name for name, text in actual.items() if (golden.REPORTS / f"{name}.json").read_text(encoding="utf-8") != text]
    assert not changed, f"score reports changed: {', '.join(sorted(changed))}"
