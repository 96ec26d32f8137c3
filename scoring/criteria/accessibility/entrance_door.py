"""entrance-door: the public entrance is wide enough, step-free and opens by itself."""

from __future__ import annotations

from floorplans.model import Plan
from floorplans.topology import arrival_rooms

from ...profiles import RuleProfile
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ..shared import fmt_len, mid, names

WIDTH = Limit("entrance_door_width", en="Clear width of the entrance door", da="Fri bredde i indgangsdøren")
SILL = Limit("max_threshold_mm", en="Highest door threshold", da="Højeste dørtrin")


@criterion(
    id="entrance-door",
    area="accessibility",
    order=10,
    weight=2.0,
    title="Entrance door",
    description="The public entrance door: clear width, threshold height and automatic opening.",
    source="rule profile: entrance door width and threshold; automatic opening is good practice (PAS 6463, ADM 2.13) [R]",
    da=Texts(
        title="Indgangsdøren",
        description="Den offentlige indgangsdør: fri bredde, højde af dørtrin, og om den åbner af sig selv.",
        source="standardens grænser: indgangsdørens fri bredde og dørtrin; automatisk døråbning er god praksis "
               "(PAS 6463, ADM 2.13) (til bekræftelse)",
    ),
    thresholds=(WIDTH, SILL),
)
def entrance_door(plan: Plan, profile: RuleProfile) -> Finding:
    width_t, sill_t = WIDTH.of(profile), SILL.of(profile)
    doors = plan.entrances
    if not doors:
        lifts = plan.rooms_of_kind("lift")
        arrivals = arrival_rooms(plan)
        if lifts:  # an upper floor: the building's entrance is on another level; here one arrives by lift
            return Finding.not_applicable(
                f"no entrance door on this level: it is reached by lift ({', '.join(r.label for r in lifts)}); "
                "check the building's entrance on its own level",
                f"ingen indgangsdør på denne etage: den nås med elevator ({', '.join(r.label for r in lifts)}); "
                "bygningens indgang vurderes på sin egen etage",
                unit="m", threshold=width_t.value, where=[r.id for r in lifts])
        if arrivals:
            return Finding(score=0.0, passed=False, unit="m", threshold=width_t.value, where=[r.id for r in arrivals],
                           detail="no entrance door on this level and no lift: it is reached only by stairs "
                                  f"({', '.join(r.label for r in arrivals)}), with no step-free way in")
        return Finding(score=0.0, passed=False, detail="the plan has no public entrance door", unit="m", threshold=width_t.value)
    results = []
    for d in doors:
        wide = d.width + 1e-9 >= width_t.value
        low = d.threshold_mm <= sill_t.value + 1e-9
        score = 0.4 * wide + 0.3 * low + 0.3 * d.automatic
        if not (wide and low):
            score = min(score, 0.4)
        problems = []
        if not wide:
            problems.append(f"{d.width:.2f} m clear (needs {fmt_len(width_t.value)} m)")
        if not low:
            problems.append(f"a {d.threshold_mm:.0f} mm threshold (max {sill_t.value:.0f} mm)")
        if not d.automatic:
            problems.append("no automatic opening")
        results.append((score, d, wide and low, problems))
    best = max(results, key=lambda r: r[0])
    score, door, ok, problems = best
    if problems:
        detail = f"entrance {door.id}: " + names(problems) + ("" if len(doors) == 1 else f" (best of {len(doors)} entrances)")
    else:
        detail = f"entrance {door.id} is {door.width:.2f} m clear, step-free ({door.threshold_mm:.0f} mm) and automatic"
    binding = width_t.binding or sill_t.binding
    return Finding(
        score=score,
        passed=ok if binding else None,
        value=door.width,
        threshold=width_t.value,
        unit="m",
        detail=detail,
        where=[] if not problems else [door.id],
        points=[mid(door)],
        source=f"{width_t.source}; {sill_t.source}",
        items=[{"id": d.id, "width": d.width, "threshold_mm": d.threshold_mm, "automatic": d.automatic, "ok": o} for _, d, o, _ in results],
    )
