"""The method section: every criterion in the report's language and the thresholds of the rule profile.

Both come from the criteria's own declarations (scoring.registry): a new criterion module appears
here with its words and its thresholds and nothing else to edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring import registry
from scoring.profiles import Threshold, get_profile

from .i18n import Catalogue

__all__ = ["CriterionInfo", "ThresholdInfo", "MethodSection", "method_section"]


@dataclass(frozen=True)
class CriterionInfo:
    id: str
    area: str
    title: str
    description: str
    source: str


@dataclass(frozen=True)
class ThresholdInfo:
    label: str
    value: float
    unit: str
    source: str
    binding: bool


@dataclass(frozen=True)
class MethodSection:
    profile_name: str
    profile_title: str
    criteria: list[CriterionInfo]
    thresholds: list[ThresholdInfo]


def _threshold_source(th: Threshold, cat: Catalogue) -> str:
    """The clause of a threshold with its reading status in the report's language.

    The clause itself stays as the rule profile writes it (English; the Danish report says so once).
    A catalogue with ``threshold.status.*`` words renders the status ("to be confirmed") itself and
    leaves out the "[guidance, not a rule ...]" mark, which the table shows under the label anyway;
    without them (English) the profile's own ``source`` is shown unchanged.
    """
    key = f"threshold.status.{th.status}"
    if not cat.has(key):
        return th.source
    return f"{th.clause}{cat.t(key)}"


def method_section(profile: str, cat: Catalogue) -> MethodSection:
    """The criteria and the thresholds they declare (scoring.registry), in the report's language."""
    rp = get_profile(profile)
    criteria = [CriterionInfo(id=c.id, area=c.area, title=cat.criterion_title(c.id, c.title),
                              description=cat.criterion_description(c.id, c.description),
                              source=cat.criterion_source(c.id, c.source))
                for c in registry.all_criteria()]
    thresholds = []
    for limit in registry.all_limits():
        th = limit.of(rp)
        thresholds.append(ThresholdInfo(label=limit.label(cat.lang), value=th.value, unit=th.unit,
                                        source=_threshold_source(th, cat), binding=th.binding))
    return MethodSection(profile_name=rp.name, profile_title=rp.title, criteria=criteria, thresholds=thresholds)
