"""AppTest: staff comment on a layout option, see roles not names, follow answers; designers filter and answer."""

from __future__ import annotations

import re

import pytest

from input_forms import comments
from tests.planner.app.fixtures import all_text, seen, signed_in

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _room(option, kind: str) -> str:
    return option.plan().rooms_of_kind(kind)[0].id


def _comment_via_page(at, option, room_id: str, category: str, text: str, show_name: bool = False):
    at.selectbox(key="comments_option").set_value(option.id).run()
    at.radio(key="comments_where").set_value("room").run()
    at.selectbox(key=f"comments_room_{option.id}").set_value(room_id)
    at.segmented_control(key="comments_category").set_value(category)
    at.text_area(key="comments_text").input(text)
    at.checkbox(key="comments_show_name").set_value(show_name)
    return at.button(key="comments_add").click().run()


def test_staff_adds_a_comment_by_choosing_a_room_and_it_is_shown_under_the_role(demo):
    option = demo.options[0]  # the demo's own comments are on Options A and B
    staff = demo.users["staff1"]  # Aisha, caseworker
    at = signed_in(staff, "comments")
    assert not at.exception, at.exception
    assert at.title[0].value == "Comments on the plans"
    at = _comment_via_page(at, option, _room(option, "waiting"), "problem", "Samtaler høres fra ventesalen")
    assert not at.exception, at.exception
    assert any("shown as “caseworker”" in s.value for s in at.success), [s.value for s in at.success]
    stored = comments.list_comments(demo.engine, option_id=option.id)
    assert [(c.category, c.text, c.feature_id, c.author_name) for c in stored] == [
        ("problem", "Samtaler høres fra ventesalen", _room(option, "waiting"), None)]
    assert at.text_area(key="comments_text").value == ""  # cleared for the next one
    text = all_text(at)
    assert f"#{stored[0].id} · Problem · caseworker (you) · made on v{option.version}" in text
    assert "Aisha" not in text.replace("Show my name (Aisha)", "")
    # a colleague sees it under the role only
    other = signed_in(demo.users["staff2"], "comments")
    other.selectbox(key="comments_option").set_value(option.id).run()
    seen = all_text(other)
    assert f"#{stored[0].id} · Problem · caseworker · made on" in seen and "Aisha" not in seen.replace(
        "Show my name (Lars)", "")


def test_show_my_name_puts_the_name_beside_the_role(demo):
    option = demo.options[0]
    at = _comment_via_page(signed_in(demo.users["staff2"], "comments"), option, _room(option, "reception"), "idea",
                           "Lavere skranke ved indgangen", show_name=True)
    assert not at.exception, at.exception
    other = signed_in(demo.users["staff1"], "comments")
    other.selectbox(key="comments_option").set_value(option.id).run()
    assert "· Idea · Lars (reception) · made on" in all_text(other)


def test_an_empty_comment_is_refused_with_a_message_and_nothing_is_stored(demo):
    option = demo.options[0]
    at = _comment_via_page(signed_in(demo.users["staff1"], "comments"), option, _room(option, "waiting"), "idea", "")
    assert not at.exception
    assert any("not saved" in e.value and "text" in e.value for e in at.error), [e.value for e in at.error]
    assert comments.list_comments(demo.engine, option_id=option.id) == []


def test_the_demo_comments_are_there_with_their_answers(demo):
    option_a = demo.options[1]
    at = signed_in(demo.users["staff2"], "comments")
    at.selectbox(key="comments_option").set_value(option_a.id).run()
    text = all_text(at)
    assert re.search(r"· Problem · caseworker · made on v\d", text)
    assert re.search(r"· Idea · Lars \(reception\) · made on v\d", text)
    assert any("Taken into the plan" in s.value for s in at.success)


def test_pin_mode_without_a_tap_cannot_submit(demo):
    at = signed_in(demo.users["staff1"], "comments")
    assert at.radio(key="comments_where").value == "pin"
    assert at.button(key="comments_add").disabled


def test_staff_follow_the_answer_and_withdraw_only_their_open_comments(demo):
    option = demo.options[0]
    staff, designer = demo.users["staff1"], demo.users["designer"]
    room = _room(option, "waiting")
    answered = comments.add_comment(demo.engine, staff, {"option_id": option.id, "category": "problem",
                                                         "feature_id": room, "text": "Too loud"})
    comments.answer_comment(demo.engine, answered.id, designer, "declined", "The wall is load-bearing")
    pending = comments.add_comment(demo.engine, staff, {"option_id": option.id, "category": "idea",
                                                        "feature_id": room, "text": "Plants here"})
    at = signed_in(staff, "comments")
    at.selectbox(key="comments_option").set_value(option.id).run()
    assert any("Declined: The wall is load-bearing" in seen(w.value) for w in at.warning)
    keys = {b.key for b in at.button}
    assert f"comment_withdraw_{pending.id}" in keys and f"comment_withdraw_{answered.id}" not in keys
    at.button(key=f"comment_withdraw_{pending.id}").click().run()
    assert [c.id for c in comments.list_comments(demo.engine, option_id=option.id)] == [answered.id]
    # only mine: a colleague's comment disappears from the list
    comments.add_comment(demo.engine, demo.users["staff2"], {"option_id": option.id, "category": "question",
                                                             "feature_id": room, "text": "Who cleans?"})
    at.run()
    assert "Who cleans?" in [t.value for t in at.text]
    at.toggle(key="comments_filter_mine").set_value(True).run()
    assert [t.value for t in at.text] == ["Too loud"]


def _editor_comments(at) -> list[dict]:
    import json

    (component,) = [c for c in at.get("bidi_component") if c.proto.component_name.endswith("jobcenter_plan_editor")]
    return json.loads(component.proto.json)["overlays"].get("comments", [])


def test_designer_sees_comments_as_a_layer_filters_them_and_answers(demo):
    engine, option = demo.engine, demo.options[0]
    staff, designer = demo.users["staff1"], demo.users["designer"]
    room = _room(option, "waiting")
    problem = comments.add_comment(engine, staff, {"option_id": option.id, "category": "problem",
                                                   "feature_id": room, "text": "Conversations are overheard"})
    idea = comments.add_comment(engine, demo.users["staff2"], {"option_id": option.id, "category": "idea",
                                                                "x": problem.x + 1, "y": problem.y, "text": "Add plants"})
    at = signed_in(designer, "designer")
    at.selectbox(key="designer_option_pick").set_value(option.id).run()
    assert not at.exception, at.exception
    assert _editor_comments(at) == []  # a layer: off until chosen
    at.pills(key="designer_overlays").set_value(["Kiosk pins", "Staff comments"]).run()
    assert not at.exception, at.exception
    layer = _editor_comments(at)
    assert [(c["id"], c["category"], c["status"]) for c in layer] == [(problem.id, "problem", "open"),
                                                                      (idea.id, "idea", "open")]
    assert (layer[0]["x"], layer[0]["y"]) == (problem.x, problem.y)
    # filter by category: only the idea stays on the plan and in the list
    at.pills(key="designer_comments_categories").set_value(["idea"]).run()
    assert [c["id"] for c in _editor_comments(at)] == [idea.id]
    assert [t.value for t in at.text] == ["Add plants"]
    at.pills(key="designer_comments_categories").set_value(["problem", "idea", "question"]).run()
    # declining without a reason is refused; with one it is stored
    at.selectbox(key=f"comment_status_{idea.id}").set_value("declined")
    at.button(key=f"comment_save_{idea.id}").click().run()
    assert any("say why" in e.value for e in at.error), [e.value for e in at.error]
    assert comments.get_comment(engine, idea.id).status == "open"
    at.selectbox(key=f"comment_status_{idea.id}").set_value("declined")
    at.text_input(key=f"comment_reason_{idea.id}").input("Plants block the escape route here")
    at.button(key=f"comment_save_{idea.id}").click().run()
    at.selectbox(key=f"comment_status_{problem.id}").set_value("taken")
    at.button(key=f"comment_save_{problem.id}").click().run()
    assert not at.exception, at.exception
    assert (comments.get_comment(engine, problem.id).status, comments.get_comment(engine, idea.id).reason) == (
        "taken", "Plants block the escape route here")
    # filter by status: only the declined one
    at.pills(key="designer_comments_statuses").set_value(["declined"]).run()
    assert [c["id"] for c in _editor_comments(at)] == [idea.id]
    assert [c["status"] for c in _editor_comments(at)] == ["declined"]
    # the author reads the answer
    mine = signed_in(staff, "comments")
    mine.selectbox(key="comments_option").set_value(option.id).run()
    assert any("Taken into the plan (answered at version 1)" in seen(s.value) for s in mine.success)


def test_a_comment_stays_on_the_option_after_the_designer_saves_a_new_version(demo):
    from floorplans import dumps_plan
    from floorplans.editing import set_room

    engine, option = demo.engine, demo.options[1]  # not the baseline: an edit of today's layout makes a copy
    room = _room(option, "waiting")
    made = comments.add_comment(engine, demo.users["staff1"], {"option_id": option.id, "category": "problem",
                                                               "feature_id": room, "text": "Too few seats"})
    from input_forms.projects import get_option, update_option

    edited = set_room(option.plan(), room, name="Venteområde (ny)")
    update_option(engine, option.id, dumps_plan(edited.plan), author="designer", notes="renamed")
    assert get_option(engine, option.id).version == option.version + 1
    at = signed_in(demo.users["designer"], "designer")
    at.selectbox(key="designer_option_pick").set_value(option.id).run()
    assert not at.exception, at.exception
    assert any(f"#{made.id} · Problem · caseworker · made on v{option.version} · Venteområde (ny)" in seen(m.value)
               for m in at.markdown)
    mine = comments.list_comments(engine, option_id=option.id)
    open_ = sum(1 for c in mine if c.status == "open")
    assert any(c.value.startswith(f"{len(mine)} comment(s) on {option.name}, {open_} open") for c in at.caption)
