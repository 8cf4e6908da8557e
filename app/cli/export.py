"""`protocol-desk export ID --pdf OUT.pdf`: any document as PDF; handouts in large print; blank checklists."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    configured_paper,
    configured_placeholders,
    find_document,
)
from app.core import model
from app.core.packs.loaded import Pack
from app.export.document import export_document_pdf
from app.export.handouts import export_handout_pdf
from app.export.pdf import PAGE_SIZES
from app.export.runs import export_blank_checklist_pdf
from app.render.handouts import unset_placeholders


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "export",
        help="write a document as PDF",
        description="Patient instructions are written as a large-print handout; --blank writes a checklist "
        "as a paper form to fill in by hand.",
    )
    parser.add_argument("id", help="document id or pack/id (as printed by list and search)")
    parser.add_argument("--pdf", type=Path, required=True, metavar="OUT.pdf", help="file to write")
    parser.add_argument(
        "--page-size",
        choices=tuple(PAGE_SIZES),
        help="paper size (default: the print.paper setting, else the locale's: Letter in the US, else A4)",
    )
    parser.add_argument("--blank", action="store_true", help="a checklist as a blank paper form")
    parser.set_defaults(run=run)


def _write(pack: Pack, document: model.Document, args: argparse.Namespace) -> int:
    placeholders = configured_placeholders()
    if args.blank and isinstance(document, model.Checklist):
        return export_blank_checklist_pdf(pack, document, args.pdf, page_size=args.page_size)
    if isinstance(document, model.Instructions):
        for label in unset_placeholders(pack, document, placeholders):
            message = f"warning: {label} is not set; the handout shows a gap (see `protocol-desk config`)"
            print(message, file=sys.stderr)
        return export_handout_pdf(
            pack, document, args.pdf, page_size=args.page_size, placeholders=placeholders
        )
    return export_document_pdf(pack, document, args.pdf, page_size=args.page_size, placeholders=placeholders)


def run(args: argparse.Namespace) -> int:
    found = find_document(args)
    if found is None:
        return EXIT_PROBLEM
    pack, document = found
    if args.blank and not isinstance(document, model.Checklist):
        print(f"error: --blank applies to checklists; {document.id} is {document.kind}", file=sys.stderr)
        return EXIT_USAGE
    args.page_size = configured_paper(args.page_size)
    try:
        pages = _write(pack, document, args)
    except OSError as error:
        print(f"error: could not write {args.pdf}: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"wrote {args.pdf} ({pages} page{'s' if pages != 1 else ''}, {args.page_size})")
    return EXIT_OK
