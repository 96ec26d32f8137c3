"""The designer's score rows show a criterion with nothing to judge as n/a, without a score bar."""

from __future__ import annotations

from planner.designer.analysis import score_rows
from tests.factory import upper_floor


def test_an_upper_floor_lists_its_not_applicable_criteria_as_n_a():
    rows = {r.id: r for r in score_rows(upper_floor(), "br18")}
    assert rows["reception-counter"].applicable is False and rows["reception-counter"].verdict == "n/a"
    assert rows["entrance-door"].verdict == "n/a"
    assert rows["step-free-route"].applicable is True and rows["step-free-route"].verdict == "pass"
