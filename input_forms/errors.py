"""Errors raised by input_forms: each one a ValueError with a message a person can act on.

The app shows ``str(error)`` as is, so every message names the bad value and where it came from.
"""

from __future__ import annotations

__all__ = ["InputError", "NotFound", "ValidationFailed", "RateLimited", "RoundClosed", "Forbidden", "Conflict",
           "Unavailable", "Throttled", "validation_failed"]


class InputError(ValueError):
    """Base class: something the caller asked for cannot be done, and the message says why."""


class NotFound(InputError):
    """The id or token names nothing stored."""


class ValidationFailed(InputError):
    """A field is out of range or malformed; nothing was stored. ``problems`` lists every one."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = list(problems or [message])
        super().__init__(message)


class RateLimited(InputError):
    """The kiosk sent again too soon after its last accepted entry; retry after ``retry_after_s``."""

    def __init__(self, message: str, retry_after_s: float) -> None:
        self.retry_after_s = float(retry_after_s)
        super().__init__(message)


class RoundClosed(InputError):
    """The voting round is closed: no more ballots."""


class Forbidden(InputError):
    """Not allowed now (inactive kiosk or user, results of an open round ...)."""


class Conflict(InputError):
    """The request clashes with what is stored (a name in use, a round already open ...)."""


class Unavailable(InputError):
    """The database stayed busy past its timeout or dropped the connection; nothing was half-stored: send again."""


class Throttled(InputError):
    """Too many failed sign-ins: wait ``retry_after_s`` (``locked``: the temporary lock, not the growing delay)."""

    def __init__(self, message: str, retry_after_s: float, locked: bool = False) -> None:
        self.retry_after_s = float(retry_after_s)
        self.locked = locked
        super().__init__(message)


def validation_failed(exc) -> ValidationFailed:
    """One ValidationFailed naming every bad field of a pydantic error (``field: message (got value)``)."""
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "entry"
        got = error.get("input")
        shown = f" (got {got!r})" if not isinstance(got, (dict, list)) and error["type"] != "missing" else ""
        if isinstance(got, str) and len(got) > 40:
            shown = f" (got {len(got)} characters)"
        problems.append(f"{where}: {error['msg']}{shown}")
    return ValidationFailed("; ".join(problems), problems)
