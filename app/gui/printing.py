"""The one way anything is printed or saved as PDF from the window: a `Printable` from app.export,
the paper chosen, the print dialog, and the same pages PDF export writes (`paint_printable`).

What prints is what the user is looking at: each workspace registers a `PrintTarget` with the
window (`FeatureHost.add_workspace`), and the window's Print and Export PDF ask the current one
(app.gui.print_targets). Features' own Print buttons (app.gui.reader.print_bar) come here too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton, QWidget

from app.export.pdf import PagedDocument, Printable, export_pdf, page_layout, paint_printable
from app.gui.print_target import PrintTarget
from app.gui.widgets.page_preview import PagePreview

PROPERTIES_OPENED = "protocolDeskPropertiesOpened"


def dialog_title(printable: Printable) -> str:
    return f"Print {printable.what}: {printable.title}"


def prepare_printer(printable: Printable, paper: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(printable.title)
    printer.setPageLayout(page_layout(paper))
    return printer


def make_dialog(printer: QPrinter, printable: Printable, parent: QWidget | None) -> QPrintDialog:
    """The print dialog named for what prints, with the page range limited to its pages."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(dialog_title(printable))
    dialog.setMinMax(1, PagedDocument(printable, printer.pageLayout()).page_count)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    # Return means Print: no other button may take it when it has focus ("Options >>" did).
    dialog.setProperty(PROPERTIES_OPENED, False)
    for button in dialog.findChildren(QPushButton):
        label = button.text().replace("&", "")
        button.setAutoDefault(False)
        button.setDefault(label == "Print")
        if label == "Properties":
            button.clicked.connect(lambda: dialog.setProperty(PROPERTIES_OPENED, True))
    return dialog


def settle_page_layout(printer: QPrinter, dialog: QPrintDialog, paper: str) -> None:
    """Qt's dialog resets the paper to the printer's default when it sets the printer up; unless the
    user opened Properties (where paper is chosen), the paper asked for is put back. Margins are
    ours, in millimetres, whatever the dialog did."""
    wanted = page_layout(paper)
    if dialog.property(PROPERTIES_OPENED):
        wanted.setPageSize(printer.pageLayout().pageSize())
    printer.setPageLayout(wanted)


def chosen_pages(printer: QPrinter, page_count: int) -> list[int]:
    """The dialog's page range (or every page), in order."""
    ranges = printer.pageRanges()
    every = range(1, page_count + 1)
    if ranges.isEmpty():
        return list(every)
    return [page for page in every if ranges.contains(page)]


def print_target(parent: QWidget | None, target: PrintTarget) -> list[int] | None:
    """Print what `target` shows now (after the preview when it asks for one); None if nothing was."""
    printable = target.printable()
    if printable is None:
        return None
    paper = target.paper()
    if target.preview and PagePreview(printable, paper, parent).exec() != QDialog.DialogCode.Accepted:
        return None
    return print_with_dialog(printable, paper, parent)


def print_with_dialog(
    printable: Printable, paper: str, parent: QWidget | None, printer: QPrinter | None = None
) -> list[int] | None:
    """Ask with the print dialog, then print; returns the pages sent, or None when cancelled."""
    printer = printer or prepare_printer(printable, paper)
    dialog = make_dialog(printer, printable, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    settle_page_layout(printer, dialog, paper)
    return print_now(printer, printable)


def print_now(printer: QPrinter, printable: Printable) -> list[int]:
    """Print the dialog's choice: range, and copies where the printer cannot make them itself."""
    pages = chosen_pages(printer, PagedDocument(printable, printer.pageLayout()).page_count)
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    paint_printable(printer, printable, pages * copies)
    return pages


def save_pdf_dialog(
    parent: QWidget, printable: Printable, paper: str, path: Path | None = None
) -> Path | None:
    """Ask where (unless `path` is given), then write the same pages as print; returns the file."""
    target = path or _ask_path(parent, printable.file_name)
    if target is None:
        return None
    try:
        export_pdf(printable, target, paper)
    except OSError as error:
        QMessageBox.warning(parent, "Save PDF", f"The PDF could not be written: {error}")
        return None
    return target


def _ask_path(parent: QWidget, file_name: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, "Save PDF", file_name, "PDF files (*.pdf)")
    if not chosen:
        return None
    return Path(chosen if chosen.lower().endswith(".pdf") else f"{chosen}.pdf")
