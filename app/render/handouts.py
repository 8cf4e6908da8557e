"""Patient instructions as a large-print handout: the key rules in a box at the top, site details filled in.

Placeholders come from the site's configuration; an unset one shows as a highlighted
"[Clinic phone: not set]" so a gap is seen before the handout reaches a patient.
"""

from __future__ import annotations

from app.core.model.instructions import Instructions
from app.core.model.manifest import PLACEHOLDER_USE
from app.core.packs.loaded import Pack
from app.render.html import environment
from app.render.theme import LIGHT, Theme
from app.render.view import build_view

HANDOUT_PT = 15.0
"""Large print: well above the 12 pt minimum that plain-language guidance asks for."""


def unset_placeholders(pack: Pack, document: Instructions, placeholders: dict[str, str]) -> list[str]:
    """Labels of the placeholders this handout uses that the site has not filled in."""
    values = placeholders or {}
    texts = [rule.text for rule in document.key_rules]
    texts += [item.text for phase in document.phases for item in phase.items]
    texts += [section.body for section in document.sections]
    used = {match.group(1) for text in texts for match in PLACEHOLDER_USE.finditer(text)}
    missing = []
    for placeholder in pack.manifest.placeholders:
        if placeholder.name in used and not values.get(placeholder.name, "").strip():
            missing.append(placeholder.label)
    return missing


def handout_html(
    pack: Pack,
    document: Instructions,
    placeholders: dict[str, str] | None = None,
    theme: Theme = LIGHT,
    base_pt: float = HANDOUT_PT,
) -> str:
    """The handout in large print, for the screen preview, the printer and PDF alike."""
    view = build_view(pack, document, placeholders)
    return (
        environment()
        .get_template("handout.html.j2")
        .render(doc=document, pack=pack, view=view, t=theme.as_dict(), base_pt=base_pt)
    )
