"""The citizen's plan (floorplans.citizen_view): soft shapes, roles, anchors, and where a tap puts a pin."""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import Point, Polygon

from floorplans import Plan, Room, RoomKind
from floorplans.citizen_view import HINT_M, SNAP_M, PinSpot, citizen_view, pin_spot, pinnable
from floorplans.samples import load_sample, sample_names

SHARED_PLANS = Path(__file__).resolve().parents[2].parent / "shared" / "plans"
WESTPORT = SHARED_PLANS / "wrld_westport_house_geojson" / "main.json"


def _check_view(plan: Plan) -> None:
    view = citizen_view(plan)
    assert sorted(r.id for r in view.rooms) == sorted(r.id for r in plan.rooms)
    assert [r.area for r in view.rooms] == sorted((r.area for r in view.rooms), reverse=True)  # nested rooms on top
    xmin, ymin, xmax, ymax = view.extent
    for shown in view.rooms:
        room = plan.room(shown.id)
        expected = "staff" if not room.is_public else "passage" if room.kind == RoomKind.corridor else "public"
        assert shown.role == expected, shown.id
        outline, shape = Polygon(shown.outline), Polygon(shown.shape)
        assert outline.is_valid and shape.is_valid and shape.area > 0, shown.id
        # the soft shape stays inside the room's outline (a hair of rounding to 2 decimals allowed)
        assert shape.difference(Polygon(room.rings[0]).buffer(0.02)).area < 0.01 * shape.area, shown.id
        assert shape.area <= outline.area + 0.01
        assert room.geometry.buffer(0.01).contains(Point(shown.anchor)), shown.id
        assert all(xmin <= x <= xmax and ymin <= y <= ymax for x, y in shown.outline)
    public_kinds = {r.kind.value for r in plan.rooms if pinnable(r)}
    assert set(view.kinds) <= public_kinds | {RoomKind.corridor.value}
    assert view.kinds == [k.value for k in RoomKind if k.value in set(view.kinds)]  # RoomKind order, each once
    assert citizen_view(plan).model_dump_json() == view.model_dump_json()  # the same plan, the same picture


@pytest.mark.parametrize("name", sample_names())
def test_every_sample_becomes_a_citizens_plan(name):
    _check_view(load_sample(name))


def test_the_sample_shows_the_citizens_rooms_and_hides_staff_areas():
    view = citizen_view(load_sample("option_a"))
    assert {"entrance", "reception", "waiting", "quiet_nook", "green_area", "meeting_room", "wc"} <= set(view.kinds)
    roles = {r.id: r.role for r in view.rooms}
    assert roles["venteomraade"] == "public" and roles["kontor_nord"] == "staff" and roles["gang"] == "passage"
    waiting = next(r for r in view.rooms if r.id == "venteomraade")
    assert len(waiting.shape) > len(waiting.outline)  # rounded corners, not the drawn rectangle
    assert 0.7 * Polygon(waiting.outline).area < Polygon(waiting.shape).area < Polygon(waiting.outline).area
    corridor = next(r for r in view.rooms if r.id == "gang")  # a long room: the name goes in the middle
    assert abs(corridor.anchor[0] - 24.0) < 0.5


def test_an_l_shaped_room_gets_its_label_inside_and_a_plan_without_rooms_is_refused():
    ring = [(0, 0), (10, 0), (10, 2), (2, 2), (2, 10), (0, 10), (0, 0)]
    plan = Plan(rooms=(Room(id="l", kind=RoomKind.waiting, rings=[ring]),))
    (room,) = citizen_view(plan).rooms
    assert Polygon(ring).contains(Point(room.anchor))
    with pytest.raises(ValueError, match="no rooms"):
        citizen_view(Plan(name="empty"))


@pytest.fixture(scope="module")
def westport() -> dict[str, Plan]:
    if not WESTPORT.exists():
        pytest.skip(f"{WESTPORT} is missing")
    from floorplans.importers import import_file

    return import_file(WESTPORT).levels


def test_a_real_building_becomes_a_citizens_plan_on_every_level(westport):
    assert len(westport) == 7
    for plan in westport.values():
        _check_view(plan)
        anchors = {r.id: r.anchor for r in citizen_view(plan).rooms}
        for room in plan.rooms:  # a tap on a room's label point pins that room, or is refused on a staff area
            anchor = anchors[room.id]
            spot = pin_spot(plan, *anchor)
            if pinnable(room):
                assert isinstance(spot, PinSpot) and room.geometry.contains(Point(spot.x, spot.y)), room.id
            elif not room.is_public:
                assert spot == "staff", room.id


# --- where a tap puts the pin -------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_sample("option_a")


def test_a_tap_in_a_public_room_pins_it_where_tapped(plan):
    assert pin_spot(plan, 32.0, 7.0) == PinSpot(room_id="venteomraade", x=32.0, y=7.0)
    assert pin_spot(plan, 32.004, 6.996) == PinSpot(room_id="venteomraade", x=32.0, y=7.0)  # stored to 2 decimals


def test_a_tap_on_a_staff_area_is_refused(plan):
    assert pin_spot(plan, 6.0, 6.0) == "staff"
    assert pin_spot(plan, 6.0, 6.0, room_hint="kontor_vest") == "staff"  # a staff room is never a target


def test_a_tap_in_a_corridor_goes_to_the_nearest_public_room_or_is_refused(plan):
    reception = plan.room("reception")
    spot = pin_spot(plan, 24.0, 13.0)  # the corridor, 0.5 m from the reception
    assert isinstance(spot, PinSpot) and spot.room_id == "reception"
    assert reception.geometry.contains(Point(spot.x, spot.y))
    assert pin_spot(plan, 2.0, 13.0) == "outside"  # the corridor, far from every public room
    assert pin_spot(plan, 24.0, -5.0) == "outside"  # outside the building
    corner = pin_spot(plan, 24.0, -SNAP_M / 2)  # just outside the entrance's wall
    assert isinstance(corner, PinSpot) and corner.room_id == "indgang"


def test_the_browsers_enlarged_target_pins_a_small_room(plan):
    wc = plan.room("wc1")
    xmin, ymin, xmax, ymax = wc.geometry.bounds
    beside = ((xmin + xmax) / 2, ymax + 0.3)  # a finger just beside the small toilet, on the staff area behind it
    assert pin_spot(plan, *beside) == "staff"
    spot = pin_spot(plan, *beside, room_hint="wc1")
    assert isinstance(spot, PinSpot) and spot.room_id == "wc1" and wc.geometry.contains(Point(spot.x, spot.y))
    assert HINT_M < wc.geometry.distance(Point(2.0, 13.0))
    assert pin_spot(plan, 2.0, 13.0, room_hint="wc1") == "outside"  # a hint far from the tap is not believed
    assert pin_spot(plan, 32.0, 7.0, room_hint="no-such-room") == PinSpot(room_id="venteomraade", x=32.0, y=7.0)
    next_door = plan.room("hc_toilet").geometry.representative_point()  # the room under the finger beats a hint
    assert pin_spot(plan, next_door.x, next_door.y, room_hint="wc1").room_id == "hc_toilet"


def test_a_pin_always_lands_inside_a_room_even_a_tiny_one():
    tiny = [(0, 0), (0.3, 0), (0.3, 0.3), (0, 0.3), (0, 0)]
    plan = Plan(rooms=(Room(id="t", kind=RoomKind.wc, rings=[tiny]),))
    spot = pin_spot(plan, 0.8, 0.15)
    assert isinstance(spot, PinSpot) and plan.room("t").geometry.contains(Point(spot.x, spot.y))
