"""Staff voting: round lifecycle in the database, and the count on hand-worked and published profiles."""

from __future__ import annotations

import pytest

from input_forms import projects, users, voting
from input_forms.errors import Conflict, Forbidden, RoundClosed, ValidationFailed
from input_forms.tiny_plan import tiny_plan_geojson
from input_forms.voting import compute_result

A, B, C, D, E = 1, 2, 3, 4, 5
NAMES = {A: "A", B: "B", C: "C", D: "D", E: "E"}


def ballots(order: str, count: int) -> list[list[list[int]]]:
    """``count`` ballots ranking the letters of ``order`` one per tier, best first."""
    return [[[" ABCDE".index(ch)] for ch in order]] * count


@pytest.fixture(autouse=True)
def _fast_bcrypt(monkeypatch):
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)


# --- the count on known profiles ---------------------------------------------------------------

def test_condorcet_winner_wins_every_method():
    # A beats B 4-2 and C 5-1; Borda A 9, B 7, C 2; IRV: C out, A reaches 4 of 6.
    result = compute_result([A, B, C], ballots("ABC", 3) + ballots("BAC", 2) + ballots("CAB", 1), NAMES)
    assert result.winners == [A]
    assert all(w == [A] for w in result.method_winners.values())
    assert result.margins[(A, B)] == 2 and result.margins[(A, C)] == 4 and result.margins[(B, C)] == 4
    assert "Condorcet winner" in result.explanation[1]
    assert result.explanation[-1] == "All six counting methods agree."


def test_published_cycle_profile():
    # Published oracle: A>B>C x8, B>C>A x5, C>B>A x4, C>A>B x3.
    profile = ballots("ABC", 8) + ballots("BCA", 5) + ballots("CBA", 4) + ballots("CAB", 3)
    result = compute_result([A, B, C], profile, NAMES)
    assert result.margins == {(A, B): 2, (B, A): -2, (B, C): 6, (C, B): -6, (C, A): 4, (A, C): -4}
    mw = result.method_winners
    assert mw["schulze"] == mw["borda"] == mw["ranked_pairs"] == [B]
    assert mw["copeland"] == [A, B, C]  # each wins one and loses one head to head
    assert mw["instant_runoff"] == [C]
    assert mw["approval"] == [A]  # top tier only = plurality here: A has 8 first places
    assert result.scores["approval"] == {A: 8, B: 5, C: 7}
    assert any("no Condorcet winner" in line for line in result.explanation)


def test_cycle_where_schulze_and_borda_differ_worked_by_hand():
    # A>B>C x4, B>C>A x2, C>A>B x5 (11 voters). Margins: A>B 7, B>C 1, C>A 3 (a cycle).
    # Schulze: C's paths (C>A 3, C>A>B 3) beat the paths back (A>B>C 1, B>C 1) -> C.
    # Borda (2-1-0): A 8+0+5=13, B 4+4+0=8, C 0+2+10=12 -> A. (Symmetric Borda = 2 x score - 2 x 11 voters.)
    profile = ballots("ABC", 4) + ballots("BCA", 2) + ballots("CAB", 5)
    result = compute_result([A, B, C], profile, NAMES)
    assert (result.margins[(A, B)], result.margins[(B, C)], result.margins[(C, A)]) == (7, 1, 3)
    assert result.winners == [C]
    assert result.method_winners["borda"] == [A]
    assert result.scores["borda"] == {A: 2 * 13 - 11 * 2, B: 2 * 8 - 11 * 2, C: 2 * 12 - 11 * 2}
    assert result.method_winners["ranked_pairs"] == [C]  # locks A>B, C>A; skips B>C
    assert result.method_winners["instant_runoff"] == [C]  # B out first, its 2 go to C: 7 of 11
    assert result.method_winners["copeland"] == [A, B, C]
    assert "Borda gives A instead." in result.explanation


def test_published_schulze_example_45_voters():
    # Wikipedia "Schulze method" example: 45 voters, 5 candidates; the Schulze winner is E.
    profile = (ballots("ACBED", 5) + ballots("ADECB", 5) + ballots("BEDAC", 8) + ballots("CABED", 3)
               + ballots("CAEBD", 7) + ballots("CBADE", 2) + ballots("DCEBA", 7) + ballots("EBADC", 8))
    result = compute_result([A, B, C, D, E], profile, NAMES)
    # the published pairwise table d[X,Y]: d[A,B]=20 vs d[B,A]=25, d[E,D]=31 vs d[D,E]=14, d[C,E]=24 vs 21
    assert result.margins[(A, B)] == 20 - 25 and result.margins[(E, D)] == 31 - 14 and result.margins[(C, E)] == 24 - 21
    assert result.winners == [E]


@pytest.mark.parametrize("profile, options", [
    (ballots("ABC", 1) + ballots("BCA", 1) + ballots("CAB", 1), [A, B, C]),  # a perfect cycle
    (ballots("AB", 3) + ballots("BA", 3), [A, B]),
])
def test_exact_tie_is_reported_as_a_tie(profile, options):
    result = compute_result(options, profile, NAMES)
    assert result.winners == options and result.is_tie
    assert all(w == options for w in result.method_winners.values())
    assert any("tie between" in line for line in result.explanation)


def test_ties_and_unranked_options_in_ballots():
    # ranked beats unranked: {A,B} tied on top, C unranked vs C alone on top
    result = compute_result([A, B, C], [[[A, B]], [[C]], [[A], [B]]], NAMES)
    assert result.margins[(A, C)] == 1 and result.margins[(A, B)] == 1 and result.margins[(B, C)] == 1
    assert result.winners == [A]
    assert result.scores["approval"] == {A: 2, B: 1, C: 1}


def test_no_ballots_no_winner():
    result = compute_result([A, B], [], NAMES)
    assert result.winners == [] and result.n_ballots == 0 and "No ballots" in result.explanation[0]


# --- rounds in the database --------------------------------------------------------------------

@pytest.fixture
def vote_setup(engine):
    project = projects.create_project(engine, "Vote test")
    options = [projects.add_option(engine, project.id, name, tiny_plan_geojson(width=9 + n))
               for n, name in enumerate(["A", "B", "C"])]
    staff = [users.create_user(engine, f"staff{n}", "staff vote password", "staff") for n in range(3)]
    return engine, project, [o.id for o in options], staff


def test_round_lifecycle(vote_setup):
    engine, project, (a, b, c), staff = vote_setup
    with pytest.raises(ValidationFailed, match="2 to 8"):
        voting.open_round(engine, project.id, [a])
    rnd = voting.open_round(engine, project.id, [a, b, c], title="Pick a layout")
    assert voting.current_round(engine, project.id) == rnd and rnd.is_open
    with pytest.raises(Conflict, match="still open"):
        voting.open_round(engine, project.id, [a, b])
    voting.cast_ballot(engine, rnd.id, staff[0].id, [[a], [b]])
    voting.cast_ballot(engine, rnd.id, staff[0].id, [[b], [a, c]])  # changed her mind
    voting.cast_ballot(engine, rnd.id, staff[1].id, [[b, c]])
    voting.cast_ballot(engine, rnd.id, staff[2].id, [[a], [b], [c]])
    assert voting.my_ballot(engine, rnd.id, staff[0].id).ranking == ((b,), (a, c))
    assert voting.get_round(engine, rnd.id).n_ballots == 3
    with pytest.raises(Forbidden, match="still open"):
        voting.round_results(engine, rnd.id)
    closed = voting.close_round(engine, rnd.id)
    assert closed.status == "closed" and voting.current_round(engine, project.id) is None
    with pytest.raises(RoundClosed):
        voting.cast_ballot(engine, rnd.id, staff[1].id, [[a]])
    result = voting.round_results(engine, rnd.id)
    assert result.n_ballots == 3 and result.winners == [b]
    assert result.margins[(b, a)] == 1 and result.margins[(b, c)] == 2
    assert result.option_names == {a: "A", b: "B", c: "C"}
    assert result.margin_table()[1] == [1, None, 2]


@pytest.mark.parametrize("ranking, message", [
    ([], "at least one"),
    ([[99]], "not in this round"),
    ([[1], [1]], "twice"),
    ("A", "list of tiers"),
    ([["x"]], "not an option id"),
])
def test_bad_ballots_are_refused(vote_setup, ranking, message):
    engine, project, ids, staff = vote_setup
    rnd = voting.open_round(engine, project.id, ids)
    ranking = [[ids[0] if x == 1 else x for x in tier] if isinstance(tier, list) else tier for tier in ranking] \
        if isinstance(ranking, list) else ranking
    with pytest.raises(ValidationFailed, match=message):
        voting.cast_ballot(engine, rnd.id, staff[0].id, ranking)
    assert voting.my_ballot(engine, rnd.id, staff[0].id) is None


def test_deactivated_user_cannot_vote(vote_setup):
    engine, project, ids, staff = vote_setup
    rnd = voting.open_round(engine, project.id, ids[:2])
    users.deactivate_user(engine, staff[0].id)
    with pytest.raises(Forbidden, match="deactivated"):
        voting.cast_ballot(engine, rnd.id, staff[0].id, [[ids[0]]])


def test_options_of_another_project_are_refused(vote_setup):
    engine, project, ids, _ = vote_setup
    other = projects.create_project(engine, "Other")
    foreign = projects.add_option(engine, other.id, "X", tiny_plan_geojson())
    with pytest.raises(ValidationFailed, match="not options of project"):
        voting.open_round(engine, project.id, [ids[0], foreign.id])
