"""The plan's overlays: what each chosen overlay adds to the editor's payload, and the note under the plan.

Heavy fields (visual integration, local integration, steps from the entrance, noise) come
from planner.designer.cache, once per plan content. One not computed yet is left out of
this run and listed in ``Layers.pending``: the page draws the edited plan and its scores
first, then calls ``finish`` (which computes it and reruns), so an edit never waits for a
VGA before the designer sees it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from floorplans import Plan
from planner.comments.logic import payload_comments
from planner.designer import analysis, cache, state

__all__ = ["OVERLAYS", "Layers", "finish", "layers"]

#: The overlay chips, in the order they are shown.
OVERLAYS = ["Isovist", "Visual integration", "Local integration", "Steps from entrance",
            "Noise level", "Wheelchair route", "Kiosk pins", "Staff comments"]

_VGA = {"Local integration": "local integration", "Steps from entrance": "entrance steps"}


@dataclass
class Layers:
    """What the chosen overlays add to the editor payload, and one plain note per overlay."""

    args: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # heavy overlays to compute after the plan is drawn
    plan: Plan | None = None


def _heavy(out: Layers, plan: Plan, what: str, label: str) -> tuple[bool, Any]:
    """The heavy overlay if known for this plan; else note it as pending (computed after the plan is shown)."""
    known, value = cache.peek(plan, what)
    if not known:
        out.pending.append(what)
        out.notes.append(f"{label}: computing for this version of the plan; it appears in a moment.")
    return known, value


def _isovist(out: Layers, plan: Plan) -> None:
    point = st.session_state.get(state.VIEWPOINT_KEY)
    if point is None:
        out.notes.append("Isovist: choose **View point** on the plan and tap a spot.")
        return
    poly = analysis.isovist_polygon(plan, *point)
    out.args.update(viewpoint=point, isovist=poly)
    out.notes.append("Isovist: that point is outside the building." if poly is None
                     else f"Isovist from ({point[0]:.1f}, {point[1]:.1f}): {poly.area:,.0f} m² visible.")


#: The note of each heavy field once it is drawn.
_HEAT_NOTES = {
    "integration": "Visual integration: yellow = most integrated (easiest to see from everywhere).",
    **{m: f"{label}: {analysis.VGA_FIELDS[m].split(': ', 1)[1]}." for label, m in _VGA.items()},
    "noise": ("Noise level: the activity noise in each room, dB(A), its own and what arrives through walls, doors "
              "and openings (yellow = loudest). Quiet and conversation rooms should get at most 30 dB."),
}


def _heat(out: Layers, plan: Plan, what: str, label: str) -> None:
    """A heavy field (VGA measure or noise): drawn when known for this plan, else pending."""
    known, value = _heavy(out, plan, what, label)
    if not known:
        return
    if value is None:  # no way in to count steps from
        out.notes.append(f"{label}: not available for this plan.")
        return
    if what == "noise":
        heat, room_notes = value
        out.args.update(heat=heat, room_notes=room_notes)
    else:
        out.args.update(heat=value)
    out.notes.append(_HEAT_NOTES[what])


def _route(out: Layers, plan: Plan, route_to: str, profile: str) -> None:
    line, length, blockers = analysis.wheelchair_route(plan, route_to, profile)
    out.args.update(route=line)
    out.notes.append(f"Wheelchair route to {plan.room(route_to).label}: {length:.1f} m"
                     + (" — blocked: " + "; ".join(blockers) if blockers else ", step-free."))


def _pins(out: Layers, project_id: int, option_id: int, pin_categories: Sequence[str]) -> None:
    pins = cache.option_pins(project_id, option_id)
    shown = [p for p in pins if p["category"] in pin_categories]
    out.args.update(pins=shown)
    out.notes.append(f"Kiosk pins (citizens, round): {len(shown)} of {len(pins)} shown "
                     "(green: calm, red: stressful, blue: idea).")


#: The heavy overlays by chip: (cache name, label in the notes).
_HEAVY_CHIPS = {"Visual integration": "integration", **_VGA, "Noise level": "noise"}


def layers(plan: Plan, chosen: Sequence[str], *, option_id: int, project_id: int, version: int, profile: str,
           pin_categories: Sequence[str], comments: Sequence[Any], all_comments: int,
           route_to: str | None) -> Layers:
    """The overlays chosen on the chips, computed (or taken from the cache) for this plan version."""
    out = Layers(plan=plan)
    if "Isovist" in chosen:
        _isovist(out, plan)
    for chip, what in _HEAVY_CHIPS.items():
        if chip in chosen:
            _heat(out, plan, what, chip)
    if "Wheelchair route" in chosen and route_to:
        _route(out, plan, route_to, profile)
    if "Kiosk pins" in chosen:
        _pins(out, project_id, option_id, pin_categories)
    if "Staff comments" in chosen:
        out.args.update(comments=payload_comments(list(comments)))
        out.notes.append(f"Staff comments (squares, numbered): {len(comments)} of {all_comments} shown "
                         "(red: problem, blue: idea, orange: question; faded: answered).")
    return out


def finish(out: Layers) -> None:
    """Compute the pending heavy overlays (the plan and scores are on screen already), then draw them: a rerun."""
    if not out.pending or out.plan is None:
        return
    with st.spinner("Computing the overlay for this version of the plan…"):
        for what in out.pending:
            cache.compute(out.plan, what)
    state.rerun_workspace()
