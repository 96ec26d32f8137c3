"""The 'what would make your visit calmer?' list: defaults, and the facilitator's edits per project.

Items are never deleted, only deactivated: stored feedback refers to them by key.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, insert, select, update

from . import hot_cache
from . import schema as t
from .db import read_tx, write_tx
from .errors import NotFound, ValidationFailed
from .models import CalmerItem

__all__ = ["CALMER_ITEMS", "list_calmer_items", "set_calmer_items", "insert_default_items"]

#: The default list (key, Danish label, English label).
CALMER_ITEMS: tuple[CalmerItem, ...] = (
    CalmerItem(key="quiet_corner", label_da="Et stille hjørne", label_en="A quiet corner"),
    CalmerItem(key="plants", label_da="Planter", label_en="Plants"),
    CalmerItem(key="daylight", label_da="Mere dagslys", label_en="More daylight"),
    CalmerItem(key="privacy", label_da="Privatliv i samtaler", label_en="Privacy in conversations"),
    CalmerItem(key="less_waiting", label_da="Kortere ventetid", label_en="Less waiting"),
    CalmerItem(key="clearer_signs", label_da="Tydeligere skilte", label_en="Clearer signs"),
    CalmerItem(key="friendly_reception", label_da="Venlig modtagelse", label_en="A friendly reception"),
    CalmerItem(key="comfortable_seats", label_da="Behagelige stole", label_en="Comfortable seats"),
)


def insert_default_items(conn: Connection, project_id: int) -> None:
    conn.execute(insert(t.calmer_items), [
        {"project_id": project_id, "key": i.key, "label_da": i.label_da, "label_en": i.label_en, "active": True,
         "position": n} for n, i in enumerate(CALMER_ITEMS)])


def list_calmer_items(engine: Engine, project_id: int, include_inactive: bool = False) -> list[CalmerItem]:
    """The project's items in display order (active ones only unless asked)."""
    c = t.calmer_items
    query = select(c).where(c.c.project_id == project_id).order_by(c.c.position, c.c.id)
    if not include_inactive:
        query = query.where(c.c.active.is_(True))
    with read_tx(engine) as conn:
        rows = conn.execute(query).all()
    return [CalmerItem(key=r.key, label_da=r.label_da, label_en=r.label_en, active=bool(r.active)) for r in rows]


def set_calmer_items(engine: Engine, project_id: int, items: Iterable[CalmerItem | dict]) -> list[CalmerItem]:
    """Replace the project's list: given items in this order (added or updated); others are deactivated."""
    try:
        parsed = [i if isinstance(i, CalmerItem) else CalmerItem.model_validate(i) for i in items]
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ValidationFailed(f"calmer item {'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    keys = [i.key for i in parsed]
    if len(set(keys)) != len(keys):
        dup = next(k for k in keys if keys.count(k) > 1)
        raise ValidationFailed(f"calmer item key {dup!r} appears twice")
    c = t.calmer_items
    with write_tx(engine) as conn:
        if conn.execute(select(t.projects.c.id).where(t.projects.c.id == project_id)).first() is None:
            raise NotFound(f"no project with id {project_id}")
        existing = {r.key for r in conn.execute(select(c.c.key).where(c.c.project_id == project_id))}
        conn.execute(update(c).where(c.c.project_id == project_id).values(active=False, position=len(parsed) + 1000))
        for position, item in enumerate(parsed):
            values = {"label_da": item.label_da, "label_en": item.label_en, "active": item.active, "position": position}
            if item.key in existing:
                conn.execute(update(c).where((c.c.project_id == project_id) & (c.c.key == item.key)).values(**values))
            else:
                conn.execute(insert(c).values(project_id=project_id, key=item.key, **values))
    hot_cache.clear(engine)
    return list_calmer_items(engine, project_id, include_inactive=True)
