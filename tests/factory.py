"""Small hand-made plans for tests: rectangles, doors and windows in a few lines."""

from __future__ import annotations

from typing import Any

from floorplans import Plan, plan_from_geojson


def rect(x0: float, y0: float, x1: float, y1: float) -> list[list[list[float]]]:
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]


def room(fid: str, kind: str, box: tuple[float, float, float, float], **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "id": fid, "geometry": {"type": "Polygon", "coordinates": rect(*box)},
            "properties": {"feature": "room", "kind": kind, "name": props.pop("name", fid), **props}}


def segment(fid: str, feature: str, a: tuple[float, float], b: tuple[float, float], **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "id": fid, "geometry": {"type": "LineString", "coordinates": [list(a), list(b)]},
            "properties": {"feature": feature, **props}}


def door(fid: str, a: tuple[float, float], b: tuple[float, float], **props: Any) -> dict[str, Any]:
    return segment(fid, "door", a, b, **props)


def plant(fid: str, x: float, y: float) -> dict[str, Any]:
    return {"type": "Feature", "id": fid, "geometry": {"type": "Point", "coordinates": [x, y]},
            "properties": {"feature": "furniture", "type": "plant"}}


def collection(*features: dict[str, Any], name: str = "test plan", **top: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "name": name, "units": "m", **top, "features": list(features)}


def two_rooms(**door_props: Any) -> dict[str, Any]:
    """An entrance hall (0..5 x 0..4) and a waiting room (5..10 x 0..4), an entrance door and a door between."""
    return collection(
        room("hall", "entrance", (0, 0, 5, 4), name="Indgang"),
        room("wait", "waiting", (5, 0, 10, 4), name="Venteområde", capacity=8),
        door("d-in", (2, 0), (3, 0), entrance=True, automatic=True),
        door("d-mid", (5, 1), (5, 2), **door_props),
        segment("w1", "window", (10, 1), (10, 3), view="green"),
        plant("p1", 8, 3),
    )


def upper_floor(arrival_kind: str = "lift") -> Plan:
    """A lift (or stair) hall 0..3 x 0..4, a corridor 3..13 x 0..2, a meeting room 3..8 x 2..6, a quiet nook 8..13 x 2..6."""
    return plan_from_geojson(collection(
        room("hall", arrival_kind, (0, 0, 3, 4), name="Elevator" if arrival_kind == "lift" else "Trappe"),
        room("gang", "corridor", (3, 0, 13, 2), name="Gang"),
        room("mr1", "meeting_room", (3, 2, 8, 6), name="Samtalerum 1"),
        room("nook", "quiet_nook", (8, 2, 13, 6), name="Stillerum"),
        door("d-hall", (3, 0.5), (3, 1.5), clear_width=0.9),
        door("d-mr1", (5, 2), (6, 2), clear_width=0.9),
        door("d-nook", (11, 2), (12, 2), clear_width=0.9),
        name="2. sal",
    ))
