"""Accessibility gates: failures no average can buy back, each capping the accessibility figure.

The research note (§5, "Accessibility = a hard gate plus a weighted mean")
asks for gates. A wheelchair user who cannot get in cannot use anything
else, however good the rest: no step-free way in caps accessibility at 40.
A public room or the accessible WC that a wheelchair cannot reach, or no
accessible WC at all, caps it at 60. The caps are the rule profile's
(``RuleProfile.caps``), so a profile may set its own.

Reach is ``routes.wheelchair_reach``: the free floor eroded by half the
profile's wheelchair width, joined through doors at least the profile's clear
width and with thresholds within its limit, flooded from the public entrances
(on an upper floor: from the lifts). Every gate names the features that block.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from floorplans.model import Door, Plan, RoomKind

from .acoustics.wording import Text, join, num
from .profiles import RuleProfile
from .routes import Blocker, wheelchair_reach

__all__ = ["Gate", "accessibility_gates"]

#: Rooms a wheelchair user need not reach: not visited, or (an ordinary WC) served by the accessible WC, which has its own gate.
_NOT_VISITED = frozenset({RoomKind.stairs, RoomKind.lift, RoomKind.storage, RoomKind.wc})


@dataclass(frozen=True)
class Gate:
    """One failed gate: the cap it sets, why (both languages), and the features that block."""

    rule: str
    cap: float
    text: Text
    where: list[str] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)


def accessibility_gates(plan: Plan, profile: RuleProfile, skip: frozenset[str] = frozenset()) -> list[Gate]:
    """The gates the plan fails under the profile (``skip``: rooms left out as implausible)."""
    reach = wheelchair_reach(plan, profile)
    if not reach.reachable:
        return [_no_way_in(plan, profile, reach.blockers)]
    gates = []
    public = [r for r in plan.rooms if r.is_public and r.kind not in _NOT_VISITED and r.id not in skip]
    cut = [r for r in public if r.id in reach.unreachable and r.kind != RoomKind.wc_accessible]
    if cut:
        blockers = _blocking(reach.blockers, {r.id for r in cut})
        names = [r.label for r in cut]
        gates.append(Gate(
            rule="public-room-unreachable", cap=profile.caps.unreachable, where=[r.id for r in cut] + [b.feature_id for b in blockers],
            points=[b.xy for b in blockers],
            text=Text(
                f"a wheelchair cannot reach {join(names)}" + _because(plan, profile, blockers, "en")
                + "; widen the door or remove the step on the way",
                f"en kørestolsbruger kan ikke nå {join(names, 'da')}" + _because(plan, profile, blockers, "da")
                + "; gør døren bredere eller fjern trinnet på vejen",
            ),
        ))
    wcs = [r for r in plan.rooms_of_kind(RoomKind.wc_accessible) if r.id not in skip]
    if not wcs:
        gates.append(Gate(
            rule="no-accessible-wc", cap=profile.caps.no_accessible_wc, where=[r.id for r in plan.rooms_of_kind(RoomKind.wc)],
            text=Text("the plan has no accessible WC; make one WC an accessible WC of the profile's size",
                      "planen har intet handicaptoilet; indret et toilet som handicaptoilet i profilens størrelse"),
        ))
    elif not any(w.id in reach.reachable for w in wcs):
        blockers = _blocking(reach.blockers, {w.id for w in wcs})
        gates.append(Gate(
            rule="wc-unreachable", cap=profile.caps.unreachable, where=[w.id for w in wcs] + [b.feature_id for b in blockers],
            points=[b.xy for b in blockers],
            text=Text(
                f"a wheelchair cannot reach the accessible WC {join([w.label for w in wcs])}" + _because(plan, profile, blockers, "en"),
                f"en kørestolsbruger kan ikke nå handicaptoilettet {join([w.label for w in wcs], 'da')}" + _because(plan, profile, blockers, "da"),
            ),
        ))
    return gates


def _no_way_in(plan: Plan, profile: RuleProfile, blockers: list[Blocker]) -> Gate:
    entrances = plan.entrances
    cap = profile.caps.no_way_in
    if not entrances:
        stairs = [r for r in plan.rooms_of_kind(RoomKind.stairs)]
        return Gate(
            rule="no-step-free-entry", cap=cap, where=[r.id for r in stairs],
            text=Text("no step-free way in: the plan has no public entrance door and no lift; mark the entrance door or add a lift",
                      "ingen trinfri adgang: planen har ingen offentlig indgangsdør og ingen elevator; markér indgangsdøren eller tilføj en elevator"),
        )
    reasons = [_entrance_problem(d, profile) for d in entrances]
    shown = [b for b in blockers if b.feature_id in {d.id for d in entrances}] or blockers
    en = "; ".join(r.en for r in reasons if r.en) or "the rooms behind the entrance are too narrow for a wheelchair"
    da = "; ".join(r.da for r in reasons if r.da) or "rummene bag indgangen er for smalle til en kørestol"
    return Gate(
        rule="no-step-free-entry", cap=cap, where=[d.id for d in entrances] + [b.feature_id for b in shown if b.feature_id not in {d.id for d in entrances}],
        points=[b.xy for b in shown],
        text=Text(f"no step-free way in for a wheelchair user: {en}", f"ingen trinfri adgang for en kørestolsbruger: {da}"),
    )


def _entrance_problem(door: Door, profile: RuleProfile) -> Text:
    """What to change at one entrance door (empty when it is passable)."""
    need = profile.entrance_door_width.value
    if door.width + 1e-9 < need:
        return Text(f"entrance {door.id} is {door.width:.2f} m clear; widen it to {need:.2f} m",
                    f"indgang {door.id} har {num(door.width, 2, 'da')} m fri bredde; gør den {num(need, 2, 'da')} m bred")
    limit = profile.max_threshold_mm.value
    if door.threshold_mm > limit + 1e-9:
        return Text(f"entrance {door.id} has a {door.threshold_mm:.0f} mm threshold; lower it to {limit:.0f} mm or ramp it",
                    f"indgang {door.id} har et {door.threshold_mm:.0f} mm dørtrin; sænk det til {limit:.0f} mm eller lav en rampe")
    return Text("", "")


def _blocking(blockers: list[Blocker], rooms: set[str]) -> list[Blocker]:
    """The blockers to name: all passages that stop the wheelchair (the flood cannot tell which room each cuts off)."""
    return [b for b in blockers if b.feature_id not in rooms] or blockers


def _because(plan: Plan, profile: RuleProfile, blockers: list[Blocker], lang: str) -> str:
    if not blockers:
        return ""
    reasons = [b.reason if lang == "en" else _reason_da(plan, profile, b) for b in blockers[:3]]
    more = len(blockers) - 3
    tail = (f"; and {more} more" if lang == "en" else f"; og {more} til") if more > 0 else ""
    return (" (blocked: " if lang == "en" else " (spærret: ") + "; ".join(reasons) + tail + ")"


def _reason_da(plan: Plan, profile: RuleProfile, blocker: Blocker) -> str:
    """The blocker's reason in Danish, from the feature itself (routes words it in English)."""
    feature = plan.get(blocker.feature_id)
    if isinstance(feature, Door):
        need = profile.door_clear_width.value
        if feature.width + 1e-9 < need:
            return f"dør {feature.id} har kun {num(feature.width, 2, 'da')} m fri bredde (kræver {num(need, 2, 'da')} m)"
        return f"dør {feature.id} har et {feature.threshold_mm:.0f} mm dørtrin (højst {profile.max_threshold_mm.value:.0f} mm)"
    if feature is not None and feature.feature == "opening":
        return f"åbning {feature.id} er kun {num(feature.length, 2, 'da')} m bred"
    if feature is not None and feature.feature == "room":
        if feature.kind == RoomKind.stairs:
            return f"{feature.label} er en trappe uden trinfri vej"
        return f"rummet {feature.label} er for smalt til en kørestol, når møblerne regnes med"
    return blocker.feature_id
