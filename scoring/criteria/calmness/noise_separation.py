"""noise-separation: quiet and conversation rooms lie a walk and some doors away from noisy rooms."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import networkx as nx

from floorplans.model import Plan

from ...geometry import CONVERSATION_KINDS, NOISY_KINDS, QUIET_KINDS
from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding
from ...routes import passage_node, passages_by_room, polyline, room_node, walk_graph
from ..shared import names, ramp

#: ISO 3382-3 comfort distance r_C with the default Lp,A,S,4m = 48 dB and D2,S = 7 dB (research note §3.4).
COMFORT_DISTANCE = 5.4
#: Walking distance (m) at which separation by distance alone is complete.
FAR = 15.0


def separation(plan: Plan, room_id: str, noisy_ids: set[str]) -> tuple[float, int, list[str]] | None:
    """The worst-separated noisy room: (walking distance to its nearest doorway, doors on the way incl. that one, nodes)."""
    node = room_node(room_id)
    g = walk_graph(plan)
    worst = None
    for nid in sorted(noisy_ids - {room_id}):
        dist, paths = _from_noisy_room(plan, nid)
        if node not in dist:
            continue
        nodes = list(reversed(paths[node]))
        doors = sum(1 for n in nodes if g.nodes[n]["kind"] == "passage" and g.nodes[n]["is_door"])
        cand = (float(dist[node]), doors, nodes)
        if worst is None or _score(*cand[:2]) < _score(*worst[:2]):
            worst = cand
    return worst


@lru_cache(maxsize=256)
def _from_noisy_room(plan: Plan, noisy_id: str) -> tuple[dict, dict]:
    """One walk from every doorway of a noisy room to everywhere (cached per plan and room)."""
    g = walk_graph(plan)
    sources = {passage_node(p.id) for p in passages_by_room(plan).get(noisy_id, [])} & set(g.nodes)
    if not sources:
        return {}, {}
    # the sound leaves by the doorways: the walk does not start back through the noisy room's own centre
    own = room_node(noisy_id)

    def weight(u: str, v: str, data: dict) -> float | None:
        return None if u == own or v == own else data["weight"]

    return nx.multi_source_dijkstra(g, sources, weight=weight)


def _score(distance: float, doors: int) -> float:
    return 0.5 * ramp(distance, 2.0, FAR) + 0.5 * min(doors, 2) / 2


@criterion(
    id="noise-separation",
    area="calmness",
    order=20,
    weight=2.0,
    title="Separation from noise",
    description=(
        "For every quiet room and conversation room: the walking distance and the number of doors "
        "to the nearest noisy room (entrance, reception, waiting, play area, open office). Openings let sound through."
    ),
    source="WELL v2 S01 sound mapping (loud zones apart from quiet ones); ASPECTSS transition zones; ISO 3382-3 comfort distance ≈ 5.4 m",
    da=Texts(
        title="Afstand til støj",
        description=(
            "For hvert stille rum og samtalerum: gangafstanden og antallet af døre til det nærmeste støjende rum "
            "(indgang, reception, venteområde, legeområde, åbent kontor). Åbninger uden dør lukker lyd igennem."
        ),
        source=(
            "WELL v2 S01 lydzoner (støjende zoner adskilt fra stille); ASPECTSS' overgangszoner; ISO 3382-3 "
            "komfortafstand ≈ 5,4 m"
        ),
    ),
)
def noise_separation(plan: Plan, profile: RuleProfile) -> Finding:
    rooms = plan.rooms_of_kind(*QUIET_KINDS, *CONVERSATION_KINDS)
    noisy = {r.id for r in plan.rooms_of_kind(*NOISY_KINDS)}
    if not rooms:
        return Finding(score=0.0, detail="the plan has no quiet or conversation rooms", threshold=COMFORT_DISTANCE, unit="m")
    g = walk_graph(plan)
    items: list[dict[str, Any]] = []
    scores, bad, lines = [], [], []
    for room in rooms:
        if room.id in noisy:
            continue
        sep = separation(plan, room.id, noisy)
        if sep is None:
            scores.append(1.0)
            items.append({"id": room.id, "distance": None, "doors": None})
            continue
        d, doors, nodes = sep
        s = _score(d, doors)
        scores.append(s)
        items.append({"id": room.id, "distance": round(d, 2), "doors": doors, "score": round(s, 3)})
        if s < 0.5:
            bad.append((room, d, doors))
            lines.append(list(polyline(g, nodes)))
    closest = min((i["distance"] for i in items if i["distance"] is not None), default=math.nan)
    if bad:
        bad.sort(key=lambda t: _score(t[1], t[2]))
        detail = f"{len(bad)} of {len(items)} quiet/conversation {'room is' if len(bad) == 1 else 'rooms are'} close to noise: " + names(
            [f"{r.label} ({d:.0f} m, {doors} door{'s' if doors != 1 else ''})" for r, d, doors in bad])
    else:
        detail = f"all {len(items)} quiet and conversation rooms are separated from noisy rooms by distance and doors"
    return Finding(
        score=sum(scores) / len(scores) if scores else 0.0,
        value=closest if math.isfinite(closest) else None,
        threshold=COMFORT_DISTANCE,
        unit="m to the nearest noisy room",
        detail=detail,
        where=[r.id for r, _, _ in bad],
        lines=lines,
        items=items,
    )


__all__ = ["separation", "noise_separation"]
