"""The raw kiosk-feedback frame and the pin-density math; publishing goes through input_forms.publication.

Nothing here is for display: ``feedback_frame`` holds every entry (approved
text only), small groups included. Every figure a page, export or report shows
comes from ``input_forms.publication``, which decides once per project which
entries may be published at all (see its module doc).

Suggested criterion weights (a documented mapping, computed by
Publication.suggested_weights): each 'calmer' item stands for a scoring
criterion (ITEM_CRITERIA). A criterion's suggested weight is
``1 + 2 * share / top_share`` (rounded to 0.1), where ``share`` is the share of
published responses choosing its item (the highest, if several items map to
it) and ``top_share`` the share of the most chosen item: the most wanted
criterion weighs 3, one nobody chose weighs 1. With no published responses, or
none choosing any item, there is no suggestion (an empty dict).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import shapely
from sqlalchemy import Engine, select

from floorplans import Plan

from . import schema as t
from .db import read_tx

__all__ = ["MIN_GROUP", "ITEM_CRITERIA", "FRAME_COLUMNS", "feedback_frame", "pin_density", "PIN_BANDWIDTH_M"]

#: The smallest group of citizens whose answers are published (input_forms.publication).
MIN_GROUP = 5
#: 'calmer' item key -> scoring criterion id (scoring/weights.py ids).
ITEM_CRITERIA: dict[str, str] = {
    "plants": "green-exposure",
    "quiet_corner": "quiet-refuge",
    "daylight": "daylight",
    "privacy": "meeting-privacy",
    "less_waiting": "waiting-density",
    "comfortable_seats": "waiting-density",
    "clearer_signs": "wayfinding",
    "friendly_reception": "welcome",
}
PIN_BANDWIDTH_M = 1.5

FRAME_COLUMNS = ["feedback_id", "option_id", "option_name", "kiosk_id", "kiosk_label", "rating", "language", "hour",
                 "calmer", "pin_option_id", "pin_x", "pin_y", "pin_category", "text"]


def feedback_frame(engine: Engine, project_id: int) -> pd.DataFrame:
    """One row per entry (``calmer`` is a list of keys; ``text`` only when approved). Not for display as is."""
    f, k, o, c = t.feedback, t.kiosks, t.layout_options, t.feedback_calmer
    with read_tx(engine) as conn:
        rows = conn.execute(
            select(f.c.id, f.c.option_id, o.c.name, f.c.kiosk_id, k.c.location_label, f.c.rating, f.c.language,
                   f.c.created_hour, f.c.pin_option_id, f.c.pin_x, f.c.pin_y, f.c.pin_category, f.c.text, f.c.text_status)
            .select_from(f.join(k, k.c.id == f.c.kiosk_id).outerjoin(o, o.c.id == f.c.option_id))
            .where(f.c.project_id == project_id).order_by(f.c.id)).all()
        chosen = conn.execute(select(c.c.feedback_id, c.c.item_key).join(f, f.c.id == c.c.feedback_id)
                              .where(f.c.project_id == project_id)).all()
    items: dict[int, list[str]] = {}
    for row in chosen:
        items.setdefault(row.feedback_id, []).append(row.item_key)
    records = [{
        "feedback_id": r.id, "option_id": r.option_id, "option_name": r.name, "kiosk_id": r.kiosk_id,
        "kiosk_label": r.location_label, "rating": r.rating, "language": r.language, "hour": r.created_hour,
        "calmer": sorted(items.get(r.id, [])), "pin_option_id": r.pin_option_id, "pin_x": r.pin_x, "pin_y": r.pin_y,
        "pin_category": r.pin_category, "text": r.text if r.text_status == "approved" else None,
    } for r in rows]
    frame = pd.DataFrame(records, columns=FRAME_COLUMNS)
    frame["rating"] = frame["rating"].astype("Int64")
    return frame


def pin_density(points: pd.DataFrame, plan: Plan, cell: float = 1.0,
                bandwidth: float = PIN_BANDWIDTH_M) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A Gaussian density of the pins over the plan's rooms, as flat arrays (xs, ys, values) of cell centres.

    ``values`` are pins per m² (each pin spreads over a 2-D Gaussian with sd ``bandwidth``). ``points`` are
    published pins (input_forms.publication.Publication.pins); hidden ones (``attrs['suppressed']``) or none
    give three empty arrays, which draw_plan shows as no field.
    """
    if not cell > 0:
        raise ValueError(f"cell must be > 0 m, got {cell!r}")
    empty = np.array([], dtype=float)
    if points.attrs.get("suppressed") or points.empty or not plan.rooms:
        return empty, empty, empty
    floor = shapely.union_all([room.geometry for room in plan.rooms])
    x0, y0, x1, y1 = floor.bounds
    gx, gy = np.meshgrid(np.arange(x0 + cell / 2, x1, cell), np.arange(y0 + cell / 2, y1, cell))
    xs, ys = gx.ravel(), gy.ravel()
    inside = shapely.contains_xy(floor, xs, ys)
    xs, ys = xs[inside], ys[inside]
    px, py = points["x"].to_numpy(float), points["y"].to_numpy(float)
    d2 = (xs[:, None] - px[None, :]) ** 2 + (ys[:, None] - py[None, :]) ** 2
    values = np.exp(-d2 / (2 * bandwidth**2)).sum(axis=1) / (2 * math.pi * bandwidth**2)
    return xs, ys, values


