"""The import review in AppTest: rooms selected by clicking them on the plan, then given one kind at once."""

from __future__ import annotations

import pytest

from tests.planner.app.fixtures import make_world, signed_in


@pytest.fixture
def world(tmp_path, monkeypatch):
    return make_world(tmp_path, monkeypatch, samples=("baseline",))


def _click(at, plan, name: str, when: int) -> None:
    """What the plan picture sends when the designer clicks inside the room of this name (shown 600 px wide)."""
    from planner.common.plan_picture import plan_to_pixel

    key, state = next(iter(at.session_state["designer_review"].items()))
    picture = state["picture"][1]
    point = next(r for r in plan.rooms if r.name == name).geometry.representative_point()
    height = 600 * picture.height_px / picture.width_px
    x, y = plan_to_pixel(point.x, point.y, picture.extent, 600, height)
    at.session_state[f"designer_review_plan_{key}"] = {"x": x, "y": y, "width": 600, "height": height, "unix_time": when}
    at.run()


def test_clicking_rooms_on_the_plan_selects_their_rows_for_one_kind(world, tmp_path):
    from input_forms.projects import list_options
    from tests.floorplans.importers.architect_files import architect_dxf

    path, _ = architect_dxf(tmp_path / "stueetage.dxf")
    at = signed_in(world.users["designer"], timeout=120)
    at.file_uploader(key="designer_import_file").upload("stueetage.dxf", path.read_bytes(), "application/dxf").run()
    assert not at.exception, at.exception
    key, state = next(iter(at.session_state["designer_review"].items()))
    plan = state["plan"]
    _click(at, plan, "SAMTALERUM 1", 1)
    _click(at, plan, "MØDELOKALE", 2)
    assert not at.exception, at.exception
    state = at.session_state["designer_review"][key]
    chosen = {r.id: r.name for r in plan.rooms if r.id in state["selected"]}
    assert sorted(chosen.values()) == ["MØDELOKALE", "SAMTALERUM 1"]
    table = at.dataframe[0].value  # the review table: the clicked rooms' rows are ticked
    assert sorted(table[table["selected"]]["name"]) == ["MØDELOKALE", "SAMTALERUM 1"]
    assert any("2 selected (hatched red)" in c.value for c in at.caption), [c.value for c in at.caption]
    _click(at, plan, "MØDELOKALE", 3)  # a second click on a room takes it out again
    assert list(at.session_state["designer_review"][key]["selected"]) == [next(i for i, n in chosen.items() if n == "SAMTALERUM 1")]
    _click(at, plan, "SAMTALERUM 2", 4)
    at.selectbox(key=f"designer_review_selected_kind_{key}").set_value("quiet_nook").run()
    at.button(key=f"designer_review_assign_selected_{key}").click().run()
    assert not at.exception, at.exception
    assert at.session_state["designer_review"][key]["selected"] == ()
    at.text_input(key="designer_import_name").input("Stueetage").run()
    leave = next((c for c in at.checkbox if c.key and c.key.startswith("designer_review_leave_")), None)
    if leave is not None:
        leave.check().run()
    at.button(key="designer_import_save").click().run()
    assert not at.exception, at.exception
    saved = next(o for o in list_options(world.engine, world.project.id) if o.name == "Stueetage").plan()
    kinds = {r.name: r.kind.value for r in saved.rooms}
    assert kinds["SAMTALERUM 1"] == kinds["SAMTALERUM 2"] == "quiet_nook" and kinds["MØDELOKALE"] == "meeting_room"
