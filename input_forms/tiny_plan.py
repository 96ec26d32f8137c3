"""A tiny valid plan (lobby, waiting room, meeting room): a fallback when no sample plans exist, and test data."""

from __future__ import annotations

import json


def tiny_plan_geojson(name: str = "Tiny job centre", width: float = 12.0) -> str:
    """Three rooms in a row with an entrance; ``width`` (>= 9) changes the plan so versions differ."""
    w = float(width)
    third = w / 3
    features = [
        {"type": "Feature", "id": "r1", "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [third, 0], [third, 8], [0, 8], [0, 0]]]},
         "properties": {"feature": "room", "kind": "entrance", "name": "Lobby"}},
        {"type": "Feature", "id": "r2", "geometry": {"type": "Polygon", "coordinates": [[[third, 0], [2 * third, 0], [2 * third, 8], [third, 8], [third, 0]]]},
         "properties": {"feature": "room", "kind": "waiting", "name": "Waiting", "capacity": 12}},
        {"type": "Feature", "id": "r3", "geometry": {"type": "Polygon", "coordinates": [[[2 * third, 0], [w, 0], [w, 8], [2 * third, 8], [2 * third, 0]]]},
         "properties": {"feature": "room", "kind": "meeting_room", "name": "Meeting 1", "capacity": 3}},
        {"type": "Feature", "id": "d1", "geometry": {"type": "LineString", "coordinates": [[1.0, 0], [2.0, 0]]},
         "properties": {"feature": "door", "entrance": True, "clear_width": 0.9}},
        {"type": "Feature", "id": "d2", "geometry": {"type": "LineString", "coordinates": [[third, 3.0], [third, 4.0]]},
         "properties": {"feature": "door", "clear_width": 0.9}},
        {"type": "Feature", "id": "d3", "geometry": {"type": "LineString", "coordinates": [[2 * third, 3.0], [2 * third, 4.0]]},
         "properties": {"feature": "door", "clear_width": 0.9}},
        {"type": "Feature", "id": "w1", "geometry": {"type": "LineString", "coordinates": [[third + 1, 8], [third + 2, 8]]},
         "properties": {"feature": "window", "view": "green"}},
    ]
    return json.dumps({"type": "FeatureCollection", "name": name, "units": "m", "features": features})
