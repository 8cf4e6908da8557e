"""Counts in plain words: "1 pack", "2 packs", never "pack(s)"."""

from __future__ import annotations

IRREGULAR = {"was": "were", "has": "have", "entry": "entries", "is": "are"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """`plural(1, "pack")` -> "1 pack"; `plural(3, "entry")` -> "3 entries"; `many` for other forms."""
    return f"{count} {word if count == 1 else (many or IRREGULAR.get(word) or word + 's')}"


def verb(count: int, singular: str) -> str:
    """The verb that agrees with a count: `verb(2, "was")` -> "were"."""
    return singular if count == 1 else IRREGULAR.get(singular, singular)
