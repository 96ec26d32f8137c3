"""Hostile files handed in through the pages (Plans, the designer's import, a layout option under Admin):
each is read in the bounded worker and refused with one line naming the limit, and nothing is stored."""

from __future__ import annotations

import pytest

from input_forms.projects import list_options
from tests import hostile
from tests.planner.app.fixtures import make_world, signed_in


@pytest.fixture
def world(tmp_path, monkeypatch):
    return make_world(tmp_path, monkeypatch, samples=("option_a",))


@pytest.fixture(scope="module")
def million_corners(tmp_path_factory):
    """One room of 1,000,000 corners (1,000,001 positions with the closing one): 16.8 MB, under the byte limit, far over the corner limit."""
    return hostile.many_corners_geojson(tmp_path_factory.mktemp("hostile") / "corners.geojson").read_bytes()


def test_plans_page_refuses_a_million_corners_in_one_line(world, million_corners):
    at = signed_in(world.users["staff1"], page="plans")
    at.file_uploader(key="plans_upload").upload("corners.geojson", million_corners, "application/geo+json").run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["corners.geojson: this file has 1,000,001 corners; the limit is 200,000"]
    assert not at.dataframe and not at.get("imgs")


def test_the_designer_import_refuses_a_zip_of_too_many_entries_in_one_line(world, tmp_path):
    archive = hostile.many_entries_zip(tmp_path / "entries.zip", entries=3_000).read_bytes()
    at = signed_in(world.users["designer"])
    at.file_uploader(key="designer_import_file").upload("entries.zip", archive, "application/zip").run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["entries.zip: this file has 3,000 zip entries; the limit is 2,000"]
    assert len(list_options(world.engine, world.project.id)) == 1


def test_the_designer_import_stops_a_file_that_reads_past_the_time_limit(world, monkeypatch, tmp_path):
    # within every count limit on purpose (corners raised), so only the time limit can stop it
    monkeypatch.setenv("FLOORPLANS_MAX_VERTICES", "2000000")
    monkeypatch.setenv("FLOORPLANS_TIME_LIMIT_S", "1")
    data = hostile.many_corners_geojson(tmp_path / "slow.geojson", corners=400_000).read_bytes()
    at = signed_in(world.users["designer"], timeout=120)
    at.file_uploader(key="designer_import_file").upload("slow.geojson", data, "application/geo+json").run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["slow.geojson: reading this file took more than 1 s, the limit; it was stopped"]
    at.run()  # a rerun (a click elsewhere) shows the same line without reading the file again
    assert [e.value for e in at.error] == ["slow.geojson: reading this file took more than 1 s, the limit; it was stopped"]


def test_admin_refuses_a_hostile_plan_file_in_one_line_and_stores_nothing(world, million_corners):
    at = signed_in(world.users["facilitator"], page="admin")
    at.session_state["admin_tab"] = "Layout options"
    at.run()
    at.file_uploader(key="admin_plan_file").upload("corners.geojson", million_corners, "application/geo+json").run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [
        "The file cannot be read as a plan: corners.geojson: this file has 1,000,001 corners; the limit is 200,000"]
    assert "admin_option_name" not in [t.key for t in at.text_input]
    assert len(list_options(world.engine, world.project.id)) == 1
