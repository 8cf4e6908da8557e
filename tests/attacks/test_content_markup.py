"""Failure 8: content carries no live links or markup where it must not.

A reference `url: javascript:...` or `file:///etc/passwd` is refused by `validate` with its
position, and even if one reached the renderer it would be shown as text, never as a link in HTML
or a URI action in the PDF. A title written as HTML is shown as those characters in the start-run
dialog and the status bar. Escape sequences in titles never reach the terminal.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.cli.main import main
from app.core import model
from app.core.packs.loaded import FailedPack, Origin, Pack
from app.core.packs.loader import load_pack
from app.core.packs.roots import PackRoot, load_packs
from app.core.system.paths import bundled_content_dir
from app.export.pdf import PageDecor, Printable, export_pdf
from app.gui.features.runs.start_dialog import StartRunDialog
from app.gui.status import StatusArea
from app.render.html import document_html
from app.render.markdown import markdown_to_html
from tests.attacks.conftest import PackFactory

HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    "file:///etc/passwd",
    "JaVaScRiPt:alert(1)",
    "data:text/html,x",
]
RICH_TITLE = "<img src=file:///etc/passwd><b>Bold</b>"


def _with_reference_url(pack_dir: Path, url: str) -> None:
    manifest = pack_dir / "pack.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "    citation: Test reference A.\n", f'    citation: Test reference A.\n    url: "{url}"\n'
        )
    )


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_validate_refuses_a_hostile_reference_link(
    make_pack: PackFactory, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pack_dir = make_pack()
    _with_reference_url(pack_dir, url)
    loaded = load_pack(pack_dir)
    assert isinstance(loaded, FailedPack)
    problem = next(p for p in loaded.problems if "link must be" in p.message)
    assert problem.file == "pack.yaml" and problem.line == 17
    assert main(["validate", str(pack_dir)]) == 1
    assert "pack.yaml:17" in capsys.readouterr().out


def test_https_reference_link_is_kept(make_pack: PackFactory) -> None:
    pack_dir = make_pack()
    _with_reference_url(pack_dir, "https://example.org/label.pdf")
    assert isinstance(load_pack(pack_dir), Pack)


def _bundled_with_url(url: str) -> tuple[Pack, model.Document]:
    """The renderer's own defence: a reference that bypassed validation (model_copy does not validate)."""
    pack = load_packs([PackRoot(bundled_content_dir(), Origin.BUNDLED)]).packs[0]
    refs = [ref.model_copy(update={"url": url}) for ref in pack.manifest.references]
    pack.manifest = pack.manifest.model_copy(update={"references": refs})
    document = pack.documents["esketamine-trd"]
    return pack, document


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_renderer_and_pdf_make_no_live_link(url: str, tmp_path: Path) -> None:
    pack, document = _bundled_with_url(url)
    html = document_html(pack, document)
    assert f'href="{url}"' not in html and 'href="javascript' not in html.lower()
    out = tmp_path / "doc.pdf"
    export_pdf(Printable(html, PageDecor("a", "b", ("c",)), "t", "doc.pdf", "protocol"), out)
    uris = [
        str(annotation.get_object().get("/A", {}).get("/URI", ""))
        for page in PdfReader(out).pages
        for annotation in page.get("/Annots", []) or []
    ]
    live = [uri for uri in uris if uri]  # internal links (to a reference) have no /URI
    assert not [
        uri for uri in live if not uri.startswith(("http://", "https://", "mailto:", "doi:", "doc:"))
    ], live


def test_markdown_links_follow_the_same_list() -> None:
    html = markdown_to_html("[a](javascript:alert(1)) [b](file:///etc/passwd) [c](https://example.org)")
    assert 'href="javascript' not in html and 'href="file' not in html
    assert 'href="https://example.org"' in html


def test_rich_text_title_is_plain_in_dialog_and_status_bar(qtbot: QtBot) -> None:
    pack = load_packs([PackRoot(bundled_content_dir(), Origin.BUNDLED)]).packs[0]
    checklist = next(d for d in pack.documents.values() if isinstance(d, model.Checklist))
    hostile = checklist.model_copy(update={"title": RICH_TITLE})
    dialog = StartRunDialog(hostile, datetime.now(UTC))
    qtbot.addWidget(dialog)
    shown = [label for label in dialog.findChildren(QLabel) if label.text() == RICH_TITLE]
    assert shown and all(label.textFormat() == Qt.TextFormat.PlainText for label in shown)
    status = StatusArea()
    qtbot.addWidget(status)
    status.say(f"Opened {RICH_TITLE}")
    assert status.label.textFormat() == Qt.TextFormat.PlainText and RICH_TITLE in status.label.text()


def test_escape_sequences_never_reach_the_terminal(
    make_pack: PackFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    pack_dir = make_pack()
    protocol = pack_dir / "docs" / "protocol.yaml"
    protocol.write_text(
        protocol.read_text().replace("title: Test protocol", 'title: "Test \\e]0;pwned\\a\\e[2J protocol"')
    )
    for command in (
        ["list", "--packs", str(pack_dir)],
        ["show", "test-protocol", "--packs", str(pack_dir)],
        ["search", "Test protocol", "--packs", str(pack_dir)],
        ["validate", str(pack_dir)],
    ):
        main(command)
        out = capsys.readouterr()
        assert "\x1b" not in out.out + out.err and "\x07" not in out.out + out.err, command
    main(["list", "--packs", str(pack_dir)])
    assert "Test ]0;pwned[2J protocol" in capsys.readouterr().out  # the text stays, the control codes go
