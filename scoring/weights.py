"""Weights of the criteria in the overall calmness and accessibility figures.

Each criterion declares its default weight (``@criterion(weight=...)``, see
scoring.registry): how much the finding matters to a visitor (a room one
cannot reach outweighs a long walk). The co-design input will set them later:
pass a ``Weights`` or a plain ``{criterion id: weight}`` mapping per run, and
the given entries override the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .registry import default_weights

__all__ = ["Weights", "as_weights", "default_weights"]  # and DEFAULT_WEIGHTS, made when asked for


def __getattr__(name: str) -> dict[str, float]:
    # DEFAULT_WEIGHTS is read from the registry when asked for, so a criterion added later is in it too.
    if name == "DEFAULT_WEIGHTS":
        return default_weights()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Weights(BaseModel):
    """Per-criterion weights (≥ 0); a criterion not listed weighs ``default``."""

    model_config = ConfigDict(frozen=True)

    criteria: dict[str, float] = Field(default_factory=default_weights)
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
