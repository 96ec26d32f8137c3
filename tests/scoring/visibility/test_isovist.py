"""Isovists and wall lines checked against polygons computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from shapely.geometry import Point, Polygon, box

from floorplans import plan_from_geojson
from scoring.visibility import (
    can_see,
    isovist,
    isovist_properties_grid,
    isovists_at,
    make_grid,
    open_space,
    visible_area_fraction,
    wall_segments,
)
from scoring.visibility.obstacles import cut_gaps, segments_of
from tests.factory import collection, door, room, segment, two_rooms


def _plan(*features, **top):
    return plan_from_geojson(collection(*features, **top))


def _pillar_room():
    """The oracle from shared/plans/README.md: a 10 x 10 room with a 2 x 2 pillar in the middle."""
    feature = room("r", "waiting", (0, 0, 10, 10))
    feature["geometry"]["coordinates"].append([[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]])
    return _plan(feature)


def _same_polygon(a, b, tol=1e-9):
    return a.symmetric_difference(b).area <= tol


def test_convex_room_isovist_is_the_room():
    iso = isovist(_plan(room("r", "waiting", (0, 0, 4, 3))), (1, 1))
    assert _same_polygon(iso.polygon, box(0, 0, 4, 3))
    assert iso.area == pytest.approx(12.0)
    assert iso.perimeter == pytest.approx(14.0)
    assert iso.occlusivity == pytest.approx(0.0, abs=1e-9)
    assert iso.compactness == pytest.approx(4 * math.pi * 12 / 14**2)
    assert iso.min_radial == pytest.approx(1.0)
    assert iso.max_radial == pytest.approx(math.hypot(3, 2))
    # drift: from the viewpoint to the centroid (2, 1.5)
    assert iso.drift_magnitude == pytest.approx(math.hypot(1.0, 0.5))
    assert iso.drift_angle == pytest.approx(math.degrees(math.atan2(0.5, 1.0)))


def test_l_shaped_room_hides_the_other_arm():
    # arms [0,6]x[0,2] and [0,2]x[0,6]; from (5, 1) the ray past the inner corner (2, 2)
    # meets the far wall x = 0 at y = 2 + 2/3: only that sliver of the upright arm is seen.
    l_shape = Polygon([(0, 0), (6, 0), (6, 2), (2, 2), (2, 6), (0, 6)])
    iso = isovist(segments_of(l_shape), (5, 1))
    expected = box(0, 0, 6, 2).union(Polygon([(2, 2), (0, 2), (0, 2 + 2 / 3)]))
    assert _same_polygon(iso.polygon, expected)
    assert iso.area == pytest.approx(12 + 2 / 3)
    assert iso.occlusivity == pytest.approx(math.hypot(2, 2 / 3))
    assert iso.perimeter == pytest.approx(expected.length)
    # from the crook of the L everything is visible
    assert isovist(segments_of(l_shape), (1, 1)).area == pytest.approx(l_shape.area)


def test_pillar_oracle_area_76_perimeter_48_649():
    iso = isovist(_pillar_room(), (1, 5))
    assert iso.area == pytest.approx(76.0, abs=1e-9)
    assert iso.perimeter == pytest.approx(48.649, abs=5e-4)
    # the two shadow edges run from the pillar's front corners to (10, 8) and (10, 2)
    assert iso.occlusivity == pytest.approx(2 * math.hypot(6, 2))
    assert iso.polygon.is_valid
    assert not iso.polygon.contains(Point(8, 5))  # in the pillar's shadow
    assert iso.polygon.contains(Point(8, 8.5))


def test_max_radius_limits_the_isovist_to_a_disk():
    iso = isovist(_plan(room("r", "waiting", (0, 0, 10, 10))), (5, 5), max_radius=2.0)
    assert iso.area == pytest.approx(math.pi * 4, rel=2e-3)
    assert iso.max_radial == pytest.approx(2.0)
    with pytest.raises(ValueError, match="max_radius"):
        isovist(_plan(room("r", "waiting", (0, 0, 10, 10))), (5, 5), max_radius=0)


def test_shared_wall_counted_once_and_door_cut_out():
    plan = plan_from_geojson(two_rooms())
    segs = wall_segments(plan)
    length = np.hypot(segs[:, 2] - segs[:, 0], segs[:, 3] - segs[:, 1]).sum()
    # outline 2 * (10 + 4) = 28 (the exterior entrance door stays closed), shared wall 4, minus the 1 m door
    assert length == pytest.approx(28 + 4 - 1)
    assert open_space(plan).area == pytest.approx(40.0)


def test_openings_are_gaps_and_screens_block_but_counters_do_not():
    base = [room("a", "waiting", (0, 0, 4, 4)), room("b", "waiting", (4, 0, 8, 4))]
    opening = segment("o1", "opening", (4, 0.5), (4, 3.5))
    screen = {"type": "Feature", "id": "s1", "geometry": {"type": "Polygon", "coordinates": [[[5, 1], [5.1, 1], [5.1, 3], [5, 3], [5, 1]]]},
              "properties": {"feature": "furniture", "type": "screen"}}
    counter = {**screen, "id": "c1", "properties": {"feature": "furniture", "type": "counter"}}
    assert can_see(_plan(*base, opening), (2, 2), (6, 2))
    assert not can_see(_plan(*base), (2, 2), (6, 2))
    assert not can_see(_plan(*base, opening, screen), (2, 2), (6, 2))
    assert can_see(_plan(*base, opening, counter), (2, 2), (6, 2))
    assert not can_see(_plan(*base, opening, counter), (2, 2), (6, 2), furniture=("counter",))


def test_cut_gaps_projects_a_door_drawn_slightly_off_its_wall():
    walls = np.array([[0.0, 0.0, 10.0, 0.0]])
    cut = cut_gaps(walls, [((2.0, 0.02), (3.0, 0.02))])
    assert sorted(map(tuple, cut)) == [(0.0, 0.0, 2.0, 0.0), (3.0, 0.0, 10.0, 0.0)]
    assert len(cut_gaps(walls, [((2.0, 0.5), (3.0, 0.5))])) == 1  # too far from the wall: no cut


def test_isovist_sees_through_an_interior_door_but_not_out_of_the_building():
    plan = plan_from_geojson(two_rooms())
    iso = isovist(plan, (2.5, 1.5))  # in the hall, level with the door (5,1)-(5,2)
    assert iso.area > 20.0 + 1.0  # the hall (20 m²) plus a wedge of the waiting room
    assert iso.polygon.intersects(Point(9, 1.5))
    assert iso.polygon.difference(box(0, 0, 10, 4)).area < 1e-9  # the entrance door is no window to the street
    assert can_see(plan, (2.5, 1.5), (9, 1.5))
    assert not can_see(plan, (2.5, 1.5), (9, 3.5))


def test_visible_area_fraction_of_a_region():
    plan = plan_from_geojson(two_rooms())
    assert visible_area_fraction(plan, (2.5, 1.5), box(0, 0, 5, 4)) == pytest.approx(1.0)
    # through the door (5,1)-(5,2) the wedge widens from 1 m to 3 m across the 5 m room: 10 of 20 m²
    assert visible_area_fraction(plan, (2.5, 1.5), box(5, 0, 10, 4)) == pytest.approx(0.5)
    assert visible_area_fraction(plan, (2.5, 1.5), Polygon()) == 0.0


def test_grazing_a_wall_end_blocks_sight_like_depthmapx():
    l_shape = Polygon([(0, 0), (3, 0), (3, 1), (1, 1), (1, 3), (0, 3)])
    segs = segments_of(l_shape)
    assert not can_see(segs, (1.5, 0.5), (0.5, 1.5))  # the line touches the inner corner (1, 1)
    assert can_see(segs, (1.0, 0.5), (0.5, 1.5))


def test_viewpoint_on_a_wall_or_outside_is_refused():
    plan = _plan(room("r", "waiting", (0, 0, 4, 3)))
    with pytest.raises(ValueError, match="lies on a wall"):
        isovist(plan, (0, 1))
    with pytest.raises(ValueError, match="outside the building"):
        isovist(plan, (7, 1))


def test_batched_isovists_match_single_ones_and_the_grid_field():
    plan = _pillar_room()
    points = [(1, 5), (2.5, 8.5), (9, 1), (5, 2)]
    batch = isovists_at(plan, points)
    for point, iso in zip(points, batch, strict=False):
        single = isovist(plan, point)
        assert iso.area == pytest.approx(single.area)
        assert _same_polygon(iso.polygon, single.polygon, 1e-7)
    field = isovist_properties_grid(plan, 1.0)
    grid = make_grid(plan, 1.0)
    assert len(field.xs) == len(grid) == 9 * 9 - 9  # pillar centres (4..6)^2 lie inside or on it
    frame = field.to_frame()
    row = frame[(frame.x == 1) & (frame.y == 5)].iloc[0]
    assert row.area == pytest.approx(76.0)
    assert row.perimeter == pytest.approx(48.649, abs=5e-4)
    again = isovists_at(plan, list(zip(field.xs[:20], field.ys[:20], strict=False)))
    assert np.allclose([i.area for i in again], field["area"][:20])
    assert np.allclose([i.occlusivity for i in again], field["occlusivity"][:20])


def test_door_drawn_in_a_shared_wall_keeps_both_rooms_closed_elsewhere():
    plan = _plan(
        room("a", "waiting", (0, 0, 4, 4)),
        room("b", "meeting_room", (4, 0, 8, 4)),
        door("d", (4, 1), (4, 2)),
    )
    iso = isovist(plan, (6, 3.5))
    # from the top of room b, only a thin wedge of room a shows through the door
    assert iso.area < 16.0 + 4.0
    assert iso.polygon.difference(box(0, 0, 8, 4)).area < 1e-9


def test_portal_culling_changes_nothing_on_a_sample():
    from floorplans.samples import load_sample

    plan = load_sample("option_b")
    points = make_grid(plan, 1.0).points[::3]
    culled = isovists_at(plan, points)  # a Plan: walls outside the viewer's door wedges are skipped
    plain = isovists_at(np.array(wall_segments(plan)), points)  # bare segments: no culling
    assert np.allclose([i.area for i in culled], [i.area for i in plain])
    assert np.allclose([i.perimeter for i in culled], [i.perimeter for i in plain])
    assert np.allclose([i.occlusivity for i in culled], [i.occlusivity for i in plain])


def test_casting_in_the_open_intervals_only_changes_no_measure():
    from floorplans.samples import load_sample
    from scoring.visibility import VISUAL_OBSTACLE_TYPES
    from scoring.visibility.isovist import isovist_properties
    from scoring.visibility.portals import culled_batches, plan_portals
    from scoring.visibility.sweep import sweep, with_frame

    plan = load_sample("option_b")
    points = make_grid(plan, 0.5).points
    framed = with_frame(np.array(wall_segments(plan)), points)
    portals = plan_portals(plan, VISUAL_OBSTACLE_TYPES)
    for idx, segs, keep in culled_batches(points, framed, portals, 256):
        every = sweep(points[idx], segs, keep, framed=True)
        some = sweep(points[idx], segs, keep, framed=True, open_only=True)
        open_ = every.open_intervals()
        assert np.array_equal(some.open_intervals(), open_) and open_.sum() < len(open_)
        assert np.array_equal(some.nearest_pair[open_], every.nearest_pair[open_])
        a, b = isovist_properties(every), isovist_properties(some)
        assert all(np.array_equal(a[k], b[k]) for k in a)


def test_repeated_corners_by_the_larger_difference_equal_hypot():
    from scoring.visibility.isovist import _not_repeated

    rng = np.random.default_rng(3)
    vx = np.cumsum(rng.choice([0.0, 1e-13, 7e-13, 1e-12, 1.0000001e-12, 2e-12, 0.3], 5000) * rng.choice([-1, 1], 5000))
    vy = np.cumsum(rng.choice([0.0, 1e-13, 7e-13, 1e-12, 2e-12, 0.3], 5000) * rng.choice([-1, 1], 5000))
    dx, dy = vx - np.roll(vx, 1), vy - np.roll(vy, 1)
    expected = np.hypot(dx, dy) > 1e-12
    assert expected.any() and not expected.all()
    np.testing.assert_array_equal(_not_repeated(vx, vy), expected)
    assert _not_repeated(np.zeros(0), np.zeros(0)).shape == (0,)
