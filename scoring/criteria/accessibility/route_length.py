"""route-length: walking distance from the entrance to the places a citizen goes, along the real path."""

from __future__ import annotations

from floorplans.model import Plan, Room, RoomKind

from ...profiles import RuleProfile, Threshold
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ...routes import Route, routes_from_entrances
from ..shared import names, ramp

TO_RECEPTION = Limit("route_to_reception", en="Walk from the entrance to the reception", da="Gangafstand fra indgang til reception")
TO_WAITING = Limit("route_to_waiting", en="Walk from the entrance to the waiting area", da="Gangafstand fra indgang til venteområde")
TO_MEETING = Limit("route_to_meeting", en="Walk from the entrance to a conversation room",
                   da="Gangafstand fra indgang til samtalerum")
TO_WC = Limit("route_to_wc", en="Walk from the entrance to the accessible WC", da="Gangafstand fra indgang til handicaptoilet")


def destinations(plan: Plan, profile: RuleProfile) -> list[tuple[str, list[Room], Threshold]]:
    """(label, candidate rooms — the nearest counts, limit) for each destination."""
    out: list[tuple[str, list[Room], Threshold]] = []
    for label, kind, limit in (
        ("reception", RoomKind.reception, TO_RECEPTION),
        ("waiting area", RoomKind.waiting, TO_WAITING),
        ("accessible WC", RoomKind.wc_accessible, TO_WC),
    ):
        rooms = plan.rooms_of_kind(kind)
        if rooms:
            out.append((label, rooms, limit.of(profile)))
    for room in plan.rooms_of_kind(RoomKind.meeting_room):
        out.append((room.label, [room], TO_MEETING.of(profile)))
    return out


@criterion(
    id="route-length",
    area="accessibility",
    order=70,
    weight=1.0,
    title="Route length from the entrance",
    description=(
        "Walking distance from the public entrance to the reception, the waiting area, each conversation room "
        "and the accessible WC, measured along the real path through doors."
    ),
    source="rule profile: route-length guidance (UK ADM §5.10 / BS 8300-2 for the WC; project guidance otherwise)",
    da=Texts(
        title="Gangafstand fra indgangen",
        description="Den faktiske gangafstand gennem dørene fra indgangen til receptionen, venteområdet, hvert samtalerum "
                    "og handicaptoilettet.",
        source="standardens anbefalede gangafstande (UK ADM §5.10 / BS 8300-2 for handicaptoilettet; "
               "ellers projektets egne anbefalinger)",
    ),
    thresholds=(TO_RECEPTION, TO_WAITING, TO_MEETING, TO_WC),
)
def route_length(plan: Plan, profile: RuleProfile) -> Finding:
    routes = routes_from_entrances(plan)
    dests = destinations(plan, profile)
    if not dests:
        return Finding.not_applicable("the plan has none of the destinations (reception, waiting, meeting rooms, accessible WC)",
                                      "planen har ingen af målene (reception, venteområde, samtalerum, handicaptoilet)")
    items, scores, lines, too_long, missing = [], [], [], [], []
    worst: tuple[float, float, float] | None = None  # (ratio, length, limit)
    for label, rooms, limit in dests:
        found: list[Route] = [routes[r.id] for r in rooms if r.id in routes]
        if not found:
            missing.append((label, rooms))
            scores.append(0.0)
            items.append({"to": label, "rooms": [r.id for r in rooms], "length": None, "limit": limit.value})
            continue
        best = min(found, key=lambda rt: rt.length)
        s = ramp(best.length, 2 * limit.value, limit.value)
        scores.append(s)
        lines.append(list(best.line))
        items.append({"to": label, "room": best.target, "length": round(best.length, 2), "limit": limit.value})
        if best.length > limit.value:
            too_long.append((label, best, limit))
        ratio = best.length / limit.value
        if worst is None or ratio > worst[0]:
            worst = (ratio, best.length, limit.value)
    parts = []
    if missing:
        parts.append("no walking route from the entrance to " + names([lbl for lbl, _ in missing]))
    if too_long:
        parts.append(names([f"{lbl} {rt.length:.0f} m (guide {lim.value:.0f} m)" for lbl, rt, lim in too_long]) + " too far")
    if not parts:
        lengths = [i["length"] for i in items if i["length"] is not None]
        parts.append(f"all {len(items)} destinations within their guide distances (longest walk {max(lengths):.0f} m)")
    binding = any(lim.binding for _, _, lim in dests)
    failed = bool(missing or too_long)
    return Finding(
        score=sum(scores) / len(scores),
        passed=(not failed) if binding else None,
        value=worst[1] if worst else None,
        threshold=worst[2] if worst else None,
        unit="m",
        detail="; ".join(parts),
        where=[rt.target for _, rt, _ in too_long] + [r.id for _, rooms in missing for r in rooms],
        lines=lines,
        items=items,
    )
