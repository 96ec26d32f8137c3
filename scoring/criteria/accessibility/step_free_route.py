"""step-free-route: every public room is reachable from a public entrance in a wheelchair."""

from __future__ import annotations

from floorplans.model import Plan

from ...geometry import polygons_of
from ...profiles import RuleProfile
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ...routes import wheelchair_reach
from ..shared import names, public_rooms, share

WHEELCHAIR = Limit("wheelchair_width", en="Width of a wheelchair", da="Bredde af en kørestol")


@criterion(
    id="step-free-route",
    area="accessibility",
    order=20,
    weight=3.0,
    title="Step-free route to every public room",
    description=(
        "A wheelchair (the profile's width) can reach every public room from a public entrance: "
        "the free floor eroded by half its width, through doors at least the profile's clear width "
        "and thresholds within its limit."
    ),
    source="ADA 2010 §206.2 / ISO 21542 accessible route; BR18 §51–52 step-free access",
    da=Texts(
        title="Trinfri adgang til alle offentlige rum",
        description="Kan en kørestol komme fra indgangen til hvert rum, borgerne bruger, gennem døre, der er brede nok, "
                    "og uden for høje dørtrin?",
        source="ADA 2010 §206.2 / ISO 21542 tilgængelig rute; BR18 §51–52 niveaufri adgang",
    ),
    thresholds=(WHEELCHAIR,),
)
def step_free_route(plan: Plan, profile: RuleProfile) -> Finding:
    reach = wheelchair_reach(plan, profile)
    rooms = public_rooms(plan)
    cut = [r for r in rooms if r.id in reach.unreachable]
    th_source = f"{profile.door_clear_width.source}; {profile.max_threshold_mm.source}; wheelchair {WHEELCHAIR.of(profile).source}"
    if not rooms:
        return Finding.not_applicable("the plan has no public rooms", "planen har ingen offentlige rum", source=th_source)
    blockers = reach.blockers
    if cut:
        why = "; ".join(b.reason for b in blockers[:4]) + (f"; and {len(blockers) - 4} more" if len(blockers) > 4 else "") if blockers else "no passable connection"
        detail = f"{len(cut)} of {len(rooms)} public {'room' if len(cut) == 1 else 'rooms'} cannot be reached in a wheelchair: {names([r.label for r in cut])}. Blocking: {why}"
    else:
        detail = f"all {len(rooms)} public rooms are reachable step-free from the entrance"
    return Finding(
        score=share(len(rooms) - len(cut), len(rooms)),
        passed=not cut,
        value=float(len(cut)),
        threshold=0.0,
        unit="rooms unreachable",
        detail=detail,
        where=[r.id for r in cut] + [b.feature_id for b in blockers if b.feature_id not in {r.id for r in cut}],
        points=[b.xy for b in blockers],
        polygons=polygons_of(cut),
        source=th_source,
        items=[{"id": r.id, "reachable": r.id not in reach.unreachable} for r in rooms],
    )
