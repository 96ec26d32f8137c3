"""Comments: staff pin a problem, an idea or a question on a layout option, and follow the designer's answer.

Thin: storage and rules live in input_forms.comments, wording in planner.comments.logic,
the cards in planner.comments.views, the picture in planner.common.plan_picture, tapped through
planner.comments.tap_picture (in the page, not an iframe: it keeps its size after a comment is added).
"""

from __future__ import annotations

import streamlit as st

from input_forms.comments import CATEGORIES, MAX_COMMENT, add_comment, list_comments
from input_forms.errors import InputError
from input_forms.models import User
from input_forms.projects import get_option, list_options
from planner.comments import views
from planner.comments.logic import CATEGORY_LABELS, markers, matching, picture_alt, room_choices
from planner.comments.tap_picture import tap_picture
from planner.common.page import page
from planner.common.plan_picture import PlanPicture, tapped_point, with_markers
from planner.common.services import plan_picture_of

FLASH = "comments_flash"
PIN = "comments_pin"  # {"option_id", "x", "y"}: the spot tapped for the next comment
TAP = "comments_last_tap"

ctx = page("Comments on the plans", roles=("staff", "designer", "facilitator"),
           caption="Point out a problem, an idea or a question on a layout option while it is being drawn. Others "
                   "see your role, not your name, unless you choose to show it. The designer answers every comment.")
user, engine, project = ctx.user, ctx.engine, ctx.project
options = list_options(engine, project.id)
if not options:
    st.info("This project has no layout options yet.")
    st.stop()
by_id = {o.id: o for o in options}
option_id = st.selectbox("Layout option", list(by_id), format_func=lambda i: f"{by_id[i].name} (v{by_id[i].version})",
                         key="comments_option")
option = get_option(engine, option_id)
plan = option.plan()


def _take_tap(tap: dict | None, picture: PlanPicture) -> bool:
    """A new tap on the picture (each once, by its time stamp) becomes the pin; True if it moved."""
    if not tap or tap.get("unix_time") == st.session_state.get(TAP):
        return False
    st.session_state[TAP] = tap.get("unix_time")
    point = tapped_point(tap, picture, plan)
    if point is None:
        st.session_state[FLASH] = ("error", "That spot is outside the building: tap inside a room.")
        return True
    st.session_state[PIN] = {"option_id": option.id, "x": point[0], "y": point[1]}
    st.session_state["comments_where"] = "pin"
    return True


def _submit(option_id: int, author: User) -> None:
    """Store the new comment (a button callback, so the form can be cleared before it is drawn again)."""
    s = st.session_state
    where = s.get("comments_where", "pin")
    entry: dict = {"option_id": option_id, "category": s.get("comments_category") or "problem",
                   "text": s.get("comments_text") or "", "show_name": bool(s.get("comments_show_name"))}
    pin = s.get(PIN)
    if where == "pin":
        if not pin or pin.get("option_id") != option_id:
            s[FLASH] = ("error", "Tap the plan to place your comment, or choose a room.")
            return
        entry.update(x=pin["x"], y=pin["y"])
    else:
        entry["feature_id"] = s.get(f"comments_room_{option_id}")
    try:
        made = add_comment(engine, author, entry)
    except InputError as exc:
        s[FLASH] = ("error", f"The comment was not saved: {exc}")
        return
    s[FLASH] = ("success", f"Comment #{made.id} saved, shown as “{made.shown_as}”.")
    s["comments_text"] = ""
    s["comments_show_name"] = False
    s.pop(PIN, None)


existing = list_comments(engine, option_id=option.id, viewer=user)
pin = st.session_state.get(PIN)
pin = pin if pin and pin.get("option_id") == option.id else None
views.show_flash(FLASH)
picture = plan_picture_of(option.plan_geojson)
category = st.session_state.get("comments_category") or "problem"
image = with_markers(picture, markers(existing), (pin["x"], pin["y"], category) if pin else None)
tap = tap_picture(image, alt=picture_alt(option.name, plan, existing, pin is not None), key=f"comments_tap_{option.id}",
                  size=(picture.width_px, picture.height_px), testid="comments_plan")
if _take_tap(tap, picture):
    st.rerun()
st.caption("Tap the plan where your comment belongs. Squares are comments already made (their number); "
           "red: problem, blue: idea, orange: question.")

st.subheader("New comment")
left, right = st.columns(2)
with left:
    rooms = room_choices(plan)
    where = st.radio("Where", ["pin", "room"], horizontal=True, key="comments_where",
                     format_func=lambda w: "The spot I tapped" if w == "pin" else "A room from the list")
    if where == "pin":
        if pin:
            st.caption(f"Pin at ({pin['x']:.1f}, {pin['y']:.1f}) m.")
        else:
            st.caption("Tap the plan to place the pin.")
    else:
        st.selectbox("Room", list(rooms), format_func=lambda r: rooms[r], key=f"comments_room_{option.id}")
    st.segmented_control("Category", list(CATEGORIES), format_func=lambda c: CATEGORY_LABELS[c], default="problem",
                         required=True, key="comments_category")
with right:
    st.text_area("Your comment", max_chars=MAX_COMMENT, key="comments_text",
                 placeholder="What happens here, and what would help?")
    label = user.display_name or user.username
    role = user.staff_title or user.role
    st.checkbox(f"Show my name ({label}) with this comment", key="comments_show_name",
                help=f"Unticked, others see “{role}”, and your name is not stored with the comment.")
    st.button("Add comment", type="primary", icon=":material/add_comment:", key="comments_add",
              on_click=_submit, args=(option.id, user), disabled=(where == "pin" and not pin))

st.subheader(f"Comments on {option.name}")
categories, statuses, mine = views.comment_filters("comments_filter", with_mine=True)
shown = matching(existing, categories, statuses, mine_only=mine)
answered = sum(c.status != "open" for c in existing)
st.caption(f"{len(existing)} comment(s) on this option, {answered} answered by the designer.")
views.cards(engine, shown, plan, user, flash_key=FLASH,
            empty="No comments yet on this option." if not existing else "No comments match the filters.")
