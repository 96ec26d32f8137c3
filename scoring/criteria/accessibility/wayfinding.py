"""wayfinding: how many decisions and turns the walk from the entrance to each conversation room takes."""

from __future__ import annotations

import math
from typing import Any

from floorplans.model import Plan, RoomKind

from ...profiles import RuleProfile
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ...routes import passages_by_room, routes_from_entrances, walk_graph
from ..shared import names, ramp

#: A change of heading larger than this is a turn.
TURN_DEG = 40.0
#: Segments shorter than this do not count towards turns (door jambs, tiny jogs).
MIN_LEG = 0.6


def count_turns(line: list[tuple[float, float]]) -> int:
    """Direction changes over ``TURN_DEG`` along a polyline (short legs merged)."""
    pts = [line[0]] if line else []
    for p in line[1:]:
        if math.dist(p, pts[-1]) >= MIN_LEG:
            pts.append(p)
    turns = 0
    for a, b, c in zip(pts, pts[1:], pts[2:], strict=False):
        h1 = math.atan2(b[1] - a[1], b[0] - a[0])
        h2 = math.atan2(c[1] - b[1], c[0] - b[0])
        delta = abs((h2 - h1 + math.pi) % (2 * math.pi) - math.pi)
        if math.degrees(delta) > TURN_DEG:
            turns += 1
    return turns


DECISIONS = Limit("max_decisions", en="Choices of way on the walk to a conversation room",
                  da="Valg af vej på vej til samtalerum")


@criterion(
    id="wayfinding",
    area="accessibility",
    order=90,
    weight=1.0,
    title="Wayfinding to conversation rooms",
    description=(
        "Decision points (rooms passed where more than one way leads on) and direction changes "
        "on the walk from the entrance to each conversation room; fewer is easier to find."
    ),
    source="PAS 6463:2022 §6 wayfinding; ASPECTSS spatial sequencing (research note §2.2: ≤ 2 decision points)",
    da=Texts(
        title="At finde vej til samtalerummene",
        description="Hvor mange gange man skal vælge vej og skifte retning fra indgangen til hvert samtalerum; "
                    "jo færre, jo lettere er det at finde.",
        source="PAS 6463:2022 §6 om at finde vej; ASPECTSS' rumlige rækkefølge (forskningsnotat §2.2: ≤ 2 valg af vej)",
    ),
    thresholds=(DECISIONS,),
)
def wayfinding(plan: Plan, profile: RuleProfile) -> Finding:
    th = DECISIONS.of(profile)
    targets = plan.rooms_of_kind(RoomKind.meeting_room)
    if not targets:
        return Finding.not_applicable("the plan has no conversation rooms (meeting_room)", "planen har ingen samtalerum",
                                      threshold=th.value, unit="decisions", source=th.source)
    routes = routes_from_entrances(plan)
    g = walk_graph(plan)
    by_room = passages_by_room(plan)
    items: list[dict[str, Any]] = []
    scores, hard, unreachable, lines = [], [], [], []
    for room in targets:
        rt = routes.get(room.id)
        if rt is None:
            unreachable.append(room)
            scores.append(0.0)
            continue
        passed_rooms = [rid for rid in rt.rooms(g) if rid != room.id]
        decisions = sum(1 for rid in passed_rooms if len(by_room.get(rid, [])) >= 3)
        turns = count_turns(list(rt.line))
        s = 0.7 * ramp(decisions, th.value + 4, th.value) + 0.3 * ramp(turns, 8, 3)
        scores.append(s)
        items.append({"id": room.id, "decisions": decisions, "turns": turns})
        if decisions > th.value:
            hard.append((room, decisions, turns))
            lines.append(list(rt.line))
    worst = max((i["decisions"] for i in items), default=0)
    mean_turns = sum(i["turns"] for i in items) / len(items) if items else 0.0
    parts = []
    if hard:
        parts.append(f"{len(hard)} of {len(targets)} conversation {'room needs' if len(hard) == 1 else 'rooms need'} more than {th.value:.0f} decisions from the entrance: "
                     + names([f"{r.label} ({d} decisions, {t} turns)" for r, d, t in hard]))
    if unreachable:
        parts.append("no route to " + names([r.label for r in unreachable]))
    if not parts:
        parts.append(f"every conversation room is at most {worst} decisions from the entrance (mean {mean_turns:.1f} turns)")
    return Finding(
        score=sum(scores) / len(scores),
        passed=(not hard and not unreachable) if th.binding else None,
        value=float(worst),
        threshold=th.value,
        unit="decisions",
        detail="; ".join(parts),
        where=[r.id for r, _, _ in hard] + [r.id for r in unreachable],
        lines=lines,
        source=th.source,
        items=items,
    )
