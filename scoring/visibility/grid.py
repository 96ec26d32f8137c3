"""The VGA grid: cell centres at whole multiples of the spacing, filled from the entrance.

Convention (as depthmapX's VISPREP with a fill point): a cell's centre sits
at (i * spacing, j * spacing) in plan coordinates; a cell exists where its
centre lies inside the open space (the building footprint minus
sight-blocking furniture) and not on a wall (within :data:`ON_WALL`); the
filled set is what a flood fill from the entrance reaches, stepping between
side-by-side cells whose connecting line touches no wall (so it passes
through door gaps). A plan without an entrance door keeps every cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from floorplans.model import Plan
from floorplans.topology import arrival_rooms, passages

from .obstacles import VISUAL_OBSTACLE_TYPES, open_space, wall_segments

__all__ = ["Grid", "make_grid", "grid_cells", "entrance_cells", "ON_WALL"]

#: A cell centre closer than this (m) to a wall lies on it and is dropped.
ON_WALL = 1e-6


@dataclass(frozen=True)
class Grid:
    """Filled VGA cells in row-major order (by j, then i)."""

    spacing: float
    i: np.ndarray  # int column index: x = i * spacing
    j: np.ndarray  # int row index: y = j * spacing
    dropped_on_wall: int  # candidate centres inside the footprint that lay on a wall
    dropped_unreached: int  # cells the flood fill from the entrance did not reach

    @property
    def xs(self) -> np.ndarray:
        return self.i * self.spacing

    @property
    def ys(self) -> np.ndarray:
        return self.j * self.spacing

    @property
    def points(self) -> np.ndarray:
        return np.column_stack([self.xs, self.ys])

    def __len__(self) -> int:
        return len(self.i)


def grid_cells(space: shapely.Geometry, walls: np.ndarray, spacing: float) -> tuple[np.ndarray, np.ndarray, int]:
    """Column and row indices of centres inside ``space`` and off the walls; and how many lay on a wall."""
    if not (spacing > 0) or not np.isfinite(spacing):
        raise ValueError(f"grid spacing must be a positive number of metres, got {spacing!r}")
    if space.is_empty:
        return np.zeros(0, int), np.zeros(0, int), 0
    x0, y0, x1, y1 = space.bounds
    i_range = np.arange(int(np.ceil(x0 / spacing)), int(np.floor(x1 / spacing)) + 1)
    j_range = np.arange(int(np.ceil(y0 / spacing)), int(np.floor(y1 / spacing)) + 1)
    ii, jj = np.meshgrid(i_range, j_range)
    ii, jj = ii.ravel(), jj.ravel()
    shapely.prepare(space)
    inside = shapely.intersects_xy(space, ii * spacing, jj * spacing)  # boundary too: walls are dropped below
    ii, jj = ii[inside], jj[inside]
    on_wall = np.zeros(len(ii), dtype=bool)
    if len(walls) and len(ii):
        tree = shapely.STRtree(shapely.linestrings(np.asarray(walls).reshape(-1, 2, 2)))
        hit, _ = tree.query(shapely.points(ii * spacing, jj * spacing), predicate="dwithin", distance=ON_WALL)
        on_wall[hit] = True
    # a centre on the footprint's outline without a wall there (an exterior door) is outside too
    outline = shapely.contains_xy(space, ii * spacing, jj * spacing)
    keep = ~on_wall & outline
    return ii[keep], jj[keep], int(on_wall.sum())


def _neighbour_links(ii: np.ndarray, jj: np.ndarray, walls: np.ndarray, spacing: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of neighbouring cells (the eight around each) whose connecting step touches no wall."""
    table = np.full((jj.max() - jj.min() + 2, ii.max() - ii.min() + 2), -1, dtype=np.int64)
    col, row = ii - ii.min(), jj - jj.min()
    table[row, col] = np.arange(len(ii))
    src, dst = [], []
    for di, dj in ((1, 0), (0, 1), (1, 1), (1, -1)):
        other = table[row + dj, col + di]  # row - 1 = -1 reads the padding row
        has = other >= 0
        src.append(np.nonzero(has)[0])
        dst.append(other[has])
    a, b = np.concatenate(src), np.concatenate(dst)
    if len(walls) and len(a):
        steps = shapely.linestrings(
            np.stack([np.column_stack([ii[a], jj[a]]), np.column_stack([ii[b], jj[b]])], axis=1) * spacing
        )
        tree = shapely.STRtree(shapely.linestrings(np.asarray(walls).reshape(-1, 2, 2)))
        blocked, _ = tree.query(steps, predicate="intersects")
        free = np.ones(len(a), dtype=bool)
        free[blocked] = False
        a, b = a[free], b[free]
    return a, b


def _seed_cells(plan: Plan, ii: np.ndarray, jj: np.ndarray, spacing: float,
                seeds: Iterable[tuple[float, float]] | None) -> np.ndarray:
    """Cells to fill from: the cell nearest each seed point, else nearest each entrance door inside its room."""
    xs, ys = ii * spacing, jj * spacing
    found: list[int] = []
    if seeds is not None:
        for x, y in seeds:
            found.append(int(np.argmin(np.hypot(xs - x, ys - y))))
        return np.array(found, dtype=np.int64)
    rooms = {p.feature.id: p.rooms for p in passages(plan)}
    for room in arrival_rooms(plan):  # an upper floor without an entrance door: from its lifts and stairs
        inside = shapely.intersects_xy(room.geometry, xs, ys)
        if inside.any():
            centre = room.geometry.representative_point()
            found.append(int(np.argmin(np.where(inside, np.hypot(xs - centre.x, ys - centre.y), np.inf))))
    for door in plan.entrances:
        mid = door.midpoint
        candidates = np.ones(len(xs), dtype=bool)
        for room_id in rooms.get(door.id, ())[:1]:
            candidates = shapely.intersects_xy(plan.room(room_id).geometry, xs, ys)
        if not candidates.any():
            candidates = np.ones(len(xs), dtype=bool)
        dist = np.where(candidates, np.hypot(xs - mid.x, ys - mid.y), np.inf)
        found.append(int(np.argmin(dist)))
    return np.array(found, dtype=np.int64)


@lru_cache(maxsize=32)
def _make_grid(plan: Plan, spacing: float, furniture: tuple[str, ...],
               seeds: tuple[tuple[float, float], ...] | None) -> Grid:
    walls = wall_segments(plan, furniture)
    ii, jj, on_wall = grid_cells(open_space(plan, furniture), walls, spacing)
    unreached = 0
    if len(ii):
        start = _seed_cells(plan, ii, jj, spacing, seeds)
        if len(start):
            from scipy.sparse import coo_matrix  # late: scipy costs a few tenths of a second to import
            from scipy.sparse.csgraph import connected_components

            a, b = _neighbour_links(ii, jj, walls, spacing)
            n = len(ii)
            graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
            _, label = connected_components(graph, directed=False)
            keep = np.isin(label, label[start])
            unreached = int((~keep).sum())
            ii, jj = ii[keep], jj[keep]
    ii.setflags(write=False)
    jj.setflags(write=False)
    return Grid(spacing=spacing, i=ii, j=jj, dropped_on_wall=on_wall, dropped_unreached=unreached)


def make_grid(plan: Plan, spacing: float = 0.5, furniture: Iterable[str] = VISUAL_OBSTACLE_TYPES,
              seeds: Iterable[tuple[float, float]] | None = None) -> Grid:
    """The filled VGA grid of a plan (cached per plan object, spacing, furniture and seeds).

    ``seeds``: fill from the cells nearest these points instead of the
    entrance doors. With no seeds and no entrance door, every cell is kept.
    """
    if not (isinstance(spacing, (int, float)) and spacing > 0 and np.isfinite(spacing)):
        raise ValueError(f"grid spacing must be a positive number of metres, got {spacing!r}")
    seed_key = tuple((float(x), float(y)) for x, y in seeds) if seeds is not None else None
    return _make_grid(plan, float(spacing), tuple(sorted(furniture)), seed_key)


def entrance_cells(plan: Plan, grid: Grid) -> np.ndarray:
    """Indices of the grid's cells the fill starts from: the cell by each entrance door inside its room,
    or one in each arrival room (lift, stairs) of an upper floor; none for a plan without either."""
    if len(grid) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.unique(_seed_cells(plan, np.asarray(grid.i), np.asarray(grid.j), grid.spacing, None))
