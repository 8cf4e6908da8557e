"""About: the app's version and each pack's version, publisher, release date and status.

"Third-party licences" shows the licence inventory of what the build bundles (app.core.system.licences).
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
from app.core.packs.loaded import PackSet
from app.core.packs.problems import Level
from app.core.system.licences import third_party_licences
from app.core.system.logs import LOG_FILE
from app.core.system.paths import AppPaths, site_config_file
from app.core.wording import plural


def locations_html(paths: AppPaths) -> str:
    """Where this installation keeps things, for the user and for IT."""
    rows = [
        ("Your data (bookmarks, checklist runs, study)", paths.user_db),
        ("Your settings", paths.user_config_file),
        ("Site settings (managed by IT)", site_config_file()),
        ("Your packs", paths.user_packs),
        ("Search index (rebuilt when needed)", paths.index_db),
        ("Log", paths.logs / LOG_FILE),
    ]
    cells = "".join(
        f"<tr><td>{escape(what)}</td><td><code>{escape(str(where))}</code></td></tr>" for what, where in rows
    )
    mode = " (portable mode)" if paths.portable else ""
    return f"<h3>Where things are{mode}</h3><table cellpadding='3'>{cells}</table>"


def about_html(packs: PackSet) -> str:
    rows = []
    for pack in packs.packs:
        m = pack.manifest
        warnings = sum(p.severity is Level.WARNING for p in pack.problems)
        status = "Valid" + (f", {plural(warnings, 'warning')}" if warnings else "")
        rows.append((m.title, m.version, m.publisher, m.released.isoformat(), status, pack.origin.value))
    for failed in packs.failed:
        version = failed.manifest.version if failed.manifest else "?"
        rows.append(
            (
                failed.title,
                version,
                "",
                "",
                f"Not loaded: {plural(len(failed.problems), 'problem')}",
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
    def __init__(self, packs: PackSet, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.resize(820, 520)
        self.text = text = QTextBrowser(self)
        text.setAccessibleName("About")
        text.setHtml(about_html(packs) + locations_html(paths))
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
