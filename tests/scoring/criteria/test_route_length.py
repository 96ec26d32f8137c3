"""route-length: walking routes go through doors, not walls."""

from __future__ import annotations

import pytest

from scoring import get_criterion, get_profile
from scoring.routes import routes_from_entrances
from tests.scoring.plans import door, make_plan, mini_centre, rect

PROFILES = ["br18", "ada2010", "iso21542"]



def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_route_length_walks_through_doors_not_through_walls():
    plan = mini_centre()
    routes = routes_from_entrances(plan)
    # Meeting 3 sits south of the corridor: the walk goes in by the entrance door, along the corridor and through d_m3.
    m3 = routes["m3"]
    straight = ((0 - 18) ** 2 + (3 - 0) ** 2) ** 0.5
    assert m3.length > straight
    assert m3.passages(__import__("scoring.routes", fromlist=["walk_graph"]).walk_graph(plan)) == ["d_ent", "d_ent_cor", "d_m3"]
    result = run("route-length", plan)
    assert result.passed is None  # guidance, not a rule
    assert 0.9 <= result.score <= 1.0
    assert result.lines and len(result.lines[0]) >= 2


def test_route_length_goes_round_an_l_shaped_room():
    # An L-shaped hall: the walk from the door to the far arm bends round the inner corner.
    hall = rect("hall", "entrance", 0, 0, 10, 10)
    hall = hall.model_validate({**hall.model_dump(), "rings": [[(0, 0), (10, 0), (10, 3), (3, 3), (3, 10), (0, 10), (0, 0)]]})
    plan = make_plan(
        hall,
        door("d_in", (10, 0.5), (10, 2.5), entrance=True),
        rect("rec", "reception", 0, 10, 3, 13),
        door("d_rec", (1, 10), (2, 10)),
    )
    route = routes_from_entrances(plan)["rec"]
    assert route.length > ((10 - 1.5) ** 2 + (1.5 - 10) ** 2) ** 0.5 + 0.5  # longer than the straight line across the wall
    assert any(abs(x - 3) < 1e-6 and abs(y - 3) < 1e-6 for x, y in route.line)  # bends at the reflex corner


def test_the_routes_are_drawn_once_per_plan_and_handed_out_read_only():
    """Three criteria ask for the entrance routes: the second ask gets the same mapping, which nobody can change."""
    plan = mini_centre()
    routes = routes_from_entrances(plan)
    assert routes_from_entrances(plan) is routes and "m3" in routes
    assert routes_from_entrances(plan, frozenset({"d_ent"})) is not routes  # other passages allowed: other routes
    with pytest.raises(TypeError):
        routes["m3"] = routes["m3"]  # type: ignore[index]  # the mapping is read-only on purpose
