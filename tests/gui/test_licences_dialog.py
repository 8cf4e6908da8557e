"""About -> Third-party licences: the licence inventory of what the build bundles."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.packs.roots import default_roots, load_packs
from app.core.system.paths import app_paths, install_root
from app.gui.dialogs.about import AboutDialog


def test_about_opens_the_third_party_licences(qtbot: QtBot) -> None:
    about = AboutDialog(load_packs(default_roots([])), app_paths())
    qtbot.addWidget(about)
    dialog = about.show_licences()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert "pydantic" in text.lower() and "pyside6" in text.lower()
    assert not (install_root() / "THIRD-PARTY-LICENSES").exists()  # from source: made from metadata
