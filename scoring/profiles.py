"""Rule profiles: the thresholds of one accessibility standard, each with its clause.

A profile is a small data table. Criteria read their thresholds from the
profile chosen for the run, so the same plan can pass BR18 and fail ADA (a
0.80 m clear door). Every value carries the clause it comes from and the
status of that reading (plan research, shared/research/scoring-criteria.md):
V = checked in the source, S = secondary source, R = commonly cited and still
"to be confirmed" against the standard. ``binding`` is False where the
standard sets no such rule and the value is guidance only: criteria then
report ``passed = null``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["Threshold", "Caps", "RuleProfile", "PROFILES", "DEFAULT_PROFILE", "get_profile", "profile_names"]

Status = Literal["V", "S", "R"]


class Threshold(BaseModel):
    """One number of a standard, with where it comes from."""

    model_config = ConfigDict(frozen=True)

    value: float
    unit: str
    clause: str
    status: Status = "R"
    binding: bool = True

    @property
    def source(self) -> str:
        """The clause, marked "to be confirmed" unless read in the standard itself."""
        note = {"V": "", "S": " (secondary source; to be confirmed)", "R": " (to be confirmed)"}[self.status]
        kind = "" if self.binding else " [guidance, not a rule of this standard]"
        return f"{self.clause}{note}{kind}"


class Caps(BaseModel):
    """The highest accessibility figure a plan can have while it fails a gate (scoring.access_gates)."""

    model_config = ConfigDict(frozen=True)

    no_way_in: float = 40.0  # no step-free way in for a wheelchair user
    unreachable: float = 60.0  # a public room or the accessible WC cannot be reached
    no_accessible_wc: float = 60.0  # no accessible WC at all
    clause: str = ("research note §5: accessibility is a hard gate plus a weighted mean; "
                   "caps of 40 (no way in) and 60 (a room or the WC out of reach, no accessible WC) are project defaults")


class RuleProfile(BaseModel):
    """The thresholds of one standard that the accessibility criteria use, and its gates' caps."""

    model_config = ConfigDict(frozen=True)

    name: str
    title: str
    door_clear_width: Threshold
    entrance_door_width: Threshold
    corridor_width: Threshold
    wheelchair_width: Threshold
    turning_diameter: Threshold
    max_threshold_mm: Threshold
    wc_min_width: Threshold
    wc_min_length: Threshold
    counter_max_height: Threshold
    counter_min_length: Threshold
    route_to_reception: Threshold
    route_to_waiting: Threshold
    route_to_meeting: Threshold
    route_to_wc: Threshold
    max_decisions: Threshold
    caps: Caps = Caps()

    def __hash__(self) -> int:
        return hash(self.name)


def _t(value: float, unit: str, clause: str, status: Status = "R", binding: bool = True) -> Threshold:
    return Threshold(value=value, unit=unit, clause=clause, status=status, binding=binding)


# Travel-distance and wayfinding limits are guidance in every profile: only UK
# ADM 5.10 / BS 8300-2 gives a distance (40 m to an accessible WC).
_ROUTE_GUIDANCE: dict[str, Any] = dict(
    route_to_reception=_t(15.0, "m", "project guidance: reception close to and legible from the entrance (PAS 6463 §6 wayfinding)", "R", False),
    route_to_waiting=_t(25.0, "m", "project guidance: waiting area near the entrance (ASPECTSS spatial sequencing)", "R", False),
    route_to_meeting=_t(40.0, "m", "project guidance: conversation rooms within 40 m of the entrance", "R", False),
    route_to_wc=_t(40.0, "m", "UK ADM Vol 2 §5.10 / BS 8300-2: accessible WC within 40 m travel", "R", False),
    max_decisions=_t(2.0, "decisions", "PAS 6463 §6 wayfinding; research note §2.2: at most 2 decision points on the main route", "R", False),
)

BR18 = RuleProfile(
    name="br18",
    title="Bygningsreglementet 2018 (Denmark)",
    door_clear_width=_t(0.77, "m", "BR18 §52 (exterior doors ≥ 0.77 m free passage; used for every door on the accessible route) and §214 stk. 2 nr. 2 (WC door)", "V"),
    entrance_door_width=_t(0.77, "m", "BR18 §52: exterior doors ≥ 0.77 m free passage", "V"),
    corridor_width=_t(1.30, "m", "BR18 §49 stk. 2 nr. 2 gives 1.3 m for external access routes; 1.3 m assumed for internal corridors", "R"),
    wheelchair_width=_t(0.80, "m", "clear floor space of one wheelchair, 0.80 m wide (ISO 21542 / EN 17210; BR18 gives no figure)", "R"),
    turning_diameter=_t(1.50, "m", "BR18 §51 stk. 2 nr. 2 and §214 stk. 2: 1.5 m diameter manoeuvring area", "V"),
    max_threshold_mm=_t(25.0, "mm", "BR18 §51 stk. 2 nr. 3: thresholds ≤ 25 mm", "V"),
    wc_min_width=_t(2.20, "m", "BR18 §214 stk. 2: WC across a corner, 0.90 m transfer space and a 1.5 m circle in front (room size derived)", "R"),
    wc_min_length=_t(2.20, "m", "BR18 §214 stk. 2: WC across a corner, 0.90 m transfer space and a 1.5 m circle in front (room size derived)", "R"),
    counter_max_height=_t(0.915, "m", "no BR18 rule; ADA 2010 §904.4.1 figure used as guidance", "V", False),
    counter_min_length=_t(0.915, "m", "no BR18 rule; ADA 2010 §904.4.1 figure used as guidance", "V", False),
    **_ROUTE_GUIDANCE,
)

ADA2010 = RuleProfile(
    name="ada2010",
    title="2010 ADA Standards for Accessible Design (US)",
    door_clear_width=_t(0.815, "m", "ADA 2010 §404.2.3: 32 in (815 mm) clear with the door open 90°", "R"),
    entrance_door_width=_t(0.815, "m", "ADA 2010 §404.2.3: 32 in (815 mm) clear", "R"),
    corridor_width=_t(0.915, "m", "ADA 2010 §403.5.1: 36 in (915 mm) clear width of walking surfaces", "R"),
    wheelchair_width=_t(0.76, "m", "ADA 2010 §305.3: clear floor space 30 in (760 mm) wide", "R"),
    turning_diameter=_t(1.525, "m", "ADA 2010 §304.3.1: 60 in (1525 mm) turning circle", "R"),
    max_threshold_mm=_t(13.0, "mm", "ADA 2010 §404.2.5: thresholds ½ in (13 mm) high maximum", "R"),
    wc_min_width=_t(1.525, "m", "ADA 2010 §604.3.1 clearance 60 in wide; DOJ example room 2134 × 1525 mm", "V"),
    wc_min_length=_t(2.134, "m", "ADA 2010 §604.3.1; DOJ example room 2134 × 1525 mm (out-swinging door)", "V"),
    counter_max_height=_t(0.915, "m", "ADA 2010 §904.4.1: a portion 36 in (915 mm) high maximum", "V"),
    counter_min_length=_t(0.915, "m", "ADA 2010 §904.4.1: that portion 36 in (915 mm) long minimum", "V"),
    **_ROUTE_GUIDANCE,
)

ISO21542 = RuleProfile(
    name="iso21542",
    title="ISO 21542:2021 Accessibility and usability of the built environment",
    door_clear_width=_t(0.85, "m", "ISO 21542:2021 door clear width (800 mm minimum; 850 mm used by common rule sets)", "R"),
    entrance_door_width=_t(0.85, "m", "ISO 21542:2021 entrance door clear width", "R"),
    corridor_width=_t(1.20, "m", "ISO 21542:2021 corridor clear width 1200 mm minimum (1500 mm recommended)", "R"),
    wheelchair_width=_t(0.80, "m", "ISO 21542:2021 clear floor space 800 × 1300 mm", "R"),
    turning_diameter=_t(1.50, "m", "ISO 21542:2021 turning space 1500 mm diameter", "R"),
    max_threshold_mm=_t(15.0, "mm", "ISO 21542:2021 threshold height (15 mm assumed)", "R"),
    wc_min_width=_t(2.20, "m", "ISO 21542:2021 accessible WC, two-sided transfer ≈ 2200 × 2200 mm", "R"),
    wc_min_length=_t(2.20, "m", "ISO 21542:2021 accessible WC, two-sided transfer ≈ 2200 × 2200 mm", "R"),
    counter_max_height=_t(0.85, "m", "ISO 21542:2021 reception counter lowered section (850 mm assumed)", "R"),
    counter_min_length=_t(0.90, "m", "ISO 21542:2021 lowered counter section length (900 mm assumed)", "R"),
    **_ROUTE_GUIDANCE,
)

PROFILES: dict[str, RuleProfile] = {p.name: p for p in (BR18, ADA2010, ISO21542)}
DEFAULT_PROFILE = "br18"


def profile_names() -> list[str]:
    return list(PROFILES)


def get_profile(profile: str | RuleProfile | None = None) -> RuleProfile:
    """The profile of that name (or the profile itself); ValueError names the choices."""
    if isinstance(profile, RuleProfile):
        return profile
    name = (profile or DEFAULT_PROFILE).lower()
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown rule profile {profile!r}; choose one of {', '.join(PROFILES)}") from None
