"""Sending the plan editor's actions in AppTest, as the browser component does after a gesture.

AppTest has no accessor for a Components v2 element: this builds the widget state the
browser would send (the component's trigger aggregator with one ``action`` event) and
runs the script with it, so the page's ``on_action`` callback applies the edit.
"""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

EDITOR = "jobcenter_plan_editor"


def editor_element(at: AppTest) -> Any:
    """The plan editor's element in the last run."""
    (component,) = [c for c in at.get("bidi_component") if c.proto.component_name.endswith(EDITOR)]
    return component


def editor_data(at: AppTest) -> dict:
    """The data the plan editor was mounted with (what the browser draws)."""
    return json.loads(editor_element(at).proto.json)


def send_action(at: AppTest, action: dict[str, Any], timeout: float | None = None) -> AppTest:
    """Run the app as after one editor gesture (``action``: the JSON the component sends, e.g. a move)."""
    from streamlit.components.v2.bidi_component.main import _make_trigger_id

    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = _make_trigger_id(editor_element(at).proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": "action", "value": action}])
    return at._run(states, timeout=timeout)
