"""Plausibility warnings: values a plan may hold but that are probably a slip.

The format allows them (they parse and validate), but a designer should look:
a ceiling 27 m high was likely meant in decimetres, a window whose glass ends
above the ceiling was drawn with the wrong head height, a door rated 60 dB is
no door a job centre buys, a "quiet nook" of
0.1 m² is no room, a waiting room of 10,000 m² no waiting room. Each warning
names the feature and says what to check in a plain sentence. Scoring leaves
rooms of implausible size out (``implausible_rooms``), so a slip or a
relabelled room cannot earn points.
"""

from __future__ import annotations

from functools import lru_cache

from .kinds import kind_noun, with_article
from .model import Plan, Room, RoomKind
from .problems import Problem
from .topology import rooms_on_segment

__all__ = [
    "MIN_PLAUSIBLE_HEIGHT",
    "MAX_PLAUSIBLE_HEIGHT",
    "MAX_PLAUSIBLE_WALL_RATING",
    "MAX_PLAUSIBLE_DOOR_RATING",
    "ROOM_SIZES",
    "DEFAULT_WC_MIN",
    "property_problems",
    "rating_problems",
    "room_size_reason",
    "implausible_rooms",
    "size_problems",
]

#: (smallest, largest) floor area in m² a room of each kind can have and still work as one. The small ends are
#: what the use needs (a nook seats one: about 2 m²; a conversation room seats two or three round a table:
#: about 6 m²; a lift car about 1 m²); the large ends are generous for real buildings and catch unit slips and
#: relabelled halls: a waiting area of 1,000 m² seats some 650 people at the AusHFG's 1.5 m² per seat (the
#: research note's §3.6), many times a large job centre's peak; a conversation room of 250 m² would seat a
#: hundred; a nook over 40 m² is a lounge; an accessible WC over 25 m² is a changing place twice over
#: (a Changing Places room is 12 m², the research note's §2.1 table); open offices run to several thousand m². None: no limit.
ROOM_SIZES: dict[RoomKind, tuple[float, float | None]] = {
    RoomKind.entrance: (1.5, 1000.0),
    RoomKind.reception: (4.0, 1000.0),
    RoomKind.waiting: (4.0, 1000.0),
    RoomKind.quiet_nook: (2.0, 40.0),
    RoomKind.green_area: (2.0, 2000.0),
    RoomKind.meeting_room: (6.0, 250.0),
    RoomKind.group_room: (6.0, 400.0),
    RoomKind.job_search: (4.0, 1500.0),
    RoomKind.open_office: (6.0, 5000.0),
    RoomKind.staff_room: (4.0, 1000.0),
    RoomKind.corridor: (0.5, None),
    RoomKind.wc: (0.8, 300.0),
    RoomKind.wc_accessible: (1.0, 25.0),
    RoomKind.play_area: (2.0, 300.0),
    RoomKind.storage: (0.0, None),
    RoomKind.stairs: (1.0, 300.0),
    RoomKind.lift: (1.0, 30.0),
    RoomKind.unknown: (0.0, None),  # an imported room not yet named: no size says anything
}
#: The accessible WC room size (short × long side, m) validation checks when no rule profile is given:
#: BR18's, as scoring's BR18 profile derives it (§214 stk. 2). Scoring passes its profile's own.
DEFAULT_WC_MIN = (2.2, 2.2)

#: Clear ceiling heights (m) outside this range are probably a slip (a unit or a typing error).
MIN_PLAUSIBLE_HEIGHT, MAX_PLAUSIBLE_HEIGHT = 2.0, 8.0
#: A window head may sit this far above the ceiling before it is called a slip (m).
_HEAD_TOLERANCE = 0.05
#: R'w (dB) above which a wall between rooms of one storey is probably a slip. Site-measured R'w includes
#: flanking through floor, ceiling and façade, which caps ordinary construction near 55-60 dB: BR18's guidance
#: asks R'w ≥ 55 dB between dwellings (the strictest horizontal demand in the regulation) and 55 dB is the best
#: its office guidance (Tabel 5.1) asks; 65 dB takes decoupled double walls on a separate structure (studios).
MAX_PLAUSIBLE_WALL_RATING = 65.0
#: Rw (dB) above which a single door is probably a slip: the best tested acoustic door sets with drop seals reach
#: about Rw 45-50 dB; more takes two doors in a sound lock, which the plan draws as two doors.
MAX_PLAUSIBLE_DOOR_RATING = 50.0


def property_problems(plan: Plan) -> list[Problem]:
    """Warnings about room heights, window heights and sound ratings that are probably slips."""
    problems: list[Problem] = []
    for room in plan.rooms:
        if not MIN_PLAUSIBLE_HEIGHT <= room.height <= MAX_PLAUSIBLE_HEIGHT:
            problems.append(Problem(
                code="implausible-height", severity="warning", feature_id=room.id,
                message=f"room {room.label!r} has a ceiling height of {room.height:g} m; rooms are usually "
                        f"{MIN_PLAUSIBLE_HEIGHT:g}-{MAX_PLAUSIBLE_HEIGHT:g} m high (is the height in metres?)",
            ))
    for window in plan.windows:
        rooms = rooms_on_segment(plan, window.geometry)
        if len(rooms) != 1:
            continue  # off a wall: validation reports that
        room = rooms[0]
        if window.head > room.height + _HEAD_TOLERANCE:
            problems.append(Problem(
                code="window-above-ceiling", severity="warning", feature_id=window.id,
                message=f"the window's glass reaches {window.head:g} m, above the {room.height:g} m ceiling of "
                        f"{room.label!r}; lower its head or raise the room's height",
            ))
    return problems + rating_problems(plan)


def rating_problems(plan: Plan) -> list[Problem]:
    """Warnings about wall and door sound ratings beyond what built construction reaches."""
    problems: list[Problem] = []
    for room in plan.rooms:
        if room.wall_sound_rating > MAX_PLAUSIBLE_WALL_RATING:
            problems.append(Problem(
                code="implausible-sound-rating", severity="warning", feature_id=room.id,
                message=f"room {room.label!r} has walls of R'w {room.wall_sound_rating:g} dB; walls between rooms "
                        f"reach at most about {MAX_PLAUSIBLE_WALL_RATING:g} dB on site (55 dB is what BR18 asks "
                        f"between dwellings); check the figure",
            ))
    for door in plan.doors:
        if door.sound_rating > MAX_PLAUSIBLE_DOOR_RATING:
            problems.append(Problem(
                code="implausible-sound-rating", severity="warning", feature_id=door.id,
                message=f"the door has a sound rating of Rw {door.sound_rating:g} dB; single doors reach at most "
                        f"about {MAX_PLAUSIBLE_DOOR_RATING:g} dB (sound-rated doors are 30-45 dB); check the figure "
                        f"or draw two doors",
            ))
    return problems


#: How the warnings name a kind where its id does not read as English ("a waiting" -> "a waiting area").
def room_size_reason(room: Room) -> str | None:
    """Why the room is too small or too large for its kind, or None when its size is plausible."""
    low, high = ROOM_SIZES.get(room.kind, (0.0, None))
    area = room.geometry.area
    kind = with_article(kind_noun(room.kind))
    if area < low:
        return f"{area:.1f} m² is too small for {kind} (under about {low:g} m²)"
    if high is not None and area > high:
        return f"{area:,.0f} m² is implausibly large for {kind} (over {high:,.0f} m²)"
    return None


def implausible_rooms(plan: Plan) -> dict[str, str]:
    """Rooms whose size does not fit their kind, with the reason, by id (scoring leaves them out)."""
    return dict(_implausible(plan))


@lru_cache(maxsize=64)
def _implausible(plan: Plan) -> tuple[tuple[str, str], ...]:
    """:func:`implausible_rooms` once per plan object: several criteria ask, and each answer costs a rotated
    rectangle per room."""
    out = []
    for room in plan.rooms:
        reason = room_size_reason(room)
        if reason is not None:
            out.append((room.id, reason))
    return tuple(out)


def _sides(room: Room) -> tuple[float, float]:
    rect = room.geometry.minimum_rotated_rectangle
    xs = list(rect.exterior.coords)
    a = ((xs[0][0] - xs[1][0]) ** 2 + (xs[0][1] - xs[1][1]) ** 2) ** 0.5
    b = ((xs[1][0] - xs[2][0]) ** 2 + (xs[1][1] - xs[2][1]) ** 2) ** 0.5
    return min(a, b), max(a, b)


def size_problems(plan: Plan, wc_min: tuple[float, float] | None = None) -> list[Problem]:
    """Warnings about rooms of implausible size, and accessible WCs under the rule profile's room size."""
    problems = [
        Problem(code="implausible-room-size", severity="warning", feature_id=rid,
                message=f"room {plan.room(rid).label!r}: {reason}; check its outline and its kind")
        for rid, reason in implausible_rooms(plan).items()
    ]
    width, length = wc_min or DEFAULT_WC_MIN
    for room in plan.rooms_of_kind(RoomKind.wc_accessible):
        short, long = _sides(room)
        if short + 0.005 < width or long + 0.005 < length:
            problems.append(Problem(
                code="accessible-wc-too-small", severity="warning", feature_id=room.id,
                message=f"accessible WC {room.label!r} is {short:.2f} × {long:.2f} m, smaller than the "
                        f"{width:g} × {length:g} m an accessible WC needs; it cannot serve as one",
            ))
    return problems
