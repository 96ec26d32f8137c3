"""Gather everything the report shows from the database, the plans and the scores, as plain values.

Why a separate step: the templates then only lay out finished values (no queries,
no scoring in Jinja), and tests can check the content without parsing HTML.
Citizen text enters only through ``input_forms.aggregate.approved_texts`` (approved
text only); groups below the anonymity threshold (``aggregate.MIN_GROUP``) arrive here already
suppressed, pin categories are asked of ``aggregate.pins(..., category=)`` the same way, and a
'calmer' item fewer than MIN_GROUP answers chose is hidden here too. The template prints no count
of citizen input below MIN_GROUP: it shows the "too few answers" words instead.
Staff comments name their author only as ``StaffComment.shown_as`` (the role, with the
name only when the author chose to show it); nothing else about the author is read.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from floorplans.model import Plan

from .i18n import Catalogue

__all__ = [
    "FindingRow", "OptionSection", "ComparisonRow", "RoundSection", "FeedbackSection", "SurveyRow",
    "SurveySection", "CommentCountRow", "OptionComments", "DeclinedComment", "CommentsSection", "MethodSection",
    "ReportData", "collect_report", "resolve_project",
]


# --- the values the templates lay out ------------------------------------------------------------

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
    detail: str
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


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    area: str  # "overall" | "calmness" | "accessibility"
    values: list[float | None]  # 0..100 per option
    passed: list[bool | None]
    best: list[bool]


@dataclass(frozen=True)
class RoundSection:
    title: str
    is_open: bool
    opened_at: datetime
    closed_at: datetime | None
    n_ballots: int
    option_names: list[str] = field(default_factory=list)
    winners: list[str] = field(default_factory=list)
    method_rows: list[tuple[str, str]] = field(default_factory=list)  # (method, winner names)
    margins: list[list[int | None]] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # plain sentences in the report's language


@dataclass(frozen=True)
class OptionFeedback:
    name: str
    n: int
    mean_rating: float | None
    share_positive: float | None
    suppressed: bool


@dataclass(frozen=True)
class ItemShare:
    """One 'calmer' item; ``suppressed`` when fewer than MIN_GROUP answers chose it (or answered at all)."""

    label: str
    n_choosing: int | None
    share: float | None
    suppressed: bool


#: The kiosk's pin categories, in the order the report lists them (input_forms.models.PinCategory).
PIN_CATEGORIES: tuple[str, ...] = ("calm", "stressful", "idea")


@dataclass(frozen=True)
class PinMap:
    option_name: str
    n: int  # every pin on the plan; the report prints it only from MIN_GROUP on
    #: pins per category, None where input_forms.aggregate.pins(..., category=) suppresses the category
    #: (fewer than MIN_GROUP pins of it); empty when the whole map is suppressed.
    counts: dict[str, int | None]
    png: str  # base64, "" when suppressed
    suppressed: bool


@dataclass(frozen=True)
class ApprovedText:
    text: str
    option_name: str
    rating: int | None
    language: str


@dataclass(frozen=True)
class FeedbackSection:
    n_total: int
    by_option: list[OptionFeedback]
    by_kiosk: list[OptionFeedback]
    items: list[ItemShare]
    items_suppressed: bool
    pin_maps: list[PinMap]
    texts: list[ApprovedText]
    min_group: int

    @property
    def total_suppressed(self) -> bool:
        """Fewer than ``min_group`` answers in all: the report does not print the total either."""
        return self.n_total < self.min_group


@dataclass(frozen=True)
class SurveyCell:
    n: int
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


@dataclass(frozen=True)
class CommentCountRow:
    """Staff comments of one option in one category (``all``: every category), and how they were answered."""

    category: str  # problem | idea | question | all
    n: int
    open: int
    taken: int
    declined: int
    taken_share: float
    declined_share: float


@dataclass(frozen=True)
class OptionComments:
    name: str
    n: int
    taken: int
    declined: int
    rows: list[CommentCountRow]  # per category, the ``all`` row last
    sentence: str  # "Option A: 5 comments, 3 answered (2 taken, 1 declined)." in the report's language

    @property
    def answered(self) -> int:
        return self.taken + self.declined


@dataclass(frozen=True)
class DeclinedComment:
    option_name: str
    category: str
    text: str
    shown_as: str  # the role, or "Name (role)" when the author chose to show the name
    made_on_version: int
    reason: str


@dataclass(frozen=True)
class CommentsSection:
    options: list[OptionComments]
    declined: list[DeclinedComment]

    @property
    def n_total(self) -> int:
        return sum(o.n for o in self.options)

    @property
    def n_answered(self) -> int:
        return sum(o.answered for o in self.options)


@dataclass(frozen=True)
class CriterionInfo:
    id: str
    area: str
    title: str
    description: str
    source: str


@dataclass(frozen=True)
class ThresholdInfo:
    label: str
    value: float
    unit: str
    source: str
    binding: bool


@dataclass(frozen=True)
class MethodSection:
    profile_name: str
    profile_title: str
    criteria: list[CriterionInfo]
    thresholds: list[ThresholdInfo]


@dataclass(frozen=True)
class ReportData:
    lang: str
    project_name: str
    project_description: str
    generated_at: datetime
    profile: str
    options: list[OptionSection]
    comparison: list[ComparisonRow]
    rounds: list[RoundSection]
    feedback: FeedbackSection | None
    surveys: list[SurveySection]
    method: MethodSection
    summary: list[str]
    comments: CommentsSection | None = None  # None: the staff comments could not be read
    min_group: int = 5  # input_forms.aggregate.MIN_GROUP, for the report's privacy sentences
    unavailable: list[str] = field(default_factory=list)  # sections whose data could not be read


# --- helpers ----------------------------------------------------------------------------------------

def _num(value: Any) -> float | None:
    """A finite float, else None (pandas gives NaN for suppressed figures)."""
    if value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _int(value: Any) -> int | None:
    f = _num(value)
    return None if f is None else int(round(f))


def resolve_project(engine: Engine, project: int | str) -> Any:
    """The project by id (an int or a string of digits) or by exact name (case-insensitive).

    Raises input_forms.errors.NotFound naming the value when nothing matches.
    """
    from input_forms.errors import NotFound
    from input_forms.projects import get_project, list_projects

    text = str(project).strip()
    if isinstance(project, int) or text.isdigit():
        try:
            return get_project(engine, int(text))
        except NotFound:
            pass
    matches = [p for p in list_projects(engine) if p.name.strip().casefold() == text.casefold()]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFound(f"project name {text!r} is ambiguous ({len(matches)} projects); give the id")
    raise NotFound(f"no project with id or name {text!r}")


def _place_names(plan: Plan, ids: list[str], cat: Catalogue) -> list[str]:
    """People-readable names of the features a finding is about (rooms by name, doors by their rooms)."""
    from floorplans.topology import passages

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


def _kind_labels(cat: Catalogue) -> dict:
    """Room-kind names for the plan legends in the report's language (the drawing's English where none)."""
    from floorplans.model import RoomKind

    return {k: cat.t(f"kind.{k.value}") for k in RoomKind if cat.t(f"kind.{k.value}", default="")}


def _findings(plan: Plan, report: Any, cat: Catalogue) -> list[FindingRow]:
    """Failed criteria first, then guidance not met (score below 1 with places to point at)."""
    rows: list[FindingRow] = []
    failed = [c for c in report.criteria if c.passed is False]
    notes = [c for c in report.criteria if c.passed is None and c.score < NOTE_BELOW]
    for status, group in (("fail", failed), ("note", notes)):
        for c in group:
            rows.append(FindingRow(
                number=len(rows) + 1, criterion_id=c.id, title=cat.criterion_title(c.id, c.title), area=c.area,
                status=status, score=c.score, value=_num(c.value), threshold=_num(c.threshold), unit=c.unit,
                detail=c.detail, places=_shorten(_place_names(plan, list(c.where), cat), cat),
                source=cat.criterion_source(c.id, c.source)))
    return rows


def _option_sections(engine: Engine, project_id: int, profile: str, cat: Catalogue, dpi: int,
                     ) -> tuple[list[OptionSection], list[tuple[Any, Any]]]:
    from input_forms.projects import list_options
    from scoring.engine import score_plan

    from .figures import findings_png

    sections: list[OptionSection] = []
    scored: list[tuple[Any, Any]] = []  # (option, ScoreReport | None)
    for option in list_options(engine, project_id):
        base = dict(id=option.id, name=option.name, version=option.version, author=option.author, notes=option.notes)
        try:
            plan = option.plan()
            report = score_plan(plan, profile)
        except Exception as exc:  # noqa: BLE001 - one bad option must not sink the whole report
            sections.append(OptionSection(**base, problem=f"{type(exc).__name__}: {exc}"))
            scored.append((option, None))
            continue
        findings = _findings(plan, report, cat)
        png = findings_png(plan, findings, report, dpi=dpi, kind_labels=_kind_labels(cat))
        sections.append(OptionSection(
            **base, calmness=report.calmness, accessibility=report.accessibility, n_criteria=len(report.criteria),
            n_passed=sum(c.passed is True or (c.passed is None and c.score >= NOTE_BELOW) for c in report.criteria),
            n_failed=sum(c.passed is False for c in report.criteria),
            findings=findings, plan_png=png))
        scored.append((option, report))
    return sections, scored


def _comparison(scored: list[tuple[Any, Any]], cat: Catalogue) -> list[ComparisonRow]:
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
            values.append(round(100 * found.score, 1) if found else None)
            passed.append(found.passed if found else None)
        rows.append(row(cat.criterion_title(c.id, c.title), c.area, values, passed))
    return rows


def _rounds(engine: Engine, project_id: int, cat: Catalogue) -> list[RoundSection]:
    from input_forms import voting

    out: list[RoundSection] = []
    for rnd in voting.list_rounds(engine, project_id):
        base = dict(title=rnd.title or cat.t("vote.untitled", id=rnd.id), is_open=rnd.is_open, opened_at=rnd.opened_at,
                    closed_at=rnd.closed_at, n_ballots=rnd.n_ballots)
        if rnd.is_open:
            out.append(RoundSection(**base))
            continue
        result = voting.round_results(engine, rnd.id)
        base["n_ballots"] = result.n_ballots
        names = result.option_names
        ids = list(result.option_ids)
        method_rows = [(cat.t(f"vote.method.{m}", default=label), _join([names[w] for w in result.method_winners.get(m, [])], cat)
                        or cat.t("vote.no_winner"))
                       for m, label in voting.METHODS.items()]
        out.append(RoundSection(
            **base, option_names=[names[i] for i in ids],
            winners=[names[w] for w in result.winners], method_rows=method_rows, margins=result.margin_table(),
            summary=_vote_sentences(result, cat)))
    return out


def _join(names: list[str], cat: Catalogue) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {cat.t('word.and')} " + names[-1]


def _vote_sentences(result: Any, cat: Catalogue) -> list[str]:
    """The count in plain sentences of the report's language (the margins say it all; no jargon needed)."""
    names = result.option_names
    ids = list(result.option_ids)
    if result.n_ballots == 0:
        return [cat.t("vote.none_cast")]
    lines = [cat.t("vote.counted", n=result.n_ballots)]
    if len(result.winners) == 1:
        lines.append(cat.t("vote.winner", name=names[result.winners[0]]))
    else:
        lines.append(cat.t("vote.tie", names=_join([names[w] for w in result.winners], cat)))
    condorcet = [a for a in ids if all(result.margins[(a, b)] > 0 for b in ids if b != a)]
    if condorcet:
        c = condorcet[0]
        beats = ", ".join(cat.t("vote.beats_by", name=names[b], n=result.margins[(c, b)]) for b in ids if b != c)
        lines.append(cat.t("vote.condorcet", name=names[c], beats=beats))
    else:
        lines.append(cat.t("vote.no_condorcet"))
    if all(result.method_winners.get(m) == result.winners for m in result.method_winners):
        lines.append(cat.t("vote.all_agree", n=len(result.method_winners)))
    else:
        lines.append(cat.t("vote.some_differ"))
    return lines


def _feedback(engine: Engine, project_id: int, options: list[Any], cat: Catalogue, dpi: int) -> FeedbackSection:
    from input_forms import aggregate

    from .figures import pins_png

    frame = aggregate.feedback_frame(engine, project_id)
    by_option = [
        OptionFeedback(name=str(r["option_name"]) if r["option_id"] is not None and not _isnan(r["option_id"]) else cat.t("feedback.no_plan"),
                       n=int(r["n"]), mean_rating=_num(r["mean_rating"]), share_positive=_num(r["share_positive"]),
                       suppressed=bool(r["suppressed"]))
        for r in aggregate.summary_by_option(engine, project_id).to_dict("records")
    ]
    by_kiosk = [
        OptionFeedback(name=str(r["kiosk_label"]), n=int(r["n"]), mean_rating=_num(r["mean_rating"]),
                       share_positive=_num(r["share_positive"]), suppressed=bool(r["suppressed"]))
        for r in aggregate.summary_by_kiosk(engine, project_id).to_dict("records")
    ]
    min_group = int(aggregate.MIN_GROUP)
    records = aggregate.item_shares(engine, project_id).to_dict("records")
    items = []
    for r in records:
        chosen = _int(r["n_choosing"])
        # aggregate hides every item below MIN_GROUP answers in all; the report also hides an item that
        # fewer than MIN_GROUP answers chose (count and share: the share times the total gives the count).
        hidden = bool(r["suppressed"]) or chosen is None or chosen < min_group
        items.append(ItemShare(label=str(r["label_da"] if cat.lang == "da" else r["label_en"]),
                               n_choosing=None if hidden else chosen, share=None if hidden else _num(r["share"]),
                               suppressed=hidden))
    pin_maps: list[PinMap] = []
    for option in options:
        points = aggregate.pins(engine, option.id)
        n = int(points.attrs.get("n", len(points)))
        if n == 0:
            continue
        suppressed = bool(points.attrs.get("suppressed", n < min_group))
        counts: dict[str, int | None] = {}
        if not suppressed:
            for category in PIN_CATEGORIES:  # the storage layer decides per category, as for the whole map
                of_category = aggregate.pins(engine, option.id, category=category)
                counts[category] = None if of_category.attrs.get("suppressed", True) else len(of_category)
        png = "" if suppressed else pins_png(option.plan(), [(float(r.x), float(r.y), str(r.category))
                                                             for r in points.itertuples()], cat, dpi=dpi)
        pin_maps.append(PinMap(option_name=option.name, n=n, counts=counts, png=png, suppressed=suppressed))
    texts = [ApprovedText(text=str(r["text"]), option_name=str(r["option_name"]) if isinstance(r["option_name"], str) else "",
                          rating=_int(r["rating"]), language=str(r["language"] or ""))
             for r in aggregate.approved_texts(engine, project_id).to_dict("records")]
    return FeedbackSection(n_total=len(frame), by_option=by_option, by_kiosk=by_kiosk, items=items,
                           items_suppressed=bool(records) and all(bool(r["suppressed"]) for r in records),
                           pin_maps=pin_maps, texts=texts, min_group=min_group)


def _isnan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _cell(row: dict[str, Any] | None) -> SurveyCell:
    if row is None:
        return SurveyCell(n=0, mean=None, ci_low=None, ci_high=None, suppressed=True)
    suppressed = bool(row["suppressed"])
    return SurveyCell(n=int(row["n"]), mean=None if suppressed else _num(row["mean"]),
                      ci_low=None if suppressed else _num(row["ci_low"]),
                      ci_high=None if suppressed else _num(row["ci_high"]), suppressed=suppressed)


def _verdict(before: SurveyCell, after: SurveyCell) -> str | None:
    """A cautious reading: a change counts as clear only when the two 95 % intervals do not overlap."""
    if None in (before.ci_low, before.ci_high, after.ci_low, after.ci_high):
        return None
    if after.ci_low > before.ci_high:  # type: ignore[operator]
        return "up"
    if after.ci_high < before.ci_low:  # type: ignore[operator]
        return "down"
    return "unclear"


def _surveys(engine: Engine, project_id: int) -> list[SurveySection]:
    from input_forms import surveys

    out: list[SurveySection] = []
    for survey in surveys.list_surveys(engine, project_id):
        frame = surveys.survey_results(engine, survey.id)
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


def _comments(engine: Engine, project_id: int, cat: Catalogue) -> CommentsSection:
    """Staff comments counted per option and category, and every declined comment with its reason."""
    from input_forms import comments

    counts = comments.comment_counts(engine, project_id)
    names: dict[int, str] = {}
    by_option: dict[int, list[CommentCountRow]] = {}
    for r in counts.to_dict("records"):
        option_id = int(r["option_id"])
        names[option_id] = str(r["option"])
        by_option.setdefault(option_id, []).append(CommentCountRow(
            category=str(r["category"]), n=int(r["n"]), open=int(r["open"]), taken=int(r["taken"]),
            declined=int(r["declined"]), taken_share=float(r["taken_share"]), declined_share=float(r["declined_share"])))
    options: list[OptionComments] = []
    for option_id, rows in by_option.items():
        total = next(row for row in rows if row.category == "all")
        options.append(OptionComments(
            name=names[option_id], n=total.n, taken=total.taken, declined=total.declined, rows=rows,
            sentence=cat.t("comments.option_line", n=total.n, name=names[option_id],
                           answered=total.taken + total.declined, taken=total.taken, declined=total.declined)))
    declined = [DeclinedComment(option_name=names.get(c.option_id, str(c.option_id)), category=c.category, text=c.text,
                                shown_as=c.shown_as, made_on_version=c.option_version, reason=c.reason)
                for c in comments.declined_comments(engine, project_id)]
    return CommentsSection(options=options, declined=declined)


def _threshold_source(th: Any, cat: Catalogue) -> str:
    """The clause of a threshold with its reading status in the report's language.

    The clause itself stays as the rule profile writes it (English; the Danish report says so once).
    A catalogue with ``threshold.status.*`` words renders the status ("to be confirmed") itself and
    leaves out the "[guidance, not a rule ...]" mark, which the table shows under the label anyway;
    without them (English) the profile's own ``source`` is shown unchanged.
    """
    key = f"threshold.status.{getattr(th, 'status', '')}"
    clause = getattr(th, "clause", None)
    if clause is None or not cat.has(key):
        return str(th.source)
    return f"{clause}{cat.t(key)}"


def _method(profile: str, cat: Catalogue) -> MethodSection:
    """The criteria and the thresholds they declare (scoring.registry), in the report's language."""
    from scoring.profiles import get_profile
    from scoring.registry import all_criteria, all_limits

    rp = get_profile(profile)
    criteria = [CriterionInfo(id=c.id, area=c.area, title=cat.criterion_title(c.id, c.title),
                              description=cat.criterion_description(c.id, c.description),
                              source=cat.criterion_source(c.id, c.source))
                for c in all_criteria()]
    thresholds = []
    for limit in all_limits():
        th = limit.of(rp)
        thresholds.append(ThresholdInfo(label=limit.label(cat.lang), value=th.value, unit=th.unit,
                                        source=_threshold_source(th, cat), binding=th.binding))
    return MethodSection(profile_name=rp.name, profile_title=rp.title, criteria=criteria, thresholds=thresholds)


def _summary(options: list[OptionSection], rounds: list[RoundSection], feedback: FeedbackSection | None,
             cat: Catalogue, comments: CommentsSection | None = None) -> list[str]:
    lines = [cat.t("summary.options", n=len(options), names=_join([o.name for o in options], cat))]
    scored = [o for o in options if o.calmness is not None]
    if len(scored) > 1:
        calm = max(scored, key=lambda o: o.calmness or 0)
        acc = max(scored, key=lambda o: o.accessibility or 0)
        lines.append(cat.t("summary.calmest", name=calm.name, score=cat.num(calm.calmness, 0)))
        lines.append(cat.t("summary.most_accessible", name=acc.name, score=cat.num(acc.accessibility, 0)))
    closed = [r for r in rounds if not r.is_open]
    if closed:
        last = closed[-1]
        if len(last.winners) == 1:
            lines.append(cat.t("summary.vote_winner", name=last.winners[0], n=last.n_ballots))
        elif last.winners:
            lines.append(cat.t("summary.vote_tie", names=_join(last.winners, cat), n=last.n_ballots))
    elif rounds:
        lines.append(cat.t("summary.vote_open"))
    else:
        lines.append(cat.t("summary.no_vote"))
    if comments is not None and comments.n_total:
        lines.append(cat.t("summary.comments", n=comments.n_total, answered=comments.n_answered))
    if feedback is not None:
        texts = cat.t("summary.texts", n=len(feedback.texts))
        if feedback.total_suppressed:  # fewer than MIN_GROUP answers: no count, like every other small group
            lines.append(cat.t("summary.feedback_few", k=feedback.min_group, texts=texts).strip())
        else:
            lines.append(cat.t("summary.feedback", n=feedback.n_total, texts=texts))
    return lines


def collect_report(engine: Engine, project: int | str, lang: str = "da", profile: str = "br18", dpi: int = 110,
                   now: datetime | None = None) -> ReportData:
    """Everything the report shows, read once. Unknown project: input_forms.errors.NotFound."""
    from input_forms.aggregate import MIN_GROUP
    from scoring.profiles import get_profile

    cat = Catalogue(lang)
    rp = get_profile(profile)  # ValueError names the choices
    proj = resolve_project(engine, project)
    unavailable: list[str] = []

    def attempt(section: str, fn: Callable[[], Any], fallback: Any) -> Any:
        # Sections other than the options are optional: a failing data source hides its section
        # with a note instead of losing the whole report (the CLI and the button still deliver).
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001
            unavailable.append(f"{cat.t('section.' + section)}: {type(exc).__name__}: {exc}")
            return fallback

    from input_forms.projects import list_options

    options, scored = _option_sections(engine, proj.id, rp.name, cat, dpi)
    comparison = _comparison(scored, cat)
    rounds = attempt("vote", lambda: _rounds(engine, proj.id, cat), [])
    staff_comments = attempt("comments", lambda: _comments(engine, proj.id, cat), None)
    feedback = attempt("feedback", lambda: _feedback(engine, proj.id, list_options(engine, proj.id), cat, dpi), None)
    surveys = attempt("survey", lambda: _surveys(engine, proj.id), [])
    method = _method(rp.name, cat)
    return ReportData(
        lang=cat.lang, project_name=proj.name, project_description=proj.description or "",
        generated_at=now or datetime.now(UTC), profile=rp.name, options=options, comparison=comparison, rounds=rounds,
        feedback=feedback, surveys=surveys, method=method,
        summary=_summary(options, rounds, feedback, cat, staff_comments), comments=staff_comments,
        min_group=int(MIN_GROUP), unavailable=unavailable)
