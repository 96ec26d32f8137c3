"""Reverberation of each room against the Danish guidance, with what an absorbent finish would do.

Which rule a room is held to, by kind (``reverberation`` has the numbers and
their sources):

* conversation, group, staff and quiet rooms: T ≤ 0.6 s in every octave
  band 125 Hz–4 kHz (+20 % at 125 Hz), like offices and meeting rooms;
* reception and corridors: T ≤ 0.6 s, 250 Hz–4 kHz;
* waiting areas, open offices, the job café, play areas, entrances and
  green areas: A ≥ 1.1 × floor area in every band (20 % less at 125 Hz),
  like open-plan offices.

Only rooms citizens use (and every conversation room) are judged; WCs,
storage, stairs and lifts are not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from floorplans.model import Plan, RoomKind

from .absorption import BANDS, finish
from .plan_model import RoomAcoustics, acoustic_rooms
from .reverberation import Reverberation, absorption_limits, reverberation, time_limits
from .wording import Text, num, ramp, seconds

__all__ = ["AREA_BAD", "AREA_KINDS", "MID_KINDS", "TIME_BAD", "TIME_KINDS", "ReverbResult", "reverberation_results"]

TIME_KINDS = (RoomKind.meeting_room, RoomKind.group_room, RoomKind.staff_room, RoomKind.quiet_nook)
MID_KINDS = (RoomKind.reception, RoomKind.corridor)
AREA_KINDS = (RoomKind.waiting, RoomKind.open_office, RoomKind.job_search, RoomKind.play_area, RoomKind.entrance,
              RoomKind.green_area)
#: Score 0 at twice the longest reverberation time, or at half the least absorption area.
TIME_BAD, AREA_BAD = 2.0, 0.5
#: A room within 1 % of its limit passes.
TOLERANCE = 0.01


@dataclass(frozen=True)
class ReverbResult:
    """One room judged: by time (T ≤ limit) or by absorption area (A ≥ 1.1 × floor), at its worst band."""

    room: str
    label: str
    rule: Literal["time", "absorption"]
    ratio: float  # T / limit (time: ≤ 1 passes) or A / needed (absorption: ≥ 1 passes)
    band: int  # Hz of the worst band
    value: float  # T (s) or A (m²) in that band
    limit: float  # the limit in that band
    mid_time: float  # T at 500 Hz–1 kHz (s)
    method: str  # Sabine or Eyring in that band
    score: float
    suggestion: Text | None

    @property
    def passed(self) -> bool:
        """Within the limit to 1 % (the estimate is no finer than that)."""
        return self.ratio <= 1.0 + TOLERANCE if self.rule == "time" else self.ratio >= 1.0 - TOLERANCE


def _judge(room: RoomAcoustics, reverb: Reverberation) -> tuple[float, int]:
    """(ratio at the worst band, index of that band)."""
    if room.kind in AREA_KINDS:
        need = absorption_limits(room.shape.floor_area)
        ratios = [a / n for a, n in zip(reverb.absorption, need, strict=True)]
        i = min(range(len(ratios)), key=ratios.__getitem__)
    else:
        limits = time_limits(low_band=room.kind not in MID_KINDS)
        ratios = [t / lim for t, lim in zip(reverb.time, limits, strict=True)]
        i = max(range(len(ratios)), key=ratios.__getitem__)
    return ratios[i], i


def _measure(room: RoomAcoustics, reverb: Reverberation, i: int) -> tuple[float, float]:
    if room.kind in AREA_KINDS:
        return reverb.absorption[i], absorption_limits(room.shape.floor_area)[i]
    return reverb.time[i], time_limits(low_band=room.kind not in MID_KINDS)[i]


def _suggestion(room: RoomAcoustics) -> Text:
    if room.finish == "absorbent":
        return Text(
            f" Even an absorbent finish leaves {room.label} short at {BANDS[_judge(room, room.reverb)[1]]} Hz: "
            "it needs low-frequency absorbers or more absorbing surface.",
            f" Selv en absorberende overflade er ikke nok i {room.label} ved {BANDS[_judge(room, room.reverb)[1]]} Hz: "
            "rummet skal have lavfrekvente absorbenter eller mere absorberende flade.")
    better = reverberation(room.shape, finish("absorbent"))
    ratio, i = _judge(room, better)
    value, limit = _measure(room, better, i)
    ok = ratio >= 1.0 - TOLERANCE if room.kind in AREA_KINDS else ratio <= 1.0 + TOLERANCE
    lead = Text(f" An absorbent finish (class A ceiling, wall panels) in {room.label} would bring ",
                f" En absorberende overflade (klasse A-loft, vægabsorbenter) i {room.label} ville give ")
    if room.kind in AREA_KINDS:
        tail = (Text(f"A to {num(value)} m² at {BANDS[i]} Hz ({num(limit)} m² needed).",
                     f"A = {num(value, 0, 'da')} m² ved {BANDS[i]} Hz (kræver {num(limit, 0, 'da')} m²).") if ok else
                Text(f"A to {num(value)} m² at {BANDS[i]} Hz, still short of the {num(limit)} m² needed: add low-frequency absorbers.",
                     f"A = {num(value, 0, 'da')} m² ved {BANDS[i]} Hz, stadig under de {num(limit, 0, 'da')} m², der kræves: "
                     "tilføj lavfrekvente absorbenter."))
    else:
        tail = Text(f"T to {seconds(value)} at {BANDS[i]} Hz (limit {seconds(limit)}).",
                    f"T = {seconds(value, 'da')} ved {BANDS[i]} Hz (højst {seconds(limit, 'da')}).")
    return lead + tail


def reverberation_results(plan: Plan, skip: frozenset[str] = frozenset()) -> list[ReverbResult]:
    """Every judged room of the plan (rooms in ``skip`` left out), in plan order: rooms citizens use, and conversation rooms."""
    out = []
    for room in acoustic_rooms(plan).values():  # a room's own sound: the partitions are not needed
        judged = room.kind in (*TIME_KINDS, *MID_KINDS, *AREA_KINDS) and (room.public or room.kind == RoomKind.meeting_room)
        if room.id in skip or not judged or room.shape.floor_area <= 0:
            continue
        ratio, i = _judge(room, room.reverb)
        value, limit = _measure(room, room.reverb, i)
        area_rule = room.kind in AREA_KINDS
        score = ramp(ratio, AREA_BAD, 1.0) if area_rule else ramp(ratio, TIME_BAD, 1.0)
        result = ReverbResult(
            room=room.id, label=room.label, rule="absorption" if area_rule else "time", ratio=ratio, band=BANDS[i],
            value=value, limit=limit, mid_time=room.reverb.mid_time, method=room.reverb.method[i], score=score,
            suggestion=None,
        )
        if not result.passed and math.isfinite(ratio):
            result = ReverbResult(**{**result.__dict__, "suggestion": _suggestion(room)})
        out.append(result)
    return out


def describe(result: ReverbResult) -> Text:
    """"Samtalerum 1 (T = 0.91 s at 500 Hz, limit 0.60 s, Sabine)" in both languages."""
    if result.rule == "absorption":
        return Text(
            f"{result.label} (A = {num(result.value)} m² at {result.band} Hz, needs {num(result.limit)} m²: 1.1 × floor)",
            f"{result.label} (A = {num(result.value, 0, 'da')} m² ved {result.band} Hz, kræver {num(result.limit, 0, 'da')} m²: "
            "1,1 × gulvareal)")
    return Text(
        f"{result.label} (T = {seconds(result.value)} at {result.band} Hz, limit {seconds(result.limit)}, {result.method})",
        f"{result.label} (T = {seconds(result.value, 'da')} ved {result.band} Hz, højst {seconds(result.limit, 'da')}, {result.method})")


__all__ += ["describe"]
