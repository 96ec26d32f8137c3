"""``python -m scoring vga``: the CSV it writes and one-line errors with exit status 2."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Polygon

from scoring.cli import main
from tests.factory import two_rooms


@pytest.fixture()
def plan_file(tmp_path):
    path = tmp_path / "two_rooms.geojson"
    path.write_text(json.dumps(two_rooms()), encoding="utf-8")
    return path


def test_writes_every_requested_column_with_depthmapx_names(plan_file, tmp_path, capsys):
    out = tmp_path / "vga.csv"
    code = main(["vga", str(plan_file), "--grid", "0.5", "--csv", str(out), "--measures", "all",
                 "--radius", "2", "--from", "2.5,1.5"])
    assert code == 0
    assert "wrote 127 cells" in capsys.readouterr().out
    frame = pd.read_csv(out)
    assert len(frame) == 2 * 9 * 7 + 1
    assert list(frame.columns[:6]) == ["x", "y", "connectivity", "node_count", "mean_depth", "integration"]
    for column in ("Point First Moment", "Visual Integration [HH] R2",
                   "Visual Entropy", "Visual Clustering Coefficient", "Visual Control", "Visual Controllability",
                   "Isovist Area", "Visual Step Depth", "Metric Step Shortest-Path Length",
                   "Metric Straight-Line Distance"):
        assert column in frame.columns, column
    hall = frame[(frame.x == 2.5) & (frame.y == 1.5)].iloc[0]
    assert hall["Visual Step Depth"] == 0 and hall["Metric Straight-Line Distance"] == 0
    far = frame[(frame.x == 9.5) & (frame.y == 3.5)].iloc[0]
    assert far["Visual Step Depth"] == 2
    # its room, and the wedge of the hall seen through the door (5,1)-(5,2): the rays past the jambs
    # meet the hall's walls at (3.2, 0) and (0, 1/3)
    wedge = Polygon([(5, 1), (3.2, 0), (0, 0), (0, 1 / 3), (5, 2)]).area
    assert far["Isovist Area"] == pytest.approx(20.0 + wedge)
    assert np.isfinite(frame["Visual Clustering Coefficient"]).all()


def test_default_is_visibility_and_global_at_radius_n_and_3(plan_file, tmp_path):
    out = tmp_path / "vga.csv"
    assert main(["vga", str(plan_file), "--csv", str(out)]) == 0
    columns = set(pd.read_csv(out).columns)
    assert {"connectivity", "mean_depth", "Visual Mean Depth R3", "Visual Entropy"} <= columns
    assert "Isovist Area" not in columns and "Visual Control" not in columns
    assert main(["vga", str(plan_file), "--csv", str(out), "--radius", "n", "--measures", "global"]) == 0
    assert not any(c.endswith(" R3") for c in pd.read_csv(out).columns)


@pytest.mark.parametrize("args, message", [
    (["--measures", "bogus"], "unknown measure group 'bogus'"),
    (["--radius", "0"], "no radius"),
    (["--from", "1"], "is not a point"),
    (["--from", "90,90"], "not on the filled grid"),
    (["--grid", "0"], "out of range"),
])
def test_bad_input_exits_2_with_one_line(plan_file, tmp_path, capsys, args, message):
    assert main(["vga", str(plan_file), "--csv", str(tmp_path / "x.csv"), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_unwritable_output_and_missing_plan(plan_file, tmp_path, capsys):
    assert main(["vga", str(plan_file), "--csv", str(tmp_path / "no" / "x.csv"), "--measures", "visibility"]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert main(["vga", str(tmp_path / "none.geojson"), "--csv", str(tmp_path / "x.csv")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
