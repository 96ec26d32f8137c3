"""Staff vote: tap the options of the open round in the order you prefer, confirm, change it until the round
closes; then what may be shown of the result (secret ballot: nothing but the published winner below the
project's minimum number of ballots).

Thin: rounds, frozen versions, the per-voter order and counting live in input_forms.voting, ballot wording
and the tap-to-rank list in planner.vote.ballot, option pictures and figures in planner.common.option_views.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from input_forms.errors import InputError
from input_forms.models import VotingRound
from input_forms.voting import (
    METHODS,
    ballot_order,
    cast_ballot,
    close_round,
    current_round,
    list_rounds,
    my_ballot,
    round_options,
    round_outcome,
)
from planner.common.option_views import show_option_card
from planner.common.page import page
from planner.common.plain import md_escape
from planner.vote.ballot import describe_ballot, margin_sentences, ordinal, pick, tiers_to_order, unpick, up

ctx = page("Vote", roles=("staff", "facilitator"))
user, engine, project = ctx.user, ctx.engine, ctx.project


def show_results(voting_round: VotingRound) -> None:
    """What may be shown of a closed round: the count from min_ballots ballots on, else the published winner only."""
    outcome = round_outcome(engine, voting_round.id)
    names = outcome.option_names
    st.subheader(f"Result: {md_escape(voting_round.title or 'voting round')}")
    versions = ", ".join(f"{md_escape(names[o])} v{v}" for o, v in zip(voting_round.option_ids, voting_round.option_versions, strict=True))
    st.caption(f"Voted on: {versions}.")
    result = outcome.result
    if result is None:
        st.info(outcome.hidden_sentence() + " To keep every ballot secret, no count is shown.", icon=":material/lock:")
        if outcome.winners:
            st.success("Winner (published by the facilitator): **" + md_escape(" and ".join(names[w] for w in outcome.winners)) + "**",
                       icon=":material/trophy:")
        return
    if not result.n_ballots:
        st.info("The round closed without any ballots.")
        return
    winners = md_escape(" and ".join(names[w] for w in result.winners))
    count = f"{result.n_ballots} ballot{'s' if result.n_ballots != 1 else ''}"
    if result.is_tie:
        st.success(f"Tie between {winners} ({count}).", icon=":material/balance:")
    else:
        st.success(f"Winner: **{winners}** ({count}).", icon=":material/trophy:")
    for sentence in result.explanation:
        st.markdown(f"- {md_escape(sentence)}")
    with st.expander("Head to head: every pair of options", expanded=True):
        for sentence in margin_sentences(result.margins, names, result.option_ids):
            st.markdown(f"- {md_escape(sentence)}")
        table = pd.DataFrame(result.margin_table(), index=[names[o] for o in result.option_ids],
                             columns=[names[o] for o in result.option_ids])
        st.caption("Margin of the row over the column (ballots preferring row minus ballots preferring column).")
        st.dataframe(table, key="vote_margins")
    st.markdown("**What other counting methods say**")
    st.dataframe(
        pd.DataFrame([
            {"method": METHODS.get(m, m) + (" (official)" if m == "schulze" else ""),
             "winner": " and ".join(names[o] for o in ws) or "—"}
            for m, ws in result.method_winners.items()
        ]),
        hide_index=True, key="vote_methods",
    )


rnd = current_round(engine, project.id)
if rnd is None:
    closed = [r for r in list_rounds(engine, project.id) if not r.is_open]
    if not closed:
        st.info("There is no voting round yet. A facilitator opens one under Admin.")
        st.stop()
    latest = max(closed, key=lambda r: (r.closed_at or r.opened_at, r.id))
    show_results(latest)
    st.stop()

on_ballot = {ro.option.id: ro for ro in round_options(engine, rnd.id)}
names = {oid: ro.option.name for oid, ro in on_ballot.items()}
shown = {oid: md_escape(name) for oid, name in names.items()}  # option names as plain text in Markdown
order = ballot_order(engine, rnd, user.id)  # this voter's own order, the same at every visit
st.subheader(md_escape(rnd.title) if rnd.title else "Open voting round")
if rnd.is_trial:
    st.caption("This is a trial round: it is for trying the ballot and does not decide anything.")
st.caption(f"{len(order)} options. Tap them in the order you prefer: the first you tap is your favourite. You need "
           "not rank them all; options you leave out count below the ones you rank. You can change your ballot "
           "until the round closes. Results are shown once the facilitator closes the round.")

mine = my_ballot(engine, rnd.id, user.id)
RANK_KEY = f"vote_ranking_{rnd.id}"
if RANK_KEY not in st.session_state:  # a ballot starts empty; a ballot already cast is the voter's own
    st.session_state[RANK_KEY] = tiers_to_order(mine.ranking) if mine else []
ranking: list[int] = [o for o in st.session_state[RANK_KEY] if o in on_ballot]

if mine is not None:
    st.info("Your ballot is recorded (last changed " + mine.updated_at.strftime("%d %b %Y") + "):\n\n"
            + "\n".join(f"- {line}" for line in describe_ballot(mine.ranking, shown, order)),
            icon=":material/how_to_vote:")


def _set(new: list[int]) -> None:
    st.session_state[RANK_KEY] = new


with st.container(border=True, key="vote_my_ranking"):
    st.markdown("**Your ranking**")
    if not ranking:
        st.caption("Nothing ranked yet: tap “Rank” on the option you like best, then the next, and so on.")
    for place, oid in enumerate(ranking):
        with st.container(horizontal=True, vertical_alignment="center"):  # stays one row on a phone
            st.markdown(f"{ordinal(place + 1)}: **{shown[oid]}**", width="stretch")
            st.button("", key=f"vote_up_{rnd.id}_{oid}", icon=":material/arrow_upward:", help="Move up",
                      disabled=place == 0, on_click=lambda o=oid: _set(up(ranking, o)))
            st.button("", key=f"vote_remove_{rnd.id}_{oid}", icon=":material/close:", help="Take off the ranking",
                      on_click=lambda o=oid: _set(unpick(ranking, o)))
    if ranking:
        st.button("Start again", key="vote_clear", icon=":material/restart_alt:", on_click=lambda: _set([]))

cols = st.columns(min(len(order), 4))
for i, oid in enumerate(order):
    ro = on_ballot[oid]
    with cols[i % len(cols)], st.container(border=True):
        show_option_card(ro.option)
        if ro.option.is_baseline:
            st.caption("Today's layout (the baseline).")
        if ro.newer_exists:
            st.caption(f"A newer version exists (v{ro.latest_version}); this round votes on v{ro.option.version}.")
        if oid in ranking:
            st.button(f"Ranked {ordinal(ranking.index(oid) + 1)}: take off", key=f"vote_pick_{rnd.id}_{oid}",
                      icon=":material/check_circle:", width="stretch", on_click=lambda o=oid: _set(unpick(ranking, o)))
        else:
            st.button(f"Rank {ordinal(len(ranking) + 1)}", key=f"vote_pick_{rnd.id}_{oid}", type="primary",
                      icon=":material/add_circle:", width="stretch", on_click=lambda o=oid: _set(pick(ranking, o)))

tiers = [[o] for o in ranking]
CONFIRM_KEY = f"vote_confirming_{rnd.id}"


def _cast(confirmed: list[list[int]]) -> None:
    try:
        cast_ballot(engine, rnd.id, user.id, confirmed)
    except InputError as exc:
        st.session_state["vote_error"] = str(exc)
    else:
        st.session_state["vote_flash"] = "Thank you: your ballot is recorded. You can change it until the round closes."
    st.session_state.pop(CONFIRM_KEY, None)


if flash := st.session_state.pop("vote_flash", None):
    st.success(flash, icon=":material/check_circle:")
if error := st.session_state.pop("vote_error", None):
    st.error(error)
pending = st.session_state.get(CONFIRM_KEY)
if pending is not None and pending != tiers:
    st.session_state.pop(CONFIRM_KEY, None)  # the ranking changed since Review: review again
    pending = None
if not tiers:
    st.warning("Rank at least one option to vote.")
elif pending is None:
    st.button("Review my changed ballot" if mine else "Review my ballot", key="vote_review", type="primary",
              on_click=lambda: st.session_state.__setitem__(CONFIRM_KEY, tiers))
else:
    with st.container(border=True):
        st.markdown("**Please check your ballot before it counts**\n\n"
                    + "\n".join(f"- {line}" for line in describe_ballot(pending, shown, order)))
        if mine is not None:
            st.caption("This replaces your earlier ballot.")
        a, b = st.columns([1, 4])
        a.button("Cast ballot", key="vote_confirm", type="primary", icon=":material/check:", on_click=_cast, args=(pending,))
        b.button("Back", key="vote_back", on_click=lambda: st.session_state.pop(CONFIRM_KEY, None))

if user.role == "facilitator":
    with st.expander("Facilitator: close this round"):
        st.write(f"{rnd.n_ballots} ballot(s) so far. Closing ends voting and shows the result to everyone "
                 f"(the count only from {project.min_ballots} ballots on).")
        if st.button("Close the round now", key="vote_close_round"):
            try:
                close_round(engine, rnd.id)
            except InputError as exc:
                st.error(str(exc))
            else:
                st.rerun()
