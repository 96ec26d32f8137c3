"""A picture the user taps to choose a spot, with a text alternative (Components v2, no iframe).

Why not streamlit_image_coordinates: it draws the picture in an iframe whose height is set once,
when the image loads; if that happens while the frame is re-laid out (after adding a comment), the
frame keeps a 300 px wide frame's height and clips the plan (468 -> 165 px). Its image has no alt
text either. Here the image lives in the page itself, as wide as its column, its height following
its width; a tap comes back as {"x", "y", "width", "height", "unix_time"} in shown pixels, the
payload planner.common.plan_picture.tap_to_plan reads.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import streamlit as st

__all__ = ["tap_picture", "data_url"]

_CSS = """
.tp-root { width: 100%; line-height: 0; }
.tp-root img { display: block; width: 100%; height: auto; max-width: 100%; user-select: none;
               -webkit-user-select: none; cursor: crosshair; touch-action: manipulation; }
"""

_JS = """
export default function(component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".tp-root");
  if (!root) {
    root = document.createElement("div");
    root.className = "tp-root";
    const img = document.createElement("img");
    img.draggable = false;
    img.setAttribute("data-testid", "tap-picture");
    root.appendChild(img);
    parentElement.appendChild(root);
  }
  const img = root.querySelector("img");
  const d = data || {};
  if (d.width_px && d.height_px) {  // the box keeps the picture's shape before (and while) it loads
    img.setAttribute("width", String(d.width_px));
    img.setAttribute("height", String(d.height_px));
  }
  if (img.getAttribute("src") !== d.src) img.setAttribute("src", d.src || "");
  img.setAttribute("alt", d.alt || "");
  if (d.testid) root.setAttribute("data-testid", d.testid);
  img.onclick = (event) => {
    const box = img.getBoundingClientRect();
    setTriggerValue("tap", { x: event.clientX - box.left, y: event.clientY - box.top,
                             width: box.width, height: box.height, unix_time: Date.now() });
  };
}
"""

_renderer = st.components.v2.component("jobcenter_tap_picture", html='<div class="tp-mount"></div>', css=_CSS, js=_JS)


def data_url(png: bytes) -> str:
    """The PNG as a data: address (the picture travels with the page, no media file to expire)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def tap_picture(png: bytes, *, alt: str, key: str, size: tuple[int, int] | None = None, testid: str = "",
                on_tap: Callable[[], None] | None = None) -> dict[str, Any] | None:
    """Show ``png`` as wide as its column with ``alt`` as its text alternative; the tap of this run, or None.

    ``size`` (width, height in pixels) lets the browser reserve the picture's shape before it loads.
    """
    data: dict[str, Any] = {"src": data_url(png), "alt": alt, "testid": testid}
    if size is not None:
        data.update(width_px=int(size[0]), height_px=int(size[1]))
    result = _renderer(key=key, data=data, on_tap_change=on_tap or (lambda: None))
    tap = getattr(result, "tap", None) if result is not None else None
    return tap if isinstance(tap, dict) else None
