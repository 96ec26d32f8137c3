"""The designer's review of an imported level's room kinds: a table, a filter, bulk assignment, the check before saving.

The logic is floorplans.importers.review (pure); this module draws it and keeps the
reviewed plan per upload and level in the session. Rooms are selected by ticking their rows
or by clicking them on the plan (a click toggles the room under it); the selected rooms are
drawn in red on the plan and can be given one kind at once.
"""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st
from PIL import Image, ImageDraw
from streamlit_image_coordinates import streamlit_image_coordinates

from floorplans import Plan
from floorplans.importers.review import (
    assign_kind,
    label_contains,
    review_rows,
    rooms_matching,
    toggle_room_at,
    unknown_rooms,
)
from floorplans.kinds import kind_label
from floorplans.model import RoomKind
from planner.common.plan_picture import PlanPicture, plan_picture, plan_to_pixel, tap_to_plan

__all__ = ["review_panel"]

_KINDS = [k.value for k in RoomKind]
_STATE = "designer_review"
_SELECTED = (220, 30, 30)
_FILTERED = (30, 90, 200)


def _label(kind: str) -> str:
    return kind_label(kind)


def _state(key: str, plan: Plan) -> dict:
    """The reviewed plan of this upload and level and the table's version (bumped when kinds change)."""
    store = st.session_state.setdefault(_STATE, {})
    if key not in store:
        store.clear()  # one upload at a time
        store[key] = {"plan": plan, "version": 0, "selected": (), "tap": None, "picture": None}
    return store[key]


def _changed(state: dict, plan: Plan | None = None, selected: tuple[str, ...] | None = None) -> None:
    """Keep the new plan or selection and draw the table afresh (its key carries the version)."""
    if plan is not None:
        state["plan"] = plan
    if selected is not None:
        state["selected"] = selected
    state["version"] += 1
    st.rerun()


def _picture(state: dict, plan: Plan) -> PlanPicture:
    """The plan drawn edge to edge for clicking, drawn again only when the plan (its kinds) changed."""
    cached = state.get("picture")
    if cached is None or cached[0] is not plan:
        state["picture"] = (plan, plan_picture(plan, width_px=900))
    return state["picture"][1]


def _marked(picture: PlanPicture, plan: Plan, selected: tuple[str, ...], filtered: list[str]) -> Image.Image:
    """The picture with the selected rooms hatched and outlined in red and the rooms the filter shows outlined in blue.

    Hatched, not only tinted: some kinds are drawn in reds and pinks already.
    """
    image = Image.open(io.BytesIO(picture.png)).convert("RGBA")
    hatch = Image.new("RGBA", image.size, (0, 0, 0, 0))
    hatch_draw = ImageDraw.Draw(hatch)
    for offset in range(-image.height, image.width, 14):
        hatch_draw.line((offset, image.height, offset + image.height, 0), fill=(*_SELECTED, 200), width=3)
    mask = Image.new("L", image.size, 0)
    outlines = Image.new("RGBA", image.size, (0, 0, 0, 0))
    mask_draw, outline_draw = ImageDraw.Draw(mask), ImageDraw.Draw(outlines)
    for room in plan.rooms:
        chosen, shown = room.id in selected, room.id in filtered
        if not (chosen or shown):
            continue
        ring = [plan_to_pixel(x, y, picture.extent, image.width, image.height) for x, y in room.geometry.exterior.coords]
        if chosen:
            mask_draw.polygon(ring, fill=255)
        outline_draw.polygon(ring, outline=(*(_SELECTED if chosen else _FILTERED), 255), width=6 if chosen else 4)
    image.paste(hatch, (0, 0), Image.composite(hatch, Image.new("RGBA", image.size, (0, 0, 0, 0)), mask))
    return Image.alpha_composite(image, outlines).convert("RGB")


def _plan_selection(state: dict, plan: Plan, key: str, filtered: list[str]) -> None:
    """The clickable plan: a click on a room selects it (or deselects it); the selection is drawn in red."""
    selected = state["selected"]
    picture = _picture(state, plan)
    tap = streamlit_image_coordinates(_marked(picture, plan, selected, filtered), width="stretch",
                                      key=f"{_STATE}_plan_{key}", cursor="pointer")
    st.caption(f"Click a room to select it, again to deselect it: {len(selected)} selected (hatched red)"
               + (", the rooms the filter shows in blue" if filtered else "") + ".")
    if tap and tap != state["tap"]:  # the component repeats its last click on every run: act on a new one only
        state["tap"] = tap
        after = toggle_room_at(plan, selected, tap_to_plan(tap, picture.extent))
        if after != selected:
            _changed(state, selected=after)


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
    selected: tuple[str, ...] = state["selected"]
    table = pd.DataFrame(
        [{"selected": r.id in selected, "room": r.id, "name": r.label, "kind": r.kind.value,
          "sure": f"{r.confidence:.0%}" if r.confidence is not None else "", "area m²": r.area_m2} for r in shown],
        columns=["selected", "room", "name", "kind", "sure", "area m²"],
    )
    edited = st.data_editor(
        table, key=f"{_STATE}_table_{key}_{state['version']}", hide_index=True, width="stretch",
        disabled=["room", "name", "sure", "area m²"],
        column_config={"kind": st.column_config.SelectboxColumn("kind", options=_KINDS, required=True),
                       "selected": st.column_config.CheckboxColumn("selected", help="Selected rooms are red on the plan")},
    )
    records = edited.to_dict("records")
    changes = [(row["room"], row["kind"]) for row in records
               if row["kind"] != next(r.kind.value for r in shown if r.id == row["room"])]
    if changes:
        for room_id, kind in changes:
            plan = assign_kind(plan, [room_id], kind)
        _changed(state, plan)
    ticked = {row["room"] for row in records if row["selected"]}
    if ticked != {r.id for r in shown if r.id in selected}:
        _changed(state, selected=tuple([r for r in selected if r not in {s.id for s in shown}]
                                       + [r.id for r in rows if r.id in ticked]))
    _plan_selection(state, plan, key, [r.id for r in shown] if pattern else [])
    if selected:
        pick = st.columns([3, 2, 1], vertical_alignment="bottom")
        pick_kind = pick[0].selectbox(f"The {len(selected)} selected room(s) become", _KINDS, index=_KINDS.index("meeting_room"),
                                      format_func=_label, key=f"{_STATE}_selected_kind_{key}")
        if pick[1].button("Assign to selected", key=f"{_STATE}_assign_selected_{key}"):
            _changed(state, assign_kind(plan, selected, pick_kind), selected=())
        if pick[2].button("Clear selection", key=f"{_STATE}_clear_{key}"):
            _changed(state, selected=())
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
