"""Edit operations on a plan: draw rooms, place doors and windows, move, delete, undo.

Every operation is pure: it takes a ``Plan`` and returns an ``EditResult``
holding the new plan, or, when the edit would make the plan invalid, the
*unchanged* plan and the problems that made it refuse (``result``). So an
invalid edit can never destroy the last valid state; the designer sees why
and tries again.

Coordinates are snapped to a grid (``grid``, 10 cm by default) before
anything is built, so what a designer draws with a mouse lands on round
numbers. Rooms are drawn and changed in ``rooms``; doors and windows sit on
the walls found in ``walls`` and are placed by ``openings``; ``moves`` moves
and deletes; ``reshape`` drags a room's corners and walls (a shared wall in
both rooms); ``split`` cuts a room in two with a door; ``history`` undoes.

The same operations back the drawing component (``actions.apply_action``
takes its JSON actions) and the table editor (``tables`` shows the rows,
``table_rooms.apply_rooms_table`` / ``table_doors.apply_doors_table`` /
``table_windows.apply_windows_table`` take the edited rows back).
"""

from .actions import Action, apply_action, parse_action
from .grid import DEFAULT_GRID, new_id, snap, snap_point
from .history import HISTORY_LIMIT, EditHistory
from .moves import delete_feature, move_feature
from .openings import DEFAULT_DOOR_WIDTH, DEFAULT_WINDOW_WIDTH, place_door, place_window, update_door, update_window
from .reshape import move_edge, move_vertex, wall_run
from .result import EditResult, check_edit
from .rooms import add_polygon_room, add_rect_room, set_room
from .split import cut_line, split_room
from .table_doors import apply_doors_table
from .table_rooms import apply_rooms_table
from .table_windows import apply_windows_table
from .tables import DOOR_COLUMNS, ROOM_COLUMNS, WINDOW_COLUMNS, doors_table, format_coords, parse_coords, rooms_table, windows_table
from .walls import Wall, wall_at

__all__ = [
    "DEFAULT_DOOR_WIDTH",
    "DEFAULT_GRID",
    "DEFAULT_WINDOW_WIDTH",
    "DOOR_COLUMNS",
    "HISTORY_LIMIT",
    "ROOM_COLUMNS",
    "WINDOW_COLUMNS",
    "Action",
    "EditHistory",
    "EditResult",
    "Wall",
    "add_polygon_room",
    "add_rect_room",
    "apply_action",
    "apply_doors_table",
    "apply_rooms_table",
    "apply_windows_table",
    "check_edit",
    "cut_line",
    "delete_feature",
    "doors_table",
    "format_coords",
    "move_edge",
    "move_feature",
    "move_vertex",
    "new_id",
    "parse_action",
    "parse_coords",
    "place_door",
    "place_window",
    "rooms_table",
    "set_room",
    "snap",
    "split_room",
    "snap_point",
    "update_door",
    "update_window",
    "wall_at",
    "wall_run",
    "windows_table",
]
