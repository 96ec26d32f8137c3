"""The citizen's plan at the kiosk, a Streamlit component (Components v2; plain HTML/CSS/JS, no build step).

Never the CAD drawing: floorplans.citizen_view simplifies the plan (public rooms as soft shapes with
an icon and their kind's name, staff areas grey), the browser draws it (so Arabic is shaped and laid
out right to left) and sends back each tap as {x, y, room}; `spot_of_tap` decides where the pin goes.
The payload is cached per plan version and language, so a kiosk step only adds the pin and the
kiosk's "you are here".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import streamlit as st

from floorplans import Plan, RoomKind, parse_plan
from floorplans.citizen_view import CitizenView, PinSpot, Refusal, citizen_view, pin_spot
from floorplans.drawing import PIN_COLOURS
from planner.kiosk.i18n import is_rtl, t

__all__ = ["ASSETS", "citizen_picture", "drawable", "picture_payload", "place_name", "spot_of_tap", "view_of"]

ASSETS = Path(__file__).parent
#: Kinds with a name of their own in the kiosk's catalogues (place.<kind>); others read "room".
PLACES = frozenset({"entrance", "reception", "waiting", "quiet_nook", "green_area", "meeting_room", "group_room",
                    "job_search", "wc", "wc_accessible", "play_area", "stairs", "lift"})

_renderer = st.components.v2.component(
    "jobcenter_citizen_picture",
    html="",
    css=(ASSETS / "picture.css").read_text(encoding="utf-8"),
    js=(ASSETS / "picture.js").read_text(encoding="utf-8"),
)


@lru_cache(maxsize=8)
def plan_of(plan_geojson: str) -> Plan:
    return parse_plan(plan_geojson)


@lru_cache(maxsize=8)
def view_of(plan_geojson: str) -> CitizenView:
    """The simplified plan of one plan version (drawn once, whatever the language)."""
    return citizen_view(plan_of(plan_geojson))


def drawable(plan_geojson: str) -> bool:
    """False for a plan the picture cannot show (no rooms, or not a plan): the pin step then offers only Skip."""
    try:
        view_of(plan_geojson)
    except ValueError:  # PlanError is one
        return False
    return True


@lru_cache(maxsize=48)
def picture_payload(plan_geojson: str, lang: str) -> dict[str, Any]:
    """What the browser draws, in one language; shared between runs, so never changed in place."""
    view = view_of(plan_geojson)
    rooms = [room.model_dump(mode="json", exclude={"area"}) for room in view.rooms]
    other = t("place.other", lang)  # a public room of a kind citizens have no word for (storage ...): "a room"
    labels = {kind.value: t(f"place.{kind.value}", lang) if kind.value in PLACES else other for kind in RoomKind}
    labels["other"] = other
    return {
        "view": {"extent": list(view.extent), "rooms": rooms},
        "kinds": view.kinds,
        "labels": labels,
        "texts": {"alt": t("picture.alt", lang), "here": t("picture.here", lang), "staff": t("picture.staff", lang)},
        "dir": "rtl" if is_rtl(lang) else "ltr",
        "lang": lang,
    }


def spot_of_tap(tap: object, plan_geojson: str) -> PinSpot | Refusal | None:
    """Where a tap from the browser puts the pin; None for a payload that is not a tap (ignored)."""
    if not isinstance(tap, dict):
        return None
    try:
        x, y = float(tap["x"]), float(tap["y"])
    except (KeyError, TypeError, ValueError):
        return None
    room = tap.get("room")
    return pin_spot(plan_of(plan_geojson), x, y, room if isinstance(room, str) else None)


def place_name(plan_geojson: str, pin: tuple[float, float], lang: str) -> str:
    """The name (in `lang`) of the kind of room a pin lies in, e.g. "Waiting area"."""
    spot = pin_spot(plan_of(plan_geojson), *pin)
    labels = picture_payload(plan_geojson, lang)["labels"]
    if not isinstance(spot, PinSpot):
        return str(labels["other"])
    return str(labels[plan_of(plan_geojson).room(spot.room_id).kind.value])


def citizen_picture(plan_geojson: str, lang: str, *, pin: tuple[float, float] | None, category: str,
                    here: tuple[float, float] | None, taps: int, key: str, on_tap: Callable[[], None]) -> Any:
    """Mount the picture; `on_tap` runs (as a widget callback) with the tap in st.session_state[key]["tap"].

    `taps` counts the taps answered: new data after every tap, so the browser drops its provisional
    pin even when a tap was refused and nothing else changed.
    """
    data = dict(picture_payload(plan_geojson, lang))
    data["taps"] = taps
    if pin is not None:
        x, y = pin
        spot = pin_spot(plan_of(plan_geojson), x, y)
        data["pin"] = {"x": x, "y": y, "colour": PIN_COLOURS.get(category, "#111418"),
                       "room": spot.room_id if isinstance(spot, PinSpot) else None}
    data["here"] = list(here) if here is not None else None
    return _renderer(key=key, data=data, on_tap_change=on_tap)
