"""Sign-in: throttled per account and per client in the database, common and short passwords refused,
session tokens that expire and are revoked by sign-out, a new password and deactivation."""

from __future__ import annotations

import logging

import pytest

from input_forms import signin, users
from input_forms.errors import Throttled, ValidationFailed
from input_forms.passwords import MIN_PASSWORD_LENGTH, check_new_password, is_common

PASSWORD = "seven green lanterns"
T0 = 1_800_000_000.0


@pytest.fixture
def account(engine):
    return users.create_user(engine, "mette", PASSWORD, "facilitator", bcrypt_rounds=4)


def fail(engine, n: int, now: float, client: str = "10.0.0.7", name: str = "mette") -> None:
    for _ in range(n):
        assert signin.sign_in(engine, name, "wrong guess", client, now=now) is None


def test_three_free_failures_then_a_growing_delay_then_the_right_password_works(engine, account):
    fail(engine, 3, T0)
    # the 4th attempt must wait 1 s after the 3rd failure: refused at once, even with the right password
    with pytest.raises(Throttled) as refused:
        signin.sign_in(engine, "mette", PASSWORD, "10.0.0.7", now=T0 + 0.5)
    assert not refused.value.locked and refused.value.retry_after_s == pytest.approx(0.5)
    fail(engine, 1, T0 + 1.0)  # 4 failures: the next waits 2 s
    with pytest.raises(Throttled) as refused:
        signin.sign_in(engine, "mette", PASSWORD, "10.0.0.7", now=T0 + 2.5)
    assert refused.value.retry_after_s == pytest.approx(0.5)
    assert signin.sign_in(engine, "mette", PASSWORD, "10.0.0.7", now=T0 + 3.0) == account
    # the right password cleared the account's count: three free tries again
    fail(engine, 3, T0 + 4.0)


def guess_until_locked(engine, now: float, clients: bool = True) -> tuple[int, float]:
    """Wrong passwords as fast as the throttle lets them through, from a new address each time:
    (how many were checked before the lock, the time of the lock)."""
    tried = 0
    while tried < 20:
        try:
            signin.sign_in(engine, "MetTe", "wrong guess", f"10.0.1.{tried}" if clients else "", now=now)
            tried += 1
        except Throttled as exc:
            if exc.locked:
                break
            now += exc.retry_after_s
    return tried, now


def test_twenty_wrong_passwords_lock_the_account_whatever_the_client(engine, account):
    tried, now = guess_until_locked(engine, T0)
    assert tried == signin.ACCOUNT_POLICY.lock_after
    # the delays before the lock: 1 + 2 + 4 + 8 + 16 + 30 + 30 s after the three free tries
    assert now - T0 == pytest.approx(91)
    with pytest.raises(Throttled, match="locked") as refused:
        signin.sign_in(engine, "mette", PASSWORD, "192.168.9.9", now=now + 60)
    assert refused.value.locked and refused.value.retry_after_s == pytest.approx(signin.ACCOUNT_POLICY.lock_s - 60)
    # after the lock has passed, the right password works
    assert signin.sign_in(engine, "mette", PASSWORD, "192.168.9.9", now=now + signin.ACCOUNT_POLICY.lock_s + 1) == account


def test_one_client_guessing_many_accounts_is_throttled_as_a_client(engine, account):
    policy = signin.CLIENT_POLICY
    for n in range(policy.free):  # one failure per made-up account: no account reaches its own limit
        assert signin.sign_in(engine, f"user{n}", "wrong guess", "203.0.113.5", now=T0) is None
    with pytest.raises(Throttled):
        signin.sign_in(engine, "mette", PASSWORD, "203.0.113.5", now=T0 + 0.1)
    # another client signs in to the same account at once
    assert signin.sign_in(engine, "mette", PASSWORD, "198.51.100.1", now=T0 + 0.1) == account


def test_the_throttle_is_in_the_database_so_a_second_server_sees_it(engine, account):
    from input_forms.db import make_engine

    _tried, now = guess_until_locked(engine, T0, clients=False)  # no client known: the account alone counts
    other = make_engine(engine.url.render_as_string(hide_password=False))  # a second app server's engine
    try:
        with pytest.raises(Throttled, match="locked"):
            signin.sign_in(other, "mette", PASSWORD, "", now=now + 1)
    finally:
        other.dispose()


def test_failures_are_logged_with_account_and_client_never_the_password(engine, account, caplog):
    caplog.set_level(logging.INFO, logger="input_forms.signin")
    fail(engine, 3, T0)
    with pytest.raises(Throttled):
        signin.sign_in(engine, "mette", "another wrong guess", "10.0.0.7", now=T0)
    text = caplog.text
    assert "sign-in failed: account 'mette' from client 10.0.0.7" in text
    assert "must wait" in text
    assert "wrong guess" not in text


def test_counts_and_sessions_a_day_old_are_cleared_at_the_next_sign_in(engine, account):
    from sqlalchemy import func, select

    from input_forms import schema

    fail(engine, 2, T0, name="someone-else")
    old = signin.issue_session(engine, account, now=T0, hours=1)
    signin.issue_session(engine, account, now=T0 + 2 * 86400)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.sign_in_throttle)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(schema.auth_sessions)).scalar() == 1
    assert signin.session_user(engine, old, now=T0 + 10) is None


def test_a_count_left_alone_for_an_hour_starts_again(engine, account):
    fail(engine, 3, T0, client="")
    with pytest.raises(Throttled):
        signin.sign_in(engine, "mette", PASSWORD, "", now=T0 + 0.5)
    fail(engine, 3, T0 + signin.ACCOUNT_POLICY.forget_s + 1, client="")  # three free ones again
    with pytest.raises(Throttled):
        signin.sign_in(engine, "mette", PASSWORD, "", now=T0 + signin.ACCOUNT_POLICY.forget_s + 1.5)


# --- passwords -------------------------------------------------------------------------------------

@pytest.mark.parametrize("password", ["password1234", "Password2024!", "qwertyuiop123", "iloveyou1234",
                                      "1234567890123", "jobcenter2026!", "abcabcabcabc"])
def test_common_passwords_and_their_variants_are_refused(password):
    with pytest.raises(ValidationFailed, match="common"):
        check_new_password(password)


def test_short_passwords_and_the_username_are_refused(engine):
    with pytest.raises(ValidationFailed, match=f"at least {MIN_PASSWORD_LENGTH}"):
        users.create_user(engine, "anna", "Tr0ub4dor&3", "staff")
    with pytest.raises(ValidationFailed, match="username"):
        users.create_user(engine, "annabel", "annabel's garden gate", "staff")
    with pytest.raises(ValidationFailed, match="common"):
        users.create_user(engine, "anna", "password12345", "staff")
    anna = users.create_user(engine, "anna", "correct horse battery", "staff", bcrypt_rounds=4)
    with pytest.raises(ValidationFailed, match="common"):
        users.set_password(engine, anna.id, "letmein123456")
    assert users.authenticate(engine, "anna", "correct horse battery") == anna


def test_the_list_is_the_named_public_one():
    assert is_common("123456") and is_common("dragon") and is_common("trustno1")
    assert not is_common("correct horse battery")
    from input_forms.passwords import _common

    assert len(_common()) == 19640


# --- session tokens --------------------------------------------------------------------------------

def test_a_token_signs_in_until_it_expires(engine, account):
    token = signin.issue_session(engine, account, now=T0, hours=12)
    assert PASSWORD not in token and "mette" not in token
    assert signin.session_user(engine, token, now=T0 + 3600) == account
    assert signin.session_user(engine, token, now=T0 + 12 * 3600 + 1) is None


def test_a_tampered_token_is_refused(engine, account):
    token = signin.issue_session(engine, account, now=T0)
    session_id, user_id, expires, signature = token.split(".")
    assert signin.session_user(engine, f"{session_id}.{user_id}.{int(expires) + 86400}.{signature}", now=T0) is None
    assert signin.session_user(engine, f"{session_id}.{int(user_id) + 1}.{expires}.{signature}", now=T0) is None
    assert signin.session_user(engine, token[:-2] + "xx", now=T0) is None
    assert signin.session_user(engine, "", now=T0) is None
    assert signin.session_user(engine, "a.b.c", now=T0) is None


def test_sign_out_revokes_only_that_token(engine, account):
    laptop = signin.issue_session(engine, account, now=T0)
    tablet = signin.issue_session(engine, account, now=T0)
    assert signin.revoke_session(engine, laptop)
    assert signin.session_user(engine, laptop, now=T0 + 1) is None
    assert signin.session_user(engine, tablet, now=T0 + 1) == account
    assert not signin.revoke_session(engine, laptop)  # already revoked


def test_deactivating_the_account_or_a_new_password_revokes_every_token(engine, account):
    token = signin.issue_session(engine, account, now=T0)
    users.set_password(engine, account.id, "a brand new passphrase")
    assert signin.session_user(engine, token, now=T0 + 1) is None
    token = signin.issue_session(engine, account, now=T0)
    users.deactivate_user(engine, account.id)
    assert signin.session_user(engine, token, now=T0 + 1) is None
    users.activate_user(engine, account.id)
    assert signin.session_user(engine, token, now=T0 + 1) is None  # revoked stays revoked


def test_the_secret_comes_from_the_environment_and_must_be_long(engine, account, monkeypatch):
    token = signin.issue_session(engine, account, now=T0)
    monkeypatch.setenv("PLANNER_SESSION_SECRET", "x" * 40)
    assert signin.session_user(engine, token, now=T0 + 1) is None  # signed under the key file, not this secret
    assert signin.session_user(engine, signin.issue_session(engine, account, now=T0), now=T0 + 1) == account
    monkeypatch.setenv("PLANNER_SESSION_SECRET", "short")
    with pytest.raises(RuntimeError, match="at least 32"):
        signin.issue_session(engine, account, now=T0)


def test_a_database_busy_past_its_timeout_gives_a_plain_message_not_a_raw_error(engine, account, monkeypatch):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from input_forms.errors import Unavailable

    def locked(*args, **kwargs):
        raise OperationalError("UPDATE sign_in_throttle ...", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(signin, "_count_attempt", locked)
    with pytest.raises(Unavailable, match="try again in a moment"):
        signin.sign_in(engine, "mette", PASSWORD, "10.0.0.7", now=T0)


def test_parallel_guesses_on_two_servers_get_no_more_tries_than_one_guesser(engine, account):
    """20 wrong passwords at the same moment, half through a second server's engine: only the three
    free tries reach the password check; every other one is refused by the count in the database."""
    from concurrent.futures import ThreadPoolExecutor

    from input_forms.db import make_engine

    other = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        def guess(n: int) -> str:
            try:
                result = signin.sign_in(engine if n % 2 else other, "mette", f"guess {n}", f"10.9.0.{n}", now=T0)
            except Throttled:
                return "throttled"
            return "checked" if result is None else "signed in"

        with ThreadPoolExecutor(max_workers=10) as pool:
            outcomes = list(pool.map(guess, range(20)))
    finally:
        other.dispose()
    assert outcomes.count("checked") == signin.ACCOUNT_POLICY.free
    assert outcomes.count("throttled") == 20 - signin.ACCOUNT_POLICY.free
