"""Third stage: turn ranked sections into hits, with snippets centred on the rarest matched term."""

from __future__ import annotations

import sqlite3

from app.core.search import snippets
from app.core.search.query import SOFT_WORDS, Plan
from app.core.search.ranking import Statistics
from app.core.search.results import SearchHit
from app.core.search.scoring import Ranked

_BODY = "SELECT body FROM sections WHERE rowid = ?"


def _terms(plan: Plan, stats: Statistics) -> list[tuple[tuple[str, ...], float]]:
    """Every alternative of every group with its group's IDF, rarest groups first; words that only
    place a question in time ("after") are not marked on their own."""
    terms = [
        (alternative.tokens, idf)
        for group, idf in zip(plan.groups, stats.idfs, strict=True)
        for alternative in group.alternatives
        if not (len(alternative.tokens) == 1 and alternative.tokens[0] in SOFT_WORDS)
    ]
    return sorted(terms, key=lambda term: -term[1])


def _hit(entry: Ranked, body: str, terms: list[tuple[tuple[str, ...], float]]) -> SearchHit:
    doc = entry.doc
    marked = snippets.centred(body, terms) if body else None
    if marked is None and entry.section_id:
        marked = snippets.centred(doc.summary, terms)
    if marked is None:
        text = snippets.leading(body or doc.summary)
        html = snippets.as_html(text)
    else:
        text, html = snippets.as_text(marked), snippets.as_html(marked)
    return SearchHit(
        doc.doc_id, doc.pack_id, doc.kind, doc.title, entry.section_id, entry.heading, html, text, entry.score
    )


def hits_for(
    connection: sqlite3.Connection,
    plan: Plan,
    stats: Statistics,
    ranked: list[Ranked],
    *,
    per_document: int,
    limit: int,
) -> list[SearchHit]:
    """Hits in rank order, at most `per_document` sections of one document, `limit` in all."""
    terms = _terms(plan, stats)
    shown: dict[int, int] = {}
    hits: list[SearchHit] = []
    for entry in ranked:
        if len(hits) >= limit:
            break
        if shown.get(entry.doc.rowid, 0) >= per_document:
            continue
        shown[entry.doc.rowid] = shown.get(entry.doc.rowid, 0) + 1
        row = connection.execute(_BODY, (entry.rowid,)).fetchone()
        hits.append(_hit(entry, row[0] if row else "", terms))
    return hits
