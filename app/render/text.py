"""Documents as plain text or Markdown: the whole document as a person would read it."""

from __future__ import annotations

from datetime import date
from typing import Literal

from app.core import model
from app.core.links import safe_link
from app.core.packs.loaded import Pack
from app.core.packs.outline import OutlineSection
from app.render.labels import KIND_LABELS
from app.render.markdown import markdown_to_text
from app.render.view import DocumentView, build_view

Style = Literal["text", "markdown"]


def _heading(text: str, level: int, style: Style) -> str:
    if style == "markdown":
        return f"{'#' * level} {text}"
    return f"{text}\n{('=' if level == 1 else '-') * len(text)}"


def _meta_line(view: DocumentView) -> str:
    doc = view.document
    parts = [view.regulatory_label] if view.regulatory_label else []
    parts += [KIND_LABELS[doc.kind], f"{view.pack.manifest.title} {view.pack.manifest.version}"]
    parts += [f"version {doc.version}", f"last reviewed {doc.last_reviewed}", f"review due {doc.review_due}"]
    return " | ".join(parts)


def _section(view: DocumentView, section: OutlineSection, style: Style) -> list[str]:
    body = section.text if style == "markdown" or section.structured else markdown_to_text(section.text)
    lines = [_heading(section.title, 2, style), view.fill_text(body)]
    numbers = view.cite(section.references)
    if numbers:
        lines.append("Sources: " + ", ".join(f"[{n}]" for n in numbers))
    return [*lines, ""]


def _references(view: DocumentView, style: Style) -> list[str]:
    if not view.references:
        return []
    lines = [_heading("References", 2, style)]
    for number, ref in enumerate(view.references, start=1):
        extra = f" {ref.url}" if safe_link(ref.url) else ""
        tier = f"evidence tier {ref.tier.value}: {model.TIER_LABELS[ref.tier]}"
        lines.append(f"[{number}] {ref.citation}{extra} ({tier})")
    return [*lines, ""]


def render_text(view: DocumentView, style: Style = "text") -> str:
    doc = view.document
    lines = [_heading(doc.title, 1, style), _meta_line(view)]
    lines += [f"!! {banner.text}" for banner in view.banners]
    if doc.regulatory_note:
        lines.append(f"Regulatory status: {doc.regulatory_note}")
    lines += ["", doc.summary, ""]
    for section in view.sections:
        lines += _section(view, section, style)
    if doc.see_also:
        lines += [_heading("See also", 2, style), *(f"- {target}" for target in doc.see_also), ""]
    lines += _references(view, style)
    lines.append(view.pack.manifest.disclaimer)
    return "\n".join(lines).rstrip() + "\n"


def document_text(
    pack: Pack,
    document: model.Document,
    style: Style = "text",
    placeholders: dict[str, str] | None = None,
    today: date | None = None,
) -> str:
    return render_text(build_view(pack, document, placeholders, today), style)
