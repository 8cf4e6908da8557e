"""A loaded document on paper or as PDF, with the standard header and footer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.core import model
from app.core.packs.loaded import Pack
from app.export.pdf import PageDecor, Printable, export_pdf
from app.render.html import document_html
from app.render.labels import KIND_LABELS
from app.render.theme import LIGHT


def review_line(document: model.Document) -> str:
    return (
        f"Last reviewed {document.last_reviewed.isoformat()} | Review due {document.review_due.isoformat()}"
    )


def document_decor(pack: Pack, document: model.Document) -> PageDecor:
    """Header: title, pack and version. Footer: the same, then the review dates."""
    source = f"{pack.manifest.title} {pack.manifest.version}"
    return PageDecor(
        header_left=document.title,
        header_right=source,
        footer_lines=(
            document.title,
            f"{source} | document version {document.version}",
            review_line(document),
        ),
    )


def document_printable(
    pack: Pack,
    document: model.Document,
    *,
    placeholders: dict[str, str] | None = None,
    base_pt: float = 11.0,
    today: date | None = None,
) -> Printable:
    """The document in the light theme, for paper (whatever the screen's theme)."""
    html = document_html(pack, document, LIGHT, base_pt, placeholders=placeholders, today=today)
    what = KIND_LABELS[document.kind].lower()
    return Printable(html, document_decor(pack, document), document.title, f"{document.id}.pdf", what)


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
    """Write `document` to `out`; returns the page count."""
    printable = document_printable(pack, document, placeholders=placeholders, base_pt=base_pt, today=today)
    return export_pdf(printable, out, page_size)
