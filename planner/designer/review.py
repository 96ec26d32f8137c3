"""The designer's review of an imported level's room kinds: a table, a filter, bulk assignment, the check before saving.

The logic is floorplans.importers.review (pure); this module draws it and keeps the
reviewed plan per upload and level in the session.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from floorplans import Plan
from floorplans.drawing import render_png
from floorplans.importers.review import assign_kind, label_contains, review_rows, rooms_matching, unknown_rooms
from floorplans.kinds import kind_label
from floorplans.model import RoomKind

__all__ = ["review_panel"]

_KINDS = [k.value for k in RoomKind]
_STATE = "designer_review"


def _label(kind: str) -> str:
    return kind_label(kind)


def _state(key: str, plan: Plan) -> dict:
    """The reviewed plan of this upload and level and the table's version (bumped when kinds change)."""
    store = st.session_state.setdefault(_STATE, {})
    if key not in store:
        store.clear()  # one upload at a time
        store[key] = {"plan": plan, "version": 0}
    return store[key]


def _changed(state: dict, plan: Plan) -> None:
    state["plan"] = plan
    state["version"] += 1
    st.rerun()


def review_panel(plan: Plan, key: str) -> tuple[Plan, bool]:
    """The level with the kinds the designer confirmed, and whether it may be saved (no unknown room left unasked)."""
    state = _state(key, plan)
    plan = state["plan"]
    rows = review_rows(plan)
    unknown = unknown_rooms(plan)
    guessed = [r for r in rows if r.confidence is not None]
    sure = sum(1 for r in guessed if r.kind is not RoomKind.unknown and (r.confidence or 0) >= 0.7)
    st.markdown("#### Check the room kinds")
    st.caption(f"{len(rows)} rooms: {sure} named surely by the file, {len(guessed) - sure - len(unknown)} guessed (check them), "
               f"{len(unknown)} unknown. Change a kind in the table, or give many rooms one kind at once below.")
    cols = st.columns([3, 2])
    pattern = cols[0].text_input("Show rooms whose name contains", key=f"{_STATE}_filter_{key}", placeholder="e.g. samtale")
    only_unsure = cols[1].checkbox("Only unknown or unsure rooms", key=f"{_STATE}_unsure_{key}")
    shown = [r for r in rows if (not pattern or label_contains(r.label, pattern))
             and (not only_unsure or r.kind is RoomKind.unknown or (r.confidence is not None and r.confidence < 0.7))]
    table = pd.DataFrame(
        [{"room": r.id, "name": r.label, "kind": r.kind.value,
          "sure": f"{r.confidence:.0%}" if r.confidence is not None else "", "area m²": r.area_m2} for r in shown],
        columns=["room", "name", "kind", "sure", "area m²"],
    )
    edited = st.data_editor(
        table, key=f"{_STATE}_table_{key}_{state['version']}", hide_index=True, width="stretch",
        disabled=["room", "name", "sure", "area m²"],
        column_config={"kind": st.column_config.SelectboxColumn("kind", options=_KINDS, required=True)},
    )
    changes = [(row["room"], row["kind"]) for row in edited.to_dict("records")
               if row["kind"] != next(r.kind.value for r in shown if r.id == row["room"])]
    if changes:
        for room_id, kind in changes:
            plan = assign_kind(plan, [room_id], kind)
        _changed(state, plan)
    if pattern and shown:
        st.image(render_png(plan, highlight=[r.id for r in shown], dpi=60),
                 caption=f"{len(shown)} room(s) whose name contains {pattern!r}, in red")
    bulk = st.columns([3, 2, 1], vertical_alignment="bottom")
    bulk_pattern = bulk[0].text_input("Every room whose name contains", key=f"{_STATE}_bulk_{key}", placeholder="e.g. samtale")
    bulk_kind = bulk[1].selectbox("becomes", _KINDS, index=_KINDS.index("meeting_room"), format_func=_label, key=f"{_STATE}_bulk_kind_{key}")
    if bulk[2].button("Assign", key=f"{_STATE}_assign_{key}"):
        matching = rooms_matching(plan, bulk_pattern)
        if not matching:
            st.warning(f"No room's name contains {bulk_pattern!r}.")
        else:
            _changed(state, assign_kind(plan, [r.id for r in matching], bulk_kind))
    if not unknown:
        return plan, True
    leave = st.checkbox(f"Leave {len(unknown)} room(s) as unknown (they count as rooms citizens do not use)",
                        key=f"{_STATE}_leave_{key}")
    if not leave:
        st.info(f"{len(unknown)} room(s) have no kind yet ({', '.join(r.label for r in unknown[:6])}"
                f"{' …' if len(unknown) > 6 else ''}): give them one, or tick 'Leave … as unknown' to save anyway.")
    return plan, leave
