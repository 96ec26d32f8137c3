"""Accessibility criteria (one module each); importing the package registers them."""

from . import (  # noqa: F401
    entrance_door,
    step_free_route,
    door_clear_width,
    corridor_width,
    turning_space,
    accessible_wc,
    route_length,
    reception_counter,
    wayfinding,
)
