"""One logging set-up for the app and every command line: one line per record on stderr.

The Streamlit app (planner/app.py) and the CLIs (``python -m floorplans``, ``scoring``,
``input_forms``, ``planner.report``) call ``configure_logging()`` first, so a warning or a
logged traceback looks the same wherever it comes from. It lives here because every package
depends on floorplans. Streamlit's own loggers keep their handler (they do not propagate).

The level comes from the environment variable LOG_LEVEL (DEBUG, INFO, WARNING, ERROR),
WARNING by default so that a CLI's output is only what it prints.
"""

from __future__ import annotations

import logging
import os
import sys

__all__ = ["FORMAT", "configure_logging"]

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DEFAULT_LEVEL = "WARNING"


class _StderrHandler(logging.StreamHandler):
    """The handler configure_logging installs (a class of its own, so a second call finds it)."""


def configure_logging(level: str | None = None) -> None:
    """Send log records to stderr as ``time LEVEL logger: message`` (tracebacks below). Safe to call again.

    ``level`` overrides LOG_LEVEL; an unknown name falls back to WARNING with a warning.
    """
    root = logging.getLogger()
    if not any(isinstance(h, _StderrHandler) for h in root.handlers):
        handler = _StderrHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    name = (level or os.environ.get("LOG_LEVEL") or DEFAULT_LEVEL).strip().upper()
    known = logging.getLevelNamesMapping()
    root.setLevel(known.get(name, logging.WARNING))
    if name not in known:
        logging.getLogger(__name__).warning("LOG_LEVEL %r is not a level name; using WARNING", name)
