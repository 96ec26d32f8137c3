"""Budgets for handed-in files: hostile GeoJSON, zips and DXFs are refused in one line, before parsing."""

from __future__ import annotations

import json
import time
import zipfile

import pytest

from floorplans import PlanError, parse_plan
from floorplans.budgets import (
    Budget,
    BudgetExceeded,
    check_json,
    check_path,
    zip_entry_count,
)
from floorplans.importers import available_levels, import_file
from floorplans.samples import SAMPLES_DIR
from floorplans.unpack import unpack_zip
from tests import factory, hostile
from tests.conftest import REAL_PLANS_DIR, require_real_plans

SAMPLES = SAMPLES_DIR


def test_plan_with_too_many_corners_is_refused_before_parsing(tmp_path):
    path = hostile.many_corners_geojson(tmp_path / "corners.geojson", corners=300_000)
    start = time.perf_counter()
    with pytest.raises(BudgetExceeded) as info:
        parse_plan(path.read_bytes())
    assert time.perf_counter() - start < 5
    assert info.value.problems[0].message == "this file has 300,001 corners; the limit is 200,000"
    assert info.value.problems[0].code == "over-budget"
    assert (info.value.found, info.value.limit) == (300_001, 200_000)


def test_counts_corners_and_features_of_a_real_plan_exactly():
    data = (SAMPLES / "option_a.geojson").read_bytes()
    counts = check_json(data, Budget())
    doc = json.loads(data)

    def positions(c):
        return 1 if c and isinstance(c[0], (int, float)) else sum(positions(x) for x in c)

    assert counts.features == len(doc["features"])
    assert counts.vertices == sum(positions(f["geometry"]["coordinates"]) for f in doc["features"])


def test_too_many_features_is_refused():
    doc = factory.collection(*[factory.plant(f"p{n}", 1, 1) for n in range(30)])
    with pytest.raises(BudgetExceeded, match="this file has 30 features; the limit is 20"):
        check_json(json.dumps(doc).encode(), Budget(max_features=20))


def test_budget_is_a_setting(monkeypatch):
    monkeypatch.setenv("FLOORPLANS_MAX_VERTICES", "10")
    monkeypatch.setenv("FLOORPLANS_TIME_LIMIT_S", "7.5")
    assert Budget.from_env().max_vertices == 10 and Budget.from_env().time_limit_s == 7.5
    with pytest.raises(BudgetExceeded, match="corners; the limit is 10$"):
        parse_plan((SAMPLES / "option_a.geojson").read_bytes())
    assert Budget.from_env(Budget(max_features=3).as_env()) == Budget(max_features=3)


def test_zip_entry_count_is_read_from_the_end_record_before_the_entries(tmp_path):
    path = hostile.many_entries_zip(tmp_path / "entries.zip", entries=3_000)
    assert zip_entry_count(path) == 3_000
    start = time.perf_counter()
    with pytest.raises(BudgetExceeded, match="this file has 3,000 zip entries; the limit is 2,000"):
        unpack_zip(path, tmp_path / "out", Budget())
    assert time.perf_counter() - start < 0.5
    assert not (tmp_path / "out").exists()


def test_zip_bomb_is_refused_by_its_declared_size_without_unpacking(tmp_path):
    path = hostile.zip_bomb(tmp_path / "bomb.zip", unpacked_mb=90, entry_mb=15)
    with pytest.raises(BudgetExceeded, match=r"the zip unpacks to at least 75.0 MB; the limit is 64 MB"):
        unpack_zip(path, tmp_path / "out", Budget())
    assert not (tmp_path / "out").exists()


def test_zip_entry_that_lies_about_its_size_is_stopped_at_the_claim(tmp_path):
    path = hostile.lying_zip(tmp_path / "lying.zip", real_mb=50, claimed=1000)
    with pytest.raises(PlanError, match="not a readable zip"):
        unpack_zip(path, tmp_path / "out", Budget())
    assert not (tmp_path / "out").exists()


def test_zip_within_budget_unpacks_by_streaming_and_counts_every_byte(tmp_path):
    path = hostile.zip_bomb(tmp_path / "near.zip", unpacked_mb=6, entry_mb=2)
    folder = unpack_zip(path, tmp_path / "out", Budget(max_entry_bytes=2 * 2**20, max_unpacked_bytes=6 * 2**20))
    assert sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) == 6 * 2**20
    with pytest.raises(BudgetExceeded, match="the limit is 5 MB"):
        unpack_zip(path, tmp_path / "out2", Budget(max_entry_bytes=2 * 2**20, max_unpacked_bytes=5 * 2**20))


def test_zip_with_a_path_that_climbs_out_is_refused(tmp_path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("../outside.geojson", "{}")
    with pytest.raises(PlanError, match="unsafe path"):
        unpack_zip(path, tmp_path / "out", Budget())
    assert not (tmp_path / "outside.geojson").exists()


def test_zip_json_corners_are_counted_while_streaming(tmp_path):
    corners = hostile.many_corners_geojson(tmp_path / "unit.geojson", corners=250_000)
    path = tmp_path / "imdf.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(corners, "unit.geojson")
        zf.writestr("opening.geojson", '{"type": "FeatureCollection", "features": []}')
    with pytest.raises(BudgetExceeded, match="this file has 250,001 corners; the limit is 200,000"):
        import_file(path)


def test_dxf_with_too_many_entities_is_refused_while_streaming(tmp_path):
    path = hostile.many_entities_dxf(tmp_path / "many.dxf", entities=250_000)
    start = time.perf_counter()
    with pytest.raises(BudgetExceeded, match=r"this file has about 250,000 entities; the limit is 200,000"):
        available_levels(path)
    assert time.perf_counter() - start < 5


def test_a_zero_value_in_a_dxf_is_not_counted_as_an_entity(tmp_path):
    path = tmp_path / "small.dxf"
    path.write_text("  0\nSECTION\n  2\nENTITIES\n  0\nLINE\n  8\n0\n 10\n0\n 20\n0\n 11\n1\n 21\n0\n  0\nENDSEC\n  0\nEOF\n")
    counts = check_path(path, Budget())
    assert counts.entities == 4  # SECTION, LINE, ENDSEC, EOF: not the layer "0" or the zero coordinates
    assert counts.vertices == 1


def test_counting_stops_at_the_limit_and_says_about(tmp_path):
    path = hostile.many_entities_dxf(tmp_path / "big.dxf", entities=600_000)
    exact = check_path(path, Budget(max_dxf_entities=10**7, max_vertices=10**7)).entities
    assert exact == 600_005
    with pytest.raises(BudgetExceeded) as info:
        check_path(path, Budget())
    assert info.value.problems[0].message.startswith("this file has about ")
    assert abs(info.value.found - exact) / exact < 0.05


def test_real_plans_are_within_budget():
    require_real_plans()
    for path in sorted(REAL_PLANS_DIR.rglob("*")):
        if path.suffix.lower() in (".dxf", ".ifc", ".json", ".geojson"):
            check_path(path, Budget())
    for sample in SAMPLES.glob("*.geojson"):
        check_path(sample, Budget())
