"""What the plan-editor component receives: plain JSON with every feature and the overlays."""

import json

from shapely.geometry import box

from floorplans import plan_from_geojson
from planner.designer.payload import BOUNDS_MARGIN, editor_payload
from tests.factory import two_rooms


def test_payload_is_json_and_holds_every_feature():
    plan = plan_from_geojson(two_rooms())
    data = editor_payload(plan, version="7:3", highlight=["d-mid", "d-mid"], selected="hall", ack="123-1", message="ok")
    json.dumps(data)  # serialisable as is
    assert data["bounds"] == [-BOUNDS_MARGIN, -BOUNDS_MARGIN, 10 + BOUNDS_MARGIN, 4 + BOUNDS_MARGIN]
    assert [r["id"] for r in data["rooms"]] == ["hall", "wait"]
    assert data["rooms"][0]["rings"][0][0] == [0.0, 0.0] and data["rooms"][0]["colour"].startswith("#")
    assert [d["id"] for d in data["doors"]] == ["d-in", "d-mid"] and data["doors"][0]["entrance"] is True
    assert data["windows"][0]["points"] == [[10.0, 1.0], [10.0, 3.0]]
    assert data["furniture"][0] == {"id": "p1", "type": "plant", "point": [8.0, 3.0], "rings": None}
    assert data["highlight"] == ["d-mid"]
    assert (data["selected"], data["ack"], data["version"], data["grid"]) == ("hall", "123-1", "7:3", 0.1)
    assert data["overlays"] == {}


def test_overlays_are_scaled_and_rounded():
    plan = plan_from_geojson(two_rooms())
    data = editor_payload(
        plan, isovist=box(0, 0, 5, 4), viewpoint=(2.5, 2.0), route=[(2.5, 0.0), (5.0, 1.5)],
        pins=[{"x": 1, "y": 1, "category": "calm"}],
        comments=[{"id": 7, "x": 2.345678, "y": 3, "category": "problem", "status": "declined"}], heat=([0.5, 1.0, 1.5], [0.5, 0.5, 0.5], [2.0, 4.0, 6.0]),
    )
    overlays = data["overlays"]
    assert overlays["isovist"][0][0] == [5.0, 0.0]
    assert overlays["viewpoint"] == [2.5, 2.0]
    assert overlays["route"] == [[2.5, 0.0], [5.0, 1.5]]
    assert overlays["pins"] == [{"x": 1.0, "y": 1.0, "category": "calm"}]
    assert overlays["comments"] == [{"id": 7, "x": 2.346, "y": 3.0, "category": "problem", "status": "declined"}]
    assert overlays["heat"]["cell"] == 0.5
    assert [c[2] for c in overlays["heat"]["cells"]] == [0.0, 0.5, 1.0]


def test_room_notes_join_the_labels():
    plan = plan_from_geojson(two_rooms())
    data = editor_payload(plan, room_notes={"wait": "57 dB"})
    labels = {r["id"]: r["label"] for r in data["rooms"]}
    assert labels == {"hall": "Indgang", "wait": "Venteområde · 57 dB"}
