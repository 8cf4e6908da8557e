"""PDF export needs a Qt application. Make it the widgets kind (pytest-qt's `qapp`), so that a GUI test
later in the same process does not find a bare QGuiApplication, on which creating a widget aborts."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _widgets_application(qapp: QApplication) -> QApplication:
    return qapp
