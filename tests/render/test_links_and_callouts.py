"""Readers never see internal ids, and boxed warnings and label contraindications stand out as callouts."""

from __future__ import annotations

import re

import pytest

from app.core.packs.loaded import Origin, Pack
from app.core.packs.loader import load_pack
from app.core.system.paths import bundled_content_dir
from app.render.html import document_html
from app.render.links import link_document_ids, name_document_ids
from app.render.text import document_text
from tests.conftest import CONTENT_CHECKED_ON


@pytest.fixture(scope="module")
def pack() -> Pack:
    loaded = load_pack(
        bundled_content_dir() / "ketamine-therapy", origin=Origin.BUNDLED, today=CONTENT_CHECKED_ON
    )
    assert isinstance(loaded, Pack)
    return loaded


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_id_with_section_becomes_a_titled_link(pack: Pack) -> None:
    """`see esketamine-trd#contraindications` is a link named by the document and section titles."""
    html = link_document_ids("see esketamine-trd#contraindications.", pack)
    assert 'href="doc:esketamine-trd#contraindications"' in html
    assert "esketamine-trd#" not in _visible(html)
    assert "\u203a Contraindications and warnings" in html


def test_text_output_names_instead_of_ids(pack: Pack) -> None:
    """Plain text shows "Title › Section" where the content wrote an id."""
    assert name_document_ids("see ketamine-adverse-effects", pack) == (
        f"see {pack.documents['ketamine-adverse-effects'].title}"
    )


def test_unknown_words_links_and_attributes_are_left_alone(pack: Pack) -> None:
    """Hyphenated words that are not ids, existing links and attribute values are not touched."""
    assert link_document_ids("treatment-resistant depression", pack) == "treatment-resistant depression"
    inside = '<a href="doc:esketamine-trd">esketamine-trd</a>'
    assert link_document_ids(inside, pack) == inside
    assert link_document_ids('<a name="esketamine-trd"></a>', pack) == '<a name="esketamine-trd"></a>'


def test_no_bundled_document_shows_an_internal_id(pack: Pack) -> None:
    """No rendered document's visible text or plain text contains `doc-id#section` of the pack."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, pack.documents)) + r")#[a-z0-9-]+")
    for document in pack.documents.values():
        if document.kind == "cards":
            continue
        assert not pattern.search(_visible(document_html(pack, document))), document.id
        assert not pattern.search(document_text(pack, document)), document.id


def test_boxed_warning_and_label_contraindications_are_callouts(pack: Pack) -> None:
    """The boxed warning is a danger callout with its symbol and words, first in its section."""
    html = document_html(pack, pack.documents["esketamine-trd"])
    section = html[html.index('name="contraindications"') :]
    assert section.index("callout-danger") < section.index("callout-warning")
    assert "\u26a0 Boxed warning" in section and "RESPIRATORY DEPRESSION" in section
    assert "Contraindications (label): do not give" in section
