"""Wording and marks of staff comments (planner.comments.logic) and their drawing on the tappable plan."""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image

from floorplans.samples import load_sample
from input_forms.models import StaffComment
from planner.comments import logic
from planner.common.plan_picture import plan_picture, plan_to_pixel, with_markers


def _comment(**changes) -> StaffComment:
    base = dict(id=4, project_id=1, option_id=2, option_version=3, category="problem", text="t", x=None, y=None,
                feature_id=None, author_role="caseworker", author_name=None, status="open",
                created_hour=datetime(2026, 12, 1, 10))
    return StaffComment(**{**base, **changes})


def test_place_label_names_the_feature_else_the_room_under_the_pin_else_the_point():
    plan = load_sample("baseline")
    waiting = plan.rooms_of_kind("waiting")[0]
    inside = waiting.geometry.representative_point()
    assert logic.place_label(plan, _comment(feature_id=waiting.id)) == waiting.label
    assert logic.place_label(plan, _comment(x=inside.x, y=inside.y)) == waiting.label
    assert logic.place_label(plan, _comment(feature_id="gone", x=-50.0, y=-50.0)) == "(-50.0, -50.0) m"


def test_heading_and_status_say_who_when_and_the_answer():
    plan = load_sample("baseline")
    room = plan.rooms_of_kind("reception")[0]
    mine = _comment(feature_id=room.id, mine=True)
    assert logic.heading(mine, plan) == f"#4 · Problem · caseworker (you) · made on v3 · {room.label}"
    named = _comment(feature_id=room.id, author_name="Lars", category="idea")
    assert logic.heading(named, plan).startswith("#4 · Idea · Lars (caseworker) · made on v3")
    assert logic.status_sentence(_comment(status="declined", reason="No budget")) == "Declined: No budget"
    assert "version 5" in logic.status_sentence(_comment(status="taken", answered_version=5))


def test_markers_leave_out_comments_without_a_pin_and_are_drawn_where_they_belong():
    plan = load_sample("baseline")
    waiting = plan.rooms_of_kind("waiting")[0].geometry.representative_point()
    with_pin = _comment(x=waiting.x, y=waiting.y, category="question")
    assert logic.markers([with_pin, _comment(id=5)]) == [(waiting.x, waiting.y, "question", "4")]
    picture = plan_picture(plan, width_px=600)
    image = Image.open(io.BytesIO(with_markers(picture, logic.markers([with_pin])))).convert("RGB")
    px, py = plan_to_pixel(waiting.x, waiting.y, picture.extent, image.width, image.height)
    corner = image.getpixel((int(px) - 6, int(py) - 6))  # inside the square, off the number
    assert corner == (0xEE, 0x77, 0x33)  # the question colour
    plain = Image.open(io.BytesIO(picture.png)).convert("RGB")
    assert plain.getpixel((int(px) - 6, int(py) - 6)) != corner


def test_matching_filters_by_category_status_and_author():
    items = [_comment(id=1), _comment(id=2, category="idea", status="taken", mine=True),
             _comment(id=3, category="question", status="declined", reason="no")]
    assert [c.id for c in logic.matching(items, ["problem", "idea"], ["open", "taken"])] == [1, 2]
    assert [c.id for c in logic.matching(items, ["problem", "idea", "question"], ["declined"])] == [3]
    assert [c.id for c in logic.matching(items, ["problem", "idea", "question"], ["open", "taken", "declined"],
                                         mine_only=True)] == [2]


def test_the_plan_pictures_text_alternative_names_the_plan_its_marks_and_what_a_tap_does():
    plan = load_sample("baseline")
    rooms = sorted({r.label for r in plan.rooms}, key=str.lower)
    pinned = [_comment(x=1.0, y=2.0), _comment(id=5, x=3.0, y=4.0), _comment(id=6, feature_id="r1")]
    alt = logic.picture_alt("Option A", plan, pinned, pinned=True)
    assert alt.startswith(f"Floor plan of Option A with the rooms {rooms[0]}, {rooms[1]}")
    assert f"and {len(rooms) - 6} more" in alt
    assert "2 comments marked as numbered squares; a round pin shows the spot you tapped." in alt
    assert "Tap a spot to place a new comment" in alt
    assert "no comments marked." in logic.picture_alt("B", plan, [], pinned=False)
    assert "1 comment marked as a numbered square." in logic.picture_alt("B", plan, pinned[:1], pinned=False)
