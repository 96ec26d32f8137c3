"""Facts a kiosk submission took from the process cache, checked again inside its write transaction.

Why: ``hot_cache`` saves a kiosk's tap the same few reads, but with several app
servers another process may have switched an item off or changed the plan a
moment ago. The cache is only a hint: the write transaction re-reads the
active item keys and the pinned option's version (one query each per batch),
and a changed fact makes the submission start over from the database
(``Stale``), so a stale cache can delay an entry by one round trip but never
let a wrong one in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select, tuple_

from . import schema as t

__all__ = ["Facts", "Stale", "stale_facts"]


class Stale(Exception):
    """A cached fact changed meanwhile (in any process): check the entry again from the database."""


@dataclass(frozen=True)
class Facts:
    """What a submission's checks relied on: the project's item keys it chose and the pinned option's version."""

    project_id: int
    items: tuple[str, ...] = ()
    pin_option_id: int | None = None
    pin_version: int | None = None


def stale_facts(conn: Connection, facts: Sequence[Facts]) -> list[bool]:
    """For each submission, True if one of its facts no longer holds in the database."""
    wanted = {(f.project_id, key) for f in facts for key in f.items}
    active: set[tuple[int, str]] = set()
    if wanted:
        c = t.calmer_items
        active = {(r.project_id, r.key) for r in conn.execute(
            select(c.c.project_id, c.c.key).where(c.c.active.is_(True) & tuple_(c.c.project_id, c.c.key).in_(sorted(wanted))))}
    pinned = sorted({f.pin_option_id for f in facts if f.pin_option_id is not None})
    versions: dict[int, tuple[int, int]] = {}
    if pinned:
        o = t.layout_options
        versions = {r.id: (r.project_id, r.version) for r in conn.execute(
            select(o.c.id, o.c.project_id, o.c.version).where(o.c.id.in_(pinned)))}
    return [
        any((f.project_id, key) not in active for key in f.items)
        or (f.pin_option_id is not None and versions.get(f.pin_option_id) != (f.project_id, f.pin_version))
        for f in facts
    ]
