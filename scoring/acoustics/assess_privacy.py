"""Speech privacy of conversation rooms: ASTM E2638's speech privacy class towards the worst neighbour.

Each conversation room is judged at its weakest listening position outside
(``network.privacy``): SPC 70 is "speech privacy" (Gover & Bradley: speech
from the room is rarely intelligible outside), SPC 50 or less is taken as no
privacy (an ordinary door: speech plainly understood). Beside it, the
composite R'w of the partition is compared with BR18's guidance for meeting
rooms in office buildings (Tabel 5.1): ≥ 40 dB towards a room it has a door
to, 48 dB without a door, ≥ 52 dB where talks must be confidential.

What would help: the lowest door rating (35, 40 or 45 dB) on the weakest door
that reaches SPC 70, else walls of 52 dB with a 45 dB door; an opening is
closed by a wall with a door.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from floorplans.model import Plan, RoomKind

from .network import Privacy, privacy
from .plan_model import AcousticPlan, acoustic_plan, acoustic_rooms
from .transmission import SPC_NONE, SPC_PRIVACY
from .wording import Text, num, ramp

__all__ = ["BR18_CONFIDENTIAL", "BR18_WITHOUT_DOOR", "BR18_WITH_DOOR", "PrivacyResult", "privacy_results"]

#: BR18 guidance, Tabel 5.1 (office buildings): R'w between meeting rooms and other rooms (dB).
BR18_WITH_DOOR, BR18_WITHOUT_DOOR, BR18_CONFIDENTIAL = 40.0, 48.0, 52.0
#: Door ratings tried, in order, and the wall rating that goes with the best door.
DOOR_STEPS, WALL_STEP = (35.0, 40.0, 45.0), 52.0


@dataclass(frozen=True)
class PrivacyResult:
    room: str
    label: str
    worst: Privacy
    neighbour_label: str
    score: float
    suggestion: Text | None = None

    @property
    def spc(self) -> float:
        return self.worst.spc

    @property
    def br18_minimum(self) -> float:
        """BR18's R'w towards that neighbour: 40 dB with a door between, 48 dB without."""
        return BR18_WITH_DOOR if self.worst.partition.doors or self.worst.partition.is_open else BR18_WITHOUT_DOOR


def _tries(ap: AcousticPlan, worst: Privacy) -> list[tuple[Text, dict]]:
    e = worst.weakest
    room = worst.room
    if e.kind == "opening":
        return [(Text(f"a wall with a sound-rated door ({r:.0f} dB) in opening {e.id}", f"en væg med en lyddør ({r:.0f} dB) i åbningen {e.id}"),
                 {"openings": {e.id: r}}) for r in DOOR_STEPS]
    if e.kind == "door":
        tries = [(Text(f"a sound-rated door ({r:.0f} dB) on {e.id}", f"en lyddør ({r:.0f} dB) i {e.id}"), {"doors": {e.id: r}})
                 for r in DOOR_STEPS if r > (e.r or 0)]
        tries.append((Text(f"a {DOOR_STEPS[-1]:.0f} dB door on {e.id} and walls of R'w {WALL_STEP:.0f} dB",
                           f"en {DOOR_STEPS[-1]:.0f} dB dør i {e.id} og vægge med R'w {WALL_STEP:.0f} dB"),
                      {"doors": {e.id: DOOR_STEPS[-1]}, "walls": {room: WALL_STEP}}))
        return tries
    return [(Text(f"walls of R'w {WALL_STEP:.0f} dB round {ap.rooms[room].label}", f"vægge med R'w {WALL_STEP:.0f} dB omkring {ap.rooms[room].label}"),
             {"walls": {room: WALL_STEP}})]


def _suggest(ap: AcousticPlan, worst: Privacy, label: str) -> Text | None:
    best: tuple[float, Text] | None = None
    for what, changes in _tries(ap, worst):
        spc = privacy(ap.with_changes(**changes), worst.room)[0].spc
        if best is None or spc > best[0]:
            best = (spc, what)
        if spc >= SPC_PRIVACY:
            break
    if best is None or best[0] <= worst.spc + 0.5:
        return None
    spc, what = best
    return Text(f" {what.en[0].upper()}{what.en[1:]} would bring the privacy class of {label} to SPC {num(spc)}.",
                f" {what.da[0].upper()}{what.da[1:]} ville give {label} taleprivatlivsklasse SPC {num(spc, 0, 'da')}.")


def privacy_results(plan: Plan, skip: frozenset[str] = frozenset(), suggest: int = 1) -> list[PrivacyResult]:
    """Every conversation room with a neighbour (rooms in ``skip`` left out), in plan order.

    The ``suggest`` rooms of lowest SPC get a sentence of what would help (each costs a few re-traces).
    """
    if not any(room.id not in skip and room.kind == RoomKind.meeting_room for room in acoustic_rooms(plan).values()):
        return []  # no conversation room: the partitions are not needed
    ap = acoustic_plan(plan)
    out = []
    for room in ap.rooms.values():
        if room.id in skip or room.kind != RoomKind.meeting_room:
            continue
        judged = privacy(ap, room.id)
        if not judged:
            continue
        worst = judged[0]
        out.append(PrivacyResult(room=room.id, label=room.label, worst=worst, neighbour_label=ap.rooms[worst.neighbour].label,
                                 score=ramp(worst.spc, SPC_NONE, SPC_PRIVACY)))
    lowest = sorted((r for r in out if r.score < 1.0), key=lambda r: r.spc)[:suggest]
    helped = {r.room: _suggest(ap, r.worst, r.label) for r in lowest}
    return [replace(r, suggestion=helped[r.room]) if r.room in helped else r for r in out]
