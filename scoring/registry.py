"""The criterion registry: a criterion is one module that declares everything about itself.

A criterion module in a package under ``scoring/criteria/`` (``accessibility/``,
``calmness/``) defines one function ``(plan, profile) -> Finding`` and decorates
it with ``@criterion(...)``: its id, area, place in reports, default weight,
its English and Danish texts, and the thresholds it reads (a field of the rule
profiles, or its own value per profile). The registry finds the modules itself
(``pkgutil`` over ``scoring.criteria``), so adding a criterion touches no other
file: the default weights (scoring.weights), the report's words and its table
of thresholds (planner.report) are all derived from here.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from floorplans.model import Plan

from .profiles import PROFILES, RuleProfile, Threshold
from .report import Area, CriterionResult, Finding

__all__ = [
    "Criterion", "CriterionFn", "Limit", "Texts", "all_criteria", "all_limits", "criterion", "default_weights",
    "get_criterion", "load_criteria",
]

CriterionFn = Callable[[Plan, RuleProfile], Finding]

#: The packages searched for criterion modules (every module in them and in their sub-packages).
CRITERIA_PACKAGE = "scoring.criteria"
#: Areas in report order.
AREAS: tuple[Area, ...] = ("accessibility", "calmness")
#: Report languages other than English (the registry's own texts are English).
TRANSLATED = ("da",)
#: Where a criterion without an ``order`` goes: after the numbered ones of its area.
LAST = 1000

_REGISTRY: dict[str, Criterion] = {}
_loaded = False


@dataclass(frozen=True)
class Texts:
    """A criterion's words in one language, as the report prints them."""

    title: str
    description: str
    source: str


@dataclass(frozen=True)
class Limit:
    """A threshold a criterion reads, as the report's table of thresholds lists it.

    ``key`` names a field of the rule profiles (scoring.profiles) when ``per_profile``
    is None; a criterion with a threshold of its own gives ``per_profile``: one
    Threshold for every profile name in ``scoring.profiles.PROFILES``. ``en`` and
    ``da`` are the labels of the report's table.
    """

    key: str
    en: str
    da: str
    per_profile: Mapping[str, Threshold] | None = None

    def of(self, profile: RuleProfile) -> Threshold:
        """The value of this threshold under the profile."""
        if self.per_profile is None:
            value = getattr(profile, self.key)
            assert isinstance(value, Threshold), self.key
            return value
        try:
            return self.per_profile[profile.name]
        except KeyError:
            raise KeyError(f"threshold {self.key!r} has no value for rule profile {profile.name!r}") from None

    def label(self, lang: str) -> str:
        """The label in the report's language (English for any other)."""
        return self.da if lang == "da" else self.en

    def check(self) -> None:
        """ValueError unless the key is a profile field or every profile has its own value."""
        if self.per_profile is None:
            if self.key not in profile_threshold_fields():
                raise ValueError(f"threshold {self.key!r} is not a field of the rule profiles; give per_profile values")
            return
        missing = sorted(set(PROFILES) - set(self.per_profile))
        if missing:
            raise ValueError(f"threshold {self.key!r} has no value for rule profile(s) {', '.join(missing)}")


def profile_threshold_fields() -> list[str]:
    """The RuleProfile fields that are thresholds, in the profile's order."""
    return [name for name, info in RuleProfile.model_fields.items() if info.annotation is Threshold]


@dataclass(frozen=True)
class Criterion:
    """A registered criterion: who it is, how much it weighs, what it reads, and how to measure it.

    ``title``, ``description`` and ``source`` are English (the score report's words);
    ``da`` holds the Danish ones the report prints.
    """

    id: str
    area: Area
    title: str
    description: str
    source: str
    fn: CriterionFn
    weight: float = 1.0
    order: int = LAST
    da: Texts | None = None
    thresholds: tuple[Limit, ...] = field(default_factory=tuple)

    def translation(self, lang: str) -> Texts | None:
        """Title, description and source in ``lang``; None for English or a language it has no words in."""
        return self.da if lang == "da" else None

    def texts(self, lang: str) -> Texts:
        """Title, description and source in ``lang``; English where that language has none."""
        return self.translation(lang) or Texts(title=self.title, description=self.description, source=self.source)

    def evaluate(self, plan: Plan, profile: RuleProfile, weight: float = 1.0) -> CriterionResult:
        finding = self.fn(plan, profile)
        if not isinstance(finding, Finding):
            raise TypeError(f"criterion {self.id} returned {type(finding).__name__}, not a Finding")
        values = {name: getattr(finding, name) for name in Finding.model_fields}  # shallow: no deep copy
        values.update(id=self.id, area=self.area, title=self.title, source=finding.source or self.source,
                      weight=float(weight))
        # the finding's fields were validated when it was made, and the registry's own are of their types
        # already: validating the hundreds of items and outlines again would cost ~2 ms per score of a real level
        return CriterionResult.model_construct(**values)


def criterion(
    id: str,
    area: Area,
    title: str,
    description: str,
    source: str,
    *,
    weight: float = 1.0,
    order: int = LAST,
    da: Texts | None = None,
    thresholds: tuple[Limit, ...] | list[Limit] = (),
) -> Callable[[CriterionFn], CriterionFn]:
    """Register the decorated function as the criterion ``id``.

    ``weight``: its default weight in the overall figure of its area; ``order``:
    its place among its area's criteria in every report (lower first, then by id);
    ``da``: its Danish texts; ``thresholds``: the thresholds it owns, for the
    report's table (a threshold shared with another criterion is declared once).
    """

    def register(fn: CriterionFn) -> CriterionFn:
        _register(Criterion(id=id, area=area, title=title, description=description, source=source, fn=fn,
                            weight=weight, order=order, da=da, thresholds=tuple(thresholds)))
        return fn

    return register


def _register(c: Criterion) -> None:
    if c.area not in AREAS:
        raise ValueError(f"criterion {c.id!r}: area {c.area!r} is not one of {', '.join(AREAS)}")
    if not (c.weight >= 0.0 and c.weight != float("inf")):
        raise ValueError(f"criterion {c.id!r}: weight {c.weight!r} must be a finite number ≥ 0")
    known = _REGISTRY.get(c.id)
    if known is not None and _origin(known) != _origin(c):
        raise ValueError(f"criterion id {c.id!r} is registered twice ({_origin(known)} and {_origin(c)})")
    for limit in c.thresholds:
        limit.check()
        for other in _REGISTRY.values():
            if other.id == c.id:
                continue
            clash = next((o for o in other.thresholds if o.key == limit.key and o != limit), None)
            if clash is not None:
                raise ValueError(f"threshold {limit.key!r} is declared differently by {other.id!r} and {c.id!r}")
    _REGISTRY[c.id] = c


def _origin(c: Criterion) -> str:
    return f"{c.fn.__module__}.{c.fn.__qualname__}"


def _modules(package: str) -> Iterator[str]:
    """Every module of the package and of its sub-packages, sub-packages first."""
    pkg = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        name = f"{package}.{info.name}"
        yield name
        if info.ispkg:
            yield from _modules(name)


def load_criteria(rescan: bool = False) -> None:
    """Import every criterion module once (``rescan``: look again for modules added since)."""
    global _loaded
    if _loaded and not rescan:
        return
    for name in _modules(CRITERIA_PACKAGE):
        importlib.import_module(name)
    _loaded = True


def _sort_key(c: Criterion) -> tuple[int, int, str]:
    return (AREAS.index(c.area), c.order, c.id)


def all_criteria(area: Area | None = None) -> list[Criterion]:
    """Every criterion in report order: accessibility first, then calmness, each by ``order``."""
    load_criteria()
    return sorted((c for c in _REGISTRY.values() if area is None or c.area == area), key=_sort_key)


def get_criterion(criterion_id: str) -> Criterion:
    load_criteria()
    try:
        return _REGISTRY[criterion_id]
    except KeyError:
        raise KeyError(f"no criterion {criterion_id!r}; known: {', '.join(_REGISTRY)}") from None


def default_weights() -> dict[str, float]:
    """Each criterion's default weight (its ``@criterion(weight=...)``), by id (a fresh dict)."""
    return {c.id: c.weight for c in all_criteria()}


def all_limits() -> list[Limit]:
    """Every threshold the criteria declare, once each: the profile's fields in the profile's order,
    then the criteria's own thresholds in report order."""
    seen: dict[str, Limit] = {}
    for c in all_criteria():
        for limit in c.thresholds:
            seen.setdefault(limit.key, limit)
    fields = profile_threshold_fields()
    ordered = [seen[k] for k in fields if k in seen]
    return ordered + [limit for k, limit in seen.items() if k not in fields]
