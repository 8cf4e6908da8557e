"""Turn whatever a user typed into an FTS5 query that cannot fail.

Nothing the user types reaches FTS5 as syntax: the text is split into words, every word or phrase is
sent as a quoted FTS5 string (AND, OR, NOT, NEAR, `*`, `:` and parentheses typed by the user are
ordinary words or separators), and the expression around them is built here. On the way each word
picks up its synonyms, its other forms in the index, a completion when it is the word being typed,
and a correction when the index does not know it.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.search import fuzzy
from app.core.search.ages import life_stages
from app.core.search.kinds import audience, framing
from app.core.search.synonyms import Synonyms, Term
from app.core.search.text import stem, words
from app.core.search.vocabulary import Vocabulary

MAX_QUERY_CHARS = 500
"""Longer input (a pasted page) is cut: no one types more, and it bounds the work per query."""
MAX_GROUPS = 10
CORRECTION_WEIGHT = 0.5
SOFT_WEIGHT = 0.5
SOFT_WORDS = frozenset(
    {"after", "before", "during", "mid", "while", "since", "until", "within", "between"}
    | {"work", "works", "help", "helps"}
)
"""Words that place a question in time ("bp before spravato"), or ask whether something works or
helps, and count, but less than its topic. A number typed as a word counts so too: it matches
any figure in the text (a patient of 70 is not the "70 kg" of a worked example)."""

TIME_ALIASES = {"mid": "during", "midway": "during", "intra": "during"}
"""Shorthand for a moment ("HR 130 mid infusion") that texts write out as "during"."""

_STOPWORD_TEXT = """
    a about am an and any anything are as at be been but by can could did do does doing for from get
    got had has have he her him his how i if in into is it its me my need needs no nor not of on or our
    per please she should so something than that the their them then there these they this those to too
    was we were what when where which while who whom why will with would you your
    problem problems issue issues thing things stuff happen happens happened okay ok safe safely
    take takes taking took keep keeps get gets getting go goes going feel feels feeling felt still really
    very use used uses using patient patients pt pts want wants wanted wanting
    over above under below than more less greater
    give gives given giving administer administers administered administering
    add adds cover covers include includes mention mentions say says contain contains describe describes
    man woman person someone somebody guy lady gentleman
    like"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
"""Question, function and vague words: "can they drive home" is about driving home, "bladder
problems" about the bladder and "how long does the infusion take" about the infusion; "does the REMS
add any contraindications" asks what a document says (add, cover, mention), not about adding; a
drug is "given" as it is "taken", so "how often is X given" asks for X's schedule and "while X is
given" for the session, not for a section that says "given"; "a
70 kg woman" is a patient of 70 kg (the pregnancy sections speak of women); "it felt like ..." only
frames what was felt, and texts write "like" for "such as" ("pills like benzodiazepines"). Rare in
clinical text, such words would otherwise weigh the most."""


CONTRACTED = frozenset({"m", "s", "t", "re", "ve", "ll", "d"})
"""What an apostrophe leaves of a word ("I'm" -> "i m", "they're" -> "they re"): no content."""


def content_words(text: str) -> list[str]:
    """The folded words of `text` that are not stop words (for comparing a query with titles)."""
    return [word for word in words(text) if word not in STOPWORDS and word not in CONTRACTED]


_TITLE_PARTS = re.compile(r"\s+-\s+|[():;,]")


def title_names(title: str) -> set[str]:
    """A title as names (folded, without stop words): whole, and each part of two words or more
    ("The SPRAVATO REMS - settings and forms" -> "spravato rems settings forms", "spravato rems",
    "settings forms")."""
    parts = (" ".join(content_words(text)) for text in _TITLE_PARTS.split(title))
    found = {" ".join(content_words(title))} | {part for part in parts if " " in part}
    return {name for name in found if name}


QUESTION_PAIRS = frozenset(
    [("how", word) for word in ("long", "many", "much", "often", "soon", "far")]
    + [("what", "counts"), ("what", "count"), ("difference", "between"), ("differences", "between")]
)
"""Two words that only frame a question ("how long", "what counts as"): both are dropped."""

_CHUNK = re.compile(r'"[^"]*"?|[^\s,;:!?()\[\]{}<>|"]+')
_ATTACHED_UNIT = re.compile(r"(\d+)(mg|mcg|kg|ml|mmhg|bpm)")
"""A number typed against its unit ("56mg", "0.5mg/kg"): the text writes them apart ("56 mg")."""


@dataclass(frozen=True)
class Unit:
    """A word, or a phrase (quoted, or joined by punctuation as in `mg/kg`), with its span in the text."""

    tokens: tuple[str, ...]
    start: int
    end: int
    quoted: bool


@dataclass(frozen=True)
class Alternative:
    tokens: Term

    def fts(self) -> str:
        """A quoted FTS5 string; tokens hold letters and digits only, but quotes are doubled anyway."""
        phrase = " ".join(self.tokens).replace('"', '""')
        return f'"{phrase}"'


@dataclass(frozen=True)
class Group:
    """One thing the user asked for, and every way the index may hold it."""

    alternatives: tuple[Alternative, ...]
    weight: float = 1.0
    """Below 1 for a guessed correction: a real word the index lacks may be "corrected" wrongly."""

    def fts(self) -> str:
        return "(" + " OR ".join(a.fts() for a in self.alternatives) + ")"


@dataclass(frozen=True)
class Plan:
    groups: tuple[Group, ...]
    suggestion: str | None
    expanded: tuple[str, ...]
    intents: frozenset[str] = frozenset()
    """Kinds of section the question's framing asks for (see kinds.py)."""
    cues: frozenset[str] = frozenset()
    """Kinds of section its cue words suggest."""
    patient: bool = False
    """Asked in the first person: the patient handouts answer first."""
    clinician: bool = False
    """Asked about someone else ("can they", "patient on ..."): the reference sections answer first."""
    name: tuple[str, ...] = ()
    """The query's content words, to recognise a document's title or alias typed (nearly) whole."""
    compounds: frozenset[tuple[str, ...]] = frozenset()
    """The pack's terms of several words, whose last word is what they name (scoring.py)."""

    def all_of(self) -> str:
        return " AND ".join(g.fts() for g in self.groups)

    def any_of(self) -> str:
        return " OR ".join(g.fts() for g in self.groups)


def parse(text: str) -> tuple[list[Unit], bool]:
    """Units of the (cut) text, and whether the last one is still being typed (no space after it)."""
    text = text[:MAX_QUERY_CHARS]
    units = []
    for match in _CHUNK.finditer(text):
        chunk = match.group()
        tokens = tuple(_split_units(words(chunk)))
        if tokens:
            units.append(Unit(tokens, match.start(), match.end(), chunk.startswith('"')))
    last = units[-1] if units else None
    open_end = last is not None and last.end == len(text) and not (last.quoted and text.endswith('"'))
    return units, open_end


def _split_units(tokens: list[str]) -> list[str]:
    split: list[str] = []
    for token in tokens:
        attached = _ATTACHED_UNIT.fullmatch(token)
        split.extend(attached.groups() if attached else (token,))
    return split


class Planner:
    """Builds plans against one index's vocabulary and synonyms."""

    def __init__(self, vocabulary: Vocabulary, synonyms: Synonyms) -> None:
        self.vocabulary = vocabulary
        self.synonyms = synonyms

    def plan(self, text: str) -> Plan:
        units, open_end = parse(text)
        units = _staged(units)
        builder = _Builder(self, text[:MAX_QUERY_CHARS])
        framed, intents, cues = _framing(units)
        spans = self._spans(units, framed)
        for span, group in spans:
            builder.add(span, group, typing=open_end and span[-1] is units[-1])
        tokens = [t for u in units for t in u.tokens]
        if any(group is not None and len(span) > 1 for span, group in spans):
            cues = framing(tokens, _in_terms(units, spans))[2] - intents
        plan = builder.finish(frozenset(intents), frozenset(cues), *audience(tokens))
        return dataclasses.replace(plan, compounds=self.synonyms.compounds)

    def _spans(self, units: list[Unit], framed: set[int]) -> list[tuple[list[Unit], tuple[Term, ...] | None]]:
        """Units grouped where a run of them spells a synonym term; content words only."""
        tokens = [t for u in units for t in u.tokens]
        ends, offset = {}, 0
        for index, unit in enumerate(units):
            offset += len(unit.tokens)
            ends[offset] = index
        spans: list[tuple[list[Unit], tuple[Term, ...] | None]] = []
        index, offset = 0, 0
        while index < len(units):
            found = None if units[index].quoted else self.synonyms.match(tokens, offset, set(ends))
            end_index = ends[found[0]] if found else index
            spans.append((units[index : end_index + 1], found[1] if found else None))
            offset += sum(len(u.tokens) for u in units[index : end_index + 1])
            index = end_index + 1
        questions = _question_words(units)
        dropped = {id(unit) for number, unit in enumerate(units) if number in framed}
        content = [
            s
            for s in spans
            if (s[1] is not None and id(s[0][0]) not in dropped)
            or not (_is_stopword(s[0][0]) or s[0][0] in questions or id(s[0][0]) in dropped)
        ]
        # A question that is all framing ("how long does the relief last") searches its framed
        # content words rather than nothing or its stop words.
        framed_only = [s for s in spans if not (_is_stopword(s[0][0]) or s[0][0] in questions)]
        return (content or framed_only or spans)[:MAX_GROUPS]


def _staged(units: list[Unit]) -> list[Unit]:
    """The units with each age typed ("I'm 68", "a 15 year old") replaced by its life stage's words
    (see ages.py); a unit left with no words is dropped."""
    flat = [(number, token) for number, unit in enumerate(units) if not unit.quoted for token in unit.tokens]
    stages = life_stages([token for _, token in flat])
    if not stages:
        return units
    replaced: dict[int, list[str]] = {}
    skipped: set[int] = set()
    for place, (stage, span) in stages.items():
        replaced[place] = list(stage)
        skipped.update(range(place + 1, place + span))
    rewritten: list[list[str]] = [[] if not unit.quoted else list(unit.tokens) for unit in units]
    for place, (number, token) in enumerate(flat):
        if place not in skipped:
            rewritten[number].extend(replaced.get(place, [token]))
    pairs = zip(units, rewritten, strict=True)
    return [dataclasses.replace(unit, tokens=tuple(tokens)) for unit, tokens in pairs if tokens]


def _in_terms(units: list[Unit], spans: list[tuple[list[Unit], tuple[Term, ...] | None]]) -> set[int]:
    """Token positions inside a synonym term of more than one unit ("alcohol addiction")."""
    starts, offset = {}, 0
    for unit in units:
        starts[id(unit)] = offset
        offset += len(unit.tokens)
    inside: set[int] = set()
    for span, group in spans:
        if group is not None and len(span) > 1:
            first = starts[id(span[0])]
            inside.update(range(first, first + sum(len(u.tokens) for u in span)))
    return inside


def _framing(units: list[Unit]) -> tuple[set[int], set[str], set[str]]:
    """Indexes of the units that only frame the question, and the intents found (see kinds.py)."""
    positions = [
        (number, token) for number, unit in enumerate(units) if not unit.quoted for token in unit.tokens
    ]
    covered, intents, cues = framing([token for _, token in positions])
    framed = {number for number, _ in positions}
    for place, (number, _) in enumerate(positions):
        if place not in covered:
            framed.discard(number)
    return framed, intents, cues


def _question_words(units: list[Unit]) -> set[Unit]:
    """Both words of each question pair, such as `how long` or `difference between`."""
    found: set[Unit] = set()
    for previous, unit in itertools.pairwise(units):
        if (
            len(previous.tokens) == len(unit.tokens) == 1
            and (previous.tokens[0], unit.tokens[0]) in QUESTION_PAIRS
        ):
            found.update((previous, unit))
    return found


def _is_stopword(unit: Unit) -> bool:
    """A stop word, or a contraction of them ("I'm", "can't", "they've")."""
    if unit.quoted:
        return False
    if len(unit.tokens) == 1:
        return unit.tokens[0] in STOPWORDS
    contracted = any(token in CONTRACTED for token in unit.tokens)  # not "add-on", a term
    return contracted and all(token in STOPWORDS or token in CONTRACTED for token in unit.tokens)


class _Builder:
    def __init__(self, planner: Planner, text: str) -> None:
        self.vocabulary = planner.vocabulary
        self.synonyms = planner.synonyms
        self.text = text
        self.groups: list[Group] = []
        self.expanded: dict[str, None] = {}
        self.replacements: list[tuple[Unit, str]] = []

    def add(self, span: list[Unit], synonyms: tuple[Term, ...] | None, typing: bool) -> None:
        if synonyms is not None:
            typed = tuple(t for u in span for t in u.tokens)
            alternatives = [Alternative(term) for term in synonyms]
            if len(typed) == 1:  # the word typed in its other forms; the other terms as the pack lists them
                alternatives += [Alternative((form,)) for form in self.vocabulary.forms(typed[0])]
            self._note(term for term in synonyms if term != typed)
            if typing and len(typed) == 1:
                alternatives.extend(self._typed(typed[0]))
            self.groups.append(Group(tuple(dict.fromkeys(alternatives))))
        elif len(span[0].tokens) == 1 and not span[0].quoted:
            self.groups.append(self._word(span[0], typing))
        else:
            self.groups.append(self._phrase(span[0], typing))

    def _note(self, terms: Iterable[Term]) -> None:
        for term in terms:
            self.expanded.setdefault(" ".join(term), None)

    def _word(self, unit: Unit, typing: bool) -> Group:
        word = TIME_ALIASES.get(unit.tokens[0], unit.tokens[0])
        forms = self.vocabulary.forms(word)
        self._note((form,) for form in forms if form != word)
        alternatives = [Alternative((form,)) for form in forms] or [Alternative((word,))]
        completions = self._typed(word) if typing else []
        if forms or completions:
            weight = SOFT_WEIGHT if word in SOFT_WORDS or word.isdigit() else 1.0
            return Group(tuple(dict.fromkeys(alternatives + completions)), weight)
        fixes = self._corrections(word)
        if not fixes:
            return Group(tuple(alternatives))
        inflected = stem(fixes[0]) == stem(word)  # "teenagers" for the pack's "teenager": no typo
        if not inflected:
            self.replacements.append((unit, fixes[0]))
        fixed: list[Alternative] = []
        for fix in fixes:
            synonyms = self.synonyms.groups.get((fix,))
            terms = synonyms or [(form,) for form in self.vocabulary.forms(fix)]
            fixed += [Alternative(term) for term in terms]
        self._note(a.tokens for a in fixed)
        return Group(tuple(dict.fromkeys(fixed)), 1.0 if inflected else CORRECTION_WEIGHT)

    def _corrections(self, word: str) -> tuple[str, ...]:
        """Index words near `word`; failing those, synonym terms (a brand name the content never uses)."""
        return self.vocabulary.corrections(word) or fuzzy.closest(word, self.synonyms.words)

    def _typed(self, word: str) -> list[Alternative]:
        """The word being typed: its commonest completions in the index, as whole words.

        Whole words rather than an FTS5 prefix query: a prefix merges the posting lists of every
        word it starts, over the whole index, on each keystroke; a few exact words seek.
        """
        completions = [c for c in self.vocabulary.completions(word) if c != word]
        self._note((c,) for c in completions)
        return [Alternative((c,)) for c in completions]

    def _phrase(self, unit: Unit, typing: bool) -> Group:
        tokens = list(unit.tokens)
        fixed = False
        for index, token in enumerate(tokens):
            last = typing and index == len(tokens) - 1
            if last or self.vocabulary.known(token):
                continue
            fixes = self.vocabulary.corrections(token)
            if fixes:
                tokens[index], fixed = fixes[0], True
        if fixed:
            self.replacements.append((unit, " ".join(tokens)))
            self._note([tuple(tokens)])
        alternatives = [Alternative(tuple(tokens))]
        if typing:
            head = tuple(tokens[:-1])
            alternatives += [Alternative((*head, *a.tokens)) for a in self._typed(tokens[-1])]
        return Group(tuple(alternatives))

    def finish(self, intents: frozenset[str], cues: frozenset[str], patient: bool, clinician: bool) -> Plan:
        suggestion = None
        if self.replacements:
            text = self.text
            for unit, replacement in sorted(self.replacements, key=lambda r: -r[0].start):
                text = text[: unit.start] + replacement + text[unit.end :]
            suggestion = " ".join(text.split())
        name = tuple(content_words(suggestion or self.text))
        groups = tuple(dict.fromkeys(self.groups))
        return Plan(groups, suggestion, tuple(self.expanded), intents, cues, patient, clinician, name)
