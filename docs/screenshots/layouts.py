"""The window at 1024x700 and 1920x1080 in light, dark and high contrast: a protocol opened at a
section, a checklist run, a handout and an empty workspace. Run under a virtual screen:

    xvfb-run -a -s '-screen 0 1920x1080x24' .venv/bin/python docs/screenshots/layouts.py

Writes layout-<size>-<theme>-<view>.png beside this file; look at every one.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ["PROTOCOL_DESK_HOME"] = tempfile.mkdtemp(prefix="pd-layouts-")
os.environ["PROTOCOL_DESK_SITE_CONFIG"] = str(Path(os.environ["PROTOCOL_DESK_HOME"]) / "site.toml")
Path(os.environ["PROTOCOL_DESK_SITE_CONFIG"]).write_text(
    '[placeholders]\nclinic_name = "Riverside Clinic"\nclinic_phone = "0161 496 0000"\n'
    'emergency_number = "999"\ncrisis_line = "116 123"\n',
    encoding="utf-8",
)

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from app.core import model  # noqa: E402
from app.gui.app import create_application  # noqa: E402
from app.gui.features.runs.feature import ChecklistRuns  # noqa: E402
from app.gui.main_window import MainWindow  # noqa: E402

SIZES = {"1024x700": (1024, 700), "1920x1080": (1920, 1080)}
THEMES = ("light", "dark", "high-contrast")


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def protocol(window: MainWindow) -> None:
    window.open_document("esketamine-trd", "dosing", "")


def run(window: MainWindow) -> None:
    found = window.services.packs.find("esketamine-session-monitoring")
    feature = window.findChild(ChecklistRuns)
    assert found is not None and feature is not None and isinstance(found[1], model.Checklist)
    feature.begin(found[0], found[1], "Chair 2, morning", datetime.now(UTC))


def handout(window: MainWindow) -> None:
    window.open_document("esketamine-treatment-day", "", "")
    for button in window.context_bar.findChildren(object):
        if getattr(button, "text", None) and callable(button.text) and "Handout" in str(button.text()):
            button.click()
            return


def empty(window: MainWindow) -> None:
    window.workspaces.setCurrentIndex(window.workspaces.count() - 1)


VIEWS: dict[str, Callable[[MainWindow], None]] = {
    "protocol": protocol,
    "run": run,
    "handout": handout,
    "empty": empty,
}


def main() -> None:
    create_application()
    window = MainWindow(ask_disclaimer=False)
    window.show()
    for _ in range(400):
        if window.index_ready:
            break
        wait(50)
    for theme in THEMES:
        window._save("display.theme", theme)
        window.apply_theme()
        for size, (width, height) in SIZES.items():
            window.resize(width, height)
            for view, show in VIEWS.items():
                window.workspaces.setCurrentIndex(0)
                window.status.loaded(window.services.packs)  # no message left over from the last view
                show(window)
                wait(400)
                name = f"layout-{size}-{theme}-{view}.png"
                window.grab().save(str(HERE / name))
                print("saved", name)
    window.close()


if __name__ == "__main__":
    main()
