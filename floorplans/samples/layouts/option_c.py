"""Option C, the open plan."""

from __future__ import annotations

from floorplans.model import Plan

from ..builder import PlanBuilder
from ..common import K, common_skeleton, entrance_and_reception, finish

__all__ = ["option_c"]


def option_c() -> Plan:
    """Open plan: job café, reception and waiting area in one space; dense, accessible, not calm."""
    b = PlanBuilder(
        "Option C – Åbent landskab",
        "Jobcafé, reception og venteområde er åbnet op til ét stort rum. Tilgængeligt, men tæt og uroligt: "
        "intet stille rum, samtalerum direkte ud til venteområdet og kun to planter.",
    )
    common_skeleton(b)
    entrance_and_reception(b, counter_mm=850)
    _rooms(b)
    _doors(b)
    _furniture(b)
    return finish(b)


def _rooms(b: PlanBuilder) -> None:
    """The rooms this option adds to the shared skeleton."""
    b.rect("jobcafe", K.job_search, "Jobcafé", 12, 0, 20, 12, capacity=16)
    b.rect("venteomraade", K.waiting, "Venteområde", 27, 4, 37, 12)
    b.rect("sr1", K.meeting_room, "Samtalerum 1", 27, 0, 30.4, 4, capacity=3)
    b.rect("sr2", K.meeting_room, "Samtalerum 2", 30.4, 0, 33.7, 4, capacity=3)
    b.rect("sr3", K.meeting_room, "Samtalerum 3", 33.7, 0, 37, 4, capacity=3)
    b.rect("sr4", K.meeting_room, "Samtalerum 4", 37, 4, 41, 8, capacity=4)
    b.rect("sr5", K.meeting_room, "Samtalerum 5", 37, 8, 41, 12, capacity=4)
    b.rect("sr6", K.meeting_room, "Samtalerum 6", 37, 0, 41, 4, capacity=3)
    b.rect("gang_syd", K.corridor, "Gang (sydøst)", 41, 0, 42.6, 12)
    b.rect("sr7", K.meeting_room, "Samtalerum 7", 42.6, 0, 48, 3, capacity=2)
    b.rect("sr8", K.meeting_room, "Samtalerum 8", 42.6, 3, 48, 6, capacity=2)
    b.rect("grupperum1", K.group_room, "Grupperum 1", 42.6, 6, 48, 12, capacity=12)
    b.rect("grupperum2", K.group_room, "Grupperum 2", 25.4, 14, 33, 19, capacity=10)
    b.rect("kopirum", K.storage, "Kopirum", 33, 14, 37, 19)
    b.rect("personale_wc", K.wc, "Personale-WC", 37, 14, 40, 16.6, public=False)
    b.rect("garderobe", K.storage, "Garderobe", 37, 16.6, 40, 19)
    b.rect("sr9", K.meeting_room, "Samtalerum 9", 40, 14, 43.0, 19, capacity=4)
    b.rect("kontor_ledelse", K.open_office, "Kontor – ledelse", 22, 20.6, 28, 26, capacity=3)
    b.rect("kontor_nord2", K.open_office, "Kontor – Team Nord 2", 28, 20.6, 43.0, 26, capacity=10)
    b.rect("kontor_ost", K.open_office, "Kontor – Team Øst", 44.6, 14, 48, 26, capacity=5)


def _doors(b: PlanBuilder) -> None:
    """Doors and openings, in the order their ids are given."""
    b.opening("jobcafe", "reception", 8, 7.6)
    b.opening("reception", "venteomraade", 8, 7.6)
    b.door("jobcafe", "gang", 16)
    b.door("venteomraade", "gang", 35)
    for rid in ("sr1", "sr2", "sr3", "sr4", "sr5"):
        b.door(rid, "venteomraade")
    b.door("sr6", "gang_syd")
    b.opening("gang_syd", "gang")
    for rid in ("sr7", "sr8", "grupperum1"):
        b.door(rid, "gang_syd")
    b.door("wc1", "gang")
    b.door("wc2", "gang")
    b.door("grupperum2", "gang")
    b.door("kopirum", "gang")
    b.door("personale_wc", "gang")
    b.door("garderobe", "gang_nord")
    b.door("sr9", "gang_ost")
    b.door("kontor_ledelse", "gang_nord")
    b.door("kontor_nord2", "gang_nord", 36)
    b.door("kontor_ost", "gang_ost", 17)


def _furniture(b: PlanBuilder) -> None:
    """Seats, tables and plants, in the order their ids are given."""
    # The densest waiting area: 5 rows of 14 chairs, 0.6 m apart.
    xs = [28.1 + 0.6 * i for i in range(14)]
    b.set_capacity("venteomraade", b.seats(xs, [5.2, 5.8, 7.8, 8.4, 10.4]))
    b.point("plant", 27.6, 11.4)
    b.point("plant", 36.4, 11.4)
    for x in (13, 16.4):
        for y in (5.5, 8.5):
            b.block("table", x, y, x + 2.6, y + 0.8)
    b.block("table", 44, 8.4, 46.6, 9.6)
    b.block("table", 27.5, 16, 31, 17.2)
