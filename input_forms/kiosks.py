"""Kiosks: registered touch-screen devices, each with a secret token, a location label and a place on its plan.

The token is the kiosk's only credential (it goes in the kiosk URL); revoking
a kiosk makes its token useless at once. The link a kiosk opens is built from
the project's public address (set by the facilitator), never from the host the
facilitator's own browser happens to use (often localhost, which no tablet can open).
"""

from __future__ import annotations

import ipaddress
import math
import re
import secrets
from urllib.parse import quote, urlsplit

from shapely.geometry import Point
from shapely.ops import unary_union
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from . import hot_cache
from . import schema as t
from .db import inserted_id, read_tx, utcnow, write_tx
from .errors import Conflict, NotFound, ValidationFailed
from .models import Kiosk, LayoutOption
from .projects import get_option, list_options

__all__ = ["register_kiosk", "kiosk_by_token", "get_kiosk", "revoke_kiosk", "reactivate_kiosk", "list_kiosks",
           "set_kiosk_option", "kiosk_plan", "set_kiosk_place", "clear_kiosk_place", "public_base_url",
           "set_public_base_url", "check_public_base_url", "is_local_address", "kiosk_link"]

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{6,100}$")
#: How far outside the rooms (metres) a kiosk's place may lie: a tap on a wall line still counts.
PLACE_TOLERANCE_M = 0.05
MAX_URL_LENGTH = 500


def _kiosk(row) -> Kiosk:
    here = (float(row.here_x), float(row.here_y)) if row.here_x is not None and row.here_y is not None else None
    return Kiosk(id=row.id, project_id=row.project_id, option_id=row.option_id, location_label=row.location_label,
                 token=row.token, active=bool(row.active), here=here)


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
    """Choose which plan the kiosk shows for pins; its place is kept only if it lies inside that plan too."""
    kiosk = get_kiosk(engine, kiosk_id)
    with write_tx(engine) as conn:
        _check_option(conn, kiosk.project_id, option_id)
        conn.execute(update(t.kiosks).where(t.kiosks.c.id == kiosk_id).values(option_id=option_id))
    hot_cache.clear(engine)
    kiosk = get_kiosk(engine, kiosk_id)
    if kiosk.here is not None:
        option = kiosk_plan(engine, kiosk)
        if option is None or _place_problem(option, *kiosk.here) is not None:
            kiosk = clear_kiosk_place(engine, kiosk_id)
    return kiosk


# --- the kiosk's place on its plan ("you are here") ----------------------------------------------


def kiosk_plan(engine: Engine, kiosk: Kiosk) -> LayoutOption | None:
    """The plan the kiosk shows: its own option, else the project's first; None when the project has none."""
    if kiosk.option_id is not None:
        return get_option(engine, kiosk.option_id)
    options = list_options(engine, kiosk.project_id)
    return options[0] if options else None


def _place_problem(option: LayoutOption, x: float, y: float) -> str | None:
    """Why (x, y) cannot be the kiosk's place on this plan, or None when it lies inside a room."""
    plan = option.plan()
    floor = unary_union([room.geometry for room in plan.rooms])
    if floor.is_empty:
        return f"the plan {option.label} has no rooms"
    if floor.distance(Point(x, y)) <= PLACE_TOLERANCE_M:
        return None
    x0, y0, x1, y1 = floor.bounds
    return (f"({x:g}, {y:g}) lies outside the rooms of the plan {option.label} "
            f"(x {x0:g}..{x1:g}, y {y0:g}..{y1:g} m); choose a point inside a room")


def set_kiosk_place(engine: Engine, kiosk_id: int, x: float, y: float) -> Kiosk:
    """Put the kiosk's "you are here" at (x, y) plan metres; refused unless it lies inside a room of its plan."""
    kiosk = get_kiosk(engine, kiosk_id)
    try:
        fx, fy = float(x), float(y)
    except (TypeError, ValueError):
        raise ValidationFailed(f"kiosk place: give x and y in metres (got x={x!r}, y={y!r})") from None
    if not (math.isfinite(fx) and math.isfinite(fy)):
        raise ValidationFailed(f"kiosk place: x and y must be finite numbers of metres (got x={x!r}, y={y!r})")
    option = kiosk_plan(engine, kiosk)
    if option is None:
        raise ValidationFailed(f"kiosk place: kiosk {kiosk.location_label!r} shows no plan yet; add a layout option first")
    problem = _place_problem(option, fx, fy)
    if problem is not None:
        raise ValidationFailed(f"kiosk place of {kiosk.location_label!r}: {problem}")
    return _set(engine, kiosk_id, here_x=fx, here_y=fy)


def clear_kiosk_place(engine: Engine, kiosk_id: int) -> Kiosk:
    """Forget where the kiosk stands: the citizen's picture then shows no "you are here"."""
    return _set(engine, kiosk_id, here_x=None, here_y=None)


# --- the project's public address (kiosk links and QR codes) ------------------------------------


def check_public_base_url(url: str) -> str:
    """The address, cleaned (no trailing slash); ValidationFailed naming the value unless it is an http(s) URL with
    a host and no query or fragment (a path is fine: an app served under /planner)."""
    text = (url or "").strip() if isinstance(url, str) else ""
    if not text:
        raise ValidationFailed("public address: give the address tablets open the app at, "
                               "e.g. https://planner.example.dk")
    if len(text) > MAX_URL_LENGTH:
        raise ValidationFailed(f"public address: at most {MAX_URL_LENGTH} characters (got {len(text)})")
    shown = text if len(text) <= 80 else text[:77] + "..."
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a port that is no number or out of range
    except ValueError:
        raise ValidationFailed(f"public address {shown!r} is not a valid address "
                               "(e.g. https://planner.example.dk or http://192.168.1.20:8501)") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValidationFailed(f"public address {shown!r} must start with http:// or https://")
    if not parts.hostname:
        raise ValidationFailed(f"public address {shown!r} has no host name (e.g. https://planner.example.dk)")
    if any(c.isspace() for c in text):
        raise ValidationFailed(f"public address {shown!r} must not contain spaces")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValidationFailed(f"public address {shown!r}: give only the address (no ?, # or user name in it)")
    return f"{parts.scheme.lower()}://{parts.netloc}{parts.path.rstrip('/')}"


def is_local_address(url: str) -> bool:
    """True when the address names this computer only (localhost, 127.x, ::1, 0.0.0.0): no tablet can open it."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def public_base_url(engine: Engine, project_id: int) -> str | None:
    """The project's public address, or None while the facilitator has not set it."""
    with engine.connect() as conn:
        row = conn.execute(select(t.projects.c.public_base_url).where(t.projects.c.id == project_id)).first()
    if row is None:
        raise NotFound(f"no project with id {project_id}")
    return row.public_base_url


def set_public_base_url(engine: Engine, project_id: int, url: str | None) -> str | None:
    """Store the project's public address (checked by check_public_base_url); None forgets it."""
    value = None if url is None else check_public_base_url(url)
    with write_tx(engine) as conn:
        if conn.execute(update(t.projects).where(t.projects.c.id == project_id)
                        .values(public_base_url=value)).rowcount == 0:
            raise NotFound(f"no project with id {project_id}")
    return value


def kiosk_link(base_url: str, token: str) -> str:
    """The address a kiosk browser opens (embed=true hides Streamlit's own chrome as well)."""
    return f"{base_url.rstrip('/')}/?kiosk={quote(token, safe='')}&embed=true"


def list_kiosks(engine: Engine, project_id: int) -> list[Kiosk]:
    with read_tx(engine) as conn:
        rows = conn.execute(select(t.kiosks).where(t.kiosks.c.project_id == project_id).order_by(t.kiosks.c.id)).all()
    return [_kiosk(r) for r in rows]
