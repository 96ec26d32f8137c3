"""Aggregation of kiosk feedback for the results pages (pandas).

Small groups are suppressed: any breakdown with fewer than MIN_GROUP responses
gets ``suppressed=True``, ``note="too few answers"`` and no figures (NaN), so
a single citizen's answers cannot be read off a small group. Only approved
free text ever appears here.

Suggested criterion weights (a documented mapping): each 'calmer' item stands
for a scoring criterion (ITEM_CRITERIA). A criterion's suggested weight is
``1 + 2 * share / top_share`` (rounded to 0.1), where ``share`` is the share of
responses choosing its item (the highest, if several items map to it) and
``top_share`` the share of the most chosen item: the most wanted criterion
weighs 3, one nobody chose weighs 1. With fewer than MIN_GROUP responses, or
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
from .calmer import list_calmer_items
from .db import read_tx

__all__ = ["MIN_GROUP", "TOO_FEW", "ITEM_CRITERIA", "feedback_frame", "summary_by_option", "summary_by_kiosk",
           "item_shares", "ratings_over_time", "pins", "pin_density", "suggested_weights", "weight_suggestions",
           "approved_texts", "PIN_BANDWIDTH_M"]

MIN_GROUP = 5
TOO_FEW = "too few answers"
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


def _summarise(frame: pd.DataFrame, keys: list[str], groups: pd.DataFrame) -> pd.DataFrame:
    """n, mean rating, share of 4-5 and counts per face for each group in ``groups``; suppressed below MIN_GROUP."""
    out = []
    for group in groups.to_dict("records"):
        mask = np.ones(len(frame), dtype=bool)
        for key in keys:
            mask &= (frame[key].isna() if group[key] is None or (isinstance(group[key], float) and math.isnan(group[key]))
                     else frame[key] == group[key]).to_numpy()
        ratings = frame.loc[mask, "rating"].astype(float)
        n = int(ratings.size)
        row = dict(group, n=n, suppressed=n < MIN_GROUP, note=TOO_FEW if n < MIN_GROUP else "",
                   mean_rating=math.nan, share_positive=math.nan, **{f"rating_{v}": math.nan for v in range(1, 6)})
        if n >= MIN_GROUP:
            row.update(mean_rating=round(float(ratings.mean()), 2), share_positive=round(float((ratings >= 4).mean()), 3),
                       **{f"rating_{v}": int((ratings == v).sum()) for v in range(1, 6)})
        out.append(row)
    columns = list(groups.columns) + ["n", "mean_rating", "share_positive"] + [f"rating_{v}" for v in range(1, 6)] \
        + ["suppressed", "note"]
    return pd.DataFrame(out, columns=columns)


def summary_by_option(engine: Engine, project_id: int) -> pd.DataFrame:
    """Per layout option (every option of the project, plus entries with no option if any)."""
    frame = feedback_frame(engine, project_id)
    with read_tx(engine) as conn:
        options = conn.execute(select(t.layout_options.c.id, t.layout_options.c.name)
                               .where(t.layout_options.c.project_id == project_id).order_by(t.layout_options.c.id)).all()
    groups = [{"option_id": o.id, "option_name": o.name} for o in options]
    if frame["option_id"].isna().any():
        groups.append({"option_id": None, "option_name": "(no plan shown)"})
    return _summarise(frame, ["option_id"], pd.DataFrame(groups, columns=["option_id", "option_name"]))


def summary_by_kiosk(engine: Engine, project_id: int) -> pd.DataFrame:
    """Per kiosk (every kiosk of the project, active or not)."""
    frame = feedback_frame(engine, project_id)
    with read_tx(engine) as conn:
        kiosks = conn.execute(select(t.kiosks.c.id, t.kiosks.c.location_label)
                              .where(t.kiosks.c.project_id == project_id).order_by(t.kiosks.c.id)).all()
    groups = pd.DataFrame([{"kiosk_id": k.id, "kiosk_label": k.location_label} for k in kiosks],
                          columns=["kiosk_id", "kiosk_label"])
    return _summarise(frame, ["kiosk_id"], groups)


def item_shares(engine: Engine, project_id: int, option_id: int | None = None) -> pd.DataFrame:
    """For each 'calmer' item: how many responses chose it and their share, most chosen first."""
    frame = feedback_frame(engine, project_id)
    if option_id is not None:
        frame = frame[frame["option_id"] == option_id]
    n = len(frame)
    labels = list_calmer_items(engine, project_id, include_inactive=True)
    rows = []
    for item in labels:
        chosen = int(frame["calmer"].map(lambda keys, key=item.key: key in keys).sum()) if n else 0
        rows.append({"key": item.key, "label_da": item.label_da, "label_en": item.label_en, "active": item.active,
                     "criterion": ITEM_CRITERIA.get(item.key), "n_responses": n,
                     "n_choosing": chosen if n >= MIN_GROUP else math.nan,
                     "share": round(chosen / n, 3) if n >= MIN_GROUP else math.nan,
                     "suppressed": n < MIN_GROUP, "note": TOO_FEW if n < MIN_GROUP else ""})
    out = pd.DataFrame(rows, columns=["key", "label_da", "label_en", "active", "criterion", "n_responses", "n_choosing",
                                      "share", "suppressed", "note"])
    out = out[out["active"] | (out["n_choosing"].fillna(0) > 0)]
    return out.sort_values(["share", "key"], ascending=[False, True], na_position="last").reset_index(drop=True)


def ratings_over_time(engine: Engine, project_id: int, freq: str = "D") -> pd.DataFrame:
    """n and mean rating per period (``freq``: 'D' day, 'W' week, 'h' hour); small periods suppressed."""
    frame = feedback_frame(engine, project_id)
    columns = ["period", "n", "mean_rating", "suppressed", "note"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    periods = pd.to_datetime(frame["hour"]).dt.to_period(freq).dt.start_time
    rows = []
    for period, ratings in frame["rating"].astype(float).groupby(periods):
        n = int(ratings.size)
        rows.append({"period": period, "n": n, "mean_rating": round(float(ratings.mean()), 2) if n >= MIN_GROUP else math.nan,
                     "suppressed": n < MIN_GROUP, "note": TOO_FEW if n < MIN_GROUP else ""})
    return pd.DataFrame(rows, columns=columns)


def pins(engine: Engine, option_id: int, category: str | None = None) -> pd.DataFrame:
    """Pins on an option's plan: x, y, category. Empty, with ``attrs['suppressed']``, below MIN_GROUP pins."""
    f = t.feedback
    query = select(f.c.pin_x, f.c.pin_y, f.c.pin_category).where(f.c.pin_option_id == option_id).order_by(f.c.id)
    if category is not None:
        query = query.where(f.c.pin_category == category)
    with read_tx(engine) as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=["x", "y", "category"])
    suppressed = len(frame) < MIN_GROUP
    if suppressed:
        frame = frame.iloc[0:0]
    frame.attrs.update(n=len(rows), suppressed=suppressed, note=TOO_FEW if suppressed else "")
    return frame


def pin_density(engine: Engine, option_id: int, plan: Plan, cell: float = 1.0, category: str | None = None,
                bandwidth: float = PIN_BANDWIDTH_M) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A Gaussian density of the pins over the plan's rooms, as flat arrays (xs, ys, values) of cell centres.

    ``values`` are pins per m² (each pin spreads over a 2-D Gaussian with sd ``bandwidth``). Suppressed
    (fewer than MIN_GROUP pins): three empty arrays, which draw_plan shows as no field.
    """
    if not cell > 0:
        raise ValueError(f"cell must be > 0 m, got {cell!r}")
    points = pins(engine, option_id, category)
    empty = np.array([], dtype=float)
    if points.attrs.get("suppressed") or not plan.rooms:
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


def weight_suggestions(engine: Engine, project_id: int) -> pd.DataFrame:
    """The mapping behind suggested_weights: item, criterion, share and suggested weight, per mapped item."""
    shares = item_shares(engine, project_id)
    shares = shares[shares["criterion"].notna()].copy()
    columns = ["key", "label_en", "criterion", "share", "weight", "suppressed", "note"]
    if shares.empty or shares["suppressed"].any():
        shares["weight"] = math.nan
        return shares.reindex(columns=columns)
    top = float(shares["share"].max())
    shares["weight"] = shares["share"].map(lambda s: round(1 + 2 * s / top, 1) if top > 0 else math.nan)
    return shares.reindex(columns=columns).reset_index(drop=True)


def suggested_weights(engine: Engine, project_id: int) -> dict[str, float]:
    """{criterion id: weight in 1..3} from what citizens said would make their visit calmer (see module doc)."""
    table = weight_suggestions(engine, project_id)
    table = table[table["weight"].notna()]
    weights: dict[str, float] = {}
    for row in table.itertuples():
        weights[row.criterion] = max(weights.get(row.criterion, 0.0), float(row.weight))
    return weights


def approved_texts(engine: Engine, project_id: int, option_id: int | None = None) -> pd.DataFrame:
    """Approved free texts with their rating, language and option (never pending or rejected text)."""
    frame = feedback_frame(engine, project_id)
    frame = frame[frame["text"].notna()]
    if option_id is not None:
        frame = frame[frame["option_id"] == option_id]
    return frame[["feedback_id", "option_name", "kiosk_label", "rating", "language", "text"]].reset_index(drop=True)
