"""view-out: from each seat in the rooms where people stay, the horizontal angle of window it sees (EN 17037).

EN 17037:2018+A1:2021 grades a view out by the horizontal sight angle of the
view opening seen from the reference point: ≥ 14° minimum, ≥ 28° medium,
≥ 54° high. A seat's isovist (``scoring.visibility``) is cut against the
windows whose glass spans seated eye height (1.2 m) and that look out on
something (``scoring.daylight.seats``); the angle is the union of what it
sees. A seat scores 0.75 at 14° and 1 at 28°, linearly from 0°. A room
where people stay but with no seats drawn is judged from sample points over
its free floor (a 1.2 m grid 0.5 m in from the walls, at most 12 points:
``scoring.daylight.seats.floor_points``), each counted like a seat, so a room
whose centre sees out but whose corners do not is not credited in full.
Rooms the plausibility check finds implausible are left out.
"""

from __future__ import annotations

from collections import defaultdict

from floorplans.model import Plan, Room

from ...acoustics.wording import Text, join, num
from ...daylight.rooms import outside_wall, rooms_to_light, windows_by_room
from ...daylight.seats import SeatView, seat_views
from ...daylight.view import EYE_HEIGHT, VIEW_HIGH, VIEW_MEDIUM, VIEW_MINIMUM, at_eye_height
from ...geometry import polygons_of
from ...profiles import PROFILES, RuleProfile, Threshold
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ..shared import implausible, isovists

_CLAUSE = (f"EN 17037:2018+A1:2021 view out: horizontal sight angle ≥ {VIEW_MINIMUM:.0f}° minimum, ≥ {VIEW_MEDIUM:.0f}° "
           f"medium, ≥ {VIEW_HIGH:.0f}° high, from the seated eye height ({EYE_HEIGHT} m)")
ANGLE = Limit("view_angle", en="Horizontal sight angle of window from seats (EN 17037 minimum)",
              da="Vandret synsvinkel mod vinduer fra siddepladser (EN 17037 minimum)",
              per_profile={n: Threshold(value=VIEW_MINIMUM, unit="°", clause=_CLAUSE, status="S", binding=False) for n in PROFILES})


def seat_score(angle: float, minimum: float = VIEW_MINIMUM, medium: float = VIEW_MEDIUM) -> float:
    """0 at 0°, 0.75 at EN 17037's minimum, 1 at its medium level (linear between)."""
    if angle >= medium:
        return 1.0
    if angle >= minimum:
        return 0.75 + 0.25 * (angle - minimum) / (medium - minimum)
    return 0.75 * max(0.0, angle) / minimum


def _suggestion(plan: Plan, room: Room, outside: float) -> Text:
    """What the designer can change so the seats of this room see out."""
    label = room.label
    high = [w for w in windows_by_room(plan).get(room.id, ()) if not at_eye_height(w) and w.sill > EYE_HEIGHT]
    if high:
        ids = [w.id for w in high]
        return Text(f" Lower the sill of {join(ids)} in {label} to {num(EYE_HEIGHT, 1)} m or less so seated people see out.",
                    f" Sænk brystningen på {join(ids, 'da')} i {label} til højst {num(EYE_HEIGHT, 1, 'da')} m, så man kan se ud siddende.")
    if outside >= 0.5:
        return Text(f" A window spanning {num(EYE_HEIGHT, 1)} m eye height on the {num(outside, 1)} m outside wall of {label}, "
                    "or seats turned towards a window, would give its seats a view out.",
                    f" Et vindue i {num(EYE_HEIGHT, 1, 'da')} m øjenhøjde på den {num(outside, 1, 'da')} m lange ydervæg i {label}, "
                    "eller pladser vendt mod et vindue, ville give udsyn.")
    return Text(f" {label} has no outside wall: open it towards a room with windows, or give its use to a room on the façade.",
                f" {label} har ingen ydervæg: åbn det mod et rum med vinduer, eller flyt funktionen til et rum ved facaden.")


@criterion(
    id="view-out",
    area="calmness",
    order=65,
    weight=1.0,
    title="View out from the seats",
    description=(
        f"From each seat in the public rooms where people stay (a seatless room: points on a 1.2 m grid over its floor), "
        f"the horizontal angle of "
        f"window glass at seated eye height that its isovist reaches, against EN 17037 ({VIEW_MINIMUM:.0f}° minimum, "
        f"{VIEW_MEDIUM:.0f}° medium). A seat scores 0.75 at the minimum and 1 at the medium level."
    ),
    source=_CLAUSE,
    da=Texts(
        title="Udsyn fra pladserne",
        description=(
            f"Fra hver siddeplads i de offentlige opholdsrum (et rum uden pladser: punkter i et 1,2 m net over gulvet) "
            f"den vandrette vinkel af "
            f"vinduesglas i siddende øjenhøjde, som pladsens isovist når, holdt op mod EN 17037 ({VIEW_MINIMUM:.0f}° minimum, "
            f"{VIEW_MEDIUM:.0f}° mellem). En plads får 0,75 ved minimum og 1 ved mellemniveauet."
        ),
        source=(f"EN 17037:2018+A1:2021 udsyn: vandret synsvinkel ≥ {VIEW_MINIMUM:.0f}° minimum, ≥ {VIEW_MEDIUM:.0f}° mellem, "
                f"≥ {VIEW_HIGH:.0f}° højt niveau, fra siddende øjenhøjde ({num(EYE_HEIGHT, 1, 'da')} m)"),
    ),
    thresholds=(ANGLE,),
)
def view_out(plan: Plan, profile: RuleProfile) -> Finding:
    minimum = ANGLE.of(profile).value
    rooms = rooms_to_light(plan, skip=implausible(plan))
    if not rooms:
        return Finding.not_applicable("the plan has no public rooms where people stay", "planen har ingen offentlige opholdsrum",
                                      threshold=minimum, unit="° of window seen")
    views = seat_views(plan, rooms, isovists, floor=True)
    by_room: dict[str, list[SeatView]] = defaultdict(list)
    for v in views:
        by_room[v.room_id].append(v)
    scores = [seat_score(v.window_angle, minimum) for v in views]
    who_en, who_da = ("seats and floor points", "pladser og gulvpunkter") if not all(v.seat for v in views) else ("seats", "pladser")
    blind = [v for v in views if v.window_angle + 1e-9 < minimum]
    rooms_blind = sorted({v.room_id for v in blind}, key=lambda rid: (-plan.room(rid).geometry.area, rid))
    if blind:
        parts = []
        for rid in rooms_blind:
            vs = by_room[rid]
            short = [v for v in vs if v.window_angle + 1e-9 < minimum]
            best = max(v.window_angle for v in vs)
            label = plan.room(rid).label
            en, da = ("seats", "pladser") if vs[0].seat else ("points on its floor", "punkter på gulvet")
            parts.append(Text(f"{label} ({len(short)} of {len(vs)} {en}, best {num(best)}°)",
                              f"{label} ({len(short)} af {len(vs)} {da}, bedst {num(best, 0, 'da')}°)"))
        text = Text(f"{len(blind)} of {len(views)} {who_en} see less than {num(minimum)}° of window (EN 17037 minimum): ",
                    f"{len(blind)} af {len(views)} {who_da} ser mindre end {num(minimum, 0, 'da')}° vindue (EN 17037 minimum): ")
        text = text + Text(join([p.en for p in parts], "en", 4), join([p.da for p in parts], "da", 4)) + Text(".", ".")
        for rid in rooms_blind[:2]:
            text = text + _suggestion(plan, plan.room(rid), outside_wall(plan, rid))
    else:
        low = min(views, key=lambda v: v.window_angle)
        text = Text(f"all {len(views)} {who_en} see at least {num(minimum)}° of window (narrowest: {num(low.window_angle)}° in "
                    f"{plan.room(low.room_id).label})",
                    f"alle {len(views)} {who_da} ser mindst {num(minimum, 0, 'da')}° vindue (mindst: {num(low.window_angle, 0, 'da')}° i "
                    f"{plan.room(low.room_id).label})")
    return Finding(
        score=sum(scores) / len(scores),
        value=sum(v.window_angle + 1e-9 >= minimum for v in views) / len(views),
        threshold=minimum,
        unit=f"share of seats (or floor points) seeing ≥ {minimum:.0f}° of window",
        detail=text.en,
        detail_da=text.da,
        where=rooms_blind,
        points=[v.xy for v in blind][:50],
        polygons=polygons_of([plan.room(rid) for rid in rooms_blind]),
        items=[{"id": v.room_id, "xy": [round(v.xy[0], 3), round(v.xy[1], 3)], "seat": v.seat,
                "window_deg": round(v.window_angle, 1), "green_deg": round(v.green_angle, 1)} for v in views],
    )


__all__ = ["view_out", "ANGLE", "seat_score"]
