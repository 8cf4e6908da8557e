"""Documents as HTML for QTextBrowser and PDF: Jinja2 with autoescape, Markdown without raw HTML."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from app.core import model
from app.core.calc import calc_inputs
from app.core.links import safe_link
from app.core.model.formulas import describe_calculation
from app.core.packs.loaded import Pack
from app.core.runs.alerts import severity_label
from app.render import helpers
from app.render.design import type_size
from app.render.labels import KIND_LABELS
from app.render.markdown import markdown_to_html
from app.render.theme import LIGHT, Theme
from app.render.view import DocumentView, build_view

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = lambda text: Markup(markdown_to_html(text))
    env.filters["safe_link"] = safe_link
    env.globals.update(
        num=helpers.num,
        offset_label=helpers.offset_label,
        rule_label=helpers.rule_label,
        severity_label=severity_label,
        pt=type_size,
        blank=helpers.blank,
        cloze_question=helpers.cloze_question,
        cloze_answer=helpers.cloze_answer,
        source_label=helpers.source_label,
        tier_labels=model.TIER_LABELS,
        describe_calculation=describe_calculation,
        calc_inputs=calc_inputs,
    )
    return env


def _cite_line(view: DocumentView) -> object:
    def cite_line(refs: list[str]) -> Markup:
        numbers = view.cite(refs)
        if not numbers:
            return Markup("")
        links = ", ".join(f'<a href="#ref-{view.references[n - 1].id}">{n}</a>' for n in numbers)
        # A reference number never breaks from its brackets ("[14" on one line, "]" on the next).
        return Markup(f'<p class="refs">Sources: <span class="nowrap">[{links}]</span></p>')

    return cite_line


def render_view(
    view: DocumentView,
    theme: Theme = LIGHT,
    base_pt: float = 11.0,
    *,
    show_outline: bool = True,
    show_citations: bool = True,
    titles: dict[str, str] | None = None,
) -> str:
    """HTML for one document view."""
    template = environment().get_template(f"{view.document.kind}.html.j2")
    return template.render(
        doc=view.document,
        pack=view.pack,
        view=view,
        t=theme.as_dict(),
        base_pt=base_pt,
        kind_label=KIND_LABELS[view.document.kind],
        show_outline=show_outline,
        show_citations=show_citations,
        titles=titles or {},
        cite_line=_cite_line(view),
    )


def document_html(
    pack: Pack,
    document: model.Document,
    theme: Theme = LIGHT,
    base_pt: float = 11.0,
    *,
    placeholders: dict[str, str] | None = None,
    today: date | None = None,
    show_outline: bool = True,
) -> str:
    """Render a document of `pack` with the site's placeholder values."""
    view = build_view(pack, document, placeholders, today)
    titles = {doc_id: doc.title for doc_id, doc in pack.documents.items()}
    return render_view(view, theme, base_pt, titles=titles, show_outline=show_outline)
