"""python -m input_forms: bad input is one line and exit 2; a bug is logged with its traceback (exit 2 too)."""

from __future__ import annotations

import logging

import pytest

from input_forms import __main__ as cli


def test_a_bug_is_logged_with_its_traceback_not_hidden_in_one_line(tmp_path, monkeypatch, caplog, capsys):
    def broken(args):
        return {}["missing"]

    monkeypatch.setattr(cli, "_run", broken)
    with caplog.at_level(logging.ERROR, logger="input_forms.cli"):
        assert cli.main(["--db", f"sqlite:///{tmp_path / 'c.db'}", "migrate"]) == 2
    record = next(r for r in caplog.records if r.name == "input_forms.cli")
    assert record.getMessage() == "python -m input_forms migrate failed"
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    assert "error:" not in capsys.readouterr().err  # not dressed up as the user's mistake


@pytest.mark.parametrize("url", ["not a url", "postgresql://u@h:notaport/db"])
def test_a_database_url_that_is_no_url_is_one_line(url, capsys):
    assert cli.main(["--db", url, "migrate"]) == 2
    assert capsys.readouterr().err.strip() == f"error: database URL {url!r} is not a valid SQLAlchemy URL"
