"""access-gates in the engine: a failed gate caps the accessibility figure and is its own finding."""

from __future__ import annotations

import json

from floorplans.model import RoomKind
from floorplans.samples import load_sample
from scoring import score_plan
from scoring.engine import weighted_mean
from scoring.profiles import Caps, get_profile
from tests.scoring.plans import change, mini_centre

BR18 = get_profile("br18")


def test_a_good_plan_is_not_capped():
    report = score_plan(mini_centre())
    gate = report.by_id("access-gates")
    assert gate.cap is None and gate.passed is True and gate.weight == 0.0
    assert report.accessibility == round(weighted_mean(report.area("accessibility")), 2)


def test_a_060_m_entrance_caps_accessibility_at_40_naming_the_door():
    good, narrow = score_plan(mini_centre()), score_plan(change(mini_centre(), "d_ent", clear_width=0.6))
    gate = narrow.by_id("access-gates")
    assert narrow.accessibility <= 40.0 < good.accessibility
    assert weighted_mean(narrow.area("accessibility")) > 40  # the mean alone would have bought it back
    assert gate.cap == 40.0 and gate.where[0] == "d_ent" and gate.passed is False
    assert "accessibility is capped at 40" in gate.detail and "d_ent is 0.60 m clear; widen it to 0.77 m" in gate.detail
    assert "tilgængeligheden kan højst blive 40" in gate.detail_da and "gør den 0,77 m bred" in gate.detail_da


def test_no_accessible_wc_caps_at_60():
    report = score_plan(mini_centre(wc=False))
    assert report.accessibility <= 60.0 and report.by_id("access-gates").cap == 60.0
    assert "no accessible WC" in report.by_id("access-gates").detail


def test_no_accessible_wc_on_the_baseline_caps_it():
    base = load_sample("baseline")
    relabelled = base
    for r in base.rooms_of_kind(RoomKind.wc_accessible):
        relabelled = change(relabelled, r.id, kind=RoomKind.wc)
    before, after = score_plan(base), score_plan(relabelled)
    assert before.accessibility > 60 >= after.accessibility


def test_a_profile_sets_its_own_caps():
    strict = BR18.model_copy(update={"name": "strict", "caps": Caps(no_way_in=20.0, unreachable=50.0, no_accessible_wc=50.0)})
    assert score_plan(change(mini_centre(), "d_ent", clear_width=0.6), strict).accessibility <= 20.0
    assert score_plan(mini_centre(wc=False), strict).accessibility <= 50.0


def test_the_cap_is_in_the_json_report():
    data = json.loads(score_plan(change(mini_centre(), "d_ent", clear_width=0.6)).to_contract_json())
    gate = next(c for c in data["criteria"] if c["id"] == "access-gates")
    assert gate["cap"] == 40.0 and data["accessibility"] <= 40.0
