"""Second stage: score every matching section of the candidate documents, and order the hits.

The section is the unit scored and returned. For each query group a section scores the group's IDF
times the weight of the strongest place the group appears in the section itself: its heading (what
the section is about) or its body. The document's title and aliases are context: a group found
there adds a little to every section of the document, and stands in (at a low weight) for a group
the section lacks, so a section of "Esketamine ... monitoring" answers "esketamine bp" without
saying "esketamine" again, but a document that mentions every word somewhere does not beat the
section that answers. Because each group counts once, with the IDF of the whole group, a rare
synonym or word form cannot outweigh the words the user typed.

On top of that: a section whose kind the question asks for ("who should not" -> contraindications)
gains about one average group; a first-person question favours the patient handouts; a document
whose title or alias was typed (nearly) whole comes first with its best section; study cards come
after every reference section (the `cards` filter still finds them).

Matching is done per group inside each candidate's rowid range (a seek, tens of microseconds);
headings are short, so whether a group is in one is checked here in Python. FTS5's bm25 is not
called: it re-reads each word's whole posting list on every statement.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from app.core.search.query import Group, Plan
from app.core.search.ranking import Statistics
from app.core.search.text import words

HEADING_WEIGHT = 2.0
BODY_WEIGHT = 1.0
TITLE_WEIGHT = 0.6
"""A group only in the document's title or aliases: context, well below the section's own words."""
LENGTH_K = 1.2
LENGTH_B = 0.75
"""bm25's saturation and length normalisation, applied to a body match as if the word occurred once:
a word in a short section is better evidence of what the section is about than in a long one."""
CONTEXT_BONUS = 0.25
"""A group in the section and in the document's title: the section is about the titled subject."""
INTENT_WEIGHT = 1.0
"""A section of the kind the question asks for, in units of the query's mean IDF."""
CUE_WEIGHT = 0.5
"""A section of the kind a cue word suggests, in the same units."""
AUDIENCE_WEIGHT = 1.0
"""A patient handout for a first-person question, in the same units."""
NEAR_NAME = 0.75
"""A typed name covers at least this share of a title's or alias's words (and they all match)."""
STUDY_KIND = "cards"

_DOCS = "SELECT rowid, doc_id, pack_id, kind, title, summary, first_section, last_section, names FROM docs "
_TITLED = "SELECT rowid FROM head_fts WHERE head_fts MATCH ? AND rowid IN ({})"
_SECTIONS = "SELECT rowid, section_id, heading, kinds FROM sections WHERE rowid BETWEEN ? AND ?"
_MATCHING = "SELECT rowid FROM section_fts WHERE section_fts MATCH ? AND rowid BETWEEN ? AND ?"


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
    names: str


@dataclass
class Ranked:
    """One section (or a document's top, `section_id` empty) with its score and place in the order."""

    doc: Doc
    rowid: int
    section_id: str
    heading: str
    score: float
    named: bool = False
    """The document's title or an alias was typed (nearly) whole."""
    position: int = 0
    """The document's place in the first stage's order (ties)."""

    def key(self) -> tuple[bool, bool, float, int, int]:
        return (not self.named, self.doc.kind == STUDY_KIND, -self.score, self.position, self.rowid)


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


def is_named(plan: Plan, names: str) -> bool:
    """Whether the query is one of the document's names (title, title part, alias, id), or nearly."""
    typed = set(plan.name)
    if not typed:
        return False
    for name in names.splitlines():
        words_of_name = set(name.split())
        if typed == words_of_name:
            return True
        if len(typed) >= 2 and typed <= words_of_name and len(typed) >= NEAR_NAME * len(words_of_name):
            return True
    return False


@dataclass(frozen=True)
class _Context:
    plan: Plan
    stats: Statistics
    unit: float
    """The query's mean group IDF: what an intent or audience match is worth."""


def _section_score(
    context: _Context, doc: Doc, kinds: str, weights: dict[int, float], titled: list[bool]
) -> float:
    score = 0.0
    for number, idf in enumerate(context.stats.idfs):
        own = weights.get(number, 0.0)
        if own:
            score += idf * (own + (CONTEXT_BONUS if titled[number] else 0.0))
        elif titled[number]:
            score += idf * TITLE_WEIGHT
    plan, section_kinds = context.plan, kinds.split()
    if plan.intents.intersection(section_kinds):
        score += INTENT_WEIGHT * context.unit
    elif plan.cues.intersection(section_kinds):
        score += CUE_WEIGHT * context.unit
    if plan.patient and doc.kind == "instructions":
        score += AUDIENCE_WEIGHT * context.unit
    return score


def _score_document(
    connection: sqlite3.Connection, context: _Context, doc: Doc, titled_sets: list[set[int]]
) -> list[Ranked]:
    titled = [doc.rowid in rows for rows in titled_sets]
    sections = {row[0]: row for row in connection.execute(_SECTIONS, (doc.first, doc.last))}
    folded = {rowid: tuple(words(row[2])) for rowid, row in sections.items()}
    weights: dict[int, dict[int, float]] = {}
    for number, group in enumerate(context.plan.groups):
        for (rowid,) in connection.execute(_MATCHING, (group.fts(), doc.first, doc.last)):
            weight = HEADING_WEIGHT if _in_heading(group, folded[rowid]) else BODY_WEIGHT
            weights.setdefault(rowid, {})[number] = weight
    if not weights:
        # Only the title, aliases or tags hold the words: the hit opens at the top of the document.
        weights[doc.first] = {}
    return [
        Ranked(doc, rowid, sections[rowid][1], sections[rowid][2], _section_score(
            context, doc, sections[rowid][3], own, titled
        ))
        for rowid, own in weights.items()
    ]  # fmt: skip


def score_sections(
    connection: sqlite3.Connection, plan: Plan, stats: Statistics, rowids: list[int]
) -> list[Ranked]:
    """Every matching section of the candidates, in final order, scores in (0, 1]."""
    if not rowids:
        return []
    marks = ", ".join("?" * len(rowids))
    docs = {row[0]: Doc(*row) for row in connection.execute(_DOCS + f"WHERE rowid IN ({marks})", rowids)}
    titled = _titled(connection, plan, rowids)
    unit = sum(stats.idfs) / max(1, len(stats.idfs))
    context = _Context(plan, stats, unit)
    ranked: list[Ranked] = []
    for position, rowid in enumerate(rowids):
        doc = docs[rowid]
        sections = _score_document(connection, context, doc, titled)
        named = is_named(plan, doc.names)
        for section in sections:
            section.position = position
        if named:
            max(sections, key=lambda s: (s.score, -s.rowid)).named = True
        ranked.extend(sections)
    ceiling = sum(stats.idfs) * (HEADING_WEIGHT + CONTEXT_BONUS) + unit * (INTENT_WEIGHT + AUDIENCE_WEIGHT)
    for entry in ranked:
        entry.score = round(min(1.0, max(entry.score / (ceiling or 1.0), 1e-6)), 6)
    return sorted(ranked, key=Ranked.key)
