"""turning-space: a wheelchair can turn in rooms and at dead ends."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon

from scoring import get_criterion, get_profile
from scoring.criteria.accessibility import turning_space as ts
from scoring.criteria.accessibility.turning_space import _COMPLEX, _FEW, _corridor_checks, _room_fits, corridor_loci
from tests.scoring.plans import change, mini_centre, rect

PROFILES = ["br18", "ada2010", "iso21542"]



def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_turning_space_flags_a_tight_room_and_a_narrow_dead_end():
    plan = mini_centre()
    assert run("turning-space", plan).passed is True
    tight = mini_centre(corridor_width=1.2)
    result = run("turning-space", tight)
    assert result.passed is False and "cor" in result.where
    small = plan.with_feature(rect("m3", "meeting_room", 16, 0.95, 17.3, 2.25, name="Cupboard room"))
    small = change(small, "d_m3", points=[(16.2, 2.25), (17.1, 2.25)])
    result = run("turning-space", small)
    assert "m3" in result.where


def _jagged_corridor(width: float) -> Polygon:
    """An L-shaped corridor whose walls jog by a millimetre every 10 cm (hundreds of corners, as imported levels have)."""
    xs = np.arange(0.0, 12.0, 0.1)
    south = [(x, 0.001 * (i % 2)) for i, x in enumerate(xs)]
    east = [(12.0, y) for y in np.arange(0.0, 8.0, 0.5)] + [(12.0, 8.0), (12.0 - width, 8.0)]
    north = [(x, width + 0.001 * (i % 2)) for i, x in reversed(list(enumerate(xs))) if x < 12.0 - width]
    return Polygon(south + east + [(12.0 - width, width)] + north)


@pytest.mark.parametrize("width", [1.2, 1.51, 1.6, 2.5])
def test_quick_corridor_checks_agree_with_eroding_the_whole_corridor(width: float) -> None:
    region = _jagged_corridor(width)
    assert shapely.get_num_coordinates(region) > _COMPLEX
    loci = corridor_loci(region)
    eroded = region.buffer(-(1.5 / 2 - 0.005), quad_segs=4)
    plain = [(not eroded.is_empty) and eroded.distance(Point(xy)) <= 1.5 for _, xy in loci]
    assert _corridor_checks(region, lambda: region, loci, 1.5) == plain
    one_by_one = [_corridor_checks(region, lambda: region, [locus], 1.5)[0] for locus in loci]  # eroded near it only
    assert one_by_one == plain


@pytest.mark.parametrize("width", [1.2, 1.6])
def test_quick_corridor_checks_look_into_the_rooms_open_to_the_corridor(width: float) -> None:
    floor = _jagged_corridor(width)
    region = shapely.union_all([floor, shapely.box(3.0, width, 7.0, width + 3.0)])  # a room opened onto its middle
    loci = corridor_loci(floor)
    eroded = region.buffer(-(1.5 / 2 - 0.005), quad_segs=4)
    plain = [(not eroded.is_empty) and eroded.distance(Point(xy)) <= 1.5 for _, xy in loci]
    assert _corridor_checks(floor, lambda: region, loci, 1.5) == plain
    assert any(plain) and (width > 1.5 or not all(plain))


@pytest.mark.parametrize("width", [1.3, 1.49, 1.5, 3.0])
def test_quick_room_check_agrees_with_eroding_the_room(width: float) -> None:
    floor = _jagged_corridor(width)
    assert _room_fits(floor, 0.745) == (not floor.buffer(-0.745, quad_segs=4).is_empty)


@pytest.mark.parametrize("width", [1.2, 1.6, 2.5])
def test_a_region_with_a_stair_of_sliver_holes_answers_as_the_one_go_buffer(width: float) -> None:
    """A part with dozens of holes is eroded hole by hole, and the parts one by one: the same answers."""
    corridor = _jagged_corridor(width)
    stair = [Polygon([(1 + 0.2 * k, 0.3), (1.05 + 0.2 * k, 0.3), (1.02 + 0.2 * k, 0.3 + width / 3)]) for k in range(30)]
    floor = corridor.difference(shapely.union_all(stair))
    region = shapely.union_all([floor, shapely.box(3.0, width + 1.0, 7.0, width + 4.0)])  # a room apart from it
    assert region.geom_type == "MultiPolygon" and max(len(p.interiors) for p in region.geoms) >= 30
    loci = corridor_loci(corridor)
    eroded = region.buffer(-(1.5 / 2 - 0.005), quad_segs=4)
    plain = [(not eroded.is_empty) and eroded.distance(Point(xy)) <= 1.5 for _, xy in loci]
    assert _corridor_checks(floor, lambda: region, loci, 1.5) == plain


@pytest.mark.parametrize("width", [1.2, 1.45, 1.6])
def test_a_region_of_many_rooms_cut_about_each_locus_answers_as_the_whole_region(width: float,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A corridor of hundreds of corners with six rooms open onto it: a locus in doubt is tested on the floors cut
    to a box about it and joined, never on the whole region built; the answers are the whole region's."""
    floor = _jagged_corridor(width)
    rooms = [shapely.box(0.5 + 1.8 * k, width, 2.0 + 1.8 * k, width + 1.0 + 0.4 * k) for k in range(6)]
    parts = [floor, *rooms]
    region = shapely.union_all(parts)
    assert len(parts) > _FEW and shapely.get_num_coordinates(floor) > _COMPLEX
    loci = corridor_loci(floor)
    built = []

    def whole():
        built.append(True)
        return region

    cuts = []
    cut = ts._region_near
    monkeypatch.setattr(ts, "_region_near", lambda *a: cuts.append(a) or cut(*a))
    shrunk = region.buffer(-(1.5 / 2 - 0.005), quad_segs=4)
    plain = [(not shrunk.is_empty) and shrunk.distance(Point(xy)) <= 1.5 for _, xy in loci]
    one_by_one = [_corridor_checks(floor, whole, [locus], 1.5, parts=lambda: parts)[0] for locus in loci]
    assert one_by_one == plain
    assert not built and cuts  # loci in doubt were tested on cut regions
    assert any(plain) and (width > 1.5 or not all(plain))
