"""Print and Export PDF for the open document (always in the light theme, for paper)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.core import model
from app.core.packs.loaded import Pack
from app.export.document import document_decor, export_document_pdf
from app.export.pdf import paint_document
from app.render.html import document_html
from app.render.theme import LIGHT


def print_document(
    parent: QWidget, pack: Pack, document: model.Document, placeholders: dict[str, str]
) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document.title)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    html = document_html(pack, document, LIGHT, placeholders=placeholders)
    paint_document(printer, html, document_decor(pack, document))
    return True


def export_pdf_dialog(
    parent: QWidget, pack: Pack, document: model.Document, placeholders: dict[str, str]
) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Export PDF", f"{document.id}.pdf", "PDF files (*.pdf)")
    if not path:
        return None
    target = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
    try:
        export_document_pdf(pack, document, target, placeholders=placeholders)
    except OSError as error:
        QMessageBox.warning(parent, "Export PDF", f"The PDF could not be written: {error}")
        return None
    return target
