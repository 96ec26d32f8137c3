"""Each validation rule on a small hand-made bad plan: the right code, the right feature."""

import pytest

from floorplans import errors_only, plan_from_geojson, validate_plan

from .factory import collection, door, plant, room, segment, two_rooms


def codes(document):
    return {(p.code, p.feature_id) for p in validate_plan(plan_from_geojson(document))}


def test_good_plan_has_no_problems():
    assert validate_plan(plan_from_geojson(two_rooms())) == []


def test_self_intersecting_polygon():
    bowtie = {"type": "Feature", "id": "bow", "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]]},
              "properties": {"feature": "room", "kind": "waiting"}}
    document = collection(bowtie, door("d", (1, 0), (2, 0), entrance=True))
    problems = validate_plan(plan_from_geojson(document))
    assert ("self-intersection", "bow") in {(p.code, p.feature_id) for p in problems}
    assert "(2" in next(p for p in problems if p.feature_id == "bow").message  # says where


def test_rooms_overlapping_more_than_a_square_centimetre():
    document = two_rooms()
    document["features"][1] = room("wait", "waiting", (4.9, 0, 10, 4))
    assert ("rooms-overlap", "hall") in codes(document)


def test_overlap_within_tolerance_is_accepted():
    document = two_rooms()
    document["features"][1] = room("wait", "waiting", (4.999, 0, 10, 4))  # 0.001 x 4 = 40 cm²? no: 0.004 m² > 1 cm²
    assert ("rooms-overlap", "hall") in codes(document)
    document["features"][1] = room("wait", "waiting", (4.99998, 0, 10, 4))  # snaps to 5.000
    assert codes(document) == set()


def test_door_on_no_wall():
    document = two_rooms()
    document["features"][3] = door("d-mid", (2, 2), (3, 2))
    assert ("door-off-wall", "d-mid") in codes(document)


def test_window_on_an_inside_wall_is_on_the_wrong_wall():
    document = two_rooms()
    document["features"][4] = segment("w1", "window", (5, 2.5), (5, 3.5))
    assert ("window-wrong-wall", "w1") in codes(document)


def test_entrance_between_two_rooms_is_on_the_wrong_wall():
    document = two_rooms(entrance=True)
    assert ("door-wrong-wall", "d-mid") in codes(document)


def test_opening_on_an_outside_wall():
    document = two_rooms()
    document["features"].append(segment("o1", "opening", (6, 4), (7, 4)))
    assert ("opening-wrong-wall", "o1") in codes(document)


def test_door_wider_than_its_wall_segment():
    document = collection(
        room("hall", "entrance", (0, 0, 5, 4)),
        room("small", "wc", (5, 0, 6, 1)),
        room("wait", "waiting", (5, 1, 10, 4)),
        door("d-in", (2, 0), (3, 0), entrance=True),
        door("d-wc", (5, 0.2), (5, 1.6)),  # the shared wall hall|wc is only 1 m
    )
    assert ("door-wider-than-wall", "d-wc") in codes(document) or ("door-wrong-wall", "d-wc") in codes(document)


def test_clear_width_wider_than_the_drawn_door():
    assert ("door-wider-than-wall", "d-mid") in codes(two_rooms(clear_width=1.5))


def test_duplicate_ids():
    document = two_rooms()
    document["features"].append(plant("p1", 7, 2))
    assert ("duplicate-id", "p1") in codes(document)


def test_no_public_entrance():
    document = two_rooms()
    document["features"][2]["properties"]["entrance"] = False
    assert ("no-entrance", None) in codes(document)


def test_island_room():
    document = two_rooms()
    document["features"].append(room("far", "storage", (20, 20, 22, 22)))
    assert ("island-room", "far") in codes(document)


def test_coordinates_in_millimetres_declared_as_metres():
    document = collection(room("r", "waiting", (0, 0, 48000, 26000)), door("d", (0, 1000), (0, 2000), entrance=True))
    assert ("wrong-units", None) in codes(document)


def test_warnings_do_not_count_as_errors():
    document = two_rooms()
    document["features"].append(plant("p2", 30, 30))
    problems = validate_plan(plan_from_geojson(document))
    assert [p.code for p in problems] == ["furniture-outside"]
    assert errors_only(problems) == []


@pytest.mark.parametrize("kind", ["staff_room", "storage", "open_office"])
def test_private_kinds_are_not_public_by_default(kind):
    plan = plan_from_geojson(collection(room("r", kind, (0, 0, 3, 3))))
    assert not plan.rooms[0].is_public
