"""Small hand-made plans for tests: rectangles, doors and windows in a few lines."""

from __future__ import annotations

from typing import Any


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
