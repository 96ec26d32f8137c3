"""A kiosk's place on its plan ("you are here"), the project's public address for kiosk links, and migration 0006."""

from __future__ import annotations

import json

import pytest

from input_forms import export, kiosks, projects
from input_forms.errors import NotFound, ValidationFailed
from input_forms.tiny_plan import tiny_plan_geojson


def l_shaped_plan() -> str:
    """The tiny plan with its meeting room cut to the lower half: (11, 6) lies inside the bounds but in no room."""
    doc = json.loads(tiny_plan_geojson("L-shaped"))
    for feature in doc["features"]:
        if feature["id"] == "r3":
            feature["geometry"]["coordinates"] = [[[8, 0], [12, 0], [12, 4], [8, 4], [8, 0]]]
        if feature["id"] == "d3":
            feature["geometry"]["coordinates"] = [[8, 1.0], [8, 2.0]]
    return json.dumps(doc)


@pytest.fixture
def setup(engine):
    project = projects.create_project(engine, "Jobcenter Nord")
    wide = projects.add_option(engine, project.id, "Wide", tiny_plan_geojson(width=12))
    narrow = projects.add_option(engine, project.id, "Narrow", tiny_plan_geojson(width=9))
    kiosk = kiosks.register_kiosk(engine, project.id, "Reception", option_id=wide.id)
    return engine, project, wide, narrow, kiosk


def test_a_new_kiosk_has_no_place_and_a_place_inside_a_room_is_kept(setup):
    engine, project, wide, _, kiosk = setup
    assert kiosk.here is None
    placed = kiosks.set_kiosk_place(engine, kiosk.id, 10.5, 2.25)
    assert placed.here == (10.5, 2.25)
    assert kiosks.get_kiosk(engine, kiosk.id).here == (10.5, 2.25)
    assert [k.here for k in kiosks.list_kiosks(engine, project.id)] == [(10.5, 2.25)]
    assert kiosks.kiosk_by_token(engine, kiosk.token).here == (10.5, 2.25)
    assert kiosks.set_kiosk_place(engine, kiosk.id, 12.0, 8.0).here == (12.0, 8.0)  # on the outer wall line
    assert kiosks.clear_kiosk_place(engine, kiosk.id).here is None
    assert kiosks.get_kiosk(engine, kiosk.id).here is None


@pytest.mark.parametrize(("x", "y", "message"), [
    (20, 4, r"\(20, 4\) lies outside the rooms of the plan Wide \(v1\) \(x 0\.\.12, y 0\.\.8 m\)"),
    (-0.5, 4, r"\(-0\.5, 4\) lies outside"),
    (float("nan"), 1, "finite"),
    (1, float("inf"), "finite"),
    ("near the door", 1, "give x and y in metres .*'near the door'"),
])
def test_a_place_off_the_plan_is_refused_naming_the_value(setup, x, y, message):
    engine, _, _, _, kiosk = setup
    kiosks.set_kiosk_place(engine, kiosk.id, 2, 2)
    with pytest.raises(ValidationFailed, match=message):
        kiosks.set_kiosk_place(engine, kiosk.id, x, y)
    assert kiosks.get_kiosk(engine, kiosk.id).here == (2.0, 2.0)  # nothing changed


def test_a_place_inside_the_bounds_but_in_no_room_is_refused(engine):
    project = projects.create_project(engine, "L")
    option = projects.add_option(engine, project.id, "L", l_shaped_plan())
    kiosk = kiosks.register_kiosk(engine, project.id, "Hall", option_id=option.id)
    assert kiosks.set_kiosk_place(engine, kiosk.id, 11, 3).here == (11.0, 3.0)
    with pytest.raises(ValidationFailed, match=r"kiosk place of 'Hall': \(11, 6\) lies outside the rooms"):
        kiosks.set_kiosk_place(engine, kiosk.id, 11, 6)


def test_a_kiosk_without_its_own_option_is_placed_on_the_projects_first_plan(setup):
    engine, project, wide, _, _ = setup
    kiosk = kiosks.register_kiosk(engine, project.id, "Hall")
    assert kiosks.kiosk_plan(engine, kiosk).id == wide.id
    assert kiosks.set_kiosk_place(engine, kiosk.id, 11, 1).here == (11.0, 1.0)
    empty = projects.create_project(engine, "Empty")
    lonely = kiosks.register_kiosk(engine, empty.id, "Nowhere")
    assert kiosks.kiosk_plan(engine, lonely) is None
    with pytest.raises(ValidationFailed, match="'Nowhere' shows no plan yet"):
        kiosks.set_kiosk_place(engine, lonely.id, 1, 1)
    with pytest.raises(NotFound):
        kiosks.set_kiosk_place(engine, 9999, 1, 1)


def test_changing_the_plan_keeps_a_place_that_still_fits_and_drops_one_that_does_not(setup):
    engine, _, wide, narrow, kiosk = setup
    kiosks.set_kiosk_place(engine, kiosk.id, 4, 4)
    assert kiosks.set_kiosk_option(engine, kiosk.id, narrow.id).here == (4.0, 4.0)
    kiosks.set_kiosk_option(engine, kiosk.id, wide.id)
    kiosks.set_kiosk_place(engine, kiosk.id, 11, 4)  # beyond the narrow plan's 9 m
    assert kiosks.set_kiosk_option(engine, kiosk.id, narrow.id).here is None


@pytest.mark.parametrize(("given", "stored"), [
    ("https://planner.example.dk", "https://planner.example.dk"),
    ("  https://planner.example.dk/ ", "https://planner.example.dk"),
    ("HTTP://192.168.1.20:8501", "http://192.168.1.20:8501"),
    ("https://kommune.dk/planner/", "https://kommune.dk/planner"),
    ("http://[fe80::1]:8501", "http://[fe80::1]:8501"),
])
def test_the_public_address_is_stored_cleaned(engine, given, stored):
    project = projects.create_project(engine, "P")
    assert kiosks.public_base_url(engine, project.id) is None
    assert kiosks.set_public_base_url(engine, project.id, given) == stored
    assert kiosks.public_base_url(engine, project.id) == stored
    assert kiosks.set_public_base_url(engine, project.id, None) is None
    assert kiosks.public_base_url(engine, project.id) is None


@pytest.mark.parametrize(("given", "message"), [
    ("", "give the address tablets open the app at"),
    ("planner.example.dk", r"'planner\.example\.dk' must start with http:// or https://"),
    ("ftp://planner.example.dk", r"'ftp://planner\.example\.dk' must start with http"),
    ("https://", r"'https://' has no host name"),
    ("https://:8501/x", r"'https://:8501/x' has no host name"),
    ("https://planner.example.dk:99999", r"'https://planner\.example\.dk:99999' is not a valid address"),
    ("https://planner.example.dk/?kiosk=x", r"no \?, # or user name"),
    ("https://user:pw@planner.example.dk", "no ?, # or user name".replace("?", r"\?")),
    ("https://planner example.dk", "must not contain spaces"),
    ("https://" + "a" * 600 + ".dk", "at most 500 characters"),
    ("javascript:alert(1)", r"'javascript:alert\(1\)' must start with http"),
])
def test_a_public_address_that_no_tablet_can_open_is_refused_naming_it(engine, given, message):
    project = projects.create_project(engine, "P")
    kiosks.set_public_base_url(engine, project.id, "https://ok.example.dk")
    with pytest.raises(ValidationFailed, match=message):
        kiosks.set_public_base_url(engine, project.id, given)
    assert kiosks.public_base_url(engine, project.id) == "https://ok.example.dk"
    with pytest.raises(NotFound):
        kiosks.set_public_base_url(engine, 9999, "https://ok.example.dk")


@pytest.mark.parametrize(("url", "local"), [
    ("http://localhost:8501", True), ("http://LOCALHOST", True), ("http://app.localhost", True),
    ("http://127.0.0.1:8501", True), ("http://127.1.2.3", True), ("http://[::1]:8501", True),
    ("http://0.0.0.0:8501", True), ("http://192.168.1.20:8501", False), ("https://planner.example.dk", False),
    ("https://localhost.example.dk", False),
])
def test_local_addresses_are_recognised(url, local):
    assert kiosks.is_local_address(url) is local


def test_the_kiosk_link_is_built_from_the_public_address():
    assert kiosks.kiosk_link("https://planner.example.dk", "demo-kiosk") == \
        "https://planner.example.dk/?kiosk=demo-kiosk&embed=true"
    assert kiosks.kiosk_link("https://kommune.dk/planner/", "a_b-c123") == \
        "https://kommune.dk/planner/?kiosk=a_b-c123&embed=true"


def test_backup_and_restore_keep_the_place_and_the_address(setup):
    engine, project, _, _, kiosk = setup
    kiosks.set_kiosk_place(engine, kiosk.id, 5, 6)
    kiosks.set_public_base_url(engine, project.id, "https://planner.example.dk")
    backup = json.loads(json.dumps(export.backup_project(engine, project.id)))
    copy = export.restore_project(engine, backup)
    assert kiosks.public_base_url(engine, copy.id) == "https://planner.example.dk"
    assert [k.here for k in kiosks.list_kiosks(engine, copy.id)] == [(5.0, 6.0)]
    backup["project"]["public_base_url"] = "javascript:alert(1)"  # a hand-edited backup: the address is dropped
    assert kiosks.public_base_url(engine, export.restore_project(engine, backup).id) is None


def test_migration_0006_keeps_the_data_of_a_0005_database(engine):
    """A database at 0005 with a project, a plan and a kiosk comes out of the upgrade whole, with no place and
    no address set; the downgrade drops only the new columns."""
    import sqlalchemy as sa
    from alembic import command

    from input_forms.db import _alembic_config

    project = projects.create_project(engine, "Before")
    option = projects.add_option(engine, project.id, "Plan", tiny_plan_geojson())
    kiosk = kiosks.register_kiosk(engine, project.id, "Door", option_id=option.id, token="old-kiosk-1")
    with engine.connect() as conn:
        command.downgrade(_alembic_config(conn), "0005")
        conn.commit()
        columns = {c["name"] for c in sa.inspect(conn).get_columns("kiosks")}
        assert "here_x" not in columns and "location_label" in columns
        assert "public_base_url" not in {c["name"] for c in sa.inspect(conn).get_columns("projects")}
        assert conn.execute(sa.text("SELECT count(*) FROM kiosks")).scalar_one() == 1
        conn.execute(sa.text("INSERT INTO kiosks (project_id, option_id, location_label, token, active, "
                             "accepted_in_hour, created_at) VALUES (:p, :o, 'Stairs', 'old-kiosk-2', :a, 0, :c)"),
                     {"p": project.id, "o": option.id, "a": True, "c": project.created_at})
        conn.commit()
        command.upgrade(_alembic_config(conn), "head")
        conn.commit()
    kept = kiosks.list_kiosks(engine, project.id)
    assert [(k.location_label, k.token, k.option_id, k.here) for k in kept] == [
        ("Door", "old-kiosk-1", option.id, None), ("Stairs", "old-kiosk-2", option.id, None)]
    assert kept[0].id == kiosk.id
    assert projects.get_project(engine, project.id).name == "Before"
    assert projects.get_option(engine, option.id).plan_geojson == option.plan_geojson
    assert kiosks.public_base_url(engine, project.id) is None
    assert kiosks.set_kiosk_place(engine, kept[1].id, 1, 1).here == (1.0, 1.0)
