"""The drawing component's JSON actions: parsed into typed models and applied as edits."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ..model import Plan, RoomKind
from ..problems import Problem
from .grid import DEFAULT_GRID
from .moves import delete_feature, move_feature
from .openings import DEFAULT_DOOR_WIDTH, DEFAULT_WINDOW_WIDTH, place_door, place_window
from .reshape import move_edge, move_vertex
from .result import EditResult, problem
from .rooms import add_polygon_room, add_rect_room
from .split import split_room

__all__ = ["Action", "apply_action", "parse_action"]


class _ActionBase(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    seq: int | str | None = None


class AddRoom(_ActionBase):
    op: Literal["add_room"]
    rings: list[list[tuple[float, float]]] = Field(min_length=1)
    kind: str = RoomKind.meeting_room.value
    name: str = ""


class AddRect(_ActionBase):
    op: Literal["add_rect"]
    x0: float
    y0: float
    x1: float
    y1: float
    kind: str = RoomKind.meeting_room.value
    name: str = ""


class PlaceDoor(_ActionBase):
    op: Literal["place_door"]
    x: float
    y: float
    width: float = DEFAULT_DOOR_WIDTH
    entrance: bool = False


class PlaceWindow(_ActionBase):
    op: Literal["place_window"]
    x: float
    y: float
    width: float = DEFAULT_WINDOW_WIDTH


class Move(_ActionBase):
    op: Literal["move"]
    id: str
    dx: float
    dy: float


class MoveVertex(_ActionBase):
    """A room's corner handle dragged: corner ``index`` of its outline goes to (x, y)."""

    op: Literal["move_vertex"]
    id: str
    index: int = Field(ge=0)
    x: float
    y: float


class MoveEdge(_ActionBase):
    """A room's wall handle dragged: the straight wall holding edge ``index`` moves ``offset`` m outwards (negative: inwards)."""

    op: Literal["move_edge"]
    id: str
    index: int = Field(ge=0)
    offset: float


class SplitRoom(_ActionBase):
    """A line drawn across a room: cut it in two with a door in the new wall; the smaller part gets ``kind``."""

    op: Literal["split_room"]
    id: str
    a: tuple[float, float]
    b: tuple[float, float]
    kind: str | None = None
    name: str = ""


class Delete(_ActionBase):
    op: Literal["delete"]
    id: str


class Select(_ActionBase):
    op: Literal["select"]
    id: str | None = None


class Click(_ActionBase):
    op: Literal["click"]
    x: float
    y: float


Action = Annotated[AddRoom | AddRect | PlaceDoor | PlaceWindow | Move | MoveVertex | MoveEdge | SplitRoom | Delete | Select | Click,
                   Field(discriminator="op")]
# TypeAdapter takes any type form, but mypy reads the Annotated union as a plain value: hand it over untyped.
_ACTION_FORM: Any = Action
_ACTION: TypeAdapter[Action] = TypeAdapter(_ACTION_FORM)


def parse_action(raw: Any) -> Action | Problem:
    """The component's JSON action as a typed model, or a problem saying what is wrong with it."""
    try:
        return _ACTION.validate_python(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return problem("bad-action", f"the drawing tool sent an action that cannot be used ({where}: {err['msg']})")


def apply_action(plan: Plan, raw: Any, *, grid: float | None = DEFAULT_GRID, kind: str | None = None) -> EditResult:
    """Apply one edit action from the drawing component.

    ``select`` and ``click`` do not change the plan; they come back as an
    unchanged result whose ``feature_id`` (select) is the chosen feature.
    ``kind`` overrides the kind of a drawn room and of the part a split
    carves out (the page's kind picker).
    """
    action = parse_action(raw)
    if isinstance(action, Problem):
        return EditResult.refused(plan, action)
    match action:
        case AddRoom():
            return add_polygon_room(plan, action.rings[0], kind or action.kind, action.name, grid=grid)
        case AddRect():
            return add_rect_room(plan, action.x0, action.y0, action.x1, action.y1, kind or action.kind, action.name, grid=grid)
        case PlaceDoor():
            return place_door(plan, action.x, action.y, width=action.width, entrance=action.entrance, grid=grid)
        case PlaceWindow():
            return place_window(plan, action.x, action.y, width=action.width, grid=grid)
        case Move() | MoveVertex() | MoveEdge() | SplitRoom():
            return _reshape(plan, action, grid=grid, kind=kind)
        case Delete():
            return delete_feature(plan, action.id)
        case Select():
            return EditResult(plan=plan, ok=True, message=f"selected {action.id}" if action.id else "", feature_id=action.id, changed=False)
        case Click():
            return EditResult(plan=plan, ok=True, message=f"point ({action.x:.1f}, {action.y:.1f})", changed=False)
    return EditResult.refused(plan, problem("bad-action", f"unknown action {raw!r}"))  # pragma: no cover


def _reshape(plan: Plan, action: Move | MoveVertex | MoveEdge | SplitRoom, *, grid: float | None, kind: str | None) -> EditResult:
    """The actions that move or cut what is already there: a feature dragged, a corner or wall handle, a split."""
    match action:
        case Move():
            return move_feature(plan, action.id, action.dx, action.dy, grid=grid)
        case MoveVertex():
            return move_vertex(plan, action.id, action.index, action.x, action.y, grid=grid)
        case MoveEdge():
            return move_edge(plan, action.id, action.index, action.offset, grid=grid)
        case SplitRoom():
            return split_room(plan, action.id, action.a, action.b, kind or action.kind, name=action.name, grid=grid)
