"""Rendering: content is text, never markup; placeholders, banners and references are right."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from app.core.packs.loaded import Pack
from app.core.packs.loader import load_pack
from app.core.packs.roots import default_roots, load_packs
from app.render.html import document_html
from app.render.markdown import markdown_to_html
from app.render.text import document_text
from app.render.theme import THEMES


def _pack(tmp_path: Path, data_dir: Path, replace: tuple[str, str] | None = None) -> Pack:
    folder = tmp_path / "pack"
    shutil.copytree(data_dir / "packs" / "good", folder)
    if replace:
        doc = folder / "docs" / "protocol.yaml"
        doc.write_text(doc.read_text().replace(*replace))
    loaded = load_pack(folder)
    assert isinstance(loaded, Pack), loaded.problems
    return loaded


def test_less_than_sign_survives(tmp_path: Path, data_dir: Path) -> None:
    """A dose line such as `wt <50 kg` shows its `<` instead of swallowing text as a tag."""
    pack = _pack(tmp_path, data_dir)
    html = document_html(pack, pack.documents["test-protocol"])
    assert "wt &lt;50 kg" in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<b>bold</b>",
        '<img src="http://example.com/x.png">',
        "<a href='file:///etc'>x</a>",
    ],
)
def test_html_in_content_is_shown_as_text(tmp_path: Path, data_dir: Path, hostile: str) -> None:
    """Raw HTML in a section body or a title never becomes markup."""
    pack = _pack(
        tmp_path, data_dir, ("body: Check the blood pressure", f"body: {hostile} Check the blood pressure")
    )
    html = document_html(pack, pack.documents["test-protocol"])
    assert hostile not in html
    assert hostile.replace("<", "&lt;").replace(">", "&gt;")[:12] in html


def test_markdown_links_and_images_are_safe() -> None:
    """javascript: links are neutralised, external links marked, images never loaded."""
    html = markdown_to_html(
        "[a](javascript:alert(1)) [b](https://example.org) ![pic](http://example.org/p.png)"
    )
    assert 'href="javascript' not in html
    assert 'class="external"' in html
    assert "<img" not in html and "[image: pic]" in html


def test_placeholders_filled_or_marked_unset(tmp_path: Path, data_dir: Path) -> None:
    """Site values fill handout placeholders (escaped); unset ones are visibly marked."""
    pack = _pack(tmp_path, data_dir, ("keeps its `<`.", "keeps its `<`. Call {{clinic_phone}}."))
    doc = pack.documents["test-protocol"]
    assert "[Clinic phone: not set]" in document_html(pack, doc)
    filled = document_html(pack, doc, placeholders={"clinic_phone": "<555-0100>"})
    assert "&lt;555-0100&gt;" in filled and "not set" not in filled
    assert "Call 555-0100." in document_text(pack, doc, placeholders={"clinic_phone": "555-0100"})


def test_overdue_and_retired_banners(tmp_path: Path, data_dir: Path) -> None:
    """An overdue review and a retired status show banners with words, not colour alone."""
    pack = _pack(tmp_path, data_dir, ("status: active", "status: retired"))
    doc = pack.documents["test-protocol"]
    html = document_html(pack, doc, today=date(2100, 1, 1))
    assert "Retired:" in html and "Review overdue since 2099-01-01" in html
    assert "!! Retired:" in document_text(pack, doc, today=date(2100, 1, 1))


def test_references_numbered_with_tiers(tmp_path: Path, data_dir: Path) -> None:
    """References are numbered by first citation and show their evidence tier."""
    pack = _pack(tmp_path, data_dir)
    text = document_text(pack, pack.documents["test-protocol"])
    assert "[1] Test reference A." in text and "evidence tier A" in text
    assert "[2] Test reference B." in text


def test_text_output_is_the_whole_document(tmp_path: Path, data_dir: Path) -> None:
    """Plain text has the title, summary, every section, see-also and the disclaimer."""
    pack = _pack(tmp_path, data_dir)
    text = document_text(pack, pack.documents["test-protocol"])
    expected = ["Test protocol\n=====", "A protocol used by tests.", "Indications", "Dosing and schedule"]
    expected += ["Monitoring", "See also", "Test content, not clinical information."]
    assert all(part in text for part in expected), text


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_bundled_document_renders(theme: str) -> None:
    """Every bundled document renders to HTML in every theme and to text and Markdown."""
    packs = load_packs(default_roots())
    for pack, doc in packs.documents():
        assert doc.title in document_html(pack, doc, THEMES[theme])
        assert doc.title in document_text(pack, doc)
        assert document_text(pack, doc, "markdown").startswith(f"# {doc.title}")
