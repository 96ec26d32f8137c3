"""corridor-width: corridors wide enough, furniture included."""

from __future__ import annotations

import pytest

from scoring import get_criterion, get_profile
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
