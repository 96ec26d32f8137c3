"""Staff comments on layout options: storage, privacy of authors, answers, versions, counts (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from floorplans import dumps_plan
from floorplans.samples import load_sample
from input_forms import comments, export, projects, pseudonym, users
from input_forms import schema as t
from input_forms.errors import Forbidden, NotFound, ValidationFailed
from input_forms.scrub import CPR_MARKER, EMAIL_MARKER, PHONE_MARKER


@pytest.fixture(autouse=True)
def _fast_bcrypt(monkeypatch):
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def world(engine):
    project = projects.create_project(engine, "Jobcenter comments")
    baseline = projects.add_option(engine, project.id, "Baseline", dumps_plan(load_sample("baseline")))
    option_a = projects.add_option(engine, project.id, "Option A", dumps_plan(load_sample("option_a")))
    people = {
        "aisha": users.create_user(engine, "aisha", "pw-a-long-enough-one", "staff", display_name="Aisha Nielsen",
                                   staff_title="caseworker"),
        "lars": users.create_user(engine, "lars", "pw-b-long-enough-one", "staff", display_name="Lars Berg", staff_title="reception"),
        "notitle": users.create_user(engine, "notitle", "pw-c-long-enough-one", "staff", display_name="No Title"),
        "jonas": users.create_user(engine, "jonas", "pw-d-long-enough-one", "designer", display_name="Jonas"),
    }
    return engine, project, baseline, option_a, people


def _room(option, kind: str):
    return option.plan().rooms_of_kind(kind)[0]


def test_pin_comment_is_stored_under_the_role_and_without_the_name(world):
    engine, project, baseline, _, people = world
    waiting = _room(baseline, "waiting").geometry.representative_point()
    made = comments.add_comment(engine, people["aisha"], {
        "option_id": baseline.id, "category": "problem", "x": waiting.x, "y": waiting.y,
        "text": "Samtaler kan høres fra venteområdet"})
    assert made.shown_as == "caseworker" and made.author_name is None and made.mine
    assert made.option_version == 1 and made.status == "open"
    assert (made.x, made.y) == (round(waiting.x, 2), round(waiting.y, 2))
    with engine.connect() as conn:
        row = conn.execute(select(t.staff_comments)).one()
    stored = " ".join(str(v) for v in row._mapping.values())
    for secret in ("aisha", "Aisha", "Nielsen"):
        assert secret not in stored
    assert row.author_name is None and not any("user" in column for column in row._mapping)
    assert row.author_ref == pseudonym.author_ref(people["aisha"].id, engine)  # a keyed hash, not the account id
    # others see the same comment under the role, not as theirs
    seen = comments.list_comments(engine, option_id=baseline.id, viewer=people["lars"])
    assert [(c.shown_as, c.mine) for c in seen] == [("caseworker", False)]


def test_name_is_stored_and_shown_only_when_the_author_chooses(world):
    engine, _, baseline, _, people = world
    room = _room(baseline, "reception")
    made = comments.add_comment(engine, people["lars"], {"option_id": baseline.id, "category": "idea",
                                                         "feature_id": room.id, "text": "Lavere skranke",
                                                         "show_name": True})
    assert made.author_name == "Lars Berg" and made.shown_as == "Lars Berg (reception)"
    untitled = comments.add_comment(engine, people["notitle"], {"option_id": baseline.id, "category": "question",
                                                                "feature_id": room.id, "text": "Hvor er køen?"})
    assert untitled.shown_as == "staff"  # no staff title: the account's role stands in


def test_a_room_comment_gets_a_pin_inside_that_room(world):
    engine, _, baseline, _, people = world
    room = _room(baseline, "meeting_room")
    made = comments.add_comment(engine, people["aisha"], {"option_id": baseline.id, "category": "problem",
                                                          "feature_id": room.id, "text": "For lyst til samtaler"})
    from shapely.geometry import Point

    assert made.feature_id == room.id and room.geometry.contains(Point(made.x, made.y))


@pytest.mark.parametrize("entry, message", [
    ({"category": "problem", "x": 1.0, "y": 2.0, "text": ""}, "text"),
    ({"category": "problem", "x": 1.0, "y": 2.0, "text": "x" * 1001}, "1000"),
    ({"category": "complaint", "x": 1.0, "y": 2.0, "text": "hm"}, "category"),
    ({"category": "idea", "text": "nowhere"}, "say where"),
    ({"category": "idea", "x": 1.0, "text": "half a pin"}, "both x and y"),
    ({"category": "idea", "x": float("nan"), "y": 1.0, "text": "nan"}, "x"),
    ({"category": "idea", "x": 900.0, "y": 900.0, "text": "far away"}, "outside the plan"),
    ({"category": "idea", "feature_id": "no-such-room", "text": "ghost"}, "'no-such-room' is not a feature"),
])
def test_bad_comments_are_refused_by_name_and_store_nothing(world, entry, message):
    engine, _, baseline, _, people = world
    with pytest.raises(ValidationFailed, match=message):
        comments.add_comment(engine, people["aisha"], {"option_id": baseline.id, **entry})
    assert comments.list_comments(engine, option_id=baseline.id) == []


def test_unknown_option_and_inactive_author_are_refused(world):
    engine, _, baseline, _, people = world
    with pytest.raises(NotFound, match="no layout option with id 999"):
        comments.add_comment(engine, people["aisha"], {"option_id": 999, "category": "idea", "x": 1, "y": 1,
                                                       "text": "hm"})
    users.deactivate_user(engine, people["lars"].id)
    with pytest.raises(Forbidden, match="not active"):
        comments.add_comment(engine, people["lars"], {"option_id": baseline.id, "category": "idea",
                                                      "feature_id": _room(baseline, "waiting").id, "text": "hm"})


def test_text_is_scrubbed_like_citizens_text(world):
    engine, _, baseline, _, people = world
    made = comments.add_comment(engine, people["aisha"], {
        "option_id": baseline.id, "category": "problem", "feature_id": _room(baseline, "waiting").id,
        "text": "Borger 010190-1234 ringede fra 12 34 56 78, skriv til a.b@kommune.dk"})
    assert CPR_MARKER in made.text and PHONE_MARKER in made.text and EMAIL_MARKER in made.text
    assert "1234" not in made.text and "kommune.dk" not in made.text


def test_designer_answers_taken_and_declined_with_a_reason_staff_cannot(world):
    engine, _, baseline, _, people = world
    room = _room(baseline, "waiting").id
    first = comments.add_comment(engine, people["aisha"], {"option_id": baseline.id, "category": "problem",
                                                           "feature_id": room, "text": "Too loud"})
    second = comments.add_comment(engine, people["lars"], {"option_id": baseline.id, "category": "idea",
                                                           "feature_id": room, "text": "A fish tank"})
    with pytest.raises(Forbidden, match="only a designer or facilitator"):
        comments.answer_comment(engine, first.id, people["lars"], "taken")
    with pytest.raises(ValidationFailed, match="say why"):
        comments.answer_comment(engine, second.id, people["jonas"], "declined", "  ")
    with pytest.raises(ValidationFailed, match="status 'done'"):
        comments.answer_comment(engine, second.id, people["jonas"], "done")
    taken = comments.answer_comment(engine, first.id, people["jonas"], "taken")
    declined = comments.answer_comment(engine, second.id, people["jonas"], "declined",
                                       "Fire rules: no water features in the escape route")
    assert (taken.status, taken.answered_version) == ("taken", 1)
    assert declined.status == "declined" and declined.reason.startswith("Fire rules")
    reopened = comments.answer_comment(engine, second.id, people["jonas"], "open")
    assert (reopened.status, reopened.reason, reopened.answered_version) == ("open", "", None)


def test_filters_by_category_status_and_author(world):
    engine, project, baseline, option_a, people = world
    made = [comments.add_comment(engine, people[who], {"option_id": opt.id, "category": cat, "text": f"{who} {cat}",
                                                       "feature_id": _room(opt, "waiting").id})
            for who, cat, opt in [("aisha", "problem", baseline), ("lars", "idea", baseline),
                                  ("aisha", "question", option_a)]]
    comments.answer_comment(engine, made[1].id, people["jonas"], "taken")
    assert [c.text for c in comments.list_comments(engine, option_id=baseline.id, categories=["idea"])] == ["lars idea"]
    assert [c.text for c in comments.list_comments(engine, project_id=project.id, statuses="open")] == [
        "aisha problem", "aisha question"]
    mine = comments.list_comments(engine, project_id=project.id, viewer=people["aisha"], mine_only=True)
    assert [c.text for c in mine] == ["aisha problem", "aisha question"] and all(c.mine for c in mine)
    with pytest.raises(ValidationFailed, match="status 'closed'"):
        comments.list_comments(engine, project_id=project.id, statuses=["closed"])


def test_a_comment_survives_a_new_version_and_shows_the_version_it_was_made_on(world):
    engine, _, baseline, _, people = world
    made = comments.add_comment(engine, people["aisha"], {"option_id": baseline.id, "category": "problem",
                                                          "feature_id": _room(baseline, "waiting").id,
                                                          "text": "No quiet corner"})
    projects.update_option(engine, baseline.id, dumps_plan(load_sample("option_b")), author="jonas",
                           notes="quiet corner added")
    assert projects.get_option(engine, baseline.id).version == 2
    kept = comments.list_comments(engine, option_id=baseline.id)
    assert [(c.id, c.option_version, c.status) for c in kept] == [(made.id, 1, "open")]
    answered = comments.answer_comment(engine, made.id, people["jonas"], "taken")
    assert answered.answered_version == 2
    later = comments.add_comment(engine, people["lars"], {"option_id": baseline.id, "category": "idea",
                                                          "feature_id": _room(baseline, "waiting").id, "text": "ok"})
    assert later.option_version == 2


def test_author_withdraws_an_open_comment_but_not_an_answered_or_foreign_one(world):
    engine, _, baseline, _, people = world
    room = _room(baseline, "waiting").id
    own = comments.add_comment(engine, people["aisha"], {"option_id": baseline.id, "category": "idea",
                                                         "feature_id": room, "text": "mine"})
    answered = comments.add_comment(engine, people["aisha"], {"option_id": baseline.id, "category": "idea",
                                                              "feature_id": room, "text": "answered"})
    comments.answer_comment(engine, answered.id, people["jonas"], "taken")
    with pytest.raises(Forbidden, match="only its author"):
        comments.withdraw_comment(engine, own.id, people["lars"])
    with pytest.raises(Forbidden, match="stays on record"):
        comments.withdraw_comment(engine, answered.id, people["aisha"])
    comments.withdraw_comment(engine, own.id, people["aisha"])
    assert [c.text for c in comments.list_comments(engine, option_id=baseline.id)] == ["answered"]


def test_counts_per_option_and_category_with_taken_and_declined_shares(world):
    engine, project, baseline, option_a, people = world
    assert comments.comment_counts(engine, project.id).empty
    plan = [("problem", "taken"), ("problem", "declined"), ("problem", "open"), ("idea", "taken")]
    for category, status in plan:
        made = comments.add_comment(engine, people["aisha"], {"option_id": baseline.id, "category": category,
                                                              "feature_id": _room(baseline, "waiting").id, "text": "x"})
        if status != "open":
            comments.answer_comment(engine, made.id, people["jonas"], status, "not possible" if status == "declined" else "")
    comments.add_comment(engine, people["lars"], {"option_id": option_a.id, "category": "question",
                                                  "feature_id": _room(option_a, "waiting").id, "text": "y"})
    counts = comments.comment_counts(engine, project.id)
    rows = {(r.option, r.category): (r.n, r.open, r.taken, r.declined, r.taken_share, r.declined_share)
            for r in counts.itertuples()}
    assert rows[("Baseline", "problem")] == (3, 1, 1, 1, 0.333, 0.333)
    assert rows[("Baseline", "idea")] == (1, 0, 1, 0, 1.0, 0.0)
    assert rows[("Baseline", "all")] == (4, 1, 2, 1, 0.5, 0.25)
    assert rows[("Option A", "question")] == (1, 1, 0, 0, 0.0, 0.0)
    assert ("Baseline", "question") not in rows
    declined = comments.declined_comments(engine, project.id)
    assert [(c.reason, c.shown_as) for c in declined] == [("not possible", "caseworker")]


def test_export_shows_roles_not_pseudonyms_and_backup_restores_comments(world):
    engine, project, baseline, _, people = world
    room = _room(baseline, "waiting").id
    first = comments.add_comment(engine, people["aisha"], {"option_id": baseline.id, "category": "problem",
                                                           "feature_id": room, "text": "Too loud"})
    comments.add_comment(engine, people["lars"], {"option_id": baseline.id, "category": "idea", "feature_id": room,
                                                  "text": "Plants", "show_name": True})
    comments.answer_comment(engine, first.id, people["jonas"], "declined", "Budget")
    published = export.export_project_json(engine, project.id)
    text = json.dumps(published)
    assert [c["by"] for c in published["staff_comments"]] == ["caseworker", "Lars Berg (reception)"]
    assert "Aisha" not in text and pseudonym.author_ref(people["aisha"].id, engine) not in text
    assert {r["category"]: r["n"] for r in published["staff_comment_counts"]}["all"] == 2
    backup = json.loads(json.dumps(export.backup_project(engine, project.id)))
    restored = export.restore_project(engine, backup)
    again = comments.list_comments(engine, project_id=restored.id, viewer=people["aisha"])
    assert [(c.text, c.status, c.reason, c.mine) for c in again] == [
        ("Too loud", "declined", "Budget", True), ("Plants", "open", "", False)]
    assert {c.option_id for c in again} != {baseline.id}  # attached to the restored option, not the original
