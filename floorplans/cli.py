"""Command line: ``python -m floorplans validate|render|schema|import``.

Exit status 0 on success, 2 on invalid input with one line on stderr (the
first problem and how many more); never a traceback for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .geojson_io import read_plan, write_plan
from .importers import ImportOptions, available_levels, import_file, level_rooms, read_kind_mapping
from .problems import PlanError, Problem, errors_only
from .validation import validate_plan

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line (its default prints usage too)."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INVALID)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m floorplans", description="Validate, draw and convert job-centre floor plans.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = sub.add_parser("validate", help="check a plan file; list every problem")
    validate.add_argument("plan", help="a plan in the GeoJSON exchange format")
    validate.add_argument("--json", action="store_true", help="print the problems as JSON")
    render = sub.add_parser("render", help="draw a plan to PNG or SVG")
    render.add_argument("plan")
    render.add_argument("-o", "--output", required=True, help="out.png or out.svg")
    render.add_argument("--highlight", default="", help="comma-separated feature ids to mark in red")
    render.add_argument("--dpi", type=int, default=120)
    schema = sub.add_parser("schema", help="print the JSON Schema of the exchange format")
    schema.add_argument("-o", "--output", help="write to this file instead of stdout")
    importer = sub.add_parser("import", help="convert DXF, IFC, indoor GeoJSON or FloorspaceJS to the exchange format")
    importer.add_argument("file")
    importer.add_argument("--level", help="the storey/level to import (default: the first)")
    importer.add_argument("-o", "--output", help="plan.geojson to write (needed unless --list-levels)")
    importer.add_argument("--list-levels", action="store_true", help="only list the levels in the file, with their room counts")
    importer.add_argument("--kinds", metavar="MAPPING.CSV",
                          help="your room kinds: CSV rows 'pattern,kind' (e.g. 'samtale*,meeting_room'), tried before the vocabulary")
    importer.add_argument("--quiet", action="store_true",
                          help="do not print the import report (what was mapped, guessed, dropped, and why)")
    return parser


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_INVALID


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"{problem.severity}: {problem}")


def _validate(args: argparse.Namespace) -> int:
    plan = read_plan(args.plan)
    problems = validate_plan(plan)
    errors = errors_only(problems)
    if args.json:
        print(json.dumps([p.model_dump() for p in problems], indent=1, ensure_ascii=False))
    else:
        _print_problems(problems)
    if errors:
        raise PlanError(errors, args.plan)
    if not args.json:
        print(f"ok: {args.plan}: {plan.name or 'unnamed plan'}: {len(plan.rooms)} rooms, {len(plan.doors)} doors, "
              f"{plan.floor_area:,.0f} m²" + (f", {len(problems)} warning(s)" if problems else ""))
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    from .drawing import save_plan_image

    plan = read_plan(args.plan)
    errors = errors_only(validate_plan(plan))
    if errors:
        raise PlanError(errors, args.plan)
    if Path(args.output).suffix.lower() not in {".png", ".svg"}:
        return _fail(f"{args.output}: the output must end in .png or .svg")
    highlight = [part for part in args.highlight.split(",") if part]
    unknown = [fid for fid in highlight if plan.get(fid) is None]
    if unknown:
        return _fail(f"--highlight: no feature with id {unknown[0]!r} in {args.plan}")
    try:
        save_plan_image(plan, args.output, dpi=args.dpi, highlight=highlight)
    except OSError as exc:
        return _fail(f"{args.output}: cannot write: {exc.strerror or exc}")
    print(f"wrote {args.output}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import plan_json_schema

    text = json.dumps(plan_json_schema(), indent=2, ensure_ascii=False)
    if args.output:
        try:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            return _fail(f"{args.output}: cannot write: {exc.strerror or exc}")
    else:
        print(text)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    if args.list_levels:
        for name, rooms in level_rooms(args.file).items():
            print(f"{name}\t{'?' if rooms is None else rooms} room(s) in the file")
        return EXIT_OK
    if not args.output:
        return _fail("python -m floorplans import: the following arguments are required: -o/--output")
    options = ImportOptions()
    if args.kinds:
        try:
            options = ImportOptions(kind_mapping=read_kind_mapping(args.kinds))
        except OSError as exc:
            return _fail(f"{args.kinds}: cannot read: {exc.strerror or exc}")
        except (ValueError, UnicodeDecodeError) as exc:
            return _fail(f"{args.kinds}: {exc}")
    level = args.level
    if level is None:  # import only the first level, not the whole building
        names = available_levels(args.file)
        level = names[0] if len(names) > 1 else None
    result = import_file(args.file, level=level, options=options)
    if not result.levels:
        return _fail(f"{args.file}: no level could be imported")
    name, plan = next(iter(result.levels.items()))
    if not args.quiet and result.report is not None:
        print(result.report.to_text())
    try:
        write_plan(plan, args.output)
    except OSError as exc:
        return _fail(f"{args.output}: cannot write: {exc.strerror or exc}")
    problems = validate_plan(plan)
    _print_problems(problems)
    print(f"wrote {args.output}: level {name!r}, {len(plan.rooms)} rooms, {len(plan.doors)} doors, "
          f"{len(plan.windows)} windows" + _problem_count(problems))
    return EXIT_OK


def _problem_count(problems: list[Problem]) -> str:
    errors = len(errors_only(problems))
    warnings = len(problems) - errors
    parts = [f"{errors} problem(s) to fix"] if errors else []
    parts += [f"{warnings} warning(s)"] if warnings else []
    return "; " + ", ".join(parts) if parts else ""


_COMMANDS = {"validate": _validate, "render": _render, "schema": _schema, "import": _import}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except PlanError as exc:
        return _fail(exc.one_line())
    except KeyboardInterrupt:
        return _fail("interrupted")
