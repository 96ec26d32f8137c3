"""Opening edits: add a window where a room people stay in lacks daylight or a view out; move a quiet room's door.

The window is the one a daylight engineer would add: the format's default
glass (sill 0.9 m, head 2.1 m, light transmittance 0.70), on the room's
longest free stretch of outside wall, clear of other windows and doors, just
wide enough to reach BR18 §379's glass area and EN 17037's daylight factor
(at least ``MIN_WIDTH`` so seated people see out, at most what the wall
allows). A door of a conversation room, group room or nook that opens onto a
noisy room (entrance, reception, waiting, play area, open office) moves to a
wall the room shares with a quieter public room (a corridor first, never
another conversation room), keeping its leaf and ratings. Whether the move
helps, and that it lowers no accessibility criterion, the search decides by
scoring the edited plan in full.
"""

from __future__ import annotations

import shapely
import shapely.ops
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

from floorplans.editing import new_id
from floorplans.model import DEFAULT_HEAD, DEFAULT_LIGHT_TRANSMITTANCE, DEFAULT_SILL, Plan, Room, RoomKind, Window, evolve
from floorplans.plausibility import implausible_rooms
from floorplans.topology import exterior_walls

from ..criteria.calmness.daylight import DF, GLASS
from ..daylight.glazing import room_daylight
from ..daylight.rooms import room_windows, rooms_to_light
from ..geometry import NOISY_KINDS
from .context import KIND_DA, KIND_EN, QUIET_KINDS, Context, door_rooms, num_da
from .edits import Edit, replaced

__all__ = ["add_windows", "move_doors"]

#: A new window: at least this wide (a view out for a seated person), at most this wide, m; widths tried in this step.
MIN_WIDTH, MAX_WIDTH, WIDTH_STEP = 1.2, 6.0, 0.3
#: Keep a new window or a moved door this far from a corner, another window, a door or an opening, m.
MARGIN = 0.3
WINDOW_AFFECTS = ("daylight", "view-out", "green-exposure", "quiet-refuge")
DOOR_AFFECTS = None  # routes, sight lines and sound paths all move with a door
MAX_WINDOWS, MAX_DOORS = 4, 3
#: What a quiet room's door is better onto, best first: public rooms people pass or work quietly in (never
#: through another conversation room).
QUIETER = (RoomKind.corridor, RoomKind.green_area, RoomKind.job_search)


def _pieces(geom: BaseGeometry) -> list[LineString]:
    """The straight edges of a line geometry."""
    lines = list(geom.geoms) if isinstance(geom, MultiLineString) else [geom] if isinstance(geom, LineString) else []
    out = []
    for line in lines:
        coords = list(line.coords)
        out += [LineString([coords[i], coords[i + 1]]) for i in range(len(coords) - 1) if coords[i] != coords[i + 1]]
    return out


def _free_stretch(wall: BaseGeometry, plan: Plan, skip: str = "") -> LineString | None:
    """The longest straight part of ``wall`` clear of windows, doors and openings (by MARGIN), ends cut by MARGIN."""
    blocked = [f.geometry.buffer(MARGIN) for f in (*plan.windows, *plan.doors, *plan.openings) if f.id != skip]
    best: LineString | None = None
    for edge in _pieces(wall):
        rest = edge.difference(shapely.union_all(blocked)) if blocked else edge
        for part in _pieces(shapely.line_merge(rest) if not rest.is_empty else rest):
            if part.length <= 2 * MARGIN:
                continue
            cut = shapely.ops.substring(part, MARGIN, part.length - MARGIN)
            if isinstance(cut, LineString) and (best is None or round(cut.length, 3) > round(best.length, 3)):
                best = cut
    return best


def _segment(stretch: LineString, width: float) -> list[tuple[float, float]]:
    """``width`` m of the stretch, centred on it, as rounded end points."""
    mid = stretch.length / 2
    a, b = stretch.interpolate(mid - width / 2), stretch.interpolate(mid + width / 2)
    return [(round(a.x, 3), round(a.y, 3)), (round(b.x, 3), round(b.y, 3))]


def _width(plan: Plan, room: Room, stretch: LineString, df_target: float, glass_target: float) -> float:
    """The narrowest default window (in WIDTH_STEP steps from MIN_WIDTH) that brings the room to both targets."""
    have = room_windows(plan, room)
    top = min(MAX_WIDTH, stretch.length)
    width = MIN_WIDTH
    while width + WIDTH_STEP <= top + 1e-9:
        trial = Window(id="_", points=_segment(stretch, width))
        d = room_daylight(room.id, [*have, trial], room.geometry.area, room.geometry.length, room.height)
        if d.glass_ratio >= glass_target and d.daylight_factor >= df_target:
            break
        width += WIDTH_STEP
    return round(width, 2)


def add_windows(plan: Plan, ctx: Context) -> list[Edit]:
    """A window on the outside wall of each room where people stay that the daylight or view-out findings name."""
    flagged = ctx.flagged(("daylight", "view-out"))
    rooms = [r for r in rooms_to_light(plan, skip=frozenset(implausible_rooms(plan))) if r.id in flagged and ctx.free(r.id)]
    if not rooms:
        return []
    walls = exterior_walls(plan)
    df_target, glass_target = DF.of(ctx.profile).value, GLASS.of(ctx.profile).value
    edits = []
    for room in sorted(rooms, key=lambda r: (-round(r.geometry.area, 1), r.id)):
        wall = walls.get(room.id)
        stretch = _free_stretch(wall, plan) if wall is not None and not wall.is_empty else None
        if stretch is None or stretch.length < MIN_WIDTH:
            continue
        width = _width(plan, room, stretch, df_target, glass_target)
        wid = new_id(plan, "window")
        window = Window(id=wid, points=_segment(stretch, width), sill=DEFAULT_SILL, head=DEFAULT_HEAD,
                        light_transmittance=DEFAULT_LIGHT_TRANSMITTANCE)
        glass = f"{DEFAULT_SILL:.1f}–{DEFAULT_HEAD:.1f} m"
        edits.append(Edit(
            op="add-window", features=(room.id, wid),
            en=f"Put a {width:.1f} m window ({wid}, glass {glass}, light transmittance {DEFAULT_LIGHT_TRANSMITTANCE:.2f}) "
               f"in the outside wall of {room.label}, clear of its other windows and doors",
            da=f"Sæt et {num_da(width, 1)} m vindue ({wid}, glas {glass.replace('.', ',')}, lystransmittans "
               f"{num_da(DEFAULT_LIGHT_TRANSMITTANCE)}) i ydervæggen i {room.label}, fri af dets andre vinduer og døre",
            apply=replaced(window), affects=WINDOW_AFFECTS, geometric=True))
        if len(edits) == MAX_WINDOWS:
            break
    return edits


def _shared_wall(a: Room, b: Room) -> BaseGeometry:
    return shapely.intersection(a.geometry.boundary, b.geometry.boundary, grid_size=1e-3)


def move_doors(plan: Plan, ctx: Context) -> list[Edit]:
    """Move a quiet room's door off a noisy room onto a wall it shares with a quieter public room."""
    flagged = ctx.flagged(("noise-separation", "meeting-privacy", "meeting-sightlines", "quiet-refuge"))
    edits = []
    for door in sorted(plan.doors, key=lambda d: d.id):
        if door.entrance or not ctx.free(door.id):
            continue
        rooms = door_rooms(plan, door)
        if len(rooms) != 2:
            continue
        quiet = [r for r in rooms if r.kind in QUIET_KINDS]
        noisy = [r for r in rooms if r.kind in NOISY_KINDS]
        if len(quiet) != 1 or len(noisy) != 1 or not (quiet[0].id in flagged or door.id in flagged):
            continue
        q, n = quiet[0], noisy[0]
        if sum(1 for d in plan.doors if any(r.id == q.id for r in door_rooms(plan, d))) > 1:
            continue  # a room with a second door keeps it; moving one of two changes little
        options = []
        for other in plan.rooms:
            if other.id in (q.id, n.id) or other.kind not in QUIETER or not other.is_public:
                continue
            wall = _shared_wall(q, other)
            stretch = _free_stretch(wall, plan, skip=door.id) if not wall.is_empty else None
            if stretch is None or stretch.length < door.length:
                continue
            options.append((QUIETER.index(other.kind), -round(stretch.length, 2), other.id, other, stretch))
        if not options:
            continue
        *_, other, stretch = min(options, key=lambda o: o[:3])
        moved = evolve(door, points=_segment(stretch, door.length))
        edits.append(Edit(
            op="move-door", features=(door.id,),
            en=f"Move the door of {q.label} ({door.id}) off {n.label} onto the wall it shares with {other.label}, "
               f"away from the noise and the eyes of the {KIND_EN[n.kind]}",
            da=f"Flyt døren til {q.label} ({door.id}) fra {n.label} over på væggen mod {other.label}, væk fra støj og "
               f"blikke fra {KIND_DA[n.kind]}",
            apply=replaced(moved), affects=DOOR_AFFECTS, geometric=True,
            priority=0 if q.id in flagged else 1))
    edits.sort(key=lambda e: (e.priority, e.key))
    return edits[:MAX_DOORS]

