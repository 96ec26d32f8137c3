"""corridor-width: corridors wide enough, furniture included."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Polygon

from scoring import get_criterion, get_profile
from scoring.criteria.accessibility import corridor_width as cw
from scoring.criteria.accessibility.corridor_width import connects
from scoring.geometry import clearance_circle
from scoring.routes import _MANY_HOLES, eroded
from tests.scoring.plans import box, mini_centre

PROFILES = ["br18", "ada2010", "iso21542"]


def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_corridor_width_fails_a_1_1_m_corridor_under_br18_but_not_ada():
    plan = mini_centre(corridor_width=1.1)
    br = run("corridor-width", plan, "br18")
    assert br.passed is False and br.where == ["cor"]
    assert br.value == pytest.approx(1.1, abs=0.02)
    assert run("corridor-width", plan, "ada2010").passed is True


def test_corridor_width_sees_furniture_narrowing_the_corridor():
    plan = mini_centre().with_feature(box("cab", "cabinet", 12, 2.25, 13, 2.9))  # leaves 0.85 m
    result = run("corridor-width", plan)
    assert result.passed is False
    assert result.value == pytest.approx(0.85, abs=0.02)


@pytest.mark.parametrize("half", [0.1, 0.45, 0.65, 2.0])
def test_a_floor_with_many_holes_erodes_to_the_one_go_buffer(half: float):
    """A stair drawn as dozens of sliver holes is eroded hole by hole: the same region as one buffer, to rounding."""
    holes = [[(1 + 0.2 * k, 1.0), (1.05 + 0.2 * k, 1.0), (1.02 + 0.2 * k, 1.4)] for k in range(30)]
    floor = Polygon([(0, 0), (8, 0), (8, 2.5), (5, 2.5), (5, 6), (0, 6)], holes)
    assert len(floor.interiors) >= _MANY_HOLES
    one_go = floor.buffer(-half, quad_segs=4)
    got = eroded(floor, half)
    assert got.is_empty == one_go.is_empty
    if not got.is_empty:
        assert got.hausdorff_distance(one_go) < 1e-9 and abs(got.area - one_go.area) < 1e-9
    doors = [LineString([(0, 5), (0, 5.9)]), LineString([(8, 0.1), (8, 1.0)])]
    parts = [p for p in getattr(one_go, "geoms", [one_go]) if not p.is_empty]
    assert connects(floor, doors, 2 * half) == any(all(p.distance(d) <= half + 0.06 for d in doors) for p in parts)


def _jagged_corridor(pinch: float) -> Polygon:
    """A 2 m corridor whose walls jog by millimetres (as imported outlines do), pinched to ``pinch`` m midway."""
    low = [(0.1 * k, 0.004 * (k % 2)) for k in range(101)]
    high = [(0.1 * k, 2.0 - 0.004 * (k % 3)) for k in range(101)][::-1]
    corridor = Polygon(low + high)
    post = Polygon([(4.9, pinch), (5.1, pinch), (5.1, 2.1), (4.9, 2.1)])
    return corridor.difference(post)


def _plain_search_then_count_real(floor: Polygon, doors: list[LineString], monkeypatch) -> tuple[float, list[tuple[float, bool]], list[float]]:
    """The plain search's answer and the widths it asked; then ``connects`` patched to record (in the list
    returned) each width asked of the real floor itself."""
    top = 2 * clearance_circle(floor)[1]
    plain, asked = cw._bisect(lambda w: connects(floor, doors, w), top)
    real: list[float] = []

    def counted(f, segments, w, middles=None):
        if f is floor:
            real.append(w)
        return connects(f, segments, w, middles)

    monkeypatch.setattr(cw, "connects", counted)
    return plain, asked, real


@pytest.mark.parametrize("pinch", [0.61, 0.9, 1.237, 1.5, 1.996])
def test_clear_width_answers_as_the_plain_search_on_the_real_floor(pinch: float, monkeypatch):
    """Guessing the search's turns on a coarse copy changes how many erosions it takes, never its answer."""
    floor = _jagged_corridor(pinch)
    doors = [LineString([(0, 0.5), (0, 1.5)]), LineString([(10, 0.5), (10, 1.5)])]
    plain, asked, real = _plain_search_then_count_real(floor, doors, monkeypatch)
    assert cw.clear_width(floor, doors) == plain
    assert plain == pytest.approx(pinch, abs=0.02)
    assert len(real) <= len(asked) + 1
    if pinch in (0.61, 0.9, 1.5):  # a search (not 1.996: the full width passes) that turns away from 1.237 m,
        assert len(real) < len(asked)  # where the coarse copy answers otherwise


def _comb_corridor(pinch: float) -> Polygon:
    """A 2.4 m corridor with a stair drawn into its outline as a comb of 4 cm slots, pinched to ``pinch`` m midway."""
    comb = []
    for k in reversed(range(60)):  # treads along the north wall, walked westwards: slots 4 cm wide, 0.5 m deep
        x = 0.5 + 0.1 * k
        comb += [(x + 0.06, 2.4), (x + 0.06, 2.9), (x + 0.02, 2.9), (x + 0.02, 2.4)]
    corridor = Polygon([(0, 0), (8, 0), (8, 2.4), *comb, (0, 2.4)])
    post = Polygon([(6.7, pinch), (6.9, pinch), (6.9, 2.5), (6.7, 2.5)])
    return corridor.difference(post)


@pytest.mark.parametrize("pinch", [0.7, 1.1, 1.9])
def test_a_stair_comb_corridor_is_searched_on_a_copy_with_its_slots_closed(pinch: float, monkeypatch):
    """Simplifying leaves a comb of tread slots alike; closing the slots gives the coarse copy: the same answer."""
    floor = _comb_corridor(pinch)
    assert shapely.get_num_coordinates(floor) >= cw._COMB
    doors = [LineString([(0, 0.5), (0, 1.5)]), LineString([(8, 0.5), (8, 1.5)])]
    plain, asked, real = _plain_search_then_count_real(floor, doors, monkeypatch)
    assert cw.clear_width(floor, doors) == plain
    assert plain == pytest.approx(pinch, abs=0.02)
    assert len(real) < len(asked)


@pytest.mark.parametrize("width", [0.5, 0.9, 1.2, 1.45, 1.8, 2.4])
def test_doors_settled_by_their_middles_answer_as_measuring_each(width: float) -> None:
    """A door settled by its middle's distance to a piece's outline gives the answer of measuring the door itself:
    doors on the walls, one off them (inside the floor) and one beyond a narrow neck."""
    floor = Polygon([(0, 0), (12, 0), (12, 2), (7, 2), (7, 2.6), (7.6, 2.6), (7.6, 6), (5.6, 6), (5.6, 2.6), (6.2, 2.6),
                     (6.2, 2), (0, 2)])
    doors = [LineString([(0, 0.5), (0, 1.5)]), LineString([(3, 2), (4, 2)]), LineString([(9, 0), (10, 0)]),
             LineString([(12, 0.4), (12, 1.4)]), LineString([(5, 0.8), (5, 1.2)]), LineString([(6, 6), (7, 6)])]
    shrunk = eroded(floor, width / 2)
    parts = [p for p in getattr(shrunk, "geoms", [shrunk]) if isinstance(p, Polygon) and not p.is_empty]
    for some in (doors, doors[:5], doors[1:4]):
        plain = any(all(p.distance(d) <= width / 2 + 0.06 for d in some) for p in parts)
        assert connects(floor, some, width) == plain


@pytest.mark.parametrize("pinch", [0.61, 0.9, 1.237, 1.996])
def test_the_near_door_proof_fails_only_widths_the_floor_fails(pinch: float) -> None:
    """Cut to a box about the first door and eroded by 95 % of the radius: a width shown out of reach there is one
    the whole floor's erosion fails too; the widest ones (wider than the corridor at its door) are shown."""
    floor = _jagged_corridor(pinch)
    assert shapely.get_num_coordinates(floor) > cw._INTRICATE
    doors = [LineString([(0, 0.5), (0, 1.5)]), LineString([(10, 0.5), (10, 1.5)])]
    shown = []
    for width in np.arange(0.3, 2.6, 0.05):
        if cw._fails_near(floor, doors[0], float(width)):
            shown.append(float(width))
            assert not connects(floor, doors, float(width))
    assert shown and min(shown) > 1.9  # the corridor is 2 m wide at its first door: only wider discs are shown failing
