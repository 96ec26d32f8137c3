"""Sign-in through the form: right password in, wrong password out, sign-out forgets the user."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.planner.app.fixtures import APP, signed_in


def sign_in(user: str, password: str) -> AppTest:
    """Fill and submit the form. (AppTest then re-runs the sign-in file itself, since its multipage
    emulation runs the finished page file again; tests open the next page fresh.)"""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="signin_user").input(user)
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_signed_out_visitors_see_only_the_sign_in_form(demo):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.title[0].value == "Jobcenter co-design"
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    assert not at.sidebar.button


def test_facilitator_signs_in_with_the_demo_password_and_lands_on_results(demo):
    at = sign_in("facilitator", "facilitator")
    user = at.session_state["user"]
    assert (user.username, user.role) == ("facilitator", "facilitator")
    at = signed_in(user)
    assert at.title[0].value == "Results"
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(demo):
    at = sign_in("facilitator", "not-the-password")
    assert "user" not in at.session_state
    assert at.error[0].value == "Wrong username or password."
    at2 = sign_in("nobody", "facilitator")
    assert at2.error[0].value == "Wrong username or password."


def test_a_deactivated_account_cannot_sign_in_and_is_thrown_out_mid_session(demo):
    from input_forms.users import deactivate_user

    at = signed_in(sign_in("staff1", "staff").session_state["user"])
    assert at.title[0].value == "Vote"
    deactivate_user(demo.engine, demo.users["staff1"].id)
    at.run()
    assert "no longer active" in at.error[0].value
    assert sign_in("staff1", "staff").error[0].value == "Wrong username or password."


def test_sign_out_forgets_the_user(demo):
    at = signed_in(sign_in("designer", "designer").session_state["user"])
    at.sidebar.button(key="sign_out").click().run()
    assert "user" not in at.session_state
    # The page that was open refuses to show anything now (or the sign-in form is back).
    assert [x.value for x in at.title] == ["Jobcenter co-design"] or \
        at.error[0].value == "Please sign in to open this page."
    assert not at.dataframe


def reload_with_cookie(monkeypatch, token: str | None) -> AppTest:
    """A page reload: a new session whose request carries the session cookie (or none)."""
    from planner.common import auth

    monkeypatch.setattr(auth, "_cookie_token", lambda: token)
    return AppTest.from_file(APP, default_timeout=60).run()


def test_a_sign_in_survives_a_page_reload_through_the_session_cookie(demo, monkeypatch):
    at = sign_in("facilitator", "facilitator")
    token = at.session_state["session_token"]
    assert "facilitator" not in token.split(".")[-1] and token.count(".") == 3
    again = reload_with_cookie(monkeypatch, token)
    assert not again.exception, again.exception
    assert again.session_state["user"].username == "facilitator"
    assert again.title[0].value == "Results"
    # no cookie, or a forged one: the sign-in form
    assert reload_with_cookie(monkeypatch, None).title[0].value == "Jobcenter co-design"
    forged = reload_with_cookie(monkeypatch, token[:-4] + "AAAA")
    assert forged.title[0].value == "Jobcenter co-design" and "user" not in forged.session_state


def test_sign_out_revokes_the_token_so_a_reload_stays_signed_out(demo, monkeypatch):
    token = sign_in("designer", "designer").session_state["session_token"]
    at = reload_with_cookie(monkeypatch, token)
    assert at.title[0].value == "Designer"
    at.sidebar.button(key="sign_out").click().run()
    again = reload_with_cookie(monkeypatch, token)
    assert "user" not in again.session_state and again.title[0].value == "Jobcenter co-design"


def test_deactivation_ends_a_remembered_session_too(demo, monkeypatch):
    from input_forms.users import deactivate_user

    token = sign_in("staff1", "staff").session_state["session_token"]
    at = reload_with_cookie(monkeypatch, token)
    assert at.title[0].value == "Vote"
    deactivate_user(demo.engine, demo.users["staff1"].id)
    at.run()
    assert "no longer active" in at.error[0].value
    assert reload_with_cookie(monkeypatch, token).title[0].value == "Jobcenter co-design"


def test_too_many_wrong_passwords_lock_the_form_with_a_plain_message(demo, monkeypatch):
    from input_forms import signin

    monkeypatch.setattr(signin, "ACCOUNT_POLICY", signin.ThrottlePolicy(free=2, lock_after=2, lock_s=600))  # no delay before the lock: not timing-dependent
    for _ in range(2):
        assert sign_in("facilitator", "not-the-password").error[0].value == "Wrong username or password."
    at = sign_in("facilitator", "facilitator")  # even the right password waits for the lock to pass
    assert "user" not in at.session_state
    assert at.error[0].value.startswith("Too many failed sign-ins; this account or device is locked: try again in")
