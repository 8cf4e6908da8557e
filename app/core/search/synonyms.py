"""Synonyms and abbreviations from the pack manifests, merged into groups of equivalent terms.

Terms are kept as folded word sequences ("blood pressure" -> ("blood", "pressure")) so that a query
can match them word by word, whatever punctuation or case the user typed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from app.core.search.text import words

Term = tuple[str, ...]
MIN_SHORTENED = 2
"""Letters a shortened last word needs ("pulse ox"): one letter is too little to name a term."""


PERSONS: tuple[frozenset[str], ...] = (
    frozenset({"my", "your", "their", "his", "her", "our"}),
    frozenset({"myself", "yourself", "themselves", "themself", "himself", "herself", "ourselves"}),
)
"""Words that only say whose ("sick to *my* stomach"): a patient asks in the first person, a handout
answers in the second ("sick to your stomach") and a protocol in the third, so a phrase of the pack
stands for itself said of any person."""


def _persons(term: str) -> list[str]:
    """`term` (folded) and the same phrase said of every other person: one word of PERSONS swapped."""
    tokens = term.split()
    found = [term]
    for place, token in enumerate(tokens):
        persons = next((group for group in PERSONS if token in group), frozenset())
        if len(tokens) > 1:
            found += [" ".join([*tokens[:place], other, *tokens[place + 1 :]]) for other in sorted(persons)]
    return list(dict.fromkeys(found))


def synonym_groups(sources: Iterable[list[str]]) -> list[list[str]]:
    """Merge groups that share a term (union-find), so that A=B and B=C make one group; a phrase with
    a word of person ("sick to my stomach") holds for every person (see PERSONS)."""
    parent: dict[str, str] = {}

    def root(term: str) -> str:
        while parent[term] != term:
            parent[term] = parent[parent[term]]
            term = parent[term]
        return term

    for group in sources:
        folded = [" ".join(words(term)) for term in group]
        folded = [said for term in folded if term for said in _persons(term)]
        for term in folded:
            parent.setdefault(term, term)
        for term in folded[1:]:
            parent[root(term)] = root(folded[0])
    merged: dict[str, list[str]] = {}
    for term in sorted(parent):
        merged.setdefault(root(term), []).append(term)
    return [group for group in merged.values() if len(group) > 1]


@dataclass(frozen=True)
class Synonyms:
    """Lookup from a term to every term of its group."""

    groups: dict[Term, tuple[Term, ...]]
    longest: int
    words: tuple[str, ...] = ()
    """Single-word terms, for correcting a misspelt brand name that the content itself never uses."""

    @classmethod
    def load(cls, connection: sqlite3.Connection) -> Synonyms:
        by_group: dict[int, list[Term]] = {}
        for term, group in connection.execute("SELECT term, grp FROM synonyms ORDER BY grp, term"):
            by_group.setdefault(group, []).append(tuple(term.split()))
        groups = {term: tuple(members) for members in by_group.values() for term in members}
        words = tuple(term[0] for term in groups if len(term) == 1)
        return cls(groups, max((len(term) for term in groups), default=0), words)

    def match(self, tokens: list[str], start: int, ends: set[int]) -> tuple[int, tuple[Term, ...]] | None:
        """The longest synonym term at tokens[start:end] with `end` in `ends`, as (end, group).

        A run of words that shortens a longer term ("pulse ox" for "pulse oximetry": every word but
        the last whole, the last its start) is that term: the shorter term inside it ("pulse", a
        heart rate) does not fire within a longer phrase the pack knows.
        """
        for end in sorted((e for e in ends if start < e <= start + self.longest), reverse=True):
            typed = tuple(tokens[start:end])
            group = self.groups.get(typed)
            if group is None and len(typed) > 1:
                group = self._shortened(typed)
            if group is not None:
                return end, group
        return None

    def _shortened(self, typed: Term) -> tuple[Term, ...] | None:
        """The group of the terms that `typed` shortens, when they are all of one group."""
        head, last = typed[:-1], typed[-1]
        if len(last) < MIN_SHORTENED:
            return None
        found = {self.groups[term] for term in self._by_head.get(head, ()) if term[-1].startswith(last)}
        return found.pop() if len(found) == 1 else None

    @cached_property
    def compounds(self) -> frozenset[Term]:
        """The pack's terms of more than one word ("patient monitoring form")."""
        return frozenset(term for term in self.groups if len(term) > 1)

    @cached_property
    def _by_head(self) -> dict[Term, list[Term]]:
        """Multi-word terms by all their words but the last (built on first use)."""
        heads: dict[Term, list[Term]] = {}
        for term in self.groups:
            if len(term) > 1:
                heads.setdefault(term[:-1], []).append(term)
        return heads
