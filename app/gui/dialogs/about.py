"""About: the app's version and each pack's version, publisher, release date and status.

"Third-party licences" shows the licence inventory of what the build bundles (app.core.licences).
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.core.licences import third_party_licences
from app.core.pack import PackSet
from app.core.problems import Level


def about_html(packs: PackSet) -> str:
    rows = []
    for pack in packs.packs:
        m = pack.manifest
        warnings = sum(p.severity is Level.WARNING for p in pack.problems)
        status = "Valid" + (f", {warnings} warning(s)" if warnings else "")
        rows.append((m.title, m.version, m.publisher, m.released.isoformat(), status, pack.origin.value))
    for failed in packs.failed:
        version = failed.manifest.version if failed.manifest else "?"
        rows.append(
            (
                failed.title,
                version,
                "",
                "",
                f"Not loaded: {len(failed.problems)} problem(s)",
                failed.origin.value,
            )
        )
    cells = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f"<h2>{APP_NAME} {__version__}</h2><p>Offline clinical reference. It makes no network connection.</p>"
        "<h3>Content packs</h3><table border='1' cellspacing='0' cellpadding='4'>"
        "<tr><th>Pack</th><th>Version</th><th>Publisher</th><th>Released</th><th>Status</th><th>Source</th></tr>"
        f"{cells}</table>"
    )


class AboutDialog(QDialog):
    def __init__(self, packs: PackSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.resize(760, 360)
        text = QTextBrowser(self)
        text.setAccessibleName("About")
        text.setHtml(about_html(packs))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.licences_button = QPushButton("Third-party &licences", self)
        buttons.addButton(self.licences_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.licences_button.clicked.connect(self.show_licences)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)

    def show_licences(self) -> LicencesDialog:
        dialog = LicencesDialog(self)
        dialog.open()
        return dialog


class LicencesDialog(QDialog):
    """The bundled components and their licence texts, read-only and searchable with the keyboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Third-party licences")
        self.resize(820, 600)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Third-party licences")
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(third_party_licences())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
