"""A render-ready view of a document: numbered references, dates, status, filled placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html import escape

from app.core import model
from app.core.model.manifest import PLACEHOLDER_USE
from app.core.packs.loaded import Pack
from app.core.packs.outline import OutlineSection, outline
from app.render.links import link_document_ids, name_document_ids

REGULATORY_LABELS = {
    model.RegulatoryStatus.APPROVED: "Approved use",
    model.RegulatoryStatus.OFF_LABEL: "Off-label use",
    model.RegulatoryStatus.EXPERIMENTAL: "Experimental",
    model.RegulatoryStatus.NOT_APPLICABLE: "",
}


@dataclass(frozen=True)
class Banner:
    level: str
    """info, warning or danger"""
    text: str


@dataclass
class DocumentView:
    pack: Pack
    document: model.Document
    sections: list[OutlineSection]
    references: list[model.Reference]
    numbers: dict[str, int]
    banners: list[Banner]
    placeholder_values: dict[str, str] = field(default_factory=dict)

    @property
    def regulatory_label(self) -> str:
        return REGULATORY_LABELS[self.document.regulatory_status]

    def cite(self, ref_ids: list[str] | tuple[str, ...]) -> list[int]:
        return sorted({self.numbers[r] for r in ref_ids if r in self.numbers})

    def fill_html(self, html: str) -> str:
        """Replace {{name}} in already-escaped HTML with the site's value, or a visible gap, and
        document ids (`see esketamine-trd#contraindications`) with links named by their titles."""
        return link_document_ids(PLACEHOLDER_USE.sub(self._placeholder_html, html), self.pack)

    def fill_text(self, text: str) -> str:
        return name_document_ids(PLACEHOLDER_USE.sub(self._placeholder_text, text), self.pack)

    def _label(self, name: str) -> str:
        found = next((p for p in self.pack.manifest.placeholders if p.name == name), None)
        return found.label if found else name.replace("_", " ")

    def _placeholder_html(self, match: re.Match[str]) -> str:
        name = match.group(1)
        value = self.placeholder_values.get(name, "").strip()
        if value:
            return f'<span class="filled">{escape(value)}</span>'
        return f'<span class="unset">[{escape(self._label(name))}: not set]</span>'

    def _placeholder_text(self, match: re.Match[str]) -> str:
        name = match.group(1)
        value = self.placeholder_values.get(name, "").strip()
        return value or f"[{self._label(name)}: not set]"


def _banners(document: model.Document, today: date) -> list[Banner]:
    banners = []
    if document.status is model.Status.RETIRED:
        banners.append(
            Banner("danger", "Retired: this document is no longer maintained. Do not use it for care.")
        )
    elif document.status is model.Status.DRAFT:
        banners.append(Banner("warning", "Draft: not reviewed for clinical use."))
    if document.review_due < today:
        due = document.review_due.isoformat()
        banners.append(
            Banner("warning", f"Review overdue since {due}: check the content against current sources.")
        )
    return banners


def build_view(
    pack: Pack,
    document: model.Document,
    placeholder_values: dict[str, str] | None = None,
    today: date | None = None,
) -> DocumentView:
    """Number the references in order of first citation and gather what a template needs."""
    sections = outline(document)
    order: dict[str, int] = {}
    for ref_id in (r for s in sections for r in s.references):
        if ref_id not in order and pack.reference(ref_id) is not None:
            order[ref_id] = len(order) + 1
    references = [ref for ref_id in order if (ref := pack.reference(ref_id)) is not None]
    return DocumentView(
        pack,
        document,
        sections,
        references,
        order,
        _banners(document, today or date.today()),
        dict(placeholder_values or {}),
    )
