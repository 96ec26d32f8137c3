"""The form of the feature selected on the plan: a room's, a door's or a window's properties.

Besides kind, name and widths, the forms hold the physical properties the
calmness figures rest on: a room's ceiling height, acoustic finish and wall
sound rating, a door's sound rating, a window's sill, head and light
transmittance (shared/plan-format.md). Each save is one floorplans.editing
operation, committed as a new version like every other edit.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from floorplans import RoomKind
from floorplans.editing import set_room, update_door, update_window
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


def _room_form(engine: Engine, option_id: int, plan: Plan, room: Room, author: str) -> None:
    with st.form("designer_room_form"):
        cols = st.columns([2, 3, 1, 1], vertical_alignment="bottom")
        kind = cols[0].selectbox("Kind", _KINDS, index=_KINDS.index(room.kind.value))
        name = cols[1].text_input("Name", value=room.name)
        capacity = cols[2].number_input("Seats", min_value=0, value=room.capacity or 0, step=1)
        public = cols[3].checkbox("Public", value=room.is_public)
        cols = st.columns(3, vertical_alignment="bottom")
        height = cols[0].number_input("Ceiling height (m)", min_value=0.5, max_value=100.0, value=float(room.height), step=0.1)
        finish = cols[1].selectbox("Acoustic finish", _FINISHES, index=_FINISHES.index(room.acoustic_finish.value), help=_FINISH_HELP)
        walls = cols[2].number_input("Walls R'w (dB)", min_value=0.0, max_value=100.0, value=float(room.wall_sound_rating), step=1.0,
                                     help="sound insulation of the room's walls to its neighbours (44 dB: a light double-plated partition)")
        if st.form_submit_button("Save room"):
            state.commit(engine, option_id, set_room(plan, room.id, kind=kind, name=name, capacity=int(capacity) or None,
                                                     public=public, height=height, acoustic_finish=finish,
                                                     wall_sound_rating=walls), author)
            st.rerun()


def _door_form(engine: Engine, option_id: int, plan: Plan, door: Door, author: str) -> None:
    with st.form("designer_door_form"):
        cols = st.columns(5, vertical_alignment="bottom")
        clear = cols[0].number_input("Clear width (m)", min_value=0.0, value=float(door.width), step=0.01)
        threshold = cols[1].number_input("Threshold (mm)", min_value=0.0, value=float(door.threshold_mm), step=1.0)
        rating = cols[2].number_input("Sound rating Rw (dB)", min_value=0.0, max_value=100.0, value=float(door.sound_rating), step=1.0,
                                      help="25 dB: an ordinary leaf without seals; 30–45 dB: sound-rated doors")
        entrance = cols[3].checkbox("Entrance", value=door.entrance)
        automatic = cols[4].checkbox("Automatic", value=door.automatic)
        if st.form_submit_button("Save door"):
            state.commit(engine, option_id, update_door(plan, door.id, clear_width=clear or None, threshold_mm=threshold,
                                                        entrance=entrance, automatic=automatic, sound_rating=rating), author)
            st.rerun()


def _window_form(engine: Engine, option_id: int, plan: Plan, window: Window, author: str) -> None:
    with st.form("designer_window_form"):
        cols = st.columns(4, vertical_alignment="bottom")
        shown = window.view.value if window.view else ""
        view = cols[0].selectbox("View", _VIEWS, index=_VIEWS.index(shown), format_func=lambda v: v or "(not given)")
        sill = cols[1].number_input("Sill (m)", min_value=0.0, max_value=100.0, value=float(window.sill), step=0.05,
                                    help="height of the glass's lower edge above the floor")
        head = cols[2].number_input("Head (m)", min_value=0.01, max_value=100.0, value=float(window.head), step=0.05,
                                    help="height of the glass's upper edge")
        transmittance = cols[3].number_input("Light transmittance", min_value=0.01, max_value=1.0,
                                             value=float(window.light_transmittance), step=0.01)
        st.caption(f"Glass area {window.length:.2f} m × (head − sill) = {window.glass_area:.2f} m²")
        if st.form_submit_button("Save window"):
            state.commit(engine, option_id, update_window(plan, window.id, view=View(view) if view else None, sill=sill,
                                                          head=head, light_transmittance=transmittance), author)
            st.rerun()
