"""programme: relabelling the rooms citizens arrive to cannot buy calm (the calmness cap)."""

from __future__ import annotations

from floorplans.model import RoomKind
from floorplans.samples import load_sample
from scoring import score_plan
from scoring.criteria.calmness.programme import CAP


def _relabelled(plan, kind: RoomKind):
    rooms = tuple(r.model_copy(update={"kind": kind}) if r.is_public else r for r in plan.rooms)
    return plan.model_copy(update={"rooms": rooms})


def test_the_baseline_has_its_reception_and_waiting_area_and_is_not_capped():
    report = score_plan(load_sample("baseline"))
    gate = report.by_id("programme")
    assert gate.applicable and gate.passed and gate.cap is None
    assert report.calmness > CAP


def test_every_public_room_relabelled_as_a_quiet_nook_is_capped_below_the_real_options():
    baseline = load_sample("baseline")
    fooled = score_plan(_relabelled(baseline, RoomKind.quiet_nook))
    gate = fooled.by_id("programme")
    assert gate.cap == CAP and not gate.passed
    assert set(gate.where) == {d.id for d in baseline.entrances}
    assert "reception or waiting area" in gate.detail and "reception eller venteområde" in gate.detail_da
    assert fooled.calmness == CAP
    for name in ("option_a", "option_b", "option_c"):
        assert fooled.calmness < score_plan(load_sample(name)).calmness, name


def test_a_waiting_area_without_seats_is_a_failure_not_a_way_out():
    baseline = load_sample("baseline")
    rooms = baseline.rooms_of_kind(RoomKind.waiting)
    waiting = {r.id for r in rooms}
    furniture = tuple(f for f in baseline.furniture if not any(r.geometry.intersects(f.geometry) for r in rooms))
    assert len(furniture) < len(baseline.furniture)
    emptied = baseline.model_copy(update={"furniture": furniture,
                                          "rooms": tuple(r.model_copy(update={"capacity": None}) if r.id in waiting else r
                                                         for r in baseline.rooms)})
    before = score_plan(baseline).by_id("waiting-density")
    after = score_plan(emptied).by_id("waiting-density")
    assert before.applicable and before.score > 0
    assert after.applicable and after.score == 0.0 and "no seats" in after.detail
