"""Staff voting on layout options: rounds, ranked ballots, and results computed with pref_voting.

A facilitator opens a round over 2-8 options and closes it. Each staff member
casts one ranked ballot per round (tiers best first: ties allowed, options left
out are unranked) and may replace it until the round closes. Results stay
hidden until then.

Frozen versions: a round stores the exact version of each option
(``option_versions.id``, a row that never changes). Ballots, results and the report
show that version; a designer's later edit is a new version outside the round. To
put a newer version on the ballot the facilitator reopens the round
(``refresh_round``), which voids its ballots and says how many.

Secret ballots: a ballot row holds no account, only ``voter_key`` (an HMAC of the
round's random salt and the account under the installation's key, see
input_forms.pseudonym): enough for one ballot per person and to find one's own
ballot, not to name anyone from a copy of the database. A closed round's count,
margins and per-method winners are shown (``round_outcome``) only when it has at
least the project's ``min_ballots`` ballots (default 5, never below 3); below that
only "the round closed with fewer than k ballots", and the winner once the
facilitator publishes it (``publish_winner``).

Unbiased ballots: ``ballot_order`` shuffles the options per voter and round,
stably, from a keyed hash (no ballot starts in the order the options were made).

Counting rules (documented for the results page):
- Ranked options beat unranked ones; unranked options tie with each other
  (pref_voting's "extended strict preference").
- Official winner: Schulze (pref_voting ``beat_path``). Shown alongside: ranked
  pairs, Borda (symmetric Borda for ballots with ties), Copeland, instant runoff
  (an option tied in a ballot's top tier counts as a first choice for each),
  and approval, where a ballot approves exactly the options in its top tier.
- Every method reports all its winners; several winners are a tie and are
  reported as such, never broken silently.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from . import schema as t
from .db import inserted_id, read_tx, utcnow, write_tx
from .errors import Conflict, Forbidden, NotFound, RoundClosed, ValidationFailed
from .models import Ballot, LayoutOption, RoundOption, RoundOutcome, VoteResult, VotingRound
from .pseudonym import _key

__all__ = ["open_round", "close_round", "current_round", "get_round", "list_rounds", "cast_ballot", "my_ballot",
           "withdraw_ballot", "round_results", "compute_result", "METHODS", "MIN_OPTIONS", "MAX_OPTIONS",
           "round_options", "refresh_round", "set_purpose", "publish_winner", "round_outcome", "ballot_order",
           "voter_key", "set_min_ballots", "PURPOSES", "MIN_BALLOTS_FLOOR"]

MIN_OPTIONS, MAX_OPTIONS = 2, 8
#: The project setting min_ballots may not go below this: fewer would let a count name a voter.
MIN_BALLOTS_FLOOR = 3
PURPOSES = ("decisive", "trial")
#: Method key -> plain name, in display order; "schulze" is the official one.
METHODS = {
    "schulze": "Schulze (beat path)",
    "ranked_pairs": "Ranked pairs",
    "borda": "Borda",
    "copeland": "Copeland",
    "instant_runoff": "Instant runoff",
    "approval": "Approval (top choices)",
}


def voter_key(engine: Engine, salt: str, user_id: int) -> str:
    """The ballot's stand-in for the account: HMAC(installation key, round salt + account), 32 hex characters."""
    return hmac.new(_key(engine), f"ballot-voter:{salt}:{int(user_id)}".encode(), hashlib.sha256).hexdigest()[:32]


def _round(conn, row) -> VotingRound:
    ro, v = t.round_options, t.option_versions
    rows = conn.execute(select(ro.c.option_id, ro.c.option_version_id, v.c.version)
                        .select_from(ro.join(v, v.c.id == ro.c.option_version_id))
                        .where(ro.c.round_id == row.id).order_by(ro.c.position)).all()
    n = conn.execute(select(func.count()).select_from(t.ballots).where(t.ballots.c.round_id == row.id)).scalar()
    return VotingRound(id=row.id, project_id=row.project_id, title=row.title, status=row.status,
                       option_ids=tuple(r.option_id for r in rows), opened_at=row.opened_at, closed_at=row.closed_at,
                       n_ballots=n, purpose=row.purpose, option_versions=tuple(r.version for r in rows),
                       version_ids=tuple(r.option_version_id for r in rows), publish_winner=bool(row.publish_winner),
                       voided_ballots=row.voided_ballots)


def _current_versions(conn: Connection, ids: Sequence[int]) -> dict[int, int]:
    """option id -> id of its current version."""
    o, v = t.layout_options, t.option_versions
    return dict(conn.execute(select(o.c.id, v.c.id).select_from(
        o.join(v, (v.c.option_id == o.c.id) & (v.c.version == o.c.version))).where(o.c.id.in_(list(ids)))).all())


def _clean_purpose(purpose: str) -> str:
    if purpose not in PURPOSES:
        raise ValidationFailed(f"purpose: {purpose!r} is not one of {', '.join(PURPOSES)}")
    return purpose


def open_round(engine: Engine, project_id: int, option_ids: Sequence[int], title: str = "",
               purpose: str = "decisive") -> VotingRound:
    """Open a round over 2-8 distinct options of the project at their current versions (frozen for the round).

    One open round per project at a time. ``purpose``: 'decisive' (the vote that decides) or 'trial'.
    """
    ids = list(option_ids)
    purpose = _clean_purpose(purpose)
    if len(set(ids)) != len(ids):
        raise ValidationFailed(f"option_ids: an option appears twice in {ids}")
    if not MIN_OPTIONS <= len(ids) <= MAX_OPTIONS:
        raise ValidationFailed(f"option_ids: a round needs {MIN_OPTIONS} to {MAX_OPTIONS} options, got {len(ids)}")
    with write_tx(engine) as conn:
        if conn.execute(select(t.projects.c.id).where(t.projects.c.id == project_id)).first() is None:
            raise NotFound(f"no project with id {project_id}")
        found: set[int] = set(conn.execute(select(t.layout_options.c.id).where(
            (t.layout_options.c.project_id == project_id) & t.layout_options.c.id.in_(ids))).scalars())
        missing = [i for i in ids if i not in found]
        if missing:
            raise ValidationFailed(f"option_ids: {missing} are not options of project {project_id}")
        already = conn.execute(select(t.voting_rounds.c.id).where(
            (t.voting_rounds.c.project_id == project_id) & (t.voting_rounds.c.status == "open"))).first()
        if already:
            raise Conflict(f"round {already.id} is still open in this project; close it first")
        versions = _current_versions(conn, ids)
        round_id = inserted_id(conn.execute(insert(t.voting_rounds).values(
            project_id=project_id, title=(title or "").strip()[:200], status="open", opened_at=utcnow(), purpose=purpose,
            publish_winner=False, voided_ballots=0, ballot_salt=secrets.token_hex(16))))
        conn.execute(insert(t.round_options), [{"round_id": round_id, "option_id": o, "position": n,
                                                "option_version_id": versions[o]} for n, o in enumerate(ids)])
    return get_round(engine, round_id)


def get_round(engine: Engine, round_id: int) -> VotingRound:
    with read_tx(engine) as conn:
        row = conn.execute(select(t.voting_rounds).where(t.voting_rounds.c.id == round_id)).first()
        if row is None:
            raise NotFound(f"no voting round with id {round_id}")
        return _round(conn, row)


def round_options(engine: Engine, round_id: int) -> list[RoundOption]:
    """The round's options at the versions on its ballot (in ballot order), each with its latest version now."""
    o, v, ro = t.layout_options, t.option_versions, t.round_options
    with read_tx(engine) as conn:
        if conn.execute(select(t.voting_rounds.c.id).where(t.voting_rounds.c.id == round_id)).first() is None:
            raise NotFound(f"no voting round with id {round_id}")
        rows = conn.execute(
            select(o.c.id, o.c.project_id, o.c.name, o.c.is_baseline, o.c.version.label("latest"), v.c.id.label("version_id"),
                   v.c.version, v.c.plan_geojson, v.c.author, v.c.notes, v.c.created_at)
            .select_from(ro.join(v, v.c.id == ro.c.option_version_id).join(o, o.c.id == ro.c.option_id))
            .where(ro.c.round_id == round_id).order_by(ro.c.position)).all()
    return [RoundOption(option=LayoutOption(id=r.id, project_id=r.project_id, name=r.name, version=r.version,
                                            plan_geojson=r.plan_geojson, author=r.author, notes=r.notes,
                                            created_at=r.created_at, version_id=r.version_id, is_baseline=r.is_baseline),
                        latest_version=r.latest) for r in rows]


def close_round(engine: Engine, round_id: int) -> VotingRound:
    """Close the round (no more ballots; results become visible). Closing twice is harmless."""
    with write_tx(engine) as conn:
        row = conn.execute(select(t.voting_rounds).where(t.voting_rounds.c.id == round_id).with_for_update()).first()
        if row is None:
            raise NotFound(f"no voting round with id {round_id}")
        if row.status == "open":
            conn.execute(update(t.voting_rounds).where(t.voting_rounds.c.id == round_id)
                         .values(status="closed", closed_at=utcnow()))
    return get_round(engine, round_id)


def refresh_round(engine: Engine, round_id: int, option_ids: Sequence[int] | None = None, *,
                  void_ballots: bool = False) -> VotingRound:
    """Put the current version of ``option_ids`` (default: every option) on the round's ballot, reopening it.

    Every ballot of the round is voided (deleted; the count is kept in ``voided_ballots``): the voters
    chose between other plans. With ballots present this needs ``void_ballots=True`` (the caller's
    confirmation); otherwise ValidationFailed says how many would be voided. A closed round is reopened,
    which needs no other round of the project to be open.
    """
    with write_tx(engine) as conn:
        row = conn.execute(select(t.voting_rounds).where(t.voting_rounds.c.id == round_id).with_for_update()).first()
        if row is None:
            raise NotFound(f"no voting round with id {round_id}")
        current = _round(conn, row)
        ids = list(current.option_ids if option_ids is None else option_ids)
        strangers = [i for i in ids if i not in current.option_ids]
        if strangers:
            raise ValidationFailed(f"option_ids: {strangers} are not options of round {round_id}")
        if current.n_ballots and not void_ballots:
            raise ValidationFailed(f"round {round_id} has {current.n_ballots} ballot(s); taking a newer version voids "
                                   "them: confirm (void_ballots=True) to go on")
        if row.status != "open":
            other = conn.execute(select(t.voting_rounds.c.id).where(
                (t.voting_rounds.c.project_id == row.project_id) & (t.voting_rounds.c.status == "open")
                & (t.voting_rounds.c.id != round_id))).first()
            if other:
                raise Conflict(f"round {other.id} is open in this project; close it before reopening round {round_id}")
        versions = _current_versions(conn, ids)
        for option_id in ids:
            conn.execute(update(t.round_options).where((t.round_options.c.round_id == round_id)
                                                       & (t.round_options.c.option_id == option_id))
                         .values(option_version_id=versions[option_id]))
        conn.execute(delete(t.ballots).where(t.ballots.c.round_id == round_id))
        conn.execute(update(t.voting_rounds).where(t.voting_rounds.c.id == round_id).values(
            status="open", closed_at=None, publish_winner=False, voided_ballots=row.voided_ballots + current.n_ballots))
    return get_round(engine, round_id)


def set_purpose(engine: Engine, round_id: int, purpose: str) -> VotingRound:
    """Mark the round as the 'decisive' vote or a 'trial' (practice) round."""
    purpose = _clean_purpose(purpose)
    with write_tx(engine) as conn:
        if conn.execute(update(t.voting_rounds).where(t.voting_rounds.c.id == round_id)
                        .values(purpose=purpose)).rowcount == 0:
            raise NotFound(f"no voting round with id {round_id}")
    return get_round(engine, round_id)


def publish_winner(engine: Engine, round_id: int, publish: bool = True) -> VotingRound:
    """The facilitator's confirmation that a closed round's winner may be shown though it has few ballots."""
    with write_tx(engine) as conn:
        row = conn.execute(select(t.voting_rounds.c.status).where(t.voting_rounds.c.id == round_id).with_for_update()).first()
        if row is None:
            raise NotFound(f"no voting round with id {round_id}")
        if row.status == "open":
            raise Forbidden(f"round {round_id} is still open; a winner can be published once it is closed")
        conn.execute(update(t.voting_rounds).where(t.voting_rounds.c.id == round_id).values(publish_winner=bool(publish)))
    return get_round(engine, round_id)


def set_min_ballots(engine: Engine, project_id: int, n: int) -> int:
    """The project's secrecy threshold: a closed round's count is shown from ``n`` ballots on (n >= 3)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < MIN_BALLOTS_FLOOR:
        raise ValidationFailed(f"min_ballots: at least {MIN_BALLOTS_FLOOR} (got {n!r}); fewer would let a count "
                               "name a voter")
    with write_tx(engine) as conn:
        if conn.execute(update(t.projects).where(t.projects.c.id == project_id).values(min_ballots=n)).rowcount == 0:
            raise NotFound(f"no project with id {project_id}")
    return n


def current_round(engine: Engine, project_id: int) -> VotingRound | None:
    """The project's open round, if any."""
    with read_tx(engine) as conn:
        row = conn.execute(select(t.voting_rounds).where(
            (t.voting_rounds.c.project_id == project_id) & (t.voting_rounds.c.status == "open"))).first()
        return _round(conn, row) if row else None


def list_rounds(engine: Engine, project_id: int) -> list[VotingRound]:
    """All rounds of the project, newest first."""
    with read_tx(engine) as conn:
        rows = conn.execute(select(t.voting_rounds).where(t.voting_rounds.c.project_id == project_id)
                            .order_by(t.voting_rounds.c.id.desc())).all()
        return [_round(conn, r) for r in rows]


def ballot_order(engine: Engine, voting_round: VotingRound, user_id: int) -> list[int]:
    """The round's option ids in this voter's own order: shuffled by a keyed hash, the same at every visit.

    Why: a ballot listing the options in one fixed order (the baseline first) nudges every voter
    the same way; a per-voter order spreads that position effect evenly over the options.
    """
    key = _key(engine)

    def rank(option_id: int) -> bytes:
        return hmac.new(key, f"ballot-order:{voting_round.id}:{int(user_id)}:{option_id}".encode(), hashlib.sha256).digest()

    return sorted(voting_round.option_ids, key=rank)


def _clean_ranking(ranking: Sequence[Sequence[int]], allowed: Sequence[int]) -> list[list[int]]:
    if isinstance(ranking, (str, bytes)) or not isinstance(ranking, Sequence):
        raise ValidationFailed("ranking: give a list of tiers, best first, each a list of option ids")
    tiers: list[list[int]] = []
    seen: set[int] = set()
    for n, tier in enumerate(ranking):
        if isinstance(tier, int) and not isinstance(tier, bool):
            tier = [tier]
        if isinstance(tier, (str, bytes)) or not isinstance(tier, Sequence):
            raise ValidationFailed(f"ranking[{n}]: a tier is a list of option ids, not {tier!r}")
        clean = []
        for option in tier:
            if isinstance(option, bool) or not isinstance(option, int):
                raise ValidationFailed(f"ranking[{n}]: {option!r} is not an option id")
            if option not in allowed:
                raise ValidationFailed(f"ranking[{n}]: option {option} is not in this round (options {list(allowed)})")
            if option in seen:
                raise ValidationFailed(f"ranking[{n}]: option {option} is ranked twice")
            seen.add(option)
            clean.append(option)
        if clean:
            tiers.append(sorted(clean, key=list(allowed).index))
    if not tiers:
        raise ValidationFailed("ranking: rank at least one option")
    return tiers


def _ballot(row) -> Ballot:
    return Ballot(round_id=row.round_id, voter_key=row.voter_key, ranking=tuple(tuple(x) for x in json.loads(row.ranking)),
                  cast_at=row.cast_at, updated_at=row.updated_at)


def cast_ballot(engine: Engine, round_id: int, user_id: int, ranking: Sequence[Sequence[int]]) -> Ballot:
    """Store (or replace) the user's ballot: tiers best first; options left out are unranked."""
    for attempt in range(2):
        try:
            return _cast(engine, round_id, user_id, ranking)
        except IntegrityError:  # the same user cast twice at once: the second becomes an update
            if attempt:
                raise
    raise AssertionError("unreachable")


def _cast(engine: Engine, round_id: int, user_id: int, ranking: Sequence[Sequence[int]]) -> Ballot:
    b = t.ballots
    with write_tx(engine) as conn:
        row = conn.execute(select(t.voting_rounds).where(t.voting_rounds.c.id == round_id).with_for_update()).first()
        if row is None:
            raise NotFound(f"no voting round with id {round_id}")
        if row.status != "open":
            raise RoundClosed(f"voting round {round_id} is closed; ballots can no longer be cast or changed")
        user = conn.execute(select(t.users.c.active).where(t.users.c.id == user_id)).first()
        if user is None:
            raise NotFound(f"no user with id {user_id}")
        if not user.active:
            raise Forbidden(f"user {user_id} is deactivated and cannot vote")
        allowed = _round(conn, row).option_ids
        tiers = json.dumps(_clean_ranking(ranking, allowed))
        now = utcnow()
        voter = voter_key(engine, row.ballot_salt, user_id)
        existing = conn.execute(select(b.c.id).where((b.c.round_id == round_id) & (b.c.voter_key == voter))).first()
        if existing:
            conn.execute(update(b).where(b.c.id == existing.id).values(ranking=tiers, updated_at=now))
        else:
            conn.execute(insert(b).values(round_id=round_id, voter_key=voter, ranking=tiers, cast_at=now, updated_at=now))
        stored = conn.execute(select(b).where((b.c.round_id == round_id) & (b.c.voter_key == voter))).one()
    return _ballot(stored)


def withdraw_ballot(engine: Engine, round_id: int, user_id: int) -> None:
    """Remove the user's ballot while the round is open."""
    with write_tx(engine) as conn:
        row = conn.execute(select(t.voting_rounds.c.status, t.voting_rounds.c.ballot_salt)
                           .where(t.voting_rounds.c.id == round_id).with_for_update()).first()
        if row is None:
            raise NotFound(f"no voting round with id {round_id}")
        if row.status != "open":
            raise RoundClosed(f"voting round {round_id} is closed; ballots can no longer be changed")
        voter = voter_key(engine, row.ballot_salt, user_id)
        conn.execute(delete(t.ballots).where((t.ballots.c.round_id == round_id) & (t.ballots.c.voter_key == voter)))


def my_ballot(engine: Engine, round_id: int, user_id: int) -> Ballot | None:
    """The user's own ballot in the round (found by the user's voter key), if any."""
    with engine.connect() as conn:
        salt = conn.execute(select(t.voting_rounds.c.ballot_salt).where(t.voting_rounds.c.id == round_id)).scalar()
        if salt is None:
            return None
        voter = voter_key(engine, salt, user_id)
        row = conn.execute(select(t.ballots).where((t.ballots.c.round_id == round_id) & (t.ballots.c.voter_key == voter))).first()
    return _ballot(row) if row else None


def round_results(engine: Engine, round_id: int) -> VoteResult:
    """The result of a closed round (Forbidden while it is open: no early peeking)."""
    with read_tx(engine) as conn:
        row = conn.execute(select(t.voting_rounds).where(t.voting_rounds.c.id == round_id)).first()
        if row is None:
            raise NotFound(f"no voting round with id {round_id}")
        voting_round = _round(conn, row)
        if voting_round.is_open:
            raise Forbidden(f"round {round_id} is still open; results are shown once it is closed")
        names: dict[int, str] = dict(conn.execute(select(t.layout_options.c.id, t.layout_options.c.name)
                                  .where(t.layout_options.c.id.in_(voting_round.option_ids))).all())
        stored: list[Any] = list(conn.execute(select(t.ballots.c.ranking)
                                              .where(t.ballots.c.round_id == round_id).order_by(t.ballots.c.id)).scalars())
        rankings = [json.loads(text) for text in stored]
    return compute_result(voting_round.option_ids, rankings, names, round_id=round_id)


def round_outcome(engine: Engine, round_id: int) -> RoundOutcome:
    """What may be shown of a closed round: the whole count from the project's min_ballots ballots on
    (or with none at all), else nothing but the published winner (see the module doc). Forbidden while open."""
    result = round_results(engine, round_id)
    voting_round = get_round(engine, round_id)
    with read_tx(engine) as conn:
        k = conn.execute(select(t.projects.c.min_ballots).where(t.projects.c.id == voting_round.project_id)).scalar()
    k = max(int(k or 5), MIN_BALLOTS_FLOOR)
    if result.n_ballots == 0 or result.n_ballots >= k:
        return RoundOutcome(round=voting_round, min_ballots=k, result=result, winners=list(result.winners),
                            option_names=result.option_names)
    return RoundOutcome(round=voting_round, min_ballots=k, result=None,
                        winners=list(result.winners) if voting_round.publish_winner else [],
                        option_names=result.option_names)


# --- counting -----------------------------------------------------------------------------------

def compute_result(option_ids: Sequence[int], rankings: Sequence[Sequence[Sequence[int]]],
                   names: dict[int, str] | None = None, round_id: int = 0) -> VoteResult:
    """Count ranked ballots (tiers best first) with every method; pure, so it is testable on published profiles."""
    options = list(option_ids)
    names = {o: (names or {}).get(o, f"option {o}") for o in options}
    ballots = [tiers for tiers in rankings if any(tiers)]
    if not ballots:
        return VoteResult(round_id=round_id, option_ids=tuple(options), option_names=names, winners=[],
                          method_winners={m: [] for m in METHODS},
                          margins={(a, b): 0 for a in options for b in options if a != b}, n_ballots=0,
                          explanation=["No ballots were cast, so there is no winner."])
    from pref_voting import voting_methods as vm
    from pref_voting.grade_methods import approval
    from pref_voting.grade_profiles import GradeProfile
    from pref_voting.profiles_with_ties import ProfileWithTies

    profile = ProfileWithTies([{o: n + 1 for n, tier in enumerate(tiers) for o in tier} for tiers in ballots],
                              candidates=options)
    profile.use_extended_strict_preference()
    tops = [set(tiers[0]) for tiers in ballots]
    grades = GradeProfile([{o: int(o in top) for o in options} for top in tops], [0, 1], candidates=options)
    method_winners = {
        "schulze": vm.beat_path(profile),
        "ranked_pairs": vm.ranked_pairs(profile),
        "borda": vm.borda_for_profile_with_ties(profile),
        "copeland": vm.copeland(profile),
        "instant_runoff": vm.instant_runoff(profile),
        "approval": approval(grades),
    }
    method_winners = {m: sorted(int(w) for w in ws) for m, ws in method_winners.items()}
    margins = {(a, b): int(profile.margin(a, b)) for a in options for b in options if a != b}
    scores = {
        "borda": {int(k): float(v) for k, v in vm.symmetric_borda_scores(profile).items()},
        "copeland": {o: float(sum((margins[(o, x)] > 0) - (margins[(o, x)] < 0) for x in options if x != o)) for o in options},
        "approval": {o: float(sum(o in top for top in tops)) for o in options},
    }
    return VoteResult(round_id=round_id, option_ids=tuple(options), option_names=names, winners=method_winners["schulze"],
                      method_winners=method_winners, margins=margins, n_ballots=len(ballots), scores=scores,
                      explanation=_explain(options, names, margins, method_winners, len(ballots)))


def _strongest_paths(options: list[int], margins: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """Schulze path strengths (widest paths over positive margins), for the explanation."""
    p = {(a, b): max(margins[(a, b)], 0) for a in options for b in options if a != b}
    for i in options:
        for j in options:
            if i == j:
                continue
            for k in options:
                if k not in (i, j):
                    p[(j, k)] = max(p[(j, k)], min(p[(j, i)], p[(i, k)]))
    return p


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _explain(options: list[int], names: dict[int, str], margins: dict[tuple[int, int], int],
             method_winners: dict[str, list[int]], n: int) -> list[str]:
    lines = [f"{n} ballot{'s' if n != 1 else ''} were counted; ranked options count as preferred to unranked ones."]
    condorcet = [a for a in options if all(margins[(a, b)] > 0 for b in options if b != a)]
    if condorcet:
        c = condorcet[0]
        beats = ", ".join(f"{names[b]} by {margins[(c, b)]}" for b in options if b != c)
        lines.append(f"{names[c]} beats every other option head to head ({beats}), so it is the Condorcet winner.")
    else:
        lines.append("No option beats every other option head to head (there is no Condorcet winner).")
        pairs = [f"{names[a]} beats {names[b]} by {margins[(a, b)]}" for a in options for b in options
                 if a != b and margins[(a, b)] > 0]
        if pairs:
            lines.append("Head to head: " + "; ".join(pairs) + ".")
    winners = method_winners["schulze"]
    paths = _strongest_paths(options, margins)
    if len(winners) == 1:
        w = winners[0]
        detail = ", ".join(f"{paths[(w, b)]} to {paths[(b, w)]} against {names[b]}" for b in options if b != w)
        lines.append(f"Schulze winner: {names[w]}. Its strongest chains of head-to-head wins are at least as strong "
                     f"as every rival's chain back ({detail}).")
    else:
        lines.append(f"Schulze ends in a tie between {_join([names[w] for w in winners])}. Ties are reported, not broken "
                     "by the count: break them by head-to-head margin, then accessibility, then calmness, "
                     "then a recorded facilitator decision.")
    for method, label in METHODS.items():
        if method == "schulze":
            continue
        ws = method_winners[method]
        if ws != winners:
            verdict = f"a tie between {_join([names[w] for w in ws])}" if len(ws) > 1 else names[ws[0]]
            lines.append(f"{label} gives {verdict} instead.")
    if all(method_winners[m] == winners for m in METHODS):
        lines.append("All six counting methods agree.")
    return lines
