"""The form of the feature selected on the plan: a room's, a door's or a window's properties.

Besides kind, name and widths, the forms hold the physical properties the
calmness figures rest on: a room's ceiling height, acoustic finish and wall
sound rating, a door's sound rating, a window's sill, head and light
transmittance (shared/plan-format.md). Each save is one floorplans.editing
operation, committed as a new version like every other edit.

Saving is a callback (run before the rerun), so the designer's workspace fragment redraws
the plan with the change at once, without a second run. The widgets' keys name the feature
and the plan revision, so another feature or a changed plan gets a fresh form.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlalchemy import Engine

from floorplans import RoomKind
from floorplans.editing import set_room, update_door, update_window
from floorplans.kinds import kind_label
from floorplans.model import AcousticFinish, Door, Feature, Plan, Room, View, Window
from planner.designer import state

__all__ = ["feature_form"]

_KINDS = [k.value for k in RoomKind]
_FINISHES = [f.value for f in AcousticFinish]
_FINISH_HELP = ("hard: bare plaster, concrete, glass; standard: a class C ceiling, carpet or lino; "
                "absorbent: a class A ceiling plus wall panels")
_VIEWS = ["", *(v.value for v in View)]


def feature_form(engine: Engine, option_id: int, plan: Plan, feature: Feature, author: str) -> None:
    """The selected room's, door's or window's form (nothing for other features)."""
    if isinstance(feature, Room):
        _room_form(engine, option_id, plan, feature, author)
    elif isinstance(feature, Door):
        _door_form(engine, option_id, plan, feature, author)
    elif isinstance(feature, Window):
        _window_form(engine, option_id, plan, feature, author)


def _keys(feature_id: str) -> str:
    """The prefix of one form's widget keys: the feature and the plan revision it was drawn for."""
    return f"designer_form_{feature_id}_{state.rev()}_"


def _values(prefix: str) -> dict[str, Any]:
    """The submitted form's widget values, by their name after the prefix."""
    return {k[len(prefix):]: v for k, v in st.session_state.items() if isinstance(k, str) and k.startswith(prefix)}


def _save_room(engine: Engine, option_id: int, room_id: str, prefix: str, author: str) -> None:
    v = _values(prefix)
    plan = st.session_state[state.HIST_KEY][option_id].present
    room = plan.get(room_id)
    # the Public box as drawn shows the room's effective flag: only a box the designer changed sets it
    public = v["public"] if not isinstance(room, Room) or v["public"] != room.is_public else "keep"
    state.commit(engine, option_id, set_room(plan, room_id, kind=v["kind"], name=v["name"], capacity=int(v["capacity"]) or None,
                                             public=public, height=v["height"], acoustic_finish=v["finish"],
                                             wall_sound_rating=v["walls"]), author)


def _save_door(engine: Engine, option_id: int, door_id: str, prefix: str, author: str) -> None:
    v = _values(prefix)
    plan = st.session_state[state.HIST_KEY][option_id].present
    state.commit(engine, option_id, update_door(plan, door_id, clear_width=v["clear"] or None, threshold_mm=v["threshold"],
                                                entrance=v["entrance"], automatic=v["automatic"], sound_rating=v["rating"]), author)


def _save_window(engine: Engine, option_id: int, window_id: str, prefix: str, author: str) -> None:
    v = _values(prefix)
    plan = st.session_state[state.HIST_KEY][option_id].present
    state.commit(engine, option_id, update_window(plan, window_id, view=View(v["view"]) if v["view"] else None, sill=v["sill"],
                                                  head=v["head"], light_transmittance=v["transmittance"]), author)


def _room_form(engine: Engine, option_id: int, plan: Plan, room: Room, author: str) -> None:
    k = _keys(room.id)
    with st.form("designer_room_form"):
        row = st.container(horizontal=True, vertical_alignment="bottom")  # wraps on a tablet or phone
        row.selectbox("Kind", _KINDS, index=_KINDS.index(room.kind.value), format_func=kind_label, key=k + "kind", width=220)
        row.text_input("Name", value=room.name, key=k + "name", width=260)
        row.number_input("Seats", min_value=0, value=room.capacity or 0, step=1, key=k + "capacity", width=120)
        row.checkbox("Public", value=room.is_public, key=k + "public", width="content",
                     help="open to citizens (unticked: for staff only)")
        row = st.container(horizontal=True, vertical_alignment="bottom")
        row.number_input("Ceiling height (m)", min_value=0.5, max_value=100.0, value=float(room.height), step=0.1,
                         key=k + "height", width=160)
        row.selectbox("Acoustic finish", _FINISHES, index=_FINISHES.index(room.acoustic_finish.value), help=_FINISH_HELP,
                      key=k + "finish", width=180)
        row.number_input("Walls R'w (dB)", min_value=0.0, max_value=100.0, value=float(room.wall_sound_rating), step=1.0,
                         help="sound insulation of the room's walls to its neighbours (44 dB: a light double-plated partition)",
                         key=k + "walls", width=160)
        st.form_submit_button("Save room", on_click=_save_room, args=(engine, option_id, room.id, k, author))


def _door_form(engine: Engine, option_id: int, plan: Plan, door: Door, author: str) -> None:
    k = _keys(door.id)
    with st.form("designer_door_form"):
        row = st.container(horizontal=True, vertical_alignment="bottom")
        row.number_input("Clear width (m)", min_value=0.0, value=float(door.width), step=0.01, key=k + "clear", width=150)
        row.number_input("Threshold (mm)", min_value=0.0, value=float(door.threshold_mm), step=1.0, key=k + "threshold",
                         width=150)
        row.number_input("Sound rating Rw (dB)", min_value=0.0, max_value=100.0, value=float(door.sound_rating), step=1.0,
                         help="25 dB: an ordinary leaf without seals; 30–45 dB: sound-rated doors", key=k + "rating",
                         width=170)
        row.checkbox("Entrance", value=door.entrance, key=k + "entrance", width="content")
        row.checkbox("Automatic", value=door.automatic, key=k + "automatic", width="content")
        st.form_submit_button("Save door", on_click=_save_door, args=(engine, option_id, door.id, k, author))


def _window_form(engine: Engine, option_id: int, plan: Plan, window: Window, author: str) -> None:
    k = _keys(window.id)
    with st.form("designer_window_form"):
        row = st.container(horizontal=True, vertical_alignment="bottom")
        shown = window.view.value if window.view else ""
        row.selectbox("View", _VIEWS, index=_VIEWS.index(shown), format_func=lambda v: v or "(not given)", key=k + "view",
                      width=180)
        row.number_input("Sill (m)", min_value=0.0, max_value=100.0, value=float(window.sill), step=0.05,
                         help="height of the glass's lower edge above the floor", key=k + "sill", width=140)
        row.number_input("Head (m)", min_value=0.01, max_value=100.0, value=float(window.head), step=0.05,
                         help="height of the glass's upper edge", key=k + "head", width=140)
        row.number_input("Light transmittance", min_value=0.01, max_value=1.0, value=float(window.light_transmittance),
                         step=0.01, key=k + "transmittance", width=170)
        st.caption(f"Glass area {window.length:.2f} m × (head − sill) = {window.glass_area:.2f} m²")
        st.form_submit_button("Save window", on_click=_save_window, args=(engine, option_id, window.id, k, author))
