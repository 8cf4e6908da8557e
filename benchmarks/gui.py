"""Benchmarks for the desktop window (offscreen), each beside an anchor measured in the same run:

1. launch: process start to the first paint of a shown window's search field (it accepts typing),
   and to the results of a query typed at that moment painted (it answers), bundled pack, warm
   caches; anchor: a bare PySide6 window (QApplication + QLineEdit) to its field's first paint,
   runs alternated. Times stop at the events, not at the child's exit;
2. typing: keystroke to the results painted in the list, measured inside the normal event loop
   (the paint is timed from an event filter on the list's viewport, nothing polls), and the UI
   thread's CPU time per keystroke (time.thread_time from the key press to the next key press),
   with a synthetic pack of --docs documents beside the bundled one; anchor: a frame (16.7 ms).

    .venv/bin/python benchmarks/gui.py [--runs 7] [--docs 1000 10000] [--queries 120]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FIRST_PAINT = """
import os, time
STARTED = float(os.environ["BENCH_STARTED"])  # the parent's clock as it started this process
def stamp(what):
    print(what, time.perf_counter() - STARTED, flush=True)  # one monotonic clock for both
from PySide6.QtCore import QEvent, QObject
class FirstPaint(QObject):
    def __init__(self, then):
        super().__init__()
        self.then = then
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            watched.event(event)  # paint now, then report: the field is on screen
            stamp("PAINTED")
            self.then()
            return True
        return False
"""

CHILD_APP = (
    FIRST_PAINT
    + """
from app.gui.app import create_application
application = create_application()
from app.gui.main_window import MainWindow
window = MainWindow(ask_disclaimer=False)
panel = window.search
class Answered(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and panel.model.rowCount() > 0:
            watched.removeEventFilter(self)
            panel.results.viewportEvent(event)  # the results are on screen
            stamp("ANSWERED")
            application.quit()
            return True
        return False
answered = Answered()
def type_query():
    # As soon as the field is on screen, as a user would type: the answer may wait for the packs.
    panel.results.viewport().installEventFilter(answered)
    panel.field.insert(QUERY)
first_paint = FirstPaint(type_query)
window.search.field.installEventFilter(first_paint)
window.show()
window.search.field.setFocus()
application.exec()
window.close()
"""
)

CHILD_BARE = (
    FIRST_PAINT
    + """
from PySide6.QtWidgets import QApplication, QLineEdit
application = QApplication([])
field = QLineEdit()
first_paint = FirstPaint(application.quit)
field.installEventFilter(first_paint)
field.show()
field.setFocus()
application.exec()
"""
)
LAUNCH_QUERY = "blood pressure"


def _time_child(code: str, env: dict[str, str]) -> dict[str, float]:
    """Seconds from this process starting the child to each event the child stamps (its exit, with
    the threads it waits for, is not timed)."""
    env = {**env, "BENCH_STARTED": repr(time.perf_counter())}
    process = subprocess.run(
        [sys.executable, "-c", f"QUERY = {LAUNCH_QUERY!r}\n{code}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    stamps = dict(
        line.split() for line in process.stdout.splitlines() if line.startswith(("PAINTED", "ANSWERED"))
    )
    if "PAINTED" not in stamps:
        raise RuntimeError(f"the child never painted: {process.stderr[-2000:]}")
    return {what: float(seconds) for what, seconds in stamps.items()}


def launch(runs: int) -> dict[str, float]:
    home = tempfile.mkdtemp(prefix="pd-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PROTOCOL_DESK_HOME": home}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # warm means bytecode cached, as in an installed app
    _time_child(CHILD_APP, env)  # warm: the index and the pack cache are built once
    bare, painted, answered = [], [], []
    for _ in range(runs):
        bare.append(_time_child(CHILD_BARE, env)["PAINTED"])
        stamps = _time_child(CHILD_APP, env)
        painted.append(stamps["PAINTED"])
        answered.append(stamps["ANSWERED"])
    result = {"bare": statistics.median(bare), "app": statistics.median(painted)}
    result |= {"answered": statistics.median(answered)}
    result |= {"ratio": result["app"] / result["bare"], "answered_ratio": result["answered"] / result["bare"]}
    print(f"launch, median of {runs} alternated runs, warm caches, bundled pack:")
    print(f"  bare PySide6 window, field painted:   {result['bare']:.3f} s")
    print(f"  Protocol Desk, search field painted:  {result['app']:.3f} s  ({result['ratio']:.2f}x)")
    print(f"  Protocol Desk, query typed at once, results painted: {result['answered']:.3f} s", end="")
    print(f"  ({result['answered_ratio']:.2f}x)")
    return result


QUERIES = [
    "blood pressure",
    "dissociation",
    "esketamine monitoring",
    "ketamine dose",
    "sedation scale",
    "pulse oximetry",
    "nausea",
    "discharge",
    "pregnancy",
    "benzodiazepine",
    "bp",
    "spravato",
    "dissocation",
    "esketamin",
    "infusion rate",
    "bladder",
    "driving",
    "fasting",
    "crps",
    "mania",
]
SETTLE_MS = 250
"""Quiet time after typing the prefix, so each timed keystroke starts from an idle window."""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def typing(docs: int, count: int) -> dict[str, float]:  # noqa: C901 - one event-driven scenario
    """Keystroke to painted results and UI-thread CPU per keystroke, in the running event loop."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PROTOCOL_DESK_HOME"] = tempfile.mkdtemp(prefix="pd-bench-")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtTest import QTest

    from app.gui.app import create_application
    from app.gui.main_window import MainWindow
    from benchmarks.synth import generate_pack

    application = create_application()
    folder = generate_pack(Path(tempfile.mkdtemp(prefix="pd-synth-")), docs, pack_id="synthetic")
    window = MainWindow(extra_pack_folders=[folder], ask_disclaimer=False)
    window.show()
    panel = window.search
    latencies: list[float] = []
    busy: list[float] = []

    class Typist(QObject):
        """Types the last letter of each query and times it to the next paint showing its results."""

        def __init__(self) -> None:
            super().__init__()
            self.number = 0
            self.target = 0
            self.shown = 0
            self.key_at = self.cpu_at = 0.0
            self.timing = False

        def prepare(self) -> None:
            if self.timing:
                busy.append((time.thread_time() - self.cpu_at) * 1000)
                self.timing = False
            if self.number == count:
                application.quit()
                return
            query = QUERIES[self.number % len(QUERIES)]
            panel.field.setText(query[:-1])
            QTimer.singleShot(SETTLE_MS, lambda: self.strike(query[-1]))

        def strike(self, letter: str) -> None:
            self.target = panel.generation + 1
            self.key_at, self.cpu_at, self.timing = time.perf_counter(), time.thread_time(), True
            QTest.keyClick(panel.field, letter)  # delivered now, as the platform would deliver it

        def results_shown(self) -> None:
            # The list resets only for results of the newest query (see SearchPanel.show_results).
            self.shown = panel.generation

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint or not self.timing or self.shown < self.target:
                return False
            # Paint now through the list (the viewport's own event() would skip its paintEvent),
            # then stop the clock: the results are on screen.
            panel.results.viewportEvent(event)
            latencies.append((time.perf_counter() - self.key_at) * 1000)
            self.number += 1
            self.target = 1 << 60
            QTimer.singleShot(50, self.prepare)
            return True

    typist = Typist()
    started = time.perf_counter()

    def ready() -> None:
        if not window.index_ready:
            return
        # On the UI thread, as the list takes the results: the worker's signal would be delivered on
        # the search thread (a race with the window's own slot) or queued behind the repaint.
        panel.model.modelReset.connect(typist.results_shown)
        panel.results.viewport().installEventFilter(typist)
        elapsed = time.perf_counter() - started
        print(f"typing: {docs} synthetic documents + bundled pack ready in {elapsed:.1f} s")
        panel.field.setFocus()
        QTimer.singleShot(SETTLE_MS, typist.prepare)

    window.packs_for_search.connect(lambda _: QTimer.singleShot(0, ready))
    application.exec()
    window.close()
    return _report(docs, latencies, busy, panel.timer.interval())


def _report(docs: int, latencies: list[float], busy: list[float], debounce: int) -> dict[str, float]:
    result = {"docs": docs, "p50": statistics.median(latencies), "p95": percentile(latencies, 0.95)}
    result |= {"max": max(latencies), "busy_p50": statistics.median(busy)}
    result |= {"busy_p95": percentile(busy, 0.95), "busy_max": max(busy)}
    print(f"  keystroke to painted results, {len(latencies)} keystrokes: p50 {result['p50']:.1f} ms,")
    print(f"  p95 {result['p95']:.1f} ms, max {result['max']:.1f} ms (includes the {debounce} ms debounce)")
    print(f"  UI-thread CPU per keystroke: p50 {result['busy_p50']:.1f} ms, p95 {result['busy_p95']:.1f} ms,")
    print(f"  max {result['busy_max']:.1f} ms (anchor: one frame, 16.7 ms)")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--queries", type=int, default=120)
    parser.add_argument("--only", choices=("launch", "typing"))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = parser.parse_args()
    figures: dict[str, object] = {}
    if args.only in (None, "launch"):
        figures["launch"] = launch(args.runs)
    if args.only in (None, "typing"):
        for docs in args.docs:
            # Each size in its own process: one QApplication, and memory of one size only.
            call = f"g.typing({docs}, {args.queries})"
            # Its profile, index and synthetic pack in a temporary folder removed afterwards.
            setup = "import json, tempfile, benchmarks.gui as g; scratch = tempfile.TemporaryDirectory()"
            code = f"{setup}; tempfile.tempdir = scratch.name; print('JSON', json.dumps({call}))"
            command = [sys.executable, "-c", code]
            done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
            lines = done.stdout.splitlines()
            print("\n".join(line for line in lines if not line.startswith("JSON")))
            if done.returncode:
                print(done.stderr[-3000:], file=sys.stderr)
            found = [line[5:] for line in lines if line.startswith("JSON ")]
            figures[f"typing_{docs}"] = json.loads(found[0]) if found else None
    if args.json:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
