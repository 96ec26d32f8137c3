"""Building acoustics of a plan: reverberation, sound between rooms, noise at quiet places, speech privacy.

Pure functions with their sources cited in each module:

* ``absorption``: absorption coefficients per finish class (octave bands
  125 Hz–4 kHz) and the EN ISO 11654 rating;
* ``reverberation``: Sabine / Eyring and the Danish guidance values;
* ``transmission``: composite R', D = R' − 10·lg(S/A), ASTM E2638's SPC;
* ``sources``: sound power of each room's activity, background noise;
* ``propagation``: ISO 3382-3 spatial decay along open paths;
* ``plan_model`` and ``network``: a plan read acoustically, the level
  arriving in every room and the speech privacy of conversation rooms.
"""

from .absorption import BANDS, FINISHES, absorption_class, weighted_absorption
from .network import Arrival, Privacy, RoomNoise, noise_map, noise_map_of, privacy
from .plan_model import AcousticPlan, Partition, RoomAcoustics, acoustic_plan
from .reverberation import eyring, reverberation, sabine
from .transmission import composite_reduction, level_difference, speech_privacy_class

__all__ = [
    "BANDS",
    "FINISHES",
    "AcousticPlan",
    "Arrival",
    "Partition",
    "Privacy",
    "RoomAcoustics",
    "RoomNoise",
    "absorption_class",
    "acoustic_plan",
    "composite_reduction",
    "eyring",
    "level_difference",
    "noise_map",
    "noise_map_of",
    "privacy",
    "reverberation",
    "sabine",
    "speech_privacy_class",
    "weighted_absorption",
]
