"""Take the README screenshots from inside the app, under a virtual screen.

    xvfb-run -a -s '-screen 0 1440x900x24' .venv/bin/python docs/screenshots/take.py

Uses a throw-away profile (PROTOCOL_DESK_HOME) and the bundled content plus one broken test pack,
so the Pack problems view has something to show. Each shot is a function; features add theirs to
SHOTS. Look at every PNG after taking it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
os.environ["PROTOCOL_DESK_HOME"] = tempfile.mkdtemp(prefix="pd-shots-")
os.environ.setdefault("PROTOCOL_DESK_SITE_CONFIG", str(Path(os.environ["PROTOCOL_DESK_HOME"]) / "site.toml"))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.core.system.config import save_user_setting  # noqa: E402
from app.core.system.paths import app_paths  # noqa: E402
from app.gui.app import create_application  # noqa: E402
from app.gui.main_window import MainWindow  # noqa: E402

BROKEN = REPO / "tests" / "data" / "broken" / "unquoted-no"


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, name: str) -> None:
    wait(150)
    widget.grab().save(str(HERE / f"{name}.png"))
    print(f"saved {name}.png")


def ready_window(theme: str = "light") -> MainWindow:
    save_user_setting(app_paths().ensure(), "display.theme", theme)
    window = MainWindow(extra_pack_folders=[BROKEN], ask_disclaimer=False)
    window.resize(1400, 860)
    window.show()
    for _ in range(200):
        if window.index_ready:
            break
        wait(50)
    return window


def shot_main(theme: str) -> None:
    window = ready_window(theme)
    window.search.field.setText("bp before spravato")
    wait(800)
    save(window, f"main-{theme}")
    window.close()


def shot_document() -> None:
    window = ready_window()
    window.search.field.setText("blood pressure 40 minutes")
    wait(800)
    window.open_document("esketamine-trd", "monitoring", "blood pressure")
    save(window, "document")
    window.close()


def shot_problems() -> None:
    from app.gui.dialogs.problems import ProblemsDialog

    window = ready_window()
    save(window, "status-skipped")
    dialog = ProblemsDialog(window.services.packs, window)
    dialog.resize(1000, 420)
    dialog.show()
    save(dialog, "pack-problems")
    dialog.close()
    window.close()


def shot_settings() -> None:
    from app.core.distribution.policy import configured_roots
    from app.gui.dialogs.settings import SettingsDialog

    window = ready_window()
    roots = configured_roots(window.services.config, window.services.pack_folders())
    dialog = SettingsDialog(window.services.config, window, [f"{r.path}  ({r.origin.value})" for r in roots])
    dialog.show()
    save(dialog, "settings")
    dialog.close()
    window.close()


SHOTS: dict[str, Callable[[], None]] = {
    "settings": shot_settings,
    "main-light": lambda: shot_main("light"),
    "main-dark": lambda: shot_main("dark"),
    "document": shot_document,
    "problems": shot_problems,
}


def _study_history(window: MainWindow) -> Any:
    """Thirty days of answers on a fake clock (a few rest days), so the progress chart has bars."""
    from app.core.study.scheduler import Rating
    from app.core.study.session import StudySession
    from app.gui.features.study.feature import StudyFeature

    feature = window.findChild(StudyFeature)
    today = datetime(2026, 3, 2, 18, 0).astimezone()
    clock = [today - timedelta(days=29)]
    feature.store.now = lambda: clock[0]
    feature.sync(force=True)
    pattern = [3, 3, 1, 3, 4, 3, 2, 3, 3, 1, 3, 4, 3]
    for day in range(30):
        clock[0] = today - timedelta(days=29 - day)
        if day in {4, 10, 11, 17}:
            continue
        session = StudySession(feature.store, feature.items, 12)
        for n in range(6 + (day * 7) % 17):
            if session.current is None:
                break
            session.answer(Rating(pattern[(day + n) % len(pattern)]))
            clock[0] += timedelta(seconds=45)
    clock[0] = today + timedelta(hours=1)
    return feature


def shot_study() -> None:
    from app.core.study.decks import DeckKind

    window = ready_window()
    feature = _study_history(window)
    decks = [d for d in feature.decks if d.kind is DeckKind.CARDS]
    deck = next(d for d in decks if d.value.endswith("/ketamine-iv-cards"))
    feature.start(deck)
    current = feature.workspace.session.session.current
    # As if a pack update had changed this card's source section since it was last studied.
    with feature.store.db.transaction() as sql:
        sql.execute("UPDATE study_cards SET fingerprint = 'before-update' WHERE card_key = ?", (current.key,))
    feature.sync(force=True)
    feature.open_session()
    feature.workspace.session.reveal()
    save(window, "study-session")
    feature.open_progress()
    save(window, "study-progress")
    window.close()


SHOTS["study"] = shot_study


def _site_details(**values: str) -> None:
    save_user_setting(app_paths().ensure(), "placeholders", values)


def shot_checklist_run() -> None:
    """A run 40 minutes after the dose: timer, the next timepoint, alerts with words and icons."""
    from datetime import UTC

    from app.gui.features.runs.feature import ChecklistRuns

    window = ready_window()
    feature = window.findChild(ChecklistRuns)
    pack, checklist = window.services.packs.find("esketamine-session-monitoring")
    view = feature.begin(pack, checklist, "Chair 2, morning", datetime.now(UTC) - timedelta(minutes=40))
    for point, item, value in [
        ("pre-dose", "pre-sbp", "152"),
        ("pre-dose", "pre-dbp", "88"),
        ("pre-dose", "pre-spo2", "97"),
        ("dosing", "devices-given", "2"),
        ("bp-40-min", "spo2-40", "91"),
    ]:
        row = view.row(point, item)
        row.field.setText(value)
        row.field.editingFinished.emit()
    view.row("pre-dose", "pre-moaas").combo.setCurrentIndex(1)
    view.row("pre-dose", "pre-moaas").combo.activated.emit(1)
    view.row("pre-dose", "history-hypertensive-encephalopathy").answers.buttons()[1].click()
    save(window, "checklist-run")
    window.close()


def shot_handout() -> None:
    """The large-print handout with two site details set and the others marked as not set."""
    from app.gui.features.handouts.view import HandoutView

    _site_details(clinic_name="Riverside Clinic", clinic_phone="0100 200 300")
    window = ready_window()
    window.open_document("esketamine-treatment-day", "", "")
    view = window.findChild(HandoutView)
    view.show_handout(*window.services.packs.find("esketamine-treatment-day"), window.services.placeholders())
    window.show_workspace(view)
    save(window, "handout")
    window.close()
    _site_details()


def shot_calculator() -> None:
    """The IV ketamine calculator with the content's worked example (70 kg at 0.5 mg/kg)."""
    from app.gui.features.calc.view import CalculatorView

    window = ready_window()
    view = window.findChild(CalculatorView)
    view.show_calculator(*window.services.packs.find("ketamine-iv-dose"))
    view.set_value("weight", "70")
    window.show_workspace(view)
    save(window, "calculator")
    window.close()


def shot_print_preview() -> None:
    """Print on the handout: the pages exactly as they will print, before the print dialog."""
    from app.gui.features.handouts.view import HandoutView
    from app.gui.widgets.page_preview import PagePreview

    _site_details(clinic_name="Riverside Clinic", clinic_phone="0100 200 300", emergency_number="112")
    window = ready_window()
    view = window.findChild(HandoutView)
    view.show_handout(*window.services.packs.find("esketamine-treatment-day"), window.services.placeholders())
    window.show_workspace(view)
    preview = PagePreview(view.printable(), view.print_bar.page_size_name(), window)
    preview.resize(760, 820)
    preview.show()
    save(preview, "print-preview")
    preview.close()
    window.close()
    _site_details()


SHOTS["print-preview"] = shot_print_preview
SHOTS["checklist-run"] = shot_checklist_run
SHOTS["handout"] = shot_handout
SHOTS["calculator"] = shot_calculator


def main() -> None:
    application = create_application()
    wanted = sys.argv[1:] or list(SHOTS)
    for name in wanted:
        SHOTS[name]()
    QApplication.processEvents()
    application.quit()


if __name__ == "__main__":
    main()
