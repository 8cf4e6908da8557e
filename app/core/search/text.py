"""Text handling shared by the index builder and the query parser.

The index tokenises with SQLite's `unicode61 remove_diacritics 2`; the functions here fold and split
text the same way closely enough for vocabulary look-ups. They never decide what matches: every
term still goes to FTS5 as a quoted string, which FTS5 tokenises itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

import Stemmer

MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
"""Private-use characters that FTS5 snippet() puts around matches; stripped from content at build."""

_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_WORD = re.compile(r"[^\W_]+")

_MARKDOWN_RULES = (
    # (characters that must be present for the rule to apply, pattern, replacement): the guard
    # skips the regex on text without them, which at 10,000 documents is most of the build time.
    ("](", re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image -> its alt text
    ("](", re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link -> its text
    ("**", re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),  # strong emphasis
    ("__", re.compile(r"__(?=\S)(.+?)(?<=\S)__"), r"\1"),
    ("*", re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    ("`", re.compile(r"`+"), ""),
    ("#", re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE), ""),  # ATX heading
    (">", re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE), ""),  # block quote
    ("- ", re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE), ""),  # bullet
    ("* ", re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE), ""),
    ("---", re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|?)+[ \t]*$", re.MULTILINE), ""),  # table rule
    ("|", re.compile(r"[ \t]*\|[ \t]*"), " · "),  # table cells
)


def clean_content(text: str) -> str:
    """Content as stored in the index: canonical Unicode, no private-use characters (our markers)."""
    return _PRIVATE_USE.sub(" ", unicodedata.normalize("NFC", text))


def plain_markdown(text: str) -> str:
    """Markdown reduced to readable text for snippets: markers go, words and symbols such as `<` stay."""
    for trigger, pattern, replacement in _MARKDOWN_RULES:
        if trigger in text:
            text = pattern.sub(replacement, text)
    return text


def fold(word: str) -> str:
    """Lower case without diacritics, as `unicode61 remove_diacritics 2` stores a token."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The folded tokens of `text` (letters and digits; everything else separates)."""
    return _WORD.findall(fold(unicodedata.normalize("NFKC", text)))


_STEMMER = Stemmer.Stemmer("english")
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_CLOZE = re.compile(r"\{\{c\d+::(.+?)(?:::[^}]*)?\}\}")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) English stem of a folded word; numbers and codes stay as they are.

    The index stores every word it holds with its stem, and a query word is stemmed here the same
    way, so `monitoring` meets `monitored` and `contraindicated` meets `contraindications`.
    """
    if not word.isalpha():
        return word
    return str(_STEMMER.stemWord(word))


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


def placeholder_marker(name: str) -> str:
    """How a placeholder without a site value reads: `fasting_hours` -> `[fasting hours]`."""
    return f"[{name.replace('_', ' ')}]"


def fill_placeholders(text: str, values: Mapping[str, str] | None = None) -> str:
    """`{{name}}` as the site's value, or as a readable marker (`[fasting hours]`): never template syntax.

    The index holds the markers (it is built from the packs alone); `with_site_values` puts the
    site's values in when a snippet is made.
    """
    if "{{" not in text:
        return text
    known = values or {}
    text = _CLOZE.sub(r"\1", text)  # a study card's deletion reads as its answer
    return _PLACEHOLDER.sub(lambda m: known.get(m.group(1)) or placeholder_marker(m.group(1)), text)


def with_site_values(text: str, values: Mapping[str, str]) -> str:
    """Text from the index with each placeholder's marker replaced by the site's value, if it has one."""
    if "[" not in text:
        return text
    for name, value in values.items():
        if value.strip():
            text = text.replace(placeholder_marker(name), value)
    return text
