"""Every level of every real file goes through the scoring engine."""

from __future__ import annotations

from scoring.engine import NOT_EVALUATED, score_plan


def test_every_imported_level_scores(westport, cad_office, floorspace) -> None:
    """Each level of each real file goes through the scoring engine with every criterion evaluated."""
    for result in (westport, cad_office, floorspace):
        for name, plan in result.levels.items():
            report = score_plan(plan)
            failed = [c.id for c in report.criteria if NOT_EVALUATED in (c.detail or "")]
            assert not failed, (result.report.format, name, failed)
            assert 0 <= report.calmness <= 100 and 0 <= report.accessibility <= 100
