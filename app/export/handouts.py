"""Large-print patient handouts on paper or as PDF, A4 or Letter, under one rule that every print path
goes through (`handout_printable`): a handout whose emergency or crisis contact is unset is refused,
unless it is asked for as a draft, which carries DRAFT on every page."""

from __future__ import annotations

from pathlib import Path

from app.core.model.instructions import Instructions
from app.core.packs.loaded import Pack
from app.export.document import review_line
from app.export.pdf import PageDecor, Printable, export_pdf
from app.render.handouts import effective_placeholders, handout_html, missing_contacts

DRAFT = "DRAFT"
DRAFT_NOTE = "DRAFT \u2013 not for patients"


class HandoutRefused(ValueError):
    """A patient contact is unset; the message names what to set and where."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        names = " and ".join(missing)
        super().__init__(
            f"Not printed: the {names} {'is' if len(missing) == 1 else 'are'} not set, and a patient must "
            f"never get a handout without them. Set {names} under Settings \u2192 Site details for handouts "
            "(or ask your IT team, if the site manages them). A draft copy, marked DRAFT on every page, "
            "can be printed for checking."
        )


def handout_decor(
    pack: Pack, document: Instructions, placeholders: dict[str, str], draft: bool = False
) -> PageDecor:
    """Header: the handout's title and the clinic (when set); footer: pack, version and review dates;
    a draft says so in the header, the footer and across every page."""
    clinic = effective_placeholders(pack, placeholders).get("clinic_name", "").strip()
    source = f"{pack.manifest.title} {pack.manifest.version}"
    title = f"{DRAFT_NOTE} \u2013 {document.title}" if draft else document.title
    return PageDecor(
        header_left=title,
        header_right=clinic,
        footer_lines=(
            title,
            f"{source} | document version {document.version}",
            review_line(document),
        ),
        watermark=DRAFT if draft else "",
    )


def handout_printable(
    pack: Pack, document: Instructions, placeholders: dict[str, str] | None, *, draft: bool = False
) -> Printable:
    """The handout for the printer and for PDF alike (both go through here); HandoutRefused when a
    patient contact is unset and this is not a draft."""
    values = dict(placeholders or {})
    missing = missing_contacts(pack, values)
    if missing and not draft:
        raise HandoutRefused(missing)
    html = handout_html(pack, document, values, draft=draft)
    decor = handout_decor(pack, document, values, draft)
    name = f"{document.id}-handout{'-DRAFT' if draft else ''}.pdf"
    return Printable(html, decor, document.title, name, "draft handout" if draft else "handout")


def export_handout_pdf(
    pack: Pack,
    document: Instructions,
    out: Path,
    *,
    page_size: str = "A4",
    placeholders: dict[str, str] | None = None,
    draft: bool = False,
) -> int:
    """Write the large-print handout to `out`; returns the page count (HandoutRefused: see above)."""
    return export_pdf(handout_printable(pack, document, placeholders, draft=draft), out, page_size)
