"""Problems found in a plan file or a plan, and the error that carries them.

A problem names what is wrong (``code``), where (``feature_id``, or ``None``
for the file as a whole) and says it in a plain sentence, so a designer can
find and fix it without reading a traceback.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["Problem", "PlanError", "errors_only"]


class Problem(BaseModel):
    """One thing wrong with a plan, named by code and located by feature id."""

    model_config = ConfigDict(frozen=True)

    code: str
    message: str
    feature_id: str | None = None
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.feature_id}: " if self.feature_id else ""
        return f"{where}{self.message}"


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


class PlanError(ValueError):
    """A plan could not be read or is not valid; ``problems`` says why."""

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = list(problems)
        self.source = source
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The first problem, with a count of the rest: fit for one stderr line."""
        if not self.problems:
            return "invalid plan"
        prefix = f"{self.source}: " if self.source else ""
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return f"{prefix}{first}" + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
