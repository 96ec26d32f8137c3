"""Admin in AppTest: kiosks (create, URL + QR, revoke), rounds, plan upload with validation, list, accounts."""

from __future__ import annotations

import html
import json

from floorplans import dumps_plan
from floorplans.samples import load_sample
from input_forms.calmer import list_calmer_items
from input_forms.kiosks import get_kiosk, kiosk_by_token, kiosk_plan, list_kiosks, public_base_url
from input_forms.projects import get_project, list_options
from input_forms.users import authenticate
from input_forms.voting import current_round, list_rounds
from tests.planner.app.fixtures import signed_in


def admin(demo, tab: str):
    at = signed_in(demo.users["facilitator"], "admin")
    at.session_state["admin_tab"] = tab
    at.run()
    assert not at.exception, at.exception
    return at


def set_address(at, value: str):
    at.text_input(key="admin_public_url").set_value(value)
    next(b for b in at.button if b.label == "Save address").click().run()
    assert not at.exception, at.exception
    return at


def warnings_of(at) -> str:
    return " ".join(str(w.value) for w in at.warning)


def test_create_a_kiosk_see_its_url_and_qr_then_revoke_it(demo):
    at = set_address(admin(demo, "Kiosks"), "https://planner.aaby.dk/")
    before = {k.id for k in list_kiosks(demo.engine, demo.project.id)}
    at.text_input(key="admin_kiosk_label").input("Jobcafé")
    at.main.button[-1].click().run()  # the form's submit button
    new = [k for k in list_kiosks(demo.engine, demo.project.id) if k.id not in before]
    assert len(new) == 1 and new[0].location_label == "Jobcafé" and new[0].active
    codes = [c.value for c in at.code]
    assert f"https://planner.aaby.dk/?kiosk={new[0].token}&embed=true" in codes
    qr_alts = [img.alt for i in at.get("image") for img in i.proto.imgs]
    assert set(codes) <= set(qr_alts)  # a QR code beside each address, its alt text the address
    at.button(key=f"admin_revoke_{new[0].id}").click().run()
    assert kiosk_by_token(demo.engine, new[0].token) is None
    assert "revoked" in at.success[0].value


def test_without_a_public_address_there_are_no_links_and_a_warning_says_what_to_do(demo):
    at = admin(demo, "Kiosks")
    assert "No public address is set, so there are no kiosk links or QR codes yet" in warnings_of(at)
    assert not at.code and not at.get("download_button")
    assert at.text_input(key="admin_public_url").value  # a suggestion to start from
    assert public_base_url(demo.engine, demo.project.id) is None


def test_kiosk_links_use_the_public_address_and_warn_when_it_is_local(demo):
    at = set_address(admin(demo, "Kiosks"), "http://localhost:8501")
    assert public_base_url(demo.engine, demo.project.id) == "http://localhost:8501"
    assert "The public address http://localhost:8501 only works on this computer" in warnings_of(at)
    tokens = [k.token for k in list_kiosks(demo.engine, demo.project.id) if k.active]
    assert [c.value for c in at.code] == [f"http://localhost:8501/?kiosk={t}&embed=true" for t in tokens]
    for local in ("http://127.0.0.1:8501", "http://[::1]:8501"):
        assert "only works on this computer" in warnings_of(set_address(at, local))
    at = set_address(at, "http://192.168.1.20:8501")
    assert not at.warning and "Kiosk links start with http://192.168.1.20:8501." in at.success[-1].value
    assert [c.value for c in at.code] == [f"http://192.168.1.20:8501/?kiosk={t}&embed=true" for t in tokens]


def test_a_bad_public_address_is_refused_naming_it_and_the_old_one_stays(demo):
    at = set_address(admin(demo, "Kiosks"), "https://planner.aaby.dk")
    at = set_address(at, "planner.aaby.dk/kiosk")
    assert at.error and "'planner.aaby.dk/kiosk' must start with http:// or https://" in at.error[0].value
    assert public_base_url(demo.engine, demo.project.id) == "https://planner.aaby.dk"


def test_each_kiosk_has_a_printable_page_with_its_name_qr_code_and_address(demo, monkeypatch):
    from planner.admin import kiosk_sheets

    made: list[str] = []
    real = kiosk_sheets.print_page
    monkeypatch.setattr(kiosk_sheets, "print_page", lambda *args: made.append(real(*args)) or made[-1])
    at = set_address(admin(demo, "Kiosks"), "https://planner.aaby.dk")
    active = [k for k in list_kiosks(demo.engine, demo.project.id) if k.active]
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels.count("Printable page") == len(active) >= 2
    assert "Printable pages of all active kiosks (one per page)" in labels
    for kiosk, page_html in zip(active, made, strict=False):
        url = f"https://planner.aaby.dk/?kiosk={kiosk.token}&amp;embed=true"
        assert f"<h1>{html.escape(kiosk.location_label)}</h1>" in page_html
        assert '<img src="data:image/png;base64,' in page_html and f'alt="{url}"' in page_html
        assert f'<p class="address">{url}</p>' in page_html and page_html.count('<section class="sheet">') == 1
    everything = made[len(active)]
    assert everything.count('<section class="sheet">') == len(active) and "break-after: page" in everything


def test_set_a_kiosks_place_by_coordinates_and_clear_it(demo):
    at = admin(demo, "Kiosks")
    kiosk = list_kiosks(demo.engine, demo.project.id)[0]
    at.selectbox(key="admin_place_kiosk").set_value(kiosk.id).run()
    field = {n.label: n for n in at.number_input}
    field["x (metres)"].set_value(500.0)
    field["y (metres)"].set_value(2.0)
    next(b for b in at.button if b.label == "Save place").click().run()
    assert not at.exception, at.exception
    assert at.error and "(500, 2) lies outside the rooms of the plan" in at.error[0].value
    assert get_kiosk(demo.engine, kiosk.id).here is None
    room = kiosk_plan(demo.engine, kiosk).plan().rooms_of_kind("reception")[0].geometry.representative_point()
    field = {n.label: n for n in at.number_input}
    field["x (metres)"].set_value(round(room.x, 2))
    field["y (metres)"].set_value(round(room.y, 2))
    next(b for b in at.button if b.label == "Save place").click().run()
    assert get_kiosk(demo.engine, kiosk.id).here == (round(room.x, 2), round(room.y, 2))
    assert f"now stands at ({room.x:.1f}, {room.y:.1f}) m" in at.success[0].value
    assert {n.label: n.value for n in at.number_input} == {"x (metres)": round(room.x, 2), "y (metres)": round(room.y, 2)}
    at.button(key=f"admin_place_clear_{kiosk.id}").click().run()
    assert get_kiosk(demo.engine, kiosk.id).here is None


def test_close_the_open_round_and_open_a_new_one(demo):
    at = admin(demo, "Voting rounds")
    open_round = current_round(demo.engine, demo.project.id)
    at.button(key=f"admin_close_{open_round.id}").click().run()
    assert current_round(demo.engine, demo.project.id) is None
    at.text_input(key="admin_round_title").input("Final choice")
    options = list_options(demo.engine, demo.project.id)
    at.multiselect(key="admin_round_options").set_value([options[1].id, options[2].id])
    at.main.button[-1].click().run()
    new = current_round(demo.engine, demo.project.id)
    assert new is not None and new.title == "Final choice" and set(new.option_ids) == {options[1].id, options[2].id}
    assert new.purpose == "decisive" and new.option_versions == (options[1].version, options[2].version)
    assert len(list_rounds(demo.engine, demo.project.id)) == 4


def test_a_newer_version_enters_a_round_only_by_reopening_it_after_confirming(demo):
    from input_forms.voting import close_round, get_round

    close_round(demo.engine, current_round(demo.engine, demo.project.id).id)
    decisive = next(r for r in list_rounds(demo.engine, demo.project.id) if not r.is_trial)
    assert decisive.option_versions[1] == 1 and decisive.n_ballots == 6
    at = admin(demo, "Voting rounds")
    assert at.button(key=f"admin_refresh_{decisive.id}").disabled  # not before the confirmation
    at.checkbox(key=f"admin_void_ok_{decisive.id}").check().run()
    at.button(key=f"admin_refresh_{decisive.id}").click().run()
    assert not at.exception, at.exception
    again = get_round(demo.engine, decisive.id)
    assert again.is_open and again.n_ballots == 0 and again.voided_ballots == 6 and again.option_versions[1] == 2


def test_the_secret_ballot_threshold_is_a_project_setting(demo):
    from input_forms.projects import get_project

    at = admin(demo, "Voting rounds")
    at.number_input(key="admin_min_ballots").set_value(7).run()
    at.button(key="admin_min_ballots_save").click().run()
    assert get_project(demo.engine, demo.project.id).min_ballots == 7


def test_upload_a_valid_plan_and_add_it_as_an_option(demo):
    at = admin(demo, "Layout options")
    text = dumps_plan(load_sample("option_b"))
    at.file_uploader(key="admin_plan_file").upload("new_layout.geojson", text.encode(), "application/geo+json").run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("Valid plan:")
    at.text_input(key="admin_option_name").input("Option D")
    at.main.button[-1].click().run()
    assert "Option D" in [o.name for o in list_options(demo.engine, demo.project.id)]


def test_an_invalid_plan_is_shown_with_its_problems_and_not_stored(demo):
    at = admin(demo, "Layout options")
    broken = json.loads(dumps_plan(load_sample("option_b")))
    room = next(f for f in broken["features"] if f["properties"].get("feature") == "room")
    room["geometry"]["coordinates"] = [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]]  # a bow-tie
    at.file_uploader(key="admin_plan_file").upload("broken.geojson", json.dumps(broken).encode()).run()
    assert not at.exception, at.exception
    assert at.error, "the problems must be shown"
    assert "admin_option_name" not in [t.key for t in at.text_input]  # no way to store it
    assert "Add this option" not in [b.label for b in at.button]


def test_edit_the_calmer_list(demo):
    at = admin(demo, "Calmer list")
    at.session_state["admin_calmer_editor"] = {
        "edited_rows": {1: {"active": False}},
        "added_rows": [{"key": "water", "label_da": "Drikkevand", "label_en": "Drinking water", "active": True}],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="admin_calmer_save").click().run()
    assert not at.exception, at.exception
    active = {i.key for i in list_calmer_items(demo.engine, demo.project.id)}
    assert "water" in active and "plants" not in active


def test_create_an_account_that_can_sign_in(demo):
    at = admin(demo, "Accounts")
    at.text_input(key="admin_new_username").input("caseworker7")
    at.text_input(key="admin_new_password").input("seven quiet cases")
    at.selectbox(key="admin_new_role").set_value("staff")
    at.main.button[-1].click().run()
    assert not at.exception, at.exception
    user = authenticate(demo.engine, "caseworker7", "seven quiet cases")
    assert user is not None and user.role == "staff"
    assert "caseworker7" in set(at.dataframe[0].value["username"])


def test_a_bad_account_is_refused_with_a_message(demo):
    at = admin(demo, "Accounts")
    at.text_input(key="admin_new_username").input("x")
    at.text_input(key="admin_new_password").input("pw")
    at.main.button[-1].click().run()
    assert not at.exception
    assert at.error and "username" in at.error[0].value


def test_close_the_project_stops_its_kiosks_and_reopen_it(demo):
    at = admin(demo, "Projects")
    at.button(key="admin_close_project").click().run()
    assert not at.exception
    assert get_project(demo.engine, demo.project.id).closed_on is not None
    devices = list_kiosks(demo.engine, demo.project.id)
    assert devices and not any(k.active for k in devices)
    assert "closed" in at.success[0].value
    at.button(key="admin_reopen_project").click().run()
    assert get_project(demo.engine, demo.project.id).closed_on is None
