"""A plan picture a person taps on (the kiosk's pin, a staff comment), with a text alternative.

streamlit_image_coordinates draws its picture inside its own frame with no alt text, so a
screen reader meets an unnamed image (axe: image-alt). This component does the same job (a tap
reports where, in the shown picture's pixels) and gives the picture its alt text and language.
Its page is tappable_frontend/index.html, a few lines of plain JavaScript with no build step.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

_FRONTEND = Path(__file__).parent / "tappable_frontend"
_component = components.declare_component("tappable_picture", path=str(_FRONTEND))


def tappable_picture(png: bytes, alt: str, key: str, *, cursor: str = "crosshair", lang: str = "en",
                     rtl: bool = False) -> dict[str, Any] | None:
    """Show `png` across the column; the last tap as {"x", "y", "width", "height", "unix_time"} (shown pixels), or None.

    The payload is the one streamlit_image_coordinates gives, so plan_picture.tap_to_plan reads either.
    `alt` is what a screen reader says instead of the picture (plan_picture.plan_alt builds one for a plan).
    """
    if not alt.strip():
        raise ValueError("a tappable picture needs a text alternative (alt)")
    src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    value = _component(src=src, alt=alt, cursor=cursor, lang=lang, dir="rtl" if rtl else "ltr", key=key, default=None)
    return value if isinstance(value, dict) else None
