"""reception-counter: the reception has no counter, or a counter with a low section for a wheelchair user.

The exchange format has no counter height; a plan states it in the counter's
properties: ``height`` (m) or ``height_mm`` for the whole counter, or
``low_section`` (true) with optional ``low_section_height`` and
``low_section_length`` (m, or the same names ending in ``_mm``).
"""

from __future__ import annotations

from floorplans.model import Furniture, Plan, RoomKind

from ..geometry import largest_polygon
from ..profiles import RuleProfile
from ..registry import criterion
from ..report import Finding
from ..util import fmt_len, names

COUNTER_TYPES = frozenset({"counter", "reception_counter", "reception_desk", "desk_counter"})


def counters_in(plan: Plan, rooms) -> list[Furniture]:
    geoms = [r.geometry for r in rooms]
    out = []
    for f in plan.furniture:
        if f.type.lower() in COUNTER_TYPES and any(g.intersects(f.geometry) for g in geoms):
            out.append(f)
    return out


def _num(extra: dict, *keys: str) -> float | None:
    """The first numeric property of those names, in metres (a ``<key>_mm`` variant is read too)."""
    for k in keys:
        for key, factor in ((k, 1.0), (f"{k}_mm", 0.001)):
            v = extra.get(key)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return float(v) * factor
    return None


def counter_length(f: Furniture) -> float | None:
    if f.rings is None:
        return None
    rect = largest_polygon(f.geometry).minimum_rotated_rectangle
    c = list(rect.exterior.coords)
    a = ((c[0][0] - c[1][0]) ** 2 + (c[0][1] - c[1][1]) ** 2) ** 0.5
    b = ((c[1][0] - c[2][0]) ** 2 + (c[1][1] - c[2][1]) ** 2) ** 0.5
    return max(a, b)


def low_section(f: Furniture, max_h: float, min_len: float) -> tuple[bool | None, str]:
    """(True/False/None = unknown, why) for one counter."""
    e = f.extra
    h = _num(e, "height")
    low_h = _num(e, "low_section_height", "low_height")
    low_len = _num(e, "low_section_length", "low_section_width", "low_length")
    if e.get("low_section") is True or low_h is not None:
        if low_h is not None and low_h > max_h + 1e-9:
            return False, f"its low section is {low_h:.2f} m high (max {max_h:.2f} m)"
        if low_len is not None and low_len + 1e-9 < min_len:
            return False, f"its low section is only {low_len:.2f} m long (min {min_len:.2f} m)"
        return True, "it has a low section"
    if h is not None:
        if h <= max_h + 1e-9:
            length = counter_length(f)
            if length is not None and length + 1e-9 < min_len:
                return False, f"it is low ({h:.2f} m) but only {length:.2f} m long"
            return True, f"it is {h:.2f} m high"
        return False, f"it is {h:.2f} m high with no low section"
    return None, "its height is not given in the plan"


@criterion(
    id="reception-counter",
    area="accessibility",
    title="Reception counter",
    description="The reception has no counter (staff meet citizens at a table) or a counter with a section low enough for a wheelchair user.",
    source="rule profile: counter height and length (ADA 2010 §904.4.1)",
)
def reception_counter(plan: Plan, profile: RuleProfile) -> Finding:
    h_t, l_t = profile.counter_max_height, profile.counter_min_length
    receptions = plan.rooms_of_kind(RoomKind.reception)
    if not receptions:
        return Finding(score=0.5, passed=None, detail="the plan has no reception room", unit="m", threshold=h_t.value, source=h_t.source)
    counters = counters_in(plan, receptions)
    if not counters:
        return Finding(score=1.0, passed=True if h_t.binding else None, unit="m", threshold=h_t.value, source=h_t.source,
                       detail="no counter in the reception: staff meet citizens at eye level")
    verdicts = [(f, *low_section(f, h_t.value, l_t.value)) for f in counters]
    good = [f for f, ok, _ in verdicts if ok]
    unknown = [f for f, ok, _ in verdicts if ok is None]
    bad = [(f, why) for f, ok, why in verdicts if ok is False]
    if good:
        f = good[0]
        why = next(w for g, ok, w in verdicts if g is f)
        return Finding(score=1.0, passed=True if h_t.binding else None, unit="m", threshold=h_t.value, source=h_t.source,
                       detail=f"counter {f.id}: {why} (≤ {fmt_len(h_t.value)} m)", value=_num(f.extra, "low_section_height", "low_height", "height"))
    if unknown:
        return Finding(score=0.5, passed=None, unit="m", threshold=h_t.value, source=h_t.source, where=[f.id for f in unknown],
                       detail=f"counter {names([f.id for f in unknown])}: height not given; mark a section ≤ {fmt_len(h_t.value)} m high and ≥ {fmt_len(l_t.value)} m long")
    return Finding(score=0.0, passed=False if h_t.binding else None, unit="m", threshold=h_t.value, source=h_t.source, where=[f.id for f, _ in bad],
                   value=min((_num(f.extra, "low_section_height", "low_height", "height") or 99.0) for f, _ in bad),
                   detail="; ".join(f"counter {f.id}: {why}" for f, why in bad))
