"""The physical properties of the plan format: room height, acoustic finish and wall rating,
door sound rating, window sill/head/light transmittance, plant cover.

Old plans give none of them and must read, validate and write exactly as before;
plans that give them keep them through a round trip; bad values are refused with
the feature named; implausible ones are warned about; importers fill them where
the source has them and list the defaults otherwise.
"""

from __future__ import annotations

import json

import pytest

from floorplans import dumps_plan, parse_plan, validate_plan
from floorplans.importers import import_file
from floorplans.importers.ifc_props import door_sound_rating, light_transmittance, space_height, window_sill_head
from floorplans.model import (
    DEFAULT_DOOR_SOUND_RATING,
    DEFAULT_HEAD,
    DEFAULT_LIGHT_TRANSMITTANCE,
    DEFAULT_ROOM_HEIGHT,
    DEFAULT_SILL,
    DEFAULT_WALL_SOUND_RATING,
    AcousticFinish,
    Furniture,
)
from floorplans.problems import PlanError, errors_only
from floorplans.samples import sample_names, sample_path
from floorplans.schema import plan_json_schema
from tests.conftest import REAL_PLANS_DIR, require_real_plans
from tests.factory import two_rooms

PLANS = REAL_PLANS_DIR


def _parse(document: dict):
    return parse_plan(json.dumps(document))


# --------------------------------------------------------------------------- defaults keep old plans as they were


@pytest.mark.parametrize("name", sample_names())
def test_old_plans_read_with_defaults_and_write_unchanged(name: str) -> None:
    text = sample_path(name).read_text(encoding="utf-8")
    plan = parse_plan(text)
    assert not any(f'"{key}":' in text for key in ("height", "sound_rating", "wall_sound_rating", "sill", "head", "light_transmittance"))
    assert {r.height for r in plan.rooms} == {DEFAULT_ROOM_HEIGHT}
    assert {r.acoustic_finish for r in plan.rooms} == {AcousticFinish.standard}
    assert {r.wall_sound_rating for r in plan.rooms} == {DEFAULT_WALL_SOUND_RATING}
    assert {d.sound_rating for d in plan.doors} == {DEFAULT_DOOR_SOUND_RATING}
    assert {(w.sill, w.head, w.light_transmittance) for w in plan.windows} == {(DEFAULT_SILL, DEFAULT_HEAD, DEFAULT_LIGHT_TRANSMITTANCE)}
    assert dumps_plan(plan) + "\n" == text


def test_given_values_survive_a_round_trip_and_defaults_are_not_written() -> None:
    doc = two_rooms(sound_rating=35)
    doc["features"][0]["properties"].update(height=3.2, acoustic_finish="absorbent", wall_sound_rating=52)
    doc["features"][4]["properties"].update(sill=0.0, head=2.4, light_transmittance=0.6)
    plan = _parse(doc)
    hall, wait = plan.room("hall"), plan.room("wait")
    assert (hall.height, hall.acoustic_finish, hall.wall_sound_rating) == (3.2, AcousticFinish.absorbent, 52.0)
    assert plan.by_id["d-mid"].sound_rating == 35.0
    w = plan.by_id["w1"]
    assert (w.sill, w.head, w.light_transmittance) == (0.0, 2.4, 0.6)
    written = json.loads(dumps_plan(plan))
    props = {f["id"]: f["properties"] for f in written["features"]}
    assert props["hall"]["acoustic_finish"] == "absorbent" and props["hall"]["height"] == 3.2
    assert "height" not in props["wait"] and "acoustic_finish" not in props["wait"]  # defaults stay implicit
    assert props["d-mid"]["sound_rating"] == 35.0 and "sound_rating" not in props["d-in"]
    again = parse_plan(dumps_plan(plan))
    assert again == plan
    assert wait.height == DEFAULT_ROOM_HEIGHT


def test_glass_area_is_length_times_head_minus_sill() -> None:
    plan = _parse(two_rooms())
    w = plan.by_id["w1"]  # a 2 m segment, default 0.9-2.1 m
    assert w.glass_area == pytest.approx(2.0 * 1.2)
    doc = two_rooms()
    doc["features"][4]["properties"].update(sill=2.05, head=2.10)  # a 5 cm slit
    assert _parse(doc).by_id["w1"].glass_area == pytest.approx(0.1)


def test_a_point_plant_covers_one_pot_and_a_polygon_its_area() -> None:
    pot = Furniture(id="p", type="plant", point=(1, 1))
    bed = Furniture(id="b", type="plant", rings=[[(0, 0), (2, 0), (2, 1.5), (0, 1.5), (0, 0)]])
    assert pot.covered_area == 0.25
    assert bed.covered_area == pytest.approx(3.0)


# --------------------------------------------------------------------------- bad and implausible values


@pytest.mark.parametrize(
    ("index", "props", "words"),
    [
        (4, {"sill": 2.3}, "must be above its sill"),
        (4, {"light_transmittance": 1.5}, "light_transmittance"),
        (4, {"light_transmittance": 0}, "light_transmittance"),
        (0, {"acoustic_finish": "soft"}, "acoustic_finish"),
        (0, {"height": -1}, "height"),
        (0, {"wall_sound_rating": "loud"}, "wall_sound_rating"),
        (3, {"sound_rating": -5}, "sound_rating"),
    ],
)
def test_bad_values_are_refused_naming_the_feature(index: int, props: dict, words: str) -> None:
    doc = two_rooms()
    doc["features"][index]["properties"].update(props)
    with pytest.raises(PlanError) as caught:
        _parse(doc)
    problem = caught.value.problems[0]
    assert problem.feature_id == doc["features"][index]["id"]
    assert words in problem.message


def test_implausible_heights_are_warnings_naming_the_feature() -> None:
    doc = two_rooms()
    doc["features"][0]["properties"]["height"] = 27  # decimetres, probably
    doc["features"][4]["properties"].update(sill=1.0, head=3.2)  # above the waiting room's 2.7 m ceiling
    problems = validate_plan(_parse(doc))
    assert not errors_only(problems)
    by_code = {p.code: p for p in problems}
    assert by_code["implausible-height"].feature_id == "hall" and "27 m" in by_code["implausible-height"].message
    assert by_code["window-above-ceiling"].feature_id == "w1" and "2.7 m" in by_code["window-above-ceiling"].message
    assert not [p for p in validate_plan(_parse(two_rooms())) if p.code in ("implausible-height", "window-above-ceiling")]


def test_schema_lists_the_new_properties_with_their_defaults() -> None:
    schema = plan_json_schema()
    by_title = {item["title"]: item["properties"]["properties"]["properties"] for item in schema["properties"]["features"]["items"]["oneOf"]}
    assert by_title["Room"]["height"]["default"] == DEFAULT_ROOM_HEIGHT
    assert by_title["Room"]["wall_sound_rating"]["default"] == DEFAULT_WALL_SOUND_RATING
    assert by_title["Door"]["sound_rating"]["default"] == DEFAULT_DOOR_SOUND_RATING
    assert by_title["Window"]["light_transmittance"]["default"] == DEFAULT_LIGHT_TRANSMITTANCE
    assert by_title["Window"]["sill"]["default"] == DEFAULT_SILL


# --------------------------------------------------------------------------- importers


def test_ifc_property_readers() -> None:
    assert door_sound_rating({"Pset_DoorCommon": {"AcousticRating": "Rw 32 dB"}}) == 32.0
    assert door_sound_rating({"Pset_DoorCommon": {"AcousticRating": "R'w=35,5dB"}}) == 35.5
    assert door_sound_rating({"Pset_DoorCommon": {"AcousticRating": "Fire Rating"}}) is None
    assert door_sound_rating({"Pset_DoorCommon": {"AcousticRating": "3"}}) is None  # a class, not dB
    assert door_sound_rating({}) is None
    assert space_height({"Qto_SpaceBaseQuantities": {"FinishCeilingHeight": 2600.0}}, 0.001, None) == 2.6
    assert space_height({}, 1.0, (4.0, 7.1)) == 3.1
    assert space_height({}, 1.0, None) is None
    assert window_sill_head({"PSet_Revit_Constraints": {"Sill Height": 0.8}}, 1.5, 1.0, None, 0.0) == (0.8, 2.3)
    assert window_sill_head({}, 1.5, 1.0, (5.2, 6.7), 4.3) == (0.9, 2.4)  # sill from the solid, head = sill + OverallHeight
    assert window_sill_head({}, None, 1.0, None, 0.0) == (None, None)
    assert light_transmittance({"Pset_DoorWindowGlazingType": {"VisibleLightTransmittance": 0.62}}) == 0.62


def test_imported_level_without_properties_lists_the_defaults() -> None:
    require_real_plans()
    result = import_file(PLANS / "wrld_cad_office_dxf" / "cad.dxf")  # a drawing: no heights, no ratings
    level = result.report.levels[0]
    assert any(d.startswith(f"ceiling height {DEFAULT_ROOM_HEIGHT:g} m for all") for d in level.defaults)
    assert "default: door sound rating Rw 25 dB for all" in result.report.to_text()


def test_ifc_fills_heights_from_the_model() -> None:
    require_real_plans()
    pytest.importorskip("ifcopenshell")
    result = import_file(PLANS / "ifc_office_A_nibs" / "Office_A_20110811.ifc", level="Level 2")
    plan = result.levels["Level 2"]
    level = result.report.level("Level 2")
    assert {r.height for r in plan.rooms} == {2.5}  # Revit's unbounded height of every space
    assert {(w.sill, w.head) for w in plan.windows} == {(0.915, 2.415)}  # sill 915 mm + OverallHeight 1.5 m
    assert not any(d.startswith("ceiling height") or d.startswith("window sill") for d in level.defaults)
    assert any(d.startswith("door sound rating Rw 25 dB for all") for d in level.defaults)  # no AcousticRating in the file


def test_floorspace_fills_story_heights_and_window_sills() -> None:
    require_real_plans()
    result = import_file(PLANS / "floorspacejs_nrel" / "largePlan.json", level="L0")
    plan = result.levels["L0"]
    assert {r.height for r in plan.rooms} == {round(14.7 * 0.3048, 3)}  # floor_to_ceiling_height 14.7 ft
    assert {w.sill for w in plan.windows} == {round(3 * 0.3048, 3)}  # sill_height 3 ft
