"""programme: a floor citizens enter keeps a reception and a waiting area, or calmness is capped.

Calmness averages criteria that judge the rooms a plan has. A criterion with
nothing to judge weighs nothing, so a plan could climb by losing the rooms a
job centre cannot do without: relabel the waiting area and the reception as
quiet nooks and the noise, waiting and meeting criteria stop counting them.
This gate closes that hole the way the accessibility gates do: a floor with a
public entrance and no (plausibly sized) reception or waiting area has its
calmness held at ``CAP``, and the finding names the entrance doors. It weighs
nothing in the mean.
"""

from __future__ import annotations

from floorplans.model import Plan, RoomKind

from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding
from ..shared import plausible_rooms

#: The highest calmness a floor citizens enter can have without the rooms they arrive to.
CAP = 40.0

_MISSING = {
    RoomKind.reception: ("reception", "reception"),
    RoomKind.waiting: ("waiting area", "venteområde"),
}


@criterion(
    id="programme",
    area="calmness",
    order=5,
    weight=0.0,
    title="Rooms citizens arrive to (cap)",
    description=(
        "A floor citizens enter must have a reception and a waiting area of a plausible size; without them calmness "
        f"is capped at {CAP:.0f}, so relabelling rooms cannot buy calm. Weighs nothing in the mean."
    ),
    source="Job-centre programme (reception and waiting area where citizens arrive; research note §3); "
           "hard gate + weighted mean as for accessibility (research note §5)",
    da=Texts(
        title="Rum, borgerne kommer ind til (loft)",
        description=(
            "En etage, borgerne kommer ind på, skal have en reception og et venteområde af rimelig størrelse; uden "
            f"dem kan roen højst blive {CAP:.0f}, så omdøbte rum ikke kan købe ro. Vejer intet i gennemsnittet."
        ),
        source="Jobcentrets rumprogram (reception og venteområde, hvor borgerne kommer ind; forskningsnotat §3); "
               "hårdt krav + vægtet gennemsnit som for tilgængelighed (forskningsnotat §5)",
    ),
)
def programme(plan: Plan, profile: RuleProfile) -> Finding:
    entrances = plan.entrances
    if not entrances:
        return Finding.not_applicable("citizens do not enter this floor from outside",
                                      "borgerne kommer ikke ind udefra på denne etage", unit="cap (0-100)")
    missing = [kind for kind in _MISSING if not plausible_rooms(plan, kind)]
    if not missing:
        return Finding(score=1.0, passed=True, unit="cap (0-100)",
                       detail="the floor citizens enter has a reception and a waiting area",
                       detail_da="etagen, borgerne kommer ind på, har en reception og et venteområde")
    en = " or ".join(_MISSING[k][0] for k in missing)
    da = " eller ".join(_MISSING[k][1] for k in missing)
    doors = ", ".join(d.id for d in entrances)
    return Finding(
        score=CAP / 100.0,
        passed=False,
        value=CAP,
        threshold=100.0,
        unit="cap (0-100)",
        cap=CAP,
        detail=f"calmness is capped at {CAP:.0f}: citizens come in at {doors} but the floor has no {en} of a plausible "
               "size; give them one, or mark the room where they arrive or wait with its kind",
        detail_da=f"roen kan højst blive {CAP:.0f}: borgerne kommer ind ved {doors}, men etagen har ingen {da} af "
                  "rimelig størrelse; indret en, eller angiv rummet, hvor de kommer ind eller venter, med dets type",
        where=[d.id for d in entrances],
    )


__all__ = ["CAP", "programme"]
