"""Second stage: order the candidate documents by their best section, and choose what each hit opens at.

A section scores, for each query group, the group's IDF times the weight of the strongest place the
group appears: its heading (what the section is about), the document's title or aliases (they frame
every section), or its body. The document scores its best section. Because each group counts once,
with the IDF of the whole group, a rare synonym or word form cannot outweigh the words the user
typed (as it can in bm25, which weighs each alternative of an OR by its own rarity), and a section
holding more of the question's words beats one repeating a single word.

Matching is done per group inside each candidate's rowid range (a seek, tens of microseconds);
headings are short, so whether a group is in one is checked here in Python. FTS5's bm25 is not
called: it re-reads each word's whole posting list on every statement.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from app.core.search import snippets
from app.core.search.query import Group, Plan
from app.core.search.ranking import Statistics
from app.core.search.results import SearchHit
from app.core.search.text import MARK_CLOSE, MARK_OPEN, words

TITLE_WEIGHT = 1.5
HEADING_WEIGHT = 2.0
BODY_WEIGHT = 1.0
SECTION_SHARE = 0.6
"""A document's further sections are listed only when they score at least this share of its best."""
SNIPPET_TOKENS = 16

_DOCS = "SELECT rowid, doc_id, pack_id, kind, title, summary, first_section, last_section FROM docs "
_TITLED = "SELECT rowid FROM head_fts WHERE head_fts MATCH ? AND rowid IN ({})"
_HEADINGS = "SELECT rowid, section_id, heading FROM sections WHERE rowid BETWEEN ? AND ?"
_MATCHING = "SELECT rowid FROM section_fts WHERE section_fts MATCH ? AND rowid BETWEEN ? AND ?"
_SNIPPET = (
    f"SELECT snippet(section_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '{snippets.ELLIPSIS}', {SNIPPET_TOKENS}) "
    "FROM section_fts WHERE section_fts MATCH ? AND rowid = ?"
)


@dataclass(frozen=True)
class Doc:
    rowid: int
    doc_id: str
    pack_id: str
    kind: str
    title: str
    summary: str
    first: int
    last: int


@dataclass
class _Section:
    score: float = 0.0
    """Counting title matches: compares sections across documents."""
    own: float = 0.0
    """Heading and body matches only: orders the sections of one document."""


@dataclass
class Scored:
    doc: Doc
    score: float
    sections: list[tuple[int, str, str]] = field(default_factory=list)
    """(rowid, section id, heading) to show, best first; empty when only title, aliases or tags matched."""


def _titled(connection: sqlite3.Connection, plan: Plan, rowids: list[int]) -> list[set[int]]:
    """Per group, the candidates whose title or aliases hold it.

    Words are checked candidate by candidate (`rowid IN`, a seek each); a phrase over the whole
    index at once, because FTS5 re-reads a phrase's positions from the start on every seek.
    """
    marks = ", ".join("?" * len(rowids))
    found = []
    for group in plan.groups:
        expression = f"{{title aliases}} : {group.fts()}"
        if any(len(a.tokens) > 1 for a in group.alternatives):
            rows = connection.execute("SELECT rowid FROM head_fts WHERE head_fts MATCH ?", (expression,))
        else:
            rows = connection.execute(_TITLED.format(marks), [expression, *rowids])
        found.append({row[0] for row in rows})
    return found


def _in_heading(group: Group, heading: tuple[str, ...]) -> bool:
    for alternative in group.alternatives:
        size = len(alternative.tokens)
        if any(heading[i : i + size] == alternative.tokens for i in range(len(heading) - size + 1)):
            return True
    return False


def _score_document(
    connection: sqlite3.Connection, plan: Plan, stats: Statistics, doc: Doc, titled: list[set[int]]
) -> Scored:
    base = sum(idf * TITLE_WEIGHT for idf, rows in zip(stats.idfs, titled, strict=True) if doc.rowid in rows)
    headings = {row[0]: row for row in connection.execute(_HEADINGS, (doc.first, doc.last))}
    folded = {rowid: tuple(words(row[2])) for rowid, row in headings.items()}
    sections: dict[int, _Section] = {}
    for number, group in enumerate(plan.groups):
        idf, in_title = stats.idfs[number], doc.rowid in titled[number]
        for (rowid,) in connection.execute(_MATCHING, (group.fts(), doc.first, doc.last)):
            weight = HEADING_WEIGHT if _in_heading(group, folded[rowid]) else BODY_WEIGHT
            section = sections.setdefault(rowid, _Section(base))
            section.own += idf * weight
            section.score += idf * max(0.0, weight - TITLE_WEIGHT) if in_title else idf * weight
    if not sections:
        return Scored(doc, base)
    ordered = sorted(sections, key=lambda r: (-sections[r].score, -sections[r].own, r))
    best = sections[ordered[0]].score
    shown = [headings[r] for r in ordered if sections[r].score >= best * SECTION_SHARE]
    return Scored(doc, best, shown)


def score_documents(
    connection: sqlite3.Connection, plan: Plan, stats: Statistics, rowids: list[int]
) -> list[Scored]:
    """Candidates in final order (best section score, then the first stage's order), scores in (0, 1]."""
    if not rowids:
        return []
    marks = ", ".join("?" * len(rowids))
    docs = {row[0]: Doc(*row) for row in connection.execute(_DOCS + f"WHERE rowid IN ({marks})", rowids)}
    titled = _titled(connection, plan, rowids)
    ceiling = sum(stats.idfs) * max(TITLE_WEIGHT, HEADING_WEIGHT) or 1.0
    scored = [_score_document(connection, plan, stats, docs[rowid], titled) for rowid in rowids]
    for entry in scored:
        entry.score = round(max(entry.score / ceiling, 1e-6), 6)
    return sorted(scored, key=lambda s: -s.score)


def _hit(doc: Doc, section_id: str, heading: str, marked: str | None, score: float) -> SearchHit:
    if marked is None:
        text = snippets.leading(doc.summary)
        html = snippets.as_html(text)
    else:
        text, html = snippets.as_text(marked), snippets.as_html(marked)
    return SearchHit(doc.doc_id, doc.pack_id, doc.kind, doc.title, section_id, heading, html, text, score)


def hits_for(
    connection: sqlite3.Connection, plan: Plan, scored: list[Scored], per_document: int, limit: int
) -> list[SearchHit]:
    """Hits in order, each document's sections together, `limit` in all."""
    expression = plan.any_of()
    hits: list[SearchHit] = []
    for entry in scored:
        if not entry.sections:
            hits.append(_hit(entry.doc, "", "", None, entry.score))
        for rowid, section_id, heading in entry.sections[:per_document]:
            row = connection.execute(_SNIPPET, (expression, rowid)).fetchone()
            hits.append(_hit(entry.doc, section_id, heading, row[0] if row else None, entry.score))
        if len(hits) >= limit:
            break
    return hits[:limit]
