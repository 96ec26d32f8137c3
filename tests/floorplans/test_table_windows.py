"""The windows table: a designer sets each window's view, sill, head and light transmittance, or draws a new one."""

from __future__ import annotations

import math

import pytest

from floorplans.editing import WINDOW_COLUMNS, apply_windows_table, windows_table
from floorplans.samples import load_sample


@pytest.fixture
def plan():
    return load_sample("baseline")


def test_rows_show_every_window_with_its_glass() -> None:
    plan = load_sample("baseline")
    rows = windows_table(plan)
    assert [r["id"] for r in rows] == [w.id for w in plan.windows]
    assert rows[0] == {"id": "w01", "x1": 20.5, "y1": 0.0, "x2": 22.1, "y2": 0.0, "view": "street", "sill": 0.9,
                       "head": 2.1, "light_transmittance": 0.7, "glass_area": 1.92}
    assert tuple(rows[0]) == WINDOW_COLUMNS


def test_unchanged_rows_change_nothing(plan):
    result = apply_windows_table(plan, windows_table(plan))
    assert result.ok and result.plan is plan


def test_sill_head_transmittance_and_view_are_set(plan):
    rows = windows_table(plan)
    rows[0].update(sill=0.0, head=2.4, light_transmittance=0.55, view="green", glass_area=99)  # glass area is shown, not read
    result = apply_windows_table(plan, rows)
    assert result.ok, result.problems
    w = result.plan.get("w01")
    assert (w.sill, w.head, w.light_transmittance, w.view.value) == (0.0, 2.4, 0.55, "green")
    assert w.glass_area == pytest.approx(1.6 * 2.4)
    assert [x.id for x in result.plan.windows] == [x.id for x in plan.windows]
    assert result.plan.get("w02") == plan.get("w02")


def test_empty_cells_keep_the_window_s_values_and_an_empty_view_is_not_given(plan):
    rows = windows_table(plan)
    rows[0].update(sill=None, head=math.nan, light_transmittance="", view=None)
    result = apply_windows_table(plan, rows)
    assert result.ok, result.problems
    w = result.plan.get("w01")
    assert (w.sill, w.head, w.light_transmittance, w.view) == (0.9, 2.1, 0.7, None)


def test_a_new_row_is_a_new_window_with_the_defaults_and_a_removed_row_removes_it(plan):
    first = plan.windows[0]
    rows = [r for r in windows_table(plan) if r["id"] != "w02"]
    rows.append({"x1": first.points[1][0] + 0.5, "y1": 0.0, "x2": first.points[1][0] + 1.5, "y2": 0.0, "view": "street"})
    result = apply_windows_table(plan, rows)
    assert result.ok, result.problems
    new = [w for w in result.plan.windows if w.id not in plan.by_id]
    assert len(new) == 1 and (new[0].sill, new[0].head, new[0].light_transmittance) == (0.9, 2.1, 0.7)
    assert result.plan.get("w02") is None and "removed w02" in result.message


@pytest.mark.parametrize(("change", "code", "words"), [
    ({"sill": 2.5}, "invalid-window", "must be above its sill"),
    ({"light_transmittance": 1.5}, "invalid-window", "light_transmittance"),
    ({"view": "sea"}, "invalid-value", "view 'sea' is not one of"),
    ({"sill": "high"}, "invalid-value", "sill = 'high' is not a number"),
    ({"y1": 5.0, "y2": 5.0}, "window-off-wall", "lies on no room's wall"),
    ({"x1": None}, "invalid-window", "needs both end points"),
])
def test_bad_rows_are_refused_naming_the_window_and_the_plan_is_unchanged(plan, change, code, words):
    rows = windows_table(plan)
    rows[0].update(change)
    result = apply_windows_table(plan, rows)
    assert not result.ok and result.plan is plan
    found = [p for p in result.problems if p.code == code]
    assert found and found[0].feature_id == "w01" and words in found[0].message, result.problems


def test_a_duplicate_id_is_refused(plan):
    rows = windows_table(plan)
    rows[1]["id"] = rows[0]["id"]
    result = apply_windows_table(plan, rows)
    assert not result.ok and result.problems[0].code == "duplicate-id"
