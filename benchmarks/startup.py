"""Benchmark: time from starting the app to its main window on screen with the search field painted.

python benchmarks/startup.py [--exe dist/protocol-desk/protocol-desk-gui] [--runs 5]

The app runs offscreen and unmodified. Qt's own painting log (`qt.widgets.painting`) says when the
main window's first frame holding the search field is flushed to the window: that moment, measured
from just before the process is started, is the launch time. The first run uses a fresh profile
(the search index is built), the others reuse it. The painting log itself costs a little, so the
figures are slightly pessimistic. Target: 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EXE = ROOT / "dist" / "protocol-desk" / "protocol-desk-gui"
TIMEOUT = 30.0


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QT_LOGGING_RULES="qt.widgets.painting=true",
        PROTOCOL_DESK_HOME=str(home),
        PROTOCOL_DESK_SITE_CONFIG=str(home / "no-site.toml"),
    )
    return env


def _is_ready(line: str, seen_field: bool) -> tuple[bool, bool]:
    """(search field painted yet, main window flushed after it)."""
    if "Drawing" in line and "QLineEdit" in line:
        return True, False
    return seen_field, seen_field and "Flushing" in line and "of MainWindow" in line


def launch_seconds(command: list[str], home: Path) -> float:
    """Seconds until the first frame of the main window with its search field; the app is then stopped."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=_environment(home), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_pump, args=(process, lines), daemon=True).start()
    seen_field = False
    try:
        while time.perf_counter() - started < TIMEOUT:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen_field, ready = _is_ready(line, seen_field)
            if ready:
                return time.perf_counter() - started
        raise RuntimeError("the main window never showed a search field (is this the GUI executable?)")
    finally:
        process.kill()
        process.wait()


def _pump(process: subprocess.Popen[str], lines: queue.Queue[str]) -> None:
    assert process.stderr is not None
    for line in process.stderr:
        lines.put(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE, help="GUI executable (frozen build)")
    parser.add_argument("--source", action="store_true", help="time `python -m app` instead")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    command = [sys.executable, "-m", "app"] if args.source else [str(args.exe)]
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        first = launch_seconds(command, home)
        warm = [launch_seconds(command, home) for _ in range(max(1, args.runs - 1))]
    print(f"command: {' '.join(command)}")
    print(f"first launch (fresh profile, index built): {first:.2f} s")
    median, worst = statistics.median(warm), max(warm)
    print(f"later launches: median {median:.2f} s, worst {worst:.2f} s ({len(warm)} runs)")


if __name__ == "__main__":
    main()
