"""reverberation: each room's reverberation time (or absorption area) against the Danish guidance.

T per octave band 125 Hz–4 kHz by Sabine, or Eyring where the mean absorption
is above 0.2, from the room's volume and its surfaces' absorption by finish
class (``scoring.acoustics``). Conversation, group, staff and quiet rooms:
T ≤ 0.6 s (125 Hz may be 20 % more); reception and corridors T ≤ 0.6 s from
250 Hz; waiting areas and other open areas A ≥ 1.1 × floor area. A room at
twice its T limit, or at half the absorption it needs, scores 0.
"""

from __future__ import annotations

from floorplans.model import Plan

from ...acoustics.assess_reverberation import ReverbResult, describe, reverberation_results
from ...acoustics.reverberation import A_PER_FLOOR, T_LIMIT
from ...acoustics.wording import Text, join, seconds
from ...geometry import polygons_of
from ...profiles import PROFILES, RuleProfile, Threshold
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ..shared import implausible

_T_CLAUSE = ("BR18 guidance (bygningsreglementet.dk) for hospitals and clinics Tabel 6.4 and SBi-anvisning 216 for offices: "
             "meeting rooms and small offices T ≤ 0.6 s in each octave band 125–4000 Hz (+20 % at 125 Hz); "
             "reception and corridors T ≤ 0.6 s, 250–4000 Hz")
_A_CLAUSE = "BR18 guidance Tabel 6.4 and SBi-anvisning 216: open-plan offices A ≥ 1.1 × floor area in each band 125–4000 Hz"
TIME = Limit("reverberation_time", en="Reverberation time of conversation, quiet and group rooms, reception, corridors",
             da="Efterklangstid i samtale-, stille- og grupperum, reception og gange",
             per_profile={n: Threshold(value=T_LIMIT, unit="s", clause=_T_CLAUSE, status="S", binding=False) for n in PROFILES})
AREA = Limit("absorption_per_floor", en="Absorption area per floor area of waiting and other open areas",
             da="Absorptionsareal pr. gulvareal i venteområder og andre åbne områder",
             per_profile={n: Threshold(value=A_PER_FLOOR, unit="× floor area", clause=_A_CLAUSE, status="S", binding=False)
                          for n in PROFILES})


def _detail(results: list[ReverbResult], bad: list[ReverbResult]) -> Text:
    if not bad:
        longest = max((r for r in results if r.rule == "time"), key=lambda r: r.value, default=None)
        tail = Text("", "") if longest is None else Text(
            f" (longest: T = {seconds(longest.value)} at {longest.band} Hz in {longest.label})",
            f" (længst: T = {seconds(longest.value, 'da')} ved {longest.band} Hz i {longest.label})")
        return Text(f"all {len(results)} rooms judged meet the Danish guidance for reverberation",
                    f"alle {len(results)} vurderede rum overholder den danske vejledning for efterklang") + tail
    parts = [describe(r) for r in bad[:4]]
    text = Text(f"{len(bad)} of {len(results)} rooms are too reverberant: ", f"{len(bad)} af {len(results)} rum har for meget efterklang: ")
    text = text + Text(join([p.en for p in parts], "en", 4), join([p.da for p in parts], "da", 4))
    if len(bad) > 4:
        text = text + Text(f" and {len(bad) - 4} more", f" og {len(bad) - 4} til")
    text = text + Text(".", ".")
    for r in bad[:2]:
        if r.suggestion is not None:
            text = text + r.suggestion
    return text


@criterion(
    id="reverberation",
    area="calmness",
    order=25,
    weight=1.0,
    title="Reverberation",
    description=(
        "Reverberation time per room in octave bands 125 Hz–4 kHz (Sabine; Eyring where the surfaces absorb much) from "
        "its volume and its finish class: conversation, quiet and group rooms, reception and corridors T ≤ 0.6 s; "
        "waiting and other open areas an absorption area of at least 1.1 × the floor area. Rooms citizens use and "
        "conversation rooms are judged."
    ),
    source=f"{_T_CLAUSE}; {_A_CLAUSE}; absorption coefficients: pyroomacoustics material database (Vorländer 2008); EN ISO 11654 classes",
    da=Texts(
        title="Efterklang",
        description=(
            "Efterklangstid pr. rum i oktavbånd 125 Hz–4 kHz (Sabine; Eyring hvor fladerne absorberer meget) ud fra rummets "
            "volumen og overfladeklasse: samtale-, stille- og grupperum, reception og gange T ≤ 0,6 s; venteområder og "
            "andre åbne områder et absorptionsareal på mindst 1,1 × gulvarealet. Rum borgerne bruger og samtalerum vurderes."
        ),
        source=("BR18's vejledning (bygningsreglementet.dk) for hospitaler, lægehuse og klinikker Tabel 6.4 og "
                "SBi-anvisning 216 for kontorer: møderum og mindre kontorer T ≤ 0,6 s i hvert oktavbånd 125–4000 Hz "
                "(+20 % ved 125 Hz); reception og gange T ≤ 0,6 s, 250–4000 Hz; BR18's vejledning Tabel 6.4 og "
                "SBi-anvisning 216: storrumskontorer A ≥ 1,1 × gulvareal i hvert bånd 125–4000 Hz; "
                "absorptionskoefficienter: pyroomacoustics' materialedatabase (Vorländer 2008); klasser efter EN ISO 11654"),
    ),
    thresholds=(TIME, AREA),
)
def reverberation(plan: Plan, profile: RuleProfile) -> Finding:
    results = reverberation_results(plan, skip=implausible(plan))
    if not results:
        return Finding.not_applicable("the plan has no rooms whose reverberation is judged",
                                      "planen har ingen rum, hvis efterklang vurderes", threshold=TIME.of(profile).value, unit="s")
    bad = sorted((r for r in results if not r.passed), key=lambda r: r.score)
    text = _detail(results, bad)
    timed = [r for r in results if r.rule == "time"]
    longest = max((r.value for r in timed), default=None)
    return Finding(
        score=sum(r.score for r in results) / len(results),
        value=longest,
        threshold=TIME.of(profile).value,
        unit="s, longest reverberation time in its worst band",
        detail=text.en,
        detail_da=text.da,
        where=[r.room for r in bad],
        polygons=polygons_of([plan.room(r.room) for r in bad]),
        items=[{
            "id": r.room, "rule": r.rule, "band_hz": r.band, "value": round(r.value, 2), "limit": round(r.limit, 2),
            "t_mid_s": round(r.mid_time, 2), "method": r.method, "score": round(r.score, 3),
        } for r in results],
    )


__all__ = ["reverberation", "TIME", "AREA"]
