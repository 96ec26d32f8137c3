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
