"""Staff accounts: facilitators, designers and staff, with bcrypt-hashed passwords.

Every new password meets ``input_forms.passwords.check_new_password`` (length, not a common
one). Signing in through the app goes through ``input_forms.signin.sign_in`` (throttled);
``authenticate`` here is the bare password check. A new password or a deactivated account
revokes the account's sessions (``auth_sessions``).
"""

from __future__ import annotations

import os
import re

import bcrypt
from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from . import schema as t
from .db import inserted_id, read_tx, utcnow, write_tx
from .errors import Conflict, NotFound, ValidationFailed
from .models import ROLES, Role, User
from .passwords import MAX_PASSWORD_BYTES, check_new_password

__all__ = ["Role", "User", "create_user", "authenticate", "list_users", "get_user", "user_by_username",
           "set_password", "deactivate_user", "activate_user", "set_role", "BCRYPT_ROUNDS"]

#: Cost factor for new hashes (tests lower it through the environment to stay fast).
BCRYPT_ROUNDS = int(os.environ.get("INPUT_FORMS_BCRYPT_ROUNDS", "12"))
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")
_DUMMY_HASH = bcrypt.hashpw(b"not-a-password", bcrypt.gensalt(4))


def _user(row) -> User:
    return User(id=row.id, username=row.username, role=row.role, display_name=row.display_name,
                staff_title=row.staff_title, active=bool(row.active))


def _hash(password: str, rounds: int | None = None, username: str = "", public: bool = False) -> str:
    """The bcrypt hash of a new password that meets the password rule (``public``: a demo password, rule waived)."""
    raw = (password or "").encode("utf-8")
    if public:
        if not password or len(raw) > MAX_PASSWORD_BYTES:
            raise ValidationFailed(f"password: must be 1 to {MAX_PASSWORD_BYTES} bytes")
    else:
        check_new_password(password, username)
    return bcrypt.hashpw(raw, bcrypt.gensalt(rounds or BCRYPT_ROUNDS)).decode("ascii")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationFailed(f"role {role!r} is not one of {', '.join(ROLES)}")


def create_user(engine: Engine, username: str, password: str, role: Role, display_name: str = "",
                staff_title: str = "", bcrypt_rounds: int | None = None, public: bool = False) -> User:
    """A new active account; Conflict if the username is taken (names compare case-insensitively).

    ``bcrypt_rounds`` overrides the cost and ``public=True`` waives the password rule: only for
    accounts whose password is public anyway, like the demo's (printed in the README).
    """
    username = (username or "").strip()
    if not USERNAME_RE.match(username):
        raise ValidationFailed(f"username {username!r}: use 2-64 letters, digits or . _ @ -")
    _check_role(role)
    password_hash = _hash(password, bcrypt_rounds, username, public)
    with write_tx(engine) as conn:
        taken = conn.execute(select(t.users.c.id).where(func.lower(t.users.c.username) == username.lower())).first()
        if taken:
            raise Conflict(f"username {username!r} is already taken")
        try:
            new_id = inserted_id(conn.execute(insert(t.users).values(
                username=username, password_hash=password_hash, role=role, display_name=display_name.strip()[:200],
                staff_title=staff_title.strip()[:100], active=True, created_at=utcnow(),
            )))
        except IntegrityError:
            raise Conflict(f"username {username!r} is already taken") from None
    return get_user(engine, new_id)


def get_user(engine: Engine, user_id: int) -> User:
    with engine.connect() as conn:
        row = conn.execute(select(t.users).where(t.users.c.id == user_id)).first()
    if row is None:
        raise NotFound(f"no user with id {user_id}")
    return _user(row)


def user_by_username(engine: Engine, username: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(select(t.users).where(func.lower(t.users.c.username) == (username or "").strip().lower())).first()
    return _user(row) if row else None


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    """The active user whose password matches, else None (same work either way, against timing probes)."""
    with engine.connect() as conn:
        row = conn.execute(select(t.users).where(func.lower(t.users.c.username) == (username or "").strip().lower())).first()
    raw = (password or "").encode("utf-8")[:72]
    if row is None:
        bcrypt.checkpw(raw, _DUMMY_HASH)
        return None
    ok = bcrypt.checkpw(raw, row.password_hash.encode("ascii"))
    return _user(row) if ok and row.active else None


def list_users(engine: Engine, role: Role | None = None) -> list[User]:
    query = select(t.users).order_by(t.users.c.username)
    if role is not None:
        query = query.where(t.users.c.role == role)
    with read_tx(engine) as conn:
        return [_user(r) for r in conn.execute(query)]


def _update(engine: Engine, user_id: int, revoke_sessions: bool = False, **values) -> User:
    with write_tx(engine) as conn:
        if conn.execute(update(t.users).where(t.users.c.id == user_id).values(**values)).rowcount == 0:
            raise NotFound(f"no user with id {user_id}")
        if revoke_sessions:  # a browser still holding a session token of this account is signed out
            conn.execute(update(t.auth_sessions).where(t.auth_sessions.c.user_id == user_id,
                                                       t.auth_sessions.c.revoked_at.is_(None)).values(revoked_at=utcnow()))
    return get_user(engine, user_id)


def set_password(engine: Engine, user_id: int, password: str) -> User:
    """A new password (it must meet the password rule); every session of the account is signed out."""
    return _update(engine, user_id, revoke_sessions=True, password_hash=_hash(password, username=get_user(engine, user_id).username))


def set_role(engine: Engine, user_id: int, role: Role) -> User:
    _check_role(role)
    return _update(engine, user_id, role=role)


def deactivate_user(engine: Engine, user_id: int) -> User:
    """The account can no longer sign in or vote, its sessions end; its earlier ballots stay counted."""
    return _update(engine, user_id, revoke_sessions=True, active=False)


def activate_user(engine: Engine, user_id: int) -> User:
    return _update(engine, user_id, active=True)
