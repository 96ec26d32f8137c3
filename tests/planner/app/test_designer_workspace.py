"""The designer's workspace in AppTest (issue 17): kinds by name, plain sentences, plan edits, overlays per plan."""

from __future__ import annotations

import pytest

from floorplans.kinds import KIND_LABELS
from input_forms.projects import get_option, option_versions
from tests.planner.app.editor_actions import editor_data, send_action
from tests.planner.app.fixtures import make_world, signed_in

NAMES = list(KIND_LABELS.values())


@pytest.fixture
def world(tmp_path, monkeypatch):
    return make_world(tmp_path, monkeypatch, samples=("baseline", "option_a"))


def _open_option_a(world):
    at = signed_in(world.users["designer"])
    at.selectbox(key="designer_option_pick").set_value(world.options[1].id).run()
    assert not at.exception, at.exception
    return at


def _plan(at, option_id: int):
    return at.session_state["designer_hist"][option_id].present


def test_kinds_are_shown_by_their_names_in_the_picker_and_the_form(world):
    at = _open_option_a(world)
    picker = at.selectbox(key="designer_new_kind")
    assert list(picker.options) == NAMES and picker.value == "meeting_room"
    room = next(r for r in _plan(at, world.options[1].id).rooms if r.kind.value == "quiet_nook")
    at.session_state["designer_selected"] = room.id
    at.run()
    form = next(s for s in at.selectbox if s.label == "Kind")
    assert list(form.options) == NAMES  # the same names as the picker, not "quiet_nook"
    assert form.format_func(form.value) == "Quiet nook"
    assert any(m.value.startswith(f"**Selected: room {room.name} ({room.id}), a quiet nook") for m in at.markdown)


def test_a_room_moved_on_the_plan_is_stored_and_drawn(world):
    at = _open_option_a(world)
    option_id = world.options[1].id
    plan = _plan(at, option_id)
    mover = next(r for r in plan.rooms if r.kind.value == "quiet_nook")
    # find a move the plan accepts (a nook moves within its open office), as a designer's drag would
    from floorplans.editing import move_feature

    dx, dy = next((dx, dy) for dx, dy in ((0.5, 0), (-0.5, 0), (0, 0.5), (0, -0.5)) if move_feature(plan, mover.id, dx, dy).ok)
    send_action(at, {"op": "move", "id": mover.id, "dx": dx, "dy": dy, "seq": 1})
    assert not at.exception, at.exception
    moved = _plan(at, option_id).room(mover.id)
    assert moved.geometry.bounds[0] == pytest.approx(mover.geometry.bounds[0] + dx)
    assert get_option(world.engine, option_id).version == 2
    drawn = next(r for r in editor_data(at)["rooms"] if r["id"] == mover.id)
    assert min(x for x, _ in drawn["rings"][0]) == pytest.approx(moved.geometry.bounds[0])  # the plan shows the move
    assert len(at.success) == 1 and mover.id in at.success[0].value


def test_undo_and_redo_say_what_happened_in_a_sentence(world):
    at = _open_option_a(world)
    option_id = world.options[1].id
    room = next(r for r in _plan(at, option_id).rooms if r.kind.value == "meeting_room")
    at.session_state["designer_selected"] = room.id
    at.run()
    next(s for s in at.selectbox if s.label == "Kind").set_value("quiet_nook")
    next(b for b in at.button if b.label == "Save room").click().run()
    label = f"Room {room.name} ({room.id})" if room.name else f"Room {room.id}"
    assert [s.value for s in at.success] == [f"{label} is now a quiet nook."]
    assert option_versions(world.engine, option_id)[-1].notes == f"{label} is now a quiet nook."
    at.button(key="designer_undo").click().run()
    assert [s.value for s in at.success] == ["Undone: the plan is back as it was before your last edit."]
    at.button(key="designer_redo").click().run()
    assert [s.value for s in at.success] == ["Redone: your edit is back on the plan."]
    assert _plan(at, option_id).room(room.id).kind.value == "quiet_nook"


def test_a_heavy_overlay_is_kept_per_plan_content(world):
    """Visual integration after an edit is computed for the new plan; an undo finds the old one kept."""
    from planner.designer import cache

    at = _open_option_a(world)
    option_id = world.options[1].id
    first = _plan(at, option_id)
    at.pills(key="designer_overlays").set_value(["Visual integration"]).run()
    assert not at.exception, at.exception
    before = editor_data(at)["overlays"]["heat"]
    assert before["cells"] and cache.peek(first, "integration")[0]
    room = next(r for r in first.rooms if r.kind.value == "meeting_room")
    at.session_state["designer_selected"] = room.id
    at.run()
    next(s for s in at.selectbox if s.label == "Kind").set_value("open_office")  # an open office: walls stay
    next(b for b in at.button if b.label == "Save room").click().run()
    assert not at.exception, at.exception
    edited = _plan(at, option_id)
    assert edited is not first and cache.peek(edited, "integration")[0]  # computed for the edited plan, then drawn
    assert editor_data(at)["overlays"]["heat"]["cells"]
    assert any(c.value.startswith("Visual integration: yellow") for c in at.caption)
    at.button(key="designer_undo").click().run()
    back = _plan(at, option_id)
    assert back == first and cache.peek(back, "integration")[0]  # the same content: found without a new VGA
    assert editor_data(at)["overlays"]["heat"] == before


def test_the_plan_scores_and_tables_are_one_fragment_the_option_picker_is_not(world, monkeypatch):
    """An edit reruns the fragment only: the editor, the scores and the tables are drawn inside it."""
    import streamlit.testing.v1.local_script_runner as runner

    messages: list = []
    parse = runner.parse_tree_from_messages

    def recording(msgs):
        messages[:] = list(msgs)
        return parse(msgs)

    monkeypatch.setattr(runner, "parse_tree_from_messages", recording)
    _open_option_a(world)
    drawn = {}
    for msg in messages:
        if not msg.HasField("delta") or not msg.delta.HasField("new_element"):
            continue
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "bidi_component" and element.bidi_component.component_name.endswith("jobcenter_plan_editor"):
            drawn["editor"] = msg.delta.fragment_id
        elif kind == "metric":
            drawn[element.metric.label] = msg.delta.fragment_id
        elif kind == "selectbox" and element.selectbox.label in ("Layout option", "Kind of new rooms"):
            drawn[element.selectbox.label] = msg.delta.fragment_id
        elif kind == "dataframe" and element.dataframe.editing_mode:
            drawn.setdefault("tables", msg.delta.fragment_id)
    assert drawn["Layout option"] == ""  # outside: switching options reruns the whole page
    workspace = drawn["editor"]
    assert workspace and drawn["Calmness"] == drawn["Accessibility"] == drawn["Kind of new rooms"] == workspace
    assert drawn["tables"] == workspace
