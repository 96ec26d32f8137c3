"""Sign-in that holds across app servers: a throttle on failed attempts, and revocable session tokens.

**Throttle.** Every attempt is counted per account (``account:<name>``) and per client
(``client:<address>``) in ``sign_in_throttle``, before the password is checked, in one write
transaction (so parallel guesses on two servers are counted too); a right password clears
the account's count and takes back the client's one. After ``free`` failures in a row the next
attempt must wait a growing delay (1, 2, 4 ... seconds, at most ``max_delay_s``); after
``lock_after`` failures the key is locked for ``lock_s``. The server never sleeps: an attempt
that comes too soon is refused at once (``Throttled``, without checking the password), so a
guesser ties up nothing. A count left alone for ``forget_s`` starts again from zero. Each
refusal and failure is logged with the account and the client, never the password.

**Session token.** ``<session id>.<user id>.<expiry>.<signature>``: the signature is an
HMAC-SHA256 under a server secret (``PLANNER_SESSION_SECRET``, the same on every app server;
else a key file made once beside the SQLite file or in ``data/session.key``). The token
carries no password and nothing secret; the session row in ``auth_sessions`` lets signing out,
a new password or deactivating the account revoke it. Lifetime: ``PLANNER_SESSION_HOURS``
(default 12).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from . import schema as t
from .db import REPO_ROOT, utcnow, write_tx
from .errors import NotFound, Throttled, Unavailable
from .models import User
from .transient import is_transient
from .users import authenticate, get_user

__all__ = ["ThrottlePolicy", "ACCOUNT_POLICY", "CLIENT_POLICY", "sign_in", "issue_session", "session_user",
           "revoke_session", "revoke_user_sessions", "SESSION_HOURS"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failures pass freely, when the lock comes, and for how long."""

    free: int
    lock_after: int
    lock_s: float
    max_delay_s: float = 30.0
    forget_s: float = 3600.0

    def wait_s(self, failures: int) -> tuple[float, bool]:
        """(seconds to wait after the last failure, locked?) once ``failures`` happened in a row."""
        if failures >= self.lock_after:
            return self.lock_s, True
        if failures >= self.free:
            return min(2.0 ** (failures - self.free), self.max_delay_s), False
        return 0.0, False


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


#: One account: 3 tries, then 1, 2, 4 ... s apart, locked for 15 min after 10 failures in a row.
ACCOUNT_POLICY = ThrottlePolicy(free=3, lock_after=10, lock_s=_env_float("PLANNER_SIGNIN_LOCK_S", 900))
#: One client address (a shared office may sit behind one address, so it gets more room).
CLIENT_POLICY = ThrottlePolicy(free=10, lock_after=30, lock_s=_env_float("PLANNER_SIGNIN_LOCK_S", 900))
#: Hours a session token is good for (PLANNER_SESSION_HOURS).
SESSION_HOURS = _env_float("PLANNER_SESSION_HOURS", 12)


def _keys(username: str, client: str) -> list[tuple[str, ThrottlePolicy]]:
    keys = [(f"account:{(username or '').strip().lower()[:100]}", ACCOUNT_POLICY)]
    if client:
        keys.append((f"client:{client[:100]}", CLIENT_POLICY))
    return keys


def _count_attempt(engine: Engine, keys: list[tuple[str, ThrottlePolicy]], now: float) -> None:
    """Refuse (Throttled) if any key must still wait; else count this attempt as a failure on every key."""
    with write_tx(engine) as conn:
        rows = {}
        for key, _policy in keys:
            query = select(t.sign_in_throttle).where(t.sign_in_throttle.c.key == key)
            if engine.dialect.name == "postgresql":
                query = query.with_for_update()
            rows[key] = conn.execute(query).first()
        for key, policy in keys:
            row = rows[key]
            if row is None or now - row.last_failed_at > policy.forget_s:
                continue
            wait, locked = policy.wait_s(row.failures)
            left = row.last_failed_at + wait - now
            if left > 0:
                log.warning("sign-in refused without a check: %s must wait %.0f s more (%d failures in a row%s)",
                            key, left, row.failures, ", locked" if locked else "")
                what = "too many failed sign-ins; this account or device is locked" if locked \
                    else "too many failed sign-ins in a row"
                raise Throttled(f"{what}: try again in {_duration(left)}", left, locked=locked)
        for key, policy in keys:
            row = rows[key]
            failures = 1 if row is None or now - row.last_failed_at > policy.forget_s else row.failures + 1
            if row is None:
                conn.execute(insert(t.sign_in_throttle).values(key=key, failures=failures, last_failed_at=now))
            else:
                conn.execute(update(t.sign_in_throttle).where(t.sign_in_throttle.c.key == key)
                             .values(failures=failures, last_failed_at=now))


def _duration(seconds: float) -> str:
    seconds = max(1, round(seconds))
    if seconds < 90:
        return "1 second" if seconds == 1 else f"{seconds} seconds"
    return f"{round(seconds / 60)} minutes"


def _succeeded(engine: Engine, keys: list[tuple[str, ThrottlePolicy]]) -> None:
    """A right password: the account starts again from zero; the client's count takes this attempt back."""
    (account, _), *clients = keys
    with write_tx(engine) as conn:
        conn.execute(delete(t.sign_in_throttle).where(t.sign_in_throttle.c.key == account))
        for key, _policy in clients:
            conn.execute(update(t.sign_in_throttle).where(t.sign_in_throttle.c.key == key, t.sign_in_throttle.c.failures > 0)
                         .values(failures=t.sign_in_throttle.c.failures - 1))


def sign_in(engine: Engine, username: str, password: str, client: str = "", *, now: float | None = None) -> User | None:
    """The active user whose password matches, None for a wrong one; Throttled when it comes too soon,
    Unavailable when the database stays busy past its timeout (nothing raw reaches the page).

    ``client``: the address the attempt came from ("" when unknown: then only the account counts).
    """
    now = time.time() if now is None else now
    keys = _keys(username, client)
    try:
        for attempt in range(2):
            try:
                _count_attempt(engine, keys, now)
                break
            except IntegrityError:  # two first failures of one key at once on two servers: count again
                if attempt:
                    raise
        user = authenticate(engine, username, password)
        if user is None:
            log.warning("sign-in failed: account %r from client %s", (username or "").strip()[:100], client or "unknown")
            return None
        _succeeded(engine, keys)
    except Exception as exc:
        if not is_transient(exc):
            raise
        log.warning("sign-in: passing database trouble (%s: %s)", type(exc).__name__, str(exc).splitlines()[0][:200])
        raise Unavailable("the database is busy just now; please try again in a moment") from None
    log.info("signed in: account %r (id %d) from client %s", user.username, user.id, client or "unknown")
    return user


# --- session tokens ---------------------------------------------------------------------------------

DEFAULT_SECRET_FILE = REPO_ROOT / "data" / "session.key"
_secret_lock = threading.Lock()
_secrets: dict[str, bytes] = {}


def _secret_file(engine: Engine) -> Path:
    configured = os.environ.get("PLANNER_SESSION_SECRET_FILE")
    if configured:
        return Path(configured)
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if database and database != ":memory:" and not database.startswith("file:"):
        db = Path(database).expanduser()
        return db.with_name(db.name + ".session-key")
    return DEFAULT_SECRET_FILE


def _secret(engine: Engine) -> bytes:
    configured = os.environ.get("PLANNER_SESSION_SECRET")
    if configured:
        if len(configured) < 32:
            raise RuntimeError("PLANNER_SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)")
        return configured.encode("utf-8")
    path = _secret_file(engine)
    with _secret_lock:
        if str(path) not in _secrets:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_hex(32))
            text = path.read_text(encoding="ascii").strip()
            if len(text) < 32:
                raise RuntimeError(f"the session key file {path} is damaged (too short); delete it to make a new one")
            _secrets[str(path)] = text.encode("ascii")
        return _secrets[str(path)]


def _signature(engine: Engine, body: str) -> str:
    digest = hmac.new(_secret(engine), f"planner-session:{body}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def issue_session(engine: Engine, user: User, *, now: float | None = None, hours: float | None = None) -> str:
    """A new session for ``user`` and its signed token (what the browser keeps)."""
    now = time.time() if now is None else now
    expires = int(now + 3600 * (SESSION_HOURS if hours is None else hours))
    session_id = secrets.token_urlsafe(24)
    with write_tx(engine) as conn:
        conn.execute(insert(t.auth_sessions).values(id=session_id, user_id=user.id, created_at=utcnow(), expires_at=expires))
        # old sessions of anyone, expired a day ago or more, and failure counts left alone for a day are of no use
        conn.execute(delete(t.auth_sessions).where(t.auth_sessions.c.expires_at < now - 86400))
        conn.execute(delete(t.sign_in_throttle).where(t.sign_in_throttle.c.last_failed_at < now - 86400))
    body = f"{session_id}.{user.id}.{expires}"
    return f"{body}.{_signature(engine, body)}"


def _parse(engine: Engine, token: str) -> tuple[str, int, int] | None:
    parts = (token or "").strip().split(".")
    if len(parts) != 4 or len(token) > 300:
        return None
    session_id, user_id, expires, signature = parts
    if not hmac.compare_digest(_signature(engine, f"{session_id}.{user_id}.{expires}"), signature):
        return None
    try:
        return session_id, int(user_id), int(expires)
    except ValueError:
        return None


def session_user(engine: Engine, token: str | None, *, now: float | None = None) -> User | None:
    """The active user a token signs in, or None (bad signature, expired, revoked, account inactive)."""
    now = time.time() if now is None else now
    parsed = _parse(engine, token or "")
    if parsed is None:
        return None
    session_id, user_id, expires = parsed
    if expires <= now:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(t.auth_sessions).where(t.auth_sessions.c.id == session_id)).first()
    if row is None or row.user_id != user_id or row.revoked_at is not None or row.expires_at <= now:
        return None
    try:
        user = get_user(engine, user_id)
    except NotFound:
        return None
    return user if user.active else None


def revoke_session(engine: Engine, token: str | None) -> bool:
    """Sign-out: the token no longer signs anyone in (True if there was a live session to revoke)."""
    parsed = _parse(engine, token or "")
    if parsed is None:
        return False
    with write_tx(engine) as conn:
        done = conn.execute(update(t.auth_sessions).where(t.auth_sessions.c.id == parsed[0],
                                                          t.auth_sessions.c.revoked_at.is_(None))
                            .values(revoked_at=utcnow())).rowcount
    return bool(done)


def revoke_user_sessions(engine: Engine, user_id: int) -> int:
    """Every live session of an account (deactivated, or a new password): how many were revoked."""
    with write_tx(engine) as conn:
        return int(conn.execute(update(t.auth_sessions).where(t.auth_sessions.c.user_id == user_id,
                                                               t.auth_sessions.c.revoked_at.is_(None))
                                .values(revoked_at=utcnow())).rowcount)
