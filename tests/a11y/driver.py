"""Walk the real window through a screen-reader session, one step per line read from stdin.

Run by atspi_reader.py under the venv's Python on a virtual screen (QT_QPA_PLATFORM=xcb) with
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, so Qt publishes the window on the AT-SPI bus. Steps use the
keyboard where a user would (typing into the focused widget, Tab, Enter); a run is started and
finished through the feature's own calls because their confirmation dialogs are covered by
tests/gui. After each step it prints `done STEP`; an unknown step or an error prints `failed ...`.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSocketNotifier, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.core import model
from app.core.system.clock import utc_now
from app.core.system.config import save_user_setting
from app.core.system.paths import app_paths
from app.gui.app import create_application
from app.gui.features.runs.feature import ChecklistRuns
from app.gui.main_window import MainWindow

SITE_DETAILS = {
    "clinic_name": "Riverside Clinic",
    "clinic_phone": "0100 200 300",
    "after_hours_phone": "0100 900",
    "emergency_number": "112",
    "crisis_line": "Crisis Line 0800 111",
}
"""What Settings > Site details for handouts holds at a clinic, so the handout can be printed."""
CHECKLIST = "esketamine-session-monitoring"
HANDOUT = "esketamine-treatment-day"


class Driver:
    def __init__(self, window: MainWindow, scratch: Path, out: Path) -> None:
        self.window, self.scratch, self.out = window, scratch, out
        self.steps: dict[str, Callable[[], None]] = {
            "ready": self.ready,
            "search": lambda: self.type_text("monitoring"),
            "open_result": self.open_result,
            "read_on": self.read_on,
            "search_cards": self.search_cards,
            "open_checklist": lambda: window.open_document(CHECKLIST, "", ""),
            "tab_around": self.tab_around,
            "start_run": self.start_run,
            "enter_alert": lambda: self.enter("pre-dose", "pre-sbp", "200"),
            "enter_refused": lambda: self.enter("pre-dose", "pre-dbp", "900"),
            "finish_run": lambda: self.runs().view.finish(confirm=False),  # type: ignore[union-attr]
            "open_handout": self.open_handout,
            "print_handout": self.print_handout,
        }

    def runs(self) -> ChecklistRuns:
        feature = self.window.findChild(ChecklistRuns, "checklist-runs")
        assert feature is not None
        return feature

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type_text(self, text: str) -> None:
        QTest.keyClicks(self.focus(), text)

    def key(self, key: Qt.Key) -> None:
        QTest.keyClick(self.focus(), key)

    def ready(self) -> None:
        self.window.activateWindow()
        self.window.search.field.setFocus()

    def read_on(self) -> None:
        """Down arrow twice in the document: the caret moves, and a reader follows it."""
        for _ in range(2):
            self.key(Qt.Key.Key_Down)
            QTest.qWait(60)

    def search_cards(self) -> None:
        """Study cards only, for words inside cloze deletions (`{{c1::twice weekly}}`)."""
        search = self.window.search
        search.kind.setCurrentIndex(search.kind.findText("Study cards"))
        search.field.setFocus()
        search.field.selectAll()
        self.type_text("twice weekly")

    def open_result(self) -> None:
        self.key(Qt.Key.Key_Down)
        self.key(Qt.Key.Key_Return)

    def tab_around(self) -> None:
        """Tab from the focus until it comes back (or 80 stops); the reader records every stop, and
        `tab_around.stops.json` holds each stop's class and accessible name for the test."""
        start, stops = self.focus(), []
        for _ in range(80):
            before = self.focus()
            self.key(Qt.Key.Key_Tab)
            # On a real screen the key goes through the window system's queue: wait for the move
            # (up to 2 s on a loaded machine) rather than a fixed time.
            for _ in range(100):
                QTest.qWait(20)
                if self.focus() is not before:
                    break
            stops.append(f"{type(self.focus()).__name__}: {self.focus().accessibleName()}")
            if self.focus() is start:
                break
        (self.out / "tab_around.stops.json").write_text(json.dumps(stops, ensure_ascii=False))

    def start_run(self) -> None:
        found = self.window.services.packs.find(f"ketamine-therapy/{CHECKLIST}")
        assert found is not None
        pack, checklist = found
        assert isinstance(checklist, model.Checklist)
        self.runs().begin(pack, checklist, "Bay 3 morning", utc_now() - timedelta(minutes=5))

    def enter(self, timepoint: str, item: str, value: str) -> None:
        view = self.runs().view
        assert view is not None
        field = view.row(timepoint, item).field
        field.setFocus()
        QTest.keyClicks(field, value)
        self.key(Qt.Key.Key_Tab)

    def open_handout(self) -> None:
        self.window.open_document(HANDOUT, "", "")
        button = next(b for b in self.window.context_bar.buttons if b.text().startswith("Handout"))
        button.setFocus()
        self.key(Qt.Key.Key_Space)

    def print_handout(self) -> None:
        view = self.window.findChild(QWidget, "handout-view")
        assert view is not None
        view.print_bar.save_pdf(self.scratch / "handout.pdf")  # type: ignore[attr-defined]

    def handle(self, line: str) -> None:
        step = line.strip()
        try:
            self.steps[step]()
        except Exception as error:
            print(f"failed {step}: {type(error).__name__}: {error}", flush=True)
            return
        QTimer.singleShot(300, lambda: self.finish(step))

    def finish(self, step: str) -> None:
        """Record what each visible label shows, the text a reader should hear, then report."""
        shown = [
            label.text()
            for label in self.window.findChildren(QLabel)
            if label.isVisible() and label.textFormat() == Qt.TextFormat.PlainText and label.text().strip()
        ]
        (self.out / f"{step}.labels.json").write_text(json.dumps(shown, ensure_ascii=False))
        print(f"done {step}", flush=True)


def main() -> int:
    save_user_setting(app_paths().ensure(), "placeholders", SITE_DETAILS)
    application = create_application()
    window = MainWindow(ask_disclaimer=False)
    window.resize(1280, 860)
    window.show()
    driver = Driver(window, Path(tempfile.mkdtemp(prefix="a11y-driver-")), Path(os.environ["A11Y_OUT"]))
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def read_line() -> None:
        line = sys.stdin.readline()
        if not line:
            application.quit()
            return
        wait_until_ready(window, lambda: driver.handle(line))

    notifier.activated.connect(read_line)
    return application.exec()


def wait_until_ready(window: MainWindow, then: Callable[[], None]) -> None:
    """Steps run once the packs are loaded and indexed, as a user would wait for them."""
    if window.index_ready:
        then()
    else:
        QTimer.singleShot(100, lambda: wait_until_ready(window, then))


if __name__ == "__main__":
    sys.exit(main())
