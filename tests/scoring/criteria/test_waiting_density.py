"""waiting-density: floor area per waiting seat."""

from __future__ import annotations

import pytest

from scoring import get_criterion, get_profile
from tests.scoring.plans import mini_centre, seat


def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_waiting_density_from_seats():
    plan = mini_centre()
    roomy = run("waiting-density", plan)
    assert roomy.value == pytest.approx(35 / 4)
    crowded = plan
    for i in range(36):
        crowded = crowded.with_feature(seat(f"x{i}", 9.3 + (i % 12) * 0.55, 4.2 + (i // 12) * 0.6))
    tight = run("waiting-density", crowded)
    assert tight.value == pytest.approx(35 / 40)
    assert tight.score == 0.0 and "crowded" in tight.detail
    assert roomy.score == 1.0
