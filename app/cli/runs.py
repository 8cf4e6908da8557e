"""`protocol-desk runs list|export`: checklist runs saved in user.db, and PDFs of them for the chart."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cli.common import EXIT_OK, EXIT_PROBLEM, configured_paper, print_json
from app.core.runs.store import RunInfo, RunStore
from app.core.system.paths import app_paths
from app.core.userdata.db import UserDb
from app.export.pdf import PAGE_SIZES
from app.export.runs import export_run_pdf


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("runs", help="list or export checklist runs")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every saved run, newest first")
    listing.add_argument("--json", action="store_true", help="print JSON objects")
    listing.set_defaults(run=run_list)
    export = actions.add_parser("export", help="write a completed run as PDF")
    export.add_argument("run_id", metavar="RUN", type=int, help="run number, as `runs list` prints it")
    export.add_argument("--pdf", type=Path, required=True, metavar="OUT.pdf", help="file to write")
    export.add_argument(
        "--page-size",
        choices=tuple(PAGE_SIZES),
        help="paper size (default: the print.paper setting, else the locale's: Letter in the US, else A4)",
    )
    export.set_defaults(run=run_export)


def _store() -> RunStore:
    db = UserDb.open(app_paths().ensure().user_db)
    if db.notice:
        print(f"warning: {db.notice}", file=sys.stderr)
    return RunStore(db)


def when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _row(info: RunInfo) -> dict[str, Any]:
    return {
        "run": info.id,
        "label": info.label,
        "checklist": info.checklist_id,
        "checklist_version": info.checklist_version,
        "title": info.checklist_title,
        "pack": info.pack_id,
        "pack_version": info.pack_version,
        "started_at": when(info.started_at),
        "dose_time": when(info.dose_time),
        "completed_at": when(info.completed_at),
        "status": "completed" if info.finished else "in progress",
    }


def run_list(args: argparse.Namespace) -> int:
    rows = [_row(info) for info in _store().runs()]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print("No checklist runs saved.")
    for row in rows:
        started = row["started_at"][:16].replace("T", " ")
        print(f"{row['run']:>5}  {row['status']:<11}  {started}  {row['label']}  ({row['checklist']})")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    run = _store().load(args.run_id)
    if run is None:
        print(f"error: no checklist run {args.run_id}; `protocol-desk runs list` shows them", file=sys.stderr)
        return EXIT_PROBLEM
    if not run.info.finished:
        message = (
            f"error: run {args.run_id} ({run.info.label}) is still in progress; finish it in the app first"
        )
        print(message, file=sys.stderr)
        return EXIT_PROBLEM
    args.page_size = configured_paper(args.page_size)
    try:
        pages = export_run_pdf(run, args.pdf, page_size=args.page_size)
    except OSError as error:
        print(f"error: could not write {args.pdf}: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"wrote {args.pdf} ({pages} page{'s' if pages != 1 else ''}, {args.page_size})")
    return EXIT_OK
