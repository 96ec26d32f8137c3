"""Browser tests of the kiosk's layout at phone, tablet and desktop sizes: the five faces on one
screen, the comment box's counter below the box, "are you still there?" before the idle reset,
no English Streamlit dialog on an unknown path, and the contrast of the kiosk's text.

These tests run their own server with short idle times (PLANNER_KIOSK_IDLE_S and friends), so
the warning comes after 10 s instead of 50 s; waits are for conditions, never fixed sleeps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from planner.kiosk.i18n import t
from tests.planner.browser.conftest import demo_server
from tests.planner.browser.helpers import DESKTOP, PHONE, press_when_steady, screenshot, wait_for_app

KIOSK = "/?kiosk=demo-kiosk&embed=true"
IDLE_S, WARN_S = 20, 10
TABLET_PORTRAIT = {"width": 820, "height": 1180}

#: The contrast of every piece of text under `root`: its colour, made lighter by its own and its
#: ancestors' opacity, against the first opaque background behind it (WCAG 2 relative luminance).
CONTRASTS = """(root) => {
  const parse = (c) => {
    const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const lum = (rgb) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  };
  const opacity = (el) => { let o = 1; for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity); return o; };
  const out = [];
  for (const el of root.querySelectorAll("*")) {
    const text = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    if (!text || !el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
    const style = getComputedStyle(el);
    const fg = parse(style.color), bg = background(el), alpha = fg[3] * opacity(el);
    const shown = [0, 1, 2].map((i) => fg[i] * alpha + bg[i] * (1 - alpha));
    const [a, b] = [lum(shown), lum(bg)];
    out.push({ text: text.slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), color: style.color });
  }
  return out;
}"""


@pytest.fixture(scope="module")
def kiosk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own on a fresh demo database, with short kiosk idle times."""
    with demo_server(tmp_path_factory.mktemp("kiosk_layout_server"), PLANNER_KIOSK_IDLE_S=str(IDLE_S),
                     PLANNER_KIOSK_WARN_S=str(WARN_S), PLANNER_KIOSK_WATCH_S="1") as url:
        yield url


@pytest.fixture()
def open_kiosk(browser, kiosk_server):
    """Open the kiosk in a fresh context of a given viewport: open_kiosk(size, path=KIOSK)."""
    contexts = []

    def opener(size: dict, path: str = KIOSK) -> Page:
        context = browser.new_context(viewport=size, has_touch=True, device_scale_factor=1)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(kiosk_server + path)
        wait_for_app(page)
        return page

    yield opener
    for context in contexts:
        context.close()


def key(name: str) -> str:
    return f'[class*="st-key-k_{name}_"] button'


def tap(page: Page, selector: str) -> None:
    page.locator(selector).first.tap()
    wait_for_app(page)


def to_the_comment(page: Page, lang: str = "da") -> None:
    tap(page, key("face_2"))
    expect(page.locator("h1").first).to_have_text(t("q.calmer", lang))
    tap(page, key("fwd_0"))
    expect(page.locator("h1").first).to_have_text(t("q.pin", lang))
    press_when_steady(page, key("fwd_0"), t("q.text", lang), touch=True)  # Skip


def face_boxes(page: Page) -> list[dict]:
    return [page.locator(key(f"face_{n}")).bounding_box() for n in range(1, 6)]


@pytest.mark.parametrize("lang", ["da", "so", "ar"])
def test_all_five_faces_fit_on_a_phone_without_scrolling(open_kiosk, lang):
    page = open_kiosk(PHONE)
    if lang != "da":
        tap(page, key(f"lang_{lang}"))
    expect(page.locator("h1").first).to_have_text(t("q.rating", lang))
    boxes = face_boxes(page)
    assert page.evaluate("window.scrollY") == 0
    for box in boxes:  # each face whole inside the first screen, and a large tap target
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], boxes
        assert box["height"] >= 56 and box["width"] >= 300, boxes
    assert [b["y"] for b in boxes] == sorted(b["y"] for b in boxes)  # one under the other, in order
    screenshot(page, f"kiosk_layout_phone_{lang}")


@pytest.mark.parametrize("lang", ["da", "so"])  # Somali: the longest labels
@pytest.mark.parametrize("size", [TABLET_PORTRAIT, DESKTOP], ids=["tablet", "desktop"])
def test_on_a_tablet_and_a_desktop_the_faces_stand_in_one_row_of_equal_buttons(open_kiosk, size, lang):
    page = open_kiosk(size)
    if lang != "da":
        tap(page, key(f"lang_{lang}"))
        expect(page.locator(key("face_5"))).to_have_text(re.compile(re.escape(t("face.5", lang))))
        wait_for_app(page)
    boxes = face_boxes(page)
    assert len({round(b["y"]) for b in boxes}) == 1, boxes  # one row
    assert len({round(b["height"]) for b in boxes}) == 1, boxes  # equal heights
    assert [b["x"] for b in boxes] == sorted(b["x"] for b in boxes)  # very bad on the left
    assert all(b["y"] + b["height"] <= size["height"] and b["width"] >= 120 for b in boxes), boxes
    screenshot(page, f"kiosk_layout_{size['width']}_{lang}")


def test_the_comment_box_has_several_lines_and_its_counter_below_it(open_kiosk):
    page = open_kiosk(PHONE)
    to_the_comment(page)
    box = page.locator('[class*="st-key-k_text_"] textarea')
    box.fill("Der mangler skilte ved elevatoren, og ventesalen er meget larmende om formiddagen.")
    counter = page.locator('.st-key-k_textbox [data-testid="InputInstructions"]')
    expect(counter).to_have_text(re.compile(r"^\D*\d+/500$"))  # the count only, without English instructions
    area, below = box.bounding_box(), counter.bounding_box()
    assert area["height"] >= 150, area  # several lines
    assert below["y"] >= area["y"] + area["height"], (area, below)  # below the box, not over the text
    assert "Press" not in counter.inner_text()
    screenshot(page, "kiosk_layout_comment_phone")
    # Leaving the box (the counter goes) moves nothing: a tap on Send that takes the focus away still hits it.
    send_y = page.locator(key("fwd_0")).bounding_box()["y"]
    box.evaluate("e => e.blur()")
    wait_for_app(page)
    assert abs(page.locator(key("fwd_0")).bounding_box()["y"] - send_y) < 1


def test_are_you_still_there_counts_down_continue_keeps_the_answers_and_silence_resets(open_kiosk):
    page = open_kiosk(PHONE)
    tap(page, key("lang_ar"))
    expect(page.locator("h1").first).to_have_text(t("q.rating", "ar"))
    to_the_comment(page, "ar")
    comment = "المكان مزدحم جدا في الصباح"
    box = page.locator('[class*="st-key-k_text_"] textarea')
    box.fill(comment)
    box.press("Control+Enter")
    wait_for_app(page)
    overlay = page.locator(".st-key-k_still_there")
    expect(overlay).to_be_visible(timeout=(IDLE_S - WARN_S + 5) * 1000)
    expect(overlay.locator(".k-still-title")).to_have_text(t("idle.title", "ar"))
    count = overlay.locator(".k-still-count")
    first = int(count.inner_text())
    assert 1 <= first <= WARN_S
    expect(count).not_to_have_text(str(first), timeout=5_000)  # it counts down
    assert int(count.inner_text()) < first
    box_of = overlay.bounding_box()  # the warning covers the screen
    assert box_of["width"] >= PHONE["width"] - 1 and box_of["height"] >= PHONE["height"] - 1
    screenshot(page, "kiosk_layout_still_there_ar")
    assert not _low(page), _low(page)  # the warning's text too
    overlay.locator("button").tap()
    expect(overlay).to_have_count(0, timeout=10_000)
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(t("q.text", "ar"))
    expect(box).to_have_value(comment)  # Continue keeps the answers
    # Nobody touches the screen: the warning comes again and ends in the reset to the Danish start.
    expect(overlay).to_be_visible(timeout=(IDLE_S - WARN_S + 5) * 1000)
    expect(page.locator("h1").first).to_have_text(t("q.rating", "da"), timeout=(WARN_S + 5) * 1000)
    expect(overlay).to_have_count(0)
    assert page.locator('[class*="st-key-k_text_"] textarea').count() == 0


@pytest.mark.parametrize("path", ["/no-such-page", "/results", "/kiosk", "/R%C3%A9sultater"])
def test_an_unknown_path_opens_the_kiosk_start_without_an_english_dialog(open_kiosk, path):
    page = open_kiosk(PHONE, f"{path}?kiosk=demo-kiosk&embed=true")
    expect(page.locator("h1").first).to_have_text(t("q.rating", "da"))
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/\?.*kiosk=demo-kiosk"))  # the kiosk's own address
    assert "embed=true" in page.url
    assert page.get_by_role("dialog").count() == 0 and page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("does not seem to exist").count() == 0


def _low(page: Page, minimum: float = 4.5) -> list[dict]:
    """Text under 4.5:1, measured once the screen is drawn (Streamlit fades the elements of a run in progress)."""
    wait_for_app(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", polling=100)
    root = page.locator('[data-testid="stMainBlockContainer"]')
    found = root.evaluate(CONTRASTS)
    assert found, "no text measured"
    return [f for f in found if f["ratio"] < minimum]


@pytest.mark.parametrize("lang", ["da", "ar"])
def test_all_kiosk_text_has_a_contrast_of_at_least_4_5(open_kiosk, lang):
    page = open_kiosk(PHONE)
    if lang != "da":
        tap(page, key(f"lang_{lang}"))
        expect(page.locator("h1").first).to_have_text(t("q.rating", lang))
    caption = page.get_by_test_id("stCaptionContainer").first
    [measured] = caption.evaluate(CONTRASTS.replace('root.querySelectorAll("*")', "[root.querySelector('p')]"))
    assert measured["ratio"] >= 4.5, measured  # the progress caption (was 3.29:1)
    assert not _low(page), ("rating", _low(page))
    tap(page, key("face_3"))
    expect(page.locator("h1").first).to_have_text(t("q.calmer", lang))
    page.locator('button[data-variant="pills"]').first.tap()  # a chosen item is drawn differently
    wait_for_app(page)
    assert not _low(page), ("items", _low(page))
    tap(page, key("fwd_0"))
    expect(page.locator("h1").first).to_have_text(t("q.pin", lang))
    assert not _low(page), ("plan", _low(page))
    press_when_steady(page, key("fwd_0"), t("q.text", lang), touch=True)  # Skip
    page.locator('[class*="st-key-k_text_"] textarea').fill("Mere lys")
    assert not _low(page), ("comment", _low(page))
