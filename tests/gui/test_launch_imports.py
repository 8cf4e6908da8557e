"""What the first window imports before its search field is on screen: nothing for printing (until
first printed), nor pydantic and the pack models (the load thread imports them after the first
paint), nor importlib.metadata (About's licence list). Checked in a fresh process, since this one
has imported everything already."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

NOT_BEFORE_THE_FIRST_PAINT = [
    "PySide6.QtPrintSupport",
    "app.gui.printing",
    "app.export.pdf",
    "pydantic",
    "app.core.model.alerts",
    "app.core.packs.loader",
    "importlib.metadata",
]

PROBE = """
import json, sys
from PySide6.QtCore import QEvent, QObject
from app.gui.app import create_application
application = create_application()
from app.gui.main_window import MainWindow
window = MainWindow(ask_disclaimer=False)
seen = {}
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen.update((name, name in sys.modules) for name in json.loads(sys.argv[1]))
            application.quit()
        return False
first_paint = FirstPaint()
window.search.field.installEventFilter(first_paint)
window.show()
application.exec()
print(json.dumps(seen))
"""


def test_nothing_for_printing_or_the_models_before_the_first_paint(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PROTOCOL_DESK_HOME": str(tmp_path)}
    # The app's own imports are measured: not those of the clock-moving tool under `make pytest-future`.
    env.pop("TEST_CALENDAR_AT", None)
    names = json.dumps(NOT_BEFORE_THE_FIRST_PAINT)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, names], capture_output=True, text=True, cwd=REPO, env=env, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == dict.fromkeys(NOT_BEFORE_THE_FIRST_PAINT, False)
