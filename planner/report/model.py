"""The report as plain values: ReportData, gathered once from the database, the plans and the scores.

Why a separate step: the templates then only lay out finished values (no queries, no scoring in
Jinja), and tests can check the content without parsing HTML. Each section has its own module
(options, votes, feedback, comments, surveys, method) with its values and how to gather them;
this module puts them together and writes the summary. Citizen figures come from
input_forms.publication: the template prints no count of a hidden group, it shows the
"hidden (fewer than N)" words instead, and no figure includes a hidden group's answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import Engine

from input_forms import voting
from input_forms.aggregate import MIN_GROUP
from input_forms.errors import NotFound
from input_forms.models import Project
from input_forms.projects import get_project, list_options, list_projects
from scoring.profiles import get_profile

from . import comments, feedback, method, options, surveys, votes
from .comments import CommentsSection
from .feedback import FeedbackSection
from .i18n import Catalogue
from .method import MethodSection
from .options import ComparisonRow, OptionSection
from .surveys import SurveySection
from .values import join
from .votes import RoundSection

__all__ = ["ReportData", "ReportChoice", "SECTIONS", "collect_report", "resolve_project", "summary"]

log = logging.getLogger(__name__)
T = TypeVar("T")


#: The report's sections after the summary, in print order (the facilitator may leave any out).
SECTIONS: tuple[str, ...] = ("options", "comparison", "vote", "comments", "feedback", "survey", "method")


@dataclass(frozen=True)
class ReportChoice:
    """What the facilitator put in the report. None everywhere: the defaults.

    ``rounds``: the voting rounds (default every round but trial rounds); ``decisive``: the round
    the report treats as the decision, one of ``rounds`` (default the latest closed round marked
    decisive among them, else none); ``options``: the options (default all); ``sections``: of
    SECTIONS (default all).
    """

    rounds: tuple[int, ...] | None = None
    decisive: int | None = None
    options: tuple[int, ...] | None = None
    sections: tuple[str, ...] | None = None


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
    sections: tuple[str, ...] = SECTIONS  # the sections printed, in order
    min_ballots: int = 5  # the project's secret-ballot threshold, for the method section

    def number(self, section: str) -> int:
        """The printed number of a section (1, 2, ... over the chosen sections only)."""
        return self.sections.index(section) + 1

    @property
    def decisive(self) -> RoundSection | None:
        return next((r for r in self.rounds if r.decisive), None)


def resolve_project(engine: Engine, project: int | str) -> Project:
    """The project by id (an int or a string of digits) or by exact name (case-insensitive).

    Raises input_forms.errors.NotFound naming the value when nothing matches.
    """
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


def summary(option_list: list[OptionSection], rounds: list[RoundSection], kiosk: FeedbackSection | None,
            cat: Catalogue, staff_comments: CommentsSection | None = None, with_vote: bool = True) -> list[str]:
    """The report's first paragraph: the options, the best of each, the vote, comments and kiosk answers."""
    lines = [cat.t("summary.options", n=len(option_list), names=join([o.name for o in option_list], cat))]
    lines += _best(option_list, cat) + (_vote_line(rounds, cat) if with_vote else [])
    if staff_comments is not None and staff_comments.n_total:
        lines.append(cat.t("summary.comments", n=staff_comments.n_total, answered=staff_comments.n_answered))
    if kiosk is not None:
        texts = cat.t("summary.texts", n=len(kiosk.texts))
        if kiosk.total_suppressed:  # fewer than MIN_GROUP answers: no count, like every other small group
            lines.append(cat.t("summary.feedback_few", k=kiosk.min_group, texts=texts).strip())
        else:
            lines.append(cat.t("summary.feedback", n=kiosk.n_total, texts=texts))
    return lines


def _best(option_list: list[OptionSection], cat: Catalogue) -> list[str]:
    scored = [o for o in option_list if o.calmness is not None]
    if len(scored) <= 1:
        return []
    calm = max(scored, key=lambda o: o.calmness or 0)
    acc = max(scored, key=lambda o: o.accessibility or 0)
    return [cat.t("summary.calmest", name=calm.name, score=cat.num(calm.calmness, 0)),
            cat.t("summary.most_accessible", name=acc.name, score=cat.num(acc.accessibility, 0))]


def _vote_line(rounds: list[RoundSection], cat: Catalogue) -> list[str]:
    """The vote in the summary: always and only the decisive round, with the versions voted on."""
    decisive = next((r for r in rounds if r.decisive), None)
    if decisive is None:
        if not rounds:
            return [cat.t("summary.no_vote")]
        if all(r.is_open for r in rounds):
            return [cat.t("summary.vote_open")]
        return [cat.t("summary.no_decisive")]
    title = decisive.title
    if decisive.is_open:
        return [cat.t("summary.decisive_open", title=title)]
    lines: list[str] = []
    if decisive.hidden:
        lines.append(cat.t("summary.decisive_hidden", title=title, k=decisive.min_ballots))
        if decisive.winner_versions:
            lines.append(cat.t("summary.decisive_published", names=join(decisive.winner_versions, cat)))
    elif len(decisive.winner_versions) == 1:
        lines.append(cat.t("summary.decisive_winner", title=title, name=decisive.winner_versions[0], n=decisive.n_ballots))
    elif decisive.winner_versions:
        lines.append(cat.t("summary.decisive_tie", title=title, names=join(decisive.winner_versions, cat), n=decisive.n_ballots))
    else:
        lines.append(cat.t("summary.decisive_none", title=title))
    lines.append(cat.t("summary.voted_on", versions=join(decisive.versions, cat)))
    if decisive.newer:
        lines.append(cat.t("summary.newer", newer=join(decisive.newer, cat)))
    return lines


def _resolve_choice(engine: Engine, project_id: int, choice: ReportChoice | None) -> tuple[list[int], int | None, tuple[str, ...]]:
    """The rounds, the decisive round and the sections of the report (ValueError for a choice that cannot be)."""
    choice = choice or ReportChoice()
    every = voting.list_rounds(engine, project_id)
    by_id = {r.id: r for r in every}
    round_ids = votes.default_rounds(every) if choice.rounds is None else list(choice.rounds)
    strangers = [i for i in round_ids if i not in by_id]
    if strangers:
        raise ValueError(f"rounds {strangers} are not voting rounds of this project")
    if choice.decisive is None:
        decisive = votes.default_decisive([by_id[i] for i in round_ids])
    elif choice.decisive not in round_ids:
        raise ValueError(f"the decisive round {choice.decisive} must be one of the rounds in the report")
    else:
        decisive = choice.decisive
    sections = SECTIONS if choice.sections is None else tuple(s for s in SECTIONS if s in choice.sections)
    unknown = set(choice.sections or ()) - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown report sections {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    return round_ids, decisive, sections


def collect_report(engine: Engine, project: int | str, lang: str = "da", profile: str = "br18", dpi: int = 110,
                   now: datetime | None = None, choice: ReportChoice | None = None) -> ReportData:
    """Everything the report shows, read once. Unknown project: input_forms.errors.NotFound.

    ``choice``: the rounds, decisive round, options and sections (ReportChoice; None: the defaults).
    Options in the decisive round are shown at the version on its ballot.
    """
    cat = Catalogue(lang)
    rp = get_profile(profile)  # ValueError names the choices
    proj = resolve_project(engine, project)
    unavailable: list[str] = []
    round_ids, decisive, sections = _resolve_choice(engine, proj.id, choice)
    voted = {ro.option.id: ro.option for ro in voting.round_options(engine, decisive)} if decisive is not None else {}
    option_ids = None if choice is None or choice.options is None else list(choice.options)

    def attempt(section: str, fn: Callable[[], T], fallback: T) -> T:
        # Sections other than the options are optional: a failing data source hides its section
        # with a note instead of losing the whole report (the CLI and the button still deliver),
        # and the failure is logged with its traceback.
        try:
            return fn()
        except Exception as exc:
            log.warning("report section %r of project %s could not be read", section, proj.id, exc_info=True)
            unavailable.append(f"{cat.t('section.' + section)}: {type(exc).__name__}: {exc}")
            return fallback

    option_list, scored = options.option_sections(engine, proj.id, rp.name, cat, dpi, option_ids, voted,
                                                  score=bool({"options", "comparison"} & set(sections)))
    # A section left out is not read at all, and the summary speaks only of what the report shows.
    rounds: list[RoundSection] = attempt("vote", lambda: votes.rounds(engine, proj.id, cat, round_ids, decisive), []) \
        if "vote" in sections else []
    staff_comments: CommentsSection | None = attempt("comments", lambda: comments.comments_section(engine, proj.id, cat), None) \
        if "comments" in sections else None
    kiosk: FeedbackSection | None = attempt("feedback", lambda: feedback.feedback_section(engine, proj.id, list_options(engine, proj.id), cat,
                                                                   dpi), None) if "feedback" in sections else None
    survey_list: list[SurveySection] = attempt("survey", lambda: surveys.survey_sections(engine, proj.id), []) \
        if "survey" in sections else []
    return ReportData(
        lang=cat.lang, project_name=proj.name, project_description=proj.description or "",
        generated_at=now or datetime.now(UTC), profile=rp.name, options=option_list,
        comparison=options.comparison(scored, cat), rounds=rounds, feedback=kiosk, surveys=survey_list,
        method=method.method_section(rp.name, cat), summary=summary(option_list, rounds, kiosk, cat, staff_comments, with_vote="vote" in sections),
        comments=staff_comments, min_group=int(MIN_GROUP), unavailable=unavailable, sections=sections,
        min_ballots=proj.min_ballots)
