"""`protocol-desk search QUERY`: full-text search over the loaded packs, through the cached index."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    configured_placeholders,
    load_from_args,
    print_json,
    warn_skipped,
)
from app.core.model import DOCUMENT_KINDS
from app.core.packs.loaded import PackSet
from app.core.search import SearchHit, SearchIndex, SearchResults
from app.core.system.paths import app_paths


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("search", help="search every loaded document")
    parser.add_argument("query", nargs="+", metavar="QUERY", help="words to look for (quote a phrase)")
    parser.add_argument("--kind", choices=DOCUMENT_KINDS, help="only documents of this kind")
    parser.add_argument("--pack", metavar="P", help="only documents of the pack with this id")
    parser.add_argument("--tag", metavar="T", help="only documents with this tag (condition, route, ...)")
    parser.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help="at most N hits (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON objects")
    parser.set_defaults(run=run)


def _row(hit: SearchHit) -> dict[str, object]:
    return {
        "id": hit.doc_id,
        "target": hit.target,
        "pack": hit.pack_id,
        "kind": hit.kind,
        "title": hit.title,
        "section": hit.section_id or None,
        "section_title": hit.section_title or None,
        "snippet": hit.snippet_text,
        "score": hit.score,
    }


def _print_text(results: SearchResults) -> None:
    for doc_id, hits in results.by_document():
        first = hits[0]
        print(f"{doc_id}  [{first.kind}]  {first.title}")
        for hit in hits:
            where = f"#{hit.section_id} {hit.section_title}" if hit.section_id else "(summary)"
            print(f"  {where}")
            print(f"      {hit.snippet_text}")


def _progress(done: int, total: int, label: str) -> None:
    if done == 1 and sys.stderr.isatty():
        print("building the search index...", file=sys.stderr)


def _search(packs: PackSet, args: argparse.Namespace, query: str) -> SearchResults:
    """Search the cached index; rebuild it once if it turns out damaged mid-way."""
    path = app_paths().ensure().index_db
    options = {"kind": args.kind, "pack": args.pack, "tag": args.tag, "limit": args.limit}
    values = configured_placeholders()  # snippets show the site's clinic name, phone, hours
    with SearchIndex.open_or_build(packs, path, _progress) as index:
        results = index.search(query, **options, site_values=values)
    if results.problem is None:
        return results
    with SearchIndex.build(packs, path, _progress) as index:
        return index.search(query, **options, site_values=values)


def _search_cached(args: argparse.Namespace, query: str) -> SearchResults | None:
    """The search answered from the caches alone (packs unchanged, index built for them): no pack
    is parsed or validated and no model is imported. None when the full way is needed."""
    from app.core.distribution.policy import cached_packs

    cached = cached_packs(list(args.packs))
    if cached is None or (args.pack is not None and args.pack not in cached.pack_ids):
        return None
    index = SearchIndex.open_cached(app_paths().ensure().index_db, cached.content_hash)
    if index is None:
        return None
    with index:
        options = {"kind": args.kind, "pack": args.pack, "tag": args.tag, "limit": args.limit}
        results = index.search(query, **options, site_values=configured_placeholders())
    return None if results.problem else results


def run(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    results = _search_cached(args, query)
    if results is None:
        packs = load_from_args(args)
        warn_skipped(packs)
        if args.pack is not None and packs.pack(args.pack) is None:
            print(f"error: no loaded pack has the id {args.pack!r}", file=sys.stderr)
            return EXIT_USAGE
        results = _search(packs, args, query)
    if results.problem:
        print(f"error: {results.problem}", file=sys.stderr)
        return EXIT_PROBLEM
    if results.suggestion:
        print(f"did you mean: {results.suggestion}", file=sys.stderr)
    if args.json:
        print_json([_row(hit) for hit in results.hits])
    else:
        _print_text(results)
    if not results.hits:
        print(f"nothing found for {query!r}", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK
