"""meeting-privacy: how much of the waiting area and corridors can see into each conversation room."""

from __future__ import annotations

from floorplans.model import Plan, RoomKind

from ..geometry import polygons_of, room_points
from ..profiles import RuleProfile
from ..registry import criterion
from ..report import Finding
from ..util import names, ramp
from .common import isovists, zone

#: Share of the waiting area and corridors that sees a seat, at which privacy is gone / complete.
EXPOSED, PRIVATE = 0.15, 0.01


@criterion(
    id="meeting-privacy",
    area="calmness",
    title="Privacy of conversation rooms",
    description=(
        "For each conversation room: the share of the waiting area and corridors from which its seats can be seen "
        "(isovists; sight passes through doorways and openings, glazing only as drawn in the plan)."
    ),
    source="trauma-informed design: private spaces for sensitive conversations, no fishbowl (research note §3.7); exposure E (§1.5)",
)
def meeting_privacy(plan: Plan, profile: RuleProfile) -> Finding:
    rooms = plan.rooms_of_kind(RoomKind.meeting_room)
    if not rooms:
        return Finding(score=0.0, detail="the plan has no conversation rooms", threshold=PRIVATE, unit="share seen")
    public = zone(plan, RoomKind.waiting, RoomKind.corridor, RoomKind.entrance, RoomKind.reception, public_only=True)
    area = public.area or 1.0
    points = {r.id: room_points(plan, r, limit=2) for r in rooms}
    flat = [p for r in rooms for p in points[r.id]]
    isos = dict(zip(flat, isovists(plan, flat), strict=True))
    items, scores, seen = [], [], []
    for room in rooms:
        e = max(isos[p].polygon.intersection(public).area / area for p in points[room.id]) if not public.is_empty else 0.0
        s = ramp(e, EXPOSED, PRIVATE)
        scores.append(s)
        items.append({"id": room.id, "exposure": round(e, 3), "score": round(s, 3)})
        if s < 0.5:
            seen.append((room, e))
    worst = max(i["exposure"] for i in items)
    if seen:
        seen.sort(key=lambda t: -t[1])
        detail = f"{len(seen)} of {len(rooms)} conversation rooms can be seen into from the waiting area or corridors: " + names(
            [f"{r.label} ({e:.0%})" for r, e in seen])
    else:
        detail = f"all {len(rooms)} conversation rooms are private (at most {worst:.0%} of the waiting area and corridors sees a seat)"
    return Finding(
        score=sum(scores) / len(scores),
        value=worst,
        threshold=PRIVATE,
        unit="share of waiting/corridor floor that sees a seat",
        detail=detail,
        where=[r.id for r, _ in seen],
        points=[p for r, _ in seen for p in points[r.id]],
        polygons=polygons_of([r for r, _ in seen]),
        items=items,
    )
