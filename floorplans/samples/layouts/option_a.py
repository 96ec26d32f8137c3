"""Option A, the calm option."""

from __future__ import annotations

from floorplans.model import Plan

from ..builder import LOW_COUNTER_MM, PlanBuilder
from ..common import K, common_skeleton, entrance_and_reception, finish

__all__ = ["option_a"]


def option_a() -> Plan:
    """The calm option: low reception, green oasis by the waiting area, quiet nooks far from the entrance."""
    b = PlanBuilder(
        "Option A – Rolige nicher og uformel modtagelse",
        "Lav, uformel modtagelse; luftigt venteområde med udsyn til en grøn oase; samtalerum bag en gang; "
        "tre stille rum med vindue mod parken, langt fra indgangen.",
    )
    common_skeleton(b)
    entrance_and_reception(b, counter_mm=LOW_COUNTER_MM)
    _rooms(b)
    _doors(b)
    _furniture(b)
    return finish(b)


def _rooms(b: PlanBuilder) -> None:
    """The rooms this option adds to the shared skeleton."""
    b.rect("jobcafe", K.job_search, "Jobcafé", 12, 0, 20, 12, capacity=12)
    b.rect("venteomraade", K.waiting, "Venteområde", 27, 0, 37, 12)
    b.rect("groen_oase", K.green_area, "Grøn oase", 37, 4, 48, 12, capacity=8)
    b.rect("hc_toilet_vent", K.wc_accessible, "Handicaptoilet ved venteområdet", 37, 0, 40, 4)
    b.rect("wc_vent", K.wc, "WC", 40, 0, 42.4, 4)
    b.rect("barnevogne", K.storage, "Barnevogne og overtøj", 42.4, 0, 48, 4, public=True)
    # Back zone: conversation rooms behind the corridors, quiet nooks at the far north-east.
    b.rect("grupperum1", K.group_room, "Grupperum 1", 25.4, 14, 33, 19, capacity=10)
    b.rect("grupperum2", K.group_room, "Grupperum 2", 33, 14, 40, 19, capacity=10)
    b.rect("sr8", K.meeting_room, "Samtalerum 8", 40, 14, 43.0, 19, capacity=4)
    for i in range(6):
        x = 22 + 3 * i
        b.rect(f"sr{i + 1}", K.meeting_room, f"Samtalerum {i + 1}", x, 20.6, x + 3, 26, capacity=3)
    b.rect("sr7", K.meeting_room, "Samtalerum 7", 40, 20.6, 43.0, 26, capacity=4)
    b.rect("depot2", K.storage, "Depot 2", 44.6, 14, 48, 18.2)
    b.rect("stille3", K.quiet_nook, "Stille rum 3", 44.6, 18.2, 48, 20.8, capacity=1)
    b.rect("stille2", K.quiet_nook, "Stille rum 2", 44.6, 20.8, 48, 23.4, capacity=1)
    b.rect("stille1", K.quiet_nook, "Stille rum 1", 44.6, 23.4, 48, 26, capacity=1)


def _doors(b: PlanBuilder) -> None:
    """Doors and openings, in the order their ids are given."""
    b.door("jobcafe", "reception", 8)
    b.door("jobcafe", "gang", 16)
    b.opening("reception", "venteomraade", 8, 6)
    b.door("venteomraade", "gang", 32)
    b.opening("venteomraade", "groen_oase", 8, 6)
    b.door("hc_toilet_vent", "venteomraade", 2, leaf=1.1, clear=1.0)
    b.door("wc_vent", "groen_oase")
    b.door("barnevogne", "groen_oase", 44)
    b.door("wc1", "gang")
    b.door("wc2", "gang")
    b.door("grupperum1", "gang")
    b.door("grupperum2", "gang")
    b.door("sr8", "gang_ost")
    for i in range(1, 8):
        b.door(f"sr{i}", "gang_nord")
    b.door("depot2", "gang_ost")
    for rid in ("stille1", "stille2", "stille3"):
        b.door(rid, "gang_ost")


def _furniture(b: PlanBuilder) -> None:
    """Seats, tables and plants, in the order their ids are given."""
    # A roomy waiting area: small groups of chairs and a row facing the green oasis.
    seats = 0
    for cx, cy in ((29.5, 2.4), (33.5, 2.4), (29.5, 9.6), (33.5, 9.6)):
        seats += b.seats([cx - 0.7, cx + 0.7], [cy - 0.7, cy + 0.7])
        b.block("table", cx - 0.3, cy - 0.3, cx + 0.3, cy + 0.3)
    seats += b.seats([35.6], [4.8, 5.9, 7.0, 8.1, 9.2])  # facing the green oasis
    seats += b.seats([28.2, 30.0, 32.0], [6.0])  # solo chairs
    seats += b.seats([31.0, 32.0], [0.7])  # by the street window
    seats += b.seats([28.5, 29.5, 34.5, 35.5], [11.3])
    b.set_capacity("venteomraade", seats)
    for x, y in ((27.6, 0.5), (36.4, 0.5), (27.6, 11.4)):
        b.point("plant", x, y)
    # The green oasis: plants along the park windows and a few armchairs among them.
    for y in (4.8, 6.4, 8.0, 9.6, 11.2):
        b.point("plant", 47.3, y)
    for x in (39.0, 41.5, 44.0):
        b.point("plant", x, 11.4)
    b.point("plant", 39.0, 4.6)
    b.point("plant", 42.0, 4.6)
    b.seats([41.0, 43.0, 45.0], [6.6, 8.8])
    b.seats([38.8], [7.7])
    b.seats([39.6], [7.7])
    for rid in ("stille1", "stille2", "stille3"):
        c = b.geom(rid).centroid
        b.point("seat", c.x + 0.6, c.y)
        b.point("plant", 47.5, c.y - 0.9)
    for x in (13, 16.4):
        b.block("table", x, 5.5, x + 2.6, 6.3)
    b.block("table", 27.5, 16, 31, 17.2)
    b.block("table", 34.8, 16, 38.2, 17.2)
