"""Who makes the noise and what noise is already there: source powers and background levels by room kind.

Sources are A-weighted sound power levels Lw of the activity a room holds:

* one talker at normal vocal effort: Lw = 68.4 dB (ISO 3382-3's speech
  source, 57.4 dB(A) at 1 m in free field, plus 11 dB);
  raised effort is 6 dB more (ANSI S3.5-1997 Table 3: 68.3 vs 62.4 dB);
* a waiting area or open office: one talker at normal effort for every
  ``TALKERS_PER`` people there (most wait or work quietly; some talk, phone or
  have a child with them), people counted from its capacity, else its seats,
  else its floor area at the waiting density of the research note (1.5 m² per
  person; 10 m² per desk for an open office);
* reception: a counter conversation at normal effort plus half as much again
  from the queue (+1.8 dB); entrance: arrivals, one talker at normal effort;
* a play area: one child at raised effort for every 10 m², at least one.

These are engineering defaults [R], set so that rooms of ordinary size and
finish get the levels the research note (§3.4) proposes: about 60 dB(A) in an
entrance or a reception, 55–65 dB(A) in a waiting area by how full it is.

Background noise (dB(A)) at a listener is the design value for noise from
the building's installations in BR18's guidance for office buildings
(bygningsreglementet.dk, Kontorbyggeri Tabel 5.3): 30 dB in meeting rooms,
35 dB in offices, reception areas and corridors. Quiet rooms are held to the
meeting rooms' 30 dB. Privacy must hold when the building is quiet, so the
activity in a waiting area is not counted as masking.
"""

from __future__ import annotations

import math

from floorplans.model import Room, RoomKind

__all__ = [
    "RAISED",
    "SOURCE_KINDS",
    "SPEECH_NORMAL",
    "TALKERS_PER",
    "background_level",
    "people",
    "source_power",
]

#: Lw (dB, A-weighted) of one talker at normal vocal effort.
SPEECH_NORMAL = 68.4
#: Raised vocal effort, dB above normal.
RAISED = 6.0
#: People per simultaneous talker in a waiting area or open office.
TALKERS_PER = 10.0
#: Floor area per person (m²) where a room gives neither capacity nor seats.
AREA_PER_PERSON = {RoomKind.waiting: 1.5, RoomKind.open_office: 10.0}
#: Lw of one child at play (raised effort), and the floor area per child.
CHILD_AT_PLAY, AREA_PER_CHILD = SPEECH_NORMAL + RAISED, 10.0
#: Room kinds whose activity is a noise source for quiet places.
SOURCE_KINDS = (RoomKind.entrance, RoomKind.reception, RoomKind.waiting, RoomKind.play_area, RoomKind.open_office)

_QUIET_BACKGROUND = (RoomKind.meeting_room, RoomKind.quiet_nook, RoomKind.green_area, RoomKind.group_room)


def _sum(*levels: float) -> float:
    return 10.0 * math.log10(sum(10.0 ** (lv / 10.0) for lv in levels))


def people(room: Room, seats: int = 0) -> float:
    """How many people a room holds: its capacity, else the seats drawn in it, else its area at a typical density."""
    if room.capacity:
        return float(room.capacity)
    if seats:
        return float(seats)
    per = AREA_PER_PERSON.get(room.kind)
    return room.geometry.area / per if per else 1.0


def source_power(room: Room, seats: int = 0) -> float | None:
    """A-weighted sound power level (dB) of the room's activity, or None when the room is no noise source."""
    kind = room.kind
    if kind in (RoomKind.waiting, RoomKind.open_office):
        talkers = max(1.0, people(room, seats) / TALKERS_PER)
        return SPEECH_NORMAL + 10.0 * math.log10(talkers)
    if kind == RoomKind.reception:
        return _sum(SPEECH_NORMAL, SPEECH_NORMAL - 3.0)
    if kind == RoomKind.entrance:
        return SPEECH_NORMAL
    if kind == RoomKind.play_area:
        children = max(1.0, room.geometry.area / AREA_PER_CHILD)
        return CHILD_AT_PLAY + 10.0 * math.log10(children)
    return None


def background_level(room: Room) -> float:
    """Background noise (dB(A)) a listener in the room has: 30 in meeting and quiet rooms, else 35."""
    return 30.0 if room.kind in _QUIET_BACKGROUND else 35.0
