"""Labels for document kinds and tags: imported by the window on its way to the first paint, so
this module imports nothing (app.render.helpers, which re-exports these, imports the models)."""

from __future__ import annotations

from collections.abc import Collection

KIND_LABELS = {
    "protocol": "Protocol",
    "checklist": "Checklist",
    "instructions": "Patient instructions",
    "calculator": "Calculator",
    "cards": "Study cards",
}


def tag_label(tag: str, acronyms: Collection[str] = ()) -> str:
    """`crps` -> CRPS, `treatment-resistant-depression` -> Treatment resistant depression.

    `acronyms` are the packs' own abbreviations (PackSet.acronyms), so a new pack's terms need no code."""
    words = [w.upper() if w in acronyms else w for w in tag.split("-")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]
