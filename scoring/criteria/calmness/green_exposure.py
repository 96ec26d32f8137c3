"""green-exposure: share of the public floor within a short walk of, or in view of, green areas and plants."""

from __future__ import annotations

import math

import networkx as nx

from floorplans.model import Plan, RoomKind, View

from ...geometry import polygons_of, room_centre
from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding
from ...routes import room_node, walk_graph
from ..shared import green_targets, isovists, names, ramp

#: A short walk (m) to green (Terrapin P2 non-visual connection: within 10 m of the waiting area).
SHORT_WALK = 10.0
_EXCLUDED = frozenset({RoomKind.wc, RoomKind.wc_accessible, RoomKind.storage, RoomKind.stairs, RoomKind.lift})


def _walk_to_green(plan: Plan, room_id: str, centre: tuple[float, float], targets, from_green: dict[str, float]) -> float:
    """Walk from the room's centre to the nearest green thing: straight within the room, else to the green's room."""
    best = from_green.get(room_node(room_id), math.inf)
    for _, xy, rid in targets:
        if rid == room_id:
            best = min(best, math.dist(centre, xy))
    return best


def _from_green(plan: Plan, targets) -> dict[str, float]:
    sources = {room_node(rid) for _, _, rid in targets if rid is not None}
    g = walk_graph(plan)
    sources &= set(g.nodes)
    if not sources:
        return {}
    return nx.multi_source_dijkstra_path_length(g, sources, weight="weight")


@criterion(
    id="green-exposure",
    area="calmness",
    order=50,
    weight=1.0,
    title="Green exposure",
    description=(
        "Share of the public floor area (rooms by area) within a short walk (10 m) of a green area or plant, "
        "or with green in view from the room's centre (a plant, a green area or a window onto green)."
    ),
    source="Terrapin 14 Patterns P1 visual / P2 non-visual connection with nature; Ulrich 1984; Fitwel views of nature (≥ 51 %)",
    da=Texts(
        title="Grønt i nærheden",
        description=(
            "Den del af det offentlige gulvareal, der ligger inden for 10 meters gang fra planter eller et grønt "
            "område, eller hvorfra man kan se grønt fra rummets midte (en plante, et grønt område eller et vindue ud "
            "mod grønt)."
        ),
        source=(
            "Terrapin 14 Patterns P1 visuel / P2 ikke-visuel forbindelse til naturen; Ulrich 1984; Fitwel udsyn til "
            "natur (≥ 51 %)"
        ),
    ),
)
def green_exposure(plan: Plan, profile: RuleProfile) -> Finding:
    rooms = [r for r in plan.rooms if r.is_public and r.kind not in _EXCLUDED]
    total = sum(r.geometry.area for r in rooms)
    targets = green_targets(plan)
    green_windows = [w for w in plan.windows if w.view == View.green]
    if not rooms or total <= 0:
        return Finding(score=0.0, detail="the plan has no public rooms", threshold=0.75, unit="share of public floor")
    if not targets and not green_windows:
        return Finding(score=0.0, value=0.0, threshold=0.75, unit="share of public floor",
                       detail="no plants, green areas or windows onto green anywhere in the plan", where=[r.id for r in rooms])
    covered, pending, items = 0.0, [], []
    from_green = _from_green(plan, targets)
    for r in rooms:
        c = room_centre(plan, r)
        walk = _walk_to_green(plan, r.id, c, targets, from_green)
        if walk <= SHORT_WALK:
            covered += r.geometry.area
            items.append({"id": r.id, "walk": round(walk, 1), "in_view": None})
        else:
            pending.append((r, c, walk))
    if pending:
        isos = isovists(plan, [c for _, c, _ in pending])
        green_rooms = plan.rooms_of_kind(RoomKind.green_area)
        for (r, _, walk), iso in zip(pending, isos, strict=True):
            poly = iso.polygon.buffer(0.05)
            in_view = (
                any(poly.intersects(p.geometry) for p in plan.plants)
                or any(poly.intersects(w.geometry) for w in green_windows)
                or any(iso.polygon.intersection(g.geometry).area > 1.0 for g in green_rooms)
            )
            if in_view:
                covered += r.geometry.area
            items.append({"id": r.id, "walk": round(walk, 1) if math.isfinite(walk) else None, "in_view": in_view})
    share = covered / total
    without = [r for r in rooms if any(i["id"] == r.id and i["in_view"] is False for i in items)]
    without.sort(key=lambda r: -r.geometry.area)
    detail = f"{share:.0%} of the public floor is within {SHORT_WALK:.0f} m of green or sees it"
    if without:
        detail += "; no green near or in view in " + names([r.label for r in without])
    return Finding(
        score=ramp(share, 0.2, 0.75),
        value=share,
        threshold=0.75,
        unit="share of public floor",
        detail=detail,
        where=[r.id for r in without],
        polygons=polygons_of(without),
        items=items,
    )
