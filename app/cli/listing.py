"""`protocol-desk list`: every loaded document, with the id that `show` and `export` accept."""

from __future__ import annotations

import argparse

from app.cli.common import EXIT_OK, load_from_args, print_json, warn_skipped
from app.core.model import DOCUMENT_KINDS, Document


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("list", help="list loaded documents")
    parser.add_argument("--kind", choices=DOCUMENT_KINDS, help="only documents of this kind")
    parser.add_argument("--json", action="store_true", help="print JSON objects")
    parser.set_defaults(run=run)


def _row(pack_id: str, doc: Document) -> dict[str, str]:
    return {
        "id": doc.id,
        "pack": pack_id,
        "kind": doc.kind,
        "title": doc.title,
        "status": doc.status.value,
        "review_due": doc.review_due.isoformat(),
    }


def run(args: argparse.Namespace) -> int:
    packs = load_from_args(args)
    warn_skipped(packs)
    rows = [
        _row(pack.id, doc) for pack, doc in packs.documents() if args.kind is None or doc.kind == args.kind
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    width = max((len(r["id"]) for r in rows), default=2)
    pack_width = max((len(r["pack"]) for r in rows), default=4)
    for row in rows:
        print(f"{row['id']:<{width}}  {row['pack']:<{pack_width}}  {row['kind']:<12}  {row['title']}")
    return EXIT_OK
