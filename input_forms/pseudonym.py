"""A keyed pseudonym for an account, so staff find their own comments without their name being stored.

Why: a staff comment is shown under the author's role, and the database must not
say who wrote it unless the author chose to show the name. A plain user id would
say it to anyone holding a copy of the database; an HMAC of the id under a key
kept *apart from the data* does not: a backup, an export or a copy of the whole
data folder carries the pseudonym, never the key, and without the key the
pseudonyms of user ids 1, 2, 3 ... cannot be computed to match.

Where the key comes from, first found wins:

1. ``INPUT_FORMS_AUTHOR_KEY``: the key itself (set the same value on every app server of one installation);
2. ``INPUT_FORMS_AUTHOR_KEY_FILE``: a file holding it;
3. the default file ``author-key`` in the app's configuration folder: ``INPUT_FORMS_CONFIG_DIR`` if set, else
   ``$XDG_CONFIG_HOME/jobcenter-planner``, else ``~/.config/jobcenter-planner``.

A missing key file is made on first use with owner-only permissions (0600, its
folder 0700). A key left by an older version beside the database
(``data/jobcenter.db.author-key`` or ``data/author.key``) is moved out of the
data folder on first use. ``rotate_key`` (``python -m input_forms
rotate-author-key``) makes a new key and re-keys every stored pseudonym of a
known account. Losing the key loses only the "mine" marks, never a comment.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import threading
from pathlib import Path

from sqlalchemy import Engine, select, update

from . import schema as t
from .db import REPO_ROOT, write_tx

__all__ = ["author_ref", "key_source", "config_dir", "default_key_file", "rotate_key", "APP_DIR_NAME"]

log = logging.getLogger(__name__)
APP_DIR_NAME = "jobcenter-planner"
LEGACY_KEY_FILE = REPO_ROOT / "data" / "author.key"
_lock = threading.Lock()
_cache: dict[str, bytes] = {}


def config_dir() -> Path:
    """The app's configuration folder (see the module doc)."""
    configured = os.environ.get("INPUT_FORMS_CONFIG_DIR")
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / APP_DIR_NAME


def default_key_file() -> Path:
    return config_dir() / "author-key"


def key_source() -> str | Path:
    """Where the key comes from: the environment variable's name, or the key file's path."""
    if os.environ.get("INPUT_FORMS_AUTHOR_KEY"):
        return "INPUT_FORMS_AUTHOR_KEY"
    configured = os.environ.get("INPUT_FORMS_AUTHOR_KEY_FILE")
    return Path(configured).expanduser() if configured else default_key_file()


def _legacy_files(engine: Engine | None) -> list[Path]:
    files = [LEGACY_KEY_FILE]
    database = engine.url.database if engine is not None and engine.dialect.name == "sqlite" else None
    if database and database != ":memory:" and not database.startswith("file:"):
        db = Path(database).expanduser()
        files.insert(0, db.with_name(db.name + ".author-key"))
    return files


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to a new file at ``path`` with mode 0600 (FileExistsError if it exists)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)


def _read_key(path: Path) -> bytes:
    text = path.read_text(encoding="ascii").strip()
    if len(text) < 32:
        raise RuntimeError(f"the author key file {path} is damaged (too short); restore it, or rotate the key")
    return text.encode("ascii")


def _file_key(path: Path, engine: Engine | None) -> bytes:
    if not path.exists():
        legacy = next((f for f in _legacy_files(engine) if f.is_file()), None)
        try:
            # first use: take over an older version's key (so "mine" marks stay), else make a new one
            _write_private(path, legacy.read_text(encoding="ascii").strip() if legacy else secrets.token_hex(32))
        except FileExistsError:
            pass  # a racing process made it: read theirs
        else:
            if legacy is not None:
                legacy.unlink()
                log.warning("moved the author key out of the data folder: %s -> %s", legacy, path)
    return _read_key(path)


def _key(engine: Engine | None) -> bytes:
    configured = os.environ.get("INPUT_FORMS_AUTHOR_KEY")
    if configured:
        return configured.encode("utf-8")
    path = Path(key_source())
    with _lock:
        if str(path) not in _cache:
            _cache[str(path)] = _file_key(path, engine)
        return _cache[str(path)]


def _ref(key: bytes, user_id: int) -> str:
    return hmac.new(key, f"staff-comment-author:{int(user_id)}".encode(), hashlib.sha256).hexdigest()[:32]


def author_ref(user_id: int, engine: Engine | None = None) -> str:
    """The pseudonym of account ``user_id`` (32 hex characters), stable for one key (see the module doc)."""
    return _ref(_key(engine), user_id)


def rotate_key(engine: Engine) -> tuple[Path, int]:
    """A new key in the key file, and every staff comment of a known account re-keyed to it, in one go.

    Returns (key file, comments re-keyed). The new key is written beside the old one first and
    takes its place only after the database commit; if anything fails, the old key stays.
    Raises ValueError when the key comes from INPUT_FORMS_AUTHOR_KEY (change that variable instead).
    """
    source = key_source()
    if not isinstance(source, Path):
        raise ValueError("the author key is set by INPUT_FORMS_AUTHOR_KEY; rotate it by changing that variable "
                         "(the stored pseudonyms then no longer match: 'mine' marks are lost)")
    old_key = _key(engine)
    new_text = secrets.token_hex(32)
    new_key = new_text.encode("ascii")
    pending = source.with_name(source.name + ".new")
    pending.unlink(missing_ok=True)
    _write_private(pending, new_text)
    try:
        with write_tx(engine) as conn:
            user_ids: list[int] = list(conn.execute(select(t.users.c.id)).scalars().all())
            mapping = {_ref(old_key, uid): _ref(new_key, uid) for uid in user_ids}
            rows = conn.execute(select(t.staff_comments.c.id, t.staff_comments.c.author_ref)).all()
            moved = [(row.id, mapping[row.author_ref]) for row in rows if row.author_ref in mapping]
            for comment_id, ref in moved:
                conn.execute(update(t.staff_comments).where(t.staff_comments.c.id == comment_id).values(author_ref=ref))
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    os.replace(pending, source)
    with _lock:
        _cache[str(source)] = new_key
    return source, len(moved)
