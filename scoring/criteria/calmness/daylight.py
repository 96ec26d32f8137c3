"""daylight: glass area (BR18 §379) and average daylight factor (BRE) of each public room where people stay.

Per room citizens stay in (not corridors, WCs, stairs, the entrance lobby):

* the BR18 §379 glass-area rule: glass (corrected for light transmittance
  below 0.75) at least 10 % of the floor area; and
* the BRE average daylight factor ``DF = T·Aw·θ / (A·(1 − R²))`` against
  EN 17037's minimum daylight provision (300 lx on half the floor, ≈ 2.1 %
  under the Danish overcast sky).

Windows are clipped to the room's ceiling: glass drawn above it lights no
part of this room. A room scores half for each rule, linearly from no glass
to the target; the criterion is the floor-weighted mean over the rooms.
Rooms the plausibility check finds implausible are left out. The physics is
``scoring.daylight`` (pure functions, checked by hand in its tests).
"""

from __future__ import annotations

from dataclasses import dataclass

from floorplans.model import Plan, Room, Window

from ...acoustics.wording import Text, join, num
from ...daylight.glazing import (
    DF_MINIMUM,
    GLASS_RULE,
    LT_REFERENCE,
    MEAN_REFLECTANCE,
    WORKING_PLANE,
    RoomDaylight,
    sky_angle,
)
from ...daylight.rooms import outside_wall, plan_daylight, room_windows, rooms_to_light, windows_by_room
from ...geometry import polygons_of
from ...profiles import PROFILES, RuleProfile, Threshold
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ..shared import implausible, ramp

_DF_CLAUSE = ("EN 17037:2018+A1:2021 daylight provision, minimum level (300 lx on 50 % of the reference plane for half "
              "the daylight hours ≈ average daylight factor 2.1 % under the Danish overcast sky) [R]; BRE average daylight "
              "factor (Littlefair, BR 209; BS 8206-2)")
_GLASS_CLAUSE = ("BR18 §379: glass area ≥ 10 % of the floor of rooms for work and stay, in proportion for light "
                 "transmittance below 0.75")
DF = Limit("daylight_factor", en="Average daylight factor of rooms where people stay (EN 17037 minimum)",
           da="Gennemsnitlig dagslysfaktor i opholdsrum (EN 17037 minimum)",
           per_profile={n: Threshold(value=DF_MINIMUM, unit="%", clause=_DF_CLAUSE, status="R", binding=False) for n in PROFILES})
GLASS = Limit("glass_to_floor", en="Glass area per floor area of rooms where people stay (BR18 §379)",
              da="Glasareal pr. gulvareal i opholdsrum (BR18 §379)",
              per_profile={n: Threshold(value=GLASS_RULE, unit="× floor area", clause=_GLASS_CLAUSE, status="S", binding=False)
                           for n in PROFILES})

#: A window the designer would add: the format's default glass (0.9–2.1 m, LT 0.7) looking onto a street.
_NEW_SILL, _NEW_HEAD, _NEW_LT, _NEW_SKY = 0.9, 2.1, 0.7, 65.0


@dataclass(frozen=True)
class _Room:
    room: Room
    light: RoomDaylight
    score: float
    clipped: list[str]  # ids of windows cut at the ceiling


def _room_score(d: RoomDaylight, df_target: float, glass_target: float) -> float:
    return 0.5 * ramp(d.glass_ratio, 0.0, glass_target) + 0.5 * ramp(d.daylight_factor, 0.0, df_target)


def _width_needed(d: RoomDaylight, df_target: float, glass_target: float) -> float:
    """Metres of a new default window (0.9–2.1 m, LT 0.7, street view) that bring the room to both targets."""
    per_m_glass = (_NEW_HEAD - _NEW_SILL) * min(1.0, _NEW_LT / LT_REFERENCE)
    for_glass = max(0.0, glass_target * d.floor_area - d.corrected_glass) / per_m_glass
    per_m_df = _NEW_LT * (_NEW_HEAD - max(_NEW_SILL, WORKING_PLANE)) * _NEW_SKY / (d.surfaces * (1 - MEAN_REFLECTANCE**2))
    for_df = max(0.0, df_target - d.daylight_factor) / per_m_df if per_m_df > 0 else 0.0
    return max(for_glass, for_df)


def _df_with(d: RoomDaylight, width: float) -> float:
    add = _NEW_LT * width * (_NEW_HEAD - max(_NEW_SILL, WORKING_PLANE)) * _NEW_SKY / (d.surfaces * (1 - MEAN_REFLECTANCE**2))
    return d.daylight_factor + add


def _describe(r: _Room, df_target: float, glass_target: float) -> Text:
    d = r.light
    return Text(
        f"{r.room.label} (DF {num(d.daylight_factor, 1)} %, glass {num(100 * d.glass_ratio, 0)} % of the floor)",
        f"{r.room.label} (DF {num(d.daylight_factor, 1, 'da')} %, glas {num(100 * d.glass_ratio, 0, 'da')} % af gulvet)",
    )


def _suggestion(r: _Room, outside: float, df_target: float, glass_target: float) -> Text:
    """What the designer can change in this room: more glass on its outside wall, or another room for the use."""
    d, label = r.light, r.room.label
    if outside < 0.5:
        return Text(f" {label} has no outside wall: give its use to a room on the façade, or borrow light through glazed walls.",
                    f" {label} har ingen ydervæg: flyt funktionen til et rum ved facaden, eller lån lys gennem glasvægge.")
    need = _width_needed(d, df_target, glass_target)
    if need <= outside:
        return Text(
            f" {num(need, 1)} m more window (0.9–2.1 m glass) on the {num(outside, 1)} m outside wall of {label} would bring it "
            f"to {num(glass_target * 100, 0)} % glass and DF {num(_df_with(d, need), 1)} %.",
            f" {num(need, 1, 'da')} m mere vindue (glas 0,9–2,1 m) på den {num(outside, 1, 'da')} m lange ydervæg i {label} ville give "
            f"{num(glass_target * 100, 0, 'da')} % glas og DF {num(_df_with(d, need), 1, 'da')} %.")
    return Text(
        f" Even glass along all {num(outside, 1)} m of outside wall would bring {label} only to DF "
        f"{num(_df_with(d, outside), 1)} %: raise the window heads, or give the use to a shallower room.",
        f" Selv glas langs hele den {num(outside, 1, 'da')} m lange ydervæg ville kun give {label} DF "
        f"{num(_df_with(d, outside), 1, 'da')} %: hæv vinduernes overkant, eller flyt funktionen til et mindre dybt rum.")


def _clipped(plan: Plan, room: Room) -> list[str]:
    kept = {w.id: w for w in room_windows(plan, room)}
    out = []
    for w in windows_by_room(plan).get(room.id, ()):
        k: Window | None = kept.get(w.id)
        if k is None or k.head < w.head:
            out.append(w.id)
    return out


@criterion(
    id="daylight",
    area="calmness",
    order=60,
    weight=1.0,
    title="Daylight in rooms where people stay",
    description=(
        "For each public room where people stay: its glass area against BR18 §379's 10 % of the floor (corrected for light "
        "transmittance) and its BRE average daylight factor (T·Aw·θ / (A·(1 − R²)), glass above the working plane and "
        "below the ceiling) against EN 17037's minimum (≈ 2.1 %). Each rule gives half a room's score, rising from no glass "
        "to the target; rooms are weighed by floor area."
    ),
    source=f"{_GLASS_CLAUSE}; {_DF_CLAUSE}",
    da=Texts(
        title="Dagslys i opholdsrum",
        description=(
            "For hvert offentligt rum, hvor man opholder sig: glasarealet mod BR18 §379's 10 % af gulvarealet (korrigeret "
            "for lystransmittans) og BRE's gennemsnitlige dagslysfaktor (T·Aw·θ / (A·(1 − R²)), glas over arbejdsplanet og "
            "under loftet) mod EN 17037's minimum (≈ 2,1 %). Hver regel giver halvdelen af rummets score, fra intet glas "
            "op til målet; rummene vægtes efter gulvareal."
        ),
        source=("BR18 §379: glasareal ≥ 10 % af gulvarealet i rum til arbejde og ophold, forholdsvis mere ved lystransmittans "
                "under 0,75; EN 17037:2018+A1:2021 dagslys, minimumsniveau (300 lx på 50 % af arbejdsplanet i halvdelen "
                "af dagslystimerne ≈ dagslysfaktor 2,1 % under dansk overskyet himmel; til bekræftelse); BRE's gennemsnitlige "
                "dagslysfaktor (Littlefair, BR 209; BS 8206-2)"),
    ),
    thresholds=(DF, GLASS),
)
def daylight(plan: Plan, profile: RuleProfile) -> Finding:
    df_target, glass_target = DF.of(profile).value, GLASS.of(profile).value
    rooms = rooms_to_light(plan, skip=implausible(plan))
    if not rooms:
        return Finding.not_applicable("the plan has no public rooms where people stay", "planen har ingen offentlige opholdsrum",
                                      threshold=df_target, unit="% average daylight factor")
    judged = [
        _Room(r, d, _room_score(d, df_target, glass_target), _clipped(plan, r))
        for r, d in zip(rooms, plan_daylight(plan, rooms), strict=True)
    ]
    floor = sum(j.light.floor_area for j in judged) or 1.0
    score = sum(j.score * j.light.floor_area for j in judged) / floor
    mean_df = sum(j.light.daylight_factor * j.light.floor_area for j in judged) / floor
    short = sorted((j for j in judged if j.score < 0.999), key=lambda j: (j.score, -j.light.floor_area))
    if short:
        parts = [_describe(j, df_target, glass_target) for j in short]
        text = Text(f"{len(short)} of {len(judged)} rooms where people stay fall short of {num(glass_target * 100, 0)} % glass "
                    f"(BR18 §379) or DF {num(df_target, 1)} % (EN 17037): ",
                    f"{len(short)} af {len(judged)} opholdsrum når ikke {num(glass_target * 100, 0, 'da')} % glas (BR18 §379) "
                    f"eller DF {num(df_target, 1, 'da')} % (EN 17037): ")
        text = text + Text(join([p.en for p in parts], "en", 4), join([p.da for p in parts], "da", 4)) + Text(".", ".")
        for j in short[:2]:
            text = text + _suggestion(j, outside_wall(plan, j.room.id), df_target, glass_target)
    else:
        low = min(judged, key=lambda j: j.light.daylight_factor)
        text = Text(f"all {len(judged)} rooms where people stay have {num(glass_target * 100, 0)} % glass and DF ≥ "
                    f"{num(df_target, 1)} % (lowest: {low.room.label} DF {num(low.light.daylight_factor, 1)} %)",
                    f"alle {len(judged)} opholdsrum har {num(glass_target * 100, 0, 'da')} % glas og DF ≥ "
                    f"{num(df_target, 1, 'da')} % (lavest: {low.room.label} DF {num(low.light.daylight_factor, 1, 'da')} %)")
    clipped = [w for j in judged for w in j.clipped]
    if clipped:
        text = text + Text(f" Glass above the ceiling is not counted (windows {join(clipped)}).",
                           f" Glas over loftet tæller ikke med (vinduerne {join(clipped, 'da')}).")
    return Finding(
        score=score,
        value=mean_df,
        threshold=df_target,
        unit="% average daylight factor (BRE), floor-weighted",
        detail=text.en,
        detail_da=text.da,
        where=[j.room.id for j in short],
        polygons=polygons_of([j.room for j in short]),
        items=[{**j.light.as_item(), "score": round(j.score, 3), "clipped_windows": j.clipped,
                "sky_angles": [round(sky_angle(w), 1) for w in room_windows(plan, j.room)]} for j in judged],
    )


__all__ = ["daylight", "DF", "GLASS"]
