"""Each validation rule on a small hand-made bad plan: the right code, the right feature."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from floorplans import PlanError, Problem, errors_only, plan_from_geojson, validate_plan
from tests.factory import collection, door, plant, room, segment, two_rooms


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


# --------------------------------------------------------------------------- never raise on broken geometry

BOWTIE = [[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]


def bowtie(fid="bow", ring=BOWTIE):
    return {"type": "Feature", "id": fid, "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": {"feature": "room", "kind": "waiting"}}


@pytest.mark.parametrize(
    "box",
    [
        (4, 0, 8, 4),      # shares the bowtie's right edge
        (2, 0, 6, 4),      # overlaps the bowtie
        (1, 1, 3, 3),      # inside the bowtie's box, over its crossing point
        (0, 0, 4, 4),      # exactly the bowtie's box
        (10, 10, 14, 14),  # far away
    ],
)
def test_a_bowtie_beside_another_room_is_a_problem_not_a_crash(box):
    """Two rooms and a bowtie used to crash in the union of the rooms (side location conflict)."""
    document = collection(room("hall", "entrance", box), bowtie(),
                          door("d-in", (box[0] + 0.5, box[1]), (box[0] + 1.5, box[1]), entrance=True))
    problems = validate_plan(plan_from_geojson(document))
    bow = [p for p in problems if p.feature_id == "bow"]
    assert [p.code for p in bow] == ["self-intersection"]
    assert "(2, 2)" in bow[0].message
    assert all(p.code != "geometry-error" for p in problems)


@pytest.mark.parametrize("count", [2, 3, 6])
def test_several_bowties_are_each_named(count):
    rooms = [bowtie(f"bow{i}", [[x + 4 * i, y] for x, y in BOWTIE]) for i in range(count)]
    document = collection(room("hall", "entrance", (0, -4, 4, 0)), *rooms, door("d-in", (1, -4), (2, -4), entrance=True))
    problems = validate_plan(plan_from_geojson(document))
    assert {p.feature_id for p in problems if p.code == "self-intersection"} == {f"bow{i}" for i in range(count)}


def test_wrong_units_are_still_found_beside_a_bowtie():
    document = collection(room("r", "waiting", (0, 0, 48000, 26000)), bowtie(),
                          door("d", (0, 1000), (0, 2000), entrance=True))
    found = codes(document)
    assert ("wrong-units", None) in found and ("self-intersection", "bow") in found


def test_a_geos_error_in_a_later_check_becomes_a_problem(monkeypatch):
    from shapely.errors import GEOSException

    import floorplans.validation as validation

    def explode(plan):
        raise GEOSException("TopologyException: side location conflict at 7 7")

    monkeypatch.setattr(validation, "building_footprint", explode)
    problems = validate_plan(plan_from_geojson(two_rooms()))
    assert problems and all(p.code == "geometry-error" for p in problems)
    assert "side location conflict at (7, 7)" in problems[0].message


def test_is_valid_plan_is_false_for_a_bowtie_plan():
    from floorplans.validation import is_valid_plan

    document = collection(room("hall", "entrance", (4, 0, 8, 4)), bowtie(), door("d-in", (5, 0), (6, 0), entrance=True))
    assert not is_valid_plan(plan_from_geojson(document))


@st.composite
def plans_with_crooked_rooms(draw):
    """Rectangles plus rooms whose rings are random points: bowties, spikes, repeated and collinear points."""
    small = st.integers(min_value=0, max_value=8)
    features = []
    for i in range(draw(st.integers(min_value=0, max_value=3))):
        x0, y0, w, h = draw(small), draw(small), draw(st.integers(1, 6)), draw(st.integers(1, 6))
        features.append(room(f"r{i}", "waiting", (x0, y0, x0 + w, y0 + h)))
    for i in range(draw(st.integers(min_value=1, max_value=3))):
        points = draw(st.lists(st.tuples(small, small), min_size=3, max_size=7))
        ring = [list(p) for p in points] + [list(points[0])]
        features.append({"type": "Feature", "id": f"x{i}", "geometry": {"type": "Polygon", "coordinates": [ring]},
                         "properties": {"feature": "room", "kind": draw(st.sampled_from(["waiting", "entrance"]))}})
    for i in range(draw(st.integers(min_value=0, max_value=3))):
        a, b = (draw(small), draw(small)), (draw(small), draw(small))
        features.append(door(f"d{i}", a, b, entrance=draw(st.booleans())))
    if draw(st.booleans()):
        features.append(plant("p", draw(small), draw(small)))
    return collection(*features)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_with_crooked_rooms())
def test_validation_never_raises_on_crooked_rooms(document):
    try:
        plan = plan_from_geojson(document)
    except PlanError:
        return  # refused by the reader (e.g. a ring of too few points): a clear error too
    problems = validate_plan(plan)
    assert all(isinstance(p, Problem) and p.message for p in problems)
    invalid = {r.id for r in plan.rooms if not r.geometry.is_valid}
    named = {p.feature_id for p in problems if p.code in ("self-intersection", "invalid-polygon")}
    assert invalid <= named
    assert all(p.code != "geometry-error" for p in problems)


def test_coordinates_nested_too_deeply_for_python_are_a_plan_error():
    """A decoded document (not from a file) can nest deeper than the JSON decoder would allow."""
    coordinates = []
    for _ in range(5000):
        coordinates = [coordinates]
    document = collection({"type": "Feature", "id": "deep", "geometry": {"type": "Polygon", "coordinates": coordinates},
                           "properties": {"feature": "room", "kind": "waiting"}})
    with pytest.raises(PlanError) as info:
        plan_from_geojson(document)
    assert [(p.code, p.feature_id) for p in info.value.problems] == [("bad-geometry", "deep")]
    assert "nested too deeply" in info.value.one_line()
