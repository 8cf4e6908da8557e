"""Large-print patient handouts as PDF, A4 or Letter."""

from __future__ import annotations

from pathlib import Path

from app.core.model.instructions import Instructions
from app.core.packs.loaded import Pack
from app.export.pdf import PageDecor, export_pdf
from app.render.handouts import handout_html


def handout_decor(pack: Pack, document: Instructions, placeholders: dict[str, str]) -> PageDecor:
    """Header: the clinic (when set) and the handout's title; footer: the document version."""
    clinic = placeholders.get("clinic_name", "").strip()
    return PageDecor(
        header_left=document.title,
        header_right=clinic,
        footer_left=f"{pack.manifest.title} {pack.manifest.version} | version {document.version}",
    )


def export_handout_pdf(
    pack: Pack,
    document: Instructions,
    out: Path,
    *,
    page_size: str = "A4",
    placeholders: dict[str, str] | None = None,
) -> int:
    """Write the large-print handout to `out`; returns the page count."""
    values = placeholders or {}
    html = handout_html(pack, document, values)
    return export_pdf(html, out, handout_decor(pack, document, values), page_size, document.title)
