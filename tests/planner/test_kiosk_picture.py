"""The kiosk picture's payload and taps (planner.kiosk.picture) without a browser."""

from __future__ import annotations

import json

import pytest

from floorplans import dumps_plan
from floorplans.citizen_view import PinSpot
from floorplans.samples import load_sample
from planner.kiosk.i18n import LANGUAGES, t
from planner.kiosk.picture import PLACES, drawable, picture_payload, place_name, spot_of_tap


@pytest.fixture(scope="module")
def text() -> str:
    return dumps_plan(load_sample("option_a"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_payload_names_every_kind_in_the_language_and_is_cached(text, lang):
    payload = picture_payload(text, lang)
    assert picture_payload(text, lang) is payload  # per plan version and language, built once
    assert len(json.dumps(payload, ensure_ascii=False)) < 40_000  # small enough to send on every step
    assert payload["dir"] == ("rtl" if lang == "ar" else "ltr")
    for kind in PLACES:
        assert payload["labels"][kind] == t(f"place.{kind}", lang)
    # a public room of a kind citizens have no word for (the pram store) reads "room"
    assert payload["labels"]["storage"] == t("place.other", lang)
    assert {"quiet_nook", "green_area", "waiting"} <= set(payload["kinds"])


def test_a_tap_with_the_browsers_room_hint_and_the_name_of_the_pinned_room(text):
    spot = spot_of_tap({"x": 20.45, "y": 16.9, "room": "wc1"}, text)  # beside the small toilet, over the staff area
    assert isinstance(spot, PinSpot) and spot.room_id == "wc1"
    assert spot_of_tap({"x": 20.45, "y": 16.9}, text) == "staff"  # without the hint: refused
    inside = spot_of_tap({"x": 19.4, "y": 15.0, "room": "wc1"}, text)  # in the accessible toilet: the room under the finger wins
    assert isinstance(inside, PinSpot) and inside.room_id == "hc_toilet"
    assert spot_of_tap({"x": 6, "y": 6, "room": 7}, text) == "staff"  # a hint that is not a room id is ignored
    assert place_name(text, (32.0, 7.0), "ar") == t("place.waiting", "ar")
    assert place_name(text, (-40.0, -40.0), "so") == t("place.other", "so")


def test_a_plan_without_rooms_or_not_a_plan_cannot_be_drawn(text):
    assert drawable(text)
    assert not drawable(json.dumps({"type": "FeatureCollection", "features": []}))
    assert not drawable("not a plan")
