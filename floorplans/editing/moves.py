"""Moving and deleting features: a room takes what sits on its walls along."""

from __future__ import annotations

from ..model import Door, Feature, Furniture, Plan, Room, Window, evolve
from .grid import DEFAULT_GRID, snap
from .openings import place_door, place_window
from .result import EditResult, check_edit, problem
from .walls import attached_features, covered_windows
from .wording import distance_words, named, sentence

__all__ = ["delete_feature", "move_feature"]

Ring = list[tuple[float, float]]


def move_feature(plan: Plan, feature_id: str, dx: float, dy: float, *, grid: float | None = DEFAULT_GRID) -> EditResult:
    """Move a feature by (dx, dy), snapped to the grid.

    A room takes its doors, windows and furniture with it. A door or window
    slides to the wall nearest its new middle, keeping its width.
    """
    feature = plan.get(feature_id)
    if feature is None:
        return EditResult.refused(plan, problem("unknown-feature", f"there is no feature with id {feature_id!r}", feature_id))
    try:
        dx, dy = snap(float(dx), grid), snap(float(dy), grid)
    except (TypeError, ValueError):
        return EditResult.refused(plan, problem("invalid-value", f"move by ({dx!r}, {dy!r}) is not a pair of numbers", feature_id))
    if dx == 0 and dy == 0:
        return EditResult.unchanged(plan, sentence(f"{named(feature)} did not move (less than half a grid step)"))
    if isinstance(feature, (Door, Window)):
        return _slide_opening(plan, feature, dx, dy)
    updated, covered = _shift_room(plan, feature, dx, dy) if isinstance(feature, Room) else ([_translated(feature, dx, dy)], [])
    new_plan = plan
    for f in updated:
        new_plan = new_plan.with_feature(f)
    for wid in covered:
        new_plan = new_plan.without(wid)
    extra = f"; it now covers window{'s' if len(covered) > 1 else ''} {', '.join(covered)}, which {'were' if len(covered) > 1 else 'was'} removed" if covered else ""
    return check_edit(plan, new_plan, sentence(f"moved {named(feature)} {distance_words(dx, dy)}{extra}"), feature_id)


def _shift_room(plan: Plan, room: Room, dx: float, dy: float) -> tuple[list[Feature], list[str]]:
    """The room and what sits on its walls, moved; and the windows the moved room now covers."""
    moved_room = evolve(room, rings=_translate_rings(room.rings, dx, dy))
    attached = attached_features(plan, room)
    carried = {f.id for f in attached}
    covered = [w for w in covered_windows(plan.without(room.id), moved_room) if w not in carried]
    return [moved_room, *(_translated(f, dx, dy) for f in attached)], covered


def _slide_opening(plan: Plan, feature: Door | Window, dx: float, dy: float) -> EditResult:
    """A door or window moved: placed again on the wall nearest its new middle, same width."""
    mid = feature.midpoint
    width = feature.length
    tentative = plan.without(feature.id)
    if isinstance(feature, Door):
        result = place_door(tentative, mid.x + dx, mid.y + dy, width=width, clear_width=feature.clear_width,
                            entrance=feature.entrance, automatic=feature.automatic, threshold_mm=feature.threshold_mm,
                            grid=None, door_id=feature.id)
    else:
        result = place_window(tentative, mid.x + dx, mid.y + dy, width=width, view=feature.view.value if feature.view else None,
                              grid=None, window_id=feature.id)
    if not result.ok:
        return EditResult(plan=plan, ok=False, message=result.message, problems=result.problems, changed=False, feature_id=feature.id)
    moved = result.plan.get(feature.id)
    assert isinstance(moved, (Door, Window))
    # keep the plan's feature order: replace in place
    return check_edit(plan, plan.with_feature(evolve(feature, points=moved.points)), sentence(f"moved {named(feature)} along its wall"), feature.id)


def _translate_rings(rings: list[Ring], dx: float, dy: float) -> list[Ring]:
    return [[(x + dx, y + dy) for x, y in ring] for ring in rings]


def _translated(feature: Feature, dx: float, dy: float) -> Feature:
    if isinstance(feature, Room):
        return evolve(feature, rings=_translate_rings(feature.rings, dx, dy))
    if isinstance(feature, Furniture):
        if feature.point is not None:
            return evolve(feature, point=(feature.point[0] + dx, feature.point[1] + dy))
        return evolve(feature, rings=_translate_rings(feature.rings or [], dx, dy))
    return evolve(feature, points=[(x + dx, y + dy) for x, y in feature.points])


def delete_feature(plan: Plan, feature_id: str) -> EditResult:
    """Delete a feature. Deleting a room also deletes the doors, windows and furniture that belong to it."""
    feature = plan.get(feature_id)
    if feature is None:
        return EditResult.refused(plan, problem("unknown-feature", f"there is no feature with id {feature_id!r}", feature_id))
    removed = [feature_id]
    new_plan = plan.without(feature_id)
    if isinstance(feature, Room):
        if len(plan.rooms) == 1:
            return EditResult.refused(plan, problem("no-rooms", "the last room cannot be deleted", feature_id))
        for f in attached_features(plan, feature):
            new_plan = new_plan.without(f.id)  # a door or window on a deleted room's wall opens onto nothing
            removed.append(f.id)
    extra = f", with what sat on it ({', '.join(removed[1:])})" if len(removed) > 1 else ""
    return check_edit(plan, new_plan, sentence(f"deleted {named(feature)}{extra}"), feature_id)
