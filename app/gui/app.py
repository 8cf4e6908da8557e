"""Start the desktop app: QApplication, the main window, the event loop."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import APP_ID, APP_NAME, ORG_NAME, __version__
from app.core.system.logs import start_logging
from app.core.system.paths import is_frozen, resources_dir
from app.gui.platform_check import missing_system_library


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="protocol-desk")
    parser.add_argument("--packs", action="append", type=Path, default=[])
    parser.add_argument("--log-level", default=None)
    parser.add_argument(
        "--author", type=Path, default=None, help="watch this pack folder and reload it on change"
    )
    return parser.parse_args(argv)


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # On X11 the window's WM_CLASS instance name is argv[0]'s base name. Started as protocol-desk-gui,
    # protocol-desk, `python -m app` or __main__.py, it is always the app id, which the desktop entry
    # names as StartupWMClass: docks then tie the running window to its launcher.
    application = QApplication([APP_ID])
    application.setApplicationName(APP_NAME)
    application.setOrganizationName(ORG_NAME)
    application.setApplicationVersion(__version__)
    application.setDesktopFileName(APP_ID)
    icon = resources_dir() / "icons" / "protocol-desk-256.png"
    if icon.exists():
        application.setWindowIcon(QIcon(str(icon)))
    return application


def run_gui(argv: list[str]) -> int:
    args = parse_gui_args(argv)
    start_logging(args.log_level)  # rotating log file; an uncaught exception leaves its traceback there
    hint = missing_system_library()
    if hint is not None and not is_frozen():  # the frozen build carries the library itself
        logging.getLogger(__name__).error(hint)
        print(hint, file=sys.stderr)
        return 1
    application = create_application()
    from app.gui.main_window import MainWindow

    author = [args.author] if args.author is not None else []
    window = MainWindow(extra_pack_folders=[*args.packs, *author])
    if args.author is not None:
        from app.gui.features.author.feature import install as install_author_mode

        install_author_mode(window, args.author, window.reload)
    window.show()
    return application.exec()
