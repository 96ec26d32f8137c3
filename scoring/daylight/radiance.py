"""A daylight-factor map under a CIE overcast sky, traced with Radiance (optional extra: pyradiance).

The plan is extruded into a Radiance scene: each room a box of its own ceiling
height (floor reflectance 0.2, walls 0.5, ceiling 0.8: a light room whose
mean reflectance is the 0.5 the BRE formula assumes); each wall piece of a
room's outline is solid except where a door (up to 2.1 m), an opening (full
height) or a window (glass from sill to head, of the window's light
transmittance) lies on it. The sky is Radiance's CIE overcast sky
(``gensky -c``) scaled to 10 000 lx of horizontal diffuse illuminance, with a
ground of reflectance 0.2; nothing outside the building obstructs it. Upward
irradiance at 0.85 m above the floor (the working plane) on a regular grid,
as illuminance (179 lm/W), divided by the 10 000 lx outside, is the daylight
factor.

``pip install -r requirements-daylight.txt`` installs pyradiance, whose wheels
bundle the Radiance programs; without it ``available()`` is False and
``daylight_map`` raises ``RadianceMissing``.
"""

from __future__ import annotations

import importlib.util
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString

from floorplans.model import Plan, Room
from floorplans.topology import ON_WALL_TOLERANCE

from .glazing import WORKING_PLANE

__all__ = ["DRAFT_PARAMS", "RadianceMissing", "DaylightMap", "available", "scene_text", "daylight_map", "glass_transmissivity"]

#: Horizontal diffuse irradiance (W/m²) that gensky -c -B needs for 10 000 lx outside (179 lm/W).
_SKY_IRRADIANCE = 10_000 / 179
_LUMINOUS_EFFICACY = 179.0
_DOOR_HEAD = 2.1
#: Radiance's ambient settings: enough bounces for a side-lit room's reflected light.
_PARAMS = ("-ab", "5", "-ad", "1024", "-as", "512", "-aa", "0.1", "-ar", "256", "-lw", "1e-4")
#: A quick look: fewer bounces and samples (means within a few per cent of the full settings on a simple room).
DRAFT_PARAMS = ("-ab", "4", "-ad", "512", "-as", "128", "-aa", "0.15", "-ar", "64", "-lw", "1e-3")
_MATERIALS = """void plastic floor_mat 0 0 5 0.2 0.2 0.2 0 0
void plastic wall_mat 0 0 5 0.5 0.5 0.5 0 0
void plastic ceiling_mat 0 0 5 0.8 0.8 0.8 0 0
"""
_SKY_GLOW = """skyfunc glow sky_glow 0 0 4 1 1 1 0
sky_glow source sky 0 0 4 0 0 1 180
skyfunc glow ground_glow 0 0 4 1 1 1 0
ground_glow source ground 0 0 4 0 0 -1 180
"""


class RadianceMissing(RuntimeError):
    """pyradiance (and so the Radiance programs) is not installed."""


def available() -> bool:
    return importlib.util.find_spec("pyradiance") is not None


def glass_transmissivity(transmittance: float) -> float:
    """Radiance's glass transmissivity for a glazing of that normal-incidence light transmittance."""
    t = transmittance
    return (math.sqrt(0.8402528435 + 0.0072522239 * t * t) - 0.9166530661) / 0.0036261119 / t


def _polygon(material: str, name: str, points: list[tuple[float, float, float]]) -> str:
    coords = " ".join(f"{x:.4f} {y:.4f} {z:.4f}" for x, y, z in points)
    return f"{material} polygon {name} 0 0 {3 * len(points)} {coords}\n"


def _quad(material: str, name: str, a: np.ndarray, b: np.ndarray, z0: float, z1: float) -> str:
    if z1 - z0 < 1e-4 or float(np.hypot(*(b - a))) < 1e-4:
        return ""
    return _polygon(material, name, [(a[0], a[1], z0), (b[0], b[1], z0), (b[0], b[1], z1), (a[0], a[1], z1)])


def _holes_on(edge: LineString, plan: Plan, height: float) -> list[tuple[float, float, str, Any]]:
    """Intervals (t0, t1 along the edge, what, feature) of doors, openings and windows lying on the edge."""
    out: list[tuple[float, float, str, Any]] = []
    buffer = edge.buffer(ON_WALL_TOLERANCE)
    features: tuple[Any, ...] = (*plan.doors, *plan.openings, *plan.windows)
    for feature in features:
        if not buffer.covers(feature.geometry):
            continue
        t = sorted(edge.project(shapely.Point(p)) for p in feature.points)
        out.append((t[0], t[1], feature.feature, feature))
    return sorted(out, key=lambda item: item[0])


def _room_walls(plan: Plan, room: Room, glass: dict[str, str]) -> str:
    text = []
    h = room.height
    rings = [room.geometry.exterior, *room.geometry.interiors]
    for ring_no, ring in enumerate(rings):
        coords = np.asarray(ring.coords)
        for k in range(len(coords) - 1):
            a, b = coords[k], coords[k + 1]
            edge = LineString([a, b])
            length = edge.length
            if length < 1e-4:
                continue
            u = (b - a) / length
            cursor = 0.0
            tag = f"{room.id}_{ring_no}_{k}"
            for n, (t0, t1, what, feature) in enumerate(_holes_on(edge, plan, h)):
                t0, t1 = max(t0, cursor), min(t1, length)
                if t1 <= t0:
                    continue
                text.append(_quad("wall_mat", f"w_{tag}_{n}", a + cursor * u, a + t0 * u, 0.0, h))
                p, q = a + t0 * u, a + t1 * u
                if what == "door":
                    text.append(_quad("wall_mat", f"d_{tag}_{n}", p, q, min(_DOOR_HEAD, h), h))
                elif what == "window":
                    sill, head = min(feature.sill, h), min(feature.head, h)
                    text.append(_quad("wall_mat", f"s_{tag}_{n}", p, q, 0.0, sill))
                    text.append(_quad(glass[feature.id], f"g_{tag}_{n}", p, q, sill, head))
                    text.append(_quad("wall_mat", f"h_{tag}_{n}", p, q, head, h))
                cursor = t1
            text.append(_quad("wall_mat", f"w_{tag}_end", a + cursor * u, b, 0.0, h))
    return "".join(text)


def _room_slabs(room: Room) -> str:
    """Floor at 0 and ceiling at the room's height, as triangles (rooms may have holes)."""
    triangles = shapely.constrained_delaunay_triangles(room.geometry)
    out = []
    for n, tri in enumerate(getattr(triangles, "geoms", [])):
        pts = list(tri.exterior.coords)[:3]
        out.append(_polygon("floor_mat", f"f_{room.id}_{n}", [(x, y, 0.0) for x, y in pts]))
        out.append(_polygon("ceiling_mat", f"c_{room.id}_{n}", [(x, y, room.height) for x, y in pts]))
    return "".join(out)


def scene_text(plan: Plan) -> str:
    """The plan as a Radiance scene (materials, rooms; no sky)."""
    glass: dict[str, str] = {}
    parts = [_MATERIALS]
    for window in plan.windows:
        name = f"glass_{len(glass)}"
        tn = glass_transmissivity(window.light_transmittance)
        parts.append(f"void glass {name} 0 0 3 {tn:.4f} {tn:.4f} {tn:.4f}\n")
        glass[window.id] = name
    for room in plan.rooms:
        parts.append(_room_slabs(room))
        parts.append(_room_walls(plan, room, glass))
    return "".join(parts)


@dataclass(frozen=True)
class DaylightMap:
    """Daylight factors (per cent) at grid points on the working plane, and each point's room."""

    xs: np.ndarray
    ys: np.ndarray
    df: np.ndarray
    rooms: list[str]
    grid: float

    def room_mean(self, room_id: str) -> float:
        values = [d for d, r in zip(self.df, self.rooms, strict=True) if r == room_id]
        return float(np.mean(values)) if values else math.nan


def grid_points(plan: Plan, grid: float, inset: float = 0.1) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Points of a regular grid (aligned over the whole plan) inside each room, ``inset`` from its walls."""
    minx, miny, maxx, maxy = shapely.total_bounds([r.geometry for r in plan.rooms])
    gx = np.arange(math.floor(minx / grid) * grid + grid / 2, maxx, grid)
    gy = np.arange(math.floor(miny / grid) * grid + grid / 2, maxy, grid)
    mx, my = np.meshgrid(gx, gy)
    px, py = mx.ravel(), my.ravel()
    xs, ys, rooms = [], [], []
    for room in plan.rooms:
        inner = room.geometry.buffer(-inset)
        if inner.is_empty:
            continue
        inside = shapely.contains_xy(inner, px, py)
        xs.append(px[inside])
        ys.append(py[inside])
        rooms += [room.id] * int(inside.sum())
    if not xs:
        return np.zeros(0), np.zeros(0), []
    return np.concatenate(xs), np.concatenate(ys), rooms


def daylight_map(plan: Plan, grid: float = 0.5, params: tuple[str, ...] = _PARAMS) -> DaylightMap:
    """Trace the plan's daylight factors on a ``grid`` (m) at the working plane."""
    if not available():
        raise RadianceMissing("the daylight map needs pyradiance, an optional extra: pip install -r requirements-daylight.txt")
    import pyradiance as pr

    xs, ys, rooms = grid_points(plan, grid)
    if not len(xs):
        return DaylightMap(xs, ys, np.zeros(0), rooms, grid)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sky = pr.gensky(altitude=45.0, azimuth=0.0, cloudy=True, horizontal_brightness=_SKY_IRRADIANCE)
        (folder / "sky.rad").write_bytes(sky + _SKY_GLOW.encode())
        (folder / "scene.rad").write_text(scene_text(plan), encoding="utf-8")
        octree = folder / "scene.oct"
        octree.write_bytes(pr.oconv(str(folder / "sky.rad"), str(folder / "scene.rad")))
        rays = "".join(f"{x:.4f} {y:.4f} {WORKING_PLANE:.4f} 0 0 1\n" for x, y in zip(xs, ys, strict=True)).encode()
        out = pr.rtrace(rays, octree, header=False, irradiance=True, params=list(params))
    rgb = np.array([line.split()[:3] for line in out.decode().splitlines() if line.strip()], dtype=float)
    lux = _LUMINOUS_EFFICACY * (0.265 * rgb[:, 0] + 0.670 * rgb[:, 1] + 0.065 * rgb[:, 2])
    return DaylightMap(xs, ys, lux / 10_000 * 100, rooms, grid)
