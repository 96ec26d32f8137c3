"""Designer workspace: edit a layout option on the plan or in tables, with its scores beside it.

Thin: edits are floorplans.editing operations, scores come from scoring,
options and versions from input_forms.projects; the state glue lives in
planner.designer.state, the panels in planner.designer.panels and the overlays in
planner.designer.overlays.

The plan, its scores, the selected feature's form and the tabs below them form one fragment
(``workspace``): an edit, an overlay chip or a chosen criterion reruns only that part, not the
option picker, the import and the filters above it. The tables are inside so that they never
show a plan one edit behind (an Apply there would undo the edit).
"""

from __future__ import annotations

import streamlit as st

from floorplans import RoomKind, dumps_plan
from floorplans.editing import DEFAULT_GRID, apply_action, delete_feature
from floorplans.kinds import kind_label, kind_noun, with_article
from floorplans.model import Feature, Plan, Room
from floorplans.samples import load_sample
from input_forms.comments import list_comments
from input_forms.errors import InputError
from input_forms.models import LayoutOption
from input_forms.projects import add_option, duplicate_option, get_option, list_options, option_versions
from input_forms.voting import current_round
from planner.comments import views as comment_views
from planner.comments.logic import PIN_CATEGORY_LABELS, matching
from planner.common.page import page
from planner.common.plain import md_escape
from planner.designer import analysis, chrome, forms, importing, overlays, panels, state, suggestions
from planner.designer.editor import plan_editor
from planner.designer.payload import editor_payload

ctx = page("Designer", roles=("designer", "facilitator"))
user, engine, project = ctx.user, ctx.engine, ctx.project
author = user.username
chrome.fold_sidebar_on_narrow_screens()

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
top = st.container(horizontal=True, vertical_alignment="bottom")  # wraps on a tablet or phone
option_id = top.selectbox(
    "Layout option", ids, index=ids.index(remembered) if remembered in by_id else 0,
    format_func=lambda i: f"{by_id[i].name} (v{by_id[i].version})", key="designer_option_pick", width=260,
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

with top.popover("Duplicate as new option", icon=":material/content_copy:"):
    new_name = st.text_input("Name", value=f"{option.name} – copy", key="designer_dup_name")
    if st.button("Duplicate", key="designer_dup", type="primary"):
        try:
            copy = duplicate_option(engine, option.id, new_name, author=author)
        except InputError as exc:
            st.error(str(exc))
        else:
            st.session_state["designer_switch_to"] = copy.id
            state.flash(state.Flash(True, f"Created the option “{copy.name}” as a copy of “{option.name}”."))
            st.rerun()
with top.popover("Filter pins and comments", icon=":material/filter_list:"):
    # outside the workspace: the same filter chooses the comments on the plan and in the Staff comments tab
    pin_categories = st.pills("Kiosk pins", list(PIN_CATEGORY_LABELS), selection_mode="multi",
                              default=list(PIN_CATEGORY_LABELS), format_func=lambda c: PIN_CATEGORY_LABELS[c],
                              key="designer_pin_categories") or []
    comment_categories, comment_statuses, _ = comment_views.comment_filters("designer_comments")
with top.popover("Import a plan file", icon=":material/upload_file:"):
    new_id = importing.import_panel(engine, project.id, author)
    if new_id is not None:
        st.session_state["designer_switch_to"] = new_id
        state.flash(state.Flash(True, "The file is imported as a new option."))
        st.rerun()


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
        chosen = list(st.session_state.get("designer_overlays") or [])
        if "Isovist" not in chosen:
            st.session_state["designer_overlays"] = [*chosen, "Isovist"]
        return
    state.commit(engine, option_id, result, author)


def _delete(feature_id: str) -> None:
    """The selected feature's Delete button (a callback: the fragment then redraws the plan without it)."""
    plan = st.session_state[state.HIST_KEY][option_id].present
    if state.commit(engine, option_id, delete_feature(plan, feature_id), author):
        st.session_state.pop(state.SELECTED_KEY, None)


def _selected_title(feature: Feature) -> str:
    """ "Room Stille krog (sr1), a quiet nook" / "Door d3"."""
    if isinstance(feature, Room):
        named = f"{md_escape(feature.name)} ({feature.id})" if feature.name else feature.id
        return f"Selected: room {named}, {with_article(kind_noun(feature.kind))}"
    return f"Selected: {feature.feature} {feature.id}"


@st.fragment
def workspace(pin_categories: list[str], comment_categories: list[str], comment_statuses: list[str]) -> None:
    """The plan, its scores and the selected feature's form: an edit here reruns only this function."""
    if st.session_state.get("designer_switch_to") is not None:  # an edit of the baseline became a new option
        st.rerun(scope="app")
    current = get_option(engine, option_id)  # fresh: every edit stores a new version
    hist = state.history(current)
    plan = hist.present
    previous = hist.past[-1] if hist.past else None
    with st.container():  # always present, so the plan below keeps its place in the page (no re-mount)
        last = panels.show_flash()

    bar = st.container(horizontal=True, vertical_alignment="bottom")  # wraps, never squeezes a label away
    bar.button("Undo", key="designer_undo", icon=":material/undo:", disabled=not hist.can_undo,
               on_click=state.step, args=(engine, option_id, "undo", author))
    bar.button("Redo", key="designer_redo", icon=":material/redo:", disabled=not hist.can_redo,
               on_click=state.step, args=(engine, option_id, "redo", author))
    kinds = [k.value for k in RoomKind]
    bar.selectbox("Kind of new rooms", kinds, key="designer_new_kind", index=kinds.index("meeting_room"),
                  format_func=kind_label, width=220)
    bar.number_input("Grid (m)", min_value=0.01, max_value=1.0, value=DEFAULT_GRID, step=0.05, key="designer_grid",
                     width=120)
    with st.container(horizontal=True, vertical_alignment="bottom", gap="large"):  # the figures wrap, never "5…"
        figures = st.container(horizontal=True, vertical_alignment="bottom", gap="large", width="content")
        profile = st.selectbox("Rule profile", analysis.profile_choices(), key="designer_profile",
                               format_func=analysis.profile_title, width=320)
        with figures:
            panels.score_figures(plan, previous, profile)

    chosen = st.pills("Overlays", overlays.OVERLAYS, selection_mode="multi", key="designer_overlays",
                      width="content", wrap=True) or []
    route_to = None
    if "Wheelchair route" in chosen:
        rooms = {r.id: r.label for r in plan.rooms}
        preferred = plan.rooms_of_kind("wc_accessible", "reception", "waiting")
        route_to = st.selectbox("Route to room", list(rooms), format_func=lambda r: rooms[r],
                                   key="designer_route_room", width=260,
                                   index=list(rooms).index(preferred[0].id) if preferred else 0)
    all_comments = list_comments(engine, option_id=option_id, viewer=user) if "Staff comments" in chosen else []

    editor_slot = st.container()  # filled last: the criteria and suggestions below choose what it highlights
    selected = st.session_state.get(state.SELECTED_KEY)
    feature = plan.get(selected) if selected else None
    if feature is not None:
        with st.container(border=True):
            st.markdown(f"**{_selected_title(feature)}**")
            forms.feature_form(engine, option_id, plan, feature, author)
            st.button(f"Delete {feature.id}", key="designer_delete_selected", icon=":material/delete:",
                      on_click=_delete, args=(feature.id,))
    scores, ideas = st.columns([3, 2])
    with scores:
        highlight, finding = panels.criteria_panel(plan, profile, key="designer_score")
    with ideas, st.expander("Suggestions", icon=":material/tips_and_updates:"):
        highlight = highlight or suggestions.suggestions_panel(engine, current, plan, profile, author)

    shown_comments = matching(all_comments, comment_categories, comment_statuses)
    layers = overlays.layers(plan, chosen, option_id=option_id, project_id=current.project_id,
                             version=current.version, profile=profile, pin_categories=pin_categories,
                             comments=shown_comments, all_comments=len(all_comments), route_to=route_to)
    with editor_slot:
        payload = editor_payload(
            plan, version=f"{option_id}:{state.rev()}", grid=float(st.session_state.get("designer_grid", DEFAULT_GRID)),
            highlight=highlight, selected=selected, ack=st.session_state.get(state.ACK_KEY),
            message=(last.message if last else ""), finding=finding, **layers.args,
        )
        plan_editor(payload, key="designer_editor", on_action=_on_action)
        for note in layers.notes:
            st.caption(note)
    _tabs(current, plan, comment_categories, comment_statuses)
    overlays.finish(layers)  # a heavy overlay not known for this plan yet: computed now, after the plan is shown


def _tabs(current: LayoutOption, plan: Plan, comment_categories: list[str], comment_statuses: list[str]) -> None:
    """The tables, comments, export and versions of the plan as the workspace left it (never a plan behind)."""
    staff_comments = list_comments(engine, option_id=current.id, viewer=user)
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
        listed = matching(staff_comments, comment_categories, comment_statuses)
        open_comments = sum(c.status == "open" for c in staff_comments)
        st.caption(f"{len(staff_comments)} comment(s) on {md_escape(current.name)}, {open_comments} open; "
                   f"{len(listed)} match the filter. "
                   "Answer each: taken into the plan, or declined with a reason staff will read. "
                   "Comments stay with the option when you save new versions and show the version they were made on.")
        comment_views.cards(engine, listed, plan, user, flash_key="designer_comments_flash", answering=True,
                            empty="No staff comments on this option yet." if not staff_comments
                            else "No comments match the filter.")
    with tab_export:
        panels.export_panel(plan, current.name, current.version)
    with tab_versions:
        st.dataframe(
            [{"version": v.version, "author": v.author, "what": v.notes, "saved": v.created_at}
             for v in reversed(option_versions(engine, current.id))],
            hide_index=True, key="designer_versions",
        )


workspace(list(pin_categories), comment_categories, comment_statuses)
