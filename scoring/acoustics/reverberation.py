"""Reverberation time of a room by Sabine, or by Eyring where the mean absorption is high.

Sabine: T = 24·ln 10 / c · V / A ≈ 0.161 · V / A (c = 343 m/s, V in m³, A the
equivalent absorption area in m²). Sabine assumes a weakly absorbing diffuse
field and overestimates T when the surfaces absorb much; Eyring's
T = 0.161 · V / (−S · ln(1 − ᾱ)) (S the total surface, ᾱ = A / S) holds there.
The switch is at ᾱ = 0.2, where the two differ by 10 %
(Kuttruff, *Room Acoustics*, 6th ed., §5.1). Air absorption is left out: it
is a fraction of a square metre in rooms of this size below 2 kHz, and leaving
it out errs on the long side. Of the furnishing, only the seats drawn in the
plan count (as upholstered chairs); tables, shelves and people are left out,
which errs on the long side too: the Danish values apply to furnished rooms.

Danish guidance compared with (bygningsreglementet.dk, BR18 vejledning om
lydforhold, kontorbyggeri and hospitaler Tabel 6.4; SBi-anvisning 216 as
quoted in At-vejledning A.1.16 Bilag 2):

* offices for up to about 4 people and meeting rooms: T ≤ 0.6 s in every
  octave band 125–4000 Hz, the 125 Hz value may be 20 % higher;
* reception, corridors and common rooms: T ≤ 0.6 s, 250–4000 Hz;
* open-plan offices and large common areas: absorption area
  A ≥ 1.1 × floor area in every band 125–4000 Hz (20 % less at 125 Hz).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from .absorption import BANDS, Finish, Spectrum, surface_absorption

__all__ = [
    "A_PER_FLOOR",
    "EYRING_FROM",
    "LOW_BAND_ALLOWANCE",
    "SABINE_CONSTANT",
    "SPEED_OF_SOUND",
    "T_LIMIT",
    "Reverberation",
    "RoomShape",
    "absorption_limits",
    "eyring",
    "reverberation",
    "sabine",
    "time_limits",
]

#: Speed of sound in air at 20 °C, m/s.
SPEED_OF_SOUND = 343.0
#: 24 ln 10 / c, s/m (≈ 0.161).
SABINE_CONSTANT = 24.0 * math.log(10.0) / SPEED_OF_SOUND
#: Mean absorption coefficient above which Eyring's formula is used.
EYRING_FROM = 0.2

#: Longest reverberation time for meeting and conversation rooms, small offices, reception and corridors (s).
T_LIMIT = 0.6
#: Absorption area per m² of floor for open-plan and large common areas.
A_PER_FLOOR = 1.1
#: At 125 Hz the guidance allows 20 % more reverberation time (or 20 % less absorption).
LOW_BAND_ALLOWANCE = 0.2


def sabine(volume: float, absorption_area: float) -> float:
    """T (s) = 0.161 · V / A."""
    if absorption_area <= 0:
        return math.inf
    return SABINE_CONSTANT * volume / absorption_area


def eyring(volume: float, surface: float, mean_alpha: float) -> float:
    """T (s) = 0.161 · V / (−S · ln(1 − ᾱ)); ᾱ is capped just below 1 (a room cannot absorb everything)."""
    a = min(max(mean_alpha, 0.0), 0.99)
    if a <= 0 or surface <= 0:
        return math.inf
    return SABINE_CONSTANT * volume / (-surface * math.log(1.0 - a))


@dataclass(frozen=True)
class RoomShape:
    """What reverberation needs of a room: floor area (m²), wall perimeter (m), clear height (m), seats drawn in it."""

    floor_area: float
    perimeter: float
    height: float
    seats: int = 0

    @property
    def volume(self) -> float:
        return self.floor_area * self.height

    @property
    def wall_area(self) -> float:
        return self.perimeter * self.height

    @property
    def surface(self) -> float:
        """Floor + ceiling + walls, m²."""
        return 2 * self.floor_area + self.wall_area


@dataclass(frozen=True)
class Reverberation:
    """A room's absorption area and reverberation time per octave band, and which formula gave each T."""

    absorption: Spectrum
    time: Spectrum
    method: tuple[Literal["Sabine", "Eyring"], ...]

    @property
    def mid_time(self) -> float:
        """T_mid: the mean of the 500 Hz and 1 kHz bands (s)."""
        return (self.time[2] + self.time[3]) / 2

    @property
    def mid_absorption(self) -> float:
        """A at mid frequencies: the mean of the 500 Hz and 1 kHz bands (m²), used for speech levels."""
        return (self.absorption[2] + self.absorption[3]) / 2


def reverberation(shape: RoomShape, fin: Finish) -> Reverberation:
    """A and T of a room of that shape and finish, per band of ``BANDS``."""
    a = surface_absorption(shape.floor_area, shape.wall_area, fin, shape.seats)
    surface, volume = shape.surface, shape.volume  # once, not per band: a few hundred rooms per plan
    times, methods = [], []
    for area in a:
        mean_alpha = area / surface if surface > 0 else 0.0
        if mean_alpha > EYRING_FROM:
            times.append(eyring(volume, surface, mean_alpha))
            methods.append("Eyring")
        else:
            times.append(sabine(volume, area))
            methods.append("Sabine")
    return Reverberation(absorption=a, time=tuple(times), method=tuple(methods))  # type: ignore[arg-type]  # methods holds only the two literals


def time_limits(low_band: bool = True) -> Spectrum:
    """The longest T per band: 0.6 s, +20 % at 125 Hz; ``low_band=False``: 125 Hz not judged (infinite)."""
    return tuple(
        (T_LIMIT * (1 + LOW_BAND_ALLOWANCE) if low_band else math.inf) if f == 125 else T_LIMIT for f in BANDS
    )


def absorption_limits(floor_area: float) -> Spectrum:
    """The least A per band for an open area: 1.1 × floor area, 20 % less at 125 Hz."""
    return tuple(A_PER_FLOOR * floor_area * ((1 - LOW_BAND_ALLOWANCE) if f == 125 else 1.0) for f in BANDS)
