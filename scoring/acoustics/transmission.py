"""Sound through walls, doors and openings, as single-number A-weighted estimates.

* Composite sound reduction of a wall with doors and openings: the
  area-weighted transmission coefficient, τ = Σ Sᵢ·10^(−Rᵢ/10) / S and
  R' = −10·lg τ (EN 12354-1:2000, 4.2.3, element by element; an opening
  transmits everything, τ = 1). Flanking through floor, ceiling and façade is
  a flat allowance: one more path of R = 55 dB over the wall's area (in the
  BR18 office guidance, Tabel 5.1, 55 dB is the best horizontal R'w asked of
  ordinary construction; above it flanking governs).
* Level difference into the receiving room: D = R' − 10·lg(S/A)
  (EN ISO 16283-1 / EN 12354-1: S the partition area, A the receiving room's
  absorption area).
* The sound power a partition passes on from a diffuse field of level L:
  Lw = L − 6 + 10·lg(Σ τᵢSᵢ) (incident intensity p²/4ρc), and the diffuse
  level it makes in a room: L = Lw + 10·lg(4/A). Together they give D above.
* Speech privacy: ASTM E2638's speech privacy class SPC = LD(avg) + Lb(avg),
  the level difference to a listening position just outside the room plus the
  background noise there, both arithmetic means over the one-third-octave bands
  160 Hz–5 kHz. From single-number ratings: LD(avg) ≈ the level difference
  at the weakest element (a door, else the wall) a listener stands at,
  R + 3 dB near the element energy-summed with the room's diffuse D; a
  partition whose spectrum follows the EN ISO 717-1 reference curve (extended
  flat to 5 kHz) has its 160 Hz–5 kHz mean within 0.2 dB of its single-number
  value. Lb(avg)
  is the background's A-level less 11 dB, the difference for an NC-shaped
  background spectrum (ANSI/ASA S12.2 NC-30: 39.8 dB(A), 29.0 dB one-third-
  octave mean). Criteria for SPC: Gover & Bradley, "Speech privacy criteria for closed
  rooms in terms of SPC values", Canadian Acoustics (jcaa article 2324):
  SPC 70 "speech privacy" (speech rarely intelligible outside),
  SPC 75 "speech security".
"""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = [
    "BACKGROUND_BAND_OFFSET",
    "DOOR_HEIGHT",
    "FLANKING_R",
    "NEAR_ELEMENT",
    "SPC_NONE",
    "SPC_PRIVACY",
    "SPC_SECURITY",
    "background_band_average",
    "boundary_level_difference",
    "composite_reduction",
    "diffuse_level",
    "energy_sum",
    "level_difference",
    "passed_power_level",
    "reduction",
    "speech_privacy_class",
    "transmission",
]

#: 10·lg 4 ≈ 6 dB: incident intensity p²/4ρc of a diffuse field.
_SIX = 10.0 * math.log10(4.0)
#: Flat flanking allowance: one path of this R over the wall's area (dB).
FLANKING_R = 55.0
#: Height of a door leaf (m): its area is the drawn width × this.
DOOR_HEIGHT = 2.1
#: A listener right at an element hears R + 3 dB less than the source room (half-space radiation near the surface).
NEAR_ELEMENT = 3.0
#: Lb(avg) over 160 Hz–5 kHz = LA − 11 dB for an NC-shaped background.
BACKGROUND_BAND_OFFSET = 11.0
#: SPC of "speech privacy" and of "speech security" (Gover & Bradley), and the SPC at which privacy is taken as none.
SPC_PRIVACY, SPC_SECURITY, SPC_NONE = 70.0, 75.0, 50.0


def transmission(r: float | None) -> float:
    """τ = 10^(−R/10); None (an opening) transmits everything."""
    return 1.0 if r is None else 10.0 ** (-r / 10.0)


def reduction(tau: float) -> float:
    """R = −10·lg τ (dB)."""
    return math.inf if tau <= 0 else -10.0 * math.log10(tau)


def composite_reduction(elements: Iterable[tuple[float, float | None]], flanking: float | None = FLANKING_R) -> float:
    """R' (dB) of a partition made of (area m², R dB or None for an opening) elements, plus flat flanking.

    The areas are the elements' own: a wall of 10 m² holding a 2 m² door is
    ``[(8, R_wall), (2, R_door)]``.
    """
    items = [(float(s), r) for s, r in elements if s > 0]
    total = sum(s for s, _ in items)
    if total <= 0:
        raise ValueError("a partition needs a positive area")
    tau_s = sum(s * transmission(r) for s, r in items)
    if flanking is not None:
        tau_s += total * transmission(flanking)
    return reduction(tau_s / total)


def level_difference(r: float, partition_area: float, receiving_absorption: float) -> float:
    """D = R' − 10·lg(S/A) (dB)."""
    return r - 10.0 * math.log10(partition_area / receiving_absorption)


def passed_power_level(incident_level: float, tau_area: float) -> float:
    """Lw (dB) a partition of transmission area Σ τᵢSᵢ (m²) passes on from a diffuse field of level L (dB)."""
    return incident_level - _SIX + 10.0 * math.log10(tau_area)


def diffuse_level(power_level: float, absorption: float) -> float:
    """L = Lw + 10·lg(4/A): the reverberant level a source of power Lw makes in a room of absorption A."""
    return power_level + 10.0 * math.log10(4.0 / absorption)


def energy_sum(levels: Iterable[float]) -> float:
    """10·lg Σ 10^(L/10) (dB); −inf for nothing."""
    total = sum(10.0 ** (lv / 10.0) for lv in levels if math.isfinite(lv))
    return 10.0 * math.log10(total) if total > 0 else -math.inf


def boundary_level_difference(weakest_r: float | None, room_difference: float) -> float:
    """LD (dB) to a listener just outside the room at its weakest element.

    The element radiates R + 3 dB below the source room's level near its
    surface; the receiving room's diffuse field (``room_difference`` = D) adds
    to it. An opening (None) gives 3 dB near it.
    """
    near = NEAR_ELEMENT + (0.0 if weakest_r is None else weakest_r)
    return -10.0 * math.log10(10.0 ** (-near / 10.0) + 10.0 ** (-room_difference / 10.0))


def background_band_average(la: float) -> float:
    """Lb(avg) (dB): the mean one-third-octave level 160 Hz–5 kHz of an NC-shaped background of ``la`` dB(A)."""
    return la - BACKGROUND_BAND_OFFSET


def speech_privacy_class(ld_avg: float, lb_avg: float) -> float:
    """SPC = LD(avg) + Lb(avg) (ASTM E2638)."""
    return ld_avg + lb_avg
