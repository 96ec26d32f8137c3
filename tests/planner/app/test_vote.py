"""The vote page in AppTest: one ballot per staff member per round, replaced on a second vote; results after close."""

from __future__ import annotations

import pytest

from input_forms.voting import close_round, current_round, my_ballot, open_round
from tests.planner.app.fixtures import make_world, signed_in


@pytest.fixture
def world(tmp_path, monkeypatch):
    w = make_world(tmp_path, monkeypatch)
    w.round = open_round(w.engine, w.project.id, [o.id for o in w.options], title="Which layout?")
    return w


def rank(at, round_id, option_id, label):
    at.selectbox(key=f"vote_rank_{round_id}_{option_id}").set_value(label)


def cast(at):
    at.button(key="vote_review").click().run()
    assert not at.exception, at.exception
    at.button(key="vote_confirm").click().run()
    assert not at.exception, at.exception


def text_of(at) -> str:
    return " ".join(m.value for m in at.markdown) + " " + " ".join(s.value for s in at.success) + " " + \
        " ".join(i.value for i in at.info)


def test_staff_votes_once_and_a_second_ballot_replaces_the_first(world):
    a, b, c = (o.id for o in world.options)
    staff = world.users["staff1"]
    at = signed_in(staff)
    assert at.title[0].value == "Vote"
    rank(at, world.round.id, a, "2nd")
    rank(at, world.round.id, b, "1st")
    rank(at, world.round.id, c, "leave out")
    at.run()
    cast(at)
    assert my_ballot(world.engine, world.round.id, staff.id).ranking == ((b,), (a,))
    assert "your ballot is recorded" in text_of(at)
    assert current_round(world.engine, world.project.id).n_ballots == 1

    # change it: a and c tied first, b left out
    rank(at, world.round.id, a, "1st")
    rank(at, world.round.id, b, "leave out")
    rank(at, world.round.id, c, "1st")
    at.run()
    assert at.button(key="vote_review").label == "Change my ballot"
    cast(at)
    assert my_ballot(world.engine, world.round.id, staff.id).ranking == ((a, c),)
    assert current_round(world.engine, world.project.id).n_ballots == 1


def test_results_are_hidden_until_the_round_closes(world):
    a, b, c = (o.id for o in world.options)
    for name, order in (("staff1", (b, a, c)), ("staff2", (b, c, a))):
        at = signed_in(world.users[name])
        for place, oid in zip(("1st", "2nd", "3rd"), order, strict=True):
            rank(at, world.round.id, oid, place)
        at.run()
        cast(at)
    assert "Winner" not in text_of(at)
    assert "Results are shown once the facilitator closes the round" in " ".join(c.value for c in at.caption)
    close_round(world.engine, world.round.id)
    at.run()
    assert not at.exception, at.exception
    winner_name = next(o.name for o in world.options if o.id == b)
    assert any(f"Winner: **{winner_name}**" in s.value for s in at.success)
    assert any("preferred to" in m.value for m in at.markdown)
    assert len(at.dataframe) >= 2  # margins and the other methods


def test_facilitator_can_close_the_round_from_the_vote_page(world):
    at = signed_in(world.users["facilitator"], page="vote")
    assert not at.exception, at.exception
    at.button(key="vote_close_round").click().run()
    assert not at.exception, at.exception
    assert current_round(world.engine, world.project.id) is None
    assert any("without any ballots" in i.value for i in at.info)


def test_designer_cannot_open_the_vote_page_file(world):
    from streamlit.testing.v1 import AppTest

    from tests.planner.app.fixtures import APP

    at = AppTest.from_file(APP.replace("app.py", "vote/page.py"), default_timeout=30)
    at.session_state["user"] = world.users["designer"]
    at.run()
    assert any("This page is for" in e.value for e in at.error)
