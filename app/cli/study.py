"""`protocol-desk study export|import`: move study progress between workstations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from app.core.study.store import StudyStore
from app.core.study.transfer import TransferError, export_file, import_file
from app.core.system.paths import app_paths
from app.core.userdata.db import UserDb


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("study", help="export or import study progress (JSON)")
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    export = actions.add_parser("export", help="write every study card and review to a JSON file")
    export.add_argument("output", type=Path, metavar="OUT.json")
    export.set_defaults(run=run_export)
    imported = actions.add_parser("import", help="merge a progress file into this workstation's data")
    imported.add_argument("input", type=Path, metavar="FILE.json")
    imported.set_defaults(run=run_import)
    parser.set_defaults(run=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _open_store() -> StudyStore | None:
    db = UserDb.open(app_paths().ensure().user_db)
    if db.notice:
        print(f"warning: {db.notice}", file=sys.stderr)
    return StudyStore(db) if db.path is not None else None


def run_export(args: argparse.Namespace) -> int:
    store = _open_store()
    if store is None:
        return EXIT_PROBLEM
    try:
        cards, reviews = export_file(store, args.output)
    except OSError as error:
        print(f"error: cannot write {args.output}: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        store.db.close()
    print(f"Exported {cards} cards and {reviews} reviews to {args.output}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    store = _open_store()
    if store is None:
        return EXIT_PROBLEM
    try:
        report = import_file(store, args.input)
    except TransferError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        store.db.close()
    print(
        f"Imported {report.reviews_added} reviews ({report.reviews_skipped} already here) "
        f"and {report.cards_added} cards from {args.input}"
    )
    return EXIT_OK
