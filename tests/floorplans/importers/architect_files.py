"""Hand-made files like an architect's: a DXF floor with area outlines and annotation labels, an IMDF archive with unit categories.

Each builder writes the file and returns it with the kind every room should get (by a point inside it).
"""

from __future__ import annotations

import json
from pathlib import Path

from floorplans.model import RoomKind

K = RoomKind

#: (x0, y0, x1, y1) in metres, the labels an architect writes in it (lines of TEXT or one MTEXT), the right kind.
#: Walls are 0.15 m: outlines stop at the wall faces. Room numbers and areas are on their own lines.
DXF_ROOMS: list[tuple[tuple[float, float, float, float], list[str], str, RoomKind]] = [
    ((0, 0, 6, 5), ["INDGANG", "0.01", "30,0 m²"], "TEXT", K.entrance),
    ((6.15, 0, 12, 5), [r"{\fArial|b1;\H0.35;RECEPTION}", "0.02", "29,2 m²"], "MTEXT", K.reception),
    ((12.15, 0, 20, 5), ["VENTEOMRÅDE", "0.03"], "TEXT", K.waiting),
    ((20.15, 0, 24, 5), ["LEGEHJØRNE", "19,2 m2"], "TEXT", K.play_area),
    ((0, 5.15, 24, 7.15), ["GANG", "0.05"], "TEXT", K.corridor),
    ((0, 7.3, 3.5, 11), ["0.06 SAMTALERUM 1", "Areal: 13 m²"], "TEXT", K.meeting_room),
    ((3.65, 7.3, 7, 11), [r"\A1;SAMTALERUM 2\P0.07\P12,4 m²"], "MTEXT", K.meeting_room),
    ((7.15, 7.3, 12, 11), ["MØDELOKALE", "0.08"], "TEXT", K.meeting_room),
    ((12.15, 7.3, 14.5, 11), ["STILLERUM"], "TEXT", K.quiet_nook),
    ((14.65, 7.3, 17, 11), ["HC-TOILET", "0.10", "8,7 m²"], "TEXT", K.wc_accessible),
    ((17.15, 7.3, 18.6, 9), ["WC", "0.11"], "TEXT", K.wc),
    ((17.15, 9.15, 18.6, 11), ["DEPOT", "0.12"], "TEXT", K.storage),
    ((18.75, 7.3, 24, 11), ["JOBCAFÉ", "0.13", "19,4 m²"], "TEXT", K.job_search),
    ((0, 11.15, 8, 16), [r"{\C1;STORRUMSKONTOR}", "0.14"], "MTEXT", K.open_office),
    ((8.15, 11.15, 12, 16), ["PERSONALERUM / FROKOSTSTUE", "0.15"], "TEXT", K.staff_room),
    ((12.15, 11.15, 16, 16), ["GRUPPERUM", "0.16"], "TEXT", K.group_room),
    ((16.15, 11.15, 19, 16), ["TRAPPE", "0.17"], "TEXT", K.stairs),
    ((19.15, 11.15, 21, 13), ["ELEVATOR"], "TEXT", K.lift),
    ((21.15, 11.15, 24, 16), ["KONTOR", "0.19", "13,7 m²"], "TEXT", K.open_office),
    ((19.15, 13.15, 21, 16), ["TEKNIK", "0.20"], "TEXT", K.storage),
]


def architect_dxf(path: Path) -> tuple[Path, list[tuple[tuple[float, float], RoomKind]]]:
    """A floor in millimetres: outlines on A-AREA, labels on A-ANNO-TEXT (room number and area lines around the names)."""
    import ezdxf

    doc = ezdxf.new(units=4)
    msp = doc.modelspace()
    doc.layers.add("A-AREA")
    doc.layers.add("A-ANNO-TEXT")
    expected = []
    for (x0, y0, x1, y1), lines, entity, kind in DXF_ROOMS:
        corners = [(x0 * 1000, y0 * 1000), (x1 * 1000, y0 * 1000), (x1 * 1000, y1 * 1000), (x0 * 1000, y1 * 1000)]
        msp.add_lwpolyline(corners, close=True, dxfattribs={"layer": "A-AREA"})
        left, cy = x0 * 1000 + 150, (y0 + y1) / 2 * 1000  # labels start just inside the room's left wall
        if entity == "MTEXT":
            msp.add_mtext("\\P".join(lines), dxfattribs={"layer": "A-ANNO-TEXT", "insert": (left, cy + 300), "char_height": 250})
        else:
            for n, line in enumerate(lines):
                msp.add_text(line, dxfattribs={"layer": "A-ANNO-TEXT", "insert": (left, cy + 300 - 350 * n), "height": 250})
        expected.append((((x0 + x1) / 2, (y0 + y1) / 2), kind))
    msp.add_text("PLAN STUEETAGE 1:100", dxfattribs={"layer": "A-ANNO-TEXT", "insert": (0, -3000), "height": 500})  # outside every room
    doc.saveas(path)
    return path, expected


def _ll(x: float, y: float) -> list[float]:
    """Metres to lon/lat near Aarhus (as IMDF stores them)."""
    return [10.2039 + x / (111_320 * 0.5565), 56.1629 + y / 110_574]


def _square(x0: float, y0: float, x1: float, y1: float) -> dict:
    return {"type": "Polygon", "coordinates": [[_ll(x0, y0), _ll(x1, y0), _ll(x1, y1), _ll(x0, y1), _ll(x0, y0)]]}


#: (unit id, IMDF category, name or None, (x0, y0, x1, y1) m, the right kind). IMDF units share their edges.
IMDF_UNITS: list[tuple[str, str, dict | None, tuple[float, float, float, float], RoomKind | None]] = [
    ("u1", "lobby", {"en": "Main lobby"}, (0, 0, 8, 6), K.entrance),
    ("u2", "walkway", None, (8, 0, 30, 3), K.corridor),
    ("u3", "walkway", {"da": "Gang"}, (30, 0, 40, 3), K.corridor),
    ("u4", "room", {"da": "Samtalerum 1"}, (8, 3, 12, 8), K.meeting_room),
    ("u5", "room", {"da": "Samtalerum 2"}, (12, 3, 16, 8), K.meeting_room),
    ("u6", "conferenceroom", {"en": "Board room"}, (16, 3, 22, 8), K.meeting_room),
    ("u7", "restroom.female", None, (22, 3, 24, 8), K.wc),
    ("u8", "restroom.unisex.wheelchair", {"en": "Accessible WC"}, (24, 3, 27, 8), K.wc_accessible),
    ("u9", "waitingroom", {"da": "Venteværelse"}, (27, 3, 33, 8), K.waiting),
    ("u10", "room", {"da": "Stillerum"}, (33, 3, 36, 8), K.quiet_nook),
    ("u11", "storage", None, (36, 3, 40, 8), K.storage),
    ("u12", "office", {"en": "Caseworkers"}, (0, 6, 8, 12), K.open_office),
    ("u13", "kitchen", {"da": "Frokoststue"}, (8, 8, 14, 12), K.staff_room),
    ("u14", "stairs", None, (14, 8, 17, 12), K.stairs),
    ("u15", "elevator", None, (17, 8, 19, 12), K.lift),
    ("u16", "room", {"en": "Job café"}, (19, 8, 28, 12), K.job_search),
    ("u17", "classroom", {"da": "Kursuslokale"}, (28, 8, 34, 12), K.group_room),
    ("u18", "room", {"en": "Chapel"}, (34, 8, 37, 12), K.quiet_nook),
    ("u19", "foodservice", {"en": "Food court"}, (37, 8, 40, 12), K.waiting),
    ("u20", "room", {"en": "Clinic 2"}, (40, 0, 44, 6), K.meeting_room),
    ("u21", "opentobelow", None, (40, 6, 44, 12), None),  # a void: left out
]


def imdf_archive(folder: Path, *, same_named_levels: int = 0) -> tuple[Path, list[tuple[tuple[float, float], RoomKind]]]:
    """An IMDF folder: one level "G" with the units above, openings on the walkway; optionally more levels also called "G"."""
    folder.mkdir()
    features = [
        {"type": "Feature", "id": uid, "feature_type": "unit", "geometry": _square(*box),
         "properties": {"category": cat, "name": name, "level_id": "L0"}}
        for uid, cat, name, box, _ in IMDF_UNITS
    ]
    levels = [{"type": "Feature", "id": "L0", "feature_type": "level", "geometry": _square(0, 0, 44, 12),
               "properties": {"ordinal": 0, "name": {"en": "Ground"}, "short_name": {"en": "G"}}}]
    for n in range(1, same_named_levels + 1):
        levels.append({"type": "Feature", "id": f"L{n}", "feature_type": "level", "geometry": _square(0, 0, 44, 12),
                       "properties": {"ordinal": n, "name": {"en": "Ground"}, "short_name": {"en": "G"}}})
        features.append({"type": "Feature", "id": f"x{n}", "feature_type": "unit", "geometry": _square(0, 0, 5 + n, 5),
                         "properties": {"category": "room", "name": {"en": f"Room {n}"}, "level_id": f"L{n}"}})
    openings = [
        ("o1", "pedestrian.principal", [_ll(2, 0), _ll(4, 0)]),  # into the lobby
        ("o2", "pedestrian", [_ll(8, 1), _ll(8, 2)]),  # lobby - walkway
        ("o3", "pedestrian", [_ll(9, 3), _ll(10, 3)]),
        ("o4", "pedestrian", [_ll(13, 3), _ll(14, 3)]),
        ("o5", "pedestrian", [_ll(18, 3), _ll(19, 3)]),
        ("o6", "pedestrian", [_ll(22.5, 3), _ll(23.5, 3)]),
        ("o7", "pedestrian", [_ll(25, 3), _ll(26, 3)]),
        ("o8", "pedestrian", [_ll(34, 3), _ll(35, 3)]),
        ("o9", "pedestrian", [_ll(30, 8), _ll(31, 8)]),  # waiting - classroom
    ]
    opening_fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": oid, "feature_type": "opening", "geometry": {"type": "LineString", "coordinates": line},
         "properties": {"category": cat, "level_id": "L0"}} for oid, cat, line in openings]}
    for name, data in (("unit", {"type": "FeatureCollection", "features": features}), ("opening", opening_fc),
                       ("level", {"type": "FeatureCollection", "features": levels})):
        (folder / f"{name}.geojson").write_text(json.dumps(data), encoding="utf-8")
    expected = [(((b[0] + b[2]) / 2, (b[1] + b[3]) / 2), kind) for _, _, _, b, kind in IMDF_UNITS if kind is not None]
    return folder, expected
