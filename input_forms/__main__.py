"""Command line: ``python -m input_forms seed-demo [--if-empty] | create-facilitator USER | demo | migrate |
export PROJECT_ID [--csv] | backup PROJECT_ID | restore FILE | rotate-author-key | close-project PROJECT_ID |
apply-retention [--days N] | forget-text PROJECT_ID WORDS``.

Bad input (a wrong id, an unreadable file, a database that cannot be reached) ends with exit
status 2 and one line on stderr. Anything else is a bug: it is logged with its traceback, and
the exit status is 2 as well.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
import tempfile
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from floorplans.logs import configure_logging

log = logging.getLogger("input_forms.cli")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m input_forms", description="Storage of kiosk feedback, votes and surveys.")
    parser.add_argument("--db", help="database URL (default: env DATABASE_URL, else sqlite:///data/jobcenter.db)")
    sub = parser.add_subparsers(dest="command", required=True)
    seed = sub.add_parser("seed-demo", help="create the demo project, accounts and data")
    seed.add_argument("--if-empty", action="store_true", help="only if the database has no project yet")
    fac = sub.add_parser("create-facilitator", help="create a facilitator account")
    fac.add_argument("username")
    fac.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    fac.add_argument("--display-name", default="")
    demo = sub.add_parser("demo", help="run the end-to-end demo in a fresh temporary database and print the results")
    demo.add_argument("--keep", action="store_true", help="use --db / DATABASE_URL instead of a temporary database")
    sub.add_parser("migrate", help="create or upgrade the schema")
    export = sub.add_parser("export", help="print the publishable export of a project (JSON, or CSV of entries)")
    export.add_argument("project_id", type=int)
    export.add_argument("--csv", action="store_true")
    backup = sub.add_parser("backup", help="print a full backup of a project as JSON")
    backup.add_argument("project_id", type=int)
    restore = sub.add_parser("restore", help="restore a project from a backup file")
    restore.add_argument("file")
    sub.add_parser("rotate-author-key", help="make a new staff-comment pseudonym key and re-key the stored comments")
    close = sub.add_parser("close-project", help="mark a project closed (today) and switch its kiosks off")
    close.add_argument("project_id", type=int)
    close.add_argument("--on", type=_day, help="the day it closed, YYYY-MM-DD (default: today)")
    retention = sub.add_parser("apply-retention", help="delete the kiosk free text of projects closed longer ago "
                                                       "than the retention period (docs/data-protection.md)")
    retention.add_argument("--days", type=int, help="retention in days (default: env INPUT_FORMS_TEXT_RETENTION_DAYS, else 90)")
    retention.add_argument("--today", type=_day, help=argparse.SUPPRESS)
    forget = sub.add_parser("forget-text", help="delete every kiosk text of a project containing the words a citizen "
                                                "says they wrote (prints only how many)")
    forget.add_argument("project_id", type=int)
    forget.add_argument("words")
    return parser


def _day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day (YYYY-MM-DD)") from None




def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 2
    except (ValueError, OSError, OperationalError) as exc:  # bad input (InputError is a ValueError), files, database
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"error: {message}", file=sys.stderr)
        return 2
    except Exception:
        log.exception("python -m input_forms %s failed", args.command)
        return 2


def _run(args: argparse.Namespace) -> int:
    from .db import make_engine

    if args.command == "demo":
        return _demo(args)
    engine = make_engine(args.db)
    if args.command in ("close-project", "apply-retention", "rotate-author-key", "forget-text"):
        return _privacy(args, engine)
    if args.command == "migrate":
        print(f"schema is up to date ({engine.url.render_as_string(hide_password=True)})")
    elif args.command == "seed-demo":
        from .demo import DEMO_KIOSK_TOKEN, DEMO_USERS, seed_demo

        if seed_demo(engine, if_empty=args.if_empty):
            accounts = ", ".join(f"{u}/{p[0]}" for u, p in DEMO_USERS.items())
            print(f"seeded the demo project; accounts (user/password): {accounts}; kiosk URL: ?kiosk={DEMO_KIOSK_TOKEN}")
        else:
            print("the database already has a project; nothing seeded")
    elif args.command == "create-facilitator":
        _create_facilitator(args, engine)
    elif args.command == "export":
        from .export import export_feedback_csv, export_project_json

        if args.csv:
            sys.stdout.write(export_feedback_csv(engine, args.project_id))
        else:
            print(json.dumps(export_project_json(engine, args.project_id), ensure_ascii=False, indent=1))
    elif args.command == "backup":
        from .export import backup_project

        print(json.dumps(backup_project(engine, args.project_id), ensure_ascii=False))
    elif args.command == "restore":
        from .export import restore_project
        from .restore_intake import load_backup

        data = load_backup(args.file)  # within its budget, read and checked in a bounded worker process
        project = restore_project(engine, data)
        print(f"restored as project {project.id} {project.name!r}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    """The demo walk-through, in a throw-away database unless --keep."""
    from .db import make_engine
    from .demo import run_demo

    if args.keep:
        run_demo(make_engine(args.db))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'demo.db'}")
        run_demo(engine)
        engine.dispose()
    return 0


def _create_facilitator(args: argparse.Namespace, engine: Engine) -> None:
    """The first facilitator account; the password from stdin (scripts) or asked twice (a person)."""
    from .users import create_user

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            raise ValueError("the two passwords differ")
    user = create_user(engine, args.username, password, "facilitator", display_name=args.display_name)
    print(f"created facilitator {user.username!r} (id {user.id})")


def _privacy(args: argparse.Namespace, engine: Engine) -> int:
    """close-project, apply-retention, rotate-author-key (docs/data-protection.md)."""
    if args.command == "close-project":
        from .retention import close_project, retention_days

        project = close_project(engine, args.project_id, args.on)
        print(f"closed project {project.id} {project.name!r} on {project.closed_on}; its kiosks are off; its kiosk "
              f"text will be deleted {retention_days()} days later by apply-retention")
    elif args.command == "apply-retention":
        from .retention import apply_retention

        done = apply_retention(engine, today=args.today, days=args.days)
        print(f"retention: {done.texts_deleted} kiosk text(s) and {done.whys_deleted} survey 'why' text(s) deleted "
              f"in {len(done.projects)} closed project(s)")
    elif args.command == "forget-text":
        from .retention import forget_text

        print(f"deleted {forget_text(engine, args.project_id, args.words)} text(s) containing those words")
    elif args.command == "rotate-author-key":
        from .pseudonym import rotate_key

        path, n = rotate_key(engine)
        print(f"rotated the author key in {path}; {n} staff comment(s) re-keyed")
    return 0


if __name__ == "__main__":
    configure_logging()
    sys.exit(main())
