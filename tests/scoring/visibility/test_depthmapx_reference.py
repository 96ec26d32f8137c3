"""VGA against depthmapX's own export for a real floor (../shared/research/depthmapx/).

depthmapX's command-line tool exported Westport House level 4 at 0.5 m
(see that folder's README). Cells are matched by their coordinates; the
goals of issue 18 are asserted: at least 99.5 % of depthmapX's cells
present, connectivity identical on at least 99.5 % of them, integration
[HH] within a median relative error of 0.1 % and a 95th percentile of 1 %.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from floorplans import read_plan
from tests.conftest import REAL_PLANS_DIR, require_real_plans

REFERENCE = REAL_PLANS_DIR.parent / "research" / "depthmapx"


@pytest.fixture(scope="module")
def matched() -> tuple[pd.DataFrame, pd.DataFrame, float]:
    require_real_plans()
    from scoring.visibility import vga

    plan = read_plan(REFERENCE / "westport-level4.geojson")
    ours = vga(plan, 0.5).to_frame()
    ref = pd.read_csv(REFERENCE / "westport-level4-0.5m-vga.csv")
    index = {(round(x / 0.05), round(y / 0.05)): i for i, (x, y) in enumerate(zip(ours.x, ours.y, strict=False))}
    rows = np.array([index.get((round(x / 0.05), round(y / 0.05)), -1) for x, y in zip(ref.x, ref.y, strict=False)])
    present = float((rows >= 0).mean())
    return ours.iloc[rows[rows >= 0]].reset_index(drop=True), ref[rows >= 0].reset_index(drop=True), present


def _relative(ours: pd.Series, theirs: pd.Series) -> np.ndarray:
    theirs = theirs.to_numpy(float)
    ok = theirs != -1  # depthmapX writes -1 where a measure is undefined
    return np.abs(ours.to_numpy(float)[ok] - theirs[ok]) / np.maximum(np.abs(theirs[ok]), 1e-6)


def test_cells_present_and_connectivity_identical(matched):
    ours, ref, present = matched
    assert len(ref) > 5000
    assert present >= 0.995
    assert (ours.connectivity.to_numpy() == ref.Connectivity.to_numpy()).mean() >= 0.995
    assert (ours.node_count.to_numpy() == ref["Visual Node Count"].to_numpy()).mean() >= 0.995


def test_integration_hh_within_the_goals(matched):
    ours, ref, _ = matched
    rel = _relative(ours.integration, ref["Visual Integration [HH]"])
    assert len(rel) > 0.99 * len(ref)
    assert np.median(rel) <= 1e-3
    assert np.percentile(rel, 95) <= 1e-2
    assert np.isnan(ours.integration[ref["Visual Integration [HH]"] == -1]).all()


def test_mean_depth_within_the_goals(matched):
    ours, ref, _ = matched
    rel = _relative(ours.mean_depth, ref["Visual Mean Depth"])
    assert np.median(rel) <= 1e-3 and np.percentile(rel, 95) <= 1e-2


@pytest.mark.parametrize("column", [
    "Point First Moment", "Point Second Moment", "Visual Entropy", "Visual Integration [P-value]",
    "Visual Integration [Tekl]", "Visual Relativised Entropy",
])
def test_every_other_exported_column_agrees(matched, column):
    ours, ref, _ = matched
    rel = _relative(ours[column], ref[column])
    assert np.median(rel) <= 1e-6 and np.percentile(rel, 95) <= 1e-5
