"""The options section: each option's scores, the findings it fails or falls short of, its plan with
the findings numbered, and the options compared criterion by criterion."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine

from floorplans.model import Plan, RoomKind
from floorplans.topology import passages
from input_forms.models import LayoutOption
from input_forms.projects import list_options
from scoring.engine import score_plan
from scoring.report import ScoreReport

from .figures import findings_png
from .i18n import Catalogue
from .values import number

__all__ = ["FindingRow", "OptionSection", "ComparisonRow", "option_sections", "chosen_options", "comparison", "kind_labels",
           "NOTE_BELOW", "MAX_PLACES"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FindingRow:
    """One criterion that an option fails (``fail``) or falls short of as guidance (``note``)."""

    number: int
    criterion_id: str
    title: str
    area: str
    status: str  # "fail" | "note"
    score: float
    value: float | None
    threshold: float | None
    unit: str
    detail: str  # in the report's language; empty in a Danish report where the criterion writes English only
    places: list[str]
    source: str


@dataclass(frozen=True)
class OptionSection:
    id: int
    name: str
    version: int
    author: str
    notes: str
    calmness: float | None = None
    accessibility: float | None = None
    n_criteria: int = 0
    n_passed: int = 0
    n_failed: int = 0
    findings: list[FindingRow] = field(default_factory=list)
    plan_png: str = ""  # base64
    problem: str = ""  # why the option could not be scored (then no figures)
    latest_version: int = 0  # the option's newest version now (> version: the report shows the voted one)
    voted: bool = False  # this is the version on the decisive round's ballot
    is_baseline: bool = False


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    area: str  # "overall" | "calmness" | "accessibility"
    values: list[float | None]  # 0..100 per option
    passed: list[bool | None]
    best: list[bool]


def _place_names(plan: Plan, ids: list[str], cat: Catalogue) -> list[str]:
    """People-readable names of the features a finding is about (rooms by name, doors by their rooms)."""
    joins: dict[str, tuple[str, ...]] | None = None
    rooms = {r.id: r.label for r in plan.rooms}
    names: list[str] = []
    for fid in ids:
        feature = plan.get(fid)
        kind = getattr(feature, "feature", None)
        if feature is None:
            names.append(fid)
        elif kind == "room":
            names.append(rooms.get(fid, fid))
        elif kind in ("door", "opening"):
            if joins is None:
                joins = {p.id: p.rooms for p in passages(plan)}
            what = cat.t(f"place.{kind}")
            between = [rooms.get(r, r) for r in joins.get(fid, ())]
            if len(between) == 2:
                names.append(cat.t("place.between", what=what, id=fid, a=between[0], b=between[1]))
            elif len(between) == 1:
                names.append(cat.t("place.outside", what=what, id=fid, a=between[0]))
            else:
                names.append(f"{what} {fid}")
        else:
            label = getattr(feature, "type", None) or kind or "feature"
            names.append(f"{cat.t(f'place.{label}', default=str(label))} {fid}")
    return names


#: A guidance criterion (no pass/fail in the profile) is pointed out below this score (0..1).
NOTE_BELOW = 0.999
MAX_PLACES = 8


def _shorten(names: list[str], cat: Catalogue) -> list[str]:
    """At most MAX_PLACES names, then 'and N more' (the plan shows them all)."""
    if len(names) <= MAX_PLACES:
        return names
    return names[: MAX_PLACES - 1] + [cat.t("place.more", n=len(names) - MAX_PLACES + 1)]


def kind_labels(cat: Catalogue) -> dict[RoomKind, str]:
    """Room-kind names for the plan legends in the report's language (the drawing's English where none)."""
    return {k: cat.t(f"kind.{k.value}") for k in RoomKind if cat.t(f"kind.{k.value}", default="")}


def _findings(plan: Plan, report: ScoreReport, cat: Catalogue) -> list[FindingRow]:
    """Failed criteria first, then guidance not met (score below 1 with places to point at)."""
    rows: list[FindingRow] = []
    failed = [c for c in report.criteria if c.passed is False]
    notes = [c for c in report.criteria if c.applicable and c.passed is None and c.score < NOTE_BELOW]
    for status, group in (("fail", failed), ("note", notes)):
        for c in group:
            rows.append(FindingRow(
                number=len(rows) + 1, criterion_id=c.id, title=cat.criterion_title(c.id, c.title), area=c.area,
                status=status, score=c.score, value=number(c.value), threshold=number(c.threshold), unit=c.unit,
                detail=c.detail_da if cat.lang == "da" else c.detail, places=_shorten(_place_names(plan, list(c.where), cat), cat),
                source=cat.criterion_source(c.id, c.source)))
    return rows


def chosen_options(engine: Engine, project_id: int, option_ids: Sequence[int] | None = None,
                   voted: Mapping[int, LayoutOption] | None = None) -> list[tuple[LayoutOption, int, bool]]:
    """(option at the version the report shows, its latest version, shown as voted) for the chosen options.

    ``voted``: option id -> the version on the decisive round's ballot; that version is shown (with a
    note when a newer one exists), so the plan and scores are the ones staff voted on.
    """
    voted = voted or {}
    current = list_options(engine, project_id)
    wanted = None if option_ids is None else set(option_ids)
    out = []
    for option in current:
        if wanted is not None and option.id not in wanted:
            continue
        shown = voted.get(option.id, option)
        out.append((shown, option.version, option.id in voted))
    return out


def option_sections(engine: Engine, project_id: int, profile: str, cat: Catalogue, dpi: int,
                    option_ids: Sequence[int] | None = None, voted: Mapping[int, LayoutOption] | None = None,
                    score: bool = True) -> tuple[list[OptionSection], list[tuple[LayoutOption, ScoreReport | None]]]:
    """One section per chosen option (default all), and each with its score report (None where it could not be scored).

    ``score=False`` (a report without the options and comparison sections): names and versions only.
    """
    sections: list[OptionSection] = []
    scored: list[tuple[LayoutOption, ScoreReport | None]] = []
    for option, latest, is_voted in chosen_options(engine, project_id, option_ids, voted):
        head = OptionSection(id=option.id, name=option.name, version=option.version, author=option.author,
                             notes=option.notes, latest_version=latest, voted=is_voted, is_baseline=option.is_baseline)
        if not score:
            sections.append(head)
            scored.append((option, None))
            continue
        try:
            plan = option.plan()
            report = score_plan(plan, profile)
        except Exception as exc:  # one bad option must not sink the whole report: logged, and said in its section
            log.warning("option %s (%r) could not be scored", option.id, option.name, exc_info=True)
            sections.append(replace(head, problem=f"{type(exc).__name__}: {exc}"))
            scored.append((option, None))
            continue
        findings = _findings(plan, report, cat)
        png = findings_png(plan, findings, report, dpi=dpi, kind_labels=kind_labels(cat))
        sections.append(replace(
            head, calmness=report.calmness, accessibility=report.accessibility, n_criteria=len(report.applied),
            n_passed=sum(c.passed is True or (c.passed is None and c.score >= NOTE_BELOW) for c in report.applied),
            n_failed=sum(c.passed is False for c in report.criteria),
            findings=findings, plan_png=png))
        scored.append((option, report))
    return sections, scored


def comparison(scored: list[tuple[LayoutOption, ScoreReport | None]], cat: Catalogue) -> list[ComparisonRow]:
    """The overall figures and every criterion's score side by side, the best of each row marked."""
    reports = [r for _, r in scored]
    if not any(reports):
        return []

    def row(label: str, area: str, values: list[float | None], passed: list[bool | None]) -> ComparisonRow:
        present = [v for v in values if v is not None]
        top = max(present) if present else None
        differ = len(present) > 1 and max(present) - min(present) > 1e-9  # all equal: nothing stands out
        best = [differ and v is not None and top is not None and abs(v - top) < 1e-9 for v in values]
        return ComparisonRow(label=label, area=area, values=values, passed=passed, best=best)

    rows = [
        row(cat.t("score.calmness"), "overall", [r.calmness if r else None for r in reports], [None] * len(reports)),
        row(cat.t("score.accessibility"), "overall", [r.accessibility if r else None for r in reports], [None] * len(reports)),
    ]
    first = next(r for r in reports if r)
    for c in first.criteria:
        values: list[float | None] = []
        passed: list[bool | None] = []
        for r in reports:
            found = next((x for x in r.criteria if x.id == c.id), None) if r else None
            values.append(round(100 * found.score, 1) if found and found.applicable else None)  # n/a: no figure
            passed.append(found.passed if found else None)
        rows.append(row(cat.criterion_title(c.id, c.title), c.area, values, passed))
    return rows
