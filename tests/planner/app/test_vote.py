"""The vote page in AppTest: an empty ballot in the voter's own order, ranked by tapping, confirmed in words,
one ballot per staff member per round (replaced on a second vote); after close, the result only from the
project's minimum number of ballots, else the published winner at most; a round votes on its frozen versions."""

from __future__ import annotations

import pytest

from input_forms import projects
from input_forms.voting import ballot_order, close_round, current_round, my_ballot, open_round, publish_winner
from tests.planner.app.fixtures import all_text, make_world, signed_in


@pytest.fixture
def world(tmp_path, monkeypatch):
    w = make_world(tmp_path, monkeypatch)
    w.round = open_round(w.engine, w.project.id, [o.id for o in w.options], title="Which layout?")
    return w


def tap(at, round_id, option_id):
    at.button(key=f"vote_pick_{round_id}_{option_id}").click().run()
    assert not at.exception, at.exception


def cast(at):
    at.button(key="vote_review").click().run()
    assert not at.exception, at.exception
    at.button(key="vote_confirm").click().run()
    assert not at.exception, at.exception


def card_order(at, round_id) -> list[int]:
    prefix = f"vote_pick_{round_id}_"
    return [int(b.key[len(prefix):]) for b in at.main.button if b.key and b.key.startswith(prefix)]


def test_a_ballot_starts_empty_in_the_voters_own_order_and_is_confirmed_in_words(world):
    a, b, c = (o.id for o in world.options)
    staff = world.users["staff1"]
    at = signed_in(staff)
    assert at.title[0].value == "Vote"
    assert card_order(at, world.round.id) == ballot_order(world.engine, world.round, staff.id)
    assert "Rank at least one option to vote." in [w.value for w in at.warning]
    assert not [x for x in at.button if x.key == "vote_review"]  # nothing to cast: nothing is pre-filled
    tap(at, world.round.id, b)
    tap(at, world.round.id, a)
    assert at.button(key=f"vote_pick_{world.round.id}_{c}").label == "Rank 3rd"
    at.button(key="vote_review").click().run()
    confirm = all_text(at)
    assert f"1st place: {world.options[1].name}" in confirm
    assert f"2nd place: {world.options[0].name}" in confirm and f"Left out: {world.options[2].name}" in confirm
    assert my_ballot(world.engine, world.round.id, staff.id) is None  # not yet: shown before it is final
    at.button(key="vote_confirm").click().run()
    assert my_ballot(world.engine, world.round.id, staff.id).ranking == ((b,), (a,))
    assert "your ballot is recorded" in all_text(at)

    # change it before the close: take b off, c moves into place, then up
    at.button(key=f"vote_remove_{world.round.id}_{b}").click().run()
    tap(at, world.round.id, c)
    at.button(key=f"vote_up_{world.round.id}_{c}").click().run()
    assert at.button(key="vote_review").label == "Review my changed ballot"
    cast(at)
    assert my_ballot(world.engine, world.round.id, staff.id).ranking == ((c,), (a,))
    assert current_round(world.engine, world.project.id).n_ballots == 1


def test_the_ballot_shows_the_frozen_version_and_says_a_newer_one_exists(world):
    from floorplans import dumps_plan
    from floorplans.editing.rooms import set_room

    option = world.options[1]
    edited = set_room(option.plan(), "venteomraade", capacity=20)
    assert edited.ok and edited.changed
    projects.update_option(world.engine, option.id, dumps_plan(edited.plan))
    at = signed_in(world.users["staff1"])
    text = all_text(at)
    assert "A newer version exists (v2); this round votes on v1." in text
    assert f"{option.name} (v2)" not in text


def test_few_ballots_reveal_nothing_until_the_winner_is_published(world):
    a, b, c = (o.id for o in world.options)
    for name, order in (("staff1", (b, a, c)), ("staff2", (b, c, a))):
        at = signed_in(world.users[name])
        for oid in order:
            tap(at, world.round.id, oid)
        cast(at)
    assert "Winner" not in all_text(at)
    assert "Results are shown once the facilitator closes the round" in " ".join(c.value for c in at.caption)
    close_round(world.engine, world.round.id)
    at.run()
    assert not at.exception, at.exception
    text = all_text(at)
    assert "The round closed with fewer than 5 ballots." in text
    assert "Winner" not in text and "preferred to" not in text and not at.dataframe
    publish_winner(world.engine, world.round.id)
    at.run()
    winner_name = next(o.name for o in world.options if o.id == b)
    assert any(f"Winner (published by the facilitator): **{winner_name}**" in s.value for s in at.success)
    assert "preferred to" not in all_text(at) and not at.dataframe


def test_with_enough_ballots_the_whole_count_is_shown(world):
    from input_forms.users import create_user
    from input_forms.voting import cast_ballot

    a, b, c = (o.id for o in world.options)
    for n in range(5):
        voter = create_user(world.engine, f"voter{n}", "voter-pw", "staff", bcrypt_rounds=4)
        cast_ballot(world.engine, world.round.id, voter.id, [[b], [a], [c]] if n % 2 else [[b], [c]])
    close_round(world.engine, world.round.id)
    at = signed_in(world.users["staff1"])
    winner_name = next(o.name for o in world.options if o.id == b)
    assert any(f"Winner: **{winner_name}** (5 ballots)" in s.value for s in at.success)
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
