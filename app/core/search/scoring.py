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
after every reference section (the `cards` filter still finds them) unless the question asks for
them ("flashcards on ...", "quiz me on ...").

Matching is done per group inside each candidate's rowid range (a seek, tens of microseconds);
headings are short, so whether a group is in one is checked here in Python. FTS5's bm25 is not
called: it re-reads each word's whole posting list on every statement.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from app.core.search import fuzzy
from app.core.search.kinds import CONTRARY, DEFINITION, STUDY, modifiers
from app.core.search.query import STOPWORDS, Group, Plan, title_names
from app.core.search.ranking import Statistics
from app.core.search.text import words

HEADING, BODY, SUMMARY = "heading", "body", "summary"
HEADING_WEIGHT = 2.0
BODY_WEIGHT = 1.0
TITLE_WEIGHT = 1.0
"""A group only in the document's title or aliases: context, well below the section's own words."""
SUMMARY_WEIGHT = 0.5
"""A group in the document's summary (the hit that opens at the top): an overview mentions much of
what the document holds, so it answers less directly than the section that holds the words."""
TITLED_HEADING = 2.5
TITLED_BODY = 1.25
"""A group that is also in the document's title, in a section's heading or body: every section of a
document about MDSI is about MDSI, so the word tells its sections apart less than other words do."""
INTENT_WEIGHT = 1.0
"""A section of the kind the question asks for, in units of the query's mean IDF."""
CUE_WEIGHT = 0.75
"""A section of the kind a cue word suggests, in the same units."""
AUDIENCE_WEIGHT = 0.5
"""A reference section for a question about a patient ("can they drive"), in the same units: a
clinician may still be looking for what the handout tells the patient."""
PATIENT_WEIGHT = 1.0
"""A patient handout for a first-person question ("can I drive"), in the same units: the handout is
written for the person asking, so it answers before a reference section with the same words."""
SUBJECT_SHARE = 0.5
"""The least share of a name that its last words must make to be what the name is about."""
MIN_FUZZY = 5
NEAR_NAME = 0.75
"""A typed name covers at least this share of a title's or alias's words (and they all match)."""
STUDY_KIND = "cards"
HANDOUT_KIND = "instructions"

_DOCS = "SELECT rowid, doc_id, pack_id, kind, title, summary, first_section, last_section, names FROM docs "
_TITLED = "SELECT rowid FROM head_fts WHERE head_fts MATCH ? AND rowid IN ({})"
_SECTIONS = "SELECT rowid, section_id, heading, kinds FROM sections WHERE rowid BETWEEN ? AND ?"
_MATCHING = "SELECT {} AS grp, rowid FROM section_fts WHERE section_fts MATCH ? AND rowid BETWEEN ? AND ?"


@lru_cache(maxsize=32)
def _matching(groups: int) -> str:
    """One statement for every query group's matching sections in a document, each row tagged with
    its group's number: one call into SQLite per document instead of one per group."""
    return " UNION ALL ".join(_MATCHING.format(number) for number in range(groups))


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
    studied: bool = False
    """The question asks for study material: study cards rank by score like any section."""
    drilled: bool = False
    """The question asks to be tested ("quiz me on X"): the study cards come before every reference
    section, as they come after them otherwise."""

    def key(self) -> tuple[bool, bool, float, int, int]:
        cards = self.doc.kind == STUDY_KIND
        held_back = (cards and not self.studied) or (self.drilled and not cards)
        return (not self.named, held_back, -self.score, self.position, self.rowid)


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


def _in_heading(group: Group, heading: tuple[str, ...], compounds: frozenset[tuple[str, ...]]) -> set[int]:
    """Positions of the heading's words that spell one of the group's alternatives.

    Not a word that only qualifies a compound term of the pack: "The Patient Monitoring Form" is
    about a form (the term's last word), so "monitoring" there is no heading match for "how long do
    we monitor", while "blood pressure" in "Systolic blood pressure" is (it ends the term).
    """
    qualifying = modifiers(heading, compounds)
    found: set[int] = set()
    for alternative in group.alternatives:
        size = len(alternative.tokens)
        for i in range(len(heading) - size + 1):
            if heading[i : i + size] == alternative.tokens and not qualifying.issuperset(range(i, i + size)):
                found.update(range(i, i + size))
    return found


def _coverage(heading: tuple[str, ...], matched: set[int]) -> float:
    """Share of the heading's content words that the query matched: "Monitoring" is wholly about
    monitoring, "The Patient Monitoring Form" only partly (bm25F's length normalisation, for headings)."""
    content = [i for i, word in enumerate(heading) if word not in STOPWORDS]
    return len(matched.intersection(content)) / len(content) if content else 0.0


@lru_cache(maxsize=65536)
def _same_word(typed: str, word: str) -> bool:
    """Equal, or one slip apart in a longer word (`monitring`): a title typed in a hurry still counts.
    Cached: the same query words meet the same title words in candidate after candidate."""
    if typed == word:
        return True
    close = abs(len(typed) - len(word)) <= 1 and min(len(typed), len(word)) >= MIN_FUZZY
    return close and fuzzy.distance(typed, word) <= 1


def is_named(plan: Plan, names: str) -> bool:
    """Whether the query is one of the document's names (title, title part, alias, id), or nearly:
    every word typed is in the name, and they make up most of it."""
    typed = plan.name
    if not typed:
        return False
    for name in names.splitlines():
        words_of_name = name.split()
        whole = len(typed) >= len(words_of_name)
        if not (whole or (len(typed) >= 2 and len(typed) >= NEAR_NAME * len(words_of_name))):
            continue  # too few words typed to name it: skip before comparing any
        if all(any(_same_word(t, w) for w in words_of_name) for t in typed):
            return True
    return False


def names_subject(plan: Plan, names: str, title: str) -> bool:
    """Whether the query's words end one of the document's other names than its title, and make at
    least half of it: an alias's last words say what it names ("SPRAVATO REMS" is a REMS, "Spravato
    MDSI" is about MDSI), while a word before them only qualifies it ("racemic ketamine" is not
    what racemic means). A title describes ("Lidocaine for neuropathic pain", "... - registration
    and forms"): its last words are not what the document is."""
    typed = plan.name
    if not typed:
        return False
    for name in set(names.splitlines()) - title_names(title):
        whole = name.split()
        ending = whole[-len(typed) :]
        if len(typed) < SUBJECT_SHARE * len(whole) or len(ending) != len(typed):
            continue
        if all(_same_word(t, w) for t, w in zip(typed, ending, strict=True)):
            return True
    return False


@dataclass(frozen=True)
class _Context:
    plan: Plan
    stats: Statistics
    unit: float
    """The query's mean group IDF: what an intent or audience match is worth."""
    subjects: tuple[float, ...] = ()
    """Per group, what a candidate whose title or aliases name it gains (see _subjects)."""
    expressions: tuple[str, ...] = ()
    """Per group, its FTS5 expression (built once per query, used for every candidate)."""


def _weight(place: str | None, titled: bool, coverage: float) -> float:
    """What a group found in `place` (heading, body, summary, or nowhere in the section) is worth."""
    if place == HEADING:
        low, high = (TITLED_BODY, TITLED_HEADING) if titled else (BODY_WEIGHT, HEADING_WEIGHT)
        return low + (high - low) * coverage
    if place == BODY:
        return TITLED_BODY if titled else BODY_WEIGHT
    if place == SUMMARY:
        return max(SUMMARY_WEIGHT, TITLE_WEIGHT if titled else 0.0)
    return TITLE_WEIGHT if titled else 0.0


def _section_score(
    context: _Context, doc: Doc, kinds: str, places: dict[int, str], titled: list[bool], *, coverage: float
) -> float:
    score = 0.0
    for number, idf in enumerate(context.stats.idfs):
        score += idf * _weight(places.get(number), titled[number], coverage)
    plan, section_kinds = context.plan, kinds.split()
    if plan.intents.intersection(section_kinds):
        score += INTENT_WEIGHT * context.unit
    elif any(CONTRARY.get(intent, frozenset()).intersection(section_kinds) for intent in plan.intents):
        score -= INTENT_WEIGHT * context.unit
    elif plan.cues.intersection(section_kinds):
        score += CUE_WEIGHT * context.unit
    handout = doc.kind == HANDOUT_KIND
    if plan.patient and handout:
        score += PATIENT_WEIGHT * context.unit
    elif plan.clinician and not handout and doc.kind != STUDY_KIND:
        score += AUDIENCE_WEIGHT * context.unit
    return score


def _score_document(
    connection: sqlite3.Connection, context: _Context, doc: Doc, titled_sets: list[set[int]]
) -> list[Ranked]:
    titled = [doc.rowid in rows for rows in titled_sets]
    sections = {row[0]: row for row in connection.execute(_SECTIONS, (doc.first, doc.last))}

    def heading(rowid: int) -> tuple[str, ...]:
        return _heading_words(sections[rowid][2])

    places: dict[int, dict[int, str]] = {}
    in_headings: dict[int, set[int]] = {}
    compounds = context.plan.compounds
    groups = context.plan.groups
    params = [value for expression in context.expressions for value in (expression, doc.first, doc.last)]
    for number, rowid in connection.execute(_matching(len(groups)), params):
        positions = _in_heading(groups[number], heading(rowid), compounds) if rowid != doc.first else set()
        in_headings.setdefault(rowid, set()).update(positions)
        place = SUMMARY if rowid == doc.first else HEADING if positions else BODY
        places.setdefault(rowid, {})[number] = place
    if any(titled) and context.plan.intents:
        # A section of the kind asked for, in a document the question names, answers about that
        # subject without repeating its name ("how long will lidocaine keep working": Follow-up).
        for rowid, row in sections.items():
            if rowid != doc.first and context.plan.intents.intersection(row[3].split()):
                places.setdefault(rowid, {})
    # "What is the REMS": a question of what a thing is, when the thing is what the document is
    # named after, is answered by the document's summary, which says what its subject is.
    defined = DEFINITION in context.plan.intents and names_subject(context.plan, doc.names, doc.title)
    if defined:
        places.setdefault(doc.first, {})
    if not places:
        # Only the title, aliases or tags hold the words: the hit opens at the top of the document.
        places[doc.first] = {}
    # What the whole document says (see Statistics.presence): the same for each of its sections.
    held = {number for own in places.values() for number in own}
    said = sum(w for number, w in enumerate(context.stats.presence) if number in held or titled[number])
    said += sum(w for number, w in enumerate(context.subjects) if titled[number])
    return [
        Ranked(doc, rowid, sections[rowid][1], sections[rowid][2], said + _section_score(
            context, doc, sections[rowid][3] + (f" {DEFINITION}" if defined and rowid == doc.first else ""),
            own, titled,
            coverage=_coverage(heading(rowid), in_headings.get(rowid, set())),
        ))
        for rowid, own in places.items()
    ]  # fmt: skip


@lru_cache(maxsize=32768)
def _heading_words(heading: str) -> tuple[str, ...]:
    """A heading's folded words. Cached across queries: headings repeat ("Monitoring", "Dosing") in
    every document, and folding them again for each candidate was a tenth of a query's time."""
    return tuple(words(heading))


def _subjects(titled: list[set[int]], rowids: list[int], plan: Plan) -> tuple[float, ...]:
    """Per group, the surprise of a candidate's title not naming it, log(P / candidates without it).

    A title says what its document is about. A word in most candidates' titles (the drug a pack is
    about) tells little by being there, but a title without it is about something else: the
    handout for esketamine does not answer a question about ketamine, whatever words they share.
    """
    pool = len(rowids)
    return tuple(
        group.weight * math.log((pool + 0.5) / (pool - len(rows.intersection(rowids)) + 0.5))
        for group, rows in zip(plan.groups, titled, strict=True)
    )


def score_sections(
    connection: sqlite3.Connection, plan: Plan, stats: Statistics, rowids: list[int]
) -> list[Ranked]:
    """Every matching section of the candidates, in final order, scores in (0, 1]."""
    if not rowids:
        return []
    marks = ", ".join("?" * len(rowids))
    docs = {row[0]: Doc(*row) for row in connection.execute(_DOCS + f"WHERE rowid IN ({marks})", rowids)}
    titled = _titled(connection, plan, rowids)
    unit = sum(stats.idfs) / max(1, sum(1 for idf in stats.idfs if idf))
    expressions = tuple(group.fts() for group in plan.groups)
    context = _Context(plan, stats, unit, _subjects(titled, rowids, plan), expressions)
    studied = STUDY in plan.intents or STUDY in plan.cues
    drilled = STUDY in plan.intents
    ranked: list[Ranked] = []
    for position, rowid in enumerate(rowids):
        doc = docs[rowid]
        sections = _score_document(connection, context, doc, titled)
        named = is_named(plan, doc.names)
        for section in sections:
            section.position = position
            section.studied = studied
            section.drilled = drilled
        if named:
            max(sections, key=lambda s: (s.score, -s.rowid)).named = True
        ranked.extend(sections)
    audience = max(AUDIENCE_WEIGHT, PATIENT_WEIGHT)
    words_at_most = sum(stats.idfs) * max(HEADING_WEIGHT, TITLED_HEADING)
    ceiling = sum(stats.presence) + sum(context.subjects) + words_at_most + unit * (INTENT_WEIGHT + audience)
    for entry in ranked:
        entry.score = round(min(1.0, max(entry.score / (ceiling or 1.0), 1e-6)), 6)
    return sorted(ranked, key=Ranked.key)
