"""Accessibility gates on hand-made plans: each names its cap, what blocks, and what to change."""

from __future__ import annotations

from scoring.access_gates import accessibility_gates
from scoring.profiles import Caps, get_profile
from tests.scoring.plans import change, mini_centre

BR18 = get_profile("br18")


def _rules(plan, profile=BR18) -> dict[str, object]:
    return {g.rule: g for g in accessibility_gates(plan, profile)}


def test_a_good_plan_passes_every_gate() -> None:
    assert accessibility_gates(mini_centre(), BR18) == []


def test_a_060_m_entrance_means_no_way_in_capped_at_40() -> None:
    gates = accessibility_gates(change(mini_centre(), "d_ent", clear_width=0.6), BR18)
    assert [g.rule for g in gates] == ["no-step-free-entry"]  # nothing else is judged: nobody gets in
    gate = gates[0]
    assert gate.cap == 40.0 and gate.where == ["d_ent"]
    assert "0.60 m clear; widen it to 0.77 m" in gate.text.en
    assert "0,60 m fri bredde; gør den 0,77 m bred" in gate.text.da


def test_a_raised_entrance_threshold_means_no_way_in() -> None:
    gate = _rules(change(mini_centre(), "d_ent", threshold_mm=60))["no-step-free-entry"]
    assert "60 mm threshold; lower it to 25 mm" in gate.text.en and gate.where == ["d_ent"]


def test_no_accessible_wc_caps_at_60() -> None:
    gates = _rules(mini_centre(wc=False))
    assert set(gates) == {"no-accessible-wc"} and gates["no-accessible-wc"].cap == 60.0


def test_a_public_room_out_of_reach_caps_at_60_naming_the_door() -> None:
    gate = _rules(mini_centre(m2_door=0.7))["public-room-unreachable"]
    assert gate.cap == 60.0
    assert gate.where == ["m2", "d_m2"]
    assert "Meeting 2" in gate.text.en and "d_m2 is only 0.70 m clear" in gate.text.en
    assert "dør d_m2 har kun 0,70 m fri bredde" in gate.text.da


def test_the_accessible_wc_out_of_reach_caps_at_60() -> None:
    gate = _rules(change(mini_centre(), "d_wca", clear_width=0.7))["wc-unreachable"]
    assert gate.cap == 60.0 and "d_wca" in gate.where and "Accessible WC" in gate.text.en


def test_a_profile_sets_its_own_caps() -> None:
    strict = BR18.model_copy(update={"name": "strict", "caps": Caps(no_way_in=20.0, unreachable=50.0)})
    assert _rules(change(mini_centre(), "d_ent", clear_width=0.6), strict)["no-step-free-entry"].cap == 20.0
    assert _rules(mini_centre(m2_door=0.7), strict)["public-room-unreachable"].cap == 50.0
