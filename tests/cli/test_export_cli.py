"""`protocol-desk export`: handouts in large print, blank checklists, any document, A4 or Letter."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.core.system.config import save_user_setting
from app.core.system.paths import app_paths
from tests.export.pdf_text import page_width_pt, pdf_text

A4_WIDTH_PT, LETTER_WIDTH_PT = 595, 612

# PDF export needs a Qt application: make it pytest-qt's QApplication, not a bare QGuiApplication
# that would make any later widget in this process abort.
pytestmark = pytest.mark.usefixtures("qapp")


def test_handout_in_large_print(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Instructions export as the handout, with unset site details warned about and marked on the page;
    without --page-size the paper follows the locale (A4 in Germany)."""
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    out = tmp_path / "handout.pdf"
    assert main(["export", "esketamine-treatment-day", "--pdf", str(out)]) == 0
    captured = capsys.readouterr()
    assert "wrote" in captured.out and "Clinic name is not set" in captured.err
    text = pdf_text(out)
    assert "The most important rules" in text and "[Clinic name: not set]" in text
    assert page_width_pt(out) == A4_WIDTH_PT


def test_blank_checklist_on_letter(tmp_path: Path) -> None:
    """--blank writes the paper form; --page-size Letter is honoured."""
    out = tmp_path / "blank.pdf"
    assert (
        main(
            ["export", "esketamine-session-monitoring", "--pdf", str(out), "--blank", "--page-size", "Letter"]
        )
        == 0
    )
    text = pdf_text(out)
    assert "Blank checklist for paper" in text and "Session label" in text
    assert page_width_pt(out) == LETTER_WIDTH_PT


def test_any_document(tmp_path: Path) -> None:
    """A protocol exports as the document with its references."""
    out = tmp_path / "protocol.pdf"
    assert main(["export", "esketamine-trd", "--pdf", str(out)]) == 0
    assert "Evidence tier A" in pdf_text(out)


def test_blank_needs_a_checklist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--blank on a protocol is a usage error."""
    assert main(["export", "esketamine-trd", "--pdf", str(tmp_path / "x.pdf"), "--blank"]) == 2
    assert "--blank applies to checklists" in capsys.readouterr().err


def test_unknown_document_exits_1(tmp_path: Path) -> None:
    """An unknown id exits 1 and writes nothing."""
    out = tmp_path / "x.pdf"
    assert main(["export", "no-such-doc", "--pdf", str(out)]) == 1
    assert not out.exists()


def test_paper_follows_the_setting_then_the_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No --page-size: Letter for a US locale; the `print.paper` setting wins over the locale."""
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    out = tmp_path / "us.pdf"
    assert main(["export", "ketamine-overview", "--pdf", str(out)]) == 0
    assert page_width_pt(out) == LETTER_WIDTH_PT
    save_user_setting(app_paths().ensure(), "print.paper", "A4")
    assert main(["export", "ketamine-overview", "--pdf", str(out)]) == 0
    assert page_width_pt(out) == A4_WIDTH_PT
