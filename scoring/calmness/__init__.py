"""Calmness criteria (one module each); importing the package registers them."""

from . import (  # noqa: F401
    quiet_refuge,
    noise_separation,
    meeting_privacy,
    welcome,
    green_exposure,
    daylight,
    waiting_density,
)
