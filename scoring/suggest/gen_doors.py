"""Door edits: widen a door to the profile's clear width (and take away its threshold); make it sound-rated."""

from __future__ import annotations

import math

from floorplans.model import Door, Plan, evolve

from .context import QUIET_KINDS, Context, door_name, door_rooms, num_da
from .edits import Edit, replaced

__all__ = ["widen_doors", "sound_doors", "SOUND_RATED_DB"]

#: Rw of a sound-rated door leaf with seals, dB.
SOUND_RATED_DB = 35.0
#: A widened door's leaf is this much wider than its clear opening (the frame), m.
FRAME = 0.1
#: What a door's width and threshold may move.
ACCESS_AFFECTS = None  # routes, gates and the wheelchair's way run through every accessibility criterion
SOUND_AFFECTS = ("noise-separation", "meeting-privacy")
MAX_EACH = 4


def _widened(door: Door, clear: float) -> Door:
    """The door with ``clear`` m free passage, no threshold, its leaf lengthened about its middle if needed."""
    changes: dict[str, object] = {"clear_width": clear, "threshold_mm": 0.0}
    need = clear + FRAME if door.clear_width is not None else clear
    if door.length + 1e-9 < need:
        (x1, y1), (x2, y2) = door.points
        mx, my, half = (x1 + x2) / 2, (y1 + y2) / 2, need / 2
        ux, uy = (x2 - x1) / door.length, (y2 - y1) / door.length
        changes["points"] = [(round(mx - ux * half, 3), round(my - uy * half, 3)), (round(mx + ux * half, 3), round(my + uy * half, 3))]
    return evolve(door, **changes)


def widen_doors(plan: Plan, ctx: Context) -> list[Edit]:
    need = ctx.profile.door_clear_width.value
    max_step = ctx.profile.max_threshold_mm.value
    flagged = ctx.flagged(c.id for c in ctx.report.area("accessibility"))
    edits = []
    for door in plan.doors:
        narrow = door.width + 1e-9 < need
        step = door.threshold_mm > max_step
        if not (narrow or step) or not ctx.free(door.id):
            continue
        clear = max(door.width, math.ceil(need * 100 - 1e-6) / 100)
        new = _widened(door, clear)
        what_en = f"widen {door_name(plan, door, 'en')} to {clear:.2f} m clear" if narrow else f"rebuild {door_name(plan, door, 'en')}"
        what_da = f"Udvid {door_name(plan, door, 'da')} til {num_da(clear)} m fri bredde" if narrow else f"Ombyg {door_name(plan, door, 'da')}"
        if door.threshold_mm > 0:
            what_en += f" and remove its {door.threshold_mm:g} mm threshold"
            what_da += f" og fjern dens dørtrin på {door.threshold_mm:g} mm"
        edits.append(Edit(
            op="widen-door", features=(door.id,), en=what_en[0].upper() + what_en[1:], da=what_da,
            apply=replaced(new), affects=ACCESS_AFFECTS, geometric=new.points != door.points,
            priority=0 if door.id in flagged or any(r.id in flagged for r in door_rooms(plan, door)) else 1,
        ))
    return sorted(edits, key=lambda e: (e.priority, e.key))[:MAX_EACH]


def sound_doors(plan: Plan, ctx: Context) -> list[Edit]:
    flagged = ctx.flagged(SOUND_AFFECTS)
    edits = []
    for door in plan.doors:
        if door.sound_rating >= SOUND_RATED_DB or door.entrance or not ctx.free(door.id):
            continue
        rooms = door_rooms(plan, door)
        quiet = [r for r in rooms if r.kind in QUIET_KINDS]
        if not quiet or len(rooms) != 2 or not any(r.id in flagged or door.id in flagged for r in rooms):
            continue
        new = evolve(door, sound_rating=SOUND_RATED_DB)
        edits.append(Edit(
            op="sound-door", features=(door.id,),
            en=f"Fit a sound-rated door ({SOUND_RATED_DB:g} dB, with seals) as {door_name(plan, door, 'en')}",
            da=f"Sæt en lyddør ({SOUND_RATED_DB:g} dB, med tætningslister) i som {door_name(plan, door, 'da')}",
            apply=replaced(new), affects=SOUND_AFFECTS,
            priority=0 if any(r.id in flagged for r in quiet) else 1,
        ))
    return sorted(edits, key=lambda e: (e.priority, e.key))[:MAX_EACH]
