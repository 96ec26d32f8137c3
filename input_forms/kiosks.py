"""Kiosks: registered touch-screen devices, each with a secret token and a location label.

The token is the kiosk's only credential (it goes in the kiosk URL); revoking
a kiosk makes its token useless at once.
"""

from __future__ import annotations

import re
import secrets

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from . import hot_cache
from . import schema as t
from .db import inserted_id, read_tx, utcnow, write_tx
from .errors import Conflict, NotFound, ValidationFailed
from .models import Kiosk

__all__ = ["register_kiosk", "kiosk_by_token", "get_kiosk", "revoke_kiosk", "reactivate_kiosk", "list_kiosks",
           "set_kiosk_option"]

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{6,100}$")


def _kiosk(row) -> Kiosk:
    return Kiosk(id=row.id, project_id=row.project_id, option_id=row.option_id, location_label=row.location_label,
                 token=row.token, active=bool(row.active))


def _check_option(conn, project_id: int, option_id: int | None) -> None:
    if option_id is None:
        return
    row = conn.execute(select(t.layout_options.c.project_id).where(t.layout_options.c.id == option_id)).first()
    if row is None or row.project_id != project_id:
        raise ValidationFailed(f"option_id {option_id} is not an option of project {project_id}")


def register_kiosk(engine: Engine, project_id: int, location_label: str, option_id: int | None = None,
                   token: str | None = None) -> Kiosk:
    """A new active kiosk; ``token`` defaults to a fresh random secret (give one only for demos)."""
    label = (location_label or "").strip()
    if not label or len(label) > 200:
        raise ValidationFailed("location_label: give a place name of 1-200 characters (e.g. 'Reception, ground floor')")
    token = token or secrets.token_urlsafe(16)
    if not TOKEN_RE.match(token):
        raise ValidationFailed("token: use 6-100 letters, digits, '-' or '_'")
    with write_tx(engine) as conn:
        if conn.execute(select(t.projects.c.id).where(t.projects.c.id == project_id)).first() is None:
            raise NotFound(f"no project with id {project_id}")
        _check_option(conn, project_id, option_id)
        if conn.execute(select(t.kiosks.c.id).where(t.kiosks.c.token == token)).first():
            raise Conflict("that kiosk token is already in use")
        try:
            kiosk_id = inserted_id(conn.execute(insert(t.kiosks).values(project_id=project_id, option_id=option_id,
                                                            location_label=label, token=token, active=True,
                                                            created_at=utcnow())))
        except IntegrityError:
            raise Conflict("that kiosk token is already in use") from None
    return get_kiosk(engine, kiosk_id)


def get_kiosk(engine: Engine, kiosk_id: int) -> Kiosk:
    with engine.connect() as conn:
        row = conn.execute(select(t.kiosks).where(t.kiosks.c.id == kiosk_id)).first()
    if row is None:
        raise NotFound(f"no kiosk with id {kiosk_id}")
    return _kiosk(row)


def kiosk_by_token(engine: Engine, token: str) -> Kiosk | None:
    """The active kiosk with this token, or None if the token is unknown or revoked."""
    if not token or not isinstance(token, str) or len(token) > 100:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(t.kiosks).where((t.kiosks.c.token == token) & t.kiosks.c.active.is_(True))).first()
    return _kiosk(row) if row else None


def _set(engine: Engine, kiosk_id: int, **values) -> Kiosk:
    with write_tx(engine) as conn:
        if conn.execute(update(t.kiosks).where(t.kiosks.c.id == kiosk_id).values(**values)).rowcount == 0:
            raise NotFound(f"no kiosk with id {kiosk_id}")
    hot_cache.clear(engine)
    return get_kiosk(engine, kiosk_id)


def revoke_kiosk(engine: Engine, kiosk_id: int) -> Kiosk:
    """The kiosk's token stops working at once; its stored feedback stays."""
    return _set(engine, kiosk_id, active=False)


def reactivate_kiosk(engine: Engine, kiosk_id: int) -> Kiosk:
    return _set(engine, kiosk_id, active=True)


def set_kiosk_option(engine: Engine, kiosk_id: int, option_id: int | None) -> Kiosk:
    """Choose which plan the kiosk shows for pins."""
    kiosk = get_kiosk(engine, kiosk_id)
    with write_tx(engine) as conn:
        _check_option(conn, kiosk.project_id, option_id)
        conn.execute(update(t.kiosks).where(t.kiosks.c.id == kiosk_id).values(option_id=option_id))
    hot_cache.clear(engine)
    return get_kiosk(engine, kiosk_id)


def list_kiosks(engine: Engine, project_id: int) -> list[Kiosk]:
    with read_tx(engine) as conn:
        rows = conn.execute(select(t.kiosks).where(t.kiosks.c.project_id == project_id).order_by(t.kiosks.c.id)).all()
    return [_kiosk(r) for r in rows]
