"""step-free-route: every public room reachable without steps, thresholds or narrow doors."""

from __future__ import annotations

from scoring import get_criterion, get_profile
from scoring.routes import wheelchair_reach
from tests.scoring.plans import box, change, door, mini_centre, rect

PROFILES = ["br18", "ada2010", "iso21542"]



def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_profiles_differ_on_a_25_mm_threshold():
    plan = mini_centre(m2_threshold=25)
    reach = {p: "m2" in wheelchair_reach(plan, get_profile(p)).reachable for p in PROFILES}
    assert reach == {"br18": True, "ada2010": False, "iso21542": False}
    assert "25 mm threshold" in run("step-free-route", plan, "ada2010").detail


def test_a_narrow_entrance_shuts_out_everything():
    plan = change(mini_centre(), "d_ent", points=[(0, 2.4), (0, 3.1)])
    route = run("step-free-route", plan)
    assert route.score == 0.0 and route.passed is False
    entrance = run("entrance-door", plan)
    assert entrance.passed is False and entrance.where == ["d_ent"]


def test_furniture_blocking_a_room_makes_it_unreachable():
    # a cupboard across the whole of Meeting 1 just inside its door
    plan = mini_centre().with_feature(box("block", "cupboard", 16, 4.3, 20, 4.9))
    route = run("step-free-route", plan)
    assert "m1" in route.where
    assert "furniture or a pinch point" in route.detail and "Meeting 1" in route.detail


def test_a_room_up_a_level_or_behind_stairs_is_not_step_free():
    raised = change(mini_centre(), "m1", level=0.3)
    result = run("step-free-route", raised)
    assert "m1" in result.where and "0.30 m apart" in result.detail
    low = change(mini_centre(), "m1", level=0.02)  # 20 mm: within BR18's 25 mm, over ADA's 13 mm
    assert "m1" not in run("step-free-route", low, "br18").where
    assert "m1" in run("step-free-route", low, "ada2010").where
    stairs = change(mini_centre(), "rec", kind="stairs", name="Trappe")
    plan = stairs.with_feature(rect("loft", "group_room", 4, 8.75, 9, 11, name="Loft")).with_feature(door("d_loft", (5, 8.75), (6, 8.75)))
    result = run("step-free-route", plan)
    assert "loft" in result.where and "stairs" in result.detail
