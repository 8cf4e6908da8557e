"""Large-print patient handouts as PDF or on a printer, A4 or Letter, under one rule that every print
path goes through (`handout_printable`): a handout whose emergency or crisis contact is unset is
refused, unless it is asked for as a draft, which carries DRAFT on every page."""

from __future__ import annotations

from pathlib import Path

from app.core.model.instructions import Instructions
from app.core.packs.loaded import Pack
from app.export.pdf import PageDecor, export_pdf
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
    """Header: the clinic (when set) and the handout's title; footer: the document version."""
    clinic = effective_placeholders(pack, placeholders).get("clinic_name", "").strip()
    title = f"{DRAFT_NOTE} \u2013 {document.title}" if draft else document.title
    return PageDecor(
        header_left=title,
        header_right=clinic,
        footer_left=f"{pack.manifest.title} {pack.manifest.version} | version {document.version}"
        + (f" | {DRAFT_NOTE}" if draft else ""),
        watermark=DRAFT if draft else "",
    )


def handout_printable(
    pack: Pack, document: Instructions, placeholders: dict[str, str] | None, *, draft: bool = False
) -> tuple[str, PageDecor]:
    """The HTML and page decoration to print; HandoutRefused when a contact is unset and not a draft."""
    values = dict(placeholders or {})
    missing = missing_contacts(pack, values)
    if missing and not draft:
        raise HandoutRefused(missing)
    return handout_html(pack, document, values, draft=draft), handout_decor(pack, document, values, draft)


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
    html, decor = handout_printable(pack, document, placeholders, draft=draft)
    return export_pdf(html, out, decor, page_size, document.title)
