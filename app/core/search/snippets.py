"""Snippets whose highlights are markup but whose content never is.

A snippet is cut around the rarest matched term and wraps whole matched words in private-use marker
characters (content cannot contain them: the build strips them). The HTML form escapes the whole
text first and only then turns the markers into <b> and </b>, so `<script>` or `<b>` in content
comes back as visible text.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from app.core.search.text import MARK_CLOSE, MARK_OPEN, fold

ELLIPSIS = "…"
FALLBACK_CHARS = 160


def as_html(marked: str) -> str:
    """HTML-safe snippet with matches in <b>...</b>."""
    escaped = html.escape(marked, quote=True)
    return escaped.replace(MARK_OPEN, "<b>").replace(MARK_CLOSE, "</b>")


def as_text(marked: str, open_mark: str = "", close_mark: str = "") -> str:
    """Plain-text snippet, matches unmarked or wrapped in the given strings (e.g. `[` and `]`)."""
    return " ".join(marked.replace(MARK_OPEN, open_mark).replace(MARK_CLOSE, close_mark).split())


def leading(text: str) -> str:
    """The start of a text, for a hit whose match lies outside its body (a title, an alias, a tag)."""
    flat = " ".join(text.split())
    if len(flat) <= FALLBACK_CHARS:
        return flat
    return flat[:FALLBACK_CHARS].rsplit(" ", 1)[0] + ELLIPSIS


WINDOW = 24
"""Words shown around the centre of a snippet."""
BEFORE = 8
"""Of those, how many come before the centre: enough to show what the sentence is about."""
_TOKEN = re.compile(r"[^\W_]+")


def _matches(folded: list[str], terms: list[tuple[tuple[str, ...], float]]) -> tuple[set[int], int | None]:
    """Positions of whole words that belong to a matched term, and the first of the rarest term's."""
    by_first: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    for term, weight in terms:
        by_first.setdefault(term[0], []).append((term, weight))
    marked: set[int] = set()
    centre, best = None, -1.0
    for start, word in enumerate(folded):  # one pass; only terms that start with this word are tried
        for term, weight in by_first.get(word, ()):
            if tuple(folded[start : start + len(term)]) == term:
                marked.update(range(start, start + len(term)))
                if weight > best:
                    centre, best = start, weight
    return marked, centre


LONG = 200
"""Longer ASCII text is first cut around the rarest term's first occurrence (found by a regex):
tokenising a whole body for each of 20 hits cost a quarter of a query's time at 10,000 documents."""
CUT_BEFORE, CUT_AFTER = 100, 200
"""Characters kept around that occurrence: room for the WINDOW of words shown around it (BEFORE words
of long clinical terms may not all fit before it; the snippet then starts at the cut, marked with an
ellipsis)."""


@lru_cache(maxsize=2048)
def _pattern(term: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, term)) + r"(?![^\W_])")


def _cut(text: str, terms: list[tuple[tuple[str, ...], float]]) -> tuple[str, bool, bool] | None:
    """The part of a long ASCII text around the rarest term that occurs, and whether it was cut."""
    lowered = text.lower()
    for term, _ in sorted(terms, key=lambda t: -t[1]):
        found = _pattern(term).search(lowered)
        if found is not None:
            start = text.rfind(" ", 0, max(0, found.start() - CUT_BEFORE)) + 1
            end = text.find(" ", found.end() + CUT_AFTER)
            end = len(text) if end == -1 else end
            return text[start:end], start > 0, end < len(text)
    return None


def centred(text: str, terms: list[tuple[tuple[str, ...], float]]) -> str | None:
    """A snippet of `text` centred on the rarest matched term, matched whole words between markers.

    `terms` are (folded words, weight) pairs: a phrase marks only where all its words occur in
    order, so a common word is never highlighted on its own. None when no term occurs in `text`.
    """
    if len(text) > LONG and text.isascii():
        cut = _cut(text, terms)
        if cut is None:
            return None
        part, before, after = cut
        snippet = _centred(part, terms)
        if snippet is None:
            return None
        if before and not snippet.startswith(ELLIPSIS):
            snippet = ELLIPSIS + snippet
        if after and not snippet.endswith(ELLIPSIS):
            snippet += " " + ELLIPSIS
        return snippet
    return _centred(text, terms)


def _centred(text: str, terms: list[tuple[tuple[str, ...], float]]) -> str | None:
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    # Folding word by word is slow on long bodies; ASCII text folds by lowering it whole.
    if text.isascii():
        lowered = text.lower()
        folded = [lowered[start:end] for start, end in spans]
    else:
        folded = [fold(text[start:end]) for start, end in spans]
    marked, centre = _matches(folded, terms)
    if centre is None:
        return None
    first = max(0, min(centre - BEFORE, len(spans) - WINDOW))
    last = min(len(spans), first + WINDOW)
    pieces = [ELLIPSIS] if first > 0 else []
    cursor = spans[first][0]
    for number in range(first, last):
        start, end = spans[number]
        pieces.append(text[cursor:start])
        word = text[start:end]
        pieces.append(f"{MARK_OPEN}{word}{MARK_CLOSE}" if number in marked else word)
        cursor = end
    tail = text[cursor : cursor + 1] if last == len(spans) else ""
    pieces.append(tail if tail.strip() else "")
    if last < len(spans):
        pieces.append(" " + ELLIPSIS)
    return " ".join("".join(pieces).split())
