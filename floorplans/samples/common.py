"""What every sample shares: the west offices, the corridors and staff rooms, the entrance and reception."""

from __future__ import annotations

from floorplans.model import Plan, RoomKind

from .builder import TALL_COUNTER_MM, WIDTH, PlanBuilder

__all__ = ["K", "common_skeleton", "entrance_and_reception", "finish"]

K = RoomKind


def common_skeleton(b: PlanBuilder) -> None:
    """West offices, the main corridor (y 12–14), WCs, the link and back corridors, staff room."""
    b.rect("kontor_vest", K.open_office, "Kontor – Team Vest", 0, 0, 12, 12, capacity=14)
    b.rect("gang", K.corridor, "Gang", 0, 12, WIDTH, 14)
    b.rect("kontor_nord", K.open_office, "Kontor – Team Nord", 0, 14, 14, 26, capacity=16)
    b.rect("depot", K.storage, "Depot", 14, 14, 17, 19)
    b.rect("hc_toilet", K.wc_accessible, "Handicaptoilet", 17, 14, 19.6, 16.6)
    b.rect("wc1", K.wc, "WC 1", 19.6, 14, 21.3, 16.6)
    b.rect("wc2", K.wc, "WC 2", 21.3, 14, 23, 16.6)
    b.rect("rengoring", K.storage, "Rengøring", 17, 16.6, 23, 19)
    b.rect("gang_link", K.corridor, "Gang (forbindelse)", 23, 14, 25.4, 19)
    b.rect("gang_nord", K.corridor, "Gang (nord)", 14, 19, 43.0, 20.6)
    b.rect("gang_ost", K.corridor, "Gang (nordøst)", 43.0, 14, 44.6, 26)
    b.rect("frokoststue", K.staff_room, "Frokoststue", 14, 20.6, 22, 26, capacity=20)

    b.door("kontor_vest", "gang", 6)
    b.door("kontor_nord", "gang", 7)
    b.door("depot", "gang")
    b.door("hc_toilet", "gang", leaf=1.1, clear=1.0)
    b.door("rengoring", "gang_nord", 20)
    b.opening("gang_link", "gang")
    b.opening("gang_link", "gang_nord")
    b.opening("gang_ost", "gang")
    b.opening("gang_nord", "gang_ost")
    b.door("frokoststue", "gang_nord", 18)
    b.block("table", 15.5, 22.5, 20.5, 23.7)
    b.block("counter", 14.1, 25.3, 17.5, 25.9, height_mm=900)  # kitchenette


def entrance_and_reception(b: PlanBuilder, *, counter_mm: int, nook_corner: bool = False) -> None:
    """Vestibule (x 20–27, y 0–4) with the automatic entrance door, and the reception hall behind it."""
    b.rect("indgang", K.entrance, "Indgang", 20, 0, 27, 4)
    if nook_corner:  # option B: the reception gives up its south-west corner to a quiet nook
        b.poly("reception", K.reception, "Reception", [(20, 7.6), (22.4, 7.6), (22.4, 4), (27, 4), (27, 12), (20, 12)])
    else:
        b.rect("reception", K.reception, "Reception", 20, 4, 27, 12)
    b.door("indgang", "S", 23.5, leaf=1.6, clear=1.5, entrance=True, automatic=True)
    b.door("indgang", "reception", 24.2 if nook_corner else 23.5, leaf=1.6, clear=1.5, automatic=True)
    b.window("indgang", "S", 21.3, 1.6)
    b.window("indgang", "S", 25.7, 1.6)
    b.door("reception", "gang", 24)
    if counter_mm >= TALL_COUNTER_MM:
        b.block("counter", 21.8, 8.4, 25.2, 9.2, height_mm=counter_mm)  # long, tall, straight across from the door
    else:
        b.block("counter", 24.0, 8.8, 25.8, 9.6, height_mm=counter_mm)  # short, low, off to one side
    b.point("seat", 22.8, 10.2)  # staff
    b.point("seat", 24.2, 10.2)


def finish(b: PlanBuilder) -> Plan:
    """Windows on the facades and a table in every conversation room, then the Plan."""
    b.facade_windows()
    for rid, room in b.rooms.items():
        if room.kind == K.meeting_room:
            b.table_in(rid)
    return b.build()


# ---------------------------------------------------------------------------
