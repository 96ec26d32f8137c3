"""reception-counter: a low section a wheelchair user can use."""

from __future__ import annotations

from scoring import get_criterion, get_profile
from tests.scoring.plans import mini_centre

PROFILES = ["br18", "ada2010", "iso21542"]



def run(criterion_id: str, plan, profile: str = "br18"):
    return get_criterion(criterion_id).evaluate(plan, get_profile(profile))


def test_reception_counter_tall_low_and_unknown():
    assert run("reception-counter", mini_centre()).score == 1.0  # no counter
    tall = run("reception-counter", mini_centre(counter={"height_mm": 1100}), "ada2010")
    assert tall.passed is False and tall.where == ["counter"]
    low = run("reception-counter", mini_centre(counter={"height": 0.75}), "ada2010")
    assert low.passed is True
    unknown = run("reception-counter", mini_centre(counter={}))
    assert unknown.passed is None and "not given" in unknown.detail
    section = run("reception-counter", mini_centre(counter={"height_mm": 1100, "low_section": True}), "ada2010")
    assert section.passed is True
    assert run("reception-counter", mini_centre(counter={"height_mm": 1100}), "br18").passed is None  # BR18 sets no rule
