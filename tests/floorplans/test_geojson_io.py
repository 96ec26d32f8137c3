"""Reading and writing the exchange format: lossless round trips and clear errors."""

import json
import math

import pytest

from floorplans import PlanError, dumps_plan, parse_plan, plan_from_geojson, plan_to_geojson, read_plan, write_plan
from floorplans.geojson_io import MAX_FILE_BYTES
from floorplans.model import Door, Room, RoomKind
from tests.factory import collection, door, room, two_rooms


def test_round_trip_is_lossless_including_unknown_properties(tmp_path):
    document = two_rooms(clear_width=0.9, threshold_mm=15)
    document["features"][0]["properties"]["colour_hint"] = "warm"  # a foreign property
    document["project"] = "Åby"  # a foreign member
    plan = plan_from_geojson(document)
    path = tmp_path / "plan.geojson"
    write_plan(plan, path)
    again = read_plan(path)
    assert again == plan
    assert again.rooms[0].extra == {"colour_hint": "warm"}
    assert plan_to_geojson(again)["project"] == "Åby"
    assert parse_plan(dumps_plan(again)) == plan


def test_fields_are_typed_and_defaults_apply():
    plan = plan_from_geojson(two_rooms(clear_width=0.85))
    hall = plan.room("hall")
    assert isinstance(hall, Room) and hall.kind is RoomKind.entrance and hall.is_public
    mid = plan.get("d-mid")
    assert isinstance(mid, Door) and mid.width == pytest.approx(0.85) and mid.threshold_mm == 0
    entrance = plan.get("d-in")
    assert entrance.entrance and entrance.automatic and entrance.width == pytest.approx(1.0)
    assert plan.floor_area == pytest.approx(40.0)
    assert [p.id for p in plan.plants] == ["p1"]


def test_defaults_are_not_written_back():
    text = dumps_plan(plan_from_geojson(two_rooms()))
    mid = next(f for f in json.loads(text)["features"] if f["id"] == "d-mid")
    assert mid["properties"] == {"feature": "door"}


@pytest.mark.parametrize("units, factor", [("mm", 0.001), ("cm", 0.01)])
def test_millimetres_and_centimetres_are_converted(units, factor):
    document = collection(room("r", "waiting", (0, 0, 5000, 4000)), units=units)
    plan = plan_from_geojson(document)
    assert plan.rooms[0].geometry.area == pytest.approx(5000 * 4000 * factor * factor)
    assert plan.units == "m"


def test_coordinates_snap_to_a_millimetre():
    plan = plan_from_geojson(collection(room("r", "waiting", (0.00049, 0, 5.0004, 4))))
    assert plan.rooms[0].rings[0][0] == (0.0, 0.0)
    assert plan.rooms[0].rings[0][1] == (5.0, 0.0)


@pytest.mark.parametrize(
    "text, code",
    [
        (b"this is not json", "not-json"),
        (b"\xff\xfe\x00", "not-json"),
        (b'{"type": "Feature"}', "not-geojson"),
        (b"[1, 2, 3]", "not-geojson"),
        (b'{"type": "FeatureCollection"}', "not-geojson"),
        (b'{"type": "FeatureCollection", "units": "ft", "features": []}', "wrong-units"),
    ],
)
def test_files_that_are_not_plans_are_refused_with_a_code(text, code):
    with pytest.raises(PlanError) as info:
        parse_plan(text)
    assert info.value.problems[0].code == code
    assert "\n" not in info.value.one_line()


def test_every_bad_feature_is_named_in_one_pass():
    document = collection(
        room("a", "sauna", (0, 0, 5, 4)),
        room("b", "waiting", (5, 0, 10, 4)),
        door("c", (5, 1), (5, 1)),
        {"type": "Feature", "id": "d", "geometry": {"type": "Point", "coordinates": [1, 1]},
         "properties": {"feature": "room", "kind": "waiting"}},
        {"type": "Feature", "id": "e", "geometry": None, "properties": {"feature": "table"}},
    )
    document["features"][1]["geometry"]["coordinates"][0][2] = [math.nan, 4]
    with pytest.raises(PlanError) as info:
        plan_from_geojson(document)
    by_feature = {p.feature_id: p.code for p in info.value.problems}
    assert by_feature == {
        "a": "unknown-room-kind",
        "b": "non-finite-coordinate",
        "c": "bad-geometry",
        "d": "bad-geometry",
        "e": "unknown-feature",
    }
    assert "sauna" in str(info.value.problems[0])


def test_infinity_written_by_python_json_is_caught():
    text = json.dumps(collection(room("r", "waiting", (0, 0, math.inf, 4))))
    with pytest.raises(PlanError) as info:
        parse_plan(text)
    assert info.value.problems[0].code == "non-finite-coordinate"
    assert info.value.problems[0].feature_id == "r"


def test_bad_property_types_name_the_property():
    with pytest.raises(PlanError) as info:
        plan_from_geojson(two_rooms(clear_width="wide"))
    problem = info.value.problems[0]
    assert problem.feature_id == "d-mid" and "clear_width" in problem.message


def test_file_over_20_mb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.geojson"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert info.value.problems[0].code == "file-too-large"
    assert str(path) in info.value.one_line()


def test_missing_file_is_a_plan_error(tmp_path):
    with pytest.raises(PlanError) as info:
        read_plan(tmp_path / "nope.geojson")
    assert info.value.problems[0].code == "file-unreadable"
