"""Snippets whose highlights are markup but whose content never is.

FTS5 snippet() wraps matches in private-use marker characters (content cannot contain them: the
build strips them). The HTML form escapes the whole text first and only then turns the markers
into <b> and </b>, so `<script>` or `<b>` in content comes back as visible text.
"""

from __future__ import annotations

import html

from app.core.search.text import MARK_CLOSE, MARK_OPEN

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
