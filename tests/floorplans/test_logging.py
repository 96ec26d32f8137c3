"""floorplans.logs.configure_logging: the one logging set-up of the app and the command lines."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from floorplans.logs import configure_logging

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    """The root logger, put back as it was afterwards (pytest's own capture handlers included)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    root.handlers[:] = handlers
    root.setLevel(level)


def _ours(root: logging.Logger) -> list[logging.Handler]:
    return [h for h in root.handlers if type(h).__module__ == "floorplans.logs"]


def test_a_second_call_adds_no_second_handler(root_logger, monkeypatch):
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    configure_logging()
    configure_logging()
    assert len(_ours(root_logger)) == 1
    assert root_logger.level == logging.WARNING


def test_log_level_comes_from_the_environment_and_a_bad_name_falls_back(root_logger, monkeypatch, caplog):
    monkeypatch.setenv("LOG_LEVEL", "debug")
    configure_logging()
    assert root_logger.level == logging.DEBUG
    monkeypatch.setenv("LOG_LEVEL", "chatty")
    configure_logging()
    assert root_logger.level == logging.WARNING
    assert "LOG_LEVEL 'CHATTY' is not a level name" in caplog.text


def test_a_cli_logs_one_formatted_line_per_record_with_the_traceback_below(tmp_path):
    code = ("from floorplans.logs import configure_logging; import logging; configure_logging()\n"
            "try:\n    {}['missing']\nexcept KeyError:\n    logging.getLogger('input_forms.cli').exception('it failed')\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    lines = run.stderr.splitlines()
    assert lines[0].endswith("ERROR input_forms.cli: it failed"), lines[0]
    assert lines[1] == "Traceback (most recent call last):" and lines[-1] == "KeyError: 'missing'"
