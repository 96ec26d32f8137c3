"""The one way citizen numbers leave the database: every page, export and report goes through here.

Why a layer: hiding small groups table by table is not enough. With 10 entries
from kiosk A and one from kiosk B on the same option, the per-option counts
minus kiosk A's counts give kiosk B's citizen's exact rating; a total minus the
visible groups gives the hidden group's n; an export of single entries minus a
summary does the same. So suppression here is decided once per project, over
every table that is published for it, at the level of entries:

* The dimensions published are the option shown (or "no plan shown"), the
  kiosk, the language (the kiosk's languages; any other code counts as
  "other") and the period (the ISO week the entry arrived in).
* An entry is *published* only while every cell it falls in, in every
  dimension, holds at least ``min_group`` published entries. Entries in
  smaller cells are taken out, which can shrink other cells below the
  threshold, so this repeats until nothing changes (the largest set of
  entries whose every cell has 0 or at least ``min_group`` entries; it is
  unique, so the order of removal does not matter).
* Every published figure - the totals, per option, per kiosk, per language,
  per week, the 'calmer' items, the pins, the approved texts and the exported
  rows - is computed from the published entries only. A hidden cell therefore
  contributes nothing to any published figure: no sum or difference of
  published figures, in one table or across tables, says anything about the
  entries in it. Published totals are the totals of the published entries.
* A hidden cell is shown as "hidden (fewer than N)" with no count at all
  (not its n, not 0): a cell with 0 entries and one with 4 look the same.
  Kiosks and options are always listed; languages are the kiosk's list plus
  "other" when published; weeks run from the first to the last published week.

Within a published cell the answers themselves are shown (how many chose
each face of the rating, each item; the pins; approved texts): those are what
the group said, not who said it. The one exception is the pin categories of a
plan, counted separately: a category below ``min_group`` is hidden together
with the next smallest one, so the plan's pin count minus the visible
categories does not give it.

``publish_frame`` is the pure core (tests drive it with generated projects);
``publish`` reads a project from the database. ``display_table`` turns a table
into text for people, with the hidden words in every figure of a hidden row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from . import schema as t
from .aggregate import ITEM_CRITERIA, MIN_GROUP, feedback_frame
from .calmer import list_calmer_items
from .db import read_tx
from .models import CalmerItem

__all__ = ["MIN_GROUP", "LANGUAGES", "NO_PLAN", "OTHER_LANGUAGE", "Publication", "publish", "publish_frame",
           "hidden_text", "display_table", "SUMMARY_COLUMNS", "RATING_COLUMNS", "csv_safe"]

#: The kiosk's languages (input_forms.feedback.LANGUAGES); any other code is published as OTHER_LANGUAGE.
LANGUAGES: tuple[str, ...] = ("da", "en", "ar", "uk", "so", "tr", "fa", "pl", "ur", "ti")
OTHER_LANGUAGE = "other"
NO_PLAN = "(no plan shown)"
NO_PLAN_KEY = -1
RATING_COLUMNS = [f"rating_{v}" for v in range(1, 6)]
SUMMARY_COLUMNS = ["n", "mean_rating", "share_positive", *RATING_COLUMNS, "suppressed", "note"]
PIN_CATEGORIES = ("calm", "stressful", "idea")
_HIDDEN = {"en": "hidden (fewer than {k})", "da": "skjult (færre end {k})"}
#: the dimensions an entry must be publishable in (frame column -> name)
_DIMENSIONS = ("option_key", "kiosk_id", "language_key", "week")


def hidden_text(min_group: int = MIN_GROUP, lang: str = "en") -> str:
    """What a hidden cell reads: 'hidden (fewer than 5)' / 'skjult (færre end 5)'."""
    return _HIDDEN.get(lang, _HIDDEN["en"]).format(k=min_group)


def csv_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: text starting with = + - @ (or tab/CR) gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _week(hours: pd.Series) -> pd.Series:
    """The Monday (00:00) of each entry's ISO week."""
    stamps = pd.to_datetime(hours)
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_convert("UTC").dt.tz_localize(None)
    return stamps.dt.to_period("W-SUN").dt.start_time


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["option_key"] = out["option_id"].map(lambda v: NO_PLAN_KEY if _missing(v) else int(v))
    out["language_key"] = out["language"].map(lambda v: v if v in LANGUAGES else OTHER_LANGUAGE)
    out["week"] = _week(out["hour"]) if len(out) else pd.Series([], dtype="datetime64[ns]")
    return out


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def published_mask(frame: pd.DataFrame, min_group: int) -> np.ndarray:
    """Which entries are published: the largest set whose every cell (in every dimension) has 0 or >= min_group."""
    keep = np.ones(len(frame), dtype=bool)
    while True:
        changed = False
        for dim in _DIMENSIONS:
            if not keep.any():
                return keep
            counts = frame.loc[keep, dim].map(frame.loc[keep, dim].value_counts())
            small = counts.index[counts.to_numpy() < min_group]
            if len(small):
                keep[frame.index.get_indexer(small)] = False
                changed = True
        if not changed:
            return keep


def _figures(ratings: list[int]) -> dict[str, Any]:
    n = len(ratings)
    return {"n": n, "mean_rating": round(sum(ratings) / n, 2), "share_positive": round(sum(r >= 4 for r in ratings) / n, 3),
            **{f"rating_{v}": sum(r == v for r in ratings) for v in range(1, 6)}}


def _hidden_figures(note: str) -> dict[str, Any]:
    return {"n": pd.NA, "mean_rating": math.nan, "share_positive": math.nan, **{c: pd.NA for c in RATING_COLUMNS},
            "suppressed": True, "note": note}


def _summary(entries: pd.DataFrame, dim: str, groups: list[dict], min_group: int) -> pd.DataFrame:
    """One row per group (``groups`` carry the key under ``dim``); figures from the published entries only."""
    note = hidden_text(min_group)
    by_key: dict[Any, list[int]] = {}
    for key, rating in zip(entries[dim].tolist(), entries["rating"].tolist(), strict=True):
        by_key.setdefault(key, []).append(int(rating))
    rows = []
    for group in groups:
        ratings = by_key.get(group[dim], [])
        if len(ratings) >= min_group:
            rows.append({**group, **_figures(ratings), "suppressed": False, "note": ""})
        else:
            rows.append({**group, **_hidden_figures(note)})
    keys = list(groups[0]) if groups else [dim]
    out = pd.DataFrame(rows, columns=keys + SUMMARY_COLUMNS)
    for column in ["n", *RATING_COLUMNS]:
        out[column] = out[column].astype("Int64")
    out["suppressed"] = out["suppressed"].astype(bool)
    return out


@dataclass(frozen=True)
class Publication:
    """Everything publishable about one project's kiosk feedback (see the module doc)."""

    project_id: int
    min_group: int
    entries: pd.DataFrame  # the published entries (feedback_frame columns + option_key, language_key, week)
    options: list[tuple[int, str]]
    kiosks: list[tuple[int, str]]
    items: list[CalmerItem]
    totals: pd.DataFrame = field(repr=False)
    by_option: pd.DataFrame = field(repr=False)
    by_kiosk: pd.DataFrame = field(repr=False)
    by_language: pd.DataFrame = field(repr=False)
    by_period: pd.DataFrame = field(repr=False)

    @property
    def hidden(self) -> str:
        return hidden_text(self.min_group)

    def display(self, table: pd.DataFrame, columns: dict[str, str], lang: str = "en",
                percent: tuple[str, ...] = ()) -> pd.DataFrame:
        """``display_table`` with this publication's threshold."""
        return display_table(table, columns, self.min_group, lang, percent)

    @property
    def n_published(self) -> int:
        return len(self.entries)

    def item_shares(self, option_id: int | None = None) -> pd.DataFrame:
        """For each 'calmer' item: how many published answers chose it and their share, most chosen first."""
        entries = self.entries if option_id is None else self.entries[self.entries["option_key"] == option_id]
        n = len(entries)
        shown = n >= self.min_group
        chosen_lists = entries["calmer"].tolist()
        rows = []
        for item in self.items:
            chosen = sum(item.key in keys for keys in chosen_lists)
            rows.append({"key": item.key, "label_da": item.label_da, "label_en": item.label_en, "active": item.active,
                         "criterion": ITEM_CRITERIA.get(item.key), "n_responses": n if shown else pd.NA,
                         "n_choosing": chosen if shown else pd.NA,
                         "share": round(chosen / n, 3) if shown else math.nan,
                         "suppressed": not shown, "note": "" if shown else self.hidden})
        out = pd.DataFrame(rows, columns=["key", "label_da", "label_en", "active", "criterion", "n_responses",
                                          "n_choosing", "share", "suppressed", "note"])
        out["n_responses"] = out["n_responses"].astype("Int64")
        out["n_choosing"] = out["n_choosing"].astype("Int64")
        out = out[out["active"] | (out["n_choosing"].fillna(0) > 0)]
        return out.sort_values(["share", "key"], ascending=[False, True], na_position="last").reset_index(drop=True)

    def weight_suggestions(self) -> pd.DataFrame:
        """Item, criterion, share and suggested weight (1 + 2 * share / top share), per mapped item."""
        shares = self.item_shares()
        shares = shares[shares["criterion"].notna()].copy()
        columns = ["key", "label_en", "criterion", "share", "weight", "suppressed", "note"]
        if shares.empty or shares["suppressed"].any():
            shares["weight"] = math.nan
            return shares.reindex(columns=columns)
        top = float(shares["share"].max())
        shares["weight"] = shares["share"].map(lambda s: round(1 + 2 * s / top, 1) if top > 0 else math.nan)
        return shares.reindex(columns=columns).reset_index(drop=True)

    def suggested_weights(self) -> dict[str, float]:
        """{criterion id: weight in 1..3} from the published answers (empty when they are hidden)."""
        table = self.weight_suggestions()
        table = table[table["weight"].notna()]
        weights: dict[str, float] = {}
        for row in table.itertuples():
            weights[row.criterion] = max(weights.get(row.criterion, 0.0), float(row.weight))
        return weights

    def pins(self, option_id: int, category: str | None = None) -> pd.DataFrame:
        """Published pins on an option's plan (x, y, category); empty with ``attrs['suppressed']`` when hidden.

        The whole plan's pins are hidden below ``min_group``; a category is hidden below ``min_group`` and,
        when exactly one is, the next smallest with it (``category_counts``). ``attrs['n']`` is the count
        when shown and None when hidden.
        """
        on_plan = self.entries[self.entries["pin_option_id"] == option_id]
        frame = pd.DataFrame({"x": on_plan["pin_x"].astype(float), "y": on_plan["pin_y"].astype(float),
                              "category": on_plan["pin_category"]}).reset_index(drop=True)
        hidden = len(frame) < self.min_group
        if not hidden and category is not None:
            hidden = self.category_counts(option_id).get(category) is None
            frame = frame[frame["category"] == category].reset_index(drop=True)
        if hidden:
            frame = frame.iloc[0:0]
        frame.attrs.update(n=None if hidden else len(frame), suppressed=hidden, note=self.hidden if hidden else "")
        return frame

    def category_counts(self, option_id: int) -> dict[str, int | None]:
        """Published pins per category on a plan ({} when the plan's pins are hidden; None for a hidden category)."""
        categories = self.entries.loc[self.entries["pin_option_id"] == option_id, "pin_category"].tolist()
        if len(categories) < self.min_group:
            return {}
        counts = {c: categories.count(c) for c in PIN_CATEGORIES}
        return _complementary(counts, self.min_group)

    def approved_texts(self, option_id: int | None = None) -> pd.DataFrame:
        """Approved free texts of published entries, with rating, language, kiosk and option."""
        frame = self.entries[self.entries["text"].notna()]
        if option_id is not None:
            frame = frame[frame["option_key"] == option_id]
        out = frame[["feedback_id", "option_name", "kiosk_label", "rating", "language_key", "text"]] \
            .rename(columns={"language_key": "language"}).reset_index(drop=True)  # a rare code reads 'other' as in the tables
        out["option_name"] = out["option_name"].map(lambda v: NO_PLAN if _missing(v) else v)
        return out

    def rows(self) -> list[dict]:
        """The published entries one by one, for export: week (not day or hour), approved text only.

        A pin is left out where its plan's pins are hidden, and its category where that category is.
        """
        pins_shown = {o: self.category_counts(o) for o in set(self.entries["pin_option_id"].dropna().astype(int))}
        rows = []
        for r in self.entries.itertuples():
            counts = pins_shown.get(int(r.pin_option_id), {}) if not _missing(r.pin_option_id) else {}
            pin = bool(counts)
            category = "" if _missing(r.pin_category) or counts.get(r.pin_category) is None else r.pin_category
            rows.append({"option": NO_PLAN if _missing(r.option_name) else r.option_name, "kiosk": r.kiosk_label,
                         "week": r.week.date().isoformat(), "language": r.language_key, "rating": int(r.rating),
                         "calmer": ";".join(r.calmer),
                         "pin_x": round(float(r.pin_x), 2) if pin and not _missing(r.pin_x) else None,
                         "pin_y": round(float(r.pin_y), 2) if pin and not _missing(r.pin_y) else None,
                         "pin_category": category if pin else "",
                         "text": "" if _missing(r.text) else r.text})
        return rows


def _complementary(counts: dict[str, int], min_group: int) -> dict[str, int | None]:
    """Parts of a published whole: those below min_group hidden, and if only one is, the next smallest too."""
    hidden = {k for k, v in counts.items() if v < min_group}
    if len(hidden) == 1 and len(counts) > 1:
        rest = sorted((v, k) for k, v in counts.items() if k not in hidden)
        hidden.add(rest[0][1])
    return {k: None if k in hidden else v for k, v in counts.items()}


def publish_frame(frame: pd.DataFrame, options: list[tuple[int, str]], kiosks: list[tuple[int, str]],
                  items: list[CalmerItem], project_id: int = 0, min_group: int = MIN_GROUP) -> Publication:
    """The publication of entries ``frame`` (aggregate.feedback_frame columns) of a project (pure; see module doc)."""
    if min_group < 1:
        raise ValueError(f"min_group must be at least 1, got {min_group!r}")
    prepared = _prepare(frame.reset_index(drop=True))
    entries = prepared[published_mask(prepared, min_group)].reset_index(drop=True)
    option_groups = [{"option_key": o, "option_id": o, "option_name": name} for o, name in options]
    if (entries["option_key"] == NO_PLAN_KEY).any():
        option_groups.append({"option_key": NO_PLAN_KEY, "option_id": None, "option_name": NO_PLAN})
    by_option = _summary(entries, "option_key", option_groups, min_group).drop(columns="option_key")
    by_kiosk = _summary(entries, "kiosk_id", [{"kiosk_id": k, "kiosk_label": label} for k, label in kiosks], min_group)
    languages = list(LANGUAGES) + ([OTHER_LANGUAGE] if (entries["language_key"] == OTHER_LANGUAGE).any() else [])
    by_language = _summary(entries, "language_key", [{"language_key": code} for code in languages], min_group) \
        .rename(columns={"language_key": "language"})
    weeks = pd.date_range(entries["week"].min(), entries["week"].max(), freq="7D") if len(entries) else []
    by_period = _summary(entries, "week", [{"week": w} for w in weeks], min_group).rename(columns={"week": "period"})
    entries = entries.assign(everyone=0)
    totals = _summary(entries, "everyone", [{"everyone": 0}], min_group).drop(columns="everyone")
    entries = entries.drop(columns="everyone")
    return Publication(project_id=project_id, min_group=min_group, entries=entries, options=list(options),
                       kiosks=list(kiosks), items=list(items), totals=totals, by_option=by_option, by_kiosk=by_kiosk,
                       by_language=by_language, by_period=by_period)


def publish(engine: Engine, project_id: int, min_group: int = MIN_GROUP) -> Publication:
    """The publication of a project's kiosk feedback, read from the database in one go."""
    frame = feedback_frame(engine, project_id)
    with read_tx(engine) as conn:
        options = [(r.id, r.name) for r in conn.execute(
            select(t.layout_options.c.id, t.layout_options.c.name)
            .where(t.layout_options.c.project_id == project_id).order_by(t.layout_options.c.id))]
        kiosks = [(r.id, r.location_label) for r in conn.execute(
            select(t.kiosks.c.id, t.kiosks.c.location_label)
            .where(t.kiosks.c.project_id == project_id).order_by(t.kiosks.c.id))]
    items = list_calmer_items(engine, project_id, include_inactive=True)
    return publish_frame(frame, options, kiosks, items, project_id=project_id, min_group=min_group)


def display_table(table: pd.DataFrame, columns: dict[str, str], min_group: int = MIN_GROUP, lang: str = "en",
                  percent: tuple[str, ...] = ()) -> pd.DataFrame:
    """The named columns renamed for people, as text: every figure of a hidden row reads 'hidden (fewer than N)'.

    Text columns (labels, citizen text) stay as they are; numbers are written plainly (``percent`` columns as %).
    """
    hidden = hidden_text(min_group, lang)
    figures = set(SUMMARY_COLUMNS) | {"n_responses", "n_choosing", "share", "weight", "mean", "ci_low", "ci_high"}
    rows = []
    suppressed = table["suppressed"] if "suppressed" in table else pd.Series(False, index=table.index)
    for (_, row), hide in zip(table.iterrows(), suppressed, strict=True):
        out = {}
        for column, title in columns.items():
            value = row[column]
            if column == "note":
                out[title] = hidden if hide else ""
            elif column in figures and column != "suppressed" and (hide or _missing(value)):
                out[title] = hidden if hide else ""
            elif column in percent:
                out[title] = f"{float(value):.0%}"
            elif column in ("mean_rating", "mean", "ci_low", "ci_high", "weight"):
                out[title] = f"{float(value):.2f}"
            elif column in figures:
                out[title] = str(int(value)) if float(value).is_integer() else f"{float(value):g}"
            elif isinstance(value, pd.Timestamp):
                out[title] = value.date().isoformat()
            else:
                out[title] = "" if _missing(value) else str(value)
        rows.append(out)
    return pd.DataFrame(rows, columns=list(columns.values()))



def survey_table(engine: Engine, survey_id: int, min_group: int = MIN_GROUP) -> pd.DataFrame:
    """A survey's results per item and phase (surveys.survey_results) with no count shown for a hidden cell."""
    from .surveys import survey_results

    table = survey_results(engine, survey_id)
    hidden = table["suppressed"].astype(bool)
    table["n"] = table["n"].astype("Int64").mask(hidden, pd.NA)
    table["note"] = ["" if not h else hidden_text(min_group) for h in hidden]
    return table
