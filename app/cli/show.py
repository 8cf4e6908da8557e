"""`protocol-desk show ID`: a whole document as text, Markdown, HTML or JSON."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import EXIT_OK, EXIT_PROBLEM, configured_placeholders, find_document, print_json
from app.render.html import document_html
from app.render.text import document_text


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("show", help="print one document")
    parser.add_argument("id", help="document id, pack/id, or id#section (as printed by search and list)")
    parser.add_argument("--format", choices=("text", "markdown", "html", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    found = find_document(args)
    if found is None:
        return EXIT_PROBLEM
    pack, document = found
    placeholders = configured_placeholders()
    if args.format == "json":
        print_json(
            {"pack": pack.id, "pack_version": pack.manifest.version, **document.model_dump(mode="json")}
        )
    elif args.format == "html":
        sys.stdout.write(document_html(pack, document, placeholders=placeholders))
    else:
        sys.stdout.write(document_text(pack, document, args.format, placeholders=placeholders))
    return EXIT_OK
