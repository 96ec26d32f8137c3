"""The bounded worker: reading a file runs in a separate process that is killed at its time or memory limit."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from floorplans import PlanError
from floorplans.budgets import Budget, BudgetExceeded
from floorplans.intake import check_plan_file, import_upload, read_in_worker
from floorplans.samples import SAMPLES_DIR
from floorplans.worker import WALL_FACTOR, Cancelled, run_bounded
from tests import hostile

SAMPLES = SAMPLES_DIR


def spin(seconds: float) -> str:
    """Burn CPU (a reader stuck on a hostile file); returns what it did if nothing stops it."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "finished"


def grow(mb: int) -> int:
    return len(bytearray(mb * 2**20))


def pid_then_spin(path: str) -> None:
    Path(path).write_text(str(os.getpid()))
    spin(60)


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as handle:  # a zombie waiting for its parent is gone too
        return handle.read().rsplit(")", 1)[1].split()[0] == "Z"


def test_a_good_plan_is_read_and_validated_in_the_worker():
    data = (SAMPLES / "option_a.geojson").read_bytes()
    intake = read_in_worker(check_plan_file, "option_a.geojson", data)
    plan = intake.levels["option_a.geojson"]
    assert len(plan.rooms) > 5 and intake.problems["option_a.geojson"] == []


def test_a_worker_over_its_time_limit_is_killed_with_one_line():
    run = run_bounded(spin, 30, budget=Budget(time_limit_s=1))
    assert run.how == "timeout"
    assert run.elapsed_s < WALL_FACTOR * 1 + 2  # the CPU limit, or a multiple of it in wall time on a loaded machine
    with pytest.raises(BudgetExceeded, match="reading this file took more than 1 s, the limit; it was stopped"):
        run.unwrap()


def test_a_worker_over_its_memory_limit_is_stopped():
    run = run_bounded(grow, 600, budget=Budget(memory_limit_mb=200))
    assert run.how == "memory"
    with pytest.raises(BudgetExceeded, match="needs more than 200 MB of memory"):
        run.unwrap()
    assert run_bounded(grow, 50, budget=Budget(memory_limit_mb=200)).value == 50 * 2**20


def test_leaving_the_page_kills_the_worker(tmp_path):
    marker = tmp_path / "pid"
    start = time.monotonic()
    with pytest.raises(Cancelled):
        run_bounded(pid_then_spin, str(marker), budget=Budget(time_limit_s=60),
                    cancelled=lambda: marker.exists() and time.monotonic() - start > 0.3)
    assert _gone(int(marker.read_text()))


def test_an_exception_from_the_callback_also_kills_the_worker(tmp_path):
    """Streamlit stops a script by raising inside it: the worker must not outlive the page run."""
    marker = tmp_path / "pid"

    def stop() -> bool:
        if marker.exists():
            raise KeyboardInterrupt  # stands in for Streamlit's StopException
        return False

    with pytest.raises(KeyboardInterrupt):
        run_bounded(pid_then_spin, str(marker), budget=Budget(time_limit_s=60), cancelled=stop)
    assert _gone(int(marker.read_text()))


def test_a_worker_that_dies_is_reported_not_raised():
    run = run_bounded(die, budget=Budget())
    assert run.how == "crashed"
    with pytest.raises(PlanError, match="stopped unexpectedly"):
        run.unwrap()


def test_hostile_plan_in_the_worker_is_refused_with_its_figures(tmp_path):
    path = hostile.many_corners_geojson(tmp_path / "corners.geojson", corners=300_000)
    with pytest.raises(BudgetExceeded) as info:
        read_in_worker(import_upload, path.name, path.read_bytes())
    assert str(info.value.problems[0]) == "this file has 300,001 corners; the limit is 200,000"


def test_plan_within_budget_but_too_slow_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    path = hostile.many_corners_geojson(tmp_path / "corners.geojson", corners=300_000)
    budget = Budget(max_vertices=400_000, time_limit_s=1)
    start = time.monotonic()
    with pytest.raises(BudgetExceeded, match="took more than 1 s"):
        read_in_worker(import_upload, path.name, path.read_bytes(), budget=budget)
    # stopped at 1 s of CPU or, on starved shared cores, WALL_FACTOR s of wall time (unbounded: ~50 s)
    assert time.monotonic() - start < WALL_FACTOR * budget.time_limit_s + 3
