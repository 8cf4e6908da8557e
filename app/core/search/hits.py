"""Third stage: turn ranked sections into hits, with snippets centred on the rarest matched term."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from app.core.search import snippets
from app.core.search.query import SOFT_WORDS, STOPWORDS, Plan
from app.core.search.ranking import Statistics
from app.core.search.results import SearchHit
from app.core.search.scoring import Ranked
from app.core.search.text import with_site_values

_BODY = "SELECT body FROM sections WHERE rowid = ?"


def _terms(plan: Plan, stats: Statistics) -> list[tuple[tuple[str, ...], float]]:
    """Every alternative of every group with its group's IDF, rarest groups first.

    A word is marked on its own only when it says something: not a stop word (a query of nothing
    else still searches them), not a lone letter, not a word that only places a question in time
    ("after"). Inside a phrase such words are marked with the phrase.
    """
    terms = [
        (alternative.tokens, idf)
        for group, idf in zip(plan.groups, stats.idfs, strict=True)
        for alternative in group.alternatives
        if not (len(alternative.tokens) == 1 and _plain(alternative.tokens[0]))
    ]
    return sorted(terms, key=lambda term: -term[1])


def _plain(word: str) -> bool:
    return word in SOFT_WORDS or word in STOPWORDS or (len(word) == 1 and word.isalpha())


class SiteValues:
    """What each placeholder reads as in a pack's snippets: the site's value, else the pack's default."""

    def __init__(self, site: Mapping[str, str], defaults: Mapping[str, Mapping[str, str]]) -> None:
        self.site = {name: value for name, value in site.items() if value.strip()}
        self.defaults = defaults
        self._merged: dict[str, dict[str, str]] = {}

    def of(self, pack_id: str) -> Mapping[str, str]:
        if pack_id not in self._merged:
            self._merged[pack_id] = {**self.defaults.get(pack_id, {}), **self.site}
        return self._merged[pack_id]


def _hit(
    entry: Ranked, body: str, terms: list[tuple[tuple[str, ...], float]], values: Mapping[str, str]
) -> SearchHit:
    """The hit for one ranked section; placeholders read as the site's values where it has them."""
    doc = entry.doc
    body, summary = with_site_values(body, values), with_site_values(doc.summary, values)
    marked = snippets.centred(body, terms) if body else None
    if marked is None and entry.section_id:
        marked = snippets.centred(summary, terms)
    if marked is None:
        text = snippets.leading(body or summary)
        html = snippets.as_html(text)
    else:
        text, html = snippets.as_text(marked), snippets.as_html(marked)
    title, heading = with_site_values(doc.title, values), with_site_values(entry.heading, values)
    return SearchHit(
        doc.doc_id, doc.pack_id, doc.kind, title, entry.section_id, heading, html, text, entry.score
    )


def hits_for(
    connection: sqlite3.Connection,
    plan: Plan,
    stats: Statistics,
    ranked: list[Ranked],
    *,
    per_document: int,
    limit: int,
    values: SiteValues,
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
        hits.append(_hit(entry, row[0] if row else "", terms, values.of(entry.doc.pack_id)))
    return hits
