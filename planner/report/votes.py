"""The staff vote section: the chosen rounds (the decisive one marked), the versions on each ballot, and what may
be shown of each result: the count from the project's minimum number of ballots on, else at most the winner the
facilitator published (secret ballot)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import Engine

from input_forms import voting
from input_forms.models import RoundOutcome, VoteResult, VotingRound

from .i18n import Catalogue
from .values import join

__all__ = ["RoundSection", "rounds", "default_rounds", "default_decisive"]


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
    id: int = 0
    purpose: str = "decisive"  # the round's own mark: 'decisive' | 'trial'
    decisive: bool = False  # the round this report treats as the decision (one at most)
    hidden: bool = False  # closed with fewer than min_ballots ballots: no count, no margins, no methods
    min_ballots: int = 5
    versions: list[str] = field(default_factory=list)  # "Option A (version 1)" per option on the ballot
    winner_versions: list[str] = field(default_factory=list)  # the winners as "Option A (version 1)"
    newer: list[str] = field(default_factory=list)  # "Option A: version 2" where a newer version exists now
    voided_ballots: int = 0


def default_rounds(all_rounds: Sequence[VotingRound]) -> list[int]:
    """The rounds a report shows unless the facilitator chooses: every round but the trial rounds."""
    return [r.id for r in all_rounds if not r.is_trial]


def default_decisive(chosen: Sequence[VotingRound]) -> int | None:
    """The decisive round among the chosen ones: the latest closed round marked decisive, else none."""
    closed = [r for r in chosen if not r.is_open and not r.is_trial]
    return max(closed, key=lambda r: (r.closed_at or r.opened_at, r.id)).id if closed else None


def rounds(engine: Engine, project_id: int, cat: Catalogue, round_ids: Sequence[int] | None = None,
           decisive: int | None = None) -> list[RoundSection]:
    """The chosen rounds (default: all but trial rounds), oldest first, the ``decisive`` one marked."""
    every = voting.list_rounds(engine, project_id)
    wanted = set(default_rounds(every) if round_ids is None else round_ids)
    out: list[RoundSection] = []
    for rnd in sorted((r for r in every if r.id in wanted), key=lambda r: r.id):
        on_ballot = voting.round_options(engine, rnd.id)
        versions = [cat.t("vote.version_of", name=ro.option.name, v=ro.option.version) for ro in on_ballot]
        newer = [cat.t("vote.newer_of", name=ro.option.name, v=ro.latest_version) for ro in on_ballot if ro.newer_exists]
        head = RoundSection(title=rnd.title or cat.t("vote.untitled", id=rnd.id), is_open=rnd.is_open,
                            opened_at=rnd.opened_at, closed_at=rnd.closed_at, n_ballots=rnd.n_ballots, id=rnd.id,
                            purpose=rnd.purpose, decisive=rnd.id == decisive, versions=versions, newer=newer,
                            voided_ballots=rnd.voided_ballots,
                            option_names=[ro.option.name for ro in on_ballot])
        out.append(head if rnd.is_open else _closed(head, rnd, voting.round_outcome(engine, rnd.id), cat))
    return out


def _closed(head: RoundSection, rnd: VotingRound, outcome: RoundOutcome, cat: Catalogue) -> RoundSection:
    """A closed round with what may be shown: the whole count, or only the published winner, or nothing."""
    names = outcome.option_names

    def with_version(o: int) -> str:
        return cat.t("vote.version_of", name=names[o], v=rnd.version_of(o))

    winners = [names[w] for w in outcome.winners]
    result = outcome.result
    if result is None:
        lines = [cat.t("vote.hidden", k=outcome.min_ballots)]
        lines.append(cat.t("vote.published_winner", names=join(winners, cat)) if winners else cat.t("vote.not_published"))
        return replace(head, n_ballots=0, hidden=True, min_ballots=outcome.min_ballots, winners=winners,
                       winner_versions=[with_version(w) for w in outcome.winners], summary=lines)
    method_rows = [(cat.t(f"vote.method.{m}", default=label), join([names[w] for w in result.method_winners.get(m, [])], cat)
                    or cat.t("vote.no_winner"))
                   for m, label in voting.METHODS.items()]
    return replace(head, n_ballots=result.n_ballots, option_names=[names[i] for i in result.option_ids],
                   winners=winners, winner_versions=[with_version(w) for w in result.winners], method_rows=method_rows,
                   margins=result.margin_table(), summary=_vote_sentences(result, cat), min_ballots=outcome.min_ballots)


def _vote_sentences(result: VoteResult, cat: Catalogue) -> list[str]:
    """The count in plain sentences of the report's language (the margins say it all; no jargon needed)."""
    names = result.option_names
    ids = list(result.option_ids)
    if result.n_ballots == 0:
        return [cat.t("vote.none_cast")]
    lines = [cat.t("vote.counted", n=result.n_ballots)]
    if len(result.winners) == 1:
        lines.append(cat.t("vote.winner", name=names[result.winners[0]]))
    else:
        lines.append(cat.t("vote.tie", names=join([names[w] for w in result.winners], cat)))
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
