"""Start the desktop app: QApplication, the main window, the event loop."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app import APP_NAME, ORG_NAME, __version__


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="protocol-desk")
    parser.add_argument("--packs", action="append", type=Path, default=[])
    parser.add_argument("--log-level", default=None)
    return parser.parse_args(argv)


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    application = QApplication(sys.argv[:1])
    application.setApplicationName(APP_NAME)
    application.setOrganizationName(ORG_NAME)
    application.setApplicationVersion(__version__)
    return application


def run_gui(argv: list[str]) -> int:
    args = parse_gui_args(argv)
    application = create_application()
    from app.gui.main_window import MainWindow

    window = MainWindow(extra_pack_folders=list(args.packs))
    window.show()
    return application.exec()
