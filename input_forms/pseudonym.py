"""A keyed pseudonym for an account, so staff find their own comments without their name being stored.

Why: a staff comment is shown under the author's role, and the database must not
say who wrote it unless the author chose to show the name. A plain user id would
say it to anyone holding a copy of the database; an HMAC of the id under a key
kept *outside* the database does not (a backup or export carries the pseudonym,
not the person). The key comes from ``INPUT_FORMS_AUTHOR_KEY`` (set it to the same
value on every app server of one installation), else from a key file made once
with owner-only permissions: ``INPUT_FORMS_AUTHOR_KEY_FILE`` if set, else beside
the SQLite database file (``jobcenter.db.author-key``), else (PostgreSQL)
``data/author.key``. Losing the key loses only the "mine" marks, never a comment.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from pathlib import Path

from sqlalchemy import Engine

from .db import REPO_ROOT

__all__ = ["author_ref", "DEFAULT_KEY_FILE"]

DEFAULT_KEY_FILE = REPO_ROOT / "data" / "author.key"
_lock = threading.Lock()
_cache: dict[str, bytes] = {}


def _key_file(engine: Engine | None) -> Path:
    configured = os.environ.get("INPUT_FORMS_AUTHOR_KEY_FILE")
    if configured:
        return Path(configured)
    database = engine.url.database if engine is not None and engine.dialect.name == "sqlite" else None
    if database and database != ":memory:" and not database.startswith("file:"):
        db = Path(database).expanduser()
        return db.with_name(db.name + ".author-key")
    return DEFAULT_KEY_FILE


def _file_key(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:  # first use: this process makes the key; a racing one reads it below
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    text = path.read_text(encoding="ascii").strip()
    if len(text) < 32:
        raise RuntimeError(f"the author key file {path} is damaged (too short); delete it to make a new one")
    return text.encode("ascii")


def _key(engine: Engine | None) -> bytes:
    configured = os.environ.get("INPUT_FORMS_AUTHOR_KEY")
    if configured:
        return configured.encode("utf-8")
    path = _key_file(engine)
    with _lock:
        if str(path) not in _cache:
            _cache[str(path)] = _file_key(path)
        return _cache[str(path)]


def author_ref(user_id: int, engine: Engine | None = None) -> str:
    """The pseudonym of account ``user_id`` (32 hex characters), stable for one key (see the module doc)."""
    return hmac.new(_key(engine), f"staff-comment-author:{int(user_id)}".encode(), hashlib.sha256).hexdigest()[:32]
