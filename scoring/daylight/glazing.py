"""Daylight in a side-lit room from its glazing: BR18's glass-area rule and the BRE average daylight factor.

Pure functions of numbers a professional can check by hand:

* **BR18 §379 (10 % rule).** Enough daylight can be documented by a glass
  area of at least 10 % of the relevant floor area. The glass area is
  corrected for conditions that limit the daylight; for glazing whose light
  transmittance is below 0.75 the area counts in proportion (LT / 0.75), the
  correction the rule has carried since BR10 §6.5.2 ("ved lavere
  lystransmittans skal glasarealet forøges tilsvarende"). Status R: the
  current BR18 guidance on corrections could not be read here.
* **Average daylight factor** (BRE, Littlefair; BS 8206-2 / CIBSE LG10):
  ``DF = T · Aw · θ / (A · (1 − R²))`` in per cent, with T the glazing's
  diffuse light transmittance, Aw the glass area above the working plane
  (glass below it lights the floor, not the task), θ the visible sky angle in
  degrees measured from the middle of the glass (90° unobstructed), A the
  area of all the room's surfaces (floor, ceiling, walls with their windows)
  and R their mean reflectance (0.5 for a light-coloured room).
* **EN 17037:2018+A1:2021** daylight provision, minimum level: 300 lx on half
  the reference plane for half the daylight hours. As a daylight factor under
  the Danish median diffuse illuminance that is about 2.1 % (medium level,
  500 lx: 3.5 %; high, 750 lx: 5.2 %). Status R, as the research note marks
  EN 17037's numbers. An average DF is a proxy for that median target.
"""

from __future__ import annotations

from dataclasses import dataclass

from floorplans.model import View, Window

__all__ = [
    "GLASS_RULE",
    "LT_REFERENCE",
    "WORKING_PLANE",
    "MEAN_REFLECTANCE",
    "DF_MINIMUM",
    "DF_MEDIUM",
    "DF_HIGH",
    "OBSTRUCTION_BY_VIEW",
    "RoomDaylight",
    "corrected_glass_area",
    "within_room",
    "glass_above",
    "sky_angle",
    "average_daylight_factor",
    "room_daylight",
]

#: BR18 §379: corrected glass area ≥ 10 % of the floor area.
GLASS_RULE = 0.10
#: The light transmittance the 10 % rule assumes; glazing below it counts in proportion.
LT_REFERENCE = 0.75
#: Height of the working plane above the floor (m); EN 17037 and BS 8206-2 use 0.85 m.
WORKING_PLANE = 0.85
#: Mean reflectance of a light-coloured room's surfaces (BRE's usual value).
MEAN_REFLECTANCE = 0.5
#: EN 17037 minimum / medium / high daylight provision as a daylight factor in Denmark, per cent.
DF_MINIMUM, DF_MEDIUM, DF_HIGH = 2.1, 3.5, 5.2
#: Assumed angle (degrees above the horizon) of what stands in front of a window, by what it looks out on.
#: A plan has no neighbours: a street is taken to have a building across it at BRE's 25° limit, a
#: courtyard a steeper one, a green view trees or a park. A window may state its own
#: ``obstruction_angle`` (degrees) as an extra property.
OBSTRUCTION_BY_VIEW: dict[View | None, float] = {
    View.green: 15.0,
    View.street: 25.0,
    View.courtyard: 35.0,
    View.none: 45.0,
    None: 25.0,
}


def within_room(window: Window, height: float) -> Window | None:
    """The window as far as it lies below the room's ceiling (None when all of it is above).

    Glass above the ceiling lights another storey or a void, not this room: a window drawn with a
    10 m head in a 3 m room counts only up to 3 m.
    """
    head = min(window.head, height)
    if head <= window.sill + 1e-9:
        return None
    if head >= window.head:
        return window
    return window.model_copy(update={"head": head})


def corrected_glass_area(window: Window) -> float:
    """m² of glass as BR18's 10 % rule counts it: the glass area, in proportion to LT below 0.75."""
    return window.glass_area * min(1.0, window.light_transmittance / LT_REFERENCE)


def glass_above(window: Window, height: float = WORKING_PLANE) -> float:
    """m² of glass above ``height`` (the working plane)."""
    return window.length * max(0.0, window.head - max(window.sill, height))


def sky_angle(window: Window) -> float:
    """θ: degrees of sky seen from the middle of the glass, 90° less what stands in front (capped 0-90)."""
    given = window.extra.get("obstruction_angle")
    if isinstance(given, (int, float)) and not isinstance(given, bool):
        obstruction = float(given)
    else:
        obstruction = OBSTRUCTION_BY_VIEW.get(window.view, OBSTRUCTION_BY_VIEW[None])
    return max(0.0, min(90.0, 90.0 - obstruction))


def average_daylight_factor(
    windows: list[Window], floor_area: float, perimeter: float, height: float, reflectance: float = MEAN_REFLECTANCE,
) -> float:
    """BRE average daylight factor in per cent for a room of that floor, perimeter and ceiling height."""
    surfaces = 2.0 * floor_area + perimeter * height
    if surfaces <= 0:
        return 0.0
    light = sum(w.light_transmittance * glass_above(w) * sky_angle(w) for w in windows)
    return light / (surfaces * (1.0 - reflectance**2))


@dataclass(frozen=True)
class RoomDaylight:
    """One room's daylight figures, each checkable by hand."""

    room_id: str
    floor_area: float  # m²
    glass_area: float  # m², length × (head − sill), all windows
    corrected_glass: float  # m², as BR18's rule counts it
    glass_ratio: float  # corrected glass / floor
    surfaces: float  # m², floor + ceiling + walls
    daylight_factor: float  # per cent, BRE average

    @property
    def meets_glass_rule(self) -> bool:
        return self.glass_ratio + 1e-9 >= GLASS_RULE

    def as_item(self) -> dict[str, float | str | bool]:
        return {
            "id": self.room_id,
            "floor_m2": round(self.floor_area, 2),
            "glass_m2": round(self.glass_area, 2),
            "corrected_glass_m2": round(self.corrected_glass, 2),
            "glass_ratio": round(self.glass_ratio, 4),
            "surfaces_m2": round(self.surfaces, 1),
            "daylight_factor_pct": round(self.daylight_factor, 2),
            "glass_rule": self.meets_glass_rule,
        }


def room_daylight(room_id: str, windows: list[Window], floor_area: float, perimeter: float, height: float) -> RoomDaylight:
    """Glass ratio (BR18 §379) and average daylight factor (BRE) of one room."""
    corrected = sum(corrected_glass_area(w) for w in windows)
    return RoomDaylight(
        room_id=room_id,
        floor_area=floor_area,
        glass_area=sum(w.glass_area for w in windows),
        corrected_glass=corrected,
        glass_ratio=corrected / floor_area if floor_area > 0 else 0.0,
        surfaces=2.0 * floor_area + perimeter * height,
        daylight_factor=average_daylight_factor(windows, floor_area, perimeter, height),
    )
