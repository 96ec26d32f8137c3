"""Sound along open paths: the spatial decay of ISO 3382-3 in furnished open-plan space.

ISO 3382-3 describes how speech falls off with distance in an open-plan
office by two numbers: the A-weighted speech level at 4 m, Lp,A,S,4m, of a
source of normal-effort speech (Lw = 68.4 dB, 57.4 dB(A) at 1 m in free
field), and the spatial decay rate D2,S, the dB lost per doubling of distance.
So a source of power Lw gives at distance r

    L(r) = Lp,A,S,4m + (Lw − 68.4) − D2,S · log2(r / 4 m).

ISO 3382-3:2022 takes D2,S ≥ 7 dB and Lp,A,S,4m ≤ 48 dB as good; measured
offices span about D2,S 2–10 dB and Lp,A,S,4m 44–55 dB (Virjonen, Keränen
& Hongisto, Acta Acustica 2009). The finish classes get (engineering
defaults [R] inside those ranges):

* absorbent (class A ceiling, panels): D2,S = 8 dB, Lp,A,S,4m = 48 dB;
* standard (class C ceiling): D2,S = 6 dB, Lp,A,S,4m = 50 dB;
* hard: D2,S = 4 dB, Lp,A,S,4m = 53 dB.

The decay applies in spaces where sound is not diffuse: corridors and other
long or very large rooms, and it is measured from where the sound enters them
(a source, a doorway, an opening) in a straight line, from 2 m (the nearest
point of ISO 3382-3's fit) on. Compact rooms are diffuse:
L = Lw + 10·lg(4/A) everywhere in them (``transmission.diffuse_level``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["DECAY", "NEAREST", "SPEECH_REFERENCE", "DecayRate", "distance_for_level", "open_plan_level"]

#: Lw (dB) of ISO 3382-3's normal-effort speech source.
SPEECH_REFERENCE = 68.4
#: Distances below this (m) are taken at this distance.
NEAREST = 2.0


@dataclass(frozen=True)
class DecayRate:
    """ISO 3382-3's two numbers for an open space: D2,S (dB per doubling) and Lp,A,S,4m (dB)."""

    d2s: float
    l4m: float


DECAY: dict[str, DecayRate] = {
    "absorbent": DecayRate(d2s=8.0, l4m=48.0),
    "standard": DecayRate(d2s=6.0, l4m=50.0),
    "hard": DecayRate(d2s=4.0, l4m=53.0),
}


def open_plan_level(power: float, distance: float, decay: DecayRate) -> float:
    """L (dB) at ``distance`` m from a source of power ``power`` dB in an open (non-diffuse) space."""
    r = max(distance, NEAREST)
    return decay.l4m + (power - SPEECH_REFERENCE) - decay.d2s * math.log2(r / 4.0)


def distance_for_level(power: float, target: float, decay: DecayRate) -> float:
    """The distance (m) at which the decay brings a source of ``power`` dB down to ``target`` dB."""
    return 4.0 * 2.0 ** ((decay.l4m + power - SPEECH_REFERENCE - target) / decay.d2s)
