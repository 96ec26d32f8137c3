"""door-clear-width: every door a citizen uses is at least the profile's clear width."""

from __future__ import annotations

from floorplans.model import Plan

from ...profiles import RuleProfile
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ..shared import fmt_len, mid, names, public_doors, share

WIDTH = Limit("door_clear_width", en="Clear width of doors", da="Fri bredde i døre")


@criterion(
    id="door-clear-width",
    area="accessibility",
    order=30,
    weight=2.0,
    title="Door clear width",
    description="Every door on a public room or public entrance gives at least the profile's clear width.",
    source="rule profile: door clear width",
    da=Texts(
        title="Fri bredde i døre",
        description="Hver dør til et offentligt rum og hver offentlig indgang er mindst så bred som standardens krav.",
        source="standardens grænse: fri bredde i døre",
    ),
    thresholds=(WIDTH,),
)
def door_clear_width(plan: Plan, profile: RuleProfile) -> Finding:
    th = WIDTH.of(profile)
    doors = public_doors(plan)
    if not doors:
        return Finding.not_applicable("the plan has no doors to public rooms", "planen har ingen døre til offentlige rum", source=th.source, threshold=th.value, unit="m")
    narrow = sorted((d for d in doors if d.width + 1e-9 < th.value), key=lambda d: d.width)
    narrowest = min(d.width for d in doors)
    if narrow:
        listed = names([f"{d.id} ({d.width:.2f} m)" for d in narrow])
        detail = f"{len(narrow)} of {len(doors)} doors {'is' if len(narrow) == 1 else 'are'} narrower than {fmt_len(th.value)} m clear: {listed}"
    else:
        detail = f"all {len(doors)} doors give at least {fmt_len(th.value)} m clear (narrowest {narrowest:.2f} m)"
    return Finding(
        score=share(len(doors) - len(narrow), len(doors)),
        passed=(not narrow) if th.binding else None,
        value=narrowest,
        threshold=th.value,
        unit="m",
        detail=detail,
        where=[d.id for d in narrow],
        points=[mid(d) for d in narrow],
        source=th.source,
        items=[{"id": d.id, "width": round(d.width, 3), "ok": d.width + 1e-9 >= th.value} for d in doors],
    )
