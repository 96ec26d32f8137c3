"""The designer page in AppTest: table edits change the scores, invalid edits are refused and stored nothing."""

from __future__ import annotations

import pytest

from input_forms.projects import get_option, option_versions
from tests.planner.app.fixtures import make_world, seen, signed_in


@pytest.fixture
def world(tmp_path, monkeypatch):
    return make_world(tmp_path, monkeypatch, samples=("baseline",))


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_designer_page_shows_plan_scores_and_tables(world):
    at = signed_in(world.users["designer"])
    assert not at.exception, at.exception
    assert at.title[0].value == "Designer"
    assert metric(at, "Accessibility").endswith("/ 100")
    assert metric(at, "Calmness").endswith("/ 100")
    assert any(b.label == "Apply room changes" for b in at.button)
    assert at.selectbox(key="designer_profile").value == "br18"


def test_staff_cannot_open_the_designer_page_file(world):
    """The page checks the role itself, not only the menu."""
    from streamlit.testing.v1 import AppTest

    from tests.planner.app.fixtures import APP

    at = AppTest.from_file(APP.replace("app.py", "designer/page.py"), default_timeout=30)
    at.session_state["user"] = world.users["staff1"]
    at.run()
    assert not at.exception
    assert any("This page is for" in e.value for e in at.error)
    assert not at.metric


def _door_row(at, door_id: str) -> int:
    from floorplans.editing import doors_table

    plan = get_option_plan(at)
    return next(i for i, row in enumerate(doors_table(plan)) if row["id"] == door_id)


def get_option_plan(at):
    hist = at.session_state["designer_hist"]
    return next(iter(hist.values())).present


def test_table_edit_changes_the_scores_and_saves_a_version(world):
    at = signed_in(world.users["designer"])
    option = world.options[0]
    before = metric(at, "Accessibility")
    plan = get_option_plan(at)
    # make every door narrow: the door-width criterion must fail
    from floorplans.editing import doors_table

    edits = {str(i): {"clear_width": 0.6} for i, row in enumerate(doors_table(plan)) if not row["entrance"]}
    key = f"designer_doors_{option.id}_{at.session_state['designer_rev']}"
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="designer_apply_doors").click().run()
    assert not at.exception, at.exception
    after = metric(at, "Accessibility")
    assert after != before
    assert float(after.split()[0]) < float(before.split()[0])
    stored = get_option(world.engine, option.id)
    assert stored.version == 2
    assert all(d.clear_width == 0.6 for d in stored.plan().doors if not d.entrance)
    assert any("doors: changed" in s.value for s in at.success)


def test_invalid_polygon_is_refused_and_option_unchanged(world):
    at = signed_in(world.users["designer"])
    option = world.options[0]
    plan = get_option_plan(at)
    room = plan.rooms[0]
    xs = sorted({x for x, _ in room.rings[0]})
    ys = sorted({y for _, y in room.rings[0]})
    bowtie = f"{xs[0]} {ys[0]}; {xs[-1]} {ys[-1]}; {xs[-1]} {ys[0]}; {xs[0]} {ys[-1]}"
    key = f"designer_rooms_{option.id}_{at.session_state['designer_rev']}"
    at.session_state[key] = {"edited_rows": {"0": {"coords": bowtie, "x0": None}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="designer_apply_rooms").click().run()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error)
    assert "The edit was not made" in errors
    assert room.id in errors and "self-intersection" in errors
    assert get_option(world.engine, option.id).version == 1
    assert len(option_versions(world.engine, option.id)) == 1
    assert get_option_plan(at) is plan


def test_undo_and_redo_restore_plans_and_store_them(world):
    at = signed_in(world.users["designer"])
    option = world.options[0]
    plan = get_option_plan(at)
    key = f"designer_rooms_{option.id}_{at.session_state['designer_rev']}"
    at.session_state[key] = {"edited_rows": {"0": {"name": "Stillerum"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="designer_apply_rooms").click().run()
    renamed = get_option_plan(at)
    assert renamed.rooms[0].name == "Stillerum"
    assert get_option(world.engine, option.id).version == 2
    at.button(key="designer_undo").click().run()
    assert not at.exception, at.exception
    assert get_option_plan(at) is plan
    assert get_option(world.engine, option.id).version == 3  # the undone state is stored as a new version
    assert get_option(world.engine, option.id).plan().rooms[0].name == plan.rooms[0].name
    at.button(key="designer_redo").click().run()
    assert get_option_plan(at) is renamed
    assert get_option(world.engine, option.id).plan().rooms[0].name == "Stillerum"


def test_choosing_a_finding_names_it_and_highlights_its_features(world):
    at = signed_in(world.users["designer"])
    rows = at.session_state["designer_hist"]
    from planner.designer.analysis import score_rows

    plan = next(iter(rows.values())).present
    criteria = score_rows(plan, "br18")
    index = next(i for i, r in enumerate(criteria) if r.where)
    at.session_state["designer_score_criteria"] = {"selection": {"rows": [index], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, at.exception
    chosen = criteria[index]
    assert any(seen(m.value).startswith(f"**{chosen.title}**") for m in at.markdown)
    assert editor_data(at)["highlight"] == sorted(set(chosen.where))


def test_choosing_a_finding_with_marks_draws_them(world):
    at = signed_in(world.users["designer"])
    from planner.designer.analysis import score_rows

    criteria = score_rows(get_option_plan(at), "br18")
    index = next(i for i, r in enumerate(criteria) if r.lines)
    at.session_state["designer_score_criteria"] = {"selection": {"rows": [index], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, at.exception
    finding = editor_data(at)["overlays"]["finding"]
    assert len(finding["lines"]) == len(criteria[index].lines)


def editor_data(at) -> dict:
    """The data the plan-editor component was mounted with (what the browser draws)."""
    import json

    (component,) = [c for c in at.get("bidi_component") if c.proto.component_name.endswith("jobcenter_plan_editor")]
    return json.loads(component.proto.json)


def test_editor_receives_the_plan_with_its_overlays(world):
    at = signed_in(world.users["designer"])
    plan = get_option_plan(at)
    data = editor_data(at)
    assert [r["id"] for r in data["rooms"]] == [r.id for r in plan.rooms]
    assert data["grid"] == 0.1 and data["overlays"] == {}
    at.pills(key="designer_overlays").set_value(["Wheelchair route"]).run()
    assert not at.exception, at.exception
    route = editor_data(at)["overlays"]["route"]
    assert len(route) >= 2
    assert any("Wheelchair route to" in c.value for c in at.caption)


def test_noise_overlay_shows_the_level_in_every_room(world):
    from scoring.acoustics.network import room_levels

    at = signed_in(world.users["designer"])
    plan = get_option_plan(at)
    at.pills(key="designer_overlays").set_value(["Noise level"]).run()
    assert not at.exception, at.exception
    data = editor_data(at)
    heat = data["overlays"]["heat"]
    assert heat["cells"] and heat["max"] > 50  # a waiting area or reception: its own activity, some 55–65 dB(A)
    levels = room_levels(plan)
    labels = {r["id"]: r["label"] for r in data["rooms"]}
    loudest = max(levels.values(), key=lambda lv: lv.total)
    assert labels[loudest.room].endswith(f"· {loudest.total:.0f} dB")
    assert any("Noise level" in c.value for c in at.caption)


def test_import_a_plan_file_as_a_new_option(world):
    from floorplans import dumps_plan
    from floorplans.samples import load_sample
    from input_forms.projects import list_options

    at = signed_in(world.users["designer"])
    text = dumps_plan(load_sample("option_b").replace(name="Imported B")).encode()
    at.file_uploader(key="designer_import_file").upload("option_b.geojson", text, "application/geo+json").run()
    assert not at.exception, at.exception
    assert at.text_input(key="designer_import_name").value == "Imported B"
    at.button(key="designer_import_save").click().run()
    assert not at.exception, at.exception
    names = [o.name for o in list_options(world.engine, world.project.id)]
    assert names == [world.options[0].name, "Imported B"]
    assert at.selectbox(key="designer_option_pick").value == list_options(world.engine, world.project.id)[1].id


def test_import_of_a_broken_file_lists_its_problems(world):
    from input_forms.projects import list_options

    at = signed_in(world.users["designer"])
    broken = b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "r1", "geometry": {"type": "Polygon", "coordinates": [[[0,0],[4,4],[4,0],[0,4],[0,0]]]}, "properties": {"feature": "room", "kind": "waiting"}}]}'
    at.file_uploader(key="designer_import_file").upload("broken.geojson", broken, "application/geo+json").run()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error)
    assert "r1" in errors and "self-intersection" in errors
    assert len(list_options(world.engine, world.project.id)) == 1


def test_selected_room_kind_and_name_are_set_in_its_form(world):
    at = signed_in(world.users["designer"])
    option = world.options[0]
    plan = get_option_plan(at)
    room = next(r for r in plan.rooms if r.kind.value == "meeting_room")
    at.session_state["designer_selected"] = room.id  # what a tap with the Select tool sets
    at.run()
    assert not at.exception, at.exception
    assert any(m.value == f"**Selected: room {room.name} ({room.id}), a conversation room**" for m in at.markdown)
    form = [s for s in at.selectbox if s.label == "Kind"][0]
    assert form.format_func(form.value) == "Conversation room"  # the kind by its name, as in the new-room picker
    assert list(form.options)[:3] == ["Entrance", "Reception", "Waiting"]
    form.set_value("quiet_nook")
    next(t for t in at.text_input if t.label == "Name" and t.value == room.name).input("Stillerum")
    next(b for b in at.button if b.label == "Save room").click().run()
    assert not at.exception, at.exception
    stored = get_option(world.engine, option.id).plan().room(room.id)
    assert (stored.kind.value, stored.name) == ("quiet_nook", "Stillerum")
    assert get_option_plan(at).room(room.id).name == "Stillerum"
    # what the edit did, in a plain sentence: above the plan and in the version history
    sentence = f"Room Stillerum ({room.id}), renamed from “{room.name}”, is now a quiet nook."
    assert [s.value for s in at.success] == [sentence]
    assert get_option(world.engine, option.id).version == 2 and option_versions(world.engine, option.id)[-1].notes == sentence


def test_a_whole_building_as_a_zip_imports_once_and_an_upper_floor_is_saved(world, monkeypatch):
    """A WRLD building (main.json + one GeoJSON per level) zipped: pick level 3, see its scores, save it."""
    import io
    import zipfile

    from input_forms.projects import list_options
    from planner.common import bounded
    from tests.conftest import REAL_PLANS_DIR, require_real_plans

    require_real_plans()
    folder = REAL_PLANS_DIR / "wrld_westport_house_geojson"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for path in sorted(folder.glob("*.json")) + sorted(folder.glob("*.geojson")):
            zf.write(path, f"westport/{path.name}")
    calls = []
    reader = bounded.read_in_worker  # the import runs in the bounded worker: count the hand-overs
    monkeypatch.setattr(bounded, "read_in_worker", lambda *a, **k: calls.append(a) or reader(*a, **k))
    at = signed_in(world.users["designer"], timeout=180)
    at.file_uploader(key="designer_import_file").upload("westport.zip", buffer.getvalue(), "application/zip").run()
    assert not at.exception, at.exception
    level = at.selectbox(key="designer_import_level")
    assert [o.split(" (")[0] for o in level.options] == ["G", "1", "2", "3", "4", "5", "6"]
    assert all(o.endswith(" rooms)") for o in level.options)  # each level with its room count
    level.set_value("3").run()
    assert not at.exception, at.exception
    assert any(c.value.startswith("Scores of this level (BR18): calmness") for c in at.caption)
    assert any("upper floor reached by" in w.value for w in at.warning)
    leave = next(c for c in at.checkbox if c.key and c.key.startswith("designer_review_leave_"))
    leave.check().run()  # many rooms between the walls are unnamed: leave them unknown on purpose
    at.text_input(key="designer_import_name").input("Westport 3. sal").run()
    at.button(key="designer_import_save").click().run()
    assert not at.exception, at.exception
    assert len(calls) == 1  # imported once, not on every rerun
    saved = [o for o in list_options(world.engine, world.project.id) if o.name == "Westport 3. sal"]
    from floorplans.importers import import_file

    direct = import_file(folder / "main.json", level="3").levels["3"]
    assert len(saved) == 1 and len(saved[0].plan().rooms) == len(direct.rooms) > 30


def _select(at, feature_id: str) -> None:
    at.session_state["designer_selected"] = feature_id  # what a tap with the Select tool sets
    at.run()
    assert not at.exception, at.exception


def _number(at, label: str):
    return next(n for n in at.number_input if n.label == label)


def test_room_form_sets_height_finish_and_wall_rating(world):
    at = signed_in(world.users["designer"])
    option = world.options[0]
    room = next(r for r in get_option_plan(at).rooms if r.kind.value == "meeting_room")
    _select(at, room.id)
    _number(at, "Ceiling height (m)").set_value(3.1)
    next(s for s in at.selectbox if s.label == "Acoustic finish").set_value("absorbent")
    _number(at, "Walls R'w (dB)").set_value(52.0)
    next(b for b in at.button if b.label == "Save room").click().run()
    assert not at.exception, at.exception
    stored = get_option(world.engine, option.id).plan().room(room.id)
    assert (stored.height, stored.acoustic_finish.value, stored.wall_sound_rating) == (3.1, "absorbent", 52.0)


def test_door_form_sets_the_sound_rating(world):
    at = signed_in(world.users["designer"])
    option = world.options[0]
    door = next(d for d in get_option_plan(at).doors if not d.entrance)
    _select(at, door.id)
    _number(at, "Sound rating Rw (dB)").set_value(35.0)
    next(b for b in at.button if b.label == "Save door").click().run()
    assert not at.exception, at.exception
    assert next(d for d in get_option(world.engine, option.id).plan().doors if d.id == door.id).sound_rating == 35.0


def test_window_form_sets_sill_head_and_transmittance_and_refuses_a_head_below_the_sill(world):
    at = signed_in(world.users["designer"])
    option = world.options[0]
    window = get_option_plan(at).windows[0]
    _select(at, window.id)
    _number(at, "Sill (m)").set_value(0.0)
    _number(at, "Head (m)").set_value(2.4)
    _number(at, "Light transmittance").set_value(0.6)
    next(b for b in at.button if b.label == "Save window").click().run()
    assert not at.exception, at.exception
    stored = next(w for w in get_option(world.engine, option.id).plan().windows if w.id == window.id)
    assert (stored.sill, stored.head, stored.light_transmittance) == (0.0, 2.4, 0.6)
    version = get_option(world.engine, option.id).version
    _number(at, "Sill (m)").set_value(2.5)
    next(b for b in at.button if b.label == "Save window").click().run()
    assert not at.exception, at.exception
    assert "must be above its sill" in " ".join(e.value for e in at.error)
    assert get_option(world.engine, option.id).version == version


def test_windows_table_sets_glass_heights_and_transmittance_and_refuses_a_head_below_the_sill(world):
    from floorplans.editing import windows_table

    at = signed_in(world.users["designer"])
    option = world.options[0]
    rows = windows_table(get_option_plan(at))
    first = rows[0]["id"]
    key = f"designer_windows_{option.id}_{at.session_state['designer_rev']}"
    at.session_state[key] = {"edited_rows": {"0": {"sill": 0.2, "head": 2.5, "light_transmittance": 0.5}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="designer_apply_windows").click().run()
    assert not at.exception, at.exception
    stored = get_option(world.engine, option.id)
    assert stored.version == 2
    w = next(w for w in stored.plan().windows if w.id == first)
    assert (w.sill, w.head, w.light_transmittance) == (0.2, 2.5, 0.5)
    assert any(f"windows: changed {first}" in s.value for s in at.success)
    key = f"designer_windows_{option.id}_{at.session_state['designer_rev']}"
    at.session_state[key] = {"edited_rows": {"0": {"sill": 2.6}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="designer_apply_windows").click().run()
    assert not at.exception, at.exception
    assert "must be above its sill" in " ".join(e.value for e in at.error)
    assert get_option(world.engine, option.id).version == 2


def test_implausible_figures_stay_listed_beside_the_scores_until_fixed(world):
    at = signed_in(world.users["designer"])
    assert not any("Check these figures" in w.value for w in at.warning)  # the sample is plausible
    door = next(d for d in get_option_plan(at).doors if not d.entrance)
    _select(at, door.id)
    _number(at, "Sound rating Rw (dB)").set_value(80.0)
    next(b for b in at.button if b.label == "Save door").click().run()
    assert not at.exception, at.exception
    at.run()  # the edit's own message is gone; the list stays
    listed = [w.value for w in at.warning if "Check these figures" in w.value]
    assert len(listed) == 1 and f"**{door.id}**: the door has a sound rating of Rw 80 dB" in listed[0]
    _select(at, door.id)
    _number(at, "Sound rating Rw (dB)").set_value(45.0)
    next(b for b in at.button if b.label == "Save door").click().run()
    assert not any("Check these figures" in w.value for w in at.warning)


def test_an_edit_of_todays_layout_is_saved_as_a_copy_and_the_baseline_stays(world):
    from floorplans.editing import doors_table
    from input_forms.projects import list_options, set_baseline

    option = set_baseline(world.engine, world.options[0].id)
    at = signed_in(world.users["designer"])
    assert any("This is today's layout" in i.value for i in at.info)
    plan = get_option_plan(at)
    edits = {str(i): {"clear_width": 0.6} for i, row in enumerate(doors_table(plan)) if not row["entrance"]}
    key = f"designer_doors_{option.id}_{at.session_state['designer_rev']}"
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="designer_apply_doors").click().run()
    assert not at.exception, at.exception
    kept = get_option(world.engine, option.id)
    assert kept.version == 1 and kept.plan_geojson == option.plan_geojson and kept.is_baseline
    assert len(option_versions(world.engine, option.id)) == 1
    copy = next(o for o in list_options(world.engine, world.project.id) if o.id != option.id)
    assert copy.name == f"{option.name} – edited" and not copy.is_baseline
    assert all(d.clear_width == 0.6 for d in copy.plan().doors if not d.entrance)
    assert at.selectbox(key="designer_option_pick").value == copy.id  # the page moved on to the copy
    assert any("Today's layout is kept as it is" in s.value for s in at.success)
    assert at.session_state["designer_hist"][option.id].present.model_dump() == option.plan().model_dump()


def test_the_designer_is_told_that_an_open_round_keeps_its_version(world):
    from input_forms.projects import add_option
    from input_forms.voting import get_round, open_round

    other = add_option(world.engine, world.project.id, "Copy", world.options[0].plan_geojson)
    rnd = open_round(world.engine, world.project.id, [world.options[0].id, other.id], title="Now voting")
    at = signed_in(world.users["designer"])
    assert any("Staff are voting on version 1 of this option in “Now voting”" in c.value for c in at.caption)
    plan = get_option_plan(at)
    from floorplans.editing import doors_table

    edits = {str(i): {"clear_width": 0.7} for i, row in enumerate(doors_table(plan)) if not row["entrance"]}
    at.session_state[f"designer_doors_{world.options[0].id}_{at.session_state['designer_rev']}"] = \
        {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="designer_apply_doors").click().run()
    assert get_option(world.engine, world.options[0].id).version == 2
    assert get_round(world.engine, rnd.id).option_versions == (1, 1)  # the round kept what staff vote on


def test_imported_rooms_are_reviewed_before_saving(world, tmp_path):
    """An architect's DXF: the review lists guessed kinds; bulk assignment by name; an unknown room blocks saving until left so."""
    import ezdxf

    from input_forms.projects import list_options
    from tests.floorplans.importers.architect_files import architect_dxf

    path, _ = architect_dxf(tmp_path / "stueetage.dxf")
    doc = ezdxf.readfile(path)
    doc.modelspace().add_lwpolyline([(24150, 0), (28000, 0), (28000, 5000), (24150, 5000)], close=True, dxfattribs={"layer": "A-AREA"})
    doc.saveas(path)
    at = signed_in(world.users["designer"], timeout=120)
    at.file_uploader(key="designer_import_file").upload("stueetage.dxf", path.read_bytes(), "application/dxf").run()
    assert not at.exception, at.exception
    assert any("20 named surely by the file" in c.value and "1 unknown" in c.value for c in at.caption), (
        [c.value for c in at.caption], [e.value for e in at.error], [w.value for w in at.warning])
    report = " ".join(m.value for m in at.markdown)
    assert "SAMTALERUM 1: meeting room, 90% sure" in report and "/tmp" not in report and "stueetage.dxf" not in report
    assert at.button(key="designer_import_save").disabled  # one room is still unknown
    key = next(t.key for t in at.text_input if t.key and t.key.startswith("designer_review_bulk_"))
    at.text_input(key=key).input("samtale").run()
    at.selectbox(key=key.replace("designer_review_bulk_", "designer_review_bulk_kind_")).set_value("quiet_nook").run()
    at.button(key=key.replace("designer_review_bulk_", "designer_review_assign_")).click().run()
    assert not at.exception, at.exception
    at.checkbox(key=key.replace("designer_review_bulk_", "designer_review_leave_")).check().run()
    assert not at.button(key="designer_import_save").disabled
    at.text_input(key="designer_import_name").input("Stueetage").run()
    at.button(key="designer_import_save").click().run()
    assert not at.exception, at.exception
    saved = next(o for o in list_options(world.engine, world.project.id) if o.name == "Stueetage").plan()
    kinds = {r.name: r.kind.value for r in saved.rooms}
    assert kinds["SAMTALERUM 1"] == kinds["SAMTALERUM 2"] == "quiet_nook" and kinds["MØDELOKALE"] == "meeting_room"
    assert [r.kind.value for r in saved.rooms if not r.name] == ["unknown"]
    assert saved.rooms[5].extra["kind_confidence"] == 1.0
