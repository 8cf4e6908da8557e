"""Nothing shown as saved is lost: the real app records entries, is killed with SIGKILL, and on the next
start every entry is in user.db and the run is offered for resumption."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.core.runs.store import RunStore
from app.core.system.paths import app_paths
from app.core.userdata.db import UserDb
from app.gui.features.runs.runs_page import ResumeOffer
from tests.gui.conftest import WindowFactory

REPO = Path(__file__).resolve().parents[2]

DRIVER = r'''
"""Drives the real window: starts a run and enters values through the run view's widgets."""
import sys
from datetime import UTC, datetime

from PySide6.QtCore import QTimer

from app.gui.app import create_application
from app.gui.features.runs.feature import ChecklistRuns
from app.gui.main_window import MainWindow

ENTRIES = [
    ("pre-dose", "pre-sbp", "152"),
    ("pre-dose", "pre-dbp", "80"),
    ("pre-dose", "pre-dbp", "86"),
    ("pre-dose", "ride-home-arranged", "yes"),
    ("bp-40-min", "moaas-40", "4"),
    ("dosing", "device-not-primed", "true"),
    ("bp-40-min", "spo2-40", "91"),
]

LABEL = sys.argv[1] if len(sys.argv) > 1 else "Chair 5, crash test"
application = create_application()
window = MainWindow(ask_disclaimer=False)
window.show()


def enter(view, point, item, value):
    row = view.row(point, item)
    if item in ("pre-sbp", "pre-dbp", "spo2-40"):
        row.field.setText(value)
        row.field.editingFinished.emit()
    elif item == "ride-home-arranged":
        next(b for b in row.answers.buttons() if b.objectName() == value).click()
    elif item == "moaas-40":
        index = row.combo.findData(int(value))
        row.combo.setCurrentIndex(index)
        row.combo.activated.emit(index)
    else:
        row.check.click()
    return row.stored == value and row.status.text().startswith("\u2714 Saved")


def drive():
    if not window.services.packs.packs:
        QTimer.singleShot(50, drive)
        return
    feature = window.findChild(ChecklistRuns)
    pack, checklist = window.services.packs.find("esketamine-session-monitoring")
    view = feature.begin(pack, checklist, LABEL, datetime.now(UTC))
    print("RUN", view.run.info.id, flush=True)
    for point, item, value in ENTRIES:
        if enter(view, point, item, value):
            print("SAVED", point, item, value, flush=True)
    print("WAITING", flush=True)


QTimer.singleShot(0, drive)
sys.exit(application.exec())
'''


def _lines(process: subprocess.Popen[str], until: str, timeout: float) -> list[str]:
    """Stdout lines up to and including `until`, read on a thread so a hang fails instead of blocking."""
    found: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stream = process.stdout
    threading.Thread(target=lambda: [found.put(line) for line in stream], daemon=True).start()
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = found.get(timeout=0.5).strip()
        except queue.Empty:
            continue
        lines.append(line)
        if line == until:
            return lines
    pytest.fail(f"the app did not reach {until!r}; output so far: {lines}")


def _start(script: Path, label: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, str(script), label],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _killed(processes: list[subprocess.Popen[str]]) -> list[list[str]]:
    """Every driver's output up to WAITING, then SIGKILL for all of them."""
    try:
        return [_lines(process, "WAITING", timeout=120) for process in processes]
    finally:
        for process in processes:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)


def _check_saved(lines: list[str]) -> int:
    """Every entry the window showed as saved is in user.db, in order; returns the run id."""
    assert all(line.startswith(("RUN", "SAVED", "WAITING")) for line in lines), lines
    run_id = int(next(line for line in lines if line.startswith("RUN")).split()[1])
    saved = [tuple(line.split()[1:]) for line in lines if line.startswith("SAVED")]
    assert len(saved) == 7, lines
    db = UserDb.open(app_paths().user_db)
    assert db.notice is None, db.notice
    run = RunStore(db).load(run_id)
    assert run is not None and not run.info.finished
    recorded = [(e.timepoint_id, e.item_id, e.value) for e in run.entries]
    assert recorded == saved, "every saved entry, in order, nothing lost or changed"
    assert run.value("pre-dose", "pre-dbp") == "86"
    db.close()
    return run_id


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_entries_shown_as_saved_survive_sigkill(tmp_path: Path, make_window: WindowFactory) -> None:
    """Kill -9 after the entries are shown as saved; the next start finds all of them and offers the run."""
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    process = _start(script, "Chair 5, crash test")
    (lines,) = _killed([process])
    assert process.returncode == -signal.SIGKILL
    run_id = _check_saved(lines)

    window = make_window()
    offer = window.findChild(ResumeOffer)
    assert offer is not None and offer.isVisible() and offer.run_ids() == [run_id]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_two_instances_writing_at_once_survive_sigkill(tmp_path: Path, make_window: WindowFactory) -> None:
    """Two copies of the app on one profile (a shared workstation), both recording, both killed -9:
    no entry either showed as saved is lost, nothing is moved aside, and both runs are offered."""
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    processes = [_start(script, "Chair 5, crash test"), _start(script, "Chair 6, crash test")]
    outputs = _killed(processes)
    assert all(process.returncode == -signal.SIGKILL for process in processes)
    run_ids = sorted(_check_saved(lines) for lines in outputs)
    assert len(set(run_ids)) == 2
    assert not list(app_paths().user_db.parent.glob("user.db.damaged-*"))

    window = make_window()
    offer = window.findChild(ResumeOffer)
    assert offer is not None and sorted(offer.run_ids()) == run_ids
