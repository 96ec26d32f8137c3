"""The staff vote section: each round, its winners by every counting method, and the count in sentences."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import Engine

from input_forms import voting
from input_forms.models import VoteResult

from .i18n import Catalogue
from .values import join

__all__ = ["RoundSection", "rounds"]


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


def rounds(engine: Engine, project_id: int, cat: Catalogue) -> list[RoundSection]:
    """Every vote round of the project; a closed one with its result."""
    out: list[RoundSection] = []
    for rnd in voting.list_rounds(engine, project_id):
        head = RoundSection(title=rnd.title or cat.t("vote.untitled", id=rnd.id), is_open=rnd.is_open,
                            opened_at=rnd.opened_at, closed_at=rnd.closed_at, n_ballots=rnd.n_ballots)
        out.append(head if rnd.is_open else _closed(head, voting.round_results(engine, rnd.id), cat))
    return out


def _closed(head: RoundSection, result: VoteResult, cat: Catalogue) -> RoundSection:
    """A closed round with its winners, each method's winners, the margins and the count in sentences."""
    names = result.option_names
    method_rows = [(cat.t(f"vote.method.{m}", default=label), join([names[w] for w in result.method_winners.get(m, [])], cat)
                    or cat.t("vote.no_winner"))
                   for m, label in voting.METHODS.items()]
    return replace(head, n_ballots=result.n_ballots, option_names=[names[i] for i in result.option_ids],
                   winners=[names[w] for w in result.winners], method_rows=method_rows, margins=result.margin_table(),
                   summary=_vote_sentences(result, cat))


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
