"""Analyses the designer's score panel and overlays need, tolerant of what scoring offers.

No streamlit here: pages cache these results themselves. Each function
returns ``None`` (with a reason from ``missing``) when the scoring function it
relies on does not exist in this checkout, so the page degrades to a note
instead of a traceback.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from floorplans.model import Plan

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
    "missing",
]

#: Why an overlay is unavailable, by overlay name (filled on first failure).
missing: dict[str, str] = {}


def _import(module: str, name: str) -> Any | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        missing[f"{module}.{name}"] = str(exc)
        return None


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

    @property
    def geometry(self) -> dict[str, list]:
        """The finding's own marks (points, areas, routes) for the plan overlay."""
        return {"points": [list(p) for p in self.points],
                "polygons": [[list(p) for p in ring] for ring in self.polygons],
                "lines": [[list(p) for p in line] for line in self.lines]}

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "fail", None: "—"}[self.passed]


def profile_choices() -> list[str]:
    names = _import("scoring.profiles", "profile_names")
    return list(names()) if names else ["br18"]


def profile_title(name: str) -> str:
    """ "br18" -> "br18 – BR18 (Danish building regulations)" when the profile has a title."""
    get_profile = _import("scoring.profiles", "get_profile")
    try:
        title = get_profile(name).title if get_profile else ""
    except (KeyError, ValueError):
        title = ""
    return f"{name} – {title}" if title and title.lower() != name.lower() else name


def _report(plan: Plan, profile: str, weights: dict[str, float] | None = None):
    score_plan = _import("scoring.engine", "score_plan")
    if score_plan is None:
        return None
    return score_plan(plan, profile, weights)


def overall(plan: Plan, profile: str = "br18", weights: dict[str, float] | None = None) -> tuple[float, float] | None:
    """(calmness, accessibility), each 0..100, or None without a scoring engine."""
    report = _report(plan, profile, weights)
    return (report.calmness, report.accessibility) if report is not None else None


def score_rows(plan: Plan, profile: str = "br18", weights: dict[str, float] | None = None) -> list[ScoreRow]:
    """Every criterion of the plan's score report, calmness first."""
    report = _report(plan, profile, weights)
    if report is None:
        return []
    rows = [
        ScoreRow(id=c.id, area=c.area, title=c.title, score=float(c.score), passed=c.passed, detail=c.detail,
                 where=tuple(c.where), value=c.value, threshold=c.threshold, unit=c.unit,
                 points=tuple(tuple(p) for p in c.points),
                 polygons=tuple(tuple(tuple(p) for p in ring) for ring in c.polygons),
                 lines=tuple(tuple(tuple(p) for p in line) for line in c.lines))
        for c in report.criteria
    ]
    return sorted(rows, key=lambda r: (r.area != "calmness", r.area))


def isovist_polygon(plan: Plan, x: float, y: float):
    """What is visible from (x, y): a shapely polygon, or None outside the building / without scoring."""
    isovist = _import("scoring.visibility.isovist", "isovist")
    if isovist is None:
        return None
    from floorplans.topology import room_at

    if room_at(plan, x, y) is None:
        return None
    try:
        return isovist(plan, (x, y)).polygon
    except (ValueError, RuntimeError) as exc:  # a point on a wall, say
        missing["isovist"] = str(exc)
        return None


@lru_cache(maxsize=16)
def integration_field(plan: Plan, spacing: float = 0.75) -> tuple[list[float], list[float], list[float]] | None:
    """Visual integration per grid cell (xs, ys, values), or None when scoring has no VGA yet.

    Cached per plan object here; the page caches per stored plan version too.
    """
    for module, name in (("scoring.visibility", "vga"), ("scoring.visibility.vga", "vga")):
        vga = _import(module, name)
        if vga is not None:
            break
    else:
        return None
    result = vga(plan, spacing)
    xs, ys = getattr(result, "xs", None), getattr(result, "ys", None)
    values = None
    for attr in ("integration_hh", "integration", "visual_integration"):
        if hasattr(result, attr):
            values = getattr(result, attr)
            break
    if values is None and hasattr(result, "values"):
        vals = result.values
        values = vals.get("integration") if isinstance(vals, dict) else None
    if values is None and isinstance(result, tuple) and len(result) == 3:
        xs, ys, values = result
    if xs is None or values is None:
        missing["vga"] = f"vga() returned {type(result).__name__} without x/y/integration"
        return None
    return [float(v) for v in xs], [float(v) for v in ys], [float(v) for v in values]


#: The VGA overlays: name -> what the values mean (yellow is the highest).
VGA_FIELDS = {
    "local integration": "local visual integration (radius 3): yellow = the most integrated spots of their neighbourhood",
    "entrance steps": "steps from the entrance: how many sight lines (turns) from the way in; yellow = deepest",
}


@lru_cache(maxsize=16)
def vga_field(plan: Plan, measure: str, spacing: float = 0.75) -> tuple[list[float], list[float], list[float]] | None:
    """A VGA measure per grid cell for an overlay (cells where it is undefined left out), or None.

    ``measure``: "local integration" (integration [HH] at radius 3) or "entrance steps" (visual step
    depth from the entrance, or from the lifts and stairs of an upper floor).
    """
    vis = _import("scoring.visibility", "entrance_step_depth")
    vga = _import("scoring.visibility", "vga")
    if vis is None or vga is None:
        return None
    try:
        if measure == "entrance steps":
            points, values = vis(plan, spacing)
            xs, ys = points[:, 0], points[:, 1]
        else:
            result = vga(plan, spacing, measures=("global",), radius=3)
            xs, ys, values = result.xs, result.ys, result["Visual Integration [HH] R3"]
    except (ValueError, KeyError) as exc:  # no entrance and no lift or stairs; an older vga()
        missing[measure] = str(exc)
        return None
    keep = [i for i, v in enumerate(values) if v == v]  # NaN (undefined, unreachable) is left out
    return [float(xs[i]) for i in keep], [float(ys[i]) for i in keep], [float(values[i]) for i in keep]


def wheelchair_route(plan: Plan, room_id: str, profile: str = "br18") -> tuple[Sequence[tuple[float, float]], float, list[str]] | None:
    """The shortest step-free route from a public entrance to the room: (polyline, length m, blockers).

    Only doors and openings a wheelchair passes under the profile are used;
    when none gets there, the blockers say why (from the ordinary walking route).
    """
    routes = _import("scoring.routes", "routes_from_entrances")
    passage_ok = _import("scoring.routes", "passage_ok")
    get_profile = _import("scoring.profiles", "get_profile")
    if routes is None or passage_ok is None or get_profile is None:
        return None
    from floorplans.topology import passages

    rp = get_profile(profile)
    ok = frozenset(p.feature.id for p in passages(plan) if passage_ok(p.feature, rp)[0])
    step_free = routes(plan, ok).get(room_id)
    if step_free is not None:
        return step_free.line, step_free.length, []
    walking = routes(plan).get(room_id)
    if walking is None:
        return (), 0.0, ["no route from an entrance reaches this room"]
    blockers = []
    by_id = plan.by_id
    for node in walking.nodes:
        if not node.startswith(("p:", "passage:")):
            continue
        ref = node.split(":", 1)[1]
        feature = by_id.get(ref)
        if feature is not None and feature.feature in ("door", "opening"):
            good, why = passage_ok(feature, rp)
            if not good:
                blockers.append(why)
    return walking.line, walking.length, blockers or ["the walking route uses a passage a wheelchair cannot pass"]


@lru_cache(maxsize=16)
def noise_levels(plan: Plan) -> tuple[tuple[list[float], list[float], list[float]], dict[str, str]] | None:
    """The sound level in each room for the noise overlay: grid cells (xs, ys, dB(A)) and a "57 dB" note per room.

    Each room's level is its own activity's plus what arrives from the noisy
    rooms (scoring.acoustics); None when scoring has no acoustics.
    """
    cells = _import("scoring.acoustics.network", "level_cells")
    levels = _import("scoring.acoustics.network", "room_levels")
    if cells is None or levels is None:
        return None
    notes = {rid: (f"{lv.total:.0f} dB" if lv.total >= 0 else "< 0 dB") for rid, lv in levels(plan).items() if lv.total > float("-inf")}
    return cells(plan), notes
