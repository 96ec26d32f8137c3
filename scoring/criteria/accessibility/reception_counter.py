"""reception-counter: the reception has no counter, or a counter with a low section for a wheelchair user.

The exchange format has no counter height; a plan states it in the counter's
properties: ``height`` (m) or ``height_mm`` for the whole counter, or
``low_section`` (true) with optional ``low_section_height`` and
``low_section_length`` (m, or the same names ending in ``_mm``).
"""

from __future__ import annotations

from floorplans.model import Furniture, Plan, RoomKind

from ...profiles import RuleProfile
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ..shared import counter_length, counters_in, fmt_len, mid, names, number_prop


def low_section(f: Furniture, max_h: float, min_len: float) -> tuple[bool | None, str]:
    """(True/False/None = unknown, why) for one counter."""
    e = f.extra
    h = number_prop(e, "height")
    low_h = number_prop(e, "low_section_height", "low_height")
    low_len = number_prop(e, "low_section_length", "low_section_width", "low_length")
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


HEIGHT = Limit("counter_max_height", en="Counter, height of the low section", da="Skranke, højde af den lave del")
LENGTH = Limit("counter_min_length", en="Counter, length of the low section", da="Skranke, længde af den lave del")


@criterion(
    id="reception-counter",
    area="accessibility",
    order=80,
    weight=1.0,
    title="Reception counter",
    description="The reception has no counter (staff meet citizens at a table) or a counter with a section low enough for a wheelchair user.",
    source="rule profile: counter height and length (ADA 2010 §904.4.1)",
    da=Texts(
        title="Receptionens skranke",
        description="Receptionen har ingen skranke (man mødes ved et bord) eller en skranke med en del, der er lav nok "
                    "for en kørestolsbruger.",
        source="standardens grænser: skrankens højde og længde (ADA 2010 §904.4.1)",
    ),
    thresholds=(HEIGHT, LENGTH),
)
def reception_counter(plan: Plan, profile: RuleProfile) -> Finding:
    h_t, l_t = HEIGHT.of(profile), LENGTH.of(profile)
    receptions = plan.rooms_of_kind(RoomKind.reception)
    if not receptions:
        entrances = plan.entrances
        if not entrances:  # an upper floor (or a wing) one does not enter from outside: the reception is elsewhere
            return Finding.not_applicable(
                "no public entrance and no reception on this floor: the reception is judged where citizens come in",
                "ingen offentlig indgang og ingen reception på denne etage: receptionen vurderes, hvor borgerne kommer ind",
                unit="m", threshold=h_t.value, source=h_t.source)
        doors = [d.id for d in entrances]
        return Finding(
            score=0.0, passed=False if h_t.binding else None, unit="m", threshold=h_t.value, source=h_t.source, where=doors,
            points=[mid(d) for d in entrances],
            detail=(f"citizens come in by {names(doors)} but the floor has no reception: make a room by the entrance a "
                    f"reception with a counter section ≤ {fmt_len(h_t.value)} m high (or a table)"),
            detail_da=(f"borgerne kommer ind ad {names(doors).replace(' and ', ' og ')}, men etagen har ingen reception: indret et "
                       f"rum ved indgangen som reception med en skrankedel på højst {fmt_len(h_t.value).replace('.', ',')} m "
                       "(eller et bord)"))
    counters = counters_in(plan, receptions)
    if not counters:
        return Finding(score=1.0, passed=True if h_t.binding else None, unit="m", threshold=h_t.value, source=h_t.source,
                       detail="no counter in the reception: staff meet citizens at eye level",
                       detail_da="ingen skranke i receptionen: medarbejderne møder borgerne i øjenhøjde")
    verdicts = [(f, *low_section(f, h_t.value, l_t.value)) for f in counters]
    good = [f for f, ok, _ in verdicts if ok]
    unknown = [f for f, ok, _ in verdicts if ok is None]
    bad = [(f, why) for f, ok, why in verdicts if ok is False]
    if good:
        f = good[0]
        why = next(w for g, ok, w in verdicts if g is f)
        return Finding(score=1.0, passed=True if h_t.binding else None, unit="m", threshold=h_t.value, source=h_t.source,
                       detail=f"counter {f.id}: {why} (≤ {fmt_len(h_t.value)} m)", value=number_prop(f.extra, "low_section_height", "low_height", "height"))
    if unknown:
        return Finding(score=0.5, passed=None, unit="m", threshold=h_t.value, source=h_t.source, where=[f.id for f in unknown],
                       detail=f"counter {names([f.id for f in unknown])}: height not given; mark a section ≤ {fmt_len(h_t.value)} m high and ≥ {fmt_len(l_t.value)} m long")
    return Finding(score=0.0, passed=False if h_t.binding else None, unit="m", threshold=h_t.value, source=h_t.source, where=[f.id for f, _ in bad],
                   value=min((number_prop(f.extra, "low_section_height", "low_height", "height") or 99.0) for f, _ in bad),
                   detail="; ".join(f"counter {f.id}: {why}" for f, why in bad))
