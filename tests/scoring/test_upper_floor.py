"""An upper storey has no entrance door: routes, the wheelchair flood and scores start at its lift or stairs.

Validation and arrival rooms on such a floor: tests/floorplans/test_upper_floor.py.
"""

from __future__ import annotations

from scoring.engine import score_plan
from scoring.profiles import get_profile
from scoring.routes import routes_from_entrances, wheelchair_reach
from tests.factory import upper_floor


def test_routes_and_the_wheelchair_start_at_the_lift():
    plan = upper_floor()
    routes = routes_from_entrances(plan)
    assert set(routes) == {"hall", "gang", "mr1", "nook"}
    assert routes["nook"].length > routes["mr1"].length > 0
    reach = wheelchair_reach(plan, get_profile("br18"))
    assert reach.reachable == {"hall", "gang", "mr1", "nook"} and not reach.unreachable


def test_a_floor_reached_only_by_stairs_has_no_step_free_way_in():
    plan = upper_floor("stairs")
    reach = wheelchair_reach(plan, get_profile("br18"))
    assert reach.reachable == set()
    report = score_plan(plan)
    by_id = {c.id: c for c in report.criteria}
    assert by_id["entrance-door"].passed is False and "only by stairs" in by_id["entrance-door"].detail
    assert by_id["step-free-route"].passed is False
    assert routes_from_entrances(plan)["nook"].length > 0  # on foot, the stairs are a way in


def test_an_upper_floor_scores_with_the_lift_as_its_entrance():
    report = score_plan(upper_floor())
    by_id = {c.id: c for c in report.criteria}
    assert by_id["entrance-door"].passed is None and by_id["entrance-door"].where == ["hall"]
    assert by_id["step-free-route"].passed is True
    assert 0 < report.accessibility <= 100 and 0 < report.calmness <= 100


def test_the_scoring_cli_scores_an_upper_floor(tmp_path):
    import subprocess
    import sys

    from floorplans import write_plan

    path = tmp_path / "upper.geojson"
    write_plan(upper_floor(), path)
    done = subprocess.run([sys.executable, "-m", "scoring", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "entrance-door" in done.stdout and "reached by lift" in done.stdout
