"""meeting-privacy: can what is said in a conversation room be understood outside it? ASTM E2638's speech privacy class.

For each conversation room, its weakest listening position outside (at a
door, an opening, else the wall) towards every neighbouring room:
SPC = LD(avg) + Lb(avg), the level difference there plus the background
noise (``scoring.acoustics.network.privacy``). SPC 70 ("speech privacy":
speech rarely intelligible outside, Gover & Bradley) is full marks, SPC 50 or
less none. The finding also gives the partition's composite R'w against
BR18's guidance for meeting rooms (≥ 40 dB with a door, ≥ 52 dB for
confidential talks).
"""

from __future__ import annotations

from floorplans.model import Plan

from ...acoustics.assess_privacy import BR18_CONFIDENTIAL, PrivacyResult, privacy_results
from ...acoustics.transmission import SPC_NONE, SPC_PRIVACY
from ...acoustics.wording import Text, join, num
from ...profiles import PROFILES, RuleProfile, Threshold
from ...registry import Limit, Texts, criterion
from ...report import Finding
from ..shared import implausible

_CLAUSE = ("ASTM E2638-10 speech privacy class; Gover & Bradley, Speech privacy criteria for closed rooms in terms of SPC "
           "values (Canadian Acoustics): SPC 70 = speech privacy, 75 = speech security")
SPC = Limit(
    "speech_privacy_class", en="Speech privacy class of conversation rooms (ASTM E2638)",
    da="Taleprivatlivsklasse for samtalerum (ASTM E2638)",
    per_profile={name: Threshold(value=SPC_PRIVACY, unit="SPC", clause=_CLAUSE, status="S", binding=False) for name in PROFILES},
)


def _one(r: PrivacyResult) -> Text:
    w = r.worst
    at = {"door": Text(f"door {w.weakest.id}", f"døren {w.weakest.id}"), "opening": Text(f"opening {w.weakest.id}", f"åbningen {w.weakest.id}"),
          "wall": Text("the wall", "væggen")}[w.weakest.kind]
    return Text(
        f"{r.label} SPC {num(r.spc)} towards {r.neighbour_label} at {at.en} (R'w {num(w.reduction)} dB; BR18 guidance ≥ {r.br18_minimum:.0f} dB)",
        f"{r.label} SPC {num(r.spc, 0, 'da')} mod {r.neighbour_label} ved {at.da} (R'w {num(w.reduction, 0, 'da')} dB; "
        f"BR18-vejledning ≥ {r.br18_minimum:.0f} dB)")


@criterion(
    id="meeting-privacy",
    area="calmness",
    order=30,
    weight=2.0,
    title="Speech privacy of conversation rooms",
    description=(
        "For each conversation room, the speech privacy class towards its weakest neighbour (ASTM E2638: "
        "SPC = level difference at the weakest door, opening or wall + background noise outside), from the sound ratings "
        f"of its walls and doors. SPC {SPC_PRIVACY:.0f} (speech rarely intelligible outside) is full marks, "
        f"SPC {SPC_NONE:.0f} none. Its walls' composite R'w is compared with BR18's guidance for meeting rooms."
    ),
    source=(f"{_CLAUSE}; BR18 guidance for office buildings Tabel 5.1: meeting rooms ≥ 40 dB with a door, "
            f"≥ {BR18_CONFIDENTIAL:.0f} dB where talks are confidential"),
    da=Texts(
        title="Taleprivatliv i samtalerummene",
        description=(
            "For hvert samtalerum taleprivatlivsklassen mod det svageste naborum (ASTM E2638: SPC = niveauforskellen "
            "ved den svageste dør, åbning eller væg + baggrundsstøjen udenfor), ud fra væggenes og dørenes lydisolation. "
            f"SPC {SPC_PRIVACY:.0f} (tale sjældent forståelig udenfor) giver fuld score, SPC {SPC_NONE:.0f} ingen. "
            "Væggenes samlede R'w holdes op mod BR18's vejledning for møderum."
        ),
        source=("ASTM E2638-10 taleprivatlivsklasse; Gover & Bradley (Canadian Acoustics): SPC 70 = taleprivatliv, "
                f"75 = talesikkerhed; BR18's vejledning for kontorbyggeri Tabel 5.1: møderum ≥ 40 dB med dør, "
                f"≥ {BR18_CONFIDENTIAL:.0f} dB ved krav om fortrolighed"),
    ),
    thresholds=(SPC,),
)
def meeting_privacy(plan: Plan, profile: RuleProfile) -> Finding:
    target = SPC.of(profile).value
    results = privacy_results(plan, skip=implausible(plan))
    if not results:
        return Finding.not_applicable("the plan has no conversation rooms", "planen har ingen samtalerum", threshold=target, unit="SPC")
    short = sorted((r for r in results if r.spc < target - 0.5), key=lambda r: r.spc)
    if short:
        parts = [_one(r) for r in short[:3]]
        text = Text(f"{len(short)} of {len(results)} conversation rooms fall short of speech privacy (SPC {target:.0f}): ",
                    f"{len(short)} af {len(results)} samtalerum når ikke taleprivatliv (SPC {target:.0f}): ")
        text = text + Text(join([p.en for p in parts], "en", 3), join([p.da for p in parts], "da", 3))
        if len(short) > 3:
            text = text + Text(f" and {len(short) - 3} more", f" og {len(short) - 3} til")
        text = text + Text(".", ".")
        if short[0].suggestion is not None:
            text = text + short[0].suggestion
    else:
        worst = min(results, key=lambda r: r.spc)
        text = Text(f"all {len(results)} conversation rooms reach speech privacy (lowest: SPC {num(worst.spc)} in {worst.label})",
                    f"alle {len(results)} samtalerum når taleprivatliv (lavest: SPC {num(worst.spc, 0, 'da')} i {worst.label})")
    worst_spc = min(r.spc for r in results)
    return Finding(
        score=sum(r.score for r in results) / len(results),
        value=worst_spc,
        threshold=target,
        unit="SPC (ASTM E2638), lowest conversation room",
        detail=text.en,
        detail_da=text.da,
        where=list(dict.fromkeys([r.room for r in short] + [r.worst.weakest.id for r in short if r.worst.weakest.id])),
        points=[tuple(round(v, 3) for v in r.worst.weakest.point) for r in short],
        items=[{
            "id": r.room, "spc": round(r.spc, 1), "towards": r.worst.neighbour, "at": r.worst.weakest.id or "wall",
            "r_w_db": round(r.worst.reduction, 1), "br18_min_db": r.br18_minimum, "score": round(r.score, 3),
        } for r in results],
    )


__all__ = ["meeting_privacy", "SPC"]
