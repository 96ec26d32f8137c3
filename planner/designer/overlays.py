"""The plan's overlays: what each chosen overlay adds to the editor's payload, and the note under the plan.

Heavy fields (visual integration, local integration, steps from the entrance) come from
planner.designer.cache, once per stored plan version; the rest is cheap or cached per plan
object in planner.designer.analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from floorplans import Plan
from planner.comments.logic import payload_comments
from planner.designer import analysis, state
from planner.designer.cache import cached_integration, cached_vga_field, option_pins

__all__ = ["OVERLAYS", "Layers", "layers"]

#: The overlay chips, in the order they are shown.
OVERLAYS = ["Isovist", "Visual integration", "Local integration", "Steps from entrance",
            "Noise level", "Wheelchair route", "Kiosk pins", "Staff comments"]

_VGA = {"Local integration": "local integration", "Steps from entrance": "entrance steps"}


@dataclass
class Layers:
    """What the chosen overlays add to the editor payload, and one plain note per overlay."""

    args: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def layers(plan: Plan, chosen: Sequence[str], *, option_id: int, project_id: int, version: int, profile: str,
           pin_categories: Sequence[str], comments: Sequence[Any], all_comments: int,
           route_to: str | None) -> Layers:
    """The overlays chosen on the chips, computed (or taken from the cache) for this plan version."""
    out = Layers()
    if "Isovist" in chosen:
        point = st.session_state.get(state.VIEWPOINT_KEY)
        if point is None:
            out.notes.append("Isovist: choose **View point** on the plan and tap a spot.")
        else:
            poly = analysis.isovist_polygon(plan, *point)
            out.args.update(viewpoint=point, isovist=poly)
            out.notes.append("Isovist: that point is outside the building." if poly is None
                             else f"Isovist from ({point[0]:.1f}, {point[1]:.1f}): {poly.area:,.0f} m² visible.")
    if "Visual integration" in chosen:
        with st.spinner("Computing visual integration (once per plan version)…"):
            out.args.update(heat=cached_integration(option_id, version, plan))
        out.notes.append("Visual integration: yellow = most integrated (easiest to see from everywhere).")
    for label, measure in _VGA.items():
        if label in chosen:
            with st.spinner(f"Computing {label.lower()} (once per plan version)…"):
                heat = cached_vga_field(option_id, version, plan, measure)
            if heat is None:
                out.notes.append(f"{label}: not available for this plan.")
            else:
                out.args.update(heat=heat)
                out.notes.append(f"{label}: {analysis.VGA_FIELDS[measure].split(': ', 1)[1]}.")
    if "Noise level" in chosen:
        heat, room_notes = analysis.noise_levels(plan)
        out.args.update(heat=heat, room_notes=room_notes)
        out.notes.append("Noise level: the activity noise in each room, dB(A), its own and what arrives through walls, "
                         "doors and openings (yellow = loudest). Quiet and conversation rooms should get at most 30 dB.")
    if "Wheelchair route" in chosen and route_to:
        line, length, blockers = analysis.wheelchair_route(plan, route_to, profile)
        out.args.update(route=line)
        name = plan.room(route_to).label
        out.notes.append(f"Wheelchair route to {name}: {length:.1f} m"
                         + (" — blocked: " + "; ".join(blockers) if blockers else ", step-free."))
    if "Kiosk pins" in chosen:
        pins = option_pins(project_id, option_id)
        shown = [p for p in pins if p["category"] in pin_categories]
        out.args.update(pins=shown)
        out.notes.append(f"Kiosk pins (citizens, round): {len(shown)} of {len(pins)} shown "
                         "(green: calm, red: stressful, blue: idea).")
    if "Staff comments" in chosen:
        out.args.update(comments=payload_comments(list(comments)))
        out.notes.append(f"Staff comments (squares, numbered): {len(comments)} of {all_comments} shown "
                         "(red: problem, blue: idea, orange: question; faded: answered).")
    return out
