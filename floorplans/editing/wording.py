"""Plain-sentence names for features and moves, so every edit message reads the same way.

A designer reads "Moved the room Stille krog (sr1) 1 m east." rather than a field dump.
"""

from __future__ import annotations

from ..model import Door, Feature, Room, Window

__all__ = ["named", "distance_words", "sentence"]


def named(feature: Feature) -> str:
    """'the room Stille krog (sr1)', 'the door d1', 'the table table08': what the designer sees on the plan."""
    if isinstance(feature, Room):
        return f"the room {feature.name} ({feature.id})" if feature.name and feature.name != feature.id else f"the room {feature.id}"
    if isinstance(feature, (Door, Window)):
        return f"the {feature.feature} {feature.id}"
    kind = getattr(feature, "type", None) or feature.feature
    return f"the {kind} {feature.id}"


def distance_words(dx: float, dy: float) -> str:
    """'1 m east', '0.5 m south and 2 m west': plan y grows northwards."""
    parts = []
    if dx:
        parts.append(f"{abs(dx):g} m {'east' if dx > 0 else 'west'}")
    if dy:
        parts.append(f"{abs(dy):g} m {'north' if dy > 0 else 'south'}")
    return " and ".join(parts) or "nowhere"


def sentence(text: str) -> str:
    """Capitalised, ending with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
