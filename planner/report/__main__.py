"""Command line: ``python -m planner.report PROJECT -o report.html|report.pdf [--lang da|en] [--profile br18]``.

PROJECT is a project id or its exact name. The database comes from DATABASE_URL
(default data/jobcenter.db). Exit 0 written; 2 bad arguments or unknown project
(one line on stderr, no traceback); 1 the report could not be made.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (argparse would print the usage too)
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

    from input_forms.db import make_engine
    from input_forms.errors import InputError

    from .build import render_html, render_pdf
    from .data import collect_report

    try:
        engine = make_engine()
        data = collect_report(engine, args.project, lang=args.lang, profile=args.profile)
    except (InputError, ValueError) as exc:
        sys.stderr.write(f"planner.report: {exc}\n")
        return 2
    except Exception as exc:  # noqa: BLE001 - e.g. an unreachable database: still one line, no traceback
        sys.stderr.write(f"planner.report: could not read the project: {type(exc).__name__}: {exc}\n")
        return 1
    try:
        if fmt == "pdf":
            out.write_bytes(render_pdf(data))
        else:
            out.write_text(render_html(data), encoding="utf-8")
    except Exception as exc:  # noqa: BLE001
        sys.stderr.write(f"planner.report: could not write {str(out)!r}: {type(exc).__name__}: {exc}\n")
        return 1
    print(f"wrote {out} ({fmt}, {args.lang}, {data.profile}, {len(data.options)} options)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
