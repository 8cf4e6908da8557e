"""Print from the window: what is on screen, through one dialog whose Return means Print, on the paper
chosen, with the page range honoured (printing to a PDF file here; tests/print uses a real CUPS queue)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QRadioButton, QSpinBox

from app.core.system.config import save_user_setting
from app.core.system.paths import app_paths
from app.export.pdf import PageDecor, Printable, page_layout
from app.gui.dialogs.settings import SettingsDialog
from app.gui.features.calc.view import CalculatorView
from app.gui.features.handouts.view import HandoutView
from app.gui.printing import make_dialog, prepare_printer, print_with_dialog, settle_page_layout
from tests.gui.conftest import WindowFactory


def _handout_then_checklist(window) -> HandoutView:  # type: ignore[no-untyped-def]
    window.open_document("esketamine-treatment-day", "", "")
    next(b for b in window.context_bar.buttons if b.text() == "Handout (large print)").click()
    view = window.findChild(HandoutView)
    window.open_document("esketamine-session-monitoring", "", "")
    window.show_workspace(view)
    return view


def test_print_asks_the_workspace_on_screen(make_window: WindowFactory) -> None:
    """With the Handout tab showing, Print and Export PDF take the handout, not the Reader's checklist."""
    window = make_window()
    view = _handout_then_checklist(window)
    target = window.printing.current()
    assert target is not None
    printable = target.printable()
    assert printable is not None and printable.what == "handout"
    assert printable.title == view.current[1].title and target.preview
    assert window.actions_.print_document.isEnabled()
    window.workspaces.setCurrentIndex(0)
    reader = window.printing.current()
    assert reader is not None and reader.printable().title == window.reader.current[1].title  # type: ignore[union-attr]


def test_a_workspace_without_paper_prints_nothing(make_window: WindowFactory) -> None:
    """The calculator registers nothing to print: Print is disabled there and says so if forced."""
    window = make_window()
    calculator = window.findChild(CalculatorView)
    assert calculator is not None
    window.workspaces.setCurrentWidget(calculator)
    assert not window.actions_.print_document.isEnabled()
    assert window.printing.print_current() is None
    assert "Nothing to print" in window.status.label.text()


def test_return_in_the_print_dialog_means_print(make_window: WindowFactory, tmp_path: Path) -> None:
    """Return with focus on "Options >>" prints; the dialog is named for what prints; pages 2-3 only;
    copies chosen in the dialog are made (here by us: a PDF file cannot make copies itself)."""
    window = make_window()
    window.open_document("ketamine-iv-trd", "", "")
    printable = window.printing.current().printable()  # type: ignore[union-attr]
    assert printable is not None
    out = tmp_path / "printed.pdf"
    titles: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(50, answer)
            return
        titles.append(dialog.windowTitle())
        printers = dialog.findChild(QComboBox, "printers")
        printers.setCurrentIndex(printers.findText("Print to File (PDF)"))
        dialog.findChild(QLineEdit, "filename").setText(str(out))
        dialog.findChild(QRadioButton, "printRange").setChecked(True)
        dialog.findChild(QSpinBox, "to").setValue(3)
        dialog.findChild(QSpinBox, "from").setValue(2)
        dialog.findChild(QSpinBox, "copies").setValue(2)
        buttons = {b.text().replace("&", ""): b for b in dialog.findChildren(QPushButton)}
        assert buttons["Print"].isDefault()
        assert not any(b.autoDefault() for b in buttons.values())
        buttons["Options >>"].setFocus()
        QTest.keyClick(buttons["Options >>"], Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)
    printer = prepare_printer(printable, "Letter")
    pages = print_with_dialog(printable, "Letter", window, printer)
    assert titles == [f"Print protocol: {printable.title}"]
    assert pages == [2, 3]
    reader = PdfReader(out)
    assert printer.copyCount() == 2
    copies = 1 if printer.supportsMultipleCopies() else 2
    assert len(reader.pages) == 2 * copies and round(float(reader.pages[0].mediabox.width)) == 612


def test_paper_survives_the_dialog_resetting_it() -> None:
    """Qt's dialog puts the printer's default paper back; ours wins unless Properties was opened."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout("Letter"))
    dialog = make_dialog(printer, Printable("<p>x</p>", PageDecor("", "", ()), "x", "x.pdf", "test"), None)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    settle_page_layout(printer, dialog, "Letter")
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    dialog.setProperty("protocolDeskPropertiesOpened", True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    settle_page_layout(printer, dialog, "Letter")
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4


def test_paper_defaults_from_the_configuration(make_window: WindowFactory) -> None:
    """`print.paper` (site or user) is the paper every print bar and the Reader start from."""
    save_user_setting(app_paths().ensure(), "print.paper", "Letter")
    window = make_window()
    view = window.findChild(HandoutView)
    assert view is not None and view.print_bar.page_size_name() == "Letter"
    window.open_document("ketamine-iv-trd", "", "")
    assert window.printing.current().paper() == "Letter"  # type: ignore[union-attr]
    assert SettingsDialog(window.services.config, window).values()["print.paper"] == "Letter"
