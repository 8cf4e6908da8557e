"""Look-ups in the index vocabulary: known words, word forms, completions, corrections, frequencies.

The `vocab` table is filled from the fts5vocab views of both FTS tables at build time: for each word,
its stem and how many documents and how many sections hold it.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from app.core.search import fuzzy
from app.core.search.text import stem

MAX_FORMS = 6
MAX_COMPLETIONS = 6


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
        """Forms of `word` that the index holds (words with its stem), the word itself first when held.

        The build stored each word's Snowball stem; the query word is stemmed by the same stemmer.
        """
        known = (word,) if self.known(word) else ()
        if not word.isalpha():
            return known
        rows = self._connection.execute(
            "SELECT term FROM vocab WHERE stem = ? AND term != ? ORDER BY docs DESC, term LIMIT ?",
            (stem(word), word, MAX_FORMS),
        )
        return (*known, *(row[0] for row in rows))

    def _completions(self, prefix: str) -> tuple[str, ...]:
        """The most used words that start with `prefix` (for the word still being typed).

        Fewer for one or two letters: they match so much that more words would only cost time.
        """
        return tuple(self._starting(prefix, 10_000, min(MAX_COMPLETIONS, len(prefix) + 2)))

    def _corrections(self, word: str) -> tuple[str, ...]:
        return tuple(fuzzy.corrections(self._connection, word))
