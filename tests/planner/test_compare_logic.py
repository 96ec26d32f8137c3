from planner.compare.logic import BEST_MARK, criteria_table, overall_frame


def scores(calm, access, door):
    return {"calmness": calm, "accessibility": access,
            "criteria": [{"id": "door-clear-width", "area": "accessibility", "title": "Door width", "score": door,
                          "passed": door == 1.0, "detail": ""}]}


def test_best_value_is_marked_per_row():
    table = criteria_table({"A": scores(40, 80, 1.0), "B": scores(60, 70, 1.0)})
    assert list(table.index) == ["calmness", "accessibility", "door-clear-width"]
    assert table.loc["calmness", "B"] == f"60 {BEST_MARK}" and table.loc["calmness", "A"] == "40"
    assert table.loc["calmness", "best"] == "B"
    assert table.loc["accessibility", "best"] == "A"
    assert table.loc["door-clear-width", "best"] == "all equal"
    assert BEST_MARK not in table.loc["door-clear-width", "A"]


def test_ties_for_first_mark_both_and_missing_criteria_show_a_dash():
    s3 = {"calmness": 50, "accessibility": 10, "criteria": []}
    table = criteria_table({"A": scores(60, 80, 0.5), "B": scores(60, 70, 0.9), "C": s3})
    assert table.loc["calmness", "best"] == "A, B"
    assert table.loc["door-clear-width", "C"] == "—"
    assert table.loc["door-clear-width", "best"] == "B"


def test_overall_frame():
    frame = overall_frame({"A": scores(40, 80, 1.0)})
    assert frame.to_dict("records") == [{"option": "A", "figure": "calmness", "value": 40.0},
                                        {"option": "A", "figure": "accessibility", "value": 80.0}]


def test_a_not_applicable_criterion_shows_a_dash_and_cannot_lead():
    na = scores(60, 70, 0.0)
    na["criteria"][0]["applicable"] = False  # e.g. an option without doors to judge
    table = criteria_table({"A": scores(60, 80, 0.5), "B": na})
    assert table.loc["door-clear-width", "B"] == "—"
    assert table.loc["door-clear-width", "best"] == "A"
