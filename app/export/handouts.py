"""Large-print patient handouts on paper or as PDF, A4 or Letter."""

from __future__ import annotations

from pathlib import Path

from app.core.model.instructions import Instructions
from app.core.packs.loaded import Pack
from app.export.document import review_line
from app.export.pdf import PageDecor, Printable, export_pdf
from app.render.handouts import handout_html


def handout_decor(pack: Pack, document: Instructions, placeholders: dict[str, str]) -> PageDecor:
    """Header: the handout's title and the clinic (when set); footer: pack, version and review dates."""
    clinic = placeholders.get("clinic_name", "").strip()
    source = f"{pack.manifest.title} {pack.manifest.version}"
    return PageDecor(
        header_left=document.title,
        header_right=clinic,
        footer_lines=(
            document.title,
            f"{source} | document version {document.version}",
            review_line(document),
        ),
    )


def handout_printable(pack: Pack, document: Instructions, placeholders: dict[str, str] | None) -> Printable:
    """The handout for the printer and for PDF alike (both go through here)."""
    values = placeholders or {}
    html = handout_html(pack, document, values)
    decor = handout_decor(pack, document, values)
    return Printable(html, decor, document.title, f"{document.id}-handout.pdf", "handout")


def export_handout_pdf(
    pack: Pack,
    document: Instructions,
    out: Path,
    *,
    page_size: str = "A4",
    placeholders: dict[str, str] | None = None,
) -> int:
    """Write the large-print handout to `out`; returns the page count."""
    return export_pdf(handout_printable(pack, document, placeholders), out, page_size)
