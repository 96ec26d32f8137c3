"""Analyses the designer's score panel and overlays need: scores, isovist, visual integration, wheelchair route.

No streamlit here (the page caches these results itself): each function turns what scoring
computes into the plain figures, shapes and lists the panels and the plan editor draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from shapely.geometry import Polygon

from floorplans.model import Plan
from floorplans.plausibility import property_problems, size_problems
from floorplans.problems import Problem
from floorplans.topology import passages, room_at
from scoring.acoustics.network import level_cells, room_levels
from scoring.engine import score_plan
from scoring.profiles import get_profile, profile_names
from scoring.routes import passage_ok, routes_from_entrances
from scoring.visibility import entrance_step_depth, isovist, vga

__all__ = [
    "ScoreRow",
    "score_rows",
    "overall",
    "isovist_polygon",
    "integration_field",
    "vga_field",
    "VGA_FIELDS",
    "wheelchair_route",
    "noise_levels",
    "profile_choices",
    "profile_title",
    "plausibility_warnings",
]


@dataclass(frozen=True)
class ScoreRow:
    """One criterion as the score panel lists it."""

    id: str
    area: str
    title: str
    score: float
    passed: bool | None
    detail: str
    where: tuple[str, ...]
    value: float | None = None
    threshold: float | None = None
    unit: str = ""
    points: tuple[tuple[float, float], ...] = ()
    polygons: tuple[tuple[tuple[float, float], ...], ...] = ()
    lines: tuple[tuple[tuple[float, float], ...], ...] = ()
    applicable: bool = True  # False: nothing in the plan for it to judge; it weighs nothing

    @property
    def geometry(self) -> dict[str, list]:
        """The finding's own marks (points, areas, routes) for the plan overlay."""
        return {"points": [list(p) for p in self.points],
                "polygons": [[list(p) for p in ring] for ring in self.polygons],
                "lines": [[list(p) for p in line] for line in self.lines]}

    @property
    def verdict(self) -> str:
        if not self.applicable:
            return "n/a"
        return {True: "pass", False: "fail", None: "—"}[self.passed]


def profile_choices() -> list[str]:
    return profile_names()


def profile_title(name: str) -> str:
    """ "br18" -> "br18 – BR18 (Danish building regulations)" when the profile has a title."""
    title = get_profile(name).title
    return f"{name} – {title}" if title and title.lower() != name.lower() else name


def overall(plan: Plan, profile: str = "br18", weights: dict[str, float] | None = None) -> tuple[float, float]:
    """(calmness, accessibility), each 0..100."""
    report = score_plan(plan, profile, weights)
    return report.calmness, report.accessibility


def score_rows(plan: Plan, profile: str = "br18", weights: dict[str, float] | None = None) -> list[ScoreRow]:
    """Every criterion of the plan's score report, calmness first."""
    report = score_plan(plan, profile, weights)
    rows = [
        ScoreRow(id=c.id, area=c.area, title=c.title, score=float(c.score), passed=c.passed, detail=c.detail,
                 where=tuple(c.where), value=c.value, threshold=c.threshold, unit=c.unit,
                 points=tuple(tuple(p) for p in c.points),
                 polygons=tuple(tuple(tuple(p) for p in ring) for ring in c.polygons),
                 lines=tuple(tuple(tuple(p) for p in line) for line in c.lines), applicable=c.applicable)
        for c in report.criteria
    ]
    return sorted(rows, key=lambda r: (r.area != "calmness", r.area))


@lru_cache(maxsize=16)
def plausibility_warnings(plan: Plan, profile: str = "br18") -> tuple[Problem, ...]:
    """What the plan holds that is probably a slip (floorplans.plausibility), with the profile's accessible WC size:
    rooms of implausible size (scoring leaves them out), sound ratings and heights beyond built construction."""
    rules = get_profile(profile)
    return (*size_problems(plan, (rules.wc_min_width.value, rules.wc_min_length.value)), *property_problems(plan))


def isovist_polygon(plan: Plan, x: float, y: float) -> Polygon | None:
    """What is visible from (x, y), or None for a point outside the building or on a wall."""
    if room_at(plan, x, y) is None:
        return None
    try:
        return isovist(plan, (x, y)).polygon
    except ValueError:  # scoring refuses a point on a wall
        return None


@lru_cache(maxsize=16)
def integration_field(plan: Plan, spacing: float = 0.75) -> tuple[list[float], list[float], list[float]]:
    """Visual integration (HH) per grid cell as (xs, ys, values).

    Cached per plan object here; the page caches per stored plan version too.
    """
    result = vga(plan, spacing)
    return ([float(v) for v in result.xs], [float(v) for v in result.ys],
            [float(v) for v in result.integration_hh])


#: The VGA overlays: name -> what the values mean (yellow is the highest).
VGA_FIELDS = {
    "local integration": "local visual integration (radius 3): yellow = the most integrated spots of their neighbourhood",
    "entrance steps": "steps from the entrance: how many sight lines (turns) from the way in; yellow = deepest",
}


@lru_cache(maxsize=16)
def vga_field(plan: Plan, measure: str, spacing: float = 0.75) -> tuple[list[float], list[float], list[float]] | None:
    """A VGA measure per grid cell for an overlay (cells where it is undefined left out); None without a way in.

    ``measure``: "local integration" (integration [HH] at radius 3) or "entrance steps" (visual step
    depth from the entrance, or from the lifts and stairs of an upper floor).
    """
    try:
        if measure == "entrance steps":
            points, values = entrance_step_depth(plan, spacing)
            xs, ys = points[:, 0], points[:, 1]
        else:
            result = vga(plan, spacing, measures=("global",), radius=3)
            xs, ys, values = result.xs, result.ys, result["Visual Integration [HH] R3"]
    except ValueError:  # the plan has no entrance, lift or stairs to count steps from
        return None
    keep = [i for i, v in enumerate(values) if v == v]  # NaN (undefined, unreachable) is left out
    return [float(xs[i]) for i in keep], [float(ys[i]) for i in keep], [float(values[i]) for i in keep]


def wheelchair_route(plan: Plan, room_id: str, profile: str = "br18") -> tuple[Sequence[tuple[float, float]], float, list[str]]:
    """The shortest step-free route from a public entrance to the room: (polyline, length m, blockers).

    Only doors and openings a wheelchair passes under the profile are used;
    when none gets there, the blockers say why (from the ordinary walking route).
    """
    rp = get_profile(profile)
    ok = frozenset(p.feature.id for p in passages(plan) if passage_ok(p.feature, rp)[0])
    step_free = routes_from_entrances(plan, ok).get(room_id)
    if step_free is not None:
        return step_free.line, step_free.length, []
    walking = routes_from_entrances(plan).get(room_id)
    if walking is None:
        return (), 0.0, ["no route from an entrance reaches this room"]
    blockers = []
    by_id = plan.by_id
    for node in walking.nodes:
        if not node.startswith("passage:"):
            continue
        feature = by_id.get(node.split(":", 1)[1])
        if feature is not None and feature.feature in ("door", "opening"):
            good, why = passage_ok(feature, rp)
            if not good:
                blockers.append(why)
    return walking.line, walking.length, blockers or ["the walking route uses a passage a wheelchair cannot pass"]


@lru_cache(maxsize=16)
def noise_levels(plan: Plan) -> tuple[tuple[list[float], list[float], list[float]], dict[str, str]]:
    """The sound level in each room for the noise overlay: grid cells (xs, ys, dB(A)) and a "57 dB" note per room.

    Each room's level is its own activity's plus what arrives from the noisy
    rooms (scoring.acoustics).
    """
    notes = {rid: (f"{lv.total:.0f} dB" if lv.total >= 0 else "< 0 dB")
             for rid, lv in room_levels(plan).items() if lv.total > float("-inf")}
    return level_cells(plan), notes
