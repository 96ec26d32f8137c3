"""Indoor greenery by the floor its plants cover, with diminishing returns (pure functions).

WELL v1 Feature 100 "Biophilia II – quantitative", part 2 (read on
standard.wellcertified.com): potted plants or planted beds cover at least 1 %
of the floor area per floor (a plant wall: 2 % of the floor area). A plant
counts by the floor it covers: its polygon, or one 0.25 m² pot when drawn as
a point (plan-format.md).

The credit rises steeply at first and flattens towards the 1 % target:
``(1 − e^(−k·c/c₀)) / (1 − e^(−k))`` for a cover c of the target c₀, k = 2,
capped at 1. One pot in a 660 m² public floor (0.04 %) is worth 0.085 of this
part; a tenth of the target 0.21; half of it 0.73; the target 1.0.
"""

from __future__ import annotations

import math

from floorplans.model import Furniture, Plan, Room

__all__ = ["PLANT_COVER_TARGET", "STEEPNESS", "greenery_credit", "plants_in"]

#: WELL v1 Feature 100 part 2: plants cover ≥ 1 % of the floor area.
PLANT_COVER_TARGET = 0.01
#: How quickly the credit saturates (higher: the first plants count more).
STEEPNESS = 2.0


def greenery_credit(covered_m2: float, floor_m2: float) -> float:
    """0..1: the credit for plants covering ``covered_m2`` of a ``floor_m2`` floor (diminishing returns)."""
    if floor_m2 <= 0 or covered_m2 <= 0:
        return 0.0
    share = covered_m2 / floor_m2 / PLANT_COVER_TARGET
    return min(1.0, (1.0 - math.exp(-STEEPNESS * share)) / (1.0 - math.exp(-STEEPNESS)))


def plants_in(plan: Plan, rooms: list[Room]) -> list[Furniture]:
    """The plants standing in these rooms (a polygon plant by its representative point)."""
    geoms = [r.geometry for r in rooms]
    out = []
    for plant in plan.plants:
        point = plant.geometry if plant.point is not None else plant.geometry.representative_point()
        if any(g.covers(point) for g in geoms):
            out.append(plant)
    return out
