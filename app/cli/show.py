"""`protocol-desk show ID`: a whole document as text, Markdown, HTML or JSON."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import EXIT_OK, EXIT_PROBLEM, load_from_args, print_json, site_placeholders, warn_skipped
from app.render.html import document_html
from app.render.text import document_text


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("show", help="print one document")
    parser.add_argument("id", help="document id, pack/id, or id#section (as printed by search and list)")
    parser.add_argument("--format", choices=("text", "markdown", "html", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    packs = load_from_args(args)
    warn_skipped(packs)
    found = packs.find(args.id)
    if found is None:
        print(f"error: no document with id {args.id!r}; `protocol-desk list` shows the ids", file=sys.stderr)
        return EXIT_PROBLEM
    pack, document = found
    placeholders = site_placeholders()
    if args.format == "json":
        print_json(
            {"pack": pack.id, "pack_version": pack.manifest.version, **document.model_dump(mode="json")}
        )
    elif args.format == "html":
        sys.stdout.write(document_html(pack, document, placeholders=placeholders))
    else:
        sys.stdout.write(document_text(pack, document, args.format, placeholders=placeholders))
    return EXIT_OK
