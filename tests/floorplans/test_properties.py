"""Property tests: random rectangles-and-doors plans validate or give a clear error, never crash."""

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from floorplans import PlanError, Problem, dumps_plan, parse_plan, plan_from_geojson, validate_plan
from floorplans.model import RoomKind
from tests.factory import collection, door, room

KINDS = [k.value for k in RoomKind] + ["sauna", ""]
coordinate = st.one_of(
    st.integers(min_value=-5, max_value=40).map(lambda v: v / 2),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    st.sampled_from([math.nan, math.inf, 0.0]),
)


@st.composite
def rectangles_and_doors(draw):
    features = []
    for i in range(draw(st.integers(min_value=0, max_value=6))):
        x0, y0 = draw(st.integers(0, 20)), draw(st.integers(0, 20))
        w, h = draw(st.integers(0, 8)), draw(st.integers(0, 8))
        features.append(room(f"r{i}", draw(st.sampled_from(KINDS)), (x0, y0, x0 + w, y0 + h),
                             capacity=draw(st.one_of(st.none(), st.integers(-2, 30)))))
    for i in range(draw(st.integers(min_value=0, max_value=6))):
        a = (draw(coordinate), draw(coordinate))
        b = (draw(coordinate), draw(coordinate))
        features.append(door(f"d{i}", a, b, entrance=draw(st.booleans()),
                             clear_width=draw(st.one_of(st.none(), st.floats(-1, 3, allow_nan=False)))))
    if features and draw(st.booleans()):
        features.append(dict(features[0]))  # a duplicate id
    return collection(*features)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rectangles_and_doors())
def test_random_plans_validate_or_fail_clearly(document):
    text = json.dumps(document)  # NaN/Infinity become the non-standard tokens Python writes
    try:
        plan = parse_plan(text)
    except PlanError as exc:
        assert exc.problems and all(isinstance(p, Problem) and p.message for p in exc.problems)
        assert "\n" not in exc.one_line()
        return
    problems = validate_plan(plan)
    assert all(isinstance(p, Problem) and p.message for p in problems)
    assert parse_plan(dumps_plan(plan)) == plan  # whatever parses round-trips


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.floats() | st.text(max_size=5),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
                    max_leaves=20))
def test_arbitrary_json_never_crashes(document):
    try:
        plan = plan_from_geojson(document)
    except PlanError as exc:
        assert exc.problems
    else:
        validate_plan(plan)
