"""Export a loaded document to PDF with the standard header and footer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.core import model
from app.core.packs.loaded import Pack
from app.export.pdf import PageDecor, export_pdf
from app.render.html import document_html
from app.render.theme import LIGHT


def document_decor(pack: Pack, document: model.Document) -> PageDecor:
    """Header: title, pack and version. Footer: review date (page numbers are added per page)."""
    return PageDecor(
        header_left=document.title,
        header_right=f"{pack.manifest.title} {pack.manifest.version}",
        footer_left=f"Last reviewed {document.last_reviewed} | Review due {document.review_due}",
    )


def export_document_pdf(
    pack: Pack,
    document: model.Document,
    out: Path,
    *,
    page_size: str = "A4",
    placeholders: dict[str, str] | None = None,
    base_pt: float = 11.0,
    today: date | None = None,
) -> int:
    """Render `document` in the light theme and write it to `out`; returns the page count."""
    html = document_html(pack, document, LIGHT, base_pt, placeholders=placeholders, today=today)
    return export_pdf(html, out, document_decor(pack, document), page_size, document.title)
