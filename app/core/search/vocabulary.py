"""Look-ups in the index vocabulary: known words, word forms, completions, corrections, frequencies.

The `vocab` table is filled from the fts5vocab views of both FTS tables at build time: for each word,
how many documents and how many sections hold it.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from app.core.search import fuzzy

SUFFIXES = (
    "ations",
    "ation",
    "ings",
    "ing",
    "ions",
    "ion",
    "ies",
    "ied",
    "ive",
    "ers",
    "er",
    "ed",
    "es",
    "s",
    "e",
)
"""Endings stripped to find a word's stem; the vocabulary then says which forms of it exist."""
ENDINGS = frozenset(SUFFIXES) | {"al", "ally", "ic", "ly", "ness", "ment", "ments", "ity"}
"""What may follow a whole word in another form of it: `oxygen` + `ation`."""
MIN_STEM = 3
MAX_EXTRA_LETTERS = 5
MAX_FORMS = 6
MAX_COMPLETIONS = 6


def stem(word: str) -> str:
    """A crude stem: enough to meet `monitor` and `monitoring`, `drop` and `dropped`, `dose` and `dosing`."""
    if not word.isalpha():
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def same_word(candidate: str, word: str) -> bool:
    """`dosing` for `dose`, `dropped` for `drop`, `oxygenation` for `oxygen`; not `cardiac` for `care`."""
    base, other = stem(word), stem(candidate)
    if other in (base, base + base[-1:]):
        return True
    return candidate.startswith(word) and candidate[len(word) :] in ENDINGS


def _upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class Vocabulary:
    """Cached look-ups over one connection's `vocab` and `vocab_keys` tables."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self.forms = lru_cache(maxsize=4096)(self._forms)
        self.completions = lru_cache(maxsize=4096)(self._completions)
        self.corrections = lru_cache(maxsize=1024)(self._corrections)
        self.counts = lru_cache(maxsize=8192)(self._counts)
        meta = dict(connection.execute("SELECT key, value FROM meta WHERE key IN ('documents', 'sections')"))
        self.total_documents = int(meta.get("documents", 0))
        self.total_sections = int(meta.get("sections", 0))

    def _counts(self, word: str) -> tuple[int, int]:
        """(documents, sections) that hold `word`; (0, 0) for a word the index does not know."""
        row = self._connection.execute("SELECT docs, sections FROM vocab WHERE term = ?", (word,)).fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def known(self, word: str) -> bool:
        return self.counts(word)[0] > 0

    def _starting(self, prefix: str, max_length: int, limit: int) -> list[str]:
        rows = self._connection.execute(
            "SELECT term FROM vocab WHERE term >= ? AND term < ? AND length(term) <= ? "
            "ORDER BY docs DESC, term LIMIT ?",
            (prefix, _upper_bound(prefix), max_length, limit),
        )
        return [row[0] for row in rows]

    def _forms(self, word: str) -> tuple[str, ...]:
        """Forms of `word` that the index holds, the word itself first when it is one of them."""
        known = (word,) if self.known(word) else ()
        if len(word) < 4 or not word.isalpha():
            return known
        base = stem(word)
        candidates = self._starting(base, len(base) + MAX_EXTRA_LETTERS, 4 * MAX_FORMS)
        found = [c for c in candidates if c != word and same_word(c, word)]
        return (*known, *found[:MAX_FORMS])

    def _completions(self, prefix: str) -> tuple[str, ...]:
        """The most used words that start with `prefix` (for the word still being typed).

        Fewer for one or two letters: they match so much that more words would only cost time.
        """
        return tuple(self._starting(prefix, 10_000, min(MAX_COMPLETIONS, len(prefix) + 2)))

    def _corrections(self, word: str) -> tuple[str, ...]:
        return tuple(fuzzy.corrections(self._connection, word))
