"""Typo correction over the index vocabulary, fast at any vocabulary size.

The vocabulary comes from the fts5vocab view of the document index (`vocab` table). For each word
the build stores the word and every variant with one letter deleted (`vocab_keys`, the
symmetric-delete scheme of SymSpell). A misspelt query word then finds its candidates with one
indexed look-up of its own deletes: a missing, extra, wrong or swapped letter all share a key with
the intended word. Candidates are checked with a true edit distance and ranked by distance, then by
how many documents use them. No scan of the vocabulary happens at query time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

MIN_LENGTH = 4
"""Shorter words are too ambiguous to correct (and too short to mistype usefully)."""
MAX_LENGTH = 24


def deletes(word: str) -> set[str]:
    """The word with each single letter removed."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def correctable(word: str) -> bool:
    return MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isalpha()


def key_rows(terms: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(key, term) rows for `vocab_keys`: each term under itself and its single deletes."""
    for term in terms:
        if correctable(term):
            yield term, term
            for key in deletes(term):
                yield key, term


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def allowed_distance(word: str) -> int:
    return 1 if len(word) < 7 else 2


def closest(word: str, candidates: Iterable[str], limit: int = 2) -> tuple[str, ...]:
    """Candidates within the allowed edit distance of `word`, nearest first (for short lists)."""
    if not correctable(word):
        return ()
    ranked = sorted((distance(word, c), c) for c in candidates if c != word)
    return tuple(c for gap, c in ranked if gap <= allowed_distance(word))[:limit]


def corrections(connection: sqlite3.Connection, word: str, limit: int = 2) -> list[str]:
    """Vocabulary words within the allowed edit distance of `word`, best first."""
    if not correctable(word):
        return []
    keys = [word, *deletes(word)]
    placeholders = ", ".join("?" * len(keys))
    rows = connection.execute(
        "SELECT DISTINCT v.term, v.docs FROM vocab_keys k JOIN vocab v ON v.term = k.term "
        f"WHERE k.key IN ({placeholders})",
        keys,
    ).fetchall()
    ranked = []
    for term, docs in rows:
        gap = distance(word, term)
        if 0 < gap <= allowed_distance(word):
            ranked.append((gap, term[0] != word[0], -docs, term))
    return [entry[3] for entry in sorted(ranked)[:limit]]
