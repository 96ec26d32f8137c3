"""Hand-made plans for the scoring tests (their validity is checked in test_plans.py).

``mini_centre()`` is a tiny job centre whose right answers are obvious: an
entrance room on the west, a 1.5 m corridor running east, rooms on both
sides. Keyword arguments change one thing at a time.
"""

from __future__ import annotations

from floorplans.model import Door, Furniture, Opening, Plan, Room, RoomKind, Window, evolve


def rect(id: str, kind: str, x0: float, y0: float, x1: float, y1: float, **kw) -> Room:
    return Room(id=id, kind=RoomKind(kind), name=kw.pop("name", id), rings=[[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]], **kw)


def door(id: str, a: tuple[float, float], b: tuple[float, float], **kw) -> Door:
    return Door(id=id, points=[a, b], **kw)


def opening(id: str, a: tuple[float, float], b: tuple[float, float]) -> Opening:
    return Opening(id=id, points=[a, b])


def window(id: str, a: tuple[float, float], b: tuple[float, float], view: str | None = None) -> Window:
    return Window(id=id, points=[a, b], view=view)


def box(id: str, type: str, x0: float, y0: float, x1: float, y1: float, **extra) -> Furniture:
    return Furniture(id=id, type=type, rings=[[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]], extra=extra)


def seat(id: str, x: float, y: float) -> Furniture:
    return Furniture(id=id, type="seat", point=(x, y))


def plant(id: str, x: float, y: float) -> Furniture:
    return Furniture(id=id, type="plant", point=(x, y))


def make_plan(*features, name: str = "test plan") -> Plan:
    groups: dict[str, list] = {"rooms": [], "doors": [], "openings": [], "windows": [], "furniture": []}
    key = {Room: "rooms", Door: "doors", Opening: "openings", Window: "windows", Furniture: "furniture"}
    for f in features:
        groups[key[type(f)]].append(f)
    return Plan(name=name, **{k: tuple(v) for k, v in groups.items()})


def change(plan: Plan, feature_id: str, **changes) -> Plan:
    """A copy of the plan with one feature's fields changed."""
    return plan.with_feature(evolve(plan.by_id[feature_id], **changes))


def mini_centre(*, nook: str = "far", m2_door: float = 1.0, m2_threshold: float = 0.0, corridor_width: float = 1.5,
                wc: bool = True, counter: dict | None = None, name: str = "mini centre") -> Plan:
    """A small job centre. ``nook``: "far" (east end of the corridor), "entrance" (open to the entrance room) or "none"."""
    y0, y1 = 2.25, 2.25 + corridor_width
    north0, north1 = y1, y1 + 5.0
    feats: list = [
        rect("ent", "entrance", 0, 0, 4, 6, name="Entrance"),
        door("d_ent", (0, 2.4), (0, 3.6), entrance=True, automatic=True),
        rect("cor", "corridor", 4, y0, 28, y1, name="Corridor"),
        door("d_ent_cor", (4, 2.5), (4, 3.5)),
        rect("rec", "reception", 4, north0, 9, north1, name="Reception"),
        door("d_rec", (5, north0), (6, north0)),
        rect("wait", "waiting", 9, north0, 16, north1, name="Waiting"),
        opening("o_wait", (10, north0), (15, north0)),
        rect("m1", "meeting_room", 16, north0, 20, north1, name="Meeting 1"),
        door("d_m1", (17, north0), (18, north0)),
        rect("m2", "meeting_room", 20, north0, 24, north1, name="Meeting 2"),
        door("d_m2", (21, north0), (21 + m2_door, north0), threshold_mm=m2_threshold),
        rect("m3", "meeting_room", 16, -2.25, 20, y0, name="Meeting 3"),
        door("d_m3", (17, y0), (18, y0)),
        rect("office", "open_office", 20, -2.25, 28, y0, name="Office"),
        door("d_office", (22, y0), (23, y0)),
        window("w_m1", (16.5, north1), (19.5, north1), view="street"),
        window("w_wait", (10, north1), (15, north1), view="green"),
        seat("s1", 10, north0 + 3), seat("s2", 11, north0 + 3), seat("s3", 12, north0 + 3), seat("s4", 13, north0 + 3),
        plant("p1", 15.5, north1 - 0.5),
    ]
    if wc:
        feats += [rect("wca", "wc_accessible", 4, -0.25, 6.5, y0, name="Accessible WC"), door("d_wca", (5, y0), (6, y0))]
    if nook == "far":
        feats += [rect("nook", "quiet_nook", 24, north0, 28, north0 + 3, name="Quiet nook"), opening("o_nook", (24.5, north0), (27.5, north0)),
                  window("w_nook", (28, north0 + 0.5), (28, north0 + 2.5), view="green"), seat("s_nook", 26, north0 + 2.2)]
    elif nook == "entrance":
        feats += [rect("nook", "quiet_nook", 0, 6, 4, 9, name="Quiet nook"), opening("o_nook", (0.5, 6), (3.5, 6)),
                  window("w_nook", (0, 6.5), (0, 8.5), view="green"), seat("s_nook", 2, 8.2)]
    if counter is not None:
        feats.append(box("counter", "counter", 5, north1 - 2, 8, north1 - 1.4, **counter))
    return make_plan(*feats, name=name)
