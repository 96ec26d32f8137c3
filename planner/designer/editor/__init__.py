"""The designer's drawing surface, a Streamlit component (Components v2; plain HTML/CSS/JS, no build step).

Its assets (editor.js, editor.css) live beside this file and are read once at import; Python
sends the plan as data (planner.designer.payload) and receives one edit action (JSON) per
gesture through the ``action`` trigger.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

__all__ = ["plan_editor", "ASSETS"]

ASSETS = Path(__file__).parent

_renderer = st.components.v2.component(
    "jobcenter_plan_editor",
    html='<div class="pe-mount"></div>',
    css=(ASSETS / "editor.css").read_text(encoding="utf-8"),
    js=(ASSETS / "editor.js").read_text(encoding="utf-8"),
)


def plan_editor(payload: dict[str, Any], *, key: str, on_action: Callable[[], None]) -> Any:
    """Mount the editor with a payload from ``planner.designer.payload.editor_payload``.

    ``on_action`` runs (as a widget callback, before the script reruns) when the
    user finishes a gesture; it reads ``st.session_state[key]["action"]``.
    """
    return _renderer(key=key, data=payload, on_action_change=on_action)
