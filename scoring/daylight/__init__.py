"""Daylight and view out: glass-area rule, average daylight factor and sight angles (pure functions).

``glazing``: BR18 §379's 10 % rule and the BRE average daylight factor per
room; ``view``: EN 17037's horizontal sight angle from a seat through its
isovist; ``radiance`` (optional, needs pyradiance): a daylight-factor map
under a CIE overcast sky.
"""

from .glazing import (
    DF_HIGH,
    DF_MEDIUM,
    DF_MINIMUM,
    GLASS_RULE,
    RoomDaylight,
    average_daylight_factor,
    corrected_glass_area,
    glass_above,
    room_daylight,
    sky_angle,
)
from .view import EYE_HEIGHT, VIEW_HIGH, VIEW_MEDIUM, VIEW_MINIMUM, at_eye_height, sight_angle, visible_parts

__all__ = [
    "DF_HIGH",
    "DF_MEDIUM",
    "DF_MINIMUM",
    "EYE_HEIGHT",
    "GLASS_RULE",
    "RoomDaylight",
    "VIEW_HIGH",
    "VIEW_MEDIUM",
    "VIEW_MINIMUM",
    "at_eye_height",
    "average_daylight_factor",
    "corrected_glass_area",
    "glass_above",
    "room_daylight",
    "sight_angle",
    "sky_angle",
    "visible_parts",
]
