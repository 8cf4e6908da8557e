"""Printing through Qt's print system (the path the Print button takes) and the licences from About."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from pytestqt.qtbot import QtBot

from app.core import model
from app.core.packs.roots import default_roots, load_packs
from app.core.system.paths import app_paths, install_root
from app.gui import printing
from app.gui.dialogs.about import AboutDialog
from tests.export.pdf_text import pdf_text


class _AcceptingDialog:
    """Stands in for the print dialog: the user picks "print to file" and presses Print."""

    target: Path
    DialogCode = QPrintDialog.DialogCode

    def __init__(self, printer: QPrinter, parent: object) -> None:
        printer.setOutputFileName(str(self.target))

    def exec(self) -> QPrintDialog.DialogCode:
        return QPrintDialog.DialogCode.Accepted


def test_print_document_paints_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    found = load_packs(default_roots([])).find("esketamine-treatment-day")
    assert found is not None and isinstance(found[1], model.Instructions)
    _AcceptingDialog.target = tmp_path / "printed.pdf"
    monkeypatch.setattr(printing, "QPrintDialog", _AcceptingDialog)
    assert printing.print_document(None, found[0], found[1], {"clinic_name": "Riverside Clinic"})  # type: ignore[arg-type]
    text = pdf_text(_AcceptingDialog.target)
    assert found[1].title.split()[0] in text and "Page 1 of" in text


def test_about_opens_the_third_party_licences(qtbot: QtBot) -> None:
    about = AboutDialog(load_packs(default_roots([])), app_paths())
    qtbot.addWidget(about)
    dialog = about.show_licences()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert "pydantic" in text.lower() and "pyside6" in text.lower()
    assert not (install_root() / "THIRD-PARTY-LICENSES").exists()  # from source: made from metadata
