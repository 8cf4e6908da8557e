"""The start page shown before any document is open."""

from __future__ import annotations

from html import escape

from app import APP_NAME
from app.core.packs.loaded import PackSet
from app.core.wording import plural
from app.render.theme import Theme


def welcome_html(packs: PackSet | None, theme: Theme, base_pt: float) -> str:
    if packs is None:
        body = "<p>Loading content packs\u2026 You can start typing in the search field.</p>"
    else:
        items = "".join(
            f"<li><b>{escape(p.manifest.title)}</b> {escape(p.manifest.version)}: "
            f"{len(p.documents)} documents, released {p.manifest.released}</li>"
            for p in packs.packs
        )
        body = f"<h3>Loaded content</h3><ul>{items or '<li>No content pack is loaded.</li>'}</ul>"
        if packs.failed:
            body += (
                f"<p style='background-color:{theme.warning}'><b>Some content was not loaded:</b> "
                f"{plural(len(packs.failed), 'pack')} had errors. "
                "Open Help \u203a Pack problems for details.</p>"
            )
    return (
        f"<html><body style='color:{theme.text}; background-color:{theme.background}; font-size:{base_pt}pt'>"
        f"<h1>{APP_NAME}</h1>"
        "<p>Type a few words in the search field (Ctrl+K), for example <i>bp before spravato</i> or "
        "<i>ketamine dose per kg</i>. Use the arrow keys and Enter to open a result, or browse by "
        "condition and kind on the left.</p>"
        f"{body}"
        "<p>Every statement is sourced and dated; check the review date at the top of each document.</p>"
        "</body></html>"
    )
