"""noise-separation: the activity noise arriving in each quiet room and conversation room, in dB(A).

The physics is in ``scoring.acoustics``: the noisy rooms' activity (speech in
a waiting area by how many wait there, a counter conversation at reception,
children at play) passes walls, doors and openings as sound power (composite
R', D = R' − 10·lg(S/A)) and falls off along corridors and other open rooms as
ISO 3382-3 describes. A room is fine when what arrives stays at or below the
background its use allows (30 dB(A), BR18's design value for meeting rooms),
and scores 0 at 10 dB above.
"""

from __future__ import annotations

import math

from floorplans.model import Plan

from ...acoustics.assess_noise import MARGIN, NoiseResult, noise_results, path_text
from ...acoustics.plan_model import AcousticPlan, acoustic_plan
from ...acoustics.wording import Text, db, join
from ...geometry import polygons_of
from ...profiles import PROFILES, RuleProfile, Threshold
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ..shared import implausible

_CLAUSE = ("BR18 guidance for office buildings (bygningsreglementet.dk, Tabel 5.3): ≤ 30 dB in meeting rooms; "
           "activity noise from other rooms is held to the same level")
QUIET = Limit(
    "quiet_room_noise", en="Activity noise arriving in quiet and conversation rooms", da="Aktivitetsstøj i stille rum og samtalerum",
    per_profile={name: Threshold(value=30.0, unit="dB(A)", clause=_CLAUSE, status="S", binding=False) for name in PROFILES},
)


def _line(ap: AcousticPlan, result: NoiseResult) -> list[tuple[float, float]]:
    """The loudest path: the noisy room's centre, each crossing, the room's centre."""
    assert result.loudest is not None
    points = [ap.rooms[result.loudest.source].centre]
    points += [ap.partitions[k].point for k in result.loudest.path]
    points.append(ap.rooms[result.room].centre)
    return [(round(x, 3), round(y, 3)) for x, y in points]


def _elements(ap: AcousticPlan, result: NoiseResult) -> list[str]:
    """Doors and openings on the loudest path."""
    if result.loudest is None:
        return []
    return [e.id for k in result.loudest.path for e in ap.partitions[k].elements if e.id is not None]


def _detail(ap: AcousticPlan, results: list[NoiseResult], bad: list[NoiseResult], target: float) -> Text:
    if not bad:
        loudest = max(results, key=lambda r: r.level)
        return Text(
            f"all {len(results)} quiet and conversation rooms stay at or below {target:.0f} dB(A) of activity noise "
            f"(loudest: {db(loudest.level)} in {loudest.label})",
            f"alle {len(results)} stille rum og samtalerum holder sig på højst {target:.0f} dB(A) aktivitetsstøj "
            f"(mest: {db(loudest.level, 'da')} i {loudest.label})")
    head = Text(f"{len(bad)} of {len(results)} quiet/conversation rooms get more than {target:.0f} dB(A) of activity noise: ",
                f"{len(bad)} af {len(results)} stille rum/samtalerum får mere end {target:.0f} dB(A) aktivitetsstøj: ")
    parts = []
    for r in bad[:3]:
        how = path_text(ap, r.loudest) if r.loudest is not None else Text("", "")
        parts.append(Text(f"{r.label} {db(r.level)} ({how.en})", f"{r.label} {db(r.level, 'da')} ({how.da})"))
    listed = Text(join([p.en for p in parts], "en", limit=3), join([p.da for p in parts], "da", limit=3))
    if len(bad) > 3:
        listed = listed + Text(f" and {len(bad) - 3} more", f" og {len(bad) - 3} til")
    text = head + listed + Text(".", ".")
    for r in bad[:2]:
        if r.suggestion is not None:
            text = text + r.suggestion
    return text


@criterion(
    id="noise-separation",
    area="calmness",
    order=20,
    weight=2.0,
    title="Noise at quiet places",
    description=(
        "The activity noise (dB(A)) arriving in every quiet room and conversation room from the entrance, reception, "
        "waiting areas, play areas and open offices: through walls and doors by their sound ratings (composite R', "
        "D = R' − 10·lg(S/A)), along corridors and open paths with ISO 3382-3's decay per doubling of distance. "
        "At most the background the room allows (30 dB(A)) is full marks, 10 dB more is none."
    ),
    source=("EN 12354-1 (composite R', level difference); ISO 3382-3:2022 (spatial decay D2,S, Lp,A,S,4m); "
            "BR18 guidance for office buildings Tabel 5.3 (30 dB in meeting rooms)"),
    da=Texts(
        title="Støj ved stille steder",
        description=(
            "Den aktivitetsstøj (dB(A)), der når hvert stille rum og samtalerum fra indgang, reception, venteområder, "
            "legeområder og åbne kontorer: gennem vægge og døre efter deres lydisolation (samlet R', "
            "D = R' − 10·lg(S/A)) og langs gange og åbne forbindelser med ISO 3382-3's fald pr. afstandsfordobling. "
            "Højst den baggrundsstøj, rummet tåler (30 dB(A)), giver fuld score; 10 dB mere giver ingen."
        ),
        source=("EN 12354-1 (samlet R', niveauforskel); ISO 3382-3:2022 (rumlig dæmpning D2,S, Lp,A,S,4m); "
                "BR18's vejledning for kontorbyggeri Tabel 5.3 (30 dB i møderum)"),
    ),
    thresholds=(QUIET,),
)
def noise_separation(plan: Plan, profile: RuleProfile) -> Finding:
    target = QUIET.of(profile).value
    results = noise_results(plan, skip=implausible(plan), target=target)
    if not results:
        return Finding.not_applicable("the plan has no quiet or conversation rooms", "planen har ingen stille rum eller samtalerum",
                                      threshold=target, unit="dB(A)")
    ap = acoustic_plan(plan)
    bad = sorted((r for r in results if r.level > target + 0.5), key=lambda r: -r.level)
    text = _detail(ap, results, bad, target)
    worst = max(r.level for r in results)
    where = list(dict.fromkeys([r.room for r in bad] + [e for r in bad for e in _elements(ap, r)]))
    return Finding(
        score=sum(r.score for r in results) / len(results),
        value=worst if math.isfinite(worst) else None,
        threshold=target,
        unit="dB(A) arriving in the loudest quiet or conversation room",
        detail=text.en,
        detail_da=text.da,
        where=where,
        polygons=polygons_of([plan.room(r.room) for r in bad]),
        lines=[_line(ap, r) for r in bad if r.loudest is not None],
        items=[{
            "id": r.room, "level_db": round(r.level, 1) if math.isfinite(r.level) else None, "target_db": target,
            "source": r.loudest.source if r.loudest else None, "through": _elements(ap, r), "score": round(r.score, 3),
        } for r in results],
    )


__all__ = ["noise_separation", "QUIET", "MARGIN"]
