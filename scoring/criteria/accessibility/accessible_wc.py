"""accessible-wc: an accessible WC exists, a wheelchair reaches it, and it is large enough."""

from __future__ import annotations

from floorplans.model import Plan, RoomKind

from ...geometry import clearance_circle, free_space, polygons_of
from ...profiles import RuleProfile
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ...routes import wheelchair_reach
from ..shared import fmt_len, names


def _dims(geom) -> tuple[float, float]:
    rect = geom.minimum_rotated_rectangle
    xs = list(rect.exterior.coords)
    a = ((xs[0][0] - xs[1][0]) ** 2 + (xs[0][1] - xs[1][1]) ** 2) ** 0.5
    b = ((xs[1][0] - xs[2][0]) ** 2 + (xs[1][1] - xs[2][1]) ** 2) ** 0.5
    return min(a, b), max(a, b)


WIDTH = Limit("wc_min_width", en="Accessible WC, smallest width", da="Handicaptoilet, mindste bredde")
LENGTH = Limit("wc_min_length", en="Accessible WC, smallest length", da="Handicaptoilet, mindste længde")


@criterion(
    id="accessible-wc",
    area="accessibility",
    order=60,
    weight=2.0,
    title="Accessible WC",
    description="At least one accessible WC: present, reachable step-free, at least the profile's room size, with a turning circle inside.",
    source="rule profile: accessible WC size and turning diameter; BR18 §214–215 (one accessible WC where there are public toilets)",
    da=Texts(
        title="Handicaptoilet",
        description="Der er mindst ét handicaptoilet, der kan nås uden trin, er stort nok og har plads til at vende en kørestol.",
        source="standardens grænser: handicaptoilettets størrelse og vendecirklens diameter; BR18 §214–215 "
               "(ét handicaptoilet, hvor der er offentlige toiletter)",
    ),
    thresholds=(WIDTH, LENGTH),
)
def accessible_wc(plan: Plan, profile: RuleProfile) -> Finding:
    w_t, l_t, d_t = WIDTH.of(profile), LENGTH.of(profile), profile.turning_diameter  # the circle: turning-space's
    source = f"{w_t.source}; {d_t.source}"
    wcs = plan.rooms_of_kind(RoomKind.wc_accessible)
    if not wcs:
        return Finding(score=0.0, passed=False, threshold=w_t.value, unit="m", detail="the plan has no accessible WC (kind wc_accessible)", source=source,
                       where=[r.id for r in plan.rooms_of_kind(RoomKind.wc)])
    reach = wheelchair_reach(plan, profile)
    results = []
    for wc in wcs:
        short, long = _dims(wc.geometry)
        _, r = clearance_circle(free_space(plan, wc))
        reachable = wc.id in reach.reachable
        big = short + 0.005 >= w_t.value and long + 0.005 >= l_t.value
        turn = 2 * r + 0.01 >= d_t.value
        problems = []
        if not reachable:
            problems.append("not reachable in a wheelchair")
        if not big:
            problems.append(f"{short:.2f} × {long:.2f} m, smaller than {fmt_len(w_t.value)} × {fmt_len(l_t.value)} m")
        if not turn:
            problems.append(f"no {fmt_len(d_t.value)} m turning circle (largest {2 * r:.2f} m)")
        score = (0.5 * reachable + 0.25 * big + 0.25 * turn) if reachable else 0.2 * (big + turn) / 2
        results.append((score, wc, problems, short, long))
    score, wc, problems, short, long = max(results, key=lambda t: t[0])
    if problems:
        detail = f"accessible WC {wc.label}: " + names(problems)
    else:
        detail = f"accessible WC {wc.label} ({short:.2f} × {long:.2f} m) is reachable step-free and has a {fmt_len(d_t.value)} m turning circle"
    return Finding(
        score=score,
        passed=(not problems),
        value=short,
        threshold=w_t.value,
        unit="m",
        detail=detail,
        where=[wc.id] if problems else [],
        polygons=polygons_of([wc]) if problems else [],
        source=source,
        items=[{"id": w.id, "short_side": round(s, 3), "long_side": round(lg, 3), "problems": p} for _, w, p, s, lg in results],
    )
