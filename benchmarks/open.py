"""Opening a document (offscreen, bundled pack): from the window's open_document (what activating a
search result, a browse entry or a link calls) to the document painted on screen, measured in the
normal event loop (the paint is timed from an event filter on the reader's viewport, nothing polls).

Anchor, same run, alternated with it: a bare QTextBrowser of the same size showing the same HTML
(the reader's own renderer makes it) to its paint: what Qt itself takes to lay out and paint it.
The difference is the reader's own work: outline, links list, header, highlights, reading measure.

    .venv/bin/python benchmarks/open.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def measure(rounds: int) -> dict[str, list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PROTOCOL_DESK_HOME"] = tempfile.mkdtemp(prefix="pd-bench-")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QTextBrowser

    from app.gui.app import create_application
    from app.gui.main_window import MainWindow
    from app.render.html import document_html

    application = create_application()
    window = MainWindow(ask_disclaimer=False)
    window.resize(1440, 900)
    window.show()
    bare = QTextBrowser()
    times: dict[str, list[float]] = {"app": [], "bare": []}
    steps: list[tuple[str, Callable[[], None]]] = []

    class Painted(QObject):
        """Stops the clock at the first paint after a step started, then starts the next step."""

        def __init__(self) -> None:
            super().__init__()
            self.which = ""
            self.started = 0.0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint or not self.which:
                return False
            # Paint now through the browser (its viewport's own event() would skip paintEvent).
            browser = window.document.browser if self.which == "app" else bare
            browser.viewportEvent(event)
            times[self.which].append((time.perf_counter() - self.started) * 1000)
            self.which = ""
            QTimer.singleShot(30, next_step)
            return True

    painted = Painted()
    window.document.browser.viewport().installEventFilter(painted)
    bare.viewport().installEventFilter(painted)

    def next_step() -> None:
        if not steps:
            application.quit()
            return
        which, action = steps.pop(0)
        painted.which, painted.started = which, time.perf_counter()
        action()

    def ready() -> None:
        if not window.index_ready:
            return
        documents = [
            (pack, document) for pack in window.services.packs.packs for document in pack.documents.values()
        ]
        bare.resize(window.document.browser.size())
        bare.show()
        theme, size = window.reader.theme, window.reader.text_size
        placeholders = window.services.placeholders()
        for _ in range(rounds):
            for pack, document in documents:  # consecutive opens are of different documents
                html = document_html(
                    pack, document, theme, size, placeholders=placeholders, show_outline=False
                )
                steps.append(("app", lambda d=document.id: window.open_document(d, "", "")))
                steps.append(("bare", lambda h=html: bare.setHtml(h)))
        print(f"{len(documents)} documents, {rounds} rounds, window {window.width()}x{window.height()}")
        QTimer.singleShot(200, next_step)

    window.packs_for_search.connect(lambda _: QTimer.singleShot(0, ready))
    application.exec()
    window.close()
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    times = measure(args.rounds)
    for which, label in (("app", "open_document to painted"), ("bare", "bare QTextBrowser, same HTML")):
        values = times[which]
        print(
            f"{label:32s} p50 {statistics.median(values):6.1f} ms  p95 {percentile(values, 0.95):6.1f} ms  "
            f"max {max(values):6.1f} ms  ({len(values)} opens)"
        )
    ratio = statistics.median(times["app"]) / statistics.median(times["bare"])
    print(f"ratio of medians: {ratio:.2f}x the bare browser")


if __name__ == "__main__":
    main()
