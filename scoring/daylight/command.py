"""``python -m scoring daylight``: the per-room daylight table, and the Radiance map when asked for."""

from __future__ import annotations

import math

from floorplans.drawing import save_plan_image
from floorplans.model import Plan

from .glazing import DF_MINIMUM, GLASS_RULE
from .radiance import DRAFT_PARAMS, DaylightMap, daylight_map
from .rooms import plan_daylight, rooms_to_light

__all__ = ["daylight_command", "daylight_table"]


def daylight_table(plan: Plan, traced: DaylightMap | None = None) -> str:
    """One line per room where people stay: floor, glass, BR18 ratio, BRE average DF (and the traced mean)."""
    rooms = rooms_to_light(plan)
    head = f"{'room':<24} {'floor m²':>8} {'glass m²':>8} {'corr. m²':>8} {'ratio':>6} {'≥10%':>5} {'DF BRE':>7}"
    if traced is not None:
        head += f" {'DF map':>7}"
    lines = [f"{plan.name}: daylight of the public rooms where people stay", head, "-" * len(head)]
    for room, d in zip(rooms, plan_daylight(plan, rooms), strict=True):
        line = (f"{room.label[:24]:<24} {d.floor_area:8.1f} {d.glass_area:8.2f} {d.corrected_glass:8.2f} "
                f"{d.glass_ratio:6.1%} {'yes' if d.meets_glass_rule else 'NO':>5} {d.daylight_factor:6.2f}%")
        if traced is not None:
            mean = traced.room_mean(room.id)
            line += f" {mean:6.2f}%" if math.isfinite(mean) else f" {'-':>7}"
        lines.append(line)
    lines.append(f"BR18 §379: corrected glass ≥ {GLASS_RULE:.0%} of the floor; EN 17037 minimum ≈ {DF_MINIMUM} % "
                 "(300 lx on half the floor); DF BRE = T·Aw·θ / (A·(1−R²)) with R = 0.5")
    return "\n".join(lines)


def daylight_command(plan: Plan, output: str | None, grid: float, draft: bool = False) -> str:
    """The table; with ``output``, trace the map with Radiance, draw it there and add its room means."""
    if output is None:
        return daylight_table(plan)
    traced = daylight_map(plan, grid=grid, **({"params": DRAFT_PARAMS} if draft else {}))
    save_plan_image(plan, output, heat=(traced.xs, traced.ys, traced.df), heat_label="daylight factor % (CIE overcast sky)",
                    title=f"{plan.name}: daylight factor at 0.85 m", legend=False)
    return daylight_table(plan, traced) + f"\nwrote {output}: {len(traced.df)} points on a {grid:g} m grid"
