"""Little helpers for criteria: score curves, wording, which doors and rooms count."""

from __future__ import annotations

from functools import lru_cache

from floorplans.model import Door, Plan, Room, RoomKind
from floorplans.topology import passages

__all__ = ["ramp", "share", "plural", "names", "public_doors", "public_rooms", "rooms_by_kind", "mid", "fmt_m"]


def ramp(value: float, bad: float, good: float) -> float:
    """0 at ``bad``, 1 at ``good``, linear between (either direction)."""
    if good == bad:
        return 1.0 if value >= good else 0.0
    t = (value - bad) / (good - bad)
    return max(0.0, min(1.0, t))


def share(ok: int, total: int) -> float:
    return ok / total if total else 1.0


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def names(items: list[str], limit: int = 4) -> str:
    """'a, b and c' (or 'a, b, c, d and 3 more')."""
    if not items:
        return ""
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def fmt_m(value: float) -> str:
    return f"{value:.2f} m"


@lru_cache(maxsize=64)
def _public_doors(plan: Plan) -> tuple[Door, ...]:
    out = []
    for p in passages(plan):
        f = p.feature
        if not isinstance(f, Door):
            continue
        rooms = [plan.room(rid) for rid in p.rooms]
        if (f.entrance and len(rooms) <= 1) or any(r.is_public for r in rooms):
            out.append(f)
    return tuple(out)


def public_doors(plan: Plan) -> list[Door]:
    """Doors citizens use: on a public room's wall, or a public entrance."""
    return list(_public_doors(plan))


_NOT_ROOMS_TO_VISIT = frozenset({RoomKind.stairs, RoomKind.lift, RoomKind.storage})


def public_rooms(plan: Plan, *, visitable: bool = True) -> list[Room]:
    """Public rooms (without stairs, lifts and storage when ``visitable``)."""
    return [r for r in plan.rooms if r.is_public and (not visitable or r.kind not in _NOT_ROOMS_TO_VISIT)]


def rooms_by_kind(plan: Plan, *kinds: RoomKind) -> list[Room]:
    return plan.rooms_of_kind(*kinds)


def mid(feature) -> tuple[float, float]:
    (x1, y1), (x2, y2) = feature.points
    return (round((x1 + x2) / 2, 3), round((y1 + y2) / 2, 3))


def fmt_len(value: float) -> str:
    """A length in metres with 2 decimals, or 3 where the third matters (0.815)."""
    return f"{value:.2f}" if abs(value * 100 - round(value * 100)) < 1e-6 else f"{value:.3f}"
