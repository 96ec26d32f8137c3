"""The survey section: each item's mean before and after, with 95 % intervals and a cautious verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from input_forms import publication, surveys

from .values import number

__all__ = ["SurveyCell", "SurveyRow", "SurveySection", "survey_sections"]


@dataclass(frozen=True)
class SurveyCell:
    n: int | None  # None when hidden
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool


@dataclass(frozen=True)
class SurveyRow:
    item: str
    baseline: SurveyCell
    after: SurveyCell
    change: float | None
    #: "up" / "down" when the two 95 % intervals do not overlap, "unclear" when they do, None without figures.
    verdict: str | None = None


@dataclass(frozen=True)
class SurveySection:
    title: str
    rows: list[SurveyRow]


def _cell(row: dict[str, Any] | None) -> SurveyCell:
    if row is None:
        return SurveyCell(n=None, mean=None, ci_low=None, ci_high=None, suppressed=True)
    suppressed = bool(row["suppressed"])
    return SurveyCell(n=None if suppressed else int(row["n"]), mean=None if suppressed else number(row["mean"]),
                      ci_low=None if suppressed else number(row["ci_low"]),
                      ci_high=None if suppressed else number(row["ci_high"]), suppressed=suppressed)


def _verdict(before: SurveyCell, after: SurveyCell) -> str | None:
    """A cautious reading: a change counts as clear only when the two 95 % intervals do not overlap."""
    if before.ci_low is None or before.ci_high is None or after.ci_low is None or after.ci_high is None:
        return None
    if after.ci_low > before.ci_high:
        return "up"
    if after.ci_high < before.ci_low:
        return "down"
    return "unclear"


def survey_sections(engine: Engine, project_id: int) -> list[SurveySection]:
    """Every survey of the project, item by item (small groups hidden, without their count, by input_forms.publication)."""
    out: list[SurveySection] = []
    for survey in surveys.list_surveys(engine, project_id):
        frame = publication.survey_table(engine, survey.id)
        records = frame.to_dict("records")
        rows: list[SurveyRow] = []
        for item in survey.items:
            by_phase = {r["phase"]: r for r in records if r["item_id"] == item.id}
            before, after = _cell(by_phase.get("baseline")), _cell(by_phase.get("after"))
            change = after.mean - before.mean if before.mean is not None and after.mean is not None else None
            rows.append(SurveyRow(item=item.text, baseline=before, after=after, change=change,
                                  verdict=_verdict(before, after)))
        out.append(SurveySection(title=survey.title, rows=rows))
    return out
