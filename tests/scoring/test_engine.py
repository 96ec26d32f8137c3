"""The engine: registry, profiles, weights, compare, the report contract and the CLI."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from floorplans import write_plan
from scoring import PROFILES, Weights, all_criteria, compare, get_profile, score_plan
from scoring.cli import main
from tests.scoring.plans import mini_centre

ROOT = Path(__file__).resolve().parents[2]

REQUIRED = {
    "accessibility": {"door-clear-width", "corridor-width", "turning-space", "step-free-route", "route-length",
                      "accessible-wc", "entrance-door", "reception-counter", "wayfinding"},
    "calmness": {"quiet-refuge", "noise-separation", "meeting-privacy", "green-exposure", "daylight", "waiting-density", "welcome"},
}


def test_registry_has_every_required_criterion_with_metadata():
    by_area: dict[str, set[str]] = {"accessibility": set(), "calmness": set()}
    for c in all_criteria():
        by_area[c.area].add(c.id)
        assert c.title and c.description and c.source, c.id
    for area, ids in REQUIRED.items():
        assert ids <= by_area[area], ids - by_area[area]
    ids = [c.id for c in all_criteria()]
    assert len(ids) == len(set(ids))


def test_profiles_carry_clauses_and_mark_unconfirmed_values():
    assert set(PROFILES) == {"br18", "ada2010", "iso21542"}
    assert get_profile("br18").door_clear_width.value == 0.77
    assert get_profile("ada2010").door_clear_width.value == 0.815
    assert get_profile("iso21542").door_clear_width.value == 0.85
    assert "§52" in get_profile("br18").door_clear_width.source
    assert "to be confirmed" in get_profile("iso21542").corridor_width.source
    assert "to be confirmed" not in get_profile("br18").max_threshold_mm.source  # read in BR18 itself
    with pytest.raises(ValueError, match="unknown rule profile 'dk'"):
        get_profile("dk")


def test_overall_figures_are_weighted_means():
    report = score_plan(mini_centre(m2_door=0.7))
    access = [c for c in report.area("accessibility") if c.applicable]
    expected = 100 * sum(c.score * c.weight for c in access) / sum(c.weight for c in access)
    assert report.by_id("access-gates").cap == 60.0  # Meeting 2 is out of a wheelchair's reach
    assert report.accessibility == pytest.approx(min(expected, 60.0), abs=0.01)
    assert all(0 <= c.score <= 1 for c in report.criteria)


def test_weights_can_be_supplied_per_run():
    plan = mini_centre(counter={"height": 1.1})  # a tall counter fails reception-counter; no gate caps the figure
    default = score_plan(plan)
    only_counter = {c.id: 0.0 for c in all_criteria(area="accessibility")} | {"reception-counter": 1.0}
    focused = score_plan(plan, weights=only_counter)
    assert focused.by_id("access-gates").cap is None
    assert focused.accessibility == pytest.approx(100 * focused.by_id("reception-counter").score, abs=0.01)
    assert focused.accessibility != default.accessibility
    assert score_plan(plan, weights=Weights()).accessibility == default.accessibility
    with pytest.raises(ValueError, match="unknown criterion"):
        score_plan(plan, weights={"no-such-criterion": 1.0})
    with pytest.raises(ValueError):
        Weights(criteria={"quiet-refuge": -1.0})


def test_every_result_explains_and_points():
    report = score_plan(mini_centre(m2_door=0.7, nook="entrance"))
    for c in report.criteria:
        assert c.detail and c.source, c.id
    failing = [c for c in report.criteria if c.passed is False]
    assert failing and all(c.where for c in failing)
    refuge = report.by_id("quiet-refuge")
    assert refuge.where == ["nook"] and refuge.points and refuge.polygons


@pytest.mark.parametrize("profile", ["br18", "ada2010", "iso21542"])
def test_every_finding_short_of_full_marks_points_at_the_plan(profile):
    """On every sample, a criterion that leaves anything to improve names the features it is about."""
    from floorplans.samples import load_sample, sample_names

    for name in sample_names():
        plan = load_sample(name)
        for c in score_plan(plan, profile).criteria:
            if c.score < 0.999:
                assert c.where, (name, c.id, c.score, c.detail)
                assert all(plan.get(fid) is not None for fid in c.where), (name, c.id, c.where)


def test_compare_gives_options_side_by_side():
    table = compare({"calm": mini_centre(nook="far"), "exposed": mini_centre(nook="entrance", m2_door=0.7)})
    assert list(table.columns) == ["calm", "exposed"]
    assert table.loc["calmness", "calm"] > table.loc["calmness", "exposed"]
    assert table.loc["accessibility", "calm"] > table.loc["accessibility", "exposed"]
    assert table.loc["door-clear-width", "exposed"] < 1.0


def test_json_report_contract(tmp_path, capsys):
    path = tmp_path / "plan.geojson"
    write_plan(mini_centre(m2_door=0.7), path)
    assert main([str(path), "--json", "--profile", "ada2010"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] == "ada2010" and data["plan"] == "mini centre"
    for row in data["criteria"]:
        assert {"id", "area", "score", "passed", "value", "threshold", "detail", "where"} <= set(row)
        assert row["area"] in ("calmness", "accessibility")


def test_cli_table_compare_and_criteria(tmp_path, capsys):
    a, b = tmp_path / "a.geojson", tmp_path / "b.geojson"
    write_plan(mini_centre(), a)
    write_plan(mini_centre(nook="entrance"), b)
    assert main([str(a)]) == 0
    out = capsys.readouterr().out
    assert "door-clear-width" in out and "calmness" in out and "profile br18" in out
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "a" in out and "quiet-refuge" in out and "calmest first: a > b" in out
    assert main(["criteria"]) == 0
    assert "step-free-route" in capsys.readouterr().out


def test_cli_bad_input_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": []}')
    for args in ([str(bad)], [str(tmp_path / "missing.geojson")], ["--profile", "nope", str(bad)], []):
        proc = subprocess.run([sys.executable, "-m", "scoring", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stdout == ""


def test_cli_vga_writes_a_csv(tmp_path, capsys):
    path = tmp_path / "plan.geojson"
    write_plan(mini_centre(), path)
    out = tmp_path / "vga.csv"
    assert main(["vga", str(path), "--grid", "1.0", "--csv", str(out)]) == 0
    header = out.read_text().splitlines()[0].split(",")
    assert header[:2] == ["x", "y"] and "connectivity" in header and "mean_depth" in header and "integration" in header
    assert main(["vga", str(path), "--grid", "0", "--csv", str(out)]) == 2


def test_a_failing_criterion_does_not_sink_the_report(monkeypatch, caplog):
    import logging

    from scoring import get_criterion
    from scoring.engine import NOT_EVALUATED
    from scoring.registry import _REGISTRY, Criterion

    original = get_criterion("daylight")

    def boom(plan, profile):
        raise RuntimeError("bad geometry")

    monkeypatch.setitem(_REGISTRY, "daylight", Criterion(**{**original.__dict__, "fn": boom}))
    with caplog.at_level(logging.WARNING, logger="scoring.engine"):
        report = score_plan(mini_centre(name="boom"))
    row = report.by_id("daylight")
    assert row.score == 0.0 and NOT_EVALUATED in row.detail and "bad geometry" in row.detail
    assert report.by_id("quiet-refuge").score > 0
    logged = [r for r in caplog.records if r.exc_info and isinstance(r.exc_info[1], RuntimeError)]
    assert len(logged) == 1 and "daylight" in logged[0].getMessage()  # with its traceback, for whoever reads the log


def test_cli_weights_option(tmp_path, capsys):
    path = tmp_path / "plan.geojson"
    write_plan(mini_centre(m2_door=0.7), path)
    weights = {c.id: 0.0 for c in all_criteria(area="accessibility")} | {"door-clear-width": 1.0}
    assert main([str(path), "--json", "--weights", json.dumps(weights)]) == 0
    data = json.loads(capsys.readouterr().out)
    door = next(c for c in data["criteria"] if c["id"] == "door-clear-width")
    gate = next(c for c in data["criteria"] if c["id"] == "access-gates")
    assert data["accessibility"] == pytest.approx(min(100 * door["score"], gate["cap"]), abs=0.1)
    assert main([str(path), "--weights", "{not json"]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main([str(path), "--weights", '{"no-such": 1}']) == 2


def test_cli_negative_weight_is_one_line(tmp_path):
    path = tmp_path / "plan.geojson"
    write_plan(mini_centre(), path)
    proc = subprocess.run([sys.executable, "-m", "scoring", str(path), "--weights", '{"quiet-refuge": -1}'],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "quiet-refuge" in proc.stderr


def test_the_collector_is_paused_while_scoring_and_restored_after():
    from scoring.engine import _collector_paused

    assert gc.isenabled()
    with _collector_paused():
        assert not gc.isenabled()
        with _collector_paused():  # nested (or another thread scoring at the same time)
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    score_plan(mini_centre().replace(), "br18")
    assert gc.isenabled()
    gc.disable()  # someone else turned it off: it stays off
    try:
        with _collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
