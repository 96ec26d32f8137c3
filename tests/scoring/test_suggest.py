"""Suggestions (scoring.suggest): real gains on the baseline sample, figures that re-score exactly, locks, determinism."""

from __future__ import annotations

import json

import pytest

from floorplans import dumps_plan, plan_from_geojson, validate_plan
from floorplans.problems import errors_only
from floorplans.samples import load_sample
from scoring import score_plan
from scoring.cli import main
from scoring.suggest import COSTS, SuggestionResult, suggest
from tests.factory import two_rooms
from tests.scoring.plans import change, mini_centre


@pytest.fixture(scope="module")
def baseline():
    return load_sample("baseline")


@pytest.fixture(scope="module")
def result(baseline) -> SuggestionResult:
    return suggest(baseline, "br18")


def _access(report):
    return {c.id: c.score for c in report.area("accessibility")}


def _lowers_nothing(before, after) -> bool:
    old = _access(before)
    return (after.calmness >= before.calmness and after.accessibility >= before.accessibility
            and all(after.by_id(cid).score >= s - 1e-9 for cid, s in old.items()))


def test_the_best_chain_on_the_baseline_raises_calmness_by_20_points_without_lowering_accessibility(result):
    assert result.report.calmness == score_plan(load_sample("baseline")).calmness
    best = result.suggestions[0]
    assert 1 <= len(best.edits) <= 3
    assert best.calmness - result.report.calmness >= 20.0
    assert best.accessibility >= result.report.accessibility
    assert _lowers_nothing(result.report, best.report)
    # best first; each edit explained in both languages, naming its features, with a cost class
    base = result.report.calmness + result.report.accessibility
    gains = [round(s.calmness + s.accessibility - base, 1) for s in result.suggestions]  # equal to 0.1: cheaper first
    assert gains == sorted(gains, reverse=True)
    for s in result.suggestions:
        for e in s.edits:
            assert e.cost in COSTS and e.features and e.en and e.da and e.en != e.da
            assert any(result.plan.get(f) is not None and (getattr(result.plan.get(f), "name", "") or f) in e.en
                       for f in e.features)


def test_every_claimed_figure_is_what_the_edited_plan_scores_from_scratch(result, baseline):
    contract = json.loads(json.dumps(result.to_contract(), ensure_ascii=False))
    assert contract["calmness"] == score_plan(baseline).calmness
    assert len(contract["suggestions"]) == len(result.suggestions) >= 3
    for s in contract["suggestions"]:
        plan = plan_from_geojson(s["plan"])  # a new plan object: nothing cached
        assert errors_only(validate_plan(plan)) == []
        report = score_plan(plan, "br18")
        assert (s["calmness"], s["accessibility"]) == (report.calmness, report.accessibility)
        assert s["criteria"] and all(report.by_id(cid).score == pytest.approx(v, abs=5e-4) for cid, v in s["criteria"].items())
        assert {e["op"] for e in s["edits"]} and all(set(e) >= {"op", "features", "text", "cost"} for e in s["edits"])
        assert _lowers_nothing(result.report, report)


def test_the_input_plan_is_untouched_and_the_same_input_gives_the_same_output(result, baseline):
    assert dumps_plan(baseline) == dumps_plan(load_sample("baseline"))
    again = suggest(load_sample("baseline"), "br18")
    assert json.dumps(again.to_contract(), sort_keys=True) == json.dumps(result.to_contract(), sort_keys=True)


def test_locked_features_never_change(result, baseline):
    locked = sorted({f for e in result.suggestions[0].edits for f in e.features if baseline.get(f) is not None})
    assert locked
    out = suggest(baseline, "br18", locked=locked, top=3, max_edits=2)
    assert out.suggestions
    for s in out.suggestions:
        for fid in locked:
            assert s.plan.get(fid) == baseline.get(fid)
        assert not set(s.features) & set(locked)


def test_a_narrow_door_to_an_unreachable_room_gets_widened():
    plan = plan_from_geojson(two_rooms(clear_width=0.6, threshold_mm=40))
    before = score_plan(plan)
    assert before.by_id("step-free-route").score < 1.0
    out = suggest(plan, "br18", max_edits=1)
    widen = [s for s in out.suggestions if s.edits[0].op == "widen-door"]
    assert widen and widen[0].edits[0].features == ("d-mid",)
    door = widen[0].plan.get("d-mid")
    assert door.width >= 0.77 and door.threshold_mm == 0
    assert widen[0].report.by_id("step-free-route").score == 1.0
    assert "d-mid" in widen[0].edits[0].en and "0.77" in widen[0].edits[0].en and "0,77" in widen[0].edits[0].da


def test_a_plan_at_its_best_gets_no_suggestion_that_lowers_anything_and_is_told_why():
    plan = plan_from_geojson(two_rooms())
    for _ in range(5):
        out = suggest(plan, "br18")
        for s in out.suggestions:
            assert _lowers_nothing(out.report, s.report)
            assert s.calmness + s.accessibility > out.report.calmness + out.report.accessibility
        if not out.suggestions:
            break
        plan = out.suggestions[0].plan
    assert out.suggestions == ()
    assert out.reason and out.reason_da and out.to_contract()["reason"] == out.reason


def test_bad_input_is_refused(baseline, tmp_path, capsys):
    with pytest.raises(ValueError, match="nope"):
        suggest(baseline, locked=["nope"])
    with pytest.raises(ValueError, match="top"):
        suggest(baseline, top=0)
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "a", "properties": '
                   '{"feature": "room", "kind": "bogus"}, "geometry": {"type": "Polygon", "coordinates": '
                   '[[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}')
    for args in (["suggest", str(bad)], ["suggest", str(tmp_path / "missing.geojson")],
                 ["suggest", "floorplans/samples/baseline.geojson", "--lock", "nope"],
                 ["suggest", "floorplans/samples/baseline.geojson", "--max-edits", "0"],
                 ["suggest", "floorplans/samples/baseline.geojson", "--top", "x"]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, (args, err)


def test_the_command_prints_the_contract_json(tmp_path, capsys):
    path = tmp_path / "two.geojson"
    path.write_text(json.dumps(two_rooms(clear_width=0.6)))
    assert main(["suggest", str(path), "--json", "--top", "2", "--max-edits", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"plan", "profile", "calmness", "accessibility", "suggestions"}
    assert 1 <= len(data["suggestions"]) <= 2
    s = data["suggestions"][0]
    assert s["plan"]["type"] == "FeatureCollection" and len(s["edits"]) == 1


def test_progress_is_reported_and_a_cancelled_search_says_so():
    plan = plan_from_geojson(two_rooms(clear_width=0.6))
    seen: list[float] = []
    out = suggest(plan, "br18", progress=lambda f, _msg: seen.append(f))
    assert out.suggestions and seen and seen[-1] == 1.0 and all(0.0 <= f <= 1.0 for f in seen)
    stopped = suggest(plan, "br18", cancelled=lambda: True)
    assert stopped.suggestions == () and stopped.stats.cancelled
    assert "cancelled" in stopped.reason and stopped.to_contract()["cancelled"] is True


def _facade_nook():
    """The mini job centre with its quiet nook (on the east façade) left without a window."""
    return mini_centre().without("w_nook")


def test_a_windowless_quiet_room_on_the_facade_gets_a_window_that_lets_in_daylight():
    plan = _facade_nook()
    before = score_plan(plan)
    assert "nook" in before.by_id("daylight").where and "nook" in before.by_id("view-out").where
    out = suggest(plan, "br18", top=5, max_edits=1)
    add = [s for s in out.suggestions if s.edits[0].op == "add-window" and s.edits[0].features[0] == "nook"]
    assert add, [s.edits[0].en for s in out.suggestions]
    s = add[0]
    step = s.edits[0]
    assert step.cost == "wall" and "Quiet nook" in step.en and "Quiet nook" in step.da
    assert "vindue" in step.da and "window" in step.en and step.en != step.da
    (new_id,) = [f for f in step.features if plan.get(f) is None]
    window = s.plan.get(new_id)
    assert (window.sill, window.head, window.light_transmittance) == (0.9, 2.1, 0.7) and window.length >= 1.2
    assert errors_only(validate_plan(s.plan)) == []  # on the outside wall, not over another window or door
    assert all(not window.geometry.buffer(0.25).intersects(f.geometry) for f in (*plan.windows, *plan.doors))
    # what it claims is what the edited plan scores from scratch, and daylight and the view out go up
    again = score_plan(plan_from_geojson(json.loads(json.dumps(s.to_contract()["plan"]))))
    assert (again.calmness, again.accessibility) == (s.calmness, s.accessibility)
    assert again.by_id("daylight").score > before.by_id("daylight").score
    assert again.by_id("view-out").score > before.by_id("view-out").score
    assert "nook" not in again.by_id("daylight").where
    assert _lowers_nothing(before, again)
    # locking the nook keeps it windowless; the same input gives the same output
    locked = suggest(plan, "br18", top=5, max_edits=1, locked=["nook"])
    assert not any("nook" in e.features for x in locked.suggestions for e in x.edits)
    assert json.dumps(suggest(plan, "br18", top=5, max_edits=1).to_contract(), sort_keys=True) == \
        json.dumps(out.to_contract(), sort_keys=True)


def test_a_conversation_room_door_onto_the_waiting_room_is_moved_onto_the_corridor():
    north0 = 2.25 + 1.5
    plan = change(mini_centre(), "d_m1", points=[(16, north0 + 2), (16, north0 + 3)])  # Meeting 1 opens onto Waiting
    before = score_plan(plan)
    out = suggest(plan, "br18", top=8, max_edits=1, beam=8)
    moves = [s for s in out.suggestions if s.edits[0].op == "move-door"]
    assert moves, [s.edits[0].en for s in out.suggestions]
    s = moves[0]
    step = s.edits[0]
    assert step.features == ("d_m1",) and step.cost == "door"
    assert "Meeting 1" in step.en and "Corridor" in step.en and "Meeting 1" in step.da and "Flyt døren" in step.da
    door = s.plan.get("d_m1")
    assert door.length == pytest.approx(plan.get("d_m1").length) and {y for _, y in door.points} == {north0}
    again = score_plan(plan_from_geojson(json.loads(json.dumps(s.to_contract()["plan"]))))
    assert (again.calmness, again.accessibility) == (s.calmness, s.accessibility)
    assert again.by_id("meeting-sightlines").score > before.by_id("meeting-sightlines").score
    assert errors_only(validate_plan(s.plan)) == [] and _lowers_nothing(before, again)
