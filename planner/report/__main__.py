"""Command line: ``python -m planner.report PROJECT -o report.html|report.pdf [--lang da|en] [--profile br18]
[--rounds 1,2] [--decisive 2] [--options 1,3] [--sections vote,method]``.

Without --rounds the report leaves out trial rounds; without --decisive the decisive round is the
latest closed round marked decisive among them (the summary speaks of it).

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
    p.add_argument("--rounds", type=_ids, help="voting round ids to include, comma-separated (default: all but trial rounds)")
    p.add_argument("--decisive", type=int, help="the decisive round's id (one of the rounds)")
    p.add_argument("--options", type=_ids, help="option ids to include, comma-separated (default: all)")
    p.add_argument("--sections", type=lambda text: tuple(s.strip() for s in text.split(",") if s.strip()),
                   help="sections to include, comma-separated: options,comparison,vote,comments,feedback,survey,method")
    return p


def _ids(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of ids") from None


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
    from .model import ReportChoice, collect_report

    try:
        engine = make_engine()
        choice = ReportChoice(rounds=args.rounds, decisive=args.decisive, options=args.options, sections=args.sections)
        data = collect_report(engine, args.project, lang=args.lang, profile=args.profile, choice=choice)
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
