"""Space-syntax visibility analysis: isovists and visibility graph analysis (VGA).

Exact, vectorised re-implementations of what depthmapX computes
(see shared/research/scoring-criteria.md §1.1):

    >>> from scoring.visibility import isovist, vga
    >>> iso = isovist(plan, (12.0, 4.5))          # doctest: +SKIP
    >>> iso.area, iso.occlusivity                  # doctest: +SKIP
    >>> vga(plan, grid=0.5).to_frame()             # doctest: +SKIP

Walls are every room boundary minus interior doors and openings (treated
as open), plus sight-blocking furniture (screens); see :mod:`.obstacles`.
"""

from .grid import Grid, make_grid
from .isovist import (
    Isovist,
    IsovistField,
    can_see,
    isovist,
    isovist_properties_grid,
    isovists_at,
    visible_area_fraction,
)
from .obstacles import VISUAL_OBSTACLE_TYPES, open_space, wall_lines, wall_segments
from .steps import entrance_step_depth, metric_step_depth, visual_step_depth
from .vga import MEASURE_GROUPS, VGAResult, dvalue, global_measures, integration_hh, vga, visibility_graph

__all__ = [
    "MEASURE_GROUPS",
    "VISUAL_OBSTACLE_TYPES",
    "Grid",
    "Isovist",
    "IsovistField",
    "VGAResult",
    "can_see",
    "dvalue",
    "entrance_step_depth",
    "global_measures",
    "integration_hh",
    "isovist",
    "isovist_properties_grid",
    "isovists_at",
    "make_grid",
    "metric_step_depth",
    "open_space",
    "vga",
    "visibility_graph",
    "visible_area_fraction",
    "visual_step_depth",
    "wall_lines",
    "wall_segments",
]
