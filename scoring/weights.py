"""Weights of the criteria in the overall calmness and accessibility figures.

The defaults reflect how much each finding matters to a visitor (a room one
cannot reach outweighs a long walk). The co-design input will set them later:
pass a ``Weights`` or a plain ``{criterion id: weight}`` mapping per run, and
the given entries override the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["DEFAULT_WEIGHTS", "Weights", "as_weights"]

DEFAULT_WEIGHTS: dict[str, float] = {
    # accessibility
    "step-free-route": 3.0,
    "door-clear-width": 2.0,
    "entrance-door": 2.0,
    "accessible-wc": 2.0,
    "corridor-width": 1.5,
    "turning-space": 1.0,
    "route-length": 1.0,
    "reception-counter": 1.0,
    "wayfinding": 1.0,
    # calmness
    "quiet-refuge": 2.0,
    "noise-separation": 2.0,
    "meeting-privacy": 2.0,
    "welcome": 1.5,
    "green-exposure": 1.0,
    "daylight": 1.0,
    "waiting-density": 1.0,
}


class Weights(BaseModel):
    """Per-criterion weights (≥ 0); a criterion not listed weighs ``default``."""

    model_config = ConfigDict(frozen=True)

    criteria: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    default: float = Field(default=1.0, ge=0.0)

    @field_validator("criteria")
    @classmethod
    def _non_negative(cls, v: dict[str, float]) -> dict[str, float]:
        for key, w in v.items():
            if not (w >= 0.0) or w != w or w == float("inf"):
                raise ValueError(f"weight of {key!r} must be a finite number ≥ 0, got {w!r}")
        return v

    def of(self, criterion_id: str) -> float:
        return self.criteria.get(criterion_id, self.default)

    def with_overrides(self, overrides: Mapping[str, float]) -> Weights:
        return Weights(criteria={**self.criteria, **dict(overrides)}, default=self.default)

    def key(self) -> tuple[tuple[str, float], ...]:
        """A hashable summary (for caches)."""
        return tuple(sorted(self.criteria.items())) + (("__default__", self.default),)


def as_weights(weights: Weights | Mapping[str, float] | None) -> Weights:
    """Defaults, a Weights, or a mapping of overrides on top of the defaults."""
    if weights is None:
        return Weights()
    if isinstance(weights, Weights):
        return weights
    return Weights().with_overrides(weights)
