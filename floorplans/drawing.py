"""Drawing plans with matplotlib: rooms by kind, doors, windows, plants, and overlays.

The palette is Paul Tol's "light" and "pale" schemes (colour-blind safe),
grouped so that the citizen's path (entrance, reception, waiting) reads warm,
calm places read green/blue, and back-of-house reads grey. Overlays (the
highlighted findings of a score, pins, a heat field, a route, an isovist) are
keyword arguments so that scoring and feedback can draw on the same plan.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Arc, Patch, PathPatch
from matplotlib.path import Path as MplPath
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from .kinds import KIND_LABELS  # the one source of the kinds' names
from .model import Door, Plan, Room, RoomKind
from .topology import rooms_on_segment

__all__ = ["KIND_COLOURS", "KIND_LABELS", "PIN_COLOURS", "draw_plan", "render_png", "render_svg", "save_plan_image"]

#: Fill colour per room kind (Paul Tol light/pale: distinguishable with colour-blindness).
KIND_COLOURS: dict[RoomKind, str] = {
    RoomKind.entrance: "#EE8866",
    RoomKind.reception: "#EEDD88",
    RoomKind.waiting: "#FFAABB",
    RoomKind.quiet_nook: "#99DDFF",
    RoomKind.green_area: "#BBCC33",
    RoomKind.meeting_room: "#77AADD",
    RoomKind.group_room: "#44BB99",
    RoomKind.job_search: "#AAAA00",
    RoomKind.open_office: "#DDDDDD",
    RoomKind.staff_room: "#CCCCCC",
    RoomKind.corridor: "#F4F1EA",
    RoomKind.wc: "#BBBBBB",
    RoomKind.wc_accessible: "#9FC5E8",
    RoomKind.play_area: "#FFCCEE",
    RoomKind.storage: "#E0E0E0",
    RoomKind.stairs: "#C8C8C8",
    RoomKind.lift: "#C8C8C8",
    RoomKind.unknown: "#FFFFFF",
}


#: Pin colours by category (kiosk pins and staff comments); anything else is drawn black.
PIN_COLOURS = {"calm": "#009988", "stressful": "#CC3311", "idea": "#0077BB",
               "problem": "#CC3311", "question": "#EE7733"}

WALL_COLOUR = "#333333"
HIGHLIGHT_COLOUR = "#D62728"
WINDOW_COLOUR = "#1F77B4"


def draw_plan(
    plan: Plan,
    ax: Axes | None = None,
    *,
    highlight: Iterable[str] = (),
    points: Sequence[tuple[float, float, str]] | None = None,
    heat: tuple[Sequence[float], Sequence[float], Sequence[float]] | None = None,
    heat_label: str = "",
    route: Sequence[tuple[float, float]] | None = None,
    isovist: BaseGeometry | None = None,
    title: str | None = None,
    labels: bool = True,
    legend: bool = True,
    figsize: tuple[float, float] | None = None,
    kind_labels: Mapping[RoomKind, str] | None = None,
) -> Figure:
    """Draw the plan; return the figure (the caller saves or shows it).

    highlight: feature ids outlined in red (a score's ``where``).
    points: (x, y, category-or-colour) pins.
    heat: (xs, ys, values) of a regular grid, drawn as coloured cells (a VGA field).
    route: a polyline (x, y) drawn as a dashed path.
    isovist: a polygon drawn translucent (what is seen from a point).
    kind_labels: legend text per room kind (another language); KIND_LABELS for kinds it leaves out.
    """
    fig, ax = _figure_and_axes(plan, ax, figsize)
    highlighted = set(highlight)
    _draw_features(ax, plan, highlighted, labels, heat, heat_label)
    _draw_overlays(ax, isovist, route, points)
    _decorate(ax, plan, title, legend, kind_labels)
    fig.tight_layout()
    return fig


def _figure_and_axes(plan: Plan, ax: Axes | None, figsize: tuple[float, float] | None) -> tuple[Figure, Axes]:
    if ax is not None:
        if not isinstance(ax.figure, Figure):  # a subfigure cannot lay itself out
            raise ValueError("draw_plan draws on axes of a whole figure, not of a subfigure")
        return ax.figure, ax
    # The object-oriented API, not pyplot: no global state, safe in Streamlit's threads.
    fig = Figure(figsize=figsize or _auto_size(plan))
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _draw_features(ax: Axes, plan: Plan, highlighted: set[str], labels: bool,
                   heat: tuple[Sequence[float], Sequence[float], Sequence[float]] | None, heat_label: str) -> None:
    """Rooms, a heat field over them, furniture, windows, doors and openings (in that drawing order)."""
    for room in plan.rooms:
        _draw_room(ax, room, room.id in highlighted, labels)
    if heat is not None:
        _draw_heat(ax, heat, heat_label)
    for item in plan.furniture:
        _draw_furniture(ax, item, item.id in highlighted)
    for window in plan.windows:
        (x1, y1), (x2, y2) = window.points
        ax.plot([x1, x2], [y1, y2], color=HIGHLIGHT_COLOUR if window.id in highlighted else WINDOW_COLOUR,
                linewidth=4, solid_capstyle="butt", zorder=4)
    for door in plan.doors:
        _draw_door(ax, plan, door, door.id in highlighted)
    for opening in plan.openings:
        (x1, y1), (x2, y2) = opening.points
        ax.plot([x1, x2], [y1, y2], color=HIGHLIGHT_COLOUR if opening.id in highlighted else "white",
                linewidth=2.5, linestyle=(0, (2, 2)), zorder=4)


def _draw_overlays(ax: Axes, isovist: BaseGeometry | None, route: Sequence[tuple[float, float]] | None,
                   points: Sequence[tuple[float, float, str]] | None) -> None:
    """What an analysis adds on top: an isovist, a route and pins."""
    if isovist is not None and not isovist.is_empty:
        _fill_geometry(ax, isovist, facecolor="#FFD700", alpha=0.35, edgecolor="#B8860B", linewidth=1, zorder=5)
    if route:
        xs, ys = zip(*route, strict=True)
        ax.plot(xs, ys, color="#AA3377", linewidth=3, linestyle="--", zorder=6)
        ax.plot(xs[0], ys[0], "o", color="#AA3377", zorder=6)
        ax.plot(xs[-1], ys[-1], "s", color="#AA3377", zorder=6)
    if points:
        for x, y, category in points:
            colour = PIN_COLOURS.get(category, category if str(category).startswith("#") else "black")
            ax.plot(x, y, marker="o", markersize=9, markerfacecolor=colour, markeredgecolor="white",
                    markeredgewidth=1.5, zorder=7)


def _decorate(ax: Axes, plan: Plan, title: str | None, legend: bool, kind_labels: Mapping[RoomKind, str] | None) -> None:
    """Equal metre axes, the title (the plan's name unless given) and a legend of the room kinds drawn."""
    ax.set_aspect("equal")
    ax.autoscale_view()
    ax.set_xlabel("m")
    ax.set_ylabel("m")
    ax.tick_params(labelsize=7)
    if title is None:
        title = plan.name
    if title:
        ax.set_title(title, fontsize=11)
    if legend:
        kinds = sorted({r.kind for r in plan.rooms}, key=lambda k: list(RoomKind).index(k))
        names = {**KIND_LABELS, **(kind_labels or {})}
        handles = [Patch(facecolor=KIND_COLOURS[k], edgecolor=WALL_COLOUR, label=names[k]) for k in kinds]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)


def _auto_size(plan: Plan) -> tuple[float, float]:
    if not plan.rooms:
        return (8.0, 6.0)
    minx = min(r.geometry.bounds[0] for r in plan.rooms)
    miny = min(r.geometry.bounds[1] for r in plan.rooms)
    maxx = max(r.geometry.bounds[2] for r in plan.rooms)
    maxy = max(r.geometry.bounds[3] for r in plan.rooms)
    width, height = max(maxx - minx, 1.0), max(maxy - miny, 1.0)
    fig_w = 11.0
    return (fig_w, max(3.5, min(12.0, (fig_w - 2.5) * height / width + 1.0)))


def _polygon_path(polygon: Polygon) -> MplPath:
    vertices: list[tuple[float, float]] = []
    codes: list[np.uint8] = []
    for ring in (polygon.exterior, *polygon.interiors):
        coords = list(ring.coords)
        vertices.extend(coords)
        codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(coords) - 2) + [MplPath.CLOSEPOLY])
    return MplPath(vertices, codes)


def _fill_geometry(ax: Axes, geometry: BaseGeometry, **style: Any) -> None:
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    for polygon in polygons:
        if isinstance(polygon, Polygon) and not polygon.is_empty:
            ax.add_patch(PathPatch(_polygon_path(polygon), **style))


def _draw_room(ax: Axes, room: Room, highlighted: bool, labels: bool) -> None:
    polygon = room.geometry
    _fill_geometry(ax, polygon, facecolor=KIND_COLOURS.get(room.kind, "#FFFFFF"), edgecolor=WALL_COLOUR,
                   linewidth=1.4, zorder=1)
    if highlighted:
        _fill_geometry(ax, polygon, facecolor="none", edgecolor=HIGHLIGHT_COLOUR, linewidth=3, hatch="//", zorder=3)
    if labels and polygon.is_valid and polygon.area > 0:
        spot = polygon.representative_point() if not polygon.centroid.within(polygon) else polygon.centroid
        size = 6 if polygon.area < 12 else 7
        ax.annotate(_wrap(room.label), (spot.x, spot.y), ha="center", va="center", fontsize=size, zorder=8,
                    color="#111111")


def _wrap(text: str, width: int = 14) -> str:
    if len(text) <= width:
        return text
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _draw_door(ax: Axes, plan: Plan, door: Door, highlighted: bool) -> None:
    """A door is a gap in the wall with a quarter-circle swing into one of its rooms."""
    (x1, y1), (x2, y2) = door.points
    colour = HIGHLIGHT_COLOUR if highlighted else ("#117733" if door.entrance else "#555555")
    ax.plot([x1, x2], [y1, y2], color="white", linewidth=3.2, solid_capstyle="butt", zorder=4)
    length = math.hypot(x2 - x1, y2 - y1)
    angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
    # Swing into the room on the left of (x1,y1)->(x2,y2) unless only the right side is inside.
    nx_, ny_ = -(y2 - y1) / length, (x2 - x1) / length
    side = 1.0
    rooms = rooms_on_segment(plan, door.geometry)
    if rooms:
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        from shapely.geometry import Point

        if not any(r.geometry.contains(Point(mx + nx_ * 0.1, my + ny_ * 0.1)) for r in rooms):
            side = -1.0
    theta1, theta2 = (angle, angle + 90) if side > 0 else (angle - 90, angle)
    ax.add_patch(Arc((x1, y1), 2 * length, 2 * length, theta1=theta1, theta2=theta2, color=colour,
                     linewidth=1.6 if highlighted else 0.8, zorder=5))
    ax.plot([x1, x1 + side * nx_ * length], [y1, y1 + side * ny_ * length], color=colour,
            linewidth=2.4 if highlighted else 1.2, zorder=5)
    if door.entrance:
        ax.plot((x1 + x2) / 2 - side * nx_ * 0.6, (y1 + y2) / 2 - side * ny_ * 0.6, marker="^", markersize=9,
                color="#117733", zorder=8)


def _draw_furniture(ax: Axes, item: Any, highlighted: bool) -> None:
    edge = HIGHLIGHT_COLOUR if highlighted else "#666666"
    if item.is_plant:
        x, y = (item.geometry.centroid.x, item.geometry.centroid.y)
        ax.plot(x, y, marker="*", markersize=11, color="#228833", markeredgecolor=edge if highlighted else "#145A1E",
                zorder=6)
        if item.rings is not None:
            _fill_geometry(ax, item.geometry, facecolor="#88CC88", edgecolor=edge, linewidth=0.6, zorder=2)
    elif item.point is not None:
        ax.plot(*item.point, marker="o", markersize=3.5, color="#777777", markeredgecolor=edge, zorder=6)
    else:
        face = {"counter": "#8B5A2B", "screen": "#555555"}.get(item.type, "#B0A090")
        _fill_geometry(ax, item.geometry, facecolor=face, edgecolor=edge, linewidth=1.5 if highlighted else 0.6,
                       alpha=0.85, zorder=2)


def _draw_heat(ax: Axes, heat: tuple[Sequence[float], Sequence[float], Sequence[float]], label: str) -> None:
    """A regular-grid field as cells of exactly the grid's size (pcolormesh, NaN where no cell)."""
    xs, ys, values = (np.asarray(a, dtype=float) for a in heat)
    if xs.size == 0:
        return
    spacing = _grid_spacing(xs, ys)
    col = np.rint((xs - xs.min()) / spacing).astype(int)
    row = np.rint((ys - ys.min()) / spacing).astype(int)
    field = np.full((row.max() + 1, col.max() + 1), np.nan)
    field[row, col] = values
    x_edges = xs.min() - spacing / 2 + spacing * np.arange(field.shape[1] + 1)
    y_edges = ys.min() - spacing / 2 + spacing * np.arange(field.shape[0] + 1)
    mesh = ax.pcolormesh(x_edges, y_edges, np.ma.masked_invalid(field), cmap="viridis", alpha=0.8, zorder=2,
                         shading="flat")
    colourbar = ax.figure.colorbar(mesh, ax=ax, orientation="horizontal", fraction=0.04, pad=0.12, shrink=0.6)
    colourbar.ax.tick_params(labelsize=7)
    if label:
        colourbar.set_label(label, fontsize=8)


def _grid_spacing(xs: np.ndarray, ys: np.ndarray) -> float:
    for values in (xs, ys):
        steps = np.diff(np.unique(values))
        steps = steps[steps > 1e-9]
        if steps.size:
            return float(steps.min())
    return 0.5


def _render(plan: Plan, fmt: str, dpi: int, **kwargs: Any) -> bytes:
    fig = draw_plan(plan, **kwargs)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def render_png(plan: Plan, dpi: int = 120, **kwargs: Any) -> bytes:
    """The drawn plan as PNG bytes (same keyword arguments as ``draw_plan``)."""
    return _render(plan, "png", dpi, **kwargs)


def render_svg(plan: Plan, **kwargs: Any) -> bytes:
    """The drawn plan as SVG bytes (same keyword arguments as ``draw_plan``)."""
    return _render(plan, "svg", 72, **kwargs)


def save_plan_image(plan: Plan, path: str, dpi: int = 120, **kwargs: Any) -> None:
    """Write PNG or SVG by the file's extension."""
    fmt = "svg" if str(path).lower().endswith(".svg") else "png"
    data = render_svg(plan, **kwargs) if fmt == "svg" else render_png(plan, dpi=dpi, **kwargs)
    with open(path, "wb") as handle:
        handle.write(data)
