"""access-gates: failures no average can buy back; the accessibility figure is capped while one stands.

The gates are ``scoring.access_gates``: no step-free way in for a wheelchair
user caps accessibility at 40; a public room or the accessible WC out of a
wheelchair's reach, or no accessible WC at all, caps it at 60 (the rule
profile's ``caps``, so a profile may set its own). This criterion weighs
nothing in the mean: it sets the finding's ``cap``, and the engine holds the
accessibility figure under it. The finding names the blocking features and
what to change, in English and Danish.
"""

from __future__ import annotations

from floorplans.model import Plan
from floorplans.plausibility import implausible_rooms

from ...access_gates import accessibility_gates
from ...acoustics.wording import Text, num
from ...profiles import RuleProfile
from ...registry import Texts, criterion
from ...report import Finding


@criterion(
    id="access-gates",
    area="accessibility",
    order=5,
    weight=0.0,
    title="Accessibility gates (caps)",
    description=(
        "Hard gates that no average buys back: without a step-free way in for a wheelchair user accessibility is "
        "capped at 40; with a public room or the accessible WC out of reach, or no accessible WC at all, at 60 "
        "(the rule profile's caps). The gate weighs nothing in the mean; it caps the figure and names what blocks."
    ),
    source="research note §5 (accessibility = hard gate + weighted mean); BR18 §51–52 step-free access; "
           "BR18 accessible WC provision (§214–215); caps per rule profile",
    da=Texts(
        title="Tilgængelighedens spærringer (loft)",
        description=(
            "Hårde krav, som intet gennemsnit kan købe tilbage: uden trinfri adgang for en kørestolsbruger kan "
            "tilgængeligheden højst blive 40; kan et offentligt rum eller handicaptoilettet ikke nås, eller er der "
            "intet handicaptoilet, højst 60 (standardens lofter). Kravet vejer intet i gennemsnittet; det sætter "
            "loftet og nævner, hvad der spærrer."
        ),
        source="forskningsnotat §5 (tilgængelighed = hårdt krav + vægtet gennemsnit); BR18 §51–52 niveaufri adgang; "
               "BR18 om handicaptoiletter (§214–215); lofter pr. standard",
    ),
)
def access_gates(plan: Plan, profile: RuleProfile) -> Finding:
    gates = accessibility_gates(plan, profile, skip=frozenset(implausible_rooms(plan)))
    if not gates:
        return Finding(score=1.0, passed=True, unit="cap (0-100)",
                       detail="no gate fails: step-free way in, every public room and an accessible WC within a wheelchair's reach",
                       detail_da="ingen spærring: trinfri adgang, og alle offentlige rum og et handicaptoilet kan nås i kørestol",
                       source=profile.caps.clause)
    cap = min(g.cap for g in gates)
    text = Text(f"accessibility is capped at {num(cap)}: ", f"tilgængeligheden kan højst blive {num(cap, 0, 'da')}: ")
    for i, g in enumerate(sorted(gates, key=lambda g: g.cap)):
        sep = Text("; ", "; ") if i else Text("", "")
        text = text + sep + g.text
    where = list(dict.fromkeys(fid for g in gates for fid in g.where))
    return Finding(
        score=cap / 100.0,
        passed=False,
        value=cap,
        threshold=100.0,
        unit="cap (0-100)",
        cap=cap,
        detail=text.en,
        detail_da=text.da,
        where=where,
        points=[p for g in gates for p in g.points],
        source=profile.caps.clause,
        items=[{"rule": g.rule, "cap": g.cap, "where": list(g.where)} for g in gates],
    )


__all__ = ["access_gates"]
