"""Plausibility warnings: values a plan may hold but that are probably a slip.

The format allows them (they parse and validate), but a designer should look:
a ceiling 27 m high was likely meant in decimetres, a window whose glass ends
above the ceiling was drawn with the wrong head height. Each warning names the
feature and says what to check in a plain sentence.
"""

from __future__ import annotations

from .model import Plan
from .problems import Problem
from .topology import rooms_on_segment

__all__ = ["MIN_PLAUSIBLE_HEIGHT", "MAX_PLAUSIBLE_HEIGHT", "property_problems"]

#: Clear ceiling heights (m) outside this range are probably a slip (a unit or a typing error).
MIN_PLAUSIBLE_HEIGHT, MAX_PLAUSIBLE_HEIGHT = 2.0, 8.0
#: A window head may sit this far above the ceiling before it is called a slip (m).
_HEAD_TOLERANCE = 0.05


def property_problems(plan: Plan) -> list[Problem]:
    """Warnings about room heights and window heights that are probably slips."""
    problems: list[Problem] = []
    for room in plan.rooms:
        if not MIN_PLAUSIBLE_HEIGHT <= room.height <= MAX_PLAUSIBLE_HEIGHT:
            problems.append(Problem(
                code="implausible-height", severity="warning", feature_id=room.id,
                message=f"room {room.label!r} has a ceiling height of {room.height:g} m; rooms are usually "
                        f"{MIN_PLAUSIBLE_HEIGHT:g}-{MAX_PLAUSIBLE_HEIGHT:g} m high (is the height in metres?)",
            ))
    for window in plan.windows:
        rooms = rooms_on_segment(plan, window.geometry)
        if len(rooms) != 1:
            continue  # off a wall: validation reports that
        room = rooms[0]
        if window.head > room.height + _HEAD_TOLERANCE:
            problems.append(Problem(
                code="window-above-ceiling", severity="warning", feature_id=window.id,
                message=f"the window's glass reaches {window.head:g} m, above the {room.height:g} m ceiling of "
                        f"{room.label!r}; lower its head or raise the room's height",
            ))
    return problems
