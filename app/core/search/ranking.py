"""First stage: find candidate documents with FTS5 and bm25 (the final order is scoring.py's).

Candidates come in tiers, each ordered by bm25 with column weights, and a tier runs only while the
pool is not full:

1. every query group matches in the title or aliases;
2. every group matches in the title, aliases, tags or headings;
3. every group matches anywhere in the document;
4. any group matches (a question's words rarely all appear in its answer).

The tiers bound the work: bm25 costs time for every row a query matches, and a word found in most
documents matches most bodies but fewer headings and fewer titles still. In a large index (over
LARGE documents) ranking is bounded: a tier ranks a sample of RANK_SAMPLE matches, and since FTS5
gives a word in more than half of the documents an IDF of ~0, tier 4 ranks only the other groups,
the documents that only common groups match following unranked, and when *every* group is that
common tier 3 is unranked too. The pool is re-scored by scoring.py either way.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

from app.core.search import schema
from app.core.search.query import Group, Plan
from app.core.search.vocabulary import Vocabulary

LARGE = 2000
RANK_SAMPLE = 500
"""A tier ranks at most this many of its matches (the first in index order): bm25 costs about a
microsecond a row, and beyond this many title or heading matches the order among them matters
little, since the pool is re-scored. Indexes of up to this many documents are always fully ranked."""


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    pack: str | None = None
    tag: str | None = None

    def sql(self) -> tuple[str, list[str]]:
        """Extra WHERE clauses on doc_fts.rowid, and their parameters.

        `+rowid` keeps SQLite from handing the IN list to FTS5 as rowid look-ups, which would
        evaluate the whole MATCH once per listed document; the filter then applies to the matches.
        """
        clauses, params = [], []
        for column, value in (("kind", self.kind), ("pack_id", self.pack)):
            if value is not None:
                clauses.append(f"AND +rowid IN (SELECT rowid FROM docs WHERE {column} = ?)")
                params.append(value)
        if self.tag is not None:
            clauses.append("AND +rowid IN (SELECT doc FROM doc_tags WHERE tag = ?)")
            params.append(self.tag)
        return " ".join(clauses), params


@dataclass(frozen=True)
class Statistics:
    """How rare each group of a plan is, from the vocabulary (no index scan).

    The IDF is taken over sections, not documents: in a focused pack most clinical words are in
    most documents, but each is in few sections, which is where a hit has to point.
    """

    idfs: tuple[float, ...]
    common: tuple[bool, ...]
    """Per group: in more than half the documents of a large index (see the module docstring)."""
    presence: tuple[float, ...] = ()
    """Per group, what a document that holds it anywhere gains over one that never says it: the
    surprise of its absence, log(D / documents without it). Small for a rare word (most documents
    lack it); large for a word nearly every document says, such as the drug a pack is about, whose
    IDF is nearly nil: a document that never names the drug asked about is about another drug."""

    @classmethod
    def of(cls, plan: Plan, vocabulary: Vocabulary) -> Statistics:
        idfs, common, presence = [], [], []
        large = vocabulary.total_documents > LARGE
        for group in plan.groups:
            documents, sections, surely = _frequencies(group, vocabulary)
            total = vocabulary.total_sections
            # A word in no section (one the index lacks and nothing corrects) tells no section from
            # another, and must not inflate the query's mean IDF, the unit of the intent bonuses.
            idf = math.log(1.0 + (total - sections + 0.5) / (sections + 0.5)) if sections else 0.0
            idfs.append(group.weight * idf)
            common.append(large and documents * 2 > vocabulary.total_documents)
            every = vocabulary.total_documents
            presence.append(group.weight * math.log((every + 0.5) / (every - surely + 0.5)))
        return cls(tuple(idfs), tuple(common), tuple(presence))


def _frequencies(group: Group, vocabulary: Vocabulary) -> tuple[int, int, int]:
    """Upper bounds of (documents, sections) holding the group (a phrase: those of its rarest word),
    and a lower bound of the documents: those of its commonest alternative."""
    documents = sections = surely = 0
    for alternative in group.alternatives:
        counts = [vocabulary.counts(token) for token in alternative.tokens]
        documents += min(c[0] for c in counts)
        surely = max(surely, min(c[0] for c in counts))
        # A word only in titles is in no section row, yet frames every section of its document.
        sections += min(max(c) for c in counts)
    every = vocabulary.total_documents
    return min(documents, every), min(sections, vocabulary.total_sections), min(surely, every)


@dataclass(frozen=True)
class _Tier:
    expression: str
    ranked: bool
    table: str = "doc_fts"


def _tiers(plan: Plan, stats: Statistics) -> list[_Tier]:
    every = plan.all_of()
    titles = f"{{{' '.join(schema.TITLE_COLUMNS)}}} : ({every})"
    tiers = [
        _Tier(titles, True, "head_fts"),
        _Tier(every, True, "head_fts"),
        _Tier(every, not all(stats.common)),
    ]
    if len(plan.groups) > 1:
        selective = [g for g, common in zip(plan.groups, stats.common, strict=True) if not common]
        if selective:
            tiers.append(_Tier(" OR ".join(g.fts() for g in selective), True))
        if len(selective) < len(plan.groups):
            tiers.append(_Tier(plan.any_of(), False))
    return tiers


def candidates(
    connection: sqlite3.Connection, plan: Plan, stats: Statistics, filters: Filters, pool: int
) -> list[int]:
    """Up to `pool` document rowids, best candidates first."""
    found: dict[int, None] = {}
    where, params = filters.sql()
    for tier in _tiers(plan, stats):
        if len(found) >= pool:
            break
        matches = f"FROM {tier.table} WHERE {tier.table} MATCH ? {where} LIMIT"
        ranked = f"SELECT rowid FROM (SELECT rowid, rank {matches} {RANK_SAMPLE}) ORDER BY rank LIMIT ?"
        sql = ranked if tier.ranked else f"SELECT rowid {matches} ?"
        for (rowid,) in connection.execute(sql, [tier.expression, *params, pool + len(found)]):
            if len(found) < pool:
                found.setdefault(rowid, None)
    return list(found)
