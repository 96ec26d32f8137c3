"""Designer workspace: edit a layout option on the plan or in tables, with its scores beside it.

Thin: edits are floorplans.editing operations, scores come from scoring,
options and versions from input_forms.projects; the state glue lives in
planner.designer.state and the panels in planner.designer.panels.
"""

from __future__ import annotations

import streamlit as st

from floorplans import RoomKind, dumps_plan
from floorplans.editing import DEFAULT_GRID, apply_action, delete_feature
from floorplans.samples import load_sample
from input_forms.comments import list_comments
from input_forms.errors import InputError
from input_forms.projects import add_option, duplicate_option, get_option, list_options, option_versions
from input_forms.voting import current_round
from planner.comments import views as comment_views
from planner.comments.logic import PIN_CATEGORY_LABELS, matching, payload_comments
from planner.common.page import page
from planner.common.plain import md_escape
from planner.designer import analysis, forms, importing, panels, state, suggestions
from planner.designer.cache import cached_integration, cached_vga_field, option_pins
from planner.designer.editor import plan_editor
from planner.designer.payload import editor_payload

ctx = page("Designer", roles=("designer", "facilitator"))
user, engine, project = ctx.user, ctx.engine, ctx.project
author = user.username

options = list_options(engine, project.id)
if not options:
    st.info("This project has no layout options yet.")
    if st.button("Start from the baseline sample", key="designer_from_baseline"):
        created = add_option(engine, project.id, "Baseline", dumps_plan(load_sample("baseline")), author=author)
        st.session_state[state.OPTION_KEY] = created.id
        st.rerun()
    with st.expander("Import a plan file"):
        new_id = importing.import_panel(engine, project.id, author)
        if new_id is not None:
            st.session_state[state.OPTION_KEY] = new_id
            st.rerun()
    st.stop()

by_id = {o.id: o for o in options}
ids = list(by_id)
switch_to = st.session_state.pop("designer_switch_to", None)
if switch_to in by_id:  # a new option was just made: show it (set before the selectbox exists)
    st.session_state["designer_option_pick"] = switch_to
remembered = st.session_state.get(state.OPTION_KEY)
top = st.columns([3, 2, 2], vertical_alignment="bottom")
option_id = top[0].selectbox(
    "Layout option", ids, index=ids.index(remembered) if remembered in by_id else 0,
    format_func=lambda i: f"{by_id[i].name} (v{by_id[i].version})", key="designer_option_pick",
)
st.session_state[state.OPTION_KEY] = option_id
option = get_option(engine, option_id)
open_round = current_round(engine, project.id)
if open_round is not None and option.id in open_round.option_ids:
    st.caption(f"Staff are voting on version {open_round.version_of(option.id)} of this option in “{open_round.title}”. "
               "Your edits become new versions outside that round; the facilitator can take them into it only by "
               "reopening it, which voids its ballots.")
if option.is_baseline:
    st.info("This is today's layout (the baseline). It is kept as it is, so every comparison and vote has the same "
            "reference: an edit here is saved as a new option, a copy named “… – edited”.", icon=":material/lock:")

with top[1].popover("Duplicate as new option", icon=":material/content_copy:"):
    new_name = st.text_input("Name", value=f"{option.name} – copy", key="designer_dup_name")
    if st.button("Duplicate", key="designer_dup", type="primary"):
        try:
            copy = duplicate_option(engine, option.id, new_name, author=author)
        except InputError as exc:
            st.error(str(exc))
        else:
            st.session_state["designer_switch_to"] = copy.id
            state.flash(state.Flash(True, f"created option {copy.name!r} from {option.name!r}"))
            st.rerun()
with top[2].popover("Import a plan file", icon=":material/upload_file:"):
    new_id = importing.import_panel(engine, project.id, author)
    if new_id is not None:
        st.session_state["designer_switch_to"] = new_id
        state.flash(state.Flash(True, "imported as a new option"))
        st.rerun()

hist = state.history(option)
plan = hist.present
previous = hist.past[-1] if hist.past else None


def _on_action() -> None:
    """The component finished a gesture: apply it (before the rerun redraws the plan)."""
    value = st.session_state.get("designer_editor") or {}
    action = value.get("action") if hasattr(value, "get") else None
    if not action:
        return
    st.session_state[state.ACK_KEY] = action.get("seq") if isinstance(action, dict) else None
    current = st.session_state[state.HIST_KEY][option_id].present
    result = apply_action(current, action, grid=st.session_state.get("designer_grid", DEFAULT_GRID),
                          kind=st.session_state.get("designer_new_kind"))
    op = action.get("op") if isinstance(action, dict) else None
    if op == "select":
        st.session_state[state.SELECTED_KEY] = result.feature_id
        return
    if op == "click":
        st.session_state[state.VIEWPOINT_KEY] = (float(action["x"]), float(action["y"]))
        overlays = list(st.session_state.get("designer_overlays") or [])
        if "Isovist" not in overlays:
            st.session_state["designer_overlays"] = [*overlays, "Isovist"]
        return
    state.commit(engine, option_id, result, author)


with st.container():  # always present, so the plan below keeps its place in the page (no re-mount)
    last = panels.show_flash()

bar = st.columns([1.3, 1.3, 2, 1.2, 3], vertical_alignment="bottom")
bar[0].button("Undo", key="designer_undo", icon=":material/undo:", disabled=not hist.can_undo,
              on_click=state.step, args=(engine, option_id, "undo", author))
bar[1].button("Redo", key="designer_redo", icon=":material/redo:", disabled=not hist.can_redo,
              on_click=state.step, args=(engine, option_id, "redo", author))
bar[2].selectbox("Kind of new rooms", [k.value for k in RoomKind], key="designer_new_kind",
                 index=[k.value for k in RoomKind].index("meeting_room"), format_func=lambda k: k.replace("_", " "))
bar[3].number_input("Grid (m)", min_value=0.01, max_value=1.0, value=DEFAULT_GRID, step=0.05, key="designer_grid")
left, right = st.columns([3, 2])
with left:
    overlays = st.pills("Overlays", ["Isovist", "Visual integration", "Local integration", "Steps from entrance",
                                     "Noise level", "Wheelchair route", "Kiosk pins", "Staff comments"],
                        selection_mode="multi", key="designer_overlays") or []
    with st.popover("Filter kiosk pins and staff comments", icon=":material/filter_list:"):
        pin_categories = st.pills("Kiosk pins", list(PIN_CATEGORY_LABELS), selection_mode="multi",
                                  default=list(PIN_CATEGORY_LABELS), format_func=lambda c: PIN_CATEGORY_LABELS[c],
                                  key="designer_pin_categories") or []
        comment_categories, comment_statuses, _ = comment_views.comment_filters("designer_comments")
staff_comments = list_comments(engine, option_id=option.id, viewer=user)
shown_comments = matching(staff_comments, comment_categories, comment_statuses)
with right:
    profiles = analysis.profile_choices()
    profile = st.selectbox("Rule profile", profiles, key="designer_profile",
                           format_func=analysis.profile_title)
    highlight, finding = panels.score_panel(plan, previous, profile, key="designer_score")
    with st.expander("Suggestions", icon=":material/tips_and_updates:"):
        highlight = highlight or suggestions.suggestions_panel(engine, option, plan, profile, author)

overlay_args: dict = {"finding": finding}
notes: list[str] = []
if "Isovist" in overlays:
    point = st.session_state.get(state.VIEWPOINT_KEY)
    if point is None:
        notes.append("Isovist: choose **View point** on the plan and tap a spot.")
    else:
        poly = analysis.isovist_polygon(plan, *point)
        overlay_args.update(viewpoint=point, isovist=poly)
        if poly is None:
            notes.append("Isovist: that point is outside the building.")
        else:
            notes.append(f"Isovist from ({point[0]:.1f}, {point[1]:.1f}): {poly.area:,.0f} m² visible.")
if "Visual integration" in overlays:
    with st.spinner("Computing visual integration (cached per plan version)…"):
        field = cached_integration(option.id, st.session_state[state.LOADED_KEY][option.id], dumps_plan(plan))
    overlay_args.update(heat=field)
    notes.append("Visual integration: yellow = most integrated (easiest to see from everywhere).")
for label, measure in (("Local integration", "local integration"), ("Steps from entrance", "entrance steps")):
    if label in overlays:
        with st.spinner(f"Computing {label.lower()} (cached per plan version)…"):
            field = cached_vga_field(option.id, st.session_state[state.LOADED_KEY][option.id], dumps_plan(plan), measure)
        if field is None:
            notes.append(f"{label}: not available for this plan.")
        else:
            overlay_args.update(heat=field)
            notes.append(f"{label}: {analysis.VGA_FIELDS[measure].split(': ', 1)[1]}.")
if "Noise level" in overlays:
    heat, room_notes = analysis.noise_levels(plan)
    overlay_args.update(heat=heat, room_notes=room_notes)
    notes.append("Noise level: the activity noise in each room, dB(A), its own and what arrives through walls, doors "
                 "and openings (yellow = loudest). Quiet and conversation rooms should get at most 30 dB.")
if "Wheelchair route" in overlays:
    rooms = {r.id: r.label for r in plan.rooms}
    preferred = plan.rooms_of_kind("wc_accessible", "reception", "waiting")
    target = right.selectbox("Route to room", list(rooms), format_func=lambda r: rooms[r], key="designer_route_room",
                             index=list(rooms).index(preferred[0].id) if preferred else 0)
    if target:
        line, length, blockers = analysis.wheelchair_route(plan, target, profile)
        overlay_args.update(route=line)
        notes.append(f"Wheelchair route to {rooms[target]}: {length:.1f} m" + (" — blocked: " + "; ".join(blockers) if blockers else ", step-free."))
if "Kiosk pins" in overlays:
    pins = option_pins(option.project_id, option.id)
    chosen_pins = [p for p in pins if p["category"] in pin_categories]
    overlay_args.update(pins=chosen_pins)
    notes.append(f"Kiosk pins (citizens, round): {len(chosen_pins)} of {len(pins)} shown "
                 "(green: calm, red: stressful, blue: idea).")
if "Staff comments" in overlays:
    overlay_args.update(comments=payload_comments(shown_comments))
    notes.append(f"Staff comments (squares, numbered): {len(shown_comments)} of {len(staff_comments)} shown "
                 "(red: problem, blue: idea, orange: question; faded: answered).")

with left:
    selected = st.session_state.get(state.SELECTED_KEY)
    payload = editor_payload(
        plan, version=f"{option.id}:{state.rev()}", grid=float(st.session_state.get("designer_grid", DEFAULT_GRID)),
        highlight=highlight, selected=selected, ack=st.session_state.get(state.ACK_KEY),
        message=(last.message if last else ""), **overlay_args,
    )
    plan_editor(payload, key="designer_editor", on_action=_on_action)
    for note in notes:
        st.caption(note)

feature = plan.get(selected) if selected else None
if feature is not None:
    with st.container(border=True):
        st.markdown(f"**Selected: {feature.feature} {feature.id}**")
        forms.feature_form(engine, option_id, plan, feature, author)
        if st.button(f"Delete {feature.id}", key="designer_delete_selected", icon=":material/delete:"):
            if state.commit(engine, option_id, delete_feature(plan, feature.id), author):
                st.session_state.pop(state.SELECTED_KEY, None)
            st.rerun()

# Tab labels stay fixed: a label that changed (a count in it) would make Streamlit reopen the first tab.
tab_rooms, tab_doors, tab_windows, tab_comments, tab_export, tab_versions = st.tabs(
    ["Rooms table", "Doors table", "Windows table", "Staff comments", "Export", "Versions"])
with tab_rooms:
    panels.rooms_editor(engine, option_id, plan, author)
with tab_doors:
    panels.doors_editor(engine, option_id, plan, author)
with tab_windows:
    panels.windows_editor(engine, option_id, plan, author)
with tab_comments:
    comment_views.show_flash("designer_comments_flash")
    open_comments = sum(c.status == "open" for c in staff_comments)
    st.caption(f"{len(staff_comments)} comment(s) on {md_escape(option.name)}, {open_comments} open; "
               f"{len(shown_comments)} match the filter. "
               "Answer each: taken into the plan, or declined with a reason staff will read. "
               "Comments stay with the option when you save new versions and show the version they were made on.")
    comment_views.cards(engine, shown_comments, plan, user, flash_key="designer_comments_flash", answering=True,
                        empty="No staff comments on this option yet." if not staff_comments
                        else "No comments match the filter.")
with tab_export:
    panels.export_panel(plan, option.name, option.version)
with tab_versions:
    st.dataframe(
        [{"version": v.version, "author": v.author, "what": v.notes, "saved": v.created_at} for v in reversed(option_versions(engine, option.id))],
        hide_index=True, key="designer_versions",
    )
