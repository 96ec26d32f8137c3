"""Command line: ``python -m planner.report PROJECT -o report.html|report.pdf [--lang da|en] [--profile br18]``.

PROJECT is a project id or its exact name. The database comes from DATABASE_URL
(default data/jobcenter.db). Exit 0 written; 2 bad arguments or unknown project
(one line on stderr, no traceback); 1 the database could not be read or the file not
written (one line too). Anything else is a bug and shows its traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2 (argparse would print the usage too)
        sys.stderr.write(f"planner.report: {message}\n")
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    from scoring.profiles import profile_names

    from .i18n import LANGUAGES

    p = _Parser(prog="python -m planner.report", description="Write the co-design report of a project as HTML or PDF.")
    p.add_argument("project", help="project id or exact name")
    p.add_argument("-o", "--output", required=True, help="output file: .html or .pdf (by extension)")
    p.add_argument("--lang", choices=LANGUAGES, default="da", help="report language (default da)")
    p.add_argument("--profile", choices=profile_names(), default="br18", help="accessibility rule profile (default br18)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = Path(args.output)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        sys.stderr.write(f"planner.report: output {str(out)!r} must end in .html or .pdf\n")
        return 2
    if not out.parent.exists():
        sys.stderr.write(f"planner.report: folder {str(out.parent)!r} of the output does not exist\n")
        return 2

    from sqlalchemy.exc import SQLAlchemyError

    from input_forms.db import make_engine
    from input_forms.errors import InputError

    from .build import ReportRenderError, render_html, render_pdf
    from .model import collect_report

    try:
        engine = make_engine()
        data = collect_report(engine, args.project, lang=args.lang, profile=args.profile)
    except (InputError, ValueError) as exc:
        sys.stderr.write(f"planner.report: {exc}\n")
        return 2
    except (SQLAlchemyError, OSError) as exc:  # e.g. an unreachable database: one line, no traceback
        sys.stderr.write(f"planner.report: could not read the project: {type(exc).__name__}: {exc}\n")
        return 1
    try:
        if fmt == "pdf":
            out.write_bytes(render_pdf(data))
        else:
            out.write_text(render_html(data), encoding="utf-8")
    except (ReportRenderError, OSError) as exc:
        sys.stderr.write(f"planner.report: could not write {str(out)!r}: {type(exc).__name__}: {exc}\n")
        return 1
    print(f"wrote {out} ({fmt}, {args.lang}, {data.profile}, {len(data.options)} options)")
    return 0


if __name__ == "__main__":
    from floorplans.logs import configure_logging

    configure_logging()
    raise SystemExit(main())
