"""Document ids written in content text (`see esketamine-trd#contraindications`) shown as what they
name: a link in HTML, the document's and section's titles in plain text. Readers never see ids."""

from __future__ import annotations

import re
from html import escape

from app.core.packs.loaded import Pack
from app.core.packs.outline import outline

ID_REFERENCE = re.compile(
    r"(?<![\w/#:=\"'.-])([a-z0-9]+(?:-[a-z0-9]+)+)(?:#([a-z0-9]+(?:-[a-z0-9]+)*))?(?![\w-])"
)
TAG = re.compile(r"(<[^>]*>)")


def _title(pack: Pack, doc_id: str, section_id: str | None) -> str | None:
    document = pack.documents.get(doc_id)
    if document is None:
        return None
    if not section_id:
        return document.title
    section = next((s for s in outline(document) if s.id == section_id), None)
    return f"{document.title} \u203a {section.title}" if section else document.title


def link_document_ids(html: str, pack: Pack) -> str:
    """In text outside tags and outside existing links, `doc-id#section` becomes an in-app link."""
    parts, inside_link = [], 0
    for part in TAG.split(html):
        if part.startswith("<"):
            lowered = part.lower()
            inside_link += 1 if lowered.startswith("<a ") else -1 if lowered.startswith("</a") else 0
            parts.append(part)
        elif inside_link > 0:
            parts.append(part)
        else:
            parts.append(ID_REFERENCE.sub(lambda m: _link(m, pack), part))
    return "".join(parts)


def _link(match: re.Match[str], pack: Pack) -> str:
    doc_id, section_id = match.group(1), match.group(2)
    title = _title(pack, doc_id, section_id)
    if title is None:
        return match.group(0)
    target = f"doc:{doc_id}#{section_id}" if section_id else f"doc:{doc_id}"
    return f'<a href="{escape(target)}">{escape(title)}</a>'


def name_document_ids(text: str, pack: Pack) -> str:
    """Plain text: `doc-id#section` becomes "Document title › Section title"."""

    def name(match: re.Match[str]) -> str:
        return _title(pack, match.group(1), match.group(2)) or match.group(0)

    return ID_REFERENCE.sub(name, text)
