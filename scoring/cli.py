"""Command line: score a plan, compare options, or export a visibility graph analysis.

    python -m scoring PLAN [--profile br18|ada2010|iso21542] [--json]
    python -m scoring compare PLAN... [--profile ...]
    python -m scoring vga PLAN [--grid 0.5] --csv out.csv [--measures ...] [--radius 3] [--from X,Y]
    python -m scoring daylight PLAN [-o map.png] [--grid 0.5] [--draft]
    python -m scoring criteria [--markdown]
    python -m scoring suggest PLAN [--profile P] [--lock ID]... [--top 5] [--max-edits 3] [--json]

Bad input exits with status 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import sys
import textwrap
from pathlib import Path

from floorplans import PlanError, read_plan, validate_plan
from floorplans.model import Plan
from floorplans.problems import errors_only

from .engine import compare, score_plan
from .memory import keep_freed_memory
from .profiles import DEFAULT_PROFILE, profile_names
from .registry import all_criteria
from .report import ScoreReport

__all__ = ["main", "format_report", "load_plan", "criteria_markdown"]

log = logging.getLogger(__name__)


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage + message
        raise UsageError(f"{self.prog}: {message}")


def load_plan(path: str) -> Plan:
    """Read and validate a plan file; PlanError names the first problem and where."""
    plan = read_plan(path)
    problems = validate_plan(plan)
    errors = errors_only(problems)
    if errors:
        raise PlanError(errors, path)
    for p in problems:
        if p.code == "implausible-room-size":  # the criteria leave such rooms out: say so where the scores are read
            log.warning("%s: %s (left out of the scores)", path, p)
    return plan


def _yes_no(passed: bool | None) -> str:
    return {True: "pass", False: "FAIL", None: "-"}[passed]


def format_report(report: ScoreReport, width: int = 110) -> str:
    """A readable table: criterion, score, pass, detail (wrapped)."""
    lines = [
        f"{report.plan}  [profile {report.profile}]",
        f"calmness {report.calmness:5.1f} / 100    accessibility {report.accessibility:5.1f} / 100",
        f"{len(report.applied)} of {len(report.criteria)} criteria applied (n/a: nothing in the plan to judge; it weighs nothing)",
        "",
    ]
    head = f"{'criterion':<20} {'area':<6} {'score':>5}  {'pass':<4}  detail"
    lines += [head, "-" * min(width, 120)]
    indent = " " * 41
    for c in report.criteria:
        shown = f"{c.score:5.2f}" if c.applicable else "  n/a"
        first = f"{c.id:<20} {c.area[:5]:<6} {shown}  {_yes_no(c.passed):<4}  "
        wrapped = textwrap.wrap(c.detail, width=max(30, width - len(first))) or [""]
        lines.append(first + wrapped[0])
        lines += [indent + w for w in wrapped[1:]]
    return "\n".join(lines)


def _score(args: list[str]) -> int:
    p = _Parser(prog="python -m scoring", description="Score a floor plan for calmness and accessibility.")
    p.add_argument("plan", help="a plan file (GeoJSON exchange format)")
    p.add_argument("--profile", default=DEFAULT_PROFILE, choices=profile_names(), help="rule profile (default br18)")
    p.add_argument("--json", action="store_true", help="print the JSON score report (plan-format.md)")
    p.add_argument("--weights", help='JSON object of criterion weights, e.g. \'{"quiet-refuge": 3}\'')
    ns = p.parse_args(args)
    weights = _weights(ns.weights)
    plan = load_plan(ns.plan)
    try:
        report = score_plan(plan, ns.profile, weights)
    except ValueError as exc:  # unknown criterion in --weights, a negative weight
        raise UsageError(f"--weights: {_one_line(exc)}") from None
    print(report.to_contract_json() if ns.json else format_report(report))
    return 0


def _one_line(exc: Exception) -> str:
    """A pydantic error's first message, or the exception's text, on one line."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
            return str(first.get("msg", exc)).removeprefix("Value error, ")
        except (IndexError, TypeError, AttributeError):
            pass
    return " ".join(str(exc).split())


def _weights(text: str | None) -> dict[str, float] | None:
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"--weights is not valid JSON: {exc.msg} at character {exc.pos}") from None
    if not isinstance(data, dict) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in data.values()):
        raise UsageError("--weights must be a JSON object of criterion id → number")
    return {str(k): float(v) for k, v in data.items()}


def _compare(args: list[str]) -> int:
    p = _Parser(prog="python -m scoring compare", description="Score several plan options side by side.")
    p.add_argument("plans", nargs="+", help="plan files")
    p.add_argument("--profile", default=DEFAULT_PROFILE, choices=profile_names())
    p.add_argument("--weights", help="JSON object of criterion weights")
    ns = p.parse_args(args)
    plans = {}
    for path in ns.plans:
        key = Path(path).stem
        while key in plans:
            key += "'"
        plans[key] = load_plan(path)
    try:
        table = compare(plans, ns.profile, _weights(ns.weights))
    except PlanError:
        raise
    except ValueError as exc:
        raise UsageError(f"--weights: {_one_line(exc)}") from None
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_columns", 50):
        print(f"profile {ns.profile}; calmness and accessibility 0-100, criteria 0-1")
        print(table.to_string(float_format=lambda v: f"{v:.2f}"))
    ranked = table.loc["calmness"].sort_values(ascending=False)
    print("\ncalmest first: " + " > ".join(ranked.index))
    return 0


def _vga(args: list[str]) -> int:
    from .visibility.command import add_arguments, run

    p = _Parser(prog="python -m scoring vga", description="Visibility graph analysis (depthmapX's measures) on a "
                "grid; writes one row per cell.")
    add_arguments(p)
    ns = p.parse_args(args)
    if not (0.05 <= ns.grid <= 10):
        raise UsageError(f"--grid {ns.grid} is out of range: give a cell size between 0.05 and 10 metres")
    plan = load_plan(ns.plan)
    try:
        print(run(plan, ns))
    except ValueError as exc:  # a --from point off the grid
        raise UsageError(f"--from: {_one_line(exc)}") from None
    except OSError as exc:
        raise UsageError(f"cannot write {ns.csv}: {exc.strerror or exc}") from None
    return 0


def _criteria(args: list[str]) -> int:
    p = _Parser(prog="python -m scoring criteria", description="List the criteria.")
    p.add_argument("--markdown", action="store_true", help="print the README's table of criteria")
    ns = p.parse_args(args)
    if ns.markdown:
        print(criteria_markdown())
        return 0
    for c in all_criteria():
        print(f"{c.id:<20} {c.area:<14} {c.title}\n{'':<36}{c.description}\n{'':<36}source: {c.source}")
    return 0


def _daylight(args: list[str]) -> int:
    p = _Parser(prog="python -m scoring daylight",
                description="Glass ratio (BR18 §379) and average daylight factor (BRE) per room; with -o, a Radiance "
                            "daylight-factor map under a CIE overcast sky (needs pyradiance).")
    p.add_argument("plan")
    p.add_argument("-o", "--output", help="write the daylight-factor map here (PNG or SVG)")
    p.add_argument("--grid", type=float, default=0.5, help="map grid in metres (default 0.5)")
    p.add_argument("--draft", action="store_true", help="fewer light bounces: a quicker, rougher map")
    ns = p.parse_args(args)
    if not (0.1 <= ns.grid <= 5):
        raise UsageError(f"--grid {ns.grid} is out of range: give a spacing between 0.1 and 5 metres")
    plan = load_plan(ns.plan)
    from .daylight.command import daylight_command

    try:
        print(daylight_command(plan, ns.output, ns.grid, ns.draft))
    except (RuntimeError, OSError) as exc:  # no pyradiance; the map cannot be written
        raise UsageError(_one_line(exc)) from None
    return 0


def _suggest(args: list[str]) -> int:
    p = _Parser(prog="python -m scoring suggest",
                description="Propose short chains of explained edits that raise calmness and accessibility.")
    p.add_argument("plan", help="a plan file (GeoJSON exchange format)")
    p.add_argument("--profile", default=DEFAULT_PROFILE, choices=profile_names(), help="rule profile (default br18)")
    p.add_argument("--lock", action="append", default=[], metavar="ID", help="a feature id no edit may change (repeat)")
    p.add_argument("--top", type=int, default=5, help="how many suggestions (default 5)")
    p.add_argument("--max-edits", type=int, default=3, help="edits per suggestion at most (default 3)")
    p.add_argument("--weights", help="JSON object of criterion weights")
    p.add_argument("--json", action="store_true", help="print the JSON of plan-format.md (\"Suggestions\")")
    ns = p.parse_args(args)
    weights = _weights(ns.weights)
    plan = load_plan(ns.plan)
    from .suggest import suggest

    try:
        result = suggest(plan, ns.profile, weights, locked=ns.lock, top=ns.top, max_edits=ns.max_edits)
    except ValueError as exc:  # a locked id not in the plan, --top or --max-edits out of range, a bad weight
        raise UsageError(f"python -m scoring suggest: {_one_line(exc)}") from None
    if ns.json:
        print(json.dumps(result.to_contract(), ensure_ascii=False, indent=2))
        return 0
    print(f"{result.report.plan}  [profile {result.report.profile}]")
    print(f"now: calmness {result.report.calmness:5.1f}   accessibility {result.report.accessibility:5.1f}")
    if not result.suggestions:
        print(f"\nno suggestion: {result.reason}")
    for i, s in enumerate(result.suggestions, 1):
        dc, da = s.calmness - result.report.calmness, s.accessibility - result.report.accessibility
        print(f"\n{i}. calmness {s.calmness:5.1f} ({dc:+.1f})   accessibility {s.accessibility:5.1f} ({da:+.1f})")
        for e in s.edits:
            lines = textwrap.wrap(f"[{e.cost}] {e.en}", width=100)
            print("   - " + "\n     ".join(lines))
    return 0


def criteria_markdown() -> str:
    """The table of criteria in the README, made from the registry (so it cannot fall behind)."""

    def cell(text: str) -> str:
        return " ".join(text.replace("|", "\\|").split())

    lines = ["| criterion | area | weight | what it measures | source |", "| --- | --- | ---: | --- | --- |"]
    for c in all_criteria():
        lines.append(f"| `{c.id}` | {c.area} | {c.weight:g} | **{cell(c.title)}**: {cell(c.description)} | {cell(c.source)} |")
    return "\n".join(lines)


_COMMANDS = {"compare": _compare, "vga": _vga, "daylight": _daylight, "criteria": _criteria, "suggest": _suggest}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # a replaced stream (a test's capture) may not reconfigure
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except ValueError:
                pass
    keep_freed_memory()  # suggestions score hundreds of variants: freed arrays are reused, not faulted in again
    try:
        if args and args[0] in _COMMANDS:
            return _COMMANDS[args[0]](args[1:])
        return _score(args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except PlanError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        try:
            sys.stdout = open(os.devnull, "w")  # not closed on purpose: it silences the flush at exit
        except OSError:
            pass
        return 0
