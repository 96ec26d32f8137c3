"""The plan picture a citizen taps on the kiosk, and the pixel <-> metre conversion.

The picture fills the whole image (no axes, title or legend; equal scale in x and y), so a
tap at pixel (px, py) of a picture shown at any size maps to plan metres by the extent alone.
No streamlit import: this is tested on its own.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image, ImageDraw, ImageFont

from floorplans import Plan
from floorplans.drawing import KIND_LABELS, PIN_COLOURS, draw_plan
from floorplans.topology import room_at

__all__ = ["PlanPicture", "plan_alt", "plan_picture", "tap_to_plan", "tapped_point", "plan_to_pixel", "with_pin", "with_markers"]

Extent = tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in metres


@dataclass(frozen=True)
class PlanPicture:
    """A PNG of the plan and the plan rectangle (metres) it shows, edge to edge."""

    png: bytes
    extent: Extent
    width_px: int
    height_px: int


def _extent(plan: Plan, margin: float) -> Extent:
    xmin, ymin, xmax, ymax = (
        min(r.geometry.bounds[0] for r in plan.rooms),
        min(r.geometry.bounds[1] for r in plan.rooms),
        max(r.geometry.bounds[2] for r in plan.rooms),
        max(r.geometry.bounds[3] for r in plan.rooms),
    )
    return (xmin - margin, ymin - margin, xmax + margin, ymax + margin)


def plan_picture(plan: Plan, width_px: int = 1100, margin: float = 0.5) -> PlanPicture:
    """Draw `plan` edge to edge at `width_px` wide, with room names, for tapping."""
    if not plan.rooms:
        raise ValueError(f"plan {plan.name!r} has no rooms to draw")
    extent = _extent(plan, margin)
    xmin, ymin, xmax, ymax = extent
    dpi = 100
    height_px = max(1, round(width_px * (ymax - ymin) / (xmax - xmin)))
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    with warnings.catch_warnings():  # draw_plan's tight_layout does not apply to a full-bleed axes
        warnings.simplefilter("ignore", UserWarning)
        draw_plan(plan, ax=ax, title="", labels=True, legend=False)
    # draw_plan sets an equal aspect and a tight layout; undo both so pixels map linearly.
    ax.set_position((0.0, 0.0, 1.0, 1.0))
    ax.set_aspect("auto")
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_axis_off()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return PlanPicture(buffer.getvalue(), extent, width_px, height_px)


def _plural(label: str, n: int) -> str:
    if n == 1 or label.endswith(("kind", "storage", "stairs", "job search")):
        return label
    return label + "s"


def plan_alt(plan: Plan, shows: str = "", name: str | None = None) -> str:
    """The text alternative of a plan picture: its name, its size and its rooms by kind, and what is drawn on it.

    A screen reader reads this instead of the picture (WCAG 1.1.1), so it says what a sighted
    person takes from it at a glance: which plan, how big, which kinds of rooms, and `shows`
    (for instance "citizens' pins and their density"), the layer that makes this picture differ.
    """
    title = (name if name is not None else plan.name).strip() or "unnamed plan"
    counts: dict[str, int] = {}
    for room in plan.rooms:
        label = KIND_LABELS.get(room.kind, str(room.kind.value)).replace("Unknown (to review)", "unknown kind")
        label = label.lower().replace("wc", "WC")
        counts[label] = counts.get(label, 0) + 1
    kinds = ", ".join(f"{n} {_plural(label, n)}" for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    rooms = f"{len(plan.rooms)} room{'s' if len(plan.rooms) != 1 else ''}"
    text = f"Floor plan of {title}: {rooms}, {plan.floor_area:,.0f} m²" + (f" ({kinds})" if kinds else "") + "."
    return text + (f" Shows {shows.strip().rstrip('.')}." if shows.strip() else "")


def tap_to_plan(tap: dict | None, extent: Extent) -> tuple[float, float] | None:
    """Plan metres of a tap reported as {"x", "y", "width", "height"} in shown pixels.

    None when the payload is missing, malformed or outside the picture.
    """
    try:
        px, py = float(tap["x"]), float(tap["y"])
        width, height = float(tap["width"]), float(tap["height"])
    except (TypeError, KeyError, ValueError):
        return None
    if width <= 0 or height <= 0 or not (0 <= px <= width and 0 <= py <= height):
        return None
    xmin, ymin, xmax, ymax = extent
    x = xmin + px / width * (xmax - xmin)
    y = ymax - py / height * (ymax - ymin)  # pixel rows grow downwards, metres upwards
    return (round(x, 2), round(y, 2))


def plan_to_pixel(x: float, y: float, extent: Extent, width_px: int, height_px: int) -> tuple[float, float]:
    """The pixel of plan point (x, y) in a picture of the given size (inverse of tap_to_plan)."""
    xmin, ymin, xmax, ymax = extent
    return ((x - xmin) / (xmax - xmin) * width_px, (ymax - y) / (ymax - ymin) * height_px)


def inside_building(plan: Plan, x: float, y: float) -> bool:
    """True when (x, y) lies in a room: a pin outside the building means nothing."""
    return room_at(plan, x, y) is not None


def tapped_point(tap: dict | None, picture: PlanPicture, plan: Plan) -> tuple[float, float] | None:
    """Plan metres of a tap on the picture when it lands inside the building, else None."""
    point = tap_to_plan(tap, picture.extent)
    return point if point is not None and inside_building(plan, *point) else None


def with_pin(picture: PlanPicture, x: float, y: float, category: str = "calm") -> bytes:
    """The picture with one large pin (a ringed dot, easy to see) drawn at plan point (x, y)."""
    image = Image.open(io.BytesIO(picture.png)).convert("RGB")
    px, py = plan_to_pixel(x, y, picture.extent, image.width, image.height)
    radius = max(10, image.width // 60)
    colour = PIN_COLOURS.get(category, "#000000")
    draw = ImageDraw.Draw(image)
    draw.ellipse((px - radius - 4, py - radius - 4, px + radius + 4, py + radius + 4), fill="white")
    draw.ellipse((px - radius, py - radius, px + radius, py + radius), fill=colour, outline="#111418", width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def with_markers(picture: PlanPicture, marks: list[tuple[float, float, str, str]],
                 new_pin: tuple[float, float, str] | None = None) -> bytes:
    """The picture with numbered square marks (x, y, category, label) and, if given, a new pin (x, y, category).

    Squares, not dots, so staff comments never look like the citizens' round pins.
    """
    image = Image.open(io.BytesIO(picture.png)).convert("RGB")
    draw = ImageDraw.Draw(image)
    half = max(12, image.width // 50)
    font = ImageFont.load_default(size=max(11, int(half * 1.3)))
    for x, y, category, label in marks:
        px, py = plan_to_pixel(x, y, picture.extent, image.width, image.height)
        colour = PIN_COLOURS.get(category, "#555555")
        draw.rectangle((px - half - 2, py - half - 2, px + half + 2, py + half + 2), fill="white")
        draw.rectangle((px - half, py - half, px + half, py + half), fill=colour, outline="#111418", width=2)
        draw.text((px, py), label, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    if new_pin is None:
        return buffer.getvalue()
    return with_pin(PlanPicture(buffer.getvalue(), picture.extent, image.width, image.height), *new_pin)
