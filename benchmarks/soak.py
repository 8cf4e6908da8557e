"""Soak benchmark: the window kept open as on a working day. It is driven through --searches
searches (the field's text, the panel's submit, the search thread, the results shown) and opens
the top hit of every tenth, with a synthetic pack of --docs documents beside the bundled one;
resident memory (RSS, Linux /proc) is sampled every 100 searches. The anchor is the window's own
RSS after the first 100 searches: the target is to stay within 10 % of it.

    .venv/bin/python benchmarks/soak.py [--searches 2000] [--docs 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

QUERIES = ["blood pressure", "dissociation", "ketamine dose", "nausea", "spravato", "bp", "driving"]
QUERIES += ["sedation", "discharge", "pulse oximetry", "esketamin", "monitoring", "fasting", "mania"]


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def soak(searches: int, docs: int) -> dict[int, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PROTOCOL_DESK_HOME"] = tempfile.mkdtemp(prefix="pd-soak-")
    from PySide6.QtCore import QTimer

    from app.gui.app import create_application
    from app.gui.main_window import MainWindow
    from benchmarks.synth import generate_pack

    application = create_application()
    extra = []
    if docs:
        extra.append(generate_pack(Path(tempfile.mkdtemp(prefix="pd-synth-")), docs, pack_id="synthetic"))
    window = MainWindow(extra_pack_folders=extra, ask_disclaimer=False)
    window.show()
    panel = window.search
    samples: dict[int, float] = {}
    state = {"done": 0, "opens": 0}
    started = time.perf_counter()

    def step() -> None:
        if state["done"] == searches:
            application.quit()
            return
        panel.field.blockSignals(True)  # submit at once, as the debounce timer would
        panel.field.setText(QUERIES[state["done"] % len(QUERIES)])
        panel.field.blockSignals(False)
        panel.submit()

    def shown() -> None:
        if not window.index_ready or panel.generation == 0:
            return
        state["done"] += 1
        if state["done"] % 10 == 0 and panel.model.hits:
            hit = panel.model.hits[0]
            window.open_document(hit.doc_id, hit.section_id, panel.field.text())
            state["opens"] += 1
        if state["done"] % 100 == 0:
            samples[state["done"]] = rss_mb()
        QTimer.singleShot(0, step)

    panel.model.modelReset.connect(shown)  # results in the list: on to the next search
    window.packs_for_search.connect(lambda _: QTimer.singleShot(0, step))
    application.exec()
    elapsed = time.perf_counter() - started
    window.close()
    print(f"soak: {searches} searches and {state['opens']} document opens, bundled pack + {docs} synthetic")
    print(f"documents, {elapsed:.0f} s; RSS by searches done:")
    for done, value in samples.items():
        print(f"  {done:>5}: {value:7.0f} MB  ({value / samples[100]:.3f}x the RSS after 100)")
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--searches", type=int, default=2000)
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pd-soak-") as tmp:
        tempfile.tempdir = tmp  # the profile and the synthetic pack go here, and go away after
        soak(args.searches, args.docs)


if __name__ == "__main__":
    main()
