"""Which database errors are passing trouble (busy past the timeout, connection dropped, statement timeout).

Such an error leaves nothing half-stored (the transaction rolled back), so the
same write may be sent again; for a kiosk entry the client id makes a resend
one entry. Everything else (a constraint, a bug) is not transient and must
surface as itself.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.exc import TimeoutError as PoolTimeout

__all__ = ["is_transient", "TRANSIENT_SQLSTATES"]

#: PostgreSQL: serialization failure, deadlock, lock or statement timeout, connection and shutdown classes.
TRANSIENT_SQLSTATES = ("40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03", "08")
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy", "unable to open database")


def _sqlstate(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or "")


def is_transient(exc: BaseException) -> bool:
    """True for a database error worth one more try: busy, timed out, disconnected."""
    if isinstance(exc, (DisconnectionError, PoolTimeout)):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    state = _sqlstate(exc)
    if state and state.startswith(TRANSIENT_SQLSTATES):
        return True
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if any(marker in text for marker in _SQLITE_BUSY):
        return True
    # psycopg raises OperationalError without a state when the server closes the connection
    return type(exc.orig).__name__ in ("OperationalError", "InterfaceError") and not state
