"""A criterion with nothing to judge is not applicable: it weighs nothing, and the report says how many applied."""

from __future__ import annotations

import json

import pytest

from floorplans.model import RoomKind
from scoring import score_plan
from scoring.cli import format_report
from scoring.engine import weighted_mean
from tests.factory import upper_floor
from tests.scoring.plans import change, door, make_plan, mini_centre, rect, window


def offices_only():
    """A floor of staff offices off a corridor, entered from outside: none of the job-centre rooms."""
    return make_plan(
        rect("o1", "open_office", 0, 0, 10, 6), rect("cor", "corridor", 0, 6, 20, 8), rect("o2", "open_office", 10, 0, 20, 6),
        rect("st", "staff_room", 0, 8, 10, 14), door("d_in", (0, 6.5), (0, 7.5), entrance=True),
        door("d1", (2, 6), (3, 6)), door("d2", (12, 6), (13, 6)), door("d3", (2, 8), (3, 8)), window("w", (0, 0), (5, 0)))


def test_missing_rooms_weigh_nothing_instead_of_half_credit():
    report = score_plan(offices_only())
    na = {c.id for c in report.criteria if not c.applicable}
    assert {"meeting-privacy", "meeting-sightlines", "noise-separation", "waiting-density", "daylight", "view-out",
            "green-exposure", "wayfinding", "route-length"} <= na
    for c in report.criteria:
        if not c.applicable:
            assert c.score == 0.0 and c.passed is None and c.detail
    # no calmness credit for the job-centre rooms it lacks: no room citizens stay in, so no calmness criterion applies
    assert not any(c.applicable for c in report.area("calmness"))
    assert report.calmness == 0.0 and "calmness has nothing to judge" in report.by_id("reverberation").detail
    assert report.by_id("reverberation").detail_da.startswith("planen har intet rum")


def test_a_floor_citizens_come_into_without_a_quiet_nook_fails_quiet_refuge():
    plan = mini_centre(nook="none")
    result = score_plan(plan).by_id("quiet-refuge")
    assert result.applicable and result.score == 0.0 and set(result.where) == {"ent", "wait"}


def test_the_figures_are_means_of_the_applicable_criteria_only():
    plan = mini_centre()
    for rid in ("m1", "m2", "m3"):
        plan = plan.without(rid)
    plan = plan.without("d_m1").without("d_m2").without("d_m3").without("w_m1")
    report = score_plan(plan)
    assert not report.by_id("meeting-privacy").applicable and not report.by_id("meeting-sightlines").applicable
    calm = [c for c in report.area("calmness") if c.applicable]
    assert report.calmness == pytest.approx(100 * sum(c.score * c.weight for c in calm) / sum(c.weight for c in calm), abs=0.01)
    assert report.calmness == pytest.approx(weighted_mean(report.area("calmness")), abs=0.01)


def test_the_report_says_how_many_criteria_applied():
    report = score_plan(offices_only())
    data = json.loads(report.to_contract_json())
    assert data["criteria_applied"] == sum(c["applicable"] for c in data["criteria"]) < data["criteria_total"] == len(data["criteria"])
    text = format_report(report)
    assert f"{data['criteria_applied']} of {data['criteria_total']} criteria applied" in text
    assert "  n/a  " in text


def test_reception_counter_fails_a_storey_entered_without_a_reception_naming_the_entrance():
    plan = mini_centre()
    no_reception = change(plan, "rec", kind=RoomKind.waiting)
    result = score_plan(no_reception).by_id("reception-counter")
    assert result.applicable and result.score == 0.0 and result.where == ["d_ent"]
    assert "citizens come in by d_ent but the floor has no reception" in result.detail
    assert "borgerne kommer ind ad d_ent" in result.detail_da


def test_an_upper_floor_without_entrance_has_no_reception_to_judge():
    report = score_plan(upper_floor())
    assert not report.by_id("reception-counter").applicable
    assert not report.by_id("entrance-door").applicable  # the building's entrance is judged on its own level
    assert report.by_id("reception-counter").weight > 0  # it keeps its weight; the engine leaves it out


def test_mini_centre_has_everything_to_judge():
    report = score_plan(mini_centre())
    assert all(c.applicable for c in report.criteria), [c.id for c in report.criteria if not c.applicable]
