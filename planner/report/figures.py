"""The report's pictures: each option's plan with its findings numbered, and the kiosk pin maps.

Pictures are PNG bytes in base64, so the HTML is one self-contained file and
xhtml2pdf can place them without fetching anything. Drawing goes through
floorplans.drawing (the same look as the app) with the object-oriented
matplotlib API only (no pyplot state), so it is safe inside Streamlit's threads.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from matplotlib.lines import Line2D

from floorplans.drawing import HIGHLIGHT_COLOUR, PIN_COLOURS, draw_plan
from floorplans.model import Plan

from .i18n import Catalogue

__all__ = ["findings_png", "pins_png", "feature_anchor"]

NOTE_COLOUR = "#EE7733"  # Paul Tol vibrant orange: guidance not met (red = a rule failed)


def _png(fig: Any, dpi: int) -> str:
    buf = io.BytesIO()
    # No bbox_inches="tight": draw_plan's tight_layout already fits the legend, and a tight
    # bbox would draw every figure twice (the report's slowest step).
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return base64.b64encode(buf.getvalue()).decode("ascii")


#: Figure width in inches: narrower than the app's 11 in, so that labels, numbers and pins stay
#: legible when the picture is printed 18 cm wide.
FIG_WIDTH = 9.0


def _size(plan: Plan, legend_in: float) -> tuple[float, float]:
    """A figure size that fits the plan's aspect ratio next to a legend ``legend_in`` inches wide."""
    if not plan.rooms:
        return (FIG_WIDTH, 5.0)
    x0, y0, x1, y1 = (min(r.geometry.bounds[0] for r in plan.rooms), min(r.geometry.bounds[1] for r in plan.rooms),
                      max(r.geometry.bounds[2] for r in plan.rooms), max(r.geometry.bounds[3] for r in plan.rooms))
    ratio = max(y1 - y0, 1.0) / max(x1 - x0, 1.0)
    return (FIG_WIDTH, max(3.0, min(11.0, (FIG_WIDTH - legend_in) * ratio + 0.9)))


def feature_anchor(plan: Plan, feature_id: str) -> tuple[float, float] | None:
    """A point inside or on the feature, where its finding number is drawn."""
    feature = plan.get(feature_id)
    geometry = getattr(feature, "geometry", None)
    if geometry is None or geometry.is_empty:
        return None
    point = geometry.representative_point() if geometry.geom_type in ("Polygon", "MultiPolygon") else geometry.centroid
    return (point.x, point.y)


def findings_png(plan: Plan, findings: Sequence[Any], report: Any = None, dpi: int = 110,
                 kind_labels: dict | None = None) -> str:
    """The plan with failed findings outlined in red and every finding's number at the places it names.

    ``kind_labels``: the legend's room-kind names in the report's language.
    """
    marks = tuple((f.number, f.status, tuple(_where(report, f))) for f in findings)
    return _findings_png(plan, marks, dpi, tuple(sorted((kind_labels or {}).items())))


# Cached per (plan object, marks, dpi): the results page builds the HTML and then the PDF of the
# same plans, and Plan hashes by identity (LayoutOption.plan() returns one object per version).
@lru_cache(maxsize=32)
def _findings_png(plan: Plan, marks: tuple[tuple[int, str, tuple[str, ...]], ...], dpi: int,
                  kind_labels: tuple[tuple[Any, str], ...] = ()) -> str:
    failing = [fid for _, status, where in marks if status == "fail" for fid in where]
    fig = draw_plan(plan, highlight=failing, title="", legend=True, figsize=_size(plan, 2.2),
                    kind_labels=dict(kind_labels))
    ax = fig.axes[0]
    placed: dict[tuple[float, float], int] = {}
    for number, status, where in marks:
        colour = HIGHLIGHT_COLOUR if status == "fail" else NOTE_COLOUR
        for fid in where:
            anchor = feature_anchor(plan, fid)
            if anchor is None:
                continue
            key = (round(anchor[0], 1), round(anchor[1], 1))
            stack = placed.get(key, 0)  # several findings on one room: stack their numbers
            placed[key] = stack + 1
            ax.annotate(str(number), anchor, xytext=(0, -14 * stack), textcoords="offset points",
                        ha="center", va="center", fontsize=8, fontweight="bold", color="white", zorder=9,
                        bbox=dict(boxstyle="circle,pad=0.25", facecolor=colour, edgecolor="white", linewidth=1))
    return _png(fig, dpi)


def _where(report: Any, finding: Any) -> list[str]:
    """The finding's feature ids (from the score report: the FindingRow keeps names, not ids)."""
    if report is None:
        return list(getattr(finding, "where", []))
    for c in report.criteria:
        if c.id == finding.criterion_id:
            return list(c.where)
    return []


def pins_png(plan: Plan, points: Sequence[tuple[float, float, str]], cat: Catalogue, dpi: int = 110) -> str:
    """The kiosk pins on the option's plan, coloured by category, with a legend in the report's language."""
    return _pins_png(plan, tuple((float(x), float(y), str(c)) for x, y, c in points), cat.lang, dpi)


@lru_cache(maxsize=32)
def _pins_png(plan: Plan, points: tuple[tuple[float, float, str], ...], lang: str, dpi: int) -> str:
    cat = Catalogue(lang)
    fig = draw_plan(plan, points=list(points), title="", legend=False, labels=True, figsize=_size(plan, 1.2))
    ax = fig.axes[0]
    present = [c for c in ("calm", "stressful", "idea") if any(p[2] == c for p in points)]
    handles = [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=PIN_COLOURS[c],
                      markeredgecolor="white", label=cat.t(f"pin.{c}")) for c in present]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    fig.tight_layout()
    return _png(fig, dpi)
