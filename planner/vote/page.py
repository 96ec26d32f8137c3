"""Staff vote: rank the options of the open round, confirm, change it until the round closes; then the result.

Thin: rounds and counting live in input_forms.voting, ballot wording in
planner.vote.ballot, option pictures and figures in planner.common.option_views.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from input_forms.errors import InputError
from input_forms.models import VotingRound
from input_forms.projects import get_option
from input_forms.voting import METHODS, cast_ballot, close_round, current_round, list_rounds, my_ballot, round_results
from planner.common.option_views import show_option_card
from planner.common.page import page
from planner.common.plain import md_escape
from planner.vote.ballot import LEAVE_OUT, describe_ballot, margin_sentences, rank_labels, ranks_to_tiers, tiers_to_ranks

ctx = page("Vote", roles=("staff", "facilitator"))
user, engine, project = ctx.user, ctx.engine, ctx.project


def show_results(voting_round: VotingRound) -> None:
    """The result of a closed round: winner, the reasons, head-to-head margins, other counting methods."""
    result = round_results(engine, voting_round.id)
    names = result.option_names
    st.subheader(f"Result: {md_escape(voting_round.title or 'voting round')}")
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

options = [get_option(engine, oid) for oid in rnd.option_ids]
names = {o.id: o.name for o in options}
st.subheader(rnd.title or "Open voting round")
st.caption(f"{len(options)} options. Rank them: 1st is your favourite. Give two options the same place to tie them, "
           "or leave an option out. You can change your ballot until the round closes. "
           "Results are shown once the facilitator closes the round.")

mine = my_ballot(engine, rnd.id, user.id)
if mine is not None:
    st.info("Your ballot is recorded (last changed " + mine.updated_at.strftime("%d %b %Y %H:%M") + "):\n\n"
            + "\n".join(f"- {line}" for line in describe_ballot(mine.ranking, names, rnd.option_ids)),
            icon=":material/how_to_vote:")

labels = rank_labels(len(options))
prefill = tiers_to_ranks(mine.ranking, rnd.option_ids) if mine else {}
choices: dict[int, str] = {}
cols = st.columns(min(len(options), 4))
for i, option in enumerate(options):
    with cols[i % len(cols)]:
        with st.container(border=True):
            show_option_card(option)
            default = prefill.get(option.id, labels[i] if mine is None else LEAVE_OUT)
            choices[option.id] = st.selectbox(
                f"Place for {option.name}", labels, index=labels.index(default), key=f"vote_rank_{rnd.id}_{option.id}",
            )

ranking = ranks_to_tiers(choices)


CONFIRM_KEY = f"vote_confirming_{rnd.id}"


def _cast(tiers: list[list[int]]) -> None:
    try:
        cast_ballot(engine, rnd.id, user.id, tiers)
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
if pending is not None and pending != ranking:
    st.session_state.pop(CONFIRM_KEY, None)  # the ranking changed since Review: review again
    pending = None
if not ranking:
    st.warning("Rank at least one option to vote.")
elif pending is None:
    st.button("Change my ballot" if mine else "Review and cast ballot", key="vote_review", type="primary",
              on_click=lambda: st.session_state.__setitem__(CONFIRM_KEY, ranking))
else:
    with st.container(border=True):
        st.markdown("**Please confirm your ballot**\n\n" + "\n".join(f"- {line}" for line in describe_ballot(pending, names, rnd.option_ids)))
        if mine is not None:
            st.caption("This replaces your earlier ballot.")
        a, b = st.columns([1, 4])
        a.button("Cast ballot", key="vote_confirm", type="primary", icon=":material/check:", on_click=_cast, args=(pending,))
        b.button("Back", key="vote_back", on_click=lambda: st.session_state.pop(CONFIRM_KEY, None))

if user.role == "facilitator":
    with st.expander("Facilitator: close this round"):
        st.write(f"{rnd.n_ballots} ballot(s) so far. Closing ends voting and shows the result to everyone.")
        if st.button("Close the round now", key="vote_close_round"):
            try:
                close_round(engine, rnd.id)
            except InputError as exc:
                st.error(str(exc))
            else:
                st.rerun()
