"""The tappable plan picture's page (planner/common/tappable_frontend) in Chromium, without a server.

Opened on its own, the page's parent is itself, so the messages it sends to Streamlit are caught
by a listener in the page, and a render message is posted to it as Streamlit would.
"""

from __future__ import annotations

import base64
import io

from PIL import Image

from planner.common.tappable import _FRONTEND
from tests.planner.browser.axe import assert_accessible
from tests.planner.browser.helpers import PHONE


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#B8C7E0").save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_picture_has_its_alt_text_and_reports_a_tap_in_shown_pixels(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    try:
        page.goto((_FRONTEND / "index.html").as_uri())
        page.evaluate("window.__sent = []; window.addEventListener('message', e => window.__sent.push(e.data))")
        src = "data:image/png;base64," + base64.b64encode(_png(800, 400)).decode("ascii")
        alt = "Floor plan of Option A: 34 rooms, 1,248 m²."
        page.evaluate("([src, alt]) => window.postMessage({type: 'streamlit:render', args: {src, alt, lang: 'ar', dir: 'rtl'}}, '*')",
                      [src, alt])
        picture = page.get_by_role("img", name=alt)
        picture.wait_for()
        page.wait_for_function("document.getElementById('picture').complete")
        assert page.evaluate("document.documentElement.dir") == "rtl"
        picture.click(position={"x": 100, "y": 50})
        page.wait_for_function("window.__sent.some(m => m.type === 'streamlit:setComponentValue')")
        sent = page.evaluate("window.__sent")
        value = next(m["value"] for m in sent if m["type"] == "streamlit:setComponentValue")
        assert (value["x"], value["y"]) == (100, 50)
        assert value["width"] == 390 and value["height"] == 195  # shown across the frame, aspect kept
        heights = [m["height"] for m in sent if m["type"] == "streamlit:setFrameHeight"]
        assert heights and heights[-1] == 195
        assert_accessible(page, "tappable picture")
    finally:
        context.close()
