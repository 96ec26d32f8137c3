"""Option B, the green oasis with deliberate accessibility flaws."""

from __future__ import annotations

from floorplans.model import Plan

from ..builder import TALL_COUNTER_MM, PlanBuilder
from ..common import K, common_skeleton, entrance_and_reception, finish

__all__ = ["option_b"]


def option_b() -> Plan:
    """A green oasis and daylight, but a quiet nook by the entrance, a narrow door and a threshold."""
    b = PlanBuilder(
        "Option B – Grøn oase",
        "Stor grøn oase med planter og dagslys ved venteområdet. Bevidste mangler: det stille rum ligger lige "
        "ved indgangen i fuld udsyn, Samtalerum 2 har en smal dør (0,75 m fri bredde), og døren til "
        "Grupperum 1 har et 25 mm dørtrin.",
    )
    common_skeleton(b)
    entrance_and_reception(b, counter_mm=TALL_COUNTER_MM, nook_corner=True)
    _rooms(b)
    _doors(b)
    _furniture(b)
    return finish(b)


def _rooms(b: PlanBuilder) -> None:
    """The rooms this option adds to the shared skeleton."""
    b.rect("stille_rum", K.quiet_nook, "Stille rum", 20, 4, 22.4, 7.6, capacity=1)
    b.rect("jobcafe", K.job_search, "Jobcafé", 12, 0, 20, 12, capacity=12)
    b.rect("venteomraade", K.waiting, "Venteområde", 27, 4, 37, 12)
    b.rect("sr1", K.meeting_room, "Samtalerum 1", 27, 0, 30.4, 4, capacity=3)
    b.rect("sr2", K.meeting_room, "Samtalerum 2", 30.4, 0, 33.7, 4, capacity=3)
    b.rect("sr3", K.meeting_room, "Samtalerum 3", 33.7, 0, 37, 4, capacity=3)
    b.rect("groen_oase", K.green_area, "Grøn oase", 37, 4, 48, 12, capacity=8)
    b.rect("hc_toilet_vent", K.wc_accessible, "Handicaptoilet ved venteområdet", 37, 0, 40, 4)
    b.rect("wc_vent", K.wc, "WC", 40, 0, 42.4, 4)
    b.rect("barnevogne", K.storage, "Barnevogne og overtøj", 42.4, 0, 48, 4, public=True)
    b.rect("grupperum1", K.group_room, "Grupperum 1", 25.4, 14, 33, 19, capacity=10)
    b.rect("grupperum2", K.group_room, "Grupperum 2", 33, 14, 40, 19, capacity=10)
    b.rect("arkiv", K.storage, "Arkiv", 40, 14, 43.0, 19)
    for i in range(6):
        x = 22 + 3 * i
        b.rect(f"sr{i + 4}", K.meeting_room, f"Samtalerum {i + 4}", x, 20.6, x + 3, 26, capacity=3)
    b.rect("sr10", K.meeting_room, "Samtalerum 10", 40, 20.6, 43.0, 26, capacity=4)
    b.rect("kontor_ost", K.open_office, "Kontor – Team Øst", 44.6, 14, 48, 26, capacity=5)


def _doors(b: PlanBuilder) -> None:
    """Doors and openings, in the order their ids are given."""
    b.opening("stille_rum", "reception", 5.8, 2.4)  # open to the reception: seen from the door and the waiting area
    b.door("jobcafe", "reception", 10)
    b.door("jobcafe", "gang", 16)
    b.opening("reception", "venteomraade", 8, 6)
    b.door("venteomraade", "gang", 32)
    b.opening("venteomraade", "groen_oase", 8, 6)
    b.door("sr1", "venteomraade")
    b.door("sr2", "venteomraade", leaf=0.8, clear=0.75)  # deliberate flaw: too narrow for a wheelchair
    b.door("sr3", "venteomraade")
    b.door("hc_toilet_vent", "groen_oase", 38.5, leaf=1.1, clear=1.0)
    b.door("wc_vent", "groen_oase")
    b.door("barnevogne", "groen_oase", 44)
    b.door("wc1", "gang")
    b.door("wc2", "gang")
    b.door("grupperum1", "gang", threshold_mm=25)  # deliberate flaw: an old raised threshold
    b.door("grupperum2", "gang")
    b.door("arkiv", "gang_ost")
    for i in range(4, 11):
        b.door(f"sr{i}", "gang_nord")
    b.door("kontor_ost", "gang_ost", 17)


def _furniture(b: PlanBuilder) -> None:
    """Seats, tables and plants, in the order their ids are given."""
    # A medium-dense waiting area: 4 rows of 11 chairs, 0.75 m apart.
    xs = [28.5 + 0.75 * i for i in range(11)]
    b.set_capacity("venteomraade", b.seats(xs, [5.8, 6.5, 9.0, 9.7]))
    b.point("seat", 21.2, 5.8)  # the armchair in the quiet nook
    b.point("plant", 27.6, 11.4)
    b.point("plant", 36.4, 11.4)
    for y in (4.8, 6.4, 8.0, 9.6, 11.2):
        b.point("plant", 47.3, y)
    for x in (39.0, 41.5, 44.0):
        b.point("plant", x, 11.4)
    for x in (39.0, 42.0, 45.0):
        b.point("plant", x, 4.6)
    b.seats([41.0, 43.0, 45.0], [6.6, 8.8])
    b.seats([38.8, 39.6], [7.7])
    for x in (13, 16.4):
        b.block("table", x, 5.5, x + 2.6, 6.3)
    b.block("table", 27.5, 16, 31, 17.2)
    b.block("table", 34.8, 16, 38.2, 17.2)
