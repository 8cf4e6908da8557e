"""CommonMark to safe HTML: raw HTML is shown as text, images are never loaded."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from app.core.links import safe_link

INTERNAL_SCHEME = "doc:"


def _link_open(self: RendererHTML, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    """Keep only safe link targets; mark external ones so the viewer asks before following."""
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if not (href.startswith("#") or safe_link(href)):
        token.attrSet("href", "#")
    elif href.lower().startswith(("http://", "https://")):
        token.attrSet("class", "external")
        token.attrSet("title", f"External link: {href}")
    return self.renderToken(tokens, idx, options, env)


def _image(self: RendererHTML, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    """Images would load remote or file:// resources: show their alt text instead."""
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    return f'<span class="image-alt">[image: {alt}]</span>'


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    parser.add_render_rule("link_open", _link_open)
    parser.add_render_rule("image", _image)
    return parser


def markdown_to_html(text: str) -> str:
    """Render Markdown; `<`, `&` and any HTML in the source come out as visible text."""
    return str(_parser().render(text))


IN_APP_LINK = re.compile(r"\[([^\]]+)\]\(doc:[^)\s]+\)")


def markdown_to_text(text: str) -> str:
    """Markdown as a person reads it in a terminal: markers dropped, lists kept, in-app links as
    their words (a terminal cannot follow them)."""
    lines = []
    for line in IN_APP_LINK.sub(r"\1", text).splitlines():
        stripped = line.replace("**", "").replace("__", "").replace("`", "")
        lines.append(stripped.rstrip())
    return "\n".join(lines).strip()
