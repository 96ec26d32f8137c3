"""view-out: EN 17037's horizontal sight angle of window from each seat, through its isovist."""

from __future__ import annotations

import math

import pytest

from floorplans.model import evolve
from floorplans.samples import load_sample
from scoring import get_criterion, get_profile
from scoring.criteria.calmness.view_out import seat_score
from scoring.criteria.shared import isovists
from scoring.daylight.seats import FLOOR_POINTS, floor_points, seat_views
from tests.scoring.plans import change, door, make_plan, mini_centre, rect, seat, window


def run(plan):
    return get_criterion("view-out").evaluate(plan, get_profile("br18"))


def one_room(**window_kw):
    """A 4 × 4 m waiting room, a 2 m window in the middle of its north wall, one seat 2 m in front of it."""
    w = evolve(window("w1", (1, 4), (3, 4), view="street"), **window_kw)
    return make_plan(rect("wait", "waiting", 0, 0, 4, 4, name="Waiting"), door("d", (0, 1), (0, 2), entrance=True), w,
                     seat("s", 2, 2))


def test_sight_angle_by_hand():
    # the 2 m window 2 m away subtends 2·atan(1/2) = 53.13°
    result = run(one_room())
    assert result.items[0]["window_deg"] == pytest.approx(math.degrees(2 * math.atan(0.5)), abs=0.1)
    assert result.score == pytest.approx(1.0) and result.value == 1.0


def test_a_slit_window_gives_no_view_and_says_to_lower_the_sill():
    full, slit = run(one_room()), run(one_room(sill=2.05))
    assert slit.score == 0.0 < full.score
    assert slit.where == ["wait"] and "Waiting (1 of 1 seats, best 0°)" in slit.detail
    assert "Lower the sill of w1 in Waiting to 1.2 m" in slit.detail
    assert "Sænk brystningen på w1 i Waiting til højst 1,2 m" in slit.detail_da


def test_seat_score_steps_at_en_17037_levels():
    assert seat_score(0) == 0.0 and seat_score(14) == 0.75 and seat_score(28) == 1.0 and seat_score(7) == pytest.approx(0.375)


def test_a_wall_between_the_seat_and_the_window_blocks_the_view():
    plan = mini_centre()
    open_view = run(plan)
    walled = run(plan.without("o_wait"))  # the waiting room's opening to the corridor no longer lets the others look in
    assert {i["id"]: i for i in open_view.items}["wait"]["window_deg"] > 14
    assert walled.score <= open_view.score


def test_no_room_to_stay_in_is_not_applicable():
    plan = make_plan(rect("cor", "corridor", 0, 0, 10, 2), window("w", (0, 0), (4, 0)))
    assert run(plan).applicable is False


def test_samples_rank_option_a_above_the_baseline():
    base, a = run(load_sample("baseline")), run(load_sample("option_a"))
    assert a.score > base.score
    assert "venteomraade" in base.where and "has no outside wall" in base.detail
    slit = load_sample("option_a")
    for w in slit.windows:
        slit = change(slit, w.id, sill=w.head - 0.05)
    assert run(slit).score < 0.1


def long_room(*windows):
    """A 16 × 4 m seatless waiting room (people stay, no seats drawn) with these windows on its north wall."""
    return make_plan(rect("wait", "waiting", 0, 0, 16, 4, name="Waiting"), door("d", (0, 1), (0, 2), entrance=True),
                     *windows)


def test_a_seatless_room_is_judged_over_its_floor_not_from_its_centre():
    # one 1.5 m window mid-wall: its centre sees 2·atan(0.75/2) ≈ 41° (full marks from the centre alone),
    # but the ends of the room see it at a glancing angle; glass along the whole wall: everywhere sees out
    narrow_plan = long_room(window("w1", (7.25, 4), (8.75, 4), view="street"))
    narrow = run(narrow_plan)
    wide = run(long_room(window("w1", (0.5, 4), (15.5, 4), view="street")))
    points = [i for i in narrow.items if i["id"] == "wait"]
    assert len(points) > 6 and not any(i["seat"] for i in points)
    (centre,) = seat_views(narrow_plan, narrow_plan.rooms, isovists)  # looked at from its centre only, as before
    assert not centre.seat and centre.window_angle >= 28  # which would have given full marks
    assert sum(i["window_deg"] < 14 for i in points) > len(points) / 2  # most of the floor sees less than the minimum
    assert wide.score == pytest.approx(1.0) and narrow.score < 0.8 < wide.score
    assert narrow.where == ["wait"] and "points on its floor" in narrow.detail and "punkter på gulvet" in narrow.detail_da


def test_floor_points_keep_clear_of_walls_and_stay_few_in_a_large_room():
    small = long_room()
    pts = floor_points(small, small.room("wait"))
    assert pts == sorted(pts, key=lambda p: (p[1], p[0])) and all(0.5 <= x <= 15.5 and 0.5 <= y <= 3.5 for x, y in pts)
    big = make_plan(rect("hall", "waiting", 0, 0, 40, 30))
    assert 4 <= len(floor_points(big, big.room("hall"))) <= FLOOR_POINTS
    tiny = make_plan(rect("nook", "quiet_nook", 0, 0, 0.9, 0.9))
    assert len(floor_points(tiny, tiny.room("nook"))) == 1  # too small for the grid: its centre



def test_floor_grids_laid_out_together_are_each_floors_own():
    """The grids of many floors, worked out together, are the ones each floor gives alone (numpy's rounded lines)."""
    import numpy as np
    import shapely
    import shapely.affinity

    from scoring.daylight.seats import _axes, _grids

    ell = shapely.Polygon([(0, 0), (10, 0), (10, 3), (3, 3), (3, 9), (0, 9)])
    floors = np.array([shapely.box(0.5, 0.5, 15.5, 3.5), ell, shapely.box(0, 0, 40, 30), shapely.Polygon(),
                       shapely.box(0, 0, 0.2, 0.2), shapely.affinity.rotate(shapely.box(0, 0, 12, 5), 30),
                       shapely.box(-3.3, -1.1, 2.9, 0.1)], dtype=object)
    together = _grids(floors, 1.2, 12)
    assert together == [_grids(floors[i:i + 1], 1.2, 12)[0] for i in range(len(floors))]
    assert [len(g) for g in together][3:5] == [0, 1] and all(0 < len(g) <= 12 for g in together[:3])
    lo, hi, spacing = np.array([0.3, -2.0, 5.0]), np.array([15.7, 7.9, 5.1]), np.array([1.2, 0.7, 1.2])
    lines, n = _axes(lo, hi, spacing)
    first = np.cumsum(n) - n
    for i in range(3):
        start = (lo[i] + hi[i] - (n[i] - 1) * spacing[i]) / 2
        assert lines[first[i]:first[i] + n[i]].tolist() == np.round(start + spacing[i] * np.arange(n[i]), 3).tolist()

def test_views_are_reused_across_plans_only_while_what_they_read_is_unchanged():
    import scoring.daylight.seats as seats

    plan = load_sample("option_a")
    first = run(plan)
    relabelled = change(plan, plan.rooms[0].id, name="Renamed", acoustic_finish="absorbent")  # the same walls and windows
    assert seats._signature(relabelled) == seats._signature(plan)
    assert run(relabelled).items == first.items
    slit = plan
    for w in slit.windows:
        slit = change(slit, w.id, sill=w.head - 0.05)
    assert seats._signature(slit) != seats._signature(plan) and run(slit).score < first.score
    seats._MEMO.clear()  # from scratch: the same figures as through the memo
    assert run(load_sample("option_a")).items == first.items and run(slit.replace()).score == run(slit).score


@pytest.mark.parametrize("name", ["baseline", "option_a"])
def test_points_shown_blind_without_an_isovist_see_no_window(name):
    """The shortcut that skips the isovist of a point walled off from every window never skips one that sees out."""
    import numpy as np

    from scoring.daylight.seats import _not_hidden, view_points
    from scoring.daylight.view import at_eye_height, sight_angle

    plan = load_sample(name)
    windows = [w for w in plan.windows if at_eye_height(w)]
    points = [(room.id, xy) for room in plan.rooms for xy in view_points(plan, room, floor=True)[0]]
    xys = np.array([xy for _, xy in points])
    ends = np.array([[*w.points[0], *w.points[1]] for w in windows])
    look = set(_not_hidden(plan, xys, ends, [rid for rid, _ in points]).tolist())
    isos = isovists(plan, [xy for _, xy in points])
    angles = [sight_angle(iso.origin, iso.polygon, windows) for iso in isos]
    assert len(look) < len(points)  # some are skipped
    assert all(angles[i] == 0.0 for i in range(len(points)) if i not in look)
