"""Surveys, aggregation (with small-group suppression), export, backup/restore, the demo seed and the CLI."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from input_forms import aggregate, export, feedback, kiosks, projects, publication, surveys, users, voting
from input_forms.__main__ import main
from input_forms.demo import DEMO_KIOSK_TOKEN, seed_demo
from input_forms.errors import ValidationFailed
from input_forms.tiny_plan import tiny_plan_geojson

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fast_bcrypt(monkeypatch):
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def project_setup(engine):
    project = projects.create_project(engine, "Results test")
    a = projects.add_option(engine, project.id, "A", tiny_plan_geojson())
    b = projects.add_option(engine, project.id, "B", tiny_plan_geojson(width=15))
    k1 = kiosks.register_kiosk(engine, project.id, "Reception", option_id=a.id)
    k2 = kiosks.register_kiosk(engine, project.id, "Waiting room", option_id=b.id)
    return engine, project, a, b, k1, k2


def submit(engine, kiosk, rating, calmer=(), pin=None, text=None, hours=0):
    return feedback.submit_feedback(engine, {"client_id": uuid.uuid4().hex, "kiosk_token": kiosk.token, "rating": rating,
                                             "calmer": list(calmer), "pin": pin, "text": text, "language": "da"},
                                    now=T0 + timedelta(hours=hours), min_gap_s=0)


# --- surveys -----------------------------------------------------------------------------------

def test_survey_means_and_confidence_intervals(engine):
    project = projects.create_project(engine, "Survey")
    survey = surveys.create_survey(engine, project.id, "Your visit", ["I felt calm", "I found my way"])
    calm, way = (i.id for i in survey.items)
    for value in [2, 3, 3, 4, 3]:  # baseline: mean 3, sd sqrt(0.5); t(0.975, 4) = 2.776
        surveys.submit_response(engine, survey.id, "baseline", {calm: value, way: 4}, why={calm: "mail me at a@b.dk"})
    for value in [4, 5, 4]:  # after: only 3 answers -> suppressed
        surveys.submit_response(engine, survey.id, "after", {calm: value})
    res = surveys.survey_results(engine, survey.id).set_index(["item_id", "phase"])
    row = res.loc[(calm, "baseline")]
    half = 2.7764451 * math.sqrt(0.5) / math.sqrt(5)
    assert (row.n, row["mean"]) == (5, 3.0) and not row.suppressed
    assert row.ci_low == pytest.approx(3 - half, abs=1e-6) and row.ci_high == pytest.approx(3 + half, abs=1e-6)
    after = res.loc[(calm, "after")]
    assert after.n == 3 and after.suppressed and after.note == "too few answers" and math.isnan(after["mean"])
    constant = res.loc[(way, "baseline")]
    assert (constant["mean"], constant.ci_low, constant.ci_high) == (4.0, 4.0, 4.0)
    assert res.loc[(way, "after")].n == 0


def test_survey_validation(engine):
    project = projects.create_project(engine, "Survey")
    with pytest.raises(ValidationFailed, match="1 to 5"):
        surveys.create_survey(engine, project.id, "Too long", [f"q{n}" for n in range(6)])
    survey = surveys.create_survey(engine, project.id, "S", ["q"])
    item = survey.items[0].id
    with pytest.raises(ValidationFailed, match="phase"):
        surveys.submit_response(engine, survey.id, "during", {item: 3})
    with pytest.raises(ValidationFailed, match="1-5"):
        surveys.submit_response(engine, survey.id, "baseline", {item: 6})
    with pytest.raises(ValidationFailed, match="not in survey"):
        surveys.submit_response(engine, survey.id, "baseline", {item + 100: 3})
    assert surveys.survey_results(engine, survey.id).n.sum() == 0


# --- aggregation -------------------------------------------------------------------------------

def test_summaries_suppress_small_groups(project_setup):
    engine, project, a, b, k1, k2 = project_setup
    for rating in [5, 4, 4, 2, 5, 3]:
        submit(engine, k1, rating, calmer=["plants"])
    for rating in [1, 2, 3]:
        submit(engine, k2, rating, calmer=["quiet_corner"])
    published = publication.publish(engine, project.id)
    by_option = published.by_option.set_index("option_name")
    assert by_option.loc["A", "n"] == 6 and by_option.loc["A", "mean_rating"] == pytest.approx(23 / 6, abs=0.01)
    assert by_option.loc["A", "share_positive"] == pytest.approx(4 / 6, abs=0.001)
    assert by_option.loc["A", "rating_4"] == 2 and by_option.loc["A", "rating_2"] == 1
    # a hidden group shows no count at all (it used to show n = 3)
    assert by_option.loc["B", "suppressed"] and by_option.loc["B", "note"] == "hidden (fewer than 5)"
    assert by_option.loc["B", "n"] is pd.NA and math.isnan(by_option.loc["B", "mean_rating"])
    assert by_option.loc["B", "rating_1"] is pd.NA
    by_kiosk = published.by_kiosk.set_index("kiosk_label")
    assert by_kiosk.loc["Reception", "n"] == 6 and by_kiosk.loc["Waiting room", "suppressed"]
    # the hidden kiosk's 3 entries are in no published figure: item shares and the week are over the 6 others
    # (they used to be over all 9, so that the total minus Reception gave the Waiting room's answers)
    shares = published.item_shares().set_index("key")
    assert shares.loc["plants", "share"] == 1.0 and shares.loc["quiet_corner", "n_choosing"] == 0
    only_b = published.item_shares(option_id=b.id)
    assert only_b["suppressed"].all() and only_b["share"].isna().all() and only_b["n_choosing"].isna().all()
    over_time = published.by_period
    assert list(over_time.n) == [6] and over_time.mean_rating[0] == pytest.approx(23 / 6, abs=0.01)
    assert published.totals.n[0] == 6


def test_suggested_weights_follow_the_documented_mapping(project_setup):
    engine, project, _, _, k1, _ = project_setup
    assert publication.publish(engine, project.id).suggested_weights() == {}  # no responses: no suggestion
    choices = [["plants", "quiet_corner"], ["plants"], ["plants", "daylight"], ["plants"], ["quiet_corner"], []]
    for calmer in choices:
        submit(engine, k1, 3, calmer=calmer)
    weights = publication.publish(engine, project.id).suggested_weights()
    # shares: plants 4/6 (top), quiet_corner 2/6, daylight 1/6 -> 1 + 2 * share / top
    assert weights["green-exposure"] == 3.0
    assert weights["quiet-refuge"] == 2.0
    assert weights["daylight"] == 1.5
    assert weights["wayfinding"] == weights["welcome"] == weights["meeting-privacy"] == 1.0
    assert set(weights) == set(aggregate.ITEM_CRITERIA.values())


def test_pins_and_density_with_suppression(project_setup):
    engine, project, a, _, k1, _ = project_setup
    for _ in range(4):
        submit(engine, k1, 3, pin={"option_id": a.id, "x": 6.0, "y": 4.0, "category": "stressful"})
    few = publication.publish(engine, project.id).pins(a.id)
    assert few.empty and few.attrs["suppressed"] and few.attrs["n"] is None  # no count for hidden pins
    xs, ys, values = aggregate.pin_density(few, a.plan())
    assert xs.size == ys.size == values.size == 0
    submit(engine, k1, 4, pin={"option_id": a.id, "x": 2.0, "y": 2.0, "category": "calm"})
    shown = publication.publish(engine, project.id).pins(a.id)
    assert len(shown) == 5 and sorted(shown.category) == ["calm"] + ["stressful"] * 4
    xs, ys, values = aggregate.pin_density(shown, a.plan(), cell=0.5)
    assert xs.size == 24 * 16  # the 12 x 8 m plan in 0.5 m cells
    peak = np.argmax(values)
    assert (xs[peak], ys[peak]) in {(5.75, 3.75), (6.25, 3.75), (5.75, 4.25), (6.25, 4.25)}
    assert values.sum() * 0.25 == pytest.approx(5, rel=0.15)  # ~ all pin mass lies on the floor


# --- export, backup, restore ---------------------------------------------------------------------

def _with_texts(engine, project, k1):
    approved = submit(engine, k1, 4, text="Flere planter, tak")
    rejected = submit(engine, k1, 1, text="Rude words and my number 12345678")
    pending = submit(engine, k1, 2, text="Waiting for moderation")
    feedback.approve_text(engine, approved.feedback_id)
    feedback.reject_text(engine, rejected.feedback_id)
    return approved, rejected, pending


def test_export_holds_approved_text_only_and_no_secrets(project_setup):
    engine, project, a, b, k1, k2 = project_setup
    _with_texts(engine, project, k1)
    for n in range(3):
        submit(engine, k1, 5, calmer=["daylight"], hours=n)
    submit(engine, k2, 2, text="Only two entries here")  # kiosk 2 / option B: too few to publish row by row
    submit(engine, k2, 3)
    feedback.approve_text(engine, feedback.moderation_queue(engine, project.id)[-1].feedback_id)
    text = export.export_feedback_csv(engine, project.id)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 6 and rows[0]["week"] == "2026-03-02" and rows[0]["kiosk"] == "Reception"
    assert [r["text"] for r in rows if r["text"]] == ["Flere planter, tak"]
    data = export.export_project_json(engine, project.id)
    dumped = json.dumps(data, allow_nan=False)
    assert "Rude words" not in dumped and "Waiting for moderation" not in dumped and "Flere planter" in dumped
    # how many entries were withheld is not said any more (with one hidden group it was that group's n)
    assert "Only two entries" not in dumped and "feedback_withheld" not in data
    assert k1.token not in dumped and "password" not in dumped
    assert data["summary_by_option"][0]["n"] == 6 and data["summary_by_option"][1]["n"] is None
    assert data["summary_by_option"][1]["note"] == "hidden (fewer than 5)"
    assert data["feedback"][0]["week"] == "2026-03-02" and data["feedback"][0]["rating"] == 4


def test_backup_restore_round_trip(project_setup):
    engine, project, a, b, k1, k2 = project_setup
    approved, _, pending = _with_texts(engine, project, k1)
    projects.update_option(engine, a.id, tiny_plan_geojson(width=14), notes="v2")
    voter = users.create_user(engine, "voter", "ballot box password", "staff")
    rnd = voting.open_round(engine, project.id, [a.id, b.id])
    voting.cast_ballot(engine, rnd.id, voter.id, [[b.id], [a.id]])
    voting.close_round(engine, rnd.id)
    survey = surveys.create_survey(engine, project.id, "S", ["q1"])
    surveys.submit_response(engine, survey.id, "baseline", {survey.items[0].id: 4}, kiosk_id=k2.id)

    backup = json.loads(json.dumps(export.backup_project(engine, project.id)))  # survives JSON
    assert "Rude words" not in json.dumps(backup)
    copy = export.restore_project(engine, backup)
    assert copy.id != project.id and copy.name == project.name
    options = projects.list_options(engine, copy.id)
    assert [(o.name, o.version) for o in options] == [("A", 2), ("B", 1)]
    assert len(projects.option_versions(engine, options[0].id)) == 2
    restored_kiosks = kiosks.list_kiosks(engine, copy.id)
    assert [k.location_label for k in restored_kiosks] == ["Reception", "Waiting room"]
    assert restored_kiosks[0].token != k1.token  # restored beside the original: fresh tokens
    assert [p.text for p in feedback.moderation_queue(engine, copy.id)] == ["Waiting for moderation"]
    assert list(aggregate.feedback_frame(engine, copy.id).text.dropna()) == ["Flere planter, tak"]  # raw: 3 entries are too few to publish
    restored_round = voting.list_rounds(engine, copy.id)[0]
    result = voting.round_results(engine, restored_round.id)
    assert result.winners == [options[1].id] and result.n_ballots == 1
    # the round keeps the version it was opened on (A v2), and the ballot its voter key, not an account
    assert restored_round.option_versions == (2, 1)
    assert [ro.option.plan_geojson for ro in voting.round_options(engine, restored_round.id)] == \
        [projects.get_option(engine, a.id, 2).plan_geojson, b.plan_geojson]
    assert "voter" not in json.dumps(backup["project"]) and "users" not in backup
    assert all(set(bal) >= {"voter_key"} and "user_id" not in bal for bal in backup["ballots"])
    assert voting.my_ballot(engine, restored_round.id, voter.id) is not None  # same installation: still hers
    assert surveys.survey_results(engine, surveys.list_surveys(engine, copy.id)[0].id).n.sum() == 1


def test_restore_refuses_a_damaged_backup_and_stores_nothing(project_setup):
    engine, project, *_ = project_setup
    backup = export.backup_project(engine, project.id)
    with pytest.raises(ValidationFailed, match="not a project backup"):
        export.restore_project(engine, {"format": "zip"})
    del backup["kiosks"]
    with pytest.raises(ValidationFailed, match="damaged"):
        export.restore_project(engine, backup)
    assert [p.id for p in projects.list_projects(engine)] == [project.id]


# --- demo and CLI --------------------------------------------------------------------------------

def test_seed_demo_is_idempotent_with_if_empty(engine):
    assert seed_demo(engine, if_empty=True) is True
    assert seed_demo(engine, if_empty=True) is False
    [project] = projects.list_projects(engine)
    assert len(projects.list_options(engine, project.id)) == 4
    assert kiosks.kiosk_by_token(engine, DEMO_KIOSK_TOKEN).project_id == project.id
    assert users.authenticate(engine, "facilitator", "facilitator").role == "facilitator"
    assert users.authenticate(engine, "staff2", "staff").role == "staff"
    assert voting.current_round(engine, project.id).purpose == "trial"
    decisive, trial = [r for r in voting.list_rounds(engine, project.id) if not r.is_open]
    assert (decisive.purpose, trial.purpose) == ("decisive", "trial")
    assert voting.round_results(engine, decisive.id).n_ballots == 6 and voting.round_results(engine, trial.id).n_ballots == 5
    names = {o.id: o.name for o in projects.list_options(engine, project.id)}
    assert [names[w] for w in voting.round_outcome(engine, decisive.id).winners] == ["Option A"]
    assert [names[w] for w in voting.round_outcome(engine, trial.id).winners] == ["Option C"]
    # Option A was edited while the decisive round was open: the round kept version 1
    on_ballot = {ro.option.name: ro for ro in voting.round_options(engine, decisive.id)}
    assert on_ballot["Option A"].option.version == 1 and on_ballot["Option A"].newer_exists
    assert [o.name for o in projects.list_options(engine, project.id) if o.is_baseline] == ["Baseline"]
    assert aggregate.feedback_frame(engine, project.id).shape[0] == 40
    assert len(feedback.moderation_queue(engine, project.id)) == 3
    assert "[cpr removed]" in " ".join(p.text for p in feedback.moderation_queue(engine, project.id))


def test_cli_seed_and_create_facilitator(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", url, "seed-demo", "--if-empty"]) == 0
    assert "facilitator/facilitator" in capsys.readouterr().out
    assert main(["--db", url, "seed-demo", "--if-empty"]) == 0
    assert "nothing seeded" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret-pass-phrase\n"))
    assert main(["--db", url, "create-facilitator", "maria", "--password-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("another-pass-phrase\n"))
    assert main(["--db", url, "create-facilitator", "maria", "--password-stdin"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "error: username 'maria' is already taken"
    monkeypatch.setattr(sys, "stdin", io.StringIO("Password2024!\n"))
    assert main(["--db", url, "create-facilitator", "jens", "--password-stdin"]) == 2
    assert "common passwords" in capsys.readouterr().err


def test_cli_errors_are_one_line_with_exit_2(tmp_path):
    env_url = f"sqlite:///{tmp_path / 'e.db'}"
    proc = subprocess.run([sys.executable, "-m", "input_forms", "--db", env_url, "export", "42"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stderr.strip() == "error: no project with id 42"
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    assert main(["--db", env_url, "restore", str(bad)]) == 2


def test_concurrent_seeding_seeds_once(engine):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(3) as pool:
        outcomes = list(pool.map(lambda _: seed_demo(engine, if_empty=True), range(3)))
    assert sorted(outcomes) == [False, False, True]
    assert len(projects.list_projects(engine)) == 1
