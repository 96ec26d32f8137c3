"""The results page in AppTest: figures from the storage layer, small groups hidden, exports offered."""

from __future__ import annotations

from input_forms.aggregate import TOO_FEW, feedback_frame
from input_forms.feedback import submit_feedback
from input_forms.kiosks import register_kiosk
from input_forms.voting import close_round, current_round
from tests.app_demo import all_text, demo, demo_template, signed_in  # noqa: F401


def open_tab(at, name: str):
    at.session_state["results_tab"] = name
    at.run()
    assert not at.exception, at.exception
    return at


def test_headline_figures_match_the_stored_feedback(demo):
    at = signed_in(demo.users["facilitator"])
    frame = feedback_frame(demo.engine, demo.project.id)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kiosk answers"] == str(len(frame))
    assert metrics["Mean rating (1-5)"] == f"{frame['rating'].mean():.2f}"
    assert metrics["Texts waiting for moderation"] != "0"  # the demo leaves some pending


def test_a_kiosk_with_few_answers_shows_too_few_instead_of_figures(demo):
    kiosk = register_kiosk(demo.engine, demo.project.id, "Trappen")
    for n in range(2):
        submit_feedback(demo.engine, {"client_id": f"small-group-{n}", "kiosk_token": kiosk.token, "rating": 1},
                        min_gap_s=0)
    at = open_tab(signed_in(demo.users["facilitator"]), "Per kiosk and plan")
    table = at.dataframe[0].value
    row = table[table["Kiosk"] == "Trappen"].iloc[0]
    assert row["Answers"] == 2 and row["Note"] == TOO_FEW
    assert row[["Mean rating", "Share 4-5", "Rated 1"]].isna().all()
    big = table[table["Kiosk"] == "Reception, stueetage"].iloc[0]
    assert big["Answers"] >= 5 and big["Mean rating"] > 0


def test_every_tab_draws_without_error(demo):
    at = signed_in(demo.users["facilitator"])
    for name in ["Over time", "Calmer", "Pins on the plans", "Survey before/after", "Voting", "Comments", "Export"]:
        open_tab(at, name)
    assert at.get("download_button")


def test_pins_tab_shows_the_plan_picture_with_a_png_download(demo):
    at = open_tab(signed_in(demo.users["facilitator"]), "Pins on the plans")
    assert at.get("image")
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["PNG of this plan with its pins"]


def test_survey_tab_shows_means_with_confidence_intervals(demo):
    at = open_tab(signed_in(demo.users["facilitator"]), "Survey before/after")
    table = at.dataframe[0].value
    shown = table.dropna(subset=["Mean"])
    assert not shown.empty
    assert (shown["95 % CI low"] <= shown["Mean"]).all() and (shown["Mean"] <= shown["95 % CI high"]).all()
    assert set(table["Phase"]) == {"baseline", "after"}


def test_voting_results_appear_only_for_closed_rounds(demo):
    at = open_tab(signed_in(demo.users["facilitator"]), "Voting")
    text = all_text(at)
    assert "Results are shown when the round is closed" in text
    assert "Winner:" in text  # the demo's closed practice round
    close_round(demo.engine, current_round(demo.engine, demo.project.id).id)
    at.run()
    assert all_text(at).count("Winner:") == 2


def test_export_tab_offers_csv_and_json(demo):
    at = open_tab(signed_in(demo.users["facilitator"]), "Export")
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Feedback (CSV)", "Project results (JSON)"]
