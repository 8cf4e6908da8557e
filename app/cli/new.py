"""`protocol-desk new pack|document`: start a pack, or add a document to one, from templates."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from app.cli.common import EXIT_OK, EXIT_USAGE
from app.core.model.calculator import FORMULA_NAMES
from app.core.packs.scaffold import FOLDERS, ScaffoldError, new_document, new_pack
from app.core.packs.scaffold_templates import CALCULATIONS


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "new", help="create a pack or a document from a template (see docs/authoring.md)"
    )
    actions = parser.add_subparsers(title="what", metavar="WHAT", required=True)
    pack = actions.add_parser(
        "pack", help="create a pack folder with pack.yaml, the schema and a draft protocol"
    )
    pack.add_argument(
        "folder", type=Path, metavar="FOLDER", help="the new pack's folder; its name is the pack id"
    )
    pack.add_argument("--title", help="the pack's title (default: from the folder name)")
    pack.set_defaults(run=run_pack)
    document = actions.add_parser("document", help="add a draft document to a pack")
    document.add_argument("kind", choices=list(FOLDERS), metavar="KIND", help=", ".join(FOLDERS))
    document.add_argument("id", metavar="ID", help="the document id, for example lithium-levels")
    document.add_argument("--pack", type=Path, default=Path("."), help="the pack folder (default: here)")
    formulas = [f for f in FORMULA_NAMES if f in CALCULATIONS]
    document.add_argument("--formula", choices=formulas, help="calculator kind (default: conversion)")
    document.add_argument("--visit", action="store_true", help="checklist for a scheduled visit, not a dose")
    document.set_defaults(run=run_document)


def _fail(error: ScaffoldError) -> int:
    print(f"error: {error}", file=sys.stderr)
    return EXIT_USAGE


def run_pack(args: argparse.Namespace) -> int:
    try:
        written = new_pack(args.folder, date.today(), args.title)
    except ScaffoldError as error:
        return _fail(error)
    for path in written:
        print(f"wrote {path}")
    print(f"next: edit the files, then `protocol-desk validate {args.folder} --strict`")
    return EXIT_OK


def run_document(args: argparse.Namespace) -> int:
    try:
        path = new_document(
            args.pack, args.kind, args.id, date.today(), formula=args.formula, visit=args.visit
        )
    except ScaffoldError as error:
        return _fail(error)
    print(f"wrote {path}")
    return EXIT_OK
