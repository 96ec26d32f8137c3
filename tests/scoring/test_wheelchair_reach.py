"""Wheelchair reach: the proofs that spare eroding a room give the reach that eroding every room gives."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon

from scoring import get_profile, routes
from scoring.geometry import SURE_FITS
from tests.scoring.plans import box, change, door, mini_centre

PROFILES = ["br18", "ada2010", "iso21542"]


def _curved_office(corners: int = 600) -> list[tuple[float, float]]:
    """The mini centre's office with its south wall drawn as a bulging arc of hundreds of short edges (as imports
    draw curved walls)."""
    arc = [(24 + 4 * math.cos(t), -0.25 - 2.0 * math.sin(t)) for t in np.linspace(0.0, math.pi, corners)]
    return [(20, 2.25), (28, 2.25), (28, -0.25), *arc[1:-1], (20, -0.25), (20, 2.25)]


def _plans():
    curved = change(mini_centre(), "office", rings=[_curved_office()])
    # a refused door (0.70 m) from the office to meeting 3, and tables over the office's middle and between its doors:
    # no straight way from door to door, so only the grid shows the office one piece
    side = curved.with_feature(door("d_narrow", (20, 0.2), (20, 0.9))).with_feature(
        box("t1", "table", 23.0, -0.8, 25.0, 1.2)).with_feature(box("t2", "table", 20.8, 0.6, 22.0, 1.6))
    shut = change(side, "d_m3", points=[(17, 2.25), (17.6, 2.25)])  # meeting 3 then only behind refused doors
    return {"curved": curved, "refused side door": side, "behind refused doors": shut}


def _summary(reach: routes.Reach) -> tuple:
    return (sorted(reach.reachable), sorted(reach.unreachable), sorted(reach.passable),
            [(b.feature_id, b.reason, b.xy) for b in reach.blockers])


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("name", ["curved", "refused side door", "behind refused doors"])
def test_rooms_standing_whole_reach_as_eroding_every_room(name: str, profile: str, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plans()[name]
    rules = get_profile(profile)
    routes.wheelchair_reach.cache_clear()
    proofs: list[bool] = []
    grid = routes._joined_on_grid

    def counted(*args, **kwargs) -> bool:
        proofs.append(grid(*args, **kwargs))
        return proofs[-1]

    monkeypatch.setattr(routes, "_joined_on_grid", counted)
    spared = _summary(routes.wheelchair_reach(plan, rules))
    monkeypatch.setattr(routes._Floor, "one_piece", lambda self, room, features, touch: False)
    routes.wheelchair_reach.cache_clear()
    eroding = _summary(routes.wheelchair_reach(plan, rules))
    routes.wheelchair_reach.cache_clear()
    assert spared == eroding
    if name != "curved":  # one door: nothing to join
        assert True in proofs  # the curved office stood whole on the grid's proof, not eroded
    if name == "behind refused doors":
        assert "m3" in spared[1] and {"d_m3", "d_narrow"} <= {b[0] for b in spared[3]}


def _dumbbell(neck: float) -> Polygon:
    """Two round rooms of hundreds of corners joined by a neck ``neck`` m wide."""
    lobes = shapely.union_all([Point(0, 0).buffer(2.0, quad_segs=128), Point(6, 0).buffer(2.0, quad_segs=128),
                               shapely.box(1.5, -neck / 2, 4.5, neck / 2)])
    return lobes


@pytest.mark.parametrize("neck", [0.5, 0.89, 0.95, 1.2, 2.0])
def test_the_grid_joins_points_only_within_one_piece_of_the_eroded_floor(neck: float) -> None:
    floor = _dumbbell(neck)
    radius = 0.45
    clear = radius + SURE_FITS
    points = [(-1.0, 0.0), (7.0, 0.5)]
    joined = routes._joined_on_grid(floor, floor.boundary, points, clear)
    shrunk = floor.buffer(-radius, quad_segs=4)
    pieces = [p for p in getattr(shrunk, "geoms", [shrunk]) if not p.is_empty]
    together = any(all(p.contains(Point(xy)) for xy in points) for p in pieces)
    if joined:
        assert together
    if neck <= 2 * radius:
        assert not joined
    if neck >= 1.2:  # a neck wide enough for the grid's links
        assert joined
