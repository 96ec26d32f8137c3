"""Browser test: the citizen's picture at the kiosk, in Arabic on a phone (the issue's "done when").

The pin step shows the simplified plan drawn in the browser (planner/kiosk/picture), never the CAD
drawing: room kinds named in Arabic, staff areas grey and unlabelled, "you are here" at the kiosk's place. A tap on a grey area is
refused in Arabic; a tap just beside a small toilet pins the toilet (a 44 px target); a tap on
the waiting area pins it "stressful" (the kiosk's "too noisy, too much
going on"), and the stored pin lies inside the tapped room.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from shapely.geometry import Point

from input_forms.aggregate import feedback_frame
from input_forms.db import make_engine
from input_forms.kiosks import clear_kiosk_place, kiosk_by_token, set_kiosk_place
from input_forms.projects import get_option
from planner.kiosk.i18n import t
from tests.planner.browser.conftest import SERVER_DATABASE
from tests.planner.browser.helpers import PHONE, screenshot, wait_for_app
from tests.planner.browser.test_kiosk_flow import KIOSK, key, kiosk_page, tap  # noqa: F401 - kiosk_page is a fixture


@pytest.mark.size(PHONE)
def test_citizen_pins_too_noisy_on_the_citizens_plan_in_arabic_on_a_phone(kiosk_page, app_server):
    page = kiosk_page
    engine = make_engine(SERVER_DATABASE["url"])
    kiosk = kiosk_by_token(engine, "demo-kiosk")
    assert kiosk is not None and kiosk.option_id is not None
    plan = get_option(engine, kiosk.option_id).plan()
    before = len(feedback_frame(engine, kiosk.project_id))
    here = plan.rooms_of_kind("reception")[0].geometry.representative_point()
    set_kiosk_place(engine, kiosk.id, here.x, here.y)  # the kiosk stands in the reception
    try:
        citizen_pins_in_arabic(page, app_server, engine, kiosk, plan, before)
    finally:
        clear_kiosk_place(engine, kiosk.id)
        engine.dispose()


def citizen_pins_in_arabic(page, app_server, engine, kiosk, plan, before) -> None:
    waiting = plan.rooms_of_kind("waiting")[0]
    staff = next(r for r in plan.rooms if not r.is_public)
    page.goto(app_server + KIOSK)
    wait_for_app(page)
    tap(page, key("lang_ar"), True)
    tap(page, key("face_2"), True)
    expect(page.locator("h1").first).to_have_text(t("q.calmer", "ar"))
    tap(page, key("fwd_0"), True)
    expect(page.locator("h1").first).to_have_text(t("q.pin", "ar"))

    # the citizen's picture, not the CAD drawing
    picture = page.get_by_test_id("kiosk-picture-svg")
    expect(picture).to_be_visible()
    assert page.locator('iframe[title*="streamlit_image_coordinates"]').count() == 0
    assert page.get_by_test_id("stImage").count() == 0
    expect(picture).to_have_attribute("aria-label", t("picture.alt", "ar"))
    box = picture.bounding_box()
    assert box["width"] <= PHONE["width"] and box["height"] > box["width"], box  # the wide plan turned for a phone
    label = page.locator(f'[data-testid="kiosk-picture-label"][data-room="{waiting.id}"]')
    expect(label).to_have_text(t("place.waiting", "ar"))
    assert label.evaluate("e => getComputedStyle(e).direction") == "rtl"
    expect(page.get_by_test_id("kiosk-picture-here")).to_be_visible()  # the kiosk's place
    expect(page.get_by_test_id("kiosk-picture").get_by_text(t("picture.here", "ar")).first).to_be_visible()
    legend = page.get_by_test_id("kiosk-picture-legend")
    expect(legend).to_contain_text(t("place.reception", "ar"))
    expect(legend).to_contain_text(t("picture.staff", "ar"))
    # staff areas: grey, without a label
    assert page.locator(f'[data-testid="kiosk-picture-label"][data-room="{staff.id}"]').count() == 0
    expect(page.locator(f'path[data-room="{staff.id}"]')).to_have_attribute("data-role", "staff")

    # "too noisy" is the stressful pin
    screenshot(page, "phone_ar_citizen_picture_empty")
    page.locator('[data-testid="stButtonGroup"] button').filter(has_text=t("pin.stressful", "ar")).tap()
    wait_for_app(page)
    page.locator(f'path[data-room="{staff.id}"]').tap()  # a grey area takes no pin
    wait_for_app(page)
    expect(page.get_by_text(t("pin.refused.staff", "ar"))).to_be_visible()
    assert page.get_by_test_id("kiosk-picture-pin").count() == 0
    expect(page.get_by_test_id("kiosk-picture-pending")).to_have_count(0)  # the provisional pin is gone

    # a large tap target: a finger 12 px beside a small toilet, on the staff area behind it, pins the toilet
    toilet = page.locator('path[data-room="wc1"]')
    toilet.scroll_into_view_if_needed()
    tb = toilet.bounding_box()
    turned = page.locator(".cp-stage").get_attribute("data-turned") == "true"
    # the staff room lies beyond the toilet's far side in plan y: on screen right when turned, else up
    x, y = (tb["x"] + tb["width"] + 12, tb["y"] + tb["height"] / 2) if turned else (tb["x"] + tb["width"] / 2, tb["y"] - 12)
    assert min(tb["width"], tb["height"]) < 44  # small on a phone: the target is larger than the room
    page.touchscreen.tap(x, y)
    wait_for_app(page)
    expect(page.get_by_text(t("pin.placed.in", "ar", place=t("place.wc", "ar")))).to_be_visible()

    room = page.locator(f'path[data-room="{waiting.id}"]')
    room_box = room.bounding_box()
    assert room_box["width"] >= 44 and room_box["height"] >= 44, room_box
    room.tap(position={"x": room_box["width"] * 0.3, "y": room_box["height"] * 0.6})
    wait_for_app(page)
    expect(page.get_by_text(t("pin.placed.in", "ar", place=t("place.waiting", "ar")))).to_be_visible()
    expect(page.get_by_test_id("kiosk-picture-pin")).to_be_visible()
    expect(page.get_by_text(t("pin.refused.staff", "ar"))).to_have_count(0)
    screenshot(page, "phone_ar_citizen_picture")

    tap(page, key("fwd_0"), True)  # Next
    expect(page.locator("h1").first).to_have_text(t("q.text", "ar"))
    tap(page, key("fwd_0"), True)  # Send (no text)
    expect(page.locator("h1").first).to_have_text(t("thanks.title", "ar"))

    frame = feedback_frame(engine, kiosk.project_id)
    assert len(frame) == before + 1
    mine = frame.sort_values("feedback_id").iloc[-1]
    assert mine["pin_option_id"] == kiosk.option_id and mine["pin_category"] == "stressful" and mine["language"] == "ar"
    assert waiting.geometry.contains(Point(mine["pin_x"], mine["pin_y"])), (mine["pin_x"], mine["pin_y"])
