"""Drawing: PNG and SVG render, overlays draw what they are given."""

import numpy as np

from floorplans import plan_from_geojson
from floorplans.drawing import draw_plan, render_png, render_svg
from tests.factory import two_rooms


def test_png_and_svg_render():
    plan = plan_from_geojson(two_rooms())
    png = render_png(plan)
    svg = render_svg(plan)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg
    assert b"Venteomr" in svg  # room names are drawn as text


def test_highlight_changes_the_picture():
    plan = plan_from_geojson(two_rooms())
    assert render_png(plan, highlight=["d-mid"]) != render_png(plan)


def test_overlays_add_artists():
    plan = plan_from_geojson(two_rooms())
    base = draw_plan(plan)
    xs, ys = np.meshgrid(np.arange(0.5, 10, 0.5), np.arange(0.5, 4, 0.5))
    fig = draw_plan(plan, points=[(7, 2, "calm")], heat=(xs.ravel(), ys.ravel(), xs.ravel()), route=[(2.5, 0), (7, 2)])
    assert len(fig.axes) == 2  # the plan and the heat field's colour bar
    assert len(fig.axes[0].lines) > len(base.axes[0].lines)
    assert len(fig.axes[0].collections) > len(base.axes[0].collections)

